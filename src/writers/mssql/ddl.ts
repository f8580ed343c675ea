/**
 * The schema as T-SQL DDL, built from the table catalog (src/model/dc-schema.ts), the bookkeeping
 * tables described the same way (src/model/bookkeeping-tables.ts: `dc.SchemaInfo`, the run
 * history, the ledger) and the one writer-only column (`dc.Environment.CreatedAt`). Every
 * statement is guarded (`IF … IS NULL`), so the same list bootstraps a database on `apply` and in
 * the DBA script, upgrades an older one, and re-running it changes nothing. Pure: no I/O.
 */
import {
  BOOKKEEPING_TABLES,
  bookkeepingTable,
  SCHEMA,
  SCHEMA_VERSION,
  TABLES,
  type CheckDef,
  type DcTableName,
  type SqlColumnDef,
  type SqlTableDef,
} from '../../model/index.js';
import { columnTypeSql, nlit, quoteIdent, tableIdSql, tableRef, TEXT_COLLATION, withCollation } from './sql-names.js';

// The DDL's default collation, named where the DDL is (tools and tests pass it on).
export { TEXT_COLLATION } from './sql-names.js';

/** SQL Server's limit for a clustered index key; wider keys get a NONCLUSTERED primary key. */
export const CLUSTERED_KEY_LIMIT_BYTES = 900;

/** Bytes of one column in an index key (nvarchar = 2 per character). */
function keyColumnBytes(col: SqlColumnDef): number {
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
export function keyBytes(def: SqlTableDef): number {
  return def.key.reduce((sum, name) => sum + keyColumnBytes(columnOf(def, name)), 0);
}

export function columnOf<C extends SqlColumnDef>(def: { name: string; columns: readonly C[] }, name: string): C {
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
export const WRITER_COLUMNS: Partial<Record<DcTableName, readonly WriterColumn[]>> = {
  Environment: [{ name: 'CreatedAt', sqlType: 'datetime2(3)', value: 'now' }],
};

function columnSql(col: Pick<SqlColumnDef, 'name' | 'sqlType' | 'nullable'>): string {
  return `${quoteIdent(col.name)} ${columnTypeSql(col.sqlType)} ${col.nullable ? 'NULL' : 'NOT NULL'}`;
}

/** `CONSTRAINT [CK_…] CHECK ([Column] = 1)`, or `… IN (N'a', N'b')` for several values. */
function checkSql(check: CheckDef): string {
  const literal = (v: string | number): string => (typeof v === 'number' ? String(v) : nlit(v));
  const test = check.values.length === 1 ? `= ${literal(check.values[0]!)}` : `IN (${check.values.map(literal).join(', ')})`;
  return `CONSTRAINT ${quoteIdent(check.name)} CHECK (${quoteIdent(check.column)} ${test})`;
}

/**
 * `CREATE TABLE [dc].[X] (…)` for one table of the catalog or the bookkeeping, with PK, UNIQUE,
 * FK and CHECK constraints. Columns a later SchemaVersion added (`since`) are not in it: they
 * come after the table, from `laterSql`.
 */
export function createTableSql(def: SqlTableDef<DcTableName>): string {
  const created = def.columns.filter((c) => c.since === undefined);
  const lines: string[] = created.map(columnSql);
  for (const extra of WRITER_COLUMNS[def.name] ?? []) lines.push(columnSql(extra));
  const clustering = keyBytes(def) > CLUSTERED_KEY_LIMIT_BYTES ? 'NONCLUSTERED' : 'CLUSTERED';
  lines.push(
    `CONSTRAINT ${quoteIdent(`PK_${def.name}`)} PRIMARY KEY ${clustering} (${def.key.map(quoteIdent).join(', ')})`,
  );
  for (const col of created) {
    if (col.unique) lines.push(`CONSTRAINT ${quoteIdent(`UQ_${def.name}_${col.name}`)} UNIQUE (${quoteIdent(col.name)})`);
  }
  for (const col of created) {
    if (!col.references) continue;
    const [refTable, refColumn] = col.references.split('.') as [DcTableName, string];
    lines.push(
      `CONSTRAINT ${quoteIdent(`FK_${def.name}_${col.name}`)} FOREIGN KEY (${quoteIdent(col.name)}) ` +
        `REFERENCES ${tableRef(refTable)} (${quoteIdent(refColumn)})`,
    );
  }
  for (const check of def.checks ?? []) lines.push(checkSql(check));
  return `CREATE TABLE ${tableRef(def.name)} (\n  ${lines.join(',\n  ')}\n)`;
}

function createIfAbsentSql(def: SqlTableDef<DcTableName>): string {
  return `IF ${tableIdSql(def.name)} IS NULL\n${createTableSql(def)};`;
}

/** Adds a column a later SchemaVersion brought, where it is missing (names compared in lower case). */
function addColumnSql(def: SqlTableDef<DcTableName>, col: SqlColumnDef): string {
  if (!col.nullable) throw new Error(`dc.${def.name}.${col.name}: a column added to an existing table must be nullable`);
  return (
    `IF NOT EXISTS (SELECT 1 FROM sys.columns WHERE [object_id] = ${tableIdSql(def.name)} AND LOWER([name]) = ${nlit(col.name.toLowerCase())})\n` +
    `ALTER TABLE ${tableRef(def.name)} ADD ${columnSql(col)};`
  );
}

/**
 * A check that replaced an earlier one: dropped where the earlier one is, added where it is not.
 * Constraint names are compared in lower case and by prefix: Babelfish keeps catalog names in
 * lower case (and may suffix a constraint's name), SQL Server as written.
 */
function replaceCheckSql(def: SqlTableDef<DcTableName>, check: CheckDef & { replaces: string }): string[] {
  const named = (name: string): string =>
    `SELECT 1 FROM sys.check_constraints WHERE [parent_object_id] = ${tableIdSql(def.name)} AND LOWER([name]) LIKE ${nlit(`${name.toLowerCase()}%`)}`;
  return [
    `IF EXISTS (${named(check.replaces)})\nALTER TABLE ${tableRef(def.name)} DROP CONSTRAINT ${quoteIdent(check.replaces)};`,
    `IF NOT EXISTS (${named(check.name)})\nALTER TABLE ${tableRef(def.name)} ADD ${checkSql(check)};`,
  ];
}

/**
 * The index of an `indexed` column, where it is missing. Index names are compared in lower case
 * and by prefix, as constraint names are (Babelfish keeps catalog names in lower case).
 */
function createIndexSql(def: SqlTableDef<DcTableName>, col: SqlColumnDef): string {
  const name = `IX_${def.name}_${col.name}`;
  return (
    `IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE [object_id] = ${tableIdSql(def.name)} AND LOWER([name]) LIKE ${nlit(`${name.toLowerCase()}%`)})\n` +
    `CREATE NONCLUSTERED INDEX ${quoteIdent(name)} ON ${tableRef(def.name)} (${quoteIdent(col.name)});`
  );
}

/**
 * What later SchemaVersions changed in a table that already existed: its added columns, then its
 * replaced checks, then indexes. Guarded, after the table's CREATE: a fresh table and an older
 * one end alike.
 */
function laterSql(def: SqlTableDef<DcTableName>): string[] {
  return [
    ...def.columns.filter((c) => c.since !== undefined).map((c) => addColumnSql(def, c)),
    ...(def.checks ?? []).flatMap((c) => (c.replaces === undefined ? [] : replaceCheckSql(def, { ...c, replaces: c.replaces }))),
    ...def.columns.filter((c) => c.indexed).map((c) => createIndexSql(def, c)),
  ];
}

/**
 * The run history alone (dc.MigrationRun with every later column and state): what a run's
 * announcement needs before the write transaction, which creates everything else.
 */
export function createRunTableSql(collation: string = TEXT_COLLATION): string[] {
  const run = bookkeepingTable('MigrationRun');
  return [createIfAbsentSql(run), ...laterSql(run)].map((ddl) => withCollation(ddl, collation));
}

/**
 * `CREATE SCHEMA` must be alone in its batch; EXEC gives it one, so the guarded statement can sit
 * anywhere.
 */
export function createSchemaSql(): string {
  return `IF SCHEMA_ID(${nlit(SCHEMA)}) IS NULL EXEC(N'CREATE SCHEMA ${quoteIdent(SCHEMA)}');`;
}

/**
 * Guarded DDL of every table: the first version's bookkeeping tables, the catalog in FK order,
 * then what later versions added — columns and checks of existing tables, then new tables (the
 * ledger). Guarded, so the same list upgrades a version-1 database.
 */
export function createTablesSql(collation: string = TEXT_COLLATION): string[] {
  const first = BOOKKEEPING_TABLES.filter((def) => def.since === undefined);
  const later = BOOKKEEPING_TABLES.filter((def) => def.since !== undefined);
  return [
    ...first.map(createIfAbsentSql),
    ...TABLES.map(createIfAbsentSql),
    ...[...BOOKKEEPING_TABLES, ...TABLES].flatMap(laterSql),
    ...later.map(createIfAbsentSql),
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
