/**
 * The SQL Server checks against a scripted stand-in for a server (no database here): how they
 * read answers that differ between SQL Server and Babelfish, and what they try on an old schema.
 */
import { describe, expect, it } from 'vitest';
import { MigrateError } from '../../src/model/errors.js';
import type { Project } from '../../src/project/schema.js';
import { Sensitive } from '../../src/model/sensitive.js';
import { sqlChecks, type SqlConnect } from '../../src/preflight/sql-checks.js';
import type { ConnectOptions, Db } from '../../src/writers/mssql/db.js';

type Answer = Record<string, unknown>[];
/** First matching pattern answers a query; an Error is thrown instead. */
type Script = [RegExp, Answer | Error][];

interface Server {
  connect: SqlConnect;
  /** Statements executed (DDL, DML), in order. */
  executed: string[];
  /** Collations the connections were opened with. */
  collations: string[];
}

function server(script: Script, refuse: (options: ConnectOptions & { collation: string }) => Error | undefined = () => undefined): Server {
  const executed: string[] = [];
  const collations: string[] = [];
  const answer = (sql: string): Answer => {
    for (const [pattern, result] of script) {
      if (!pattern.test(sql)) continue;
      if (result instanceof Error) throw result;
      return result;
    }
    throw new Error(`unexpected statement: ${sql.slice(0, 80)}`);
  };
  const db = (collation: string | undefined): Db => {
    const self: Db = {
      inTransaction: false,
      description: 'sql01:1433/ProCallDC',
      ...(collation === undefined ? {} : { collation }),
      query: async <T>(sql: string) => answer(sql) as T[],
      execute: async (sql: string) => {
        executed.push(sql);
        answer(sql);
        return 1;
      },
      transaction: (fn) => fn(self),
      bulkLoad: async (_t, _c, rows) => rows.length,
      bulkInsert: async () => {
        throw new Error('preflight never writes a table');
      },
      dropTemp: async () => {},
      close: async () => {},
    };
    return self;
  };
  // Like db.connect: the options' collation, else the target's.
  const connect: SqlConnect = async (t, _env, options) => {
    const collation = options.collation ?? t.collation;
    const refused = refuse({ ...options, collation });
    if (refused) throw refused;
    collations.push(collation);
    return db(collation);
  };
  return { connect, executed, collations };
}

const target = {
  server: 'sql01',
  port: 1433,
  database: 'ProCallDC',
  authentication: 'sql',
  user: 'migrator',
  encrypt: true,
  trustServerCertificate: false,
  collation: 'Latin1_General_100_CI_AS_SC',
  bulkBatchRows: 10000,
  password: new Sensitive('pw-not-shown'),
} as NonNullable<Project['target']>;

const common: Script = [
  [/@@VERSION/, [{ version: 'Stand-in SQL 1.0' }]],
  [/sp_getapplock/, [{ result: 0 }]],
  [/COUNT\(\*\) AS n FROM sys\.fn_helpcollations/, [{ n: 1 }]],
  [
    /FROM \[#pm_preflight\]/,
    [
      { Id: 1, Name: 'anna.schmidt', Text: null },
      { Id: 2, Name: 'Jürgen Müßig', Text: '{"ProCall":"Zoë Müßig"}'.repeat(200) },
      { Id: 3, Name: 'Zoë 😀 Ørsted', Text: '{"UserName":"zoë"}' },
    ],
  ],
];

const byName = (checks: { name: string; result: string; message: string }[], name: string) => checks.find((c) => c.name === name);

describe('SQL checks against a stand-in server', () => {
  it('a seeded version-1 schema: the upgrade (new columns, new tables) is tried in the rolled-back transaction', async () => {
    const s = server([
      [/SCHEMA_ID\(N'dc'\)/, [{ id: 5 }]],
      [/OBJECT_ID\(N'\[dc\]\.\[SchemaInfo\]', N'U'\) AS id/, [{ id: 7 }]],
      [/MAX\(\[SchemaVersion\]\)/, [{ v: 1 }]],
      [/^IF |^INSERT INTO \[dc\]\.\[SchemaInfo\]|^DELETE FROM \[dc\]\.\[SchemaInfo\]/, []],
      ...common,
    ]);
    const checks = await sqlChecks(target, {}, { timeoutMs: 100, connect: s.connect });
    expect(byName(checks, 'schema dc')).toMatchObject({ result: 'pass', message: expect.stringContaining('upgrade it to version 2 (tried, rolled back)') });
    expect(s.executed.some((sql) => /ALTER TABLE \[dc\]\.\[MigrationRun\] ADD \[RunSeq\]/.test(sql))).toBe(true);
    expect(s.executed.some((sql) => /CREATE TABLE \[dc\]\.\[MigrationChange\]/.test(sql))).toBe(true);
  });

  const LONG = '{"ProCall":"Zoë Müßig"}'.repeat(200);
  it.each([
    ['cuts nvarchar(max) at 4,000 characters', null, LONG.slice(0, 4000)],
    ['reads NULL back as an empty string', '', LONG],
  ])('a server whose bulk load %s fails the check (the ledger and client content need both)', async (_name, first, second) => {
    const s = server([
      [/SCHEMA_ID\(N'dc'\)/, [{ id: null }]],
      [/CREATE SCHEMA/, []],
      [
        /FROM \[#pm_preflight\]/,
        [
          { Id: 1, Name: 'anna.schmidt', Text: first },
          { Id: 2, Name: 'Jürgen Müßig', Text: second },
          { Id: 3, Name: 'Zoë 😀 Ørsted', Text: '{"UserName":"zoë"}' },
        ],
      ],
      ...common,
    ]);
    const checks = await sqlChecks(target, {}, { timeoutMs: 100, connect: s.connect });
    expect(byName(checks, 'bulk load')).toMatchObject({ result: 'fail', message: expect.stringContaining('read back different text') });
  });

  it('a schema at the current version: only a write is tried', async () => {
    const s = server([
      [/SCHEMA_ID\(N'dc'\)/, [{ id: 5 }]],
      [/OBJECT_ID\(N'\[dc\]\.\[SchemaInfo\]', N'U'\) AS id/, [{ id: 7 }]],
      [/MAX\(\[SchemaVersion\]\)/, [{ v: 2 }]],
      [/^INSERT INTO \[dc\]\.\[SchemaInfo\]|^DELETE FROM \[dc\]\.\[SchemaInfo\]/, []],
      ...common,
    ]);
    const checks = await sqlChecks(target, {}, { timeoutMs: 100, connect: s.connect });
    expect(byName(checks, 'schema dc')?.message).not.toContain('upgrade');
    expect(s.executed.every((sql) => !/ALTER TABLE|CREATE TABLE/.test(sql))).toBe(true);
  });

  it.each([
    { server: 'SQL Server', perms: 1, role: 0, result: 'warn' },
    // Babelfish: HAS_PERMS_BY_NAME answers 0 for a server permission unless the login is dbo.
    { server: 'Babelfish', perms: 0, role: 1, result: 'warn' },
    { server: 'neither', perms: 0, role: 0, result: 'fail' },
  ])('a missing database, may the login create it? ($server: HAS_PERMS_BY_NAME $perms, role $role)', async ({ perms, role, result }) => {
    const missing = Object.assign(new MigrateError('DB_LOGIN_FAILED', 'sql01:1433/ProCallDC refused the login: Cannot open database "ProCallDC" requested by the login'), {});
    const s = server(
      [[/DB_ID/, [{ id: null }]], [/HAS_PERMS_BY_NAME/, [{ ok: perms }]], [/IS_SRVROLEMEMBER/, [{ ok: role }]], ...common],
      (options) => (options.database === undefined ? missing : undefined),
    );
    const checks = await sqlChecks(target, {}, { timeoutMs: 100, connect: s.connect });
    expect(byName(checks, 'database')?.result).toBe(result);
  });

  it.each([
    { server: 'SQL Server', offered: ['Latin1_General_100_CI_AS_SC', 'Latin1_General_CI_AS'], bulkWith: 'Latin1_General_100_CI_AS_SC' },
    { server: 'Babelfish', offered: ['bbf_unicode_cp1_ci_as', 'latin1_general_ci_as', 'latin1_general_cs_as'], bulkWith: 'latin1_general_ci_as' },
  ])('a configured collation the server lacks ($server): the other checks go on with one it has', async ({ offered, bulkWith }) => {
    const missing = new MigrateError('DB_COLLATION_MISSING', 'sql01:1433/ProCallDC does not offer the collation No_Such_CI_AS (target.collation)', { hint: 'set target.collation to one the server offers' });
    const s = server(
      [
        [/SELECT name FROM sys\.fn_helpcollations/, offered.map((name) => ({ name }))],
        [/SCHEMA_ID\(N'dc'\)/, [{ id: null }]],
        [/CREATE SCHEMA/, []],
        [/COLLATE No_Such_CI_AS/, new Error("Invalid collation 'No_Such_CI_AS'.")],
        ...common,
      ],
      (options) => (options.collation === 'No_Such_CI_AS' ? missing : undefined),
    );
    const checks = await sqlChecks({ ...target, collation: 'No_Such_CI_AS' }, {}, { timeoutMs: 100, connect: s.connect });
    expect(byName(checks, 'collation')?.result).toBe('fail');
    expect(byName(checks, 'schema dc')?.message).toContain('failed on the collation No_Such_CI_AS');
    expect(s.collations.at(-1)).toBe(bulkWith);
    expect(byName(checks, 'bulk load')?.result).toBe('pass');
  });
});
