/**
 * The plan that undoes a run (ledger.md §3). Undo is a plan like any other: desired = the target
 * as it is, with the undone run's rows put back to their before-images (rows it created removed,
 * rows it updated given their previous values, rows it deleted brought back); the one keyed
 * differ turns that into changes, the same renderers show it, `applyPlan` writes it. Pure.
 *
 * A row that changed after the run (a later run, an admin) is an error unless `force`; a secret
 * the ledger holds only as a hash cannot come back and is left as it is (a warning per row).
 */
import type { DataCenterModel, TableName } from '../model/index.js';
import { PROJECT_ORIGIN } from '../model/index.js';
import { tableDef, type ColumnDef, type TableDef } from '../model/index.js';
import { diag, type Diagnostic } from '../model/index.js';
import type { Plan, PlanSource } from '../model/index.js';
import { isHash, ledgerKey, ledgerKeyId, ledgerRow, sameLedgerCell, type LedgerCell, type LedgerRow, type SecretHasher } from './ledger-form.js';
import { planChanges } from './planner.js';
import { rowPath } from './three-way.js';

type Row = Record<string, unknown>;

/** One change the undone run recorded (dc.MigrationChange, parsed). */
export interface UndoneChange {
  seq: number;
  table: TableName;
  rowKey: LedgerRow;
  action: 'create' | 'update' | 'delete';
  before: LedgerRow | null;
  after: LedgerRow | null;
}

export interface UndoOptions {
  runId: string;
  changes: readonly UndoneChange[];
  /** The database's ledger hasher (the key the run's rows were hashed with). */
  hash: SecretHasher;
  /** Restore rows changed since the run anyway. */
  force: boolean;
  meta: {
    toolVersion: string;
    project: { path: string; sha256: string };
    sources?: PlanSource[];
    targetFingerprint: string;
  };
}

export interface UndoPlan {
  plan: Plan;
  /** Rows changed after the run (refused without force, restored with it). */
  changedSince: string[];
  /** Rows with a secret the undo cannot restore (`dc.UserAccount[UserName=anna] Credential`). */
  secretsNotRestored: string[];
}

/** A stored cell back in the model's form; undefined for a hash (the value is not in the ledger). */
function modelValue(col: ColumnDef, cell: LedgerCell | undefined): unknown {
  if (cell === null || cell === undefined) return null;
  if (isHash(cell) && (col.kind === 'sensitive' || col.kind === 'licenseKey' || col.kind === 'secretOrText')) return undefined;
  switch (col.kind) {
    case 'int':
    case 'bigint':
      return Number(cell);
    case 'bit':
      return Boolean(Number(cell));
    default:
      return String(cell);
  }
}

function sameRow(def: TableDef, a: LedgerRow, b: LedgerRow): boolean {
  return def.columns.every((col) => sameLedgerCell(col, a[col.name], b[col.name]));
}

/** Builds the undo plan; see the file comment. */
export function planUndo(actual: DataCenterModel, opts: UndoOptions): UndoPlan {
  const desired = { ...actual } as unknown as Record<TableName, Row[]>;
  const index = new Map<TableName, Map<string, number>>();
  const rowsOf = (table: TableName): Row[] => {
    if (!index.has(table)) {
      const def = tableDef(table);
      const copy = (actual[table] as unknown as Row[]).map((r) => ({ ...r }));
      desired[table] = copy;
      index.set(table, new Map(copy.map((r, i) => [ledgerKeyId(def, ledgerKey(def, r, opts.hash)), i])));
    }
    return desired[table];
  };
  const removed = new Set<Row>();
  const diagnostics: Diagnostic[] = [];
  const changedSince: string[] = [];
  const secretsNotRestored: string[] = [];
  const origins = new Set<string>([PROJECT_ORIGIN]);
  for (const def of Object.values(actual)) for (const r of def as unknown as Row[]) origins.add(String(r['Origin'] ?? '').toLowerCase());

  for (const change of [...opts.changes].sort((a, b) => b.seq - a.seq)) {
    const def = tableDef(change.table);
    const rows = rowsOf(change.table);
    const id = ledgerKeyId(def, change.rowKey);
    const at = index.get(change.table)?.get(id);
    const have = at === undefined || removed.has(rows[at] as Row) ? undefined : (rows[at] as Row);
    const label = rowPath(change.table, displayKey(def, change.rowKey, have));

    const now = have ? ledgerRow(def, have, opts.hash) : null;
    const unchanged = change.action === 'delete' ? now === null : now !== null && change.after !== null && sameRow(def, now, change.after);
    if (!unchanged) {
      changedSince.push(label);
      const what = now === null ? 'is gone' : change.action === 'delete' ? 'is there again' : 'holds other values';
      diagnostics.push(
        opts.force
          ? diag('PLAN_UNDO_FORCED', 'warning', `${label} was changed after run ${opts.runId} (it ${what}); restored anyway (--force).`, { path: label, subject: label, params: { row: label, runId: opts.runId } })
          : diag('PLAN_UNDO_ROW_CHANGED', 'error', `${label} was changed after run ${opts.runId} by a later run or in DataCenter (it ${what}); the undo would overwrite that.`, {
              path: label,
              hint: 'Check the row; undo with --force to restore it anyway.',
              subject: label,
              params: { row: label, runId: opts.runId },
            }),
      );
    }

    if (change.action === 'create') {
      if (have) removed.add(have);
      continue;
    }
    const before = change.before ?? {};
    if (have && change.action === 'update') {
      for (const col of def.columns) {
        if (def.key.includes(col.name) || change.after === null || sameLedgerCell(col, before[col.name], change.after[col.name])) continue;
        const value = modelValue(col, before[col.name]);
        if (value === undefined) secretsNotRestored.push(`${label} ${col.name}`);
        else have[col.name] = value;
      }
      continue;
    }
    if (have) continue; // a deleted row that is there again: left as it is (flagged above)
    // Bring the row back (deleted by the run, or updated by it and deleted since).
    const row: Row = {};
    let restorable = true;
    for (const col of def.columns) {
      const value = modelValue(col, before[col.name]);
      if (value !== undefined) row[col.name] = value;
      else if (col.nullable) {
        row[col.name] = null;
        secretsNotRestored.push(`${label} ${col.name}`);
      } else restorable = false;
    }
    if (!restorable) {
      secretsNotRestored.push(`${label} (the whole row: its key or a required value is a secret)`);
      continue;
    }
    rows.push(row);
  }
  for (const table of index.keys()) desired[table] = desired[table].filter((r) => !removed.has(r));
  for (const what of secretsNotRestored) {
    diagnostics.push(
      diag('PLAN_UNDO_SECRET_NOT_RESTORED', 'warning', `${what}: the ledger holds only a keyed hash of the value before run ${opts.runId}; it is left as it is.`, {
        path: what.split(' ')[0] ?? what,
        hint: 'Re-enter the value in the DataCenter administration.',
        subject: what.split(' ')[0] ?? what,
        params: { row: what, runId: opts.runId },
      }),
    );
  }

  const plan = planChanges(desired as unknown as DataCenterModel, actual, {
    sources: [...origins],
    prune: true,
    deleteProjectRows: true,
    meta: { ...opts.meta, sources: opts.meta.sources ?? [], diagnostics },
  });
  return { plan, changedSince, secretsNotRestored };
}

/** The key for messages: the row's own (masked) key when it is there, else the stored key (hashes as `(sensitive)`). */
function displayKey(def: TableDef, rowKey: LedgerRow, have: Row | undefined): Row {
  const out: Row = {};
  for (const name of def.key) {
    const v = have?.[name] ?? rowKey[name];
    out[name] = isHash(v) ? '(sensitive)' : v;
  }
  return out;
}
