/**
 * The tables the writer keeps its own books in, beside the customer's data: the schema version,
 * the run history and the migration ledger. Described in the same shape as the data tables
 * (dc-schema.ts), so the same code writes their DDL; they are not in TABLES, which the planner,
 * the reader, the fingerprint and the differ go through for the customer's rows.
 */
import type { TableName } from './datacenter.js';
import type { SqlTableDef } from './dc-schema.js';

export type BookkeepingTableName = 'SchemaInfo' | 'MigrationRun' | 'MigrationChange' | 'LedgerKey';
/** Every table of schema `dc`: the data tables and the bookkeeping ones. */
export type DcTableName = TableName | BookkeepingTableName;

export type BookkeepingTableDef = SqlTableDef<BookkeepingTableName>;

/**
 * The states of a run (writers/mssql/announce.ts): `started` (announced, not finished: running,
 * or interrupted when its lock is free), `applied`, `failed` (rolled back), `interrupted` (marked
 * by the next run).
 */
export const RUN_STATUSES = ['started', 'applied', 'failed', 'interrupted'] as const;

/**
 * In the order they are created: the first SchemaVersion's tables before the data tables (the
 * writer's DDL puts them there), the ledger's (SchemaVersion 2) after them.
 */
export const BOOKKEEPING_TABLES: readonly BookkeepingTableDef[] = [
  {
    name: 'SchemaInfo',
    key: ['SchemaVersion'],
    columns: [
      { name: 'SchemaVersion', sqlType: 'int' },
      { name: 'InstalledAt', sqlType: 'datetime2(3)' },
      { name: 'ToolVersion', sqlType: 'nvarchar(32)' },
    ],
  },
  {
    name: 'MigrationRun',
    key: ['RunId'],
    columns: [
      { name: 'RunId', sqlType: 'uniqueidentifier' },
      { name: 'StartedAt', sqlType: 'datetime2(3)' },
      { name: 'FinishedAt', sqlType: 'datetime2(3)', nullable: true },
      { name: 'ToolVersion', sqlType: 'nvarchar(32)' },
      { name: 'Operator', sqlType: 'nvarchar(256)' },
      { name: 'SourceDigest', sqlType: 'char(64)' },
      { name: 'PlanDigest', sqlType: 'char(64)' },
      { name: 'Sources', sqlType: 'nvarchar(max)' },
      { name: 'Summary', sqlType: 'nvarchar(max)' },
      { name: 'Status', sqlType: 'nvarchar(16)' },
      // Not in the contract's minimum: the failure's code (never a value) for a `failed` run.
      { name: 'Error', sqlType: 'nvarchar(400)', nullable: true },
      // The RunId of the run this one undid (ledger.md §3).
      { name: 'UndoOf', sqlType: 'uniqueidentifier', nullable: true, since: 2 },
      // 1, 2, 3… per applied run, taken under the migration lock: RunIds are random and clocks can
      // repeat or go back, so the base of a row ("the latest change") is ordered by this.
      { name: 'RunSeq', sqlType: 'bigint', nullable: true, since: 2 },
      // Where the run came from (HOST_NAME() of its session): `runs` names it for an interrupted
      // attempt. Added compatibly within version 2 (a tool that does not know it ignores it).
      { name: 'Host', sqlType: 'nvarchar(128)', nullable: true, since: 2 },
    ],
    // Version 1's CK_MigrationRun_Status allowed only `applied` and `failed`.
    checks: [{ name: 'CK_MigrationRun_State', column: 'Status', values: RUN_STATUSES, replaces: 'CK_MigrationRun_Status' }],
  },
  {
    // One row per row change of an applied run. Before/After are the row before and as written
    // (JSON, secrets and licence keys as keyed hashes); Base, when set, is the row as the next
    // plan's base (the After with the columns this run kept for an admin edit at their earlier base).
    name: 'MigrationChange',
    since: 2,
    key: ['RunId', 'Seq'],
    columns: [
      { name: 'RunId', sqlType: 'uniqueidentifier', references: 'MigrationRun.RunId' },
      { name: 'Seq', sqlType: 'int' },
      { name: 'TableName', sqlType: 'nvarchar(128)' },
      { name: 'RowKey', sqlType: 'nvarchar(max)' },
      { name: 'Action', sqlType: 'nvarchar(16)' },
      { name: 'Before', sqlType: 'nvarchar(max)', nullable: true },
      { name: 'After', sqlType: 'nvarchar(max)', nullable: true },
      { name: 'Base', sqlType: 'nvarchar(max)', nullable: true },
    ],
    checks: [{ name: 'CK_MigrationChange_Action', column: 'Action', values: ['create', 'update', 'delete'] }],
  },
  {
    // The per-database key of the ledger's keyed hashes (HMAC-SHA-256), one row, made on the first apply.
    name: 'LedgerKey',
    since: 2,
    key: ['Id'],
    columns: [
      { name: 'Id', sqlType: 'int' },
      { name: 'KeyHex', sqlType: 'char(64)' },
      { name: 'CreatedAt', sqlType: 'datetime2(3)' },
    ],
    checks: [{ name: 'CK_LedgerKey_Id', column: 'Id', values: [1] }],
  },
];

export function bookkeepingTable(name: BookkeepingTableName): BookkeepingTableDef {
  const def = BOOKKEEPING_TABLES.find((t) => t.name === name);
  if (!def) throw new Error(`unknown bookkeeping table ${name}`);
  return def;
}
