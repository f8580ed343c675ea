/**
 * The one generic keyed differ: for any table of the catalog, match desired and actual rows by
 * key (Maps, O(n)), and say which rows to create, update (changed columns only) or delete.
 * Origin decides what this run may touch (datacenter-db.md: wave migrations).
 */
import type { TableDef } from '../../model/dc-schema.js';
import { qualified } from '../../model/dc-schema.js';
import { PROJECT_ORIGIN } from '../../model/datacenter.js';
import { diag, type Diagnostic } from '../../model/diagnostics.js';
import type { FieldChange, RowChange } from '../../model/plan.js';
import { keyLabel } from './format.js';
import { compareKeyParts, keyColumns, keyedRow, pickKey, sameValue, type KeyedRow } from './values.js';

export interface DiffRules {
  /** This run's source servers, lowercased. */
  sources: ReadonlySet<string>;
  prune: boolean;
  /** The server a row belongs to, for per-server summaries. */
  serverOf: (cells: Record<string, unknown>) => string | undefined;
}

export interface TableDiff {
  /** Creates and updates, sorted by key. */
  upserts: RowChange[];
  /** Deletes, sorted by key. */
  deletes: RowChange[];
  diagnostics: Diagnostic[];
  /** Rows of this run's sources gone from the exports, kept because prune is off. */
  keptWithoutPrune: number;
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
  const result: TableDiff = { upserts: [], deletes: [], diagnostics: [], keptWithoutPrune: 0 };

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
    if (!have) {
      result.upserts.push(withServer({ table: def.name, key, action: 'create', after: want.cells }, server));
      continue;
    }
    const changes: Record<string, FieldChange> = {};
    let changed = false;
    for (const col of valueCols) {
      const from = have.cells[col.name];
      const to = want.cells[col.name];
      if (!sameValue(col, from, to)) {
        changes[col.name] = { from, to };
        changed = true;
      }
    }
    if (!changed) continue;
    const owner = originOf(have);
    if (owner !== PROJECT_ORIGIN && !rules.sources.has(owner)) {
      // A row an earlier wave wrote with the same values (an identical global setting, licence,
      // location or line group) is shared: it stays with the wave that wrote it first.
      const valueChanges = Object.keys(changes).filter((c) => c !== 'Origin');
      if (valueChanges.length === 0) continue;
      const wave = String(have.cells['Origin'] ?? '');
      result.diagnostics.push(
        diag(
          'PLAN_ORIGIN_CONFLICT',
          'error',
          `${table} ${keyLabel(key)} belongs to the wave of ${wave} (its Origin) and holds other values (${valueChanges.join(', ')}); this run may change only rows of its own sources or of the project, so the change is not planned.`,
          {
            path: `${table}[${keyLabel(key)}]`,
            hint: `Add ${wave}'s export to this project's sources (and decide the value under settings: if they disagree), or migrate ${wave} again with the value you want.`,
          },
        ),
      );
      continue;
    }
    result.upserts.push(withServer({ table: def.name, key, action: 'update', changes }, server));
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
