/**
 * The schema as T-SQL DDL, built from the table catalog (src/model/dc-schema.ts) plus the two
 * bookkeeping tables of the contract (`dc.SchemaInfo`, `dc.MigrationRun`) and the one
 * writer-only column (`dc.Environment.CreatedAt`). Every statement is guarded (`IF … IS NULL`),
 * so the same list bootstraps a database on `apply` and in the DBA script, and re-running it
 * changes nothing. Pure: no I/O.
 */
import type { TableName } from '../../model/index.js';
import { SCHEMA, SCHEMA_VERSION, TABLES, type ColumnDef, type TableDef } from '../../model/index.js';
import { ledgerTablesSql, migrationRunUpgradeSql } from './ledger-ddl.js';

/**
 * Every text column gets this collation explicitly: the contract says names compare
 * case-insensitively whatever the server's default is, and `#temp` staging tables (created in
 * tempdb, whose collation may differ) must compare equal to the `dc` columns without
 * "cannot resolve the collation conflict". `_SC` keeps emoji (surrogate pairs) whole.
 */
export const TEXT_COLLATION = 'Latin1_General_100_CI_AS_SC';

/** A collation name as `target.collation` allows it: letters, digits, `_` (it is written into DDL). */
export function assertCollationName(collation: string): string {
  if (!/^[A-Za-z0-9_]+$/.test(collation)) throw new Error(`not a collation name: ${collation}`);
  return collation;
}

/**
 * The DDL with `target.collation` instead of the default: every text column's collation is
 * written by `columnTypeSql` alone, so one replacement covers every table (and the ledger's).
 * A server that lacks Microsoft's default (another TDS server) is usable with its own.
 */
export function withCollation(ddl: string, collation: string = TEXT_COLLATION): string {
  if (collation === TEXT_COLLATION) return ddl;
  return ddl.split(`COLLATE ${TEXT_COLLATION}`).join(`COLLATE ${assertCollationName(collation)}`);
}

/** SQL Server's limit for a clustered index key; wider keys get a NONCLUSTERED primary key. */
export const CLUSTERED_KEY_LIMIT_BYTES = 900;

/** `[name]`, with `]` doubled. Identifiers only ever come from the catalog; quoting is belt and braces. */
export function quoteIdent(name: string): string {
  return `[${name.replace(/]/g, ']]')}]`;
}

/** `[dc].[UserAccount]` */
export function tableRef(name: TableName | 'SchemaInfo' | 'MigrationRun'): string {
  return `${quoteIdent(SCHEMA)}.${quoteIdent(name)}`;
}

/** `N'…'` for identifiers inside OBJECT_ID(…) and similar; the text is ours, never input. */
function nlit(text: string): string {
  return `N'${text.replace(/'/g, "''")}'`;
}

function isUnicodeText(sqlType: string): boolean {
  return /^n(var)?char\b/i.test(sqlType);
}

/** The column's type as written in DDL (with the text collation for nvarchar/nchar). */
export function columnTypeSql(sqlType: string): string {
  return isUnicodeText(sqlType) ? `${sqlType} COLLATE ${TEXT_COLLATION}` : sqlType;
}

/** Bytes of one column in an index key (nvarchar = 2 per character). */
function keyColumnBytes(col: ColumnDef): number {
  const m = /^(n?)(?:var)?char\((\d+|max)\)$/i.exec(col.sqlType);
  if (m) {
    if (m[2]?.toLowerCase() === 'max') return Number.POSITIVE_INFINITY;
    return Number(m[2]) * (m[1] ? 2 : 1);
  }
  switch (col.sqlType.toLowerCase()) {
    case 'bit':
      return 1;
    case 'int':
      return 4;
    case 'bigint':
      return 8;
    default:
      return 16;
  }
}

/** The widest possible key of a table, in bytes. */
export function keyBytes(def: TableDef): number {
  return def.key.reduce((sum, name) => sum + keyColumnBytes(columnOf(def, name)), 0);
}

export function columnOf(def: TableDef, name: string): ColumnDef {
  const col = def.columns.find((c) => c.name === name);
  if (!col) throw new Error(`dc.${def.name} has no column ${name} (the catalog does not list it)`);
  return col;
}

/**
 * Columns the writer owns that are not part of the model: set at insert, never diffed.
 * `value` names what the writer puts there (the run's clock).
 */
export interface WriterColumn {
  name: string;
  sqlType: string;
  value: 'now';
}
export const WRITER_COLUMNS: Partial<Record<TableName, readonly WriterColumn[]>> = {
  Environment: [{ name: 'CreatedAt', sqlType: 'datetime2(3)', value: 'now' }],
};

/** Extra CHECK constraints the contract implies (Environment has exactly one row, Id 1). */
const TABLE_CHECKS: Partial<Record<TableName, readonly { name: string; sql: string }[]>> = {
  Environment: [{ name: 'CK_Environment_Id', sql: `${quoteIdent('Id')} = 1` }],
};

/** `CREATE TABLE [dc].[X] (…)` for one catalog table, with PK, UNIQUE and FK constraints. */
export function createTableSql(def: TableDef): string {
  const lines: string[] = [];
  for (const col of def.columns) {
    lines.push(`${quoteIdent(col.name)} ${columnTypeSql(col.sqlType)} ${col.nullable ? 'NULL' : 'NOT NULL'}`);
  }
  for (const extra of WRITER_COLUMNS[def.name] ?? []) {
    lines.push(`${quoteIdent(extra.name)} ${columnTypeSql(extra.sqlType)} NOT NULL`);
  }
  const clustering = keyBytes(def) > CLUSTERED_KEY_LIMIT_BYTES ? 'NONCLUSTERED' : 'CLUSTERED';
  lines.push(
    `CONSTRAINT ${quoteIdent(`PK_${def.name}`)} PRIMARY KEY ${clustering} (${def.key.map(quoteIdent).join(', ')})`,
  );
  for (const col of def.columns) {
    if (col.unique) lines.push(`CONSTRAINT ${quoteIdent(`UQ_${def.name}_${col.name}`)} UNIQUE (${quoteIdent(col.name)})`);
  }
  for (const col of def.columns) {
    if (!col.references) continue;
    const [refTable, refColumn] = col.references.split('.') as [TableName, string];
    lines.push(
      `CONSTRAINT ${quoteIdent(`FK_${def.name}_${col.name}`)} FOREIGN KEY (${quoteIdent(col.name)}) ` +
        `REFERENCES ${tableRef(refTable)} (${quoteIdent(refColumn)})`,
    );
  }
  for (const check of TABLE_CHECKS[def.name] ?? []) {
    lines.push(`CONSTRAINT ${quoteIdent(check.name)} CHECK (${check.sql})`);
  }
  return `CREATE TABLE ${tableRef(def.name)} (\n  ${lines.join(',\n  ')}\n)`;
}

const SCHEMA_INFO_DDL = `CREATE TABLE ${tableRef('SchemaInfo')} (
  [SchemaVersion] int NOT NULL,
  [InstalledAt] datetime2(3) NOT NULL,
  [ToolVersion] ${columnTypeSql('nvarchar(32)')} NOT NULL,
  CONSTRAINT [PK_SchemaInfo] PRIMARY KEY CLUSTERED ([SchemaVersion])
)`;

/**
 * The states of a run (announce.ts): `started` (announced, not finished: running, or interrupted
 * when its lock is free), `applied`, `failed` (rolled back), `interrupted` (marked by the next run).
 * Named apart from version 1's CK_MigrationRun_Status (applied, failed), which an upgrade replaces.
 */
export const RUN_STATUSES = ['started', 'applied', 'failed', 'interrupted'] as const;
export const RUN_STATUS_CHECK = `CONSTRAINT [CK_MigrationRun_State] CHECK ([Status] IN (${RUN_STATUSES.map((v) => `N'${v}'`).join(', ')}))`;

/** `Error` is not in the contract's minimum: the failure's code (never a value) for a `failed` run. */
const MIGRATION_RUN_DDL = `CREATE TABLE ${tableRef('MigrationRun')} (
  [RunId] uniqueidentifier NOT NULL,
  [StartedAt] datetime2(3) NOT NULL,
  [FinishedAt] datetime2(3) NULL,
  [ToolVersion] ${columnTypeSql('nvarchar(32)')} NOT NULL,
  [Operator] ${columnTypeSql('nvarchar(256)')} NOT NULL,
  [SourceDigest] char(64) NOT NULL,
  [PlanDigest] char(64) NOT NULL,
  [Sources] ${columnTypeSql('nvarchar(max)')} NOT NULL,
  [Summary] ${columnTypeSql('nvarchar(max)')} NOT NULL,
  [Status] ${columnTypeSql('nvarchar(16)')} NOT NULL,
  [Error] ${columnTypeSql('nvarchar(400)')} NULL,
  CONSTRAINT [PK_MigrationRun] PRIMARY KEY CLUSTERED ([RunId]),
  ${RUN_STATUS_CHECK}
)`;

/** `OBJECT_ID(N'[dc].[X]', N'U')`: NULL while the table does not exist. */
export function tableIdSql(name: TableName | 'SchemaInfo' | 'MigrationRun'): string {
  return `OBJECT_ID(${nlit(tableRef(name))}, N'U')`;
}

function ifNoTable(name: TableName | 'SchemaInfo' | 'MigrationRun', ddl: string): string {
  return `IF ${tableIdSql(name)} IS NULL\n${ddl};`;
}

/**
 * The run history alone (dc.MigrationRun with every later column and state): what a run's
 * announcement needs before the write transaction, which creates everything else.
 */
export function createRunTableSql(collation: string = TEXT_COLLATION): string[] {
  return [ifNoTable('MigrationRun', MIGRATION_RUN_DDL), ...migrationRunUpgradeSql()].map((ddl) => withCollation(ddl, collation));
}

/**
 * `CREATE SCHEMA` must be alone in its batch; EXEC gives it one, so the guarded statement can sit
 * anywhere.
 */
export function createSchemaSql(): string {
  return `IF SCHEMA_ID(${nlit(SCHEMA)}) IS NULL EXEC(N'CREATE SCHEMA ${quoteIdent(SCHEMA)}');`;
}

/** Guarded CREATE TABLE statements: bookkeeping tables first, then the catalog in FK order. */
export function createTablesSql(collation: string = TEXT_COLLATION): string[] {
  return [
    ifNoTable('SchemaInfo', SCHEMA_INFO_DDL),
    ifNoTable('MigrationRun', MIGRATION_RUN_DDL),
    ...TABLES.map((def) => ifNoTable(def.name, createTableSql(def))),
    // SchemaVersion 2: the migration ledger (ledger-ddl.ts); guarded, so it also upgrades version 1.
    ...ledgerTablesSql(),
  ].map((ddl) => withCollation(ddl, collation));
}

/**
 * Statements that take a database from SchemaVersion `n - 1` to `n`, keyed by `n`. Version 1 is
 * the first, so nothing is here yet. Each statement must be guarded (re-runnable) and wrap DDL
 * whose effect a later statement of the same batch relies on in `EXEC(N'…')` (a column added in a
 * batch cannot be referenced by that batch's compiled statements).
 */
export const UPGRADES: Readonly<Record<number, readonly string[]>> = {};

/** Upgrade statements from `fromVersion` (exclusive) to SCHEMA_VERSION (inclusive), in order. */
export function upgradeSql(fromVersion: number, toVersion: number = SCHEMA_VERSION, collation: string = TEXT_COLLATION): string[] {
  const out: string[] = [];
  for (let v = fromVersion + 1; v <= toVersion; v++) out.push(...(UPGRADES[v] ?? []));
  return out.map((ddl) => withCollation(ddl, collation));
}

/** A column of a `#temp` staging table. */
export interface TempColumn {
  name: string;
  sqlType: string;
  nullable: boolean;
}

/** Drops a left-over staging table of the same name (pooled sessions keep them) and creates it. */
export function createTempTableSql(tempTable: string, columns: readonly TempColumn[], collation: string = TEXT_COLLATION): string {
  if (!/^#[A-Za-z0-9_]+$/.test(tempTable)) throw new Error(`not a temp table name: ${tempTable}`);
  const cols = columns.map((c) => withCollation(`${quoteIdent(c.name)} ${columnTypeSql(c.sqlType)} ${c.nullable ? 'NULL' : 'NOT NULL'}`, collation));
  return (
    `IF OBJECT_ID(${nlit(`tempdb..${tempTable}`)}) IS NOT NULL DROP TABLE ${quoteIdent(tempTable)};\n` +
    `CREATE TABLE ${quoteIdent(tempTable)} (\n  ${cols.join(',\n  ')}\n);`
  );
}

export function dropTempTableSql(tempTable: string): string {
  return `IF OBJECT_ID(${nlit(`tempdb..${tempTable}`)}) IS NOT NULL DROP TABLE ${quoteIdent(tempTable)};`;
}
