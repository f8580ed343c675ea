/**
 * What ties a signed report to the applied plan: the saved plan's digest (the same that `apply`
 * prints), the target fingerprint it was computed against, its counts, and the admin edits it
 * keeps (ledger.md §2: changes with `action: "kept"` and `kept: { column: { base, actual, desired } }`).
 */
import { qualified, TABLES } from '../model/index.js';

/** The parts of a saved plan (plan-schema.ts `PlanJson`, plus `kept` where the ledger adds it) the report reads. */
export interface PlanForReport {
  planDigest: string;
  targetFingerprint: string;
  /** As saved; the sign-off counts the changes instead (the digest does not cover the summary). */
  summary: Readonly<Record<string, Readonly<Record<string, number>>>>;
  changes: readonly { table: string; key: Readonly<Record<string, unknown>>; action: string; kept?: unknown }[];
}

export interface KeptEdit {
  table: string;
  /** `UserName=anna.schmidt` (key columns in plan order): the consultant's form. */
  row: string;
  /** The row's key values, for the customer's words (`Einstellung chat.deleteAfterDays (alle Server)`). */
  key?: Readonly<Record<string, unknown>>;
  /** '' when the whole row is kept (deleted in DataCenter). */
  column: string;
  base: string;
  actual: string;
  desired: string;
}

export interface SignOff {
  planDigest: string;
  targetFingerprint: string;
  /** Per table with any count: create, update, delete, kept. */
  summary: { table: string; create: number; update: number; delete: number; kept: number }[];
  kept: KeptEdit[];
}

const show = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Every kept column of every `kept` change, in plan order. */
export function keptEdits(changes: PlanForReport['changes']): KeptEdit[] {
  const out: KeptEdit[] = [];
  for (const c of changes) {
    if (c.action !== 'kept') continue;
    const row = Object.entries(c.key).map(([k, v]) => `${k}=${show(v)}`).join(', ');
    const kept = c.kept && typeof c.kept === 'object' ? Object.entries(c.kept as Record<string, unknown>) : [];
    if (kept.length === 0) {
      out.push({ table: c.table, row, key: c.key, column: '', base: '', actual: '', desired: '' });
      continue;
    }
    for (const [column, v] of kept) {
      const three = (v ?? {}) as { base?: unknown; actual?: unknown; desired?: unknown };
      out.push({ table: c.table, row, key: c.key, column, base: show(three.base), actual: show(three.actual), desired: show(three.desired) });
    }
  }
  return out;
}

/**
 * The counts come from the plan's changes, never from its `summary`: the plan digest covers the
 * changes but not the summary, so an edited summary must not change what the customer signs.
 * Tables in catalog order (any table the catalog does not know, after them, as met).
 */
export function signOffFromPlan(plan: PlanForReport): SignOff {
  const counts = new Map<string, { create: number; update: number; delete: number; kept: number }>();
  for (const def of TABLES) counts.set(qualified(def.name), { create: 0, update: 0, delete: 0, kept: 0 });
  for (const c of plan.changes) {
    let row = counts.get(c.table);
    if (!row) counts.set(c.table, (row = { create: 0, update: 0, delete: 0, kept: 0 }));
    if (c.action === 'create' || c.action === 'update' || c.action === 'delete' || c.action === 'kept') row[c.action]++;
  }
  const summary = [...counts].map(([table, n]) => ({ table, ...n })).filter((r) => r.create + r.update + r.delete + r.kept > 0);
  return { planDigest: plan.planDigest, targetFingerprint: plan.targetFingerprint, summary, kept: keptEdits(plan.changes) };
}
