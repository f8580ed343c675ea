/**
 * A saved plan's `summary` and `serverSummary` against its changes. The plan digest covers the
 * changes, not the counts: a count edited by hand would still read as signed off, so the reader
 * recounts and refuses a plan whose counts do not match (plan-file.ts).
 */
import type { PlanJson } from './plan-schema.js';

type Counts = { create: number; update: number; delete: number; kept?: number | undefined };
const ACTIONS = ['create', 'update', 'delete', 'kept'] as const;

function recount(changes: PlanJson['changes'], group: (c: PlanJson['changes'][number]) => string): Map<string, Record<(typeof ACTIONS)[number], number>> {
  const out = new Map<string, Record<(typeof ACTIONS)[number], number>>();
  for (const c of changes) {
    const name = group(c);
    let n = out.get(name);
    if (!n) out.set(name, (n = { create: 0, update: 0, delete: 0, kept: 0 }));
    n[c.action]++;
  }
  return out;
}

/** The first count that differs, as `summary dc.UserAccount create: 5 written, 3 changes`; undefined when all match. */
function firstMismatch(label: string, saved: Readonly<Record<string, Counts>>, counted: Map<string, Record<(typeof ACTIONS)[number], number>>): string | undefined {
  for (const name of new Set([...Object.keys(saved), ...counted.keys()])) {
    for (const action of ACTIONS) {
      // `kept` is written only where there are any: absent means none.
      const written = saved[name]?.[action] ?? 0;
      const real = counted.get(name)?.[action] ?? 0;
      if (written !== real) return `${label} ${name} ${action}: ${written} written, ${real} in its changes`;
    }
  }
  return undefined;
}

/** Where the plan's counts disagree with its changes (one place, for the message), or undefined. */
export function summaryMismatch(plan: Pick<PlanJson, 'summary' | 'serverSummary' | 'changes'>, noServer: string): string | undefined {
  return (
    firstMismatch('summary', plan.summary, recount(plan.changes, (c) => c.table)) ??
    firstMismatch('serverSummary', plan.serverSummary, recount(plan.changes, (c) => c.server ?? noServer))
  );
}
