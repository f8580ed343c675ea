/**
 * Row change → SQL, as a pure function (drizzle-kit keeps `statements.ts` + `convertor.ts` side
 * by side the same way): `apply` executes exactly these statements with parameters, the script
 * renderer (script.ts) reads the same column lists and values. No `MERGE`: upserts are
 * `UPDATE` + `INSERT … WHERE NOT EXISTS`, large sets staged through a `#temp` table.
 */
import type { Plan, RowChange } from '../../model/index.js';
import type { TableName } from '../../model/index.js';
import { TABLES, tableDef, type ColumnDef, type TableDef } from '../../model/index.js';
import { WRITER_COLUMNS, columnOf, quoteIdent, tableRef, type TempColumn } from './ddl.js';
import { paramTypeFor, toDbValue, type SqlParams } from './values.js';

/** One parameterised statement. Values live only in `params`, never in `sql`. */
export interface Statement {
  sql: string;
  params: SqlParams;
}

/** What a statement needs besides the change: the run's clock for writer-owned columns. */
export interface StatementContext {
  /** `dc.Environment.CreatedAt` on insert; without it the server's SYSUTCDATETIME(). */
  now?: Date;
}

/** Tables with more creates+updates (or deletes) than this are staged through bulk load. */
export const DEFAULT_BULK_THRESHOLD = 500;

type Row = Record<string, unknown>;

function cell(change: RowChange, name: string): unknown {
  const after = change.after as Row | undefined;
  if (after && name in after) return after[name];
  return change.key[name];
}

function keyWhere(def: TableDef, alias = ''): string {
  const prefix = alias ? `${alias}.` : '';
  return def.key.map((k) => `${prefix}${quoteIdent(k)} = @${k}`).join(' AND ');
}

function keyParams(def: TableDef, change: RowChange, params: SqlParams): void {
  for (const k of def.key) {
    const col = columnOf(def, k);
    const value = toDbValue(col, change.key[k] ?? cell(change, k), def.name);
    params[k] = { type: paramTypeFor(col, value), value };
  }
}

function writerValues(table: TableName, ctx: StatementContext, params: SqlParams): { names: string[]; exprs: string[] } {
  const names: string[] = [];
  const exprs: string[] = [];
  for (const w of WRITER_COLUMNS[table] ?? []) {
    names.push(quoteIdent(w.name));
    if (ctx.now) {
      params[w.name] = { type: w.sqlType, value: ctx.now };
      exprs.push(`@${w.name}`);
    } else exprs.push('SYSUTCDATETIME()');
  }
  return { names, exprs };
}

/** `INSERT … SELECT @… WHERE NOT EXISTS (key)`: inserts nothing when the key is already there. */
export function createSql(change: RowChange, ctx: StatementContext = {}): Statement {
  const def = tableDef(change.table);
  const params: SqlParams = {};
  for (const col of def.columns) {
    const value = toDbValue(col, cell(change, col.name), def.name);
    params[col.name] = { type: paramTypeFor(col, value), value };
  }
  const writer = writerValues(def.name, ctx, params);
  const names = [...def.columns.map((c) => quoteIdent(c.name)), ...writer.names];
  const values = [...def.columns.map((c) => `@${c.name}`), ...writer.exprs];
  const sql =
    `INSERT INTO ${tableRef(def.name)} (${names.join(', ')})\n` +
    `SELECT ${values.join(', ')}\n` +
    `WHERE NOT EXISTS (SELECT 1 FROM ${tableRef(def.name)} WHERE ${keyWhere(def)});`;
  return { sql, params };
}

/** Parameter name for a changed column: key columns (a case-only rename) get `new_`. */
function setParamName(def: TableDef, column: string): string {
  return def.key.includes(column) ? `new_${column}` : column;
}

/** `UPDATE … SET <changed columns> WHERE key`: setting the same values again changes nothing. */
export function updateSql(change: RowChange): Statement {
  const def = tableDef(change.table);
  const changed = Object.keys(change.changes ?? {});
  if (changed.length === 0) throw new Error(`update of dc.${def.name} without changed columns`);
  const params: SqlParams = {};
  keyParams(def, change, params);
  const sets: string[] = [];
  for (const name of catalogOrder(def, changed)) {
    const col = columnOf(def, name);
    const value = toDbValue(col, change.changes?.[name]?.to, def.name);
    const p = setParamName(def, name);
    params[p] = { type: paramTypeFor(col, value), value };
    sets.push(`${quoteIdent(name)} = @${p}`);
  }
  return { sql: `UPDATE ${tableRef(def.name)}\nSET ${sets.join(', ')}\nWHERE ${keyWhere(def)};`, params };
}

/** `DELETE … WHERE key`. */
export function deleteSql(change: RowChange): Statement {
  const def = tableDef(change.table);
  const params: SqlParams = {};
  keyParams(def, change, params);
  return { sql: `DELETE FROM ${tableRef(def.name)}\nWHERE ${keyWhere(def)};`, params };
}

/** The statement for one row change. */
export function changeToSql(change: RowChange, ctx: StatementContext = {}): Statement {
  switch (change.action) {
    case 'create':
      return createSql(change, ctx);
    case 'update':
      return updateSql(change);
    case 'delete':
      return deleteSql(change);
    case 'kept':
      throw new Error(`a kept admin edit of dc.${change.table} is shown, never written`);
    default: {
      const _exhaustive: never = change.action;
      return _exhaustive;
    }
  }
}

/** Column names in catalog order (the plan's object key order is not trusted). */
export function catalogOrder(def: TableDef, names: readonly string[]): string[] {
  for (const n of names) columnOf(def, n);
  return def.columns.map((c) => c.name).filter((n) => names.includes(n));
}

// ---------------------------------------------------------------------------------------------
// Staging through #temp tables (large sets)

export const ACTION_COLUMN = '__Action';
const SET_PREFIX = '__Set_';

export function stageTable(table: TableName, kind: 'upsert' | 'delete'): string {
  return kind === 'upsert' ? `#pm_${table}` : `#pm_${table}_delete`;
}

/** Columns of an upsert stage: the action, every catalog column (nullable), one "set" flag per non-key column. */
export function upsertStageColumns(def: TableDef): TempColumn[] {
  return [
    { name: ACTION_COLUMN, sqlType: 'nchar(1)', nullable: false },
    ...def.columns.map((c) => ({ name: c.name, sqlType: c.sqlType, nullable: true })),
    ...nonKeyColumns(def).map((c) => ({ name: `${SET_PREFIX}${c.name}`, sqlType: 'bit', nullable: false })),
  ];
}

function nonKeyColumns(def: TableDef): ColumnDef[] {
  return def.columns.filter((c) => !def.key.includes(c.name));
}

/** One staged row, in upsertStageColumns order. */
export function upsertStageRow(def: TableDef, change: RowChange): unknown[] {
  if (change.action === 'create') {
    return ['c', ...def.columns.map((c) => toDbValue(c, cell(change, c.name), def.name)), ...nonKeyColumns(def).map(() => true)];
  }
  if (change.action !== 'update') throw new Error(`cannot stage a ${change.action} as an upsert`);
  const changes = change.changes ?? {};
  return [
    'u',
    ...def.columns.map((c) =>
      def.key.includes(c.name) ? toDbValue(c, change.key[c.name], def.name) : c.name in changes ? toDbValue(c, changes[c.name]?.to, def.name) : null,
    ),
    ...nonKeyColumns(def).map((c) => c.name in changes),
  ];
}

function joinOnKey(def: TableDef): string {
  return def.key.map((k) => `t.${quoteIdent(k)} = s.${quoteIdent(k)}`).join(' AND ');
}

/** Updates every staged `u` row; only the columns some staged update changes are touched. */
export function stagedUpdateSql(def: TableDef, changedColumns: readonly string[]): Statement {
  const stage = quoteIdent(stageTable(def.name, 'upsert'));
  const sets = catalogOrder(def, changedColumns).map((name) => {
    const c = quoteIdent(name);
    return `${c} = CASE WHEN s.${quoteIdent(SET_PREFIX + name)} = 1 THEN s.${c} ELSE t.${c} END`;
  });
  const sql =
    `UPDATE t\nSET ${sets.join(',\n    ')}\n` +
    `FROM ${tableRef(def.name)} AS t\nINNER JOIN ${stage} AS s ON ${joinOnKey(def)}\n` +
    `WHERE s.${quoteIdent(ACTION_COLUMN)} = N'u';`;
  return { sql, params: {} };
}

/** Inserts every staged `c` row whose key is not there yet. */
export function stagedInsertSql(def: TableDef, ctx: StatementContext = {}): Statement {
  const params: SqlParams = {};
  const writer = writerValues(def.name, ctx, params);
  const names = [...def.columns.map((c) => quoteIdent(c.name)), ...writer.names];
  const values = [...def.columns.map((c) => `s.${quoteIdent(c.name)}`), ...writer.exprs];
  const sql =
    `INSERT INTO ${tableRef(def.name)} (${names.join(', ')})\n` +
    `SELECT ${values.join(', ')}\nFROM ${quoteIdent(stageTable(def.name, 'upsert'))} AS s\n` +
    `WHERE s.${quoteIdent(ACTION_COLUMN)} = N'c'\n` +
    `  AND NOT EXISTS (SELECT 1 FROM ${tableRef(def.name)} AS t WHERE ${joinOnKey(def)});`;
  return { sql, params };
}

export function deleteStageColumns(def: TableDef): TempColumn[] {
  return def.key.map((k) => ({ name: k, sqlType: columnOf(def, k).sqlType, nullable: false }));
}

export function deleteStageRow(def: TableDef, change: RowChange): unknown[] {
  return def.key.map((k) => toDbValue(columnOf(def, k), change.key[k], def.name));
}

export function stagedDeleteSql(def: TableDef): Statement {
  const sql = `DELETE t\nFROM ${tableRef(def.name)} AS t\nINNER JOIN ${quoteIdent(stageTable(def.name, 'delete'))} AS s ON ${joinOnKey(def)};`;
  return { sql, params: {} };
}

// ---------------------------------------------------------------------------------------------
// Execution order

/** One step of applying a plan: row-by-row statements, or one staged set. */
export type Step =
  | { kind: 'rows'; table: TableName; changes: RowChange[] }
  | { kind: 'stagedUpsert'; table: TableName; creates: RowChange[]; updates: RowChange[] }
  | { kind: 'stagedDelete'; table: TableName; deletes: RowChange[] };

/** An update that renames a key (case only) cannot be matched through the stage; it goes row by row. */
function changesKey(def: TableDef, change: RowChange): boolean {
  return Object.keys(change.changes ?? {}).some((n) => def.key.includes(n));
}

/**
 * The order changes are applied in: per table in FK order, updates before creates (an update
 * may free a unique value a create takes); then deletes in reverse FK order, after every row
 * that pointed at a deleted row has been moved.
 */
export function executionSteps(changes: readonly RowChange[], bulkThreshold = DEFAULT_BULK_THRESHOLD): Step[] {
  const upserts: Step[] = [];
  const deletes: Step[] = [];
  for (const def of TABLES) {
    const mine = changes.filter((c) => c.table === def.name);
    if (mine.length === 0) continue;
    const creates = mine.filter((c) => c.action === 'create');
    const updates = mine.filter((c) => c.action === 'update');
    const stageable = updates.filter((c) => !changesKey(def, c));
    const rowUpdates = updates.filter((c) => changesKey(def, c));
    const dels = mine.filter((c) => c.action === 'delete');
    if (creates.length + stageable.length > bulkThreshold) {
      if (rowUpdates.length > 0) upserts.push({ kind: 'rows', table: def.name, changes: rowUpdates });
      upserts.push({ kind: 'stagedUpsert', table: def.name, creates, updates: stageable });
    } else if (creates.length + updates.length > 0) {
      upserts.push({ kind: 'rows', table: def.name, changes: [...updates, ...creates] });
    }
    if (dels.length > bulkThreshold) deletes.unshift({ kind: 'stagedDelete', table: def.name, deletes: dels });
    else if (dels.length > 0) deletes.unshift({ kind: 'rows', table: def.name, changes: dels });
  }
  return [...upserts, ...deletes];
}

/** The row changes one step writes (a staged upsert: updates first, as they are staged). */
export function stepChanges(step: Step): RowChange[] {
  switch (step.kind) {
    case 'rows':
      return step.changes;
    case 'stagedUpsert':
      return [...step.updates, ...step.creates];
    case 'stagedDelete':
      return step.deletes;
    default: {
      const _exhaustive: never = step;
      return _exhaustive;
    }
  }
}

/** `2 create, 1 update`: what a set of changes does, for progress lines and script comments. */
export function actionCounts(changes: readonly RowChange[]): string {
  const by = { create: 0, update: 0, delete: 0, kept: 0 };
  for (const c of changes) by[c.action]++;
  return Object.entries(by)
    .filter(([, n]) => n > 0)
    .map(([action, n]) => `${n} ${action}`)
    .join(', ');
}

/** `UserName=alice`: a row named in a message or comment (licence keys and secrets print masked). */
export function keyText(change: RowChange): string {
  return Object.entries(change.key)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
}

/** Statements a staged step runs: create stage, bulk load, update/insert or delete, drop stage. */
export function stepStatementCount(step: Step): number {
  switch (step.kind) {
    case 'rows':
      return step.changes.length;
    case 'stagedUpsert':
      return 3 + (step.updates.length > 0 ? 1 : 0) + (step.creates.length > 0 ? 1 : 0);
    case 'stagedDelete':
      return 4;
    default: {
      const _exhaustive: never = step;
      return _exhaustive;
    }
  }
}

export interface StatementCount {
  /** Round trips for the row changes (bootstrap, lock and run record not counted). */
  statements: number;
  /** Row changes in the plan. */
  rows: number;
  /** Tables (per action group) staged through bulk load. */
  bulkTables: number;
}

/** What applying a plan costs, without a database (the bench reports it). */
export function countStatements(plan: Pick<Plan, 'changes'>, options: { bulkThreshold?: number } = {}): StatementCount {
  const steps = executionSteps(plan.changes, options.bulkThreshold ?? DEFAULT_BULK_THRESHOLD);
  return {
    statements: steps.reduce((n, s) => n + stepStatementCount(s), 0),
    // Kept admin edits are shown, never written.
    rows: plan.changes.filter((c) => c.action !== 'kept').length,
    bulkTables: steps.filter((s) => s.kind !== 'rows').length,
  };
}

// ---------------------------------------------------------------------------------------------
// The run record (apply and the DBA script insert the same row)

/** `dc.MigrationRun`'s columns, in the order they are inserted. */
export const MIGRATION_RUN_COLUMNS = [
  'RunId',
  'StartedAt',
  'FinishedAt',
  'ToolVersion',
  'Operator',
  'SourceDigest',
  'PlanDigest',
  'Sources',
  'Summary',
  'Status',
  'Error',
] as const;
export type MigrationRunColumn = (typeof MIGRATION_RUN_COLUMNS)[number];

/** `INSERT INTO [dc].[MigrationRun] ([RunId], …)`; the values follow. */
export function insertRunHead(): string {
  return `INSERT INTO ${tableRef('MigrationRun')} (${MIGRATION_RUN_COLUMNS.map(quoteIdent).join(', ')})`;
}

/** `dc.MigrationRun.Sources`: each source's server, path and file digests, as JSON. */
export function runSourcesJson(plan: Pick<Plan, 'sources'>): string {
  return JSON.stringify(plan.sources.map((s) => ({ server: s.server, path: s.path, files: s.files })));
}
