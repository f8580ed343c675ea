/**
 * The plan for a terminal: summary first, the destructive changes right under it, then the
 * changes per table (the first N of each unless `limit: 'all'`). Colours only when asked.
 */
import { qualified } from '../../model/index.js';
import type { ActionCounts, ChangeAction, Plan, RowChange } from '../../model/index.js';
import {
  changedCells,
  changeLabel,
  countsPhrase,
  createdCells,
  DEFAULT_DETAIL_LIMIT,
  groupByTable,
  headline,
  keptCells,
  keyLabel,
  plural,
  shownCount,
  type DetailLimit,
} from './format.js';
import { EMPTY_FINGERPRINT } from '../digest.js';
import { formatProvenance } from '../provenance.js';
import { destructiveChanges, summarizeByServer, totals } from '../summary.js';

export interface TextRenderOptions {
  color: boolean;
  /** Changes shown per table (and destructive items listed); default {@link DEFAULT_DETAIL_LIMIT}. */
  limit?: DetailLimit;
  /** `--explain`: under each change, where its values came from (ledger.md §1). */
  explain?: boolean;
  /** The plan undoes this run (`undo`): titled so, and its deletes are the undo's, not `--prune`'s. */
  undoOf?: string;
  /** false: counts and destructive rows only, no per-table change list (`migrate` without --limit/--explain). */
  changeList?: boolean;
}

const SIGN: Record<ChangeAction, string> = { create: '+', update: '~', delete: '-', kept: '~ kept' };
const ANSI: Record<ChangeAction | 'bold' | 'dim', [number, number]> = {
  create: [32, 39],
  update: [33, 39],
  delete: [31, 39],
  kept: [36, 39],
  bold: [1, 22],
  dim: [2, 22],
};

export function renderPlanText(plan: Plan, opts: TextRenderOptions): string {
  const paint = (style: keyof typeof ANSI, s: string): string =>
    opts.color ? `\u001b[${ANSI[style][0]}m${s}\u001b[${ANSI[style][1]}m` : s;
  const limit = opts.limit ?? DEFAULT_DETAIL_LIMIT;
  const out: string[] = [];

  if (opts.undoOf !== undefined) out.push(paint('bold', `Undo of run ${opts.undoOf}: restores what the target held before it`));
  out.push(paint('bold', headline(totals(plan.changes))));
  // An undo plans with prune internally (it removes what the run created); saying `--prune` would name an option nobody gave.
  out.push(`Target: ${plan.targetFingerprint === EMPTY_FINGERPRINT ? 'empty database' : `fingerprint ${plan.targetFingerprint.slice(0, 12)}…`}${plan.prune && opts.undoOf === undefined ? ', with --prune' : ''}`);
  const errors = plan.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0) out.push(paint('delete', `Refused: ${plural(errors, 'error')} in the diagnostics; nothing will be applied.`));
  if (plan.changes.length === 0) return `${out.join('\n')}\n`;

  const tableRows = Object.entries(plan.summary).filter(([, c]) => c.create + c.update + c.delete > 0);
  out.push('', ...countTable('Table', [...tableRows, ['Total', totals(plan.changes)]]));
  out.push('', ...countTable('Server', Object.entries(summarizeByServer(plan.changes))));

  const destructive = destructiveChanges(plan.changes);
  if (destructive.length > 0) {
    out.push('', paint('delete', paint('bold', `Destructive: ${plural(destructive.length, 'row')} to remove`)));
    const shown = shownCount(destructive.length, limit);
    for (const change of destructive.slice(0, shown)) out.push(paint('delete', `  - ${changeLabel(change)}`));
    if (shown < destructive.length) out.push(more(destructive.length - shown));
  }

  if (opts.changeList === false) {
    out.push('', 'The change list: --limit N (or all) or --explain.');
    return `${out.join('\n')}\n`;
  }
  for (const [table, changes] of groupByTable(plan.changes)) {
    out.push('', paint('bold', `${qualified(table)}: ${countsPhrase(totals(changes), true)}`));
    const shown = shownCount(changes.length, limit);
    for (const change of changes.slice(0, shown)) {
      out.push(...describe(change, paint));
      if (opts.explain) out.push(...(change.provenance ?? []).map((p) => paint('dim', `      from ${formatProvenance(p)}`)));
    }
    if (shown < changes.length) out.push(more(changes.length - shown));
  }
  return `${out.join('\n')}\n`;
}

function describe(change: RowChange, paint: (style: keyof typeof ANSI, s: string) => string): string[] {
  // A Server row's server is itself: saying so again is noise.
  const server = change.server && change.table !== 'Server' ? paint('dim', `  @ ${change.server}`) : '';
  const head = paint(change.action, `  ${SIGN[change.action]} ${keyLabel(change.key)}`) + server;
  switch (change.action) {
    case 'create': {
      const cells = createdCells(change);
      return cells.length === 0 ? [head] : [head, `      ${cells.join(', ')}`];
    }
    case 'update':
      return [head, ...changedCells(change).map((c) => `      ${c}`)];
    case 'delete':
      return [head];
    case 'kept':
      return [head, ...keptCells(change).map((c) => `      ${c}`)];
    default: {
      const _exhaustive: never = change.action;
      return _exhaustive;
    }
  }
}

const more = (n: number): string => `  … and ${n} more (--limit all shows every one)`;

function countTable(title: string, rows: [string, ActionCounts][]): string[] {
  const width = Math.max(title.length, ...rows.map(([name]) => name.length));
  const line = (name: string, cells: (string | number)[]) =>
    `  ${name.padEnd(width)}  ${cells.map((c) => String(c).padStart(6)).join('  ')}`.trimEnd();
  return [line(title, ['add', 'change', 'remove']), ...rows.map(([name, c]) => line(name, [c.create, c.update, c.delete]))];
}
