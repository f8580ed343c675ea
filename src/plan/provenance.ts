/**
 * Provenance of planned changes (ledger.md §1): the mapper records where each desired row came
 * from (keyed by the row object); here it is keyed the way the planner keys rows (catalog key
 * columns, text case-insensitive) and attached to every create and update after planning, so
 * the planner itself stays untouched. Pure.
 */
import type { DataCenterModel, TableName } from '../model/index.js';
import { TABLES, type ColumnDef } from '../model/index.js';
import type { Plan, Provenance, RowChange } from '../model/index.js';
import { keyColumns, keyPart } from './values.js';

/** Desired row object → what the mapper recorded (`MapResult.provenance`). */
export type RowProvenanceLookup = ReadonlyMap<object, Provenance | readonly Provenance[]>;

/** Per table, planner key id → the row's provenance. */
export type ProvenanceIndex = ReadonlyMap<TableName, ReadonlyMap<string, Provenance | readonly Provenance[]>>;

/**
 * Keys the mapper's per-row provenance like the planner keys rows. `tables` limits the work to
 * the tables that need it (those with creates or updates); default every table.
 */
export function provenanceIndex(desired: DataCenterModel, byRow: RowProvenanceLookup, tables?: ReadonlySet<TableName>): ProvenanceIndex {
  const index = new Map<TableName, Map<string, Provenance | readonly Provenance[]>>();
  for (const def of TABLES) {
    if (tables !== undefined && !tables.has(def.name)) continue;
    const idOf = rowId(keyColumns(def));
    const perTable = new Map<string, Provenance | readonly Provenance[]>();
    for (const row of desired[def.name] as readonly object[]) {
      const p = byRow.get(row);
      if (p !== undefined) perTable.set(idOf(row as Record<string, unknown>), p);
    }
    index.set(def.name, perTable);
  }
  return index;
}

/** The planner's key id of a row or a change's key (values.ts keyedRow: key parts joined by U+0000). */
function rowId(keyCols: readonly ColumnDef[]): (cells: Record<string, unknown>) => string {
  const [only] = keyCols;
  // Most tables have one key column: no array per row (200,000 rows at 50,000 users).
  if (keyCols.length === 1 && only !== undefined) return (cells) => String(keyPart(only, cells[only.name] ?? null));
  return (cells) => keyCols.map((col) => keyPart(col, cells[col.name] ?? null)).join('\u0000');
}

/**
 * The provenance of a create or update; undefined for deletes, kept edits and rows without any.
 * A list is the mapper's own (shared, never changed): copying 150,000 small lists costs memory
 * for nothing.
 */
function finder(index: ProvenanceIndex): (change: RowChange) => Provenance[] | undefined {
  const idOf = new Map(TABLES.map((def) => [def.name, rowId(keyColumns(def))]));
  return (change) => {
    if (change.action !== 'create' && change.action !== 'update') return undefined;
    const p = index.get(change.table)?.get(idOf.get(change.table)!(change.key));
    return p === undefined ? undefined : Array.isArray(p) ? (p as Provenance[]) : [p as Provenance];
  };
}

/** A copy of the plan with `provenance` on every change that writes desired values (deletes and kept edits carry none). */
export function attachProvenance(plan: Plan, index: ProvenanceIndex): Plan {
  const find = finder(index);
  return {
    ...plan,
    changes: plan.changes.map((change) => {
      const provenance = find(change);
      return provenance === undefined ? change : { ...change, provenance };
    }),
  };
}

/**
 * Attaches the mapper's provenance to a plan `planChanges` has just made from `desired` (the one
 * call the pipeline makes). The plan is the caller's own, so its changes get the field in place:
 * copying 200,000 changes would double the plan in memory for a moment.
 */
export function withProvenance(plan: Plan, desired: DataCenterModel, byRow: RowProvenanceLookup | undefined): Plan {
  if (byRow === undefined) return plan;
  const tables = new Set(plan.changes.filter((c) => c.action === 'create' || c.action === 'update').map((c) => c.table));
  if (tables.size === 0) return plan;
  const find = finder(provenanceIndex(desired, byRow, tables));
  for (const change of plan.changes) {
    const provenance = find(change);
    if (provenance !== undefined) change.provenance = provenance;
  }
  return plan;
}

/** `ucs-ber-01.corp.example users.xml:42:5`, `project procall-migrate.yaml:12:5`, `rule home server by lines (…)`. */
export function formatProvenance(p: Provenance): string {
  if ('rule' in p) return p.detail === undefined ? `rule ${p.rule}` : `rule ${p.rule} (${p.detail})`;
  return `${p.source} ${p.file}:${p.line}:${p.column}`;
}
