/**
 * SchemaVersion 2 (ledger.md "Schema"): the migration ledger's tables and the two columns it adds
 * to `dc.MigrationRun`. Guarded statements (re-runnable), appended to the bootstrap list, so a
 * fresh database gets them with the rest and a version-1 database is upgraded by the same list,
 * in the apply's transaction. Portable T-SQL: plain ALTER TABLE … ADD and CREATE TABLE, catalog
 * lookups through sys.columns with names compared case-insensitively.
 */
import { SCHEMA } from '../../model/index.js';
import { columnTypeSql, quoteIdent, RUN_STATUS_CHECK } from './ddl.js';

export type LedgerTable = 'MigrationChange' | 'LedgerKey';

/** `[dc].[MigrationChange]` */
export function ledgerRef(name: LedgerTable | 'MigrationRun'): string {
  return `${quoteIdent(SCHEMA)}.${quoteIdent(name)}`;
}

/** `OBJECT_ID(N'[dc].[MigrationChange]', N'U')`: NULL while the table does not exist. */
export function ledgerTableIdSql(name: LedgerTable): string {
  return `OBJECT_ID(N'${ledgerRef(name)}', N'U')`;
}

/** Columns SchemaVersion 2 adds to dc.MigrationRun: the run undone, and the order runs were applied in. */
export const MIGRATION_RUN_V2_COLUMNS = [
  // The RunId of the run this one undid (ledger.md §3).
  { name: 'UndoOf', sqlType: 'uniqueidentifier' },
  // 1, 2, 3… per applied run, taken under the migration lock: RunIds are random and clocks can
  // repeat or go back, so the base of a row ("the latest change") is ordered by this.
  { name: 'RunSeq', sqlType: 'bigint' },
  // Where the run came from (HOST_NAME() of its session): `runs` names it for an interrupted
  // attempt. Added compatibly within version 2 (nullable; a tool that does not know it ignores it).
  { name: 'Host', sqlType: 'nvarchar(128)' },
] as const;

function addColumnSql(column: { name: string; sqlType: string }): string {
  return (
    `IF NOT EXISTS (SELECT 1 FROM sys.columns WHERE [object_id] = OBJECT_ID(N'${ledgerRef('MigrationRun')}', N'U') AND LOWER([name]) = N'${column.name.toLowerCase()}')\n` +
    `ALTER TABLE ${ledgerRef('MigrationRun')} ADD ${quoteIdent(column.name)} ${columnTypeSql(column.sqlType)} NULL;`
  );
}

/**
 * A run table of version 1 allows only `applied` and `failed`: its check is replaced by the one
 * that also allows `started` and `interrupted` (ddl.ts RUN_STATUS_CHECK). Constraint names are
 * compared in lower case and by prefix: Babelfish keeps catalog names in lower case (and may
 * suffix a constraint's name), SQL Server as written.
 */
function runStatusCheckSql(): string[] {
  const run = `OBJECT_ID(N'${ledgerRef('MigrationRun')}', N'U')`;
  const named = (name: string) => `SELECT 1 FROM sys.check_constraints WHERE [parent_object_id] = ${run} AND LOWER([name]) LIKE N'${name.toLowerCase()}%'`;
  return [
    `IF EXISTS (${named('CK_MigrationRun_Status')})\nALTER TABLE ${ledgerRef('MigrationRun')} DROP CONSTRAINT [CK_MigrationRun_Status];`,
    `IF NOT EXISTS (${named('CK_MigrationRun_State')})\nALTER TABLE ${ledgerRef('MigrationRun')} ADD ${RUN_STATUS_CHECK};`,
  ];
}

/** What later schema steps add to dc.MigrationRun (after it exists): columns, then the states' check. */
export function migrationRunUpgradeSql(): string[] {
  return [...MIGRATION_RUN_V2_COLUMNS.map(addColumnSql), ...runStatusCheckSql()];
}

/**
 * One row per row change of an applied run. Before/After are the row before and as written
 * (JSON, secrets and licence keys as keyed hashes); Base, when set, is the row as the next plan's
 * base (the After with the columns this run kept for an admin edit at their earlier base).
 */
// Functions, not constants: ddl.ts imports this file, so nothing of ddl.ts may run at load time.
const migrationChangeDdl = (): string => `CREATE TABLE ${ledgerRef('MigrationChange')} (
  [RunId] uniqueidentifier NOT NULL,
  [Seq] int NOT NULL,
  [TableName] ${columnTypeSql('nvarchar(128)')} NOT NULL,
  [RowKey] ${columnTypeSql('nvarchar(max)')} NOT NULL,
  [Action] ${columnTypeSql('nvarchar(16)')} NOT NULL,
  [Before] ${columnTypeSql('nvarchar(max)')} NULL,
  [After] ${columnTypeSql('nvarchar(max)')} NULL,
  [Base] ${columnTypeSql('nvarchar(max)')} NULL,
  CONSTRAINT [PK_MigrationChange] PRIMARY KEY CLUSTERED ([RunId], [Seq]),
  CONSTRAINT [FK_MigrationChange_RunId] FOREIGN KEY ([RunId]) REFERENCES ${ledgerRef('MigrationRun')} ([RunId]),
  CONSTRAINT [CK_MigrationChange_Action] CHECK ([Action] IN (N'create', N'update', N'delete'))
)`;

/** The per-database key of the ledger's keyed hashes (HMAC-SHA-256), one row, made on the first apply. */
const ledgerKeyDdl = (): string => `CREATE TABLE ${ledgerRef('LedgerKey')} (
  [Id] int NOT NULL,
  [KeyHex] char(64) NOT NULL,
  [CreatedAt] datetime2(3) NOT NULL,
  CONSTRAINT [PK_LedgerKey] PRIMARY KEY CLUSTERED ([Id]),
  CONSTRAINT [CK_LedgerKey_Id] CHECK ([Id] = 1)
)`;

/** Guarded statements creating the ledger (after dc.MigrationRun exists). */
export function ledgerTablesSql(): string[] {
  return [
    ...migrationRunUpgradeSql(),
    `IF ${ledgerTableIdSql('MigrationChange')} IS NULL\n${migrationChangeDdl()};`,
    `IF ${ledgerTableIdSql('LedgerKey')} IS NULL\n${ledgerKeyDdl()};`,
  ];
}
