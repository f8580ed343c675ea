/**
 * What ties a signed report to the applied plan: the saved plan's digest (the same that `apply`
 * prints), the target fingerprint it was computed against, its counts, and the admin edits it
 * keeps (ledger.md §2: changes with `action: "kept"` and `kept: { column: { base, actual, desired } }`).
 */

/** The parts of a saved plan (plan-schema.ts `PlanJson`, plus `kept` where the ledger adds it) the report reads. */
export interface PlanForReport {
  planDigest: string;
  targetFingerprint: string;
  summary: Readonly<Record<string, Readonly<Record<string, number>>>>;
  changes: readonly { table: string; key: Readonly<Record<string, unknown>>; action: string; kept?: unknown }[];
}

export interface KeptEdit {
  table: string;
  /** `UserName=anna.schmidt` (key columns in plan order). */
  row: string;
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
      out.push({ table: c.table, row, column: '', base: '', actual: '', desired: '' });
      continue;
    }
    for (const [column, v] of kept) {
      const three = (v ?? {}) as { base?: unknown; actual?: unknown; desired?: unknown };
      out.push({ table: c.table, row, column, base: show(three.base), actual: show(three.actual), desired: show(three.desired) });
    }
  }
  return out;
}

export function signOffFromPlan(plan: PlanForReport): SignOff {
  // A summary written before the ledger has no `kept` count: count the kept changes then.
  const keptPerTable = new Map<string, number>();
  for (const c of plan.changes) if (c.action === 'kept') keptPerTable.set(c.table, (keptPerTable.get(c.table) ?? 0) + 1);
  const tables = [...new Set([...Object.keys(plan.summary), ...keptPerTable.keys()])];
  const summary = tables
    .map((table) => {
      const counts = plan.summary[table] ?? {};
      return { table, create: counts.create ?? 0, update: counts.update ?? 0, delete: counts.delete ?? 0, kept: counts.kept ?? keptPerTable.get(table) ?? 0 };
    })
    .filter((r) => r.create + r.update + r.delete + r.kept > 0);
  return { planDigest: plan.planDigest, targetFingerprint: plan.targetFingerprint, summary, kept: keptEdits(plan.changes) };
}
