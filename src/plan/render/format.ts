/**
 * Display helpers shared by the text and Markdown renderers and by diagnostics: how a key,
 * a value and a qualified table name look to a person. Secrets print through their own
 * `toString` (`(sensitive)`, `…0001`), never revealed.
 */
import type { TableName } from '../../model/index.js';
import { qualified, TABLES } from '../../model/index.js';
import type { ActionCounts, RowChange } from '../../model/index.js';
import { LicenseKey, Sensitive } from '../../model/index.js';
import { showInvisible } from '../../io/index.js';

/** `alice`, or `server / dc-ucs-01 / logging.retentionHours` for composite keys (empty parts left out). */
export function keyLabel(key: Record<string, unknown>): string {
  const parts = Object.values(key)
    .map((v) => showInvisible(String(v ?? '')))
    .filter((v) => v !== '');
  return parts.length === 0 ? "''" : parts.join(' / ');
}

/** One value for a person: strings quoted, secrets masked, long values cut. */
export function displayValue(value: unknown, max = 60): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Sensitive || value instanceof LicenseKey) return String(value);
  if (typeof value === 'string') {
    // Quoted but not JSON-escaped: a UNC path should read `\\fs01\share`, not `\\\\fs01\\share`.
    const oneLine = value.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\u0000-\u001f\u007f]/g, ' ');
    const cut = oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
    // A right-to-left override or zero-width character is shown as ⟨U+202E⟩, never raw (issue 20).
    return `"${showInvisible(cut)}"`;
  }
  return String(value);
}

/** Resolved `--limit`: how many changes per table to show in detail. */
export type DetailLimit = number | 'all';
export const DEFAULT_DETAIL_LIMIT = 50;

export function shownCount(total: number, limit: DetailLimit): number {
  return limit === 'all' ? total : Math.min(total, Math.max(0, limit));
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Changes grouped by table, tables in catalog order, each in plan order. */
export function groupByTable(changes: readonly RowChange[]): Map<TableName, RowChange[]> {
  const byTable = new Map<TableName, RowChange[]>(TABLES.map((def) => [def.name, []]));
  for (const change of changes) byTable.get(change.table)?.push(change);
  for (const [name, list] of byTable) if (list.length === 0) byTable.delete(name);
  return byTable;
}

/** `Col=value` for each non-key column of a created row that holds something (first: a re-create over an admin's delete). */
export function createdCells(change: RowChange): string[] {
  const cells = Object.entries(change.after ?? {})
    .filter(([col, v]) => !(col in change.key) && v !== null && v !== undefined && v !== '')
    .map(([col, v]) => `${col}=${displayValue(v)}`);
  return change.deletedInDataCenter ? ['re-created (deleted in DataCenter since the last run)', ...cells] : cells;
}

/** `Col: from → to` for each changed column of an update (`, overwrites an admin edit` where it does: ledger.md §2). */
export function changedCells(change: RowChange): string[] {
  const overwrites = new Set(change.overwritesAdminEdit ?? []);
  return Object.entries(change.changes ?? {}).map(
    ([col, c]) => `${col}: ${displayValue(c.from)} → ${displayValue(c.to)}${overwrites.has(col) ? ' (overwrites an admin edit in DataCenter)' : ''}`,
  );
}

/** `DisplayName: "Anna S." kept (run wrote "Anna", source "Anna")` for each kept column of a kept admin edit. */
export function keptCells(change: RowChange): string[] {
  const since = change.baseRun ? ` since run ${change.baseRun}` : ' since the last run';
  if (change.deletedInDataCenter) return [`deleted in DataCenter${since}; not re-created`];
  const head = `changed in DataCenter${since}, not overwritten:`;
  return [head, ...Object.entries(change.kept ?? {}).map(
    ([col, k]) => `${col}: ${displayValue(k.actual)} kept (last run wrote ${displayValue(k.base)}, source ${displayValue(k.desired)})${k.decided ? ', decided by the project' : ''}`,
  )];
}

/** `dc.UserAccount bob (dc-ucs-02)`: a change named for a person. */
export function changeLabel(change: RowChange): string {
  const server = change.server ? ` (${change.server})` : '';
  return `${qualified(change.table)} ${keyLabel(change.key)}${server}`;
}

/** `Plan: 3 to add, 1 to change, 1 to remove.`, or that there are no changes. */
export function headline(counts: ActionCounts): string {
  const kept = counts.kept ? ` ${plural(counts.kept, 'admin edit')} in DataCenter kept.` : '';
  if (counts.create + counts.update + counts.delete === 0) return `No changes. The target already matches the exports and the project.${kept}`;
  return `Plan: ${countsPhrase(counts)}.${kept}`;
}

/** `3 to add, 0 to change, 1 to remove`; with `skipZero`, `3 to add, 1 to remove`. */
export function countsPhrase(c: ActionCounts, skipZero = false): string {
  const parts: [number, string][] = [
    [c.create, 'to add'],
    [c.update, 'to change'],
    [c.delete, 'to remove'],
    // Kept admin edits only in the short form (per table); the headline says them on its own.
    ...(skipZero ? ([[c.kept ?? 0, 'kept']] as [number, string][]) : []),
  ];
  return parts
    .filter(([n]) => !skipZero || n > 0)
    .map(([n, what]) => `${n} ${what}`)
    .join(', ');
}
