/**
 * Rows whose parent stays deleted (ledger.md §2: a row deleted in DataCenter is kept deleted).
 * A new child of such a parent (a group member of a deleted user, a line of a deleted line group)
 * would fail on the foreign key when applied and roll back the whole run; so it is not planned and
 * the plan says why, once per row. Runs over the upserts in FK order (the catalog's table order),
 * so a grandchild of a kept-deleted row is withheld too. Pure.
 */
import type { TableName } from '../model/index.js';
import { qualified, tableDef, type ColumnDef } from '../model/index.js';
import { diag, type Diagnostic } from '../model/index.js';
import type { RowChange } from '../model/index.js';
import { displayValue } from './render/index.js';
import { decisionKeyText, rowPath } from './three-way.js';
import { keyPart } from './values.js';
import { option } from '../project/index.js';

/** Why a row is not in the target: the kept-deleted row at the root of its chain. */
interface Missing {
  /** The row itself, e.g. `dc.UserAccount[UserName=anna.schmidt]`. */
  path: string;
  /** The row the admin deleted (this row or an ancestor). */
  root: { table: TableName; key: Record<string, unknown>; path: string; runId: string };
}

/** A referencing column and the parent table it points at (single-column parent keys only). */
interface Reference {
  col: ColumnDef;
  parent: TableName;
  parentCol: ColumnDef;
}

const referencesOf = new Map<TableName, Reference[]>();
function references(table: TableName): Reference[] {
  let list = referencesOf.get(table);
  if (list) return list;
  list = [];
  for (const col of tableDef(table).columns) {
    if (!col.references) continue;
    const [parent, column] = col.references.split('.') as [TableName, string];
    const def = tableDef(parent);
    const parentCol = def.columns.find((c) => c.name === column);
    // Only a reference to the parent's whole key names one parent row.
    if (!parentCol || def.key.length !== 1 || def.key[0] !== column) continue;
    list.push({ col, parent, parentCol });
  }
  referencesOf.set(table, list);
  return list;
}

const present = (v: unknown): boolean => v !== null && v !== undefined && v !== '';

/**
 * Drops the creates (and reference-column updates) of `upserts` whose parent is kept deleted in
 * this plan, or withheld itself; returns the remaining changes and one warning per withheld row.
 */
export function withholdOrphans(upserts: readonly RowChange[]): { upserts: RowChange[]; diagnostics: Diagnostic[] } {
  const missing = new Map<TableName, Map<string, Missing>>();
  const idOf = (table: TableName, key: Record<string, unknown>): string => {
    const def = tableDef(table);
    return def.key.map((name) => keyPart(def.columns.find((c) => c.name === name) as ColumnDef, key[name])).join('\u0000');
  };
  const remember = (table: TableName, key: Record<string, unknown>, m: Missing): void => {
    const byId = missing.get(table) ?? new Map<string, Missing>();
    byId.set(idOf(table, key), m);
    missing.set(table, byId);
  };
  const lookup = (ref: Reference, value: unknown): Missing | undefined =>
    present(value) ? missing.get(ref.parent)?.get(String(keyPart(ref.parentCol, value))) : undefined;

  const out: RowChange[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const change of upserts) {
    if (change.action === 'kept' && change.deletedInDataCenter) {
      const path = rowPath(change.table, change.key);
      remember(change.table, change.key, { path, root: { table: change.table, key: change.key, path, runId: change.baseRun ?? '?' } });
      out.push(change);
      continue;
    }
    if (change.action === 'create') {
      const after = change.after ?? {};
      const hit = references(change.table)
        .map((ref) => lookup(ref, after[ref.col.name]))
        .find((m): m is Missing => m !== undefined);
      if (!hit) {
        out.push(change);
        continue;
      }
      const path = rowPath(change.table, change.key);
      remember(change.table, change.key, { path, root: hit.root });
      diagnostics.push(withheld(path, `${path} is not created: ${because(hit)}.`, hit));
      continue;
    }
    if (change.action === 'update' && change.changes) {
      const path = rowPath(change.table, change.key);
      const changes = { ...change.changes };
      for (const ref of references(change.table)) {
        const set = changes[ref.col.name];
        const hit = set ? lookup(ref, set.to) : undefined;
        if (!hit || !set) continue;
        delete changes[ref.col.name];
        diagnostics.push(withheld(path, `${path} ${ref.col.name} is not changed to ${displayValue(set.to)}: ${because(hit)}.`, hit));
      }
      const left = Object.keys(changes);
      if (left.length === Object.keys(change.changes).length) out.push(change);
      else if (left.length > 0) {
        const rest: RowChange = { ...change, changes };
        if (rest.overwritesAdminEdit) {
          const kept = rest.overwritesAdminEdit.filter((c) => c in changes);
          if (kept.length > 0) rest.overwritesAdminEdit = kept;
          else delete rest.overwritesAdminEdit;
        }
        out.push(rest);
      }
      continue;
    }
    out.push(change);
  }
  return { upserts: out, diagnostics };
}

function because(hit: Missing): string {
  const stays = `${hit.root.path} was deleted in DataCenter since run ${hit.root.runId} and stays deleted`;
  return hit.path === hit.root.path ? stays : `${hit.path} is not created either (${stays})`;
}

/** `UserName: anna.schmidt` (licence keys masked, as in every decision key shown). */
function keyText(table: string, key: Record<string, unknown>): string {
  return Object.entries(key)
    .map(([k, v]) => decisionKeyText(table, { [k]: v }).replace('=', ': '))
    .join(', ');
}

function withheld(path: string, message: string, hit: Missing): Diagnostic {
  const root = hit.root;
  const table = qualified(root.table);
  const keepSource = Object.values(root.key).every((v) => typeof v === 'string' || typeof v === 'number')
    ? [option(`bring ${root.path} back (write the sources' row)`, 'decisions[]', { table, key: root.key, keep: 'source' })]
    : [];
  return diag('PLAN_PARENT_DELETED', 'warning', message, {
    path,
    subject: path,
    params: { row: path, parent: root.path, runId: root.runId },
    decide: keepSource,
    hint: `To bring ${root.path} back, decide it in the project (decisions: - table: ${table}, key: {${keyText(table, root.key)}}, keep: source) or plan with --overwrite-admin-edits; otherwise the row stays out of DataCenter.`,
  });
}
