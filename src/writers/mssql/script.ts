/**
 * The plan as ONE T-SQL script for a DBA (`procall-migrate script`): the same bootstrap DDL and
 * the same statements `apply` runs (statements.ts), with the parameters written as literals.
 * One transaction (SET XACT_ABORT ON … COMMIT), re-runnable (guarded DDL, inserts WHERE NOT
 * EXISTS, updates that set fixed values), no MERGE, and no secret value: secret settings and
 * licence keys are sqlcmd scripting variables (`$(PM_SECRET_1)`, …) the DBA gives with `-v`,
 * listed in the header and checked in the first batch; credentials (password hashes) are left
 * out with a comment, for `procall-migrate apply` to write afterwards.
 */
import { SCHEMA_VERSION, tableDef } from '../../model/index.js';
import type { TableName } from '../../model/index.js';
import type { Plan, RowChange } from '../../model/index.js';
import { LicenseKey, Sensitive } from '../../model/index.js';
import { UnsetSecret } from '../../model/index.js';
import { createSchemaSql, createTablesSql, createTempTableSql, dropTempTableSql, upgradeSql } from './ddl.js';
import { commentText, nstring, sqlLiteral } from './literal.js';
import { tableIdSql, tableRef } from './sql-names.js';
import { actionCounts, changeToSql, executionSteps, insertRunHead, keyText, MIGRATION_RUN_COLUMNS, runSourcesJson, type MigrationRunColumn, type Statement } from './statements.js';

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
  /** Collation of the text columns the script creates (`target.collation`). */
  collation?: string;
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

/** Replaces each `@param` of a statement with its value as a literal, or with the expression `overrides` gives for it. */
export function inlineParams(statement: Statement, overrides: Readonly<Record<string, string>> = {}): string {
  return statement.sql.replace(/@([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name: string) => {
    const override = overrides[name];
    if (override !== undefined) return override;
    const p = statement.params[name];
    return p === undefined ? whole : sqlLiteral(p.value);
  });
}

/** A sqlcmd scripting variable the DBA supplies (`-v PM_SECRET_1=…`): its name and what it is, never its value in any output. */
export interface ScriptVariable {
  /** `PM_SECRET_1`, … */
  name: string;
  /** `usermanager.ad.bindPassword of global`, `licence …0001`. */
  what: string;
  /** The value, still wrapped: only a test (or a tool running the script itself) reveals it. */
  value: Sensitive | LicenseKey;
}

/** The variables a script needs, numbered in the order the script first uses them. */
export class ScriptVariables {
  readonly list: ScriptVariable[] = [];
  readonly #labels: string[] = [];

  /**
   * The expression that stands for `value` in the script: its text as decoded into `#pm_secrets`
   * at the start of the transaction (one variable per distinct secret). The DBA gives the value
   * as the hex digits of its UTF-16LE bytes, so that no secret can change the script whatever
   * sqlcmd does with it: sqlcmd splits batches on `GO` lines before it puts a variable's value in
   * (Microsoft's go-sqlcmd: pkg/sqlcmd/batch.go reads commands from the raw lines, sqlcmd.go
   * getRunnableQuery substitutes when the batch runs), but a quote would still end a string
   * literal, and a client that substituted first would split a value holding a line `GO` or run
   * one holding `:r`. Hex digits hold none of these. The script decodes them itself (T-SQL a
   * TDS server other than SQL Server runs too: Babelfish cannot CAST varbinary to nvarchar).
   */
  reference(what: string, value: Sensitive | LicenseKey): string {
    // An empty secret discloses nothing and needs no variable.
    if (value.reveal() === '') return "N''";
    let index = this.list.findIndex((v, i) => this.#labels[i] === what && v.value.equals(value));
    if (index < 0) {
      // Two different secrets must never read alike in the list the DBA works from.
      const alike = this.#labels.filter((label) => label === what).length;
      index = this.list.push({ name: `PM_SECRET_${this.list.length + 1}`, what: alike === 0 ? what : `${what} #${alike + 1}`, value }) - 1;
      this.#labels.push(what);
    }
    return secretExpression((this.list[index] as ScriptVariable).name);
  }
}

/** The staging table the variables are decoded into (the script's session, dropped before COMMIT). */
const SECRETS_TABLE = '#pm_secrets';

/** `(SELECT [Value] FROM #pm_secrets WHERE [Name] = N'PM_SECRET_1')`: a secret's text in the script. */
export function secretExpression(name: string): string {
  return `(SELECT [Value] FROM ${SECRETS_TABLE} WHERE [Name] = N'${name}')`;
}

/** One hex digit of `@pm_hex` at `@pm_i + offset` as a number (the value was checked to be hex digits). */
const nibble = (offset: number): string => `(CHARINDEX(SUBSTRING(@pm_hex, @pm_i + ${offset}, 1), N'0123456789ABCDEF') - 1)`;
/** The UTF-16LE code unit at `@pm_i` (low byte first). */
const UNIT = `${nibble(2)} * 4096 + ${nibble(3)} * 256 + ${nibble(0)} * 16 + ${nibble(1)}`;

/**
 * Decodes every variable into #pm_secrets, code unit by code unit. A surrogate pair becomes one
 * NCHAR(code point) where the server can (Babelfish; SQL Server with an _SC collation), else the
 * two code units (SQL Server without _SC returns NULL for NCHAR above 0xFFFF).
 */
function decodeBatch(vars: readonly ScriptVariable[], collation: string | undefined): string[] {
  if (vars.length === 0) return [];
  const point = '65536 + (@pm_u - 55296) * 1024 + (@pm_w - 56320)';
  const lines = [
    ...GUARD,
    '-- the sqlcmd variables (hex digits of UTF-16LE) as text, for the statements below',
    createTempTableSql(SECRETS_TABLE, [{ name: 'Name', sqlType: 'nvarchar(32)', nullable: false }, { name: 'Value', sqlType: 'nvarchar(max)', nullable: false }], collation),
    'DECLARE @pm_hex nvarchar(max), @pm_text nvarchar(max), @pm_i int, @pm_u int, @pm_w int;',
  ];
  for (const v of vars) {
    lines.push(
      `SET @pm_hex = UPPER(N'$(${v.name})'); SET @pm_text = N''; SET @pm_i = 1;`,
      'WHILE @pm_i <= LEN(@pm_hex)',
      'BEGIN',
      `  SET @pm_u = ${UNIT};`,
      '  SET @pm_i = @pm_i + 4;',
      '  IF @pm_u BETWEEN 55296 AND 56319 AND @pm_i <= LEN(@pm_hex)',
      '  BEGIN',
      `    SET @pm_w = ${UNIT};`,
      '    SET @pm_i = @pm_i + 4;',
      `    SET @pm_text = @pm_text + CASE WHEN NCHAR(${point}) IS NULL THEN NCHAR(@pm_u) + NCHAR(@pm_w) ELSE NCHAR(${point}) END;`,
      '  END',
      '  ELSE SET @pm_text = @pm_text + NCHAR(@pm_u);',
      'END;',
      `INSERT INTO ${SECRETS_TABLE} ([Name], [Value]) VALUES (N'${v.name}', @pm_text);`,
    );
  }
  lines.push('GO');
  return lines;
}

/**
 * What a DBA gives with `-v NAME=…` for a secret: the hex digits of its UTF-16LE bytes (what the
 * header's one-liners print). Tests and tools that run the script themselves use it.
 */
export function secretVariableValue(secret: string): string {
  return Buffer.from(secret, 'utf16le').toString('hex').toUpperCase();
}

/** What the script does with one change: a statement, or nothing plus the reason (never the secret). */
export type ScriptedChange =
  | { kind: 'sql'; sql: string; note?: string; credentialsLeftOut?: number }
  | { kind: 'omitted'; reason: string; credentialsLeftOut?: number }
  | { kind: 'none' };

/** `$(` in a comment would be a sqlcmd variable reference: split it. */
export function scriptComment(text: string): string {
  return commentText(text).replace(/\$\(/g, '$ (');
}

function rowName(change: RowChange): string {
  // keyText prints a LicenseKey as its mask and a Sensitive as "(sensitive)": safe in a comment.
  return scriptComment(keyText(change));
}

type Row = Record<string, unknown>;

/** What a secret of this change is, for the DBA: `usermanager.ad.bindPassword of global`, `licence …0001`. */
function secretLabel(change: RowChange, column: string, value: Sensitive | LicenseKey): string {
  const row: Row = { ...change.key, ...(change.after ?? change.before ?? {}) };
  if (value instanceof LicenseKey) {
    // Several keys may end alike (…0001): kind, count and source tell the DBA which one is meant.
    const kind = [row['Kind'], row['Count'] === undefined || row['Count'] === null ? undefined : `×${String(row['Count'])}`].filter((v) => v !== undefined && v !== '').join(' ');
    const detail = [kind, typeof row['Origin'] === 'string' ? `from ${row['Origin']}` : ''].filter((v) => v !== '').join(', ');
    return `licence ${value.masked}${detail ? ` (${detail})` : ''}`;
  }
  if (change.table === 'Setting') {
    const where = [row['Scope'], row['ServerName'], row['ObjectName']].filter((v) => typeof v === 'string' && v !== '').join(' ');
    return `${String(row['Key'])} of ${where || 'global'}`;
  }
  return `${change.table}.${column} of ${keyText(change)}`;
}

/** A cell that must not be written as a literal: a wrapped secret, a licence key, or the value of a `secret` setting. */
function asSecret(value: unknown, isSecretSetting: boolean): Sensitive | LicenseKey | undefined {
  if (value instanceof Sensitive || value instanceof LicenseKey) return value;
  if (isSecretSetting && typeof value === 'string') return new Sensitive(value);
  return undefined;
}

/**
 * The statement for one change with every secret setting value and licence key replaced by a
 * sqlcmd variable (registered in `vars`) and credentials (password hashes) left out: they
 * never go into a script, `apply` writes them afterwards.
 */
export function scriptChange(change: RowChange, vars: ScriptVariables = new ScriptVariables(), opts: { sql?: boolean } = {}): ScriptedChange {
  // `sql: false`: register the variables and count the credentials exactly as the statement would, without making it.
  const render = (c: RowChange): string => (opts.sql === false ? '' : inlineParams(changeToSql(c), overrides));
  if (change.action !== 'create' && change.action !== 'update' && change.action !== 'delete') return { kind: 'none' };
  const def = tableDef(change.table);
  const credentialColumns = new Set(def.columns.filter((c) => c.kind === 'sensitive').map((c) => c.name));
  const overrides: Record<string, string> = {};
  const secretParam = (param: string, column: string, value: Sensitive | LicenseKey) => {
    overrides[param] = vars.reference(secretLabel(change, column, value), value);
  };
  for (const k of def.key) {
    const secret = asSecret(change.key[k], false);
    if (secret) secretParam(k, k, secret);
  }
  if (change.action === 'delete') return { kind: 'sql', sql: render(change) };

  if (change.action === 'create') {
    const after: Row = { ...(change.after ?? {}) };
    const secretSetting = after['Type'] === 'secret';
    const blanked = [...credentialColumns].filter((n) => after[n] !== null && after[n] !== undefined);
    for (const n of blanked) after[n] = null;
    for (const col of def.columns) {
      if (credentialColumns.has(col.name) || def.key.includes(col.name)) continue;
      const secret = asSecret(after[col.name], secretSetting && col.kind === 'secretOrText');
      if (secret) secretParam(col.name, col.name, secret);
      // Its variable is unset here; the DBA gives the value with -v, so the statement needs none.
      if (secret instanceof UnsetSecret) after[col.name] = new Sensitive('');
    }
    const sql = render({ ...change, after });
    if (blanked.length === 0) return { kind: 'sql', sql };
    return { kind: 'sql', sql, note: `${rowName(change)}: ${blanked.join(', ')} left NULL (a credential)`, credentialsLeftOut: 1 };
  }

  const changes = { ...(change.changes ?? {}) };
  const secretSetting = changes['Type']?.to === 'secret';
  const dropped = [...credentialColumns].filter((n) => n in changes);
  for (const n of dropped) delete changes[n];
  const credentialsLeftOut = dropped.length > 0 ? { credentialsLeftOut: 1 } : {};
  if (Object.keys(changes).length === 0) return { kind: 'omitted', reason: `update ${rowName(change)}: only ${dropped.join(', ')} (a credential)`, ...credentialsLeftOut };
  for (const [col, { to }] of Object.entries(changes)) {
    const kind = def.columns.find((c) => c.name === col)?.kind;
    const secret = asSecret(to, secretSetting && kind === 'secretOrText');
    if (secret) secretParam(def.key.includes(col) ? `new_${col}` : col, col, secret);
    if (secret instanceof UnsetSecret) changes[col] = { ...changes[col]!, to: new Sensitive('') };
  }
  const sql = render({ ...change, changes });
  return dropped.length > 0
    ? { kind: 'sql', sql, note: `${rowName(change)}: ${dropped.join(', ')} not changed (a credential)`, ...credentialsLeftOut }
    : { kind: 'sql', sql };
}

function header(plan: Plan, opts: ScriptOptions, vars: readonly ScriptVariable[], credentials: number): string[] {
  const lines = [
    `-- procall-migrate ${commentText(plan.toolVersion)}: seed script for the ProCall DataCenter multi-server database`,
    `-- schema version: ${SCHEMA_VERSION}`,
    `-- plan digest:    ${commentText(opts.planDigest)}`,
    `-- source digest:  ${commentText(opts.sourceDigest)}`,
    `-- target:         ${commentText(plan.targetFingerprint)} (fingerprint the plan was made against)`,
    `-- project:        ${scriptComment(plan.project.path)} (sha256 ${scriptComment(plan.project.sha256)})`,
  ];
  if (opts.generatedAt) lines.push(`-- generated:      ${opts.generatedAt.toISOString()}`);
  lines.push('-- sources:');
  for (const s of plan.sources) {
    lines.push(`--   ${scriptComment(s.server)}: ${scriptComment(s.path)}`);
    for (const f of s.files) lines.push(`--     ${scriptComment(f.sha256)}  ${scriptComment(f.path)}`);
  }
  const v = sqlcmdVariablesArgument(vars);
  lines.push(
    '--',
    '-- Run it with sqlcmd (UTF-8 input, stop at the first error):',
    `--   sqlcmd -S <server> -d <database> -f 65001 -b -i <this file>${v}`,
    '-- Everything runs in one transaction: it commits completely or not at all. Running it again',
    '-- changes nothing that is already there (guarded DDL, inserts WHERE NOT EXISTS, fixed updates).',
  );
  if (vars.length > 0) {
    lines.push(
      '--',
      `-- Secret values are never written into this file. The script needs ${vars.length} sqlcmd scripting variable${vars.length === 1 ? '' : 's'}:`,
      ...vars.map((x) => `--   ${x.name.padEnd(14)} ${scriptComment(x.what)}`),
      '-- Give each with -v NAME=HEX: the hex digits of the value\'s UTF-16LE bytes, so that no character',
      '-- of a secret (a quote, a line GO, :r, a scripting variable) can change this script. To make them:',
      "--   PowerShell: $v = Read-Host; -join ([Text.Encoding]::Unicode.GetBytes($v) | ForEach-Object { $_.ToString('X2') })",
      "--   Linux:      printf '%s' \"$SECRET\" | iconv -t UTF-16LE | xxd -p | tr -d '\\n'",
      '-- Without them, or with a value that is not hex, sqlcmd stops at the first batch, before anything is written.',
    );
  }
  if (credentials > 0) {
    lines.push(
      '--',
      `-- ${credentials} user credential${credentials === 1 ? '' : 's'} (password hashes) are never written into a script: after running it,`,
      '-- `procall-migrate apply` (or `migrate`) writes them; its plan will then contain exactly those.',
    );
  }
  return lines;
}

/** ` -v PM_SECRET_1="…" PM_SECRET_2="…"` for a sqlcmd command line ('' without variables). */
export function sqlcmdVariablesArgument(vars: readonly Pick<ScriptVariable, 'name'>[]): string {
  return vars.length === 0 ? '' : ` -v ${vars.map((x) => `${x.name}=<hex>`).join(' ')}`;
}

/**
 * The first batch when the script has variables: it names every one, so sqlcmd stops on a
 * missing `-v` here (an undefined variable is a fatal scripting error) before the transaction
 * opens; an empty value stops it too (`:on error exit`; other clients only compile what follows).
 */
function variablesBatch(vars: readonly ScriptVariable[]): string[] {
  if (vars.length === 0) return [];
  // As text, so an odd count or a letter that is no hex digit is caught before it is cast.
  // Four digits per UTF-16 code unit.
  const bad = vars.map((x) => `N'$(${x.name})' = N'' OR LEN(N'$(${x.name})') % 4 <> 0 OR N'$(${x.name})' LIKE N'%[^0-9A-Fa-f]%'`).join('\n   OR ');
  return [
    '-- every sqlcmd variable of this script, before anything is written',
    `IF ${bad}`,
    'BEGIN',
    "  RAISERROR(N'procall-migrate: a PM_SECRET_n variable is empty or not hex digits; give every one with -v (see the header). Nothing was written.', 16, 1);",
    '  SET NOEXEC ON;',
    'END;',
    'GO',
  ];
}

function bootstrapBatch(toolVersion: string, collation: string | undefined): string[] {
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
    ...upgradeSql(0, SCHEMA_VERSION, collation),
    '-- tables (created when absent)',
    ...createTablesSql(collation),
    'GO',
    ...GUARD,
    `INSERT INTO ${tableRef('SchemaInfo')} ([SchemaVersion], [InstalledAt], [ToolVersion])`,
    `SELECT ${SCHEMA_VERSION}, SYSUTCDATETIME(), ${nstring(toolVersion.slice(0, 32))}`,
    `WHERE NOT EXISTS (SELECT 1 FROM ${tableRef('SchemaInfo')} WHERE [SchemaVersion] >= ${SCHEMA_VERSION});`,
    'GO',
  ];
}

/** One table's statements, line by line; `vars` already holds every variable they use (see scriptLines). */
function* section(table: TableName, changes: readonly RowChange[], batchSize: number, vars: ScriptVariables): Generator<string> {
  yield* GUARD;
  yield `-- ${tableRef(table)}: ${actionCounts(changes)}`;
  let inBatch = 0;
  for (const change of changes) {
    const scripted = scriptChange(change, vars);
    if (scripted.kind === 'none') continue;
    if (scripted.kind === 'omitted') {
      yield `-- left out for procall-migrate apply: ${scripted.reason}`;
      continue;
    }
    if (inBatch >= batchSize) {
      yield 'GO';
      yield* GUARD;
      inBatch = 0;
    }
    if (scripted.note) yield `-- ${scripted.note}; procall-migrate apply writes it afterwards`;
    yield scripted.sql;
    inBatch++;
  }
  yield 'GO';
}

function runRecord(plan: Plan, opts: ScriptOptions): string[] {
  const value: Record<MigrationRunColumn, string> = {
    RunId: opts.runId ? nstring(opts.runId) : 'NEWID()',
    StartedAt: 'SYSUTCDATETIME()',
    FinishedAt: 'SYSUTCDATETIME()',
    ToolVersion: nstring(plan.toolVersion.slice(0, 32)),
    Operator: 'SUSER_SNAME()',
    SourceDigest: nstring(opts.sourceDigest),
    PlanDigest: nstring(opts.planDigest),
    Sources: nstring(runSourcesJson(plan)),
    Summary: nstring(JSON.stringify(plan.summary)),
    Status: "N'applied'",
    Error: 'NULL',
  };
  // In the order insertRunHead names the columns.
  const values = MIGRATION_RUN_COLUMNS.map((c) => value[c]);
  return [
    ...GUARD,
    '-- the run',
    insertRunHead(),
    `SELECT ${values.join(', ')}${opts.runId ? `\nWHERE NOT EXISTS (SELECT 1 FROM ${tableRef('MigrationRun')} WHERE [RunId] = ${nstring(opts.runId)})` : ''};`,
    dropTempTableSql(SECRETS_TABLE),
    'COMMIT TRANSACTION;',
    'GO',
    'SET NOEXEC OFF;',
    'GO',
  ];
}

/** What the DBA must know to run a script. */
export interface SqlScriptInfo {
  /** The sqlcmd variables the script needs (secret settings, licence keys), in order. */
  variables: ScriptVariable[];
  /** Credentials (password hashes) left out: `apply` writes them afterwards. */
  credentialsLeftOut: number;
}

/** A rendered script and what the DBA must know to run it. */
export interface SqlScript extends SqlScriptInfo {
  sql: string;
}

/**
 * The script line by line. The header names every variable the body uses, so a first pass goes
 * over the changes as the body will (the same `scriptChange`, without making its SQL) and
 * registers them; the lines then come one at a time: a script of 50,000 users is 140 MB.
 */
function scriptLines(plan: Plan, opts: ScriptOptions): { info: SqlScriptInfo; lines: Generator<string> } {
  const batchSize = opts.batchSize ?? 1000;
  // Same order as apply; every set row by row (a script has no bulk load).
  const steps = executionSteps(plan.changes, Number.POSITIVE_INFINITY).filter((step) => step.kind === 'rows');
  const vars = new ScriptVariables();
  let credentials = 0;
  for (const step of steps) {
    for (const change of step.changes) {
      const scripted = scriptChange(change, vars, { sql: false });
      if (scripted.kind !== 'none') credentials += scripted.credentialsLeftOut ?? 0;
    }
  }
  const variables = vars.list;
  function* lines(): Generator<string> {
    yield* header(plan, opts, variables, credentials);
    yield '';
    yield ':on error exit';
    yield* variablesBatch(variables);
    yield* SESSION_SETTINGS;
    yield 'BEGIN TRANSACTION;';
    yield createSchemaSql();
    yield 'GO';
    yield* bootstrapBatch(plan.toolVersion, opts.collation);
    yield* decodeBatch(variables, opts.collation);
    for (const step of steps) {
      yield '';
      yield* section(step.table, step.changes, batchSize, vars);
    }
    yield '';
    yield* runRecord(plan, opts);
  }
  return { info: { variables, credentialsLeftOut: credentials }, lines: lines() };
}

const SESSION_SETTINGS = [
  'SET XACT_ABORT ON;',
  'SET NOCOUNT ON;',
  'SET ANSI_NULLS ON;',
  'SET QUOTED_IDENTIFIER ON;',
  'SET ANSI_PADDING ON;',
  'SET ANSI_WARNINGS ON;',
  'SET CONCAT_NULL_YIELDS_NULL ON;',
  'SET ARITHABORT ON;',
  'SET NUMERIC_ROUNDABORT OFF;',
];

/** The whole plan as one sqlcmd script, as a string (tests, small plans); `writeSqlScript` streams the same bytes. */
export function buildSqlScript(plan: Plan, opts: ScriptOptions): SqlScript {
  const { info, lines } = scriptLines(plan, opts);
  let sql = '';
  for (const line of lines) sql += `${line}\n`;
  return { sql, ...info };
}

/** Where streamed text goes; `write` resolves when the next piece may follow. */
export interface ScriptSink {
  write(chunk: string): Promise<void>;
}

/** Streams the script to `sink` in pieces of about 64 KiB; the same bytes as `buildSqlScript(…).sql`. */
export async function writeSqlScript(plan: Plan, opts: ScriptOptions, sink: ScriptSink): Promise<SqlScriptInfo> {
  const { info, lines } = scriptLines(plan, opts);
  let buffer = '';
  for (const line of lines) {
    buffer += `${line}\n`;
    if (buffer.length >= 1 << 16) {
      await sink.write(buffer);
      buffer = '';
    }
  }
  if (buffer !== '') await sink.write(buffer);
  return info;
}

/** The script's text (see {@link buildSqlScript} for its variables). */
export function renderSqlScript(plan: Plan, opts: ScriptOptions): string {
  return buildSqlScript(plan, opts).sql;
}
