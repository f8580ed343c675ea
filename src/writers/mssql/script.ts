/**
 * The plan as ONE T-SQL script for a DBA (`procall-migrate script`): the same bootstrap DDL and
 * the same statements `apply` runs (statements.ts), with the parameters written as literals.
 * One transaction (SET XACT_ABORT ON … COMMIT), re-runnable (guarded DDL, inserts WHERE NOT
 * EXISTS, updates that set fixed values), no MERGE, and no secrets: secret Setting rows,
 * credentials and licence keys are left out with a comment, for `procall-migrate apply` to write.
 */
import { SCHEMA_VERSION, tableDef } from '../../model/dc-schema.js';
import type { TableName } from '../../model/datacenter.js';
import type { Plan, RowChange } from '../../model/plan.js';
import { Sensitive } from '../../model/sensitive.js';
import { createSchemaSql, createTablesSql, tableIdSql, tableRef, upgradeSql } from './ddl.js';
import { commentText, nstring, sqlLiteral } from './literal.js';
import { actionCounts, changeToSql, executionSteps, insertRunHead, keyText, runSourcesJson, type Statement } from './statements.js';

export interface ScriptOptions {
  /** sha256 of the plan, recorded in the header and in dc.MigrationRun. */
  planDigest: string;
  /** sha256 over the sources, recorded in dc.MigrationRun. */
  sourceDigest: string;
  /** dc.MigrationRun.RunId; with it a re-run records the run once, without it each run gets NEWID(). */
  runId?: string;
  /** Shown in the header only. */
  generatedAt?: Date;
  /** Statements per batch before a `GO` (keeps batches small for the server's parser). */
  batchSize?: number;
}

/**
 * Runs as its own batch before every batch after the first: when an earlier batch failed,
 * XACT_ABORT rolled the transaction back, and without `-b` sqlcmd would go on in autocommit.
 * The error stops sqlcmd (`:on error exit`); SET NOEXEC ON stops any other client from
 * executing the batches that follow (they are only compiled).
 */
export const BATCH_GUARD =
  "IF @@TRANCOUNT = 0 BEGIN RAISERROR(N'procall-migrate: an earlier batch failed and the transaction was rolled back; nothing more runs.', 16, 1); SET NOEXEC ON; END;";
const GUARD = [BATCH_GUARD, 'GO'];

/** Replaces each `@param` of a statement with its value as a literal (params are never secrets here). */
export function inlineParams(statement: Statement): string {
  return statement.sql.replace(/@([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name: string) => {
    const p = statement.params[name];
    return p === undefined ? whole : sqlLiteral(p.value);
  });
}

/** What the script does with one change: a statement, or nothing plus the reason (never the secret). */
export type ScriptedChange = { kind: 'sql'; sql: string; note?: string } | { kind: 'omitted'; reason: string };

function isWrappedSecret(v: unknown): boolean {
  return v instanceof Sensitive;
}

function rowName(change: RowChange): string {
  // keyText prints a LicenseKey as its mask and a Sensitive as "(sensitive)": safe in a comment.
  return commentText(keyText(change));
}

/** Removes secrets from a change; says when the whole change must be left to `apply`. */
export function scriptChange(change: RowChange): ScriptedChange {
  const def = tableDef(change.table);
  if (def.columns.some((c) => c.kind === 'licenseKey')) {
    return { kind: 'omitted', reason: `${change.action} ${rowName(change)}: licence keys are not written into scripts` };
  }
  const secretOrText = def.columns.filter((c) => c.kind === 'secretOrText').map((c) => c.name);
  const sensitive = def.columns.filter((c) => c.kind === 'sensitive').map((c) => c.name);
  if (change.action === 'delete') return { kind: 'sql', sql: inlineParams(changeToSql(change)) };
  if (change.action === 'create') {
    const after = { ...(change.after ?? {}) };
    if (secretOrText.some((n) => isWrappedSecret(after[n])) || after['Type'] === 'secret') {
      return { kind: 'omitted', reason: `create ${rowName(change)}: a secret value` };
    }
    const blanked = sensitive.filter((n) => after[n] !== null && after[n] !== undefined);
    for (const n of blanked) after[n] = null;
    const sql = inlineParams(changeToSql({ ...change, after }));
    return blanked.length > 0 ? { kind: 'sql', sql, note: `${rowName(change)}: ${blanked.join(', ')} left NULL (secret)` } : { kind: 'sql', sql };
  }
  const changes = { ...(change.changes ?? {}) };
  if (secretOrText.some((n) => isWrappedSecret(changes[n]?.to)) || changes['Type']?.to === 'secret') {
    return { kind: 'omitted', reason: `update ${rowName(change)}: a secret value` };
  }
  const dropped = sensitive.filter((n) => n in changes);
  for (const n of dropped) delete changes[n];
  if (Object.keys(changes).length === 0) return { kind: 'omitted', reason: `update ${rowName(change)}: only ${dropped.join(', ')} (secret)` };
  const sql = inlineParams(changeToSql({ ...change, changes }));
  return dropped.length > 0 ? { kind: 'sql', sql, note: `${rowName(change)}: ${dropped.join(', ')} not changed (secret)` } : { kind: 'sql', sql };
}

function header(plan: Plan, opts: ScriptOptions): string[] {
  const lines = [
    `-- procall-migrate ${commentText(plan.toolVersion)}: seed script for the ProCall DataCenter multi-server database`,
    `-- schema version: ${SCHEMA_VERSION}`,
    `-- plan digest:    ${commentText(opts.planDigest)}`,
    `-- source digest:  ${commentText(opts.sourceDigest)}`,
    `-- target:         ${commentText(plan.targetFingerprint)} (fingerprint the plan was made against)`,
    `-- project:        ${commentText(plan.project.path)} (sha256 ${commentText(plan.project.sha256)})`,
  ];
  if (opts.generatedAt) lines.push(`-- generated:      ${opts.generatedAt.toISOString()}`);
  lines.push('-- sources:');
  for (const s of plan.sources) {
    lines.push(`--   ${commentText(s.server)}: ${commentText(s.path)}`);
    for (const f of s.files) lines.push(`--     ${commentText(f.sha256)}  ${commentText(f.path)}`);
  }
  lines.push(
    '--',
    '-- Run it with sqlcmd (UTF-8 input, stop at the first error):',
    '--   sqlcmd -S <server> -d <database> -f 65001 -b -i <this file>',
    '-- Everything runs in one transaction: it commits completely or not at all. Running it again',
    '-- changes nothing that is already there (guarded DDL, inserts WHERE NOT EXISTS, fixed updates).',
    '-- Secrets are never written into this file: secret settings, user credentials and licence keys',
    '-- are left out (each place says so). Write them with `procall-migrate apply` afterwards: its plan',
    '-- will then contain exactly those rows.',
  );
  return lines;
}

function bootstrapBatch(toolVersion: string): string[] {
  return [
    ...GUARD,
    '-- refuse a database seeded by a newer tool',
    `IF ${tableIdSql('SchemaInfo')} IS NOT NULL`,
    'BEGIN',
    '  DECLARE @pm_version int;',
    `  EXEC sp_executesql ${nstring(`SELECT @v = MAX([SchemaVersion]) FROM ${tableRef('SchemaInfo')};`)}, N'@v int OUTPUT', @v = @pm_version OUTPUT;`,
    `  IF @pm_version > ${SCHEMA_VERSION} THROW 50001, ${nstring(`the database schema is newer than this script (version ${SCHEMA_VERSION}); use the procall-migrate version that seeded it`)}, 1;`,
    'END;',
    '-- upgrades of an older schema (each guarded)',
    ...upgradeSql(0),
    '-- tables (created when absent)',
    ...createTablesSql(),
    'GO',
    ...GUARD,
    `INSERT INTO ${tableRef('SchemaInfo')} ([SchemaVersion], [InstalledAt], [ToolVersion])`,
    `SELECT ${SCHEMA_VERSION}, SYSUTCDATETIME(), ${nstring(toolVersion.slice(0, 32))}`,
    `WHERE NOT EXISTS (SELECT 1 FROM ${tableRef('SchemaInfo')} WHERE [SchemaVersion] >= ${SCHEMA_VERSION});`,
    'GO',
  ];
}

function section(table: TableName, changes: readonly RowChange[], batchSize: number): string[] {
  const out: string[] = [...GUARD, `-- ${tableRef(table)}: ${actionCounts(changes)}`];
  let inBatch = 0;
  for (const change of changes) {
    const scripted = scriptChange(change);
    if (scripted.kind === 'omitted') {
      out.push(`-- left out for procall-migrate apply: ${scripted.reason}`);
      continue;
    }
    if (inBatch >= batchSize) {
      out.push('GO', ...GUARD);
      inBatch = 0;
    }
    if (scripted.note) out.push(`-- ${scripted.note}; procall-migrate apply writes it`);
    out.push(scripted.sql);
    inBatch++;
  }
  out.push('GO');
  return out;
}

function runRecord(plan: Plan, opts: ScriptOptions): string[] {
  // In MIGRATION_RUN_COLUMNS order (insertRunHead).
  const values = [
    opts.runId ? nstring(opts.runId) : 'NEWID()',
    'SYSUTCDATETIME()',
    'SYSUTCDATETIME()',
    nstring(plan.toolVersion.slice(0, 32)),
    'SUSER_SNAME()',
    nstring(opts.sourceDigest),
    nstring(opts.planDigest),
    nstring(runSourcesJson(plan)),
    nstring(JSON.stringify(plan.summary)),
    "N'applied'",
    'NULL',
  ];
  return [
    ...GUARD,
    '-- the run',
    insertRunHead(),
    `SELECT ${values.join(', ')}${opts.runId ? `\nWHERE NOT EXISTS (SELECT 1 FROM ${tableRef('MigrationRun')} WHERE [RunId] = ${nstring(opts.runId)})` : ''};`,
    'COMMIT TRANSACTION;',
    'GO',
    'SET NOEXEC OFF;',
    'GO',
  ];
}

/** The whole plan as one sqlcmd script; see the file comment. */
export function renderSqlScript(plan: Plan, opts: ScriptOptions): string {
  const batchSize = opts.batchSize ?? 1000;
  const lines: string[] = [
    ...header(plan, opts),
    '',
    ':on error exit',
    'SET XACT_ABORT ON;',
    'SET NOCOUNT ON;',
    'SET ANSI_NULLS ON;',
    'SET QUOTED_IDENTIFIER ON;',
    'SET ANSI_PADDING ON;',
    'SET ANSI_WARNINGS ON;',
    'SET CONCAT_NULL_YIELDS_NULL ON;',
    'SET ARITHABORT ON;',
    'SET NUMERIC_ROUNDABORT OFF;',
    'BEGIN TRANSACTION;',
    createSchemaSql(),
    'GO',
    ...bootstrapBatch(plan.toolVersion),
  ];
  // Same order as apply; every set row by row (a script has no bulk load).
  for (const step of executionSteps(plan.changes, Number.POSITIVE_INFINITY)) {
    if (step.kind !== 'rows') continue;
    lines.push('', ...section(step.table, step.changes, batchSize));
  }
  lines.push('', ...runRecord(plan, opts));
  return `${lines.join('\n')}\n`;
}
