/**
 * The inputs of the three-way plan (ledger.md §2) besides desired and actual: the base rows from
 * the ledger (what the last run wrote), the project's `decisions:` and `--overwrite-admin-edits`.
 * The keyed differ (differ.ts) reads them column by column; this file only indexes them.
 */
import type { TableName } from '../model/index.js';
import { TABLES, findTable, qualified, type TableDef } from '../model/index.js';
import { diag, type Diagnostic } from '../model/index.js';
import { didYouMean } from '../model/index.js';
import type { ProjectDecision, ProjectPositions } from '../project/index.js';
import { maskLicenseKey } from '../model/index.js';
import { ledgerKey, ledgerKeyId, ledgerRow, type LedgerRow, type SecretHasher } from './ledger-form.js';
import { cellValue, keyPart } from './values.js';

/** The base of one row: the row as the run `runId` wrote it (ledger form). */
export interface BaseRow {
  runId: string;
  cells: LedgerRow;
}

/**
 * The ledger's base rows per table, keyed by {@link ledgerKeyId}. `null` marks a row whose latest
 * change was a delete by the tool: no base (a re-create is planned two-way).
 */
export interface LedgerBase {
  hash: SecretHasher;
  tables: Partial<Record<TableName, Map<string, BaseRow | null>>>;
}

export type Keep = 'datacenter' | 'source';

/** The project's decisions, indexed by table, key and column; remembers which were used. */
export class DecisionIndex {
  readonly #byRow = new Map<string, { index: number; column: string | undefined; keep: Keep }[]>();
  readonly #used = new Set<number>();
  readonly #unmatched: { index: number; reason: string; decision: ProjectDecision }[] = [];
  readonly #all: ProjectDecision[];

  constructor(decisions: readonly ProjectDecision[]) {
    this.#all = [...decisions];
    decisions.forEach((d, index) => {
      const def = findTable(d.table);
      if (!def) {
        // A misspelt table names the closest one (`dc.UserAcount` → dc.UserAccount).
        const asQualified = /^\[?dc\]?\./i.test(d.table) ? d.table.replace(/^\[?dc\]?\./i, 'dc.').replace(/[[\]]/g, '') : `dc.${d.table}`;
        this.#unmatched.push({ index, decision: d, reason: `there is no table ${d.table}${didYouMean(asQualified, TABLES.map((t) => qualified(t.name)))}` });
        return;
      }
      const id = decisionKeyId(def, d.key);
      if (id === undefined) {
        this.#unmatched.push({ index, decision: d, reason: `the key of ${qualified(def.name)} is ${def.key.join(', ')}` });
        return;
      }
      const column = d.column === undefined ? undefined : def.columns.find((c) => c.name.toLowerCase() === d.column?.toLowerCase())?.name;
      if (d.column !== undefined && (column === undefined || def.key.includes(column))) {
        this.#unmatched.push({ index, decision: d, reason: `${qualified(def.name)} has no value column ${d.column}${didYouMean(d.column, def.columns.filter((c) => !def.key.includes(c.name)).map((c) => c.name))}` });
        return;
      }
      const rowId = `${def.name}\u0001${id}`;
      const list = this.#byRow.get(rowId) ?? [];
      list.push({ index, column, keep: d.keep });
      this.#byRow.set(rowId, list);
    });
  }

  /** The decision for a row and column (a column's own entry wins over the row's); marks it used. */
  decide(table: TableName, keyId: string, column: string | undefined): Keep | undefined {
    const list = this.#byRow.get(`${table}\u0001${keyId}`);
    if (!list) return undefined;
    const hit = list.find((d) => column !== undefined && d.column === column) ?? list.find((d) => d.column === undefined);
    if (!hit) return undefined;
    this.#used.add(hit.index);
    return hit.keep;
  }

  /** One warning per decision that matched no kept edit or conflict of this plan (at its line of the project file, when known). */
  unusedDiagnostics(positions?: ProjectPositions): Diagnostic[] {
    const reasons = new Map(this.#unmatched.map((u) => [u.index, u.reason]));
    const out: Diagnostic[] = [];
    this.#all.forEach((d, index) => {
      if (this.#used.has(index)) return;
      const what = `${d.table} ${decisionKeyText(d.table, d.key)}${d.column ? ` ${d.column}` : ''}`;
      const reason = reasons.get(index);
      out.push(
        diag(
          'PLAN_DECISION_UNUSED',
          'warning',
          `decisions[${index}] (${what}, keep ${d.keep}) matches no admin edit or conflict in this plan${reason ? `: ${reason}` : ''}; it has no effect.`,
          {
            path: `decisions[${index}]`,
            hint: 'Remove the entry once its edit is settled, or check the table, key and column names.',
            subject: `decisions[${index}]`,
            params: { path: `decisions[${index}]`, table: d.table, key: decisionKeyText(d.table, d.key), ...(d.column ? { column: d.column } : {}), keep: d.keep },
            ...at(positions, `decisions[${index}]`),
          },
        ),
      );
    });
    return out;
  }
}

function at(positions: ProjectPositions | undefined, path: string): { file?: string; line?: number; column?: number } {
  const pos = positions?.at.get(path);
  return positions && pos ? { file: positions.file, line: pos.line, column: pos.column } : {};
}

/**
 * A decision's key for a message: `UserName=anna.schmidt`, `LicenseKey=…0100`. A value is shown
 * only under a known column that holds no licence key (of the table, or of any table when the
 * table is misspelt): a misspelt `LicenceKey:` may still hold a full key, so it is masked too.
 */
export function decisionKeyText(table: string, key: Record<string, unknown>): string {
  const def = findTable(table);
  const shown = (name: string): boolean =>
    (def ? [def] : TABLES).some((t) => t.columns.some((c) => c.kind !== 'licenseKey' && c.kind !== 'sensitive' && c.name.toLowerCase() === name.toLowerCase()));
  return Object.entries(key)
    .map(([k, v]) => `${k}=${shown(k) ? String(v) : maskLicenseKey(String(v))}`)
    .join(', ');
}

/** The in-memory key id of a decision's key (the same form the differ's keyed rows use), if it names every key column. */
function decisionKeyId(def: TableDef, key: Record<string, unknown>): string | undefined {
  const lower = new Map(Object.entries(key).map(([k, v]) => [k.toLowerCase(), v]));
  if (lower.size !== def.key.length) return undefined;
  const parts: (string | number)[] = [];
  for (const name of def.key) {
    if (!lower.has(name.toLowerCase())) return undefined;
    const col = def.columns.find((c) => c.name === name);
    if (!col) return undefined;
    parts.push(keyPart(col, lower.get(name.toLowerCase())));
  }
  return parts.join('\u0000');
}

/** `dc.UserAccount[UserName=anna.schmidt]`: a row named in a diagnostic path. */
export function rowPath(table: TableName, key: Record<string, unknown>): string {
  return `${qualified(table)}[${Object.entries(key)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ')}]`;
}

/**
 * A base as if run `runId` had written `rows` (per table): what the ledger reader returns after
 * that run. For tests and benchmarks; the reader builds the same maps from dc.MigrationChange.
 */
export function baseFromModel(rows: Partial<Record<TableName, readonly object[]>>, runId: string, hash: SecretHasher): LedgerBase {
  const base: LedgerBase = { hash, tables: {} };
  for (const def of TABLES) {
    const list = rows[def.name];
    if (!list) continue;
    const map = new Map<string, BaseRow | null>();
    for (const row of list) {
      const cells = row as Record<string, unknown>;
      const wrapped: Record<string, unknown> = {};
      for (const col of def.columns) wrapped[col.name] = cellValue(col, cells);
      map.set(ledgerKeyId(def, ledgerKey(def, wrapped, hash)), { runId, cells: ledgerRow(def, wrapped, hash) });
    }
    base.tables[def.name] = map;
  }
  return base;
}
