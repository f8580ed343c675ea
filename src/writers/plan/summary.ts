/**
 * Counts for people: per table and action (the contract's `summary`), per server, and the
 * destructive changes listed by name.
 */
import { qualified, TABLES } from '../../model/dc-schema.js';
import type { ActionCounts, PlanSummary, RowChange } from '../../model/plan.js';

/** Bucket for rows that belong to no single server (environment, global settings, licences…). */
export const NO_SERVER = '(all servers)';

const zero = (): ActionCounts => ({ create: 0, update: 0, delete: 0 });

/** `{ 'dc.Environment': {create, update, delete}, … }` for every table, in catalog order. */
export function summarizeChanges(changes: readonly RowChange[]): PlanSummary {
  const summary: PlanSummary = {};
  for (const def of TABLES) summary[qualified(def.name)] = zero();
  for (const change of changes) {
    const counts = summary[qualified(change.table)];
    if (counts) counts[change.action]++;
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
    counts[change.action]++;
  }
  const names = [...byServer.keys()].filter((n) => n !== NO_SERVER).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (byServer.has(NO_SERVER)) names.push(NO_SERVER);
  return Object.fromEntries(names.map((n) => [n, byServer.get(n) as ActionCounts]));
}

/** Totals over all tables. */
export function totals(changes: readonly RowChange[]): ActionCounts {
  const counts = zero();
  for (const change of changes) counts[change.action]++;
  return counts;
}

/** The changes that remove data, in plan order. */
export function destructiveChanges(changes: readonly RowChange[]): RowChange[] {
  return changes.filter((c) => c.action === 'delete');
}
