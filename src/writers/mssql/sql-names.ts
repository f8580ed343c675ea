/**
 * The names and type text every SQL-writing file of the writer shares: quoted identifiers,
 * qualified table names, `OBJECT_ID` lookups and the text columns' collation. A leaf: it imports
 * only the catalog, so the DDL, the statements, the reader, the lock and the run history build on
 * it without importing one another. Pure: no I/O.
 */
import { SCHEMA, type DcTableName } from '../../model/index.js';

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
 * The SQL with `target.collation` instead of the default: every text column's collation is
 * written by `columnTypeSql` alone, so one replacement covers every table, upgrade and staging
 * table. A server that lacks Microsoft's default (another TDS server) is usable with its own.
 */
export function withCollation(sql: string, collation: string = TEXT_COLLATION): string {
  if (collation === TEXT_COLLATION) return sql;
  return sql.split(`COLLATE ${TEXT_COLLATION}`).join(`COLLATE ${assertCollationName(collation)}`);
}

/** `[name]`, with `]` doubled. Identifiers only ever come from the catalog; quoting is belt and braces. */
export function quoteIdent(name: string): string {
  return `[${name.replace(/]/g, ']]')}]`;
}

/** `N'…'`: text of ours (identifiers inside OBJECT_ID(…), constraint values), never input. */
export function nlit(text: string): string {
  return `N'${text.replace(/'/g, "''")}'`;
}

/** `[dc].[UserAccount]`, `[dc].[MigrationRun]` */
export function tableRef(name: DcTableName): string {
  return `${quoteIdent(SCHEMA)}.${quoteIdent(name)}`;
}

/** `OBJECT_ID(N'[dc].[X]', N'U')`: NULL while the table does not exist. */
export function tableIdSql(name: DcTableName): string {
  return `OBJECT_ID(${nlit(tableRef(name))}, N'U')`;
}

function isUnicodeText(sqlType: string): boolean {
  return /^n(var)?char\b/i.test(sqlType);
}

/** The column's type as written in DDL (with the text collation for nvarchar/nchar). */
export function columnTypeSql(sqlType: string): string {
  return isUnicodeText(sqlType) ? `${sqlType} COLLATE ${TEXT_COLLATION}` : sqlType;
}
