/**
 * Counts for people: per table and action (the contract's `summary`), per server, and the
 * destructive changes listed by name. Kept admin edits (ledger.md §2) are counted as `kept`
 * (only where there are any) and are never changes to write.
 */
import { qualified, TABLES } from '../model/index.js';
import type { ActionCounts, Plan, PlanSummary, RowChange } from '../model/index.js';

/** Bucket for rows that belong to no single server (environment, global settings, licences…). */
export const NO_SERVER = '(all servers)';

const zero = (): ActionCounts => ({ create: 0, update: 0, delete: 0 });

function count(counts: ActionCounts, change: RowChange): void {
  if (change.action === 'kept') counts.kept = (counts.kept ?? 0) + 1;
  else counts[change.action]++;
}

/** `{ 'dc.Environment': {create, update, delete}, … }` for every table, in catalog order (`kept` when any). */
export function summarizeChanges(changes: readonly RowChange[]): PlanSummary {
  const summary: PlanSummary = {};
  for (const def of TABLES) summary[qualified(def.name)] = zero();
  for (const change of changes) {
    const counts = summary[qualified(change.table)];
    if (counts) count(counts, change);
  }
  return summary;
}

/** Counts per server the rows belong to, servers sorted by name, {@link NO_SERVER} last. */
export function summarizeByServer(changes: readonly RowChange[]): Record<string, ActionCounts> {
  const byServer = new Map<string, ActionCounts>();
  for (const change of changes) {
    const name = change.server ?? NO_SERVER;
    let counts = byServer.get(name);
    if (!counts) byServer.set(name, (counts = zero()));
    count(counts, change);
  }
  const names = [...byServer.keys()].filter((n) => n !== NO_SERVER).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (byServer.has(NO_SERVER)) names.push(NO_SERVER);
  return Object.fromEntries(names.map((n) => [n, byServer.get(n) as ActionCounts]));
}

/** Totals over all tables. */
export function totals(changes: readonly RowChange[]): ActionCounts {
  const counts = zero();
  for (const change of changes) count(counts, change);
  return counts;
}

/** The changes that remove data, in plan order. */
export function destructiveChanges(changes: readonly RowChange[]): RowChange[] {
  return changes.filter((c) => c.action === 'delete');
}

/** The changes to write (create, update, delete): a plan's kept admin edits are shown, never written. */
export function writableChanges(changes: readonly RowChange[]): RowChange[] {
  return changes.filter((c) => c.action !== 'kept');
}

/** Whether applying the plan would write anything (a plan with only kept edits has no changes). */
export function hasChangesToWrite(plan: Pick<Plan, 'changes'>): boolean {
  return plan.changes.some((c) => c.action !== 'kept');
}
