/**
 * The table catalog of the multi-server database: names, keys, columns and their SQL types.
 * The one source of identifiers for the differ, the renderers, the SQL writer and the reader:
 * identifiers in SQL text come only from here (and from bookkeeping-tables.ts, the writer's own
 * tables, described in the same shape), never from input.
 */
import type { TableName } from './datacenter.js';

/**
 * Bump when the schema changes; the writer upgrades older databases and refuses newer ones.
 * 2: the migration ledger (dc.MigrationChange, dc.LedgerKey, dc.MigrationRun.UndoOf/RunSeq).
 */
export const SCHEMA_VERSION = 2;
export const SCHEMA = 'dc';

/**
 * How a column's value is represented in the model:
 * text = string, int/bigint = number, bit = boolean, sensitive = Sensitive (or null),
 * licenseKey = LicenseKey, secretOrText = string | Sensitive (Setting.Value; secret when Type = 'secret').
 */
export type ColumnKind = 'text' | 'int' | 'bigint' | 'bit' | 'sensitive' | 'licenseKey' | 'secretOrText';

/**
 * A column as SQL sees it, whatever table it belongs to (a data table or a bookkeeping one):
 * what the DDL is written from.
 */
export interface SqlColumnDef {
  name: string;
  /** SQL type as written in DDL, e.g. `nvarchar(256)`, `nvarchar(max)`, `int`, `bit`. */
  sqlType: string;
  /** Max characters for text columns (undefined = max). */
  length?: number;
  nullable?: boolean;
  /** Foreign key target `Table.Column` (for ordering and DDL). */
  references?: string;
  unique?: boolean;
  /**
   * An index of its own (`IX_<Table>_<Column>`), for a foreign key that does not lead the key:
   * deleting a referenced row makes the server look for rows pointing to it, which without an
   * index is a scan of this table per deleted row. Created guarded after the table, so a database
   * made before the index gets it on its next apply.
   */
  indexed?: boolean;
  /**
   * The SchemaVersion that added the column to a table that already existed. It is never in
   * CREATE TABLE: a guarded `ALTER TABLE … ADD` (nullable) adds it after the table, to an older
   * database and a fresh one alike, so both end with the same columns in the same order.
   */
  since?: number;
}

/** A column of a data table: its SQL shape and how the model holds its value. */
export interface ColumnDef extends SqlColumnDef {
  kind: ColumnKind;
  references?: `${TableName}.${string}`;
}

/**
 * A CHECK constraint on one column: the values the column may hold (`= v` for one, `IN (…)` for
 * several).
 */
export interface CheckDef {
  name: string;
  column: string;
  values: readonly (string | number)[];
  /**
   * The check an earlier SchemaVersion had in its place: a guarded upgrade drops that one and
   * adds this one to a table that has it (CREATE TABLE writes this one directly).
   */
  replaces?: string;
}

/** A table as SQL sees it: name, key, columns and checks (data and bookkeeping tables alike). */
export interface SqlTableDef<Name extends string = string> {
  name: Name;
  /** Key columns, in order. */
  key: readonly string[];
  columns: readonly SqlColumnDef[];
  checks?: readonly CheckDef[];
  /** The SchemaVersion that added the table (absent: the first). */
  since?: number;
}

/** A data table: the model's rows, planned, diffed, read and written. */
export interface TableDef extends SqlTableDef<TableName> {
  /** Key columns, in order. Text keys compare case-insensitively (the product's collation). */
  key: readonly string[];
  columns: readonly ColumnDef[];
}

const text = (name: string, length: number, extra: Partial<ColumnDef> = {}): ColumnDef => ({
  name,
  kind: 'text',
  sqlType: `nvarchar(${length})`,
  length,
  ...extra,
});
const bit = (name: string): ColumnDef => ({ name, kind: 'bit', sqlType: 'bit' });
const origin = text('Origin', 128);

/**
 * Tables in dependency order: a table only references tables before it. Creates run in this
 * order, deletes in reverse.
 */
export const TABLES: readonly TableDef[] = [
  {
    name: 'Environment',
    key: ['Id'],
    columns: [
      { name: 'Id', kind: 'int', sqlType: 'int' },
      text('Name', 256),
      text('UserStore', 16),
      origin,
    ],
    // The contract's one environment row.
    checks: [{ name: 'CK_Environment_Id', column: 'Id', values: [1] }],
  },
  {
    name: 'Server',
    key: ['Name'],
    columns: [
      text('Name', 128),
      text('Fqdn', 255, { unique: true }),
      text('Role', 16),
      text('Site', 128, { nullable: true }),
      { name: 'MaxUsers', kind: 'int', sqlType: 'int', nullable: true },
      origin,
    ],
  },
  {
    name: 'Setting',
    key: ['Scope', 'ServerName', 'Key', 'ObjectName'],
    columns: [
      text('Scope', 16),
      text('ServerName', 128),
      text('Key', 200),
      text('ObjectName', 128),
      text('Type', 16),
      { name: 'Value', kind: 'secretOrText', sqlType: 'nvarchar(max)' },
      origin,
    ],
  },
  {
    name: 'Location',
    key: ['Name'],
    columns: [
      text('Name', 128),
      text('CountryCode', 8),
      text('CityCode', 16),
      text('LocalNumber', 32),
      text('ExtFrom', 32),
      text('ExtTo', 32),
      origin,
    ],
  },
  {
    name: 'LocationRule',
    key: ['LocationName', 'Position'],
    columns: [
      text('LocationName', 128, { references: 'Location.Name' }),
      { name: 'Position', kind: 'int', sqlType: 'int' },
      text('Search', 512),
      text('Replace', 512),
      bit('MatchReplace'),
      origin,
    ],
  },
  {
    name: 'LineGroup',
    key: ['Name'],
    columns: [
      text('Name', 128),
      text('Kind', 8),
      text('LocationName', 128),
      text('ManagementServer', 128, { references: 'Server.Name' }),
      bit('CreateLinesAutomatically'),
      bit('JournalAllLines'),
      origin,
    ],
  },
  {
    name: 'Line',
    key: ['Uri'],
    columns: [
      text('Uri', 256),
      text('PhoneNumber', 64),
      text('InternalNumber', 64),
      text('Name', 256),
      text('LineGroupName', 128, { references: 'LineGroup.Name' }),
      text('ManagementServer', 128, { references: 'Server.Name' }),
      bit('Trunk'),
      bit('Journal'),
      bit('Private'),
      text('LocationName', 128),
      origin,
    ],
  },
  {
    name: 'UserAccount',
    key: ['UserName'],
    columns: [
      text('UserName', 256),
      text('SipUri', 256, { unique: true }),
      text('FirstName', 128),
      text('LastName', 128),
      text('DisplayName', 256),
      text('Email', 256),
      text('Profile', 128),
      bit('Enabled'),
      text('PhoneNumber', 64),
      text('PhoneSecondary', 64),
      text('HomeServer', 128, { references: 'Server.Name' }),
      { name: 'Credential', kind: 'sensitive', sqlType: 'nvarchar(max)', nullable: true },
      text('SamAccountName', 256),
      text('DnPath', 1024),
      text('ObjectGuid', 64),
      origin,
    ],
  },
  {
    name: 'UserMonitorLine',
    key: ['UserName', 'PhoneNumber'],
    columns: [text('UserName', 256, { references: 'UserAccount.UserName' }), text('PhoneNumber', 64), origin],
  },
  {
    name: 'UserGroup',
    key: ['Name'],
    columns: [
      text('Name', 128),
      text('SipUri', 256),
      text('LeaderUserName', 256),
      text('CoLeaderUserName', 256),
      bit('SettingsActive'),
      bit('EveryoneSeesEveryone'),
      bit('Enabled'),
      origin,
    ],
  },
  {
    name: 'UserGroupMember',
    key: ['GroupName', 'UserName'],
    columns: [
      text('GroupName', 128, { references: 'UserGroup.Name' }),
      // Deleting users (an undo, --prune) checks this table by UserName: without the index that
      // was a scan per user, 63 s for 50,000 users on Babelfish.
      text('UserName', 256, { references: 'UserAccount.UserName', indexed: true }),
      origin,
    ],
  },
  {
    name: 'Computer',
    key: ['Name'],
    columns: [
      text('Name', 128),
      text('PhoneNumber', 64),
      text('PhoneSecondary', 64),
      text('HomeServer', 128, { references: 'Server.Name' }),
      bit('Enabled'),
      origin,
    ],
  },
  {
    name: 'License',
    key: ['LicenseKey'],
    columns: [
      { name: 'LicenseKey', kind: 'licenseKey', sqlType: 'nvarchar(128)', length: 128 },
      text('Kind', 16),
      { name: 'Count', kind: 'int', sqlType: 'int' },
      origin,
    ],
  },
  {
    name: 'ClientContent',
    key: ['UserName'],
    columns: [
      text('UserName', 256, { references: 'UserAccount.UserName' }),
      text('ServerName', 128, { references: 'Server.Name' }),
      { name: 'Content', kind: 'text', sqlType: 'nvarchar(max)' },
      { name: 'Revision', kind: 'bigint', sqlType: 'bigint' },
      origin,
    ],
  },
];

/** The catalog table a user or the ledger names: `dc.UserAccount`, `[dc].[UserAccount]` or `useraccount`. */
export function findTable(name: string): TableDef | undefined {
  const bare = name.replace(/^\[?dc\]?\./i, '').replace(/^\[|\]$/g, '').toLowerCase();
  return TABLES.find((t) => t.name.toLowerCase() === bare);
}

export function tableDef(name: TableName): TableDef {
  const def = TABLES.find((t) => t.name === name);
  if (!def) throw new Error(`unknown table ${name}`);
  return def;
}

/** `dc.UserAccount`: the qualified name used in plans and SQL. */
export function qualified(name: TableName): string {
  return `${SCHEMA}.${name}`;
}
