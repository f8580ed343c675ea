/**
 * The SQL Server writer: the database seam (db.ts), bootstrap, readActual, applyPlan, the DBA
 * script and the pure change → SQL convertor. docs/database.md describes the design.
 */
export { connect, connectUrl, openDb, toMssqlConfig, type ConnectOptions, type Db, type QueryParams } from './db.js';
export { parseConnectionString, settingsFromTarget, describeTarget, type ConnectionSettings, type DbTarget } from './connection-string.js';
export { bootstrap, readSchemaVersion, type BootstrapOptions, type BootstrapResult } from './bootstrap.js';
export { readActual } from './read.js';
export { applyPlan, type ApplyOptions, type ApplyResult, type TargetCheck } from './apply.js';
export { buildSqlScript, renderSqlScript, sqlcmdVariablesArgument, writeSqlScript, type ScriptOptions, type ScriptVariable, type SqlScript, type SqlScriptInfo } from './script.js';
export { changeToSql, countStatements, executionSteps, DEFAULT_BULK_THRESHOLD, type Statement, type StatementCount } from './statements.js';
export { acquireApplyLock, findLockHolder, LOCK_RESOURCE, type LockHolder } from './lock.js';
export { DB_CODES, type DbCode } from './codes.js';
export { lockIsFree } from './announce.js';
export { createSchemaSql, createTablesSql } from './ddl.js';
export { TEXT_COLLATION, tableRef } from './sql-names.js';
export { readLedgerBase } from './ledger.js';
export { DECLARE_LOCK_RESOURCE } from './lock.js';
export { listRuns, shownStatus } from './runs.js';
export type { RunInfo } from './runs.js';
export { applyRunUndo, planRunUndo } from './undo.js';
