/**
 * The one generic keyed differ: for any table of the catalog, match desired and actual rows by
 * key (Maps, O(n)), and say which rows to create, update (changed columns only) or delete.
 * Origin decides what this run may touch (datacenter-db.md: wave migrations). Given the ledger's
 * base rows it plans three-way, column by column (ledger.md §2): source changes are planned,
 * admin edits since the last run are kept (`kept`), edits on both sides are conflicts.
 */
import type { TableDef } from '../model/index.js';
import { qualified } from '../model/index.js';
import { PROJECT_ORIGIN } from '../model/index.js';
import { diag, type DecideOption, type Diagnostic } from '../model/index.js';
import type { FieldChange, KeptValue, RowChange } from '../model/index.js';
import { displayValue, keyLabel } from './render/index.js';
import { option } from '../project/index.js';
import { baseValue, ledgerCell, ledgerKey, ledgerKeyId, sameLedgerCell, type SecretHasher } from './ledger-form.js';
import { rowPath, type BaseRow, type DecisionIndex } from './three-way.js';
import { compareKeyParts, keyColumns, keyedRow, pickKey, sameValue, type KeyedRow } from './values.js';

export interface DiffRules {
  /** This run's source servers, lowercased. */
  sources: ReadonlySet<string>;
  prune: boolean;
  /** The server a row belongs to, for per-server summaries. */
  serverOf: (cells: Record<string, unknown>) => string | undefined;
  /** With the ledger: plan three-way (absent: two-way, desired vs actual). */
  threeWay?: ThreeWayRules;
}

/** The three-way inputs for one table. */
export interface ThreeWayRules {
  /** Base rows of this table by ledger key id (`null`: the tool deleted the row last). */
  base: ReadonlyMap<string, BaseRow | null>;
  hash: SecretHasher;
  decisions: DecisionIndex;
  /** `--overwrite-admin-edits`: desired wins over every kept edit and conflict. */
  overwrite: boolean;
}

export interface TableDiff {
  /** Creates and updates, sorted by key. */
  upserts: RowChange[];
  /** Deletes, sorted by key. */
  deletes: RowChange[];
  diagnostics: Diagnostic[];
  /** Rows of this run's sources gone from the exports, kept because prune is off. */
  keptWithoutPrune: number;
  /** Rows in both desired and actual without a base in the ledger: planned two-way. */
  withoutBase: number;
}

const originOf = (row: KeyedRow): string => String(row.cells['Origin'] ?? '').toLowerCase();

export function diffTable(
  def: TableDef,
  desiredRows: readonly object[],
  actualRows: readonly object[],
  rules: DiffRules,
): TableDiff {
  const keyCols = keyColumns(def);
  const valueCols = def.columns.filter((c) => !def.key.includes(c.name));
  const table = qualified(def.name);
  const result: TableDiff = { upserts: [], deletes: [], diagnostics: [], keptWithoutPrune: 0, withoutBase: 0 };
  const threeWay = rules.threeWay;
  const baseOf = (cells: Record<string, unknown>): BaseRow | null | undefined =>
    threeWay ? threeWay.base.get(ledgerKeyId(def, ledgerKey(def, cells, threeWay.hash))) : undefined;

  const actual = new Map<string, KeyedRow>();
  for (const row of actualRows) {
    const keyed = keyedRow(def, keyCols, row);
    actual.set(keyed.id, keyed);
  }

  const desired = new Map<string, KeyedRow>();
  for (const row of desiredRows) {
    const keyed = keyedRow(def, keyCols, row);
    if (desired.has(keyed.id)) {
      result.diagnostics.push(
        diag('PLAN_DUPLICATE_KEY', 'error', `${table} has two rows with the key ${keyLabel(pickKey(def, keyed.cells))} (keys ignore case); the second is ignored.`, {
          path: `${table}[${keyLabel(pickKey(def, keyed.cells))}]`,
          subject: `${table}:${keyLabel(pickKey(def, keyed.cells))}`,
          params: { table, row: `${table}[${keyLabel(pickKey(def, keyed.cells))}]`, key: keyLabel(pickKey(def, keyed.cells)) },
          hint: 'This is a bug in the mapping: please report it with the exports that caused it.',
        }),
      );
      continue;
    }
    desired.set(keyed.id, keyed);
  }

  for (const want of [...desired.values()].sort((a, b) => compareKeyParts(a.parts, b.parts))) {
    const have = actual.get(want.id);
    const key = pickKey(def, want.cells);
    const server = rules.serverOf(want.cells);
    const base = baseOf(want.cells);
    if (!have) {
      if (threeWay && base) {
        // The last run wrote this row and it is gone: deleted in DataCenter, kept deleted.
        const keep = threeWay.overwrite ? 'source' : threeWay.decisions.decide(def.name, want.id, undefined);
        if (keep !== 'source') {
          const kept: RowChange = { table: def.name, key, action: 'kept', deletedInDataCenter: true, baseRun: base.runId };
          result.upserts.push(withServer(kept, server));
          continue;
        }
        // Re-created over the admin's delete (--overwrite-admin-edits or keep: source).
        const create: RowChange = { table: def.name, key, action: 'create', after: want.cells, baseRun: base.runId, deletedInDataCenter: true };
        result.upserts.push(withServer(create, server));
        continue;
      }
      result.upserts.push(withServer({ table: def.name, key, action: 'create', after: want.cells }, server));
      continue;
    }
    if (threeWay && !base) result.withoutBase++;
    const changes: Record<string, FieldChange> = {};
    const kept: Record<string, KeptValue> = {};
    const overwritten: string[] = [];
    let changed = false;
    for (const col of valueCols) {
      const from = have.cells[col.name];
      const to = want.cells[col.name];
      if (sameValue(col, from, to)) continue;
      const b = base?.cells[col.name];
      if (!threeWay || !base || b === undefined) {
        changes[col.name] = { from, to };
        changed = true;
        continue;
      }
      const adminChanged = !sameLedgerCell(col, b, ledgerCell(col, from, threeWay.hash));
      if (!adminChanged) {
        changes[col.name] = { from, to };
        changed = true;
        continue;
      }
      const sourceChanged = !sameLedgerCell(col, b, ledgerCell(col, to, threeWay.hash));
      const keep = threeWay.overwrite ? 'source' : threeWay.decisions.decide(def.name, want.id, col.name);
      if (keep === 'source') {
        changes[col.name] = { from, to };
        overwritten.push(col.name);
        changed = true;
      } else if (keep === 'datacenter') {
        kept[col.name] = { base: baseValue(b), actual: from, desired: to, decided: true };
      } else if (!sourceChanged) {
        kept[col.name] = { base: baseValue(b), actual: from, desired: to };
      } else {
        result.diagnostics.push(conflictDiagnostic(def, key, col.name, { base: baseValue(b), actual: from, desired: to }, base.runId));
      }
    }
    const keptChange: RowChange | undefined =
      Object.keys(kept).length > 0 && base ? { table: def.name, key, action: 'kept', kept, baseRun: base.runId } : undefined;
    // Provenance alone (a shared row now attributed to another of this run's sources) changes
    // nothing the customer sees: not a change to write or count (issue 19).
    if (changed && Object.keys(changes).every((c) => c === 'Origin')) changed = false;
    if (changed && !originAllows(have, key, changes)) changed = false;
    if (changed) {
      const change: RowChange = { table: def.name, key, action: 'update', changes };
      if (overwritten.length > 0 && base) {
        change.baseRun = base.runId;
        change.overwritesAdminEdit = overwritten;
      }
      // The update goes before the row's kept columns: it is what the run writes.
      result.upserts.push(withServer(change, server));
    }
    if (keptChange) result.upserts.push(withServer(keptChange, server));
  }

  /** Whether this run may change the row (its Origin); says so as an error when it may not. */
  function originAllows(have: KeyedRow, key: Record<string, unknown>, changes: Record<string, FieldChange>): boolean {
    const owner = originOf(have);
    if (owner === PROJECT_ORIGIN || rules.sources.has(owner)) return true;
    // A row an earlier wave wrote with the same values (an identical global setting, licence,
    // location or line group) is shared: it stays with the wave that wrote it first.
    const valueChanges = Object.keys(changes).filter((c) => c !== 'Origin');
    if (valueChanges.length === 0) return false;
    const wave = String(have.cells['Origin'] ?? '');
    result.diagnostics.push(
      diag(
        'PLAN_ORIGIN_CONFLICT',
        'error',
        `${table} ${keyLabel(key)} belongs to the wave of ${wave} (its Origin) and holds other values (${valueChanges.join(', ')}); this run may change only rows of its own sources or of the project, so the change is not planned.`,
        {
          path: `${table}[${keyLabel(key)}]`,
          subject: `${table}:${keyLabel(key)}`,
          params: { table, row: `${table}[${keyLabel(key)}]`, key: keyLabel(key), wave, columns: valueChanges },
          hint: `Add ${wave}'s export to this project's sources (and decide the value under settings: if they disagree), or migrate ${wave} again with the value you want.`,
        },
      ),
    );
    return false;
  }

  const gone: KeyedRow[] = [];
  for (const have of actual.values()) {
    if (desired.has(have.id) || !rules.sources.has(originOf(have))) continue;
    if (rules.prune) gone.push(have);
    else result.keptWithoutPrune++;
  }
  gone.sort((a, b) => compareKeyParts(a.parts, b.parts));
  for (const have of gone) {
    const change: RowChange = { table: def.name, key: pickKey(def, have.cells), action: 'delete', before: have.cells };
    result.deletes.push(withServer(change, rules.serverOf(have.cells)));
  }
  return result;
}

function withServer(change: RowChange, server: string | undefined): RowChange {
  if (server) change.server = server;
  return change;
}

/** `PLAN_ADMIN_EDIT_CONFLICT`: the row, the column and all three values (secrets as `(sensitive)`). */
function conflictDiagnostic(def: TableDef, key: Record<string, unknown>, column: string, v: KeptValue, runId: string): Diagnostic {
  const path = rowPath(def.name, key);
  return diag(
    'PLAN_ADMIN_EDIT_CONFLICT',
    'error',
    `${path} ${column}: changed in DataCenter since run ${runId} and in the sources; the last run wrote ${displayValue(v.base)}, DataCenter now holds ${displayValue(v.actual)}, the sources now say ${displayValue(v.desired)}.`,
    {
      path,
      hint: `Decide it in the project (decisions: - table: ${qualified(def.name)}, key: {…}, column: ${column}, keep: datacenter | source), or plan with --overwrite-admin-edits to write the sources' value.`,
      subject: `${qualified(def.name)}:${keyLabel(key)}`,
      params: { table: qualified(def.name), row: path, column, runId, base: displayValue(v.base), actual: displayValue(v.actual), desired: displayValue(v.desired) },
      decide: keepOptions(qualified(def.name), key, column),
    },
  );
}

/**
 * The two `decisions:` entries that settle an admin-edit conflict (appended to the project's
 * list). Only for keys the project can write out: a licence key is never written in the file.
 */
function keepOptions(table: string, key: Record<string, unknown>, column: string): DecideOption[] {
  if (!Object.values(key).every((v) => typeof v === 'string' || typeof v === 'number')) return [];
  const entry = (keep: 'datacenter' | 'source') => ({ table, key, column, keep });
  return [
    option('keep the value edited in DataCenter', 'decisions[]', entry('datacenter')),
    option("write the sources' value", 'decisions[]', entry('source')),
  ];
}
