/**
 * Row change → SQL, as a pure function (drizzle-kit keeps `statements.ts` + `convertor.ts` side
 * by side the same way): `apply` executes exactly these statements with parameters, the script
 * renderer (script.ts) reads the same column lists and values. No `MERGE`: upserts are
 * `UPDATE` + `INSERT … WHERE NOT EXISTS`; in large sets, creates are bulk-loaded straight into
 * the table and updates and deletes staged through a `#temp` table.
 */
import type { Plan, RowChange } from '../../model/index.js';
import type { TableName } from '../../model/index.js';
import { TABLES, tableDef, type ColumnDef, type TableDef } from '../../model/index.js';
import { WRITER_COLUMNS, columnOf, type TempColumn } from './ddl.js';
import { quoteIdent, tableRef } from './sql-names.js';
import { paramTypeFor, toDbValue, type SqlParam, type SqlParams } from './values.js';

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

/** Tables with more updates (or deletes) than this are staged through a #temp table. */
export const DEFAULT_BULK_THRESHOLD = 500;

/**
 * Tables with more creates than this get them by one bulk load instead of one INSERT each. On a
 * TDS server an INSERT round trip is 1–3 ms and a bulk load 30–50 ms (measured on Babelfish).
 */
export const DEFAULT_BULK_CREATE_THRESHOLD = 20;

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

const SET_PREFIX = '__Set_';

export function stageTable(table: TableName, kind: 'update' | 'delete'): string {
  return kind === 'update' ? `#pm_${table}` : `#pm_${table}_delete`;
}

/** Columns of an update stage: every catalog column (nullable), one "set" flag per non-key column. */
export function updateStageColumns(def: TableDef): TempColumn[] {
  return [
    ...def.columns.map((c) => ({ name: c.name, sqlType: c.sqlType, nullable: true })),
    ...nonKeyColumns(def).map((c) => ({ name: `${SET_PREFIX}${c.name}`, sqlType: 'bit', nullable: false })),
  ];
}

function nonKeyColumns(def: TableDef): ColumnDef[] {
  return def.columns.filter((c) => !def.key.includes(c.name));
}

/** One staged update, in updateStageColumns order: its key, the changed values, and which columns it sets. */
export function updateStageRow(def: TableDef, change: RowChange): unknown[] {
  if (change.action !== 'update') throw new Error(`cannot stage a ${change.action} as an update`);
  const changes = change.changes ?? {};
  return [
    ...def.columns.map((c) =>
      def.key.includes(c.name) ? toDbValue(c, change.key[c.name], def.name) : c.name in changes ? toDbValue(c, changes[c.name]?.to, def.name) : null,
    ),
    ...nonKeyColumns(def).map((c) => c.name in changes),
  ];
}

function joinOnKey(def: TableDef): string {
  return def.key.map((k) => `t.${quoteIdent(k)} = s.${quoteIdent(k)}`).join(' AND ');
}

/** Updates every staged row; only the columns some staged update changes are touched. */
export function stagedUpdateSql(def: TableDef, changedColumns: readonly string[]): Statement {
  const stage = quoteIdent(stageTable(def.name, 'update'));
  const sets = catalogOrder(def, changedColumns).map((name) => {
    const c = quoteIdent(name);
    return `${c} = CASE WHEN s.${quoteIdent(SET_PREFIX + name)} = 1 THEN s.${c} ELSE t.${c} END`;
  });
  const sql =
    `UPDATE t\nSET ${sets.join(',\n    ')}\n` +
    `FROM ${tableRef(def.name)} AS t\nINNER JOIN ${stage} AS s ON ${joinOnKey(def)};`;
  return { sql, params: {} };
}

/**
 * Columns of a bulk create straight into the table: every catalog column, then the writer's own
 * (`CreatedAt`), as an INSERT of {@link createSql} names them.
 */
export function bulkCreateColumns(def: TableDef): TempColumn[] {
  return [
    ...def.columns.map((c) => ({ name: c.name, sqlType: c.sqlType, nullable: c.nullable === true })),
    ...(WRITER_COLUMNS[def.name] ?? []).map((w) => ({ name: w.name, sqlType: w.sqlType, nullable: false })),
  ];
}

/** One created row, in {@link bulkCreateColumns} order; writer columns get the run's clock. */
export function bulkCreateRow(def: TableDef, change: RowChange, now: Date): unknown[] {
  if (change.action !== 'create') throw new Error(`cannot bulk-create a ${change.action}`);
  return [...def.columns.map((c) => toDbValue(c, cell(change, c.name), def.name)), ...(WRITER_COLUMNS[def.name] ?? []).map(() => now)];
}

/**
 * After a bulk create: per foreign key of the table, how many rows point to no row of the table
 * they reference (`SELECT … AS [HomeServer]`, one count per column; null when the table has no
 * foreign key). Babelfish's bulk load does not check foreign keys even when asked to
 * (CHECK_CONSTRAINTS: measured on 4.3), so there the apply counts them itself; SQL Server checks
 * them in the load.
 */
export function orphanCountSql(def: TableDef): string | null {
  const refs = def.columns.filter((c) => c.references !== undefined);
  if (refs.length === 0) return null;
  const counts = refs.map((c) => {
    const [refTable, refColumn] = (c.references as string).split('.') as [TableName, string];
    const col = quoteIdent(c.name);
    return (
      `(SELECT COUNT(*) FROM ${tableRef(def.name)} AS c WHERE c.${col} IS NOT NULL\n` +
      `   AND NOT EXISTS (SELECT 1 FROM ${tableRef(refTable)} AS p WHERE p.${quoteIdent(refColumn)} = c.${col})) AS ${col}`
    );
  });
  return `SELECT ${counts.join(',\n  ')};`;
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
  | { kind: 'stagedUpdate'; table: TableName; updates: RowChange[] }
  | { kind: 'bulkCreate'; table: TableName; creates: RowChange[] }
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
export function executionSteps(changes: readonly RowChange[], bulkThreshold?: number): Step[] {
  const stageAbove = bulkThreshold ?? DEFAULT_BULK_THRESHOLD;
  const bulkCreateAbove = bulkThreshold ?? DEFAULT_BULK_CREATE_THRESHOLD;
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
    // Updates before creates (an update may free a unique value a create takes): key renames
    // row by row, then the other updates (staged when many), then the creates (bulk-loaded
    // straight into the table when more than a few: a load costs about as much as 20 INSERTs).
    const stageUpdates = stageable.length > stageAbove;
    const bulkCreate = creates.length > bulkCreateAbove;
    if (stageUpdates) {
      if (rowUpdates.length > 0) upserts.push({ kind: 'rows', table: def.name, changes: rowUpdates });
      upserts.push({ kind: 'stagedUpdate', table: def.name, updates: stageable });
    }
    const rowwise = [...(stageUpdates ? [] : updates), ...(bulkCreate ? [] : creates)];
    if (rowwise.length > 0) upserts.push({ kind: 'rows', table: def.name, changes: rowwise });
    if (bulkCreate) upserts.push({ kind: 'bulkCreate', table: def.name, creates });
    if (dels.length > stageAbove) deletes.unshift({ kind: 'stagedDelete', table: def.name, deletes: dels });
    else if (dels.length > 0) deletes.unshift({ kind: 'rows', table: def.name, changes: dels });
  }
  return [...upserts, ...deletes];
}

/** The row changes one step writes. */
export function stepChanges(step: Step): RowChange[] {
  switch (step.kind) {
    case 'rows':
      return step.changes;
    case 'stagedUpdate':
      return step.updates;
    case 'bulkCreate':
      return step.creates;
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

/** Statements a step runs: a staged one creates its stage, loads, updates/inserts or deletes, drops it; a bulk create is one load. */
export function stepStatementCount(step: Step): number {
  switch (step.kind) {
    case 'rows':
      return step.changes.length;
    case 'stagedUpdate':
      return 4;
    case 'bulkCreate':
      return 1;
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
  const steps = executionSteps(plan.changes, options.bulkThreshold);
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

/** What a dc.MigrationRun row says about its run (announce.ts, apply.ts). */
export interface RunRow {
  runId: string;
  startedAt: Date;
  finishedAt: Date | null;
  toolVersion: string;
  operator: string;
  sourceDigest: string;
  planDigest: string;
  status: 'started' | 'applied' | 'failed';
  error: string | null;
}

/** The typed parameters of a dc.MigrationRun row, one per {@link MIGRATION_RUN_COLUMNS} entry. */
export function runRowParams(plan: Pick<Plan, 'sources' | 'summary'>, row: RunRow): Record<MigrationRunColumn, SqlParam> {
  return {
    RunId: { type: 'uniqueidentifier', value: row.runId },
    StartedAt: { type: 'datetime2', value: row.startedAt },
    FinishedAt: { type: 'datetime2', value: row.finishedAt },
    ToolVersion: { type: 'nvarchar(32)', value: row.toolVersion.slice(0, 32) },
    Operator: { type: 'nvarchar(256)', value: row.operator.slice(0, 256) },
    SourceDigest: { type: 'char(64)', value: row.sourceDigest },
    PlanDigest: { type: 'char(64)', value: row.planDigest },
    Sources: { type: 'nvarchar(max)', value: runSourcesJson(plan) },
    Summary: { type: 'nvarchar(max)', value: JSON.stringify(plan.summary) },
    Status: { type: 'nvarchar(16)', value: row.status },
    Error: { type: 'nvarchar(400)', value: row.error },
  };
}

/** `dc.MigrationRun.Sources`: each source's server, path and file digests, as JSON. */
export function runSourcesJson(plan: Pick<Plan, 'sources'>): string {
  return JSON.stringify(plan.sources.map((s) => ({ server: s.server, path: s.path, files: s.files })));
}
