/**
 * The preflight's SQL Server checks against a real server (MSSQL_URL): everything passes for a
 * login that may do everything, a login with only db_datareader fails the schema check naming
 * the right, and nothing is left in the database afterwards.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { Sensitive } from '../../src/model/sensitive.js';
import { sqlChecks, type SqlTarget } from '../../src/preflight/sql-checks.js';
import type { PreflightCheck } from '../../src/preflight/result.js';
import { bootstrap } from '../../src/writers/mssql/bootstrap.js';
import { parseConnectionString } from '../../src/writers/mssql/connection-string.js';
import { connectUrl, type Db } from '../../src/writers/mssql/db.js';
import { TEXT_COLLATION } from '../../src/writers/mssql/ddl.js';
import { MSSQL_COLLATION, MSSQL_URL, TOOL_VERSION, clock, waitForServer, withDatabase } from './helpers.js';

/** Cold servers are slow to log in; the preflight's own default is shorter. */
const TIMEOUT_MS = 30_000;

function targetFor(database: string, login?: { user: string; password: string }): SqlTarget {
  const s = parseConnectionString(MSSQL_URL ?? '');
  return {
    server: s.instanceName ? `${s.server}\\${s.instanceName}` : s.server,
    port: s.port ?? 1433,
    database,
    authentication: 'sql',
    user: login?.user ?? s.user,
    domain: undefined,
    passwordEnv: undefined,
    encrypt: s.encrypt,
    trustServerCertificate: s.trustServerCertificate,
    // A server without Microsoft's default collation (Babelfish) runs the suite with MSSQL_COLLATION.
    collation: MSSQL_COLLATION ?? TEXT_COLLATION,
    bulkBatchRows: 10000,
    password: login ? new Sensitive(login.password) : s.password,
  } as SqlTarget;
}

const results = (checks: PreflightCheck[]) => Object.fromEntries(checks.map((c) => [c.name, c.result]));

/** What a preflight might leave behind: schema dc, any table, a held migration lock. */
async function leftovers(db: Db): Promise<{ schemas: number; tables: number; lockFree: boolean }> {
  const schemas = Number((await db.query<{ n: number }>("SELECT COUNT(*) AS n FROM sys.schemas WHERE LOWER(name) = N'dc';"))[0]?.n);
  const tables = Number((await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM sys.tables;'))[0]?.n);
  const lock = await db.transaction((tx) =>
    tx.query<{ result: number }>(
      `DECLARE @result int;
EXEC @result = sp_getapplock @Resource = N'procall-migrate', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 0, @DbPrincipal = N'public';
SELECT @result AS result;`,
    ),
  );
  return { schemas, tables, lockFree: Number(lock[0]?.result) >= 0 };
}

async function asAdmin<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const admin = await connectUrl(MSSQL_URL ?? '', { appName: 'procall-migrate tests (admin)', connectionTimeoutMs: TIMEOUT_MS });
  try {
    return await fn(admin);
  } finally {
    await admin.close();
  }
}

/** DROP LOGIN fails while the server still ends the login's (just closed) sessions: try a few times. */
async function dropLogin(login: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await asAdmin((a) => a.execute(`IF EXISTS (SELECT 1 FROM sys.server_principals WHERE name = N'${login}') DROP LOGIN [${login}];`));
      return;
    } catch (error) {
      if (attempt >= 10) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

describe.skipIf(!MSSQL_URL)('preflight SQL checks (real SQL Server)', () => {
  beforeAll(() => waitForServer());

  it('a login that may do everything passes every check and leaves nothing behind', async () => {
    await withDatabase(async ({ db, name }) => {
      const checks = await sqlChecks(targetFor(name), {}, { timeoutMs: TIMEOUT_MS });
      expect(results(checks)).toEqual({
        login: 'pass',
        'server version': 'pass',
        database: 'pass',
        'schema dc': 'pass',
        sp_getapplock: 'pass',
        collation: 'pass',
        'bulk load': 'pass',
      });
      expect(checks.find((c) => c.name === 'schema dc')?.message).toMatch(/may create schema dc/);
      expect(await leftovers(db)).toEqual({ schemas: 0, tables: 0, lockFree: true });
      const pw = parseConnectionString(MSSQL_URL ?? '').password?.reveal();
      if (pw) expect(JSON.stringify(checks)).not.toContain(pw);
    });
  });

  it('a seeded database: the schema version is read and a write is tried and rolled back', async () => {
    await withDatabase(async ({ db, name }) => {
      await bootstrap(db, { clock, toolVersion: TOOL_VERSION });
      const before = await db.query('SELECT [SchemaVersion], [ToolVersion] FROM [dc].[SchemaInfo] ORDER BY [SchemaVersion];');
      const checks = await sqlChecks(targetFor(name), {}, { timeoutMs: TIMEOUT_MS });
      expect(checks.find((c) => c.name === 'schema dc')).toMatchObject({ result: 'pass', message: expect.stringMatching(/with version \d+, which this procall-migrate reads/) });
      expect(await db.query('SELECT [SchemaVersion], [ToolVersion] FROM [dc].[SchemaInfo] ORDER BY [SchemaVersion];')).toEqual(before);
    });
  });

  it('a version-1 database: the upgrade apply would make is tried and rolled back', async () => {
    await withDatabase(async ({ db, name }) => {
      await bootstrap(db, { clock, toolVersion: TOOL_VERSION });
      // Back to what a version-1 tool left (one column per ALTER TABLE: Babelfish refuses a list).
      await db.execute(`DROP TABLE [dc].[MigrationChange];`);
      await db.execute(`DROP TABLE [dc].[LedgerKey];`);
      await db.execute(`ALTER TABLE [dc].[MigrationRun] DROP COLUMN [UndoOf];`);
      await db.execute(`ALTER TABLE [dc].[MigrationRun] DROP COLUMN [RunSeq];`);
      await db.execute(`UPDATE [dc].[SchemaInfo] SET [SchemaVersion] = 1;`);
      const checks = await sqlChecks(targetFor(name), {}, { timeoutMs: TIMEOUT_MS });
      expect(checks.find((c) => c.name === 'schema dc')).toMatchObject({ result: 'pass', message: expect.stringMatching(/with version 1, .* and upgrade it to version \d+ \(tried, rolled back\)/) });
      const ledger = await db.query<{ id: number | null }>(`SELECT OBJECT_ID(N'[dc].[MigrationChange]', N'U') AS [id];`);
      expect(ledger).toEqual([{ id: null }]);
      const columns = await db.query<{ n: number }>(
        `SELECT COUNT(*) AS [n] FROM sys.columns WHERE [object_id] = OBJECT_ID(N'[dc].[MigrationRun]', N'U') AND LOWER([name]) IN (N'undoof', N'runseq');`,
      );
      expect(columns).toEqual([{ n: 0 }]);
    });
  });

  it('a database that does not exist yet: a warning that the login may create it, the rest checked from master', async () => {
    const missing = `pm_missing_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const checks = await sqlChecks(targetFor(missing), {}, { timeoutMs: TIMEOUT_MS });
    expect(results(checks)).toMatchObject({ login: 'pass', database: 'warn', 'schema dc': 'skip', collation: 'pass', 'bulk load': 'pass' });
    expect(checks.find((c) => c.name === 'database')?.message).toMatch(/does not exist yet; the login may create it/);
    expect(await asAdmin((a) => a.query<{ id: number | null }>('SELECT DB_ID(@p0) AS id;', [missing]))).toEqual([{ id: null }]);
  });

  it('a configured collation the server lacks fails', async () => {
    await withDatabase(async ({ name }) => {
      const checks = await sqlChecks({ ...targetFor(name), collation: 'No_Such_Collation_CI_AS' }, {}, { timeoutMs: TIMEOUT_MS });
      // The seam refuses the collation at connect; preflight still logs in and reports it as the collation's finding.
      expect(results(checks)).toMatchObject({ login: 'pass', collation: 'fail', 'schema dc': 'fail', 'bulk load': 'pass' });
      expect(checks.find((c) => c.name === 'collation')?.message).toContain('No_Such_Collation_CI_AS');
      expect(checks.find((c) => c.name === 'schema dc')?.message).toMatch(/failed on the collation No_Such_Collation_CI_AS/);
    });
  });

  it('a login with only db_datareader fails the schema check naming CREATE SCHEMA, and nothing is left behind', async () => {
    await withDatabase(async ({ db, name }) => {
      const login = `pm_reader_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      const password = `Pm!${randomUUID().replace(/-/g, '')}aA1`;
      // CREATE LOGIN takes no parameters; both values are generated here, not input.
      await asAdmin((a) => a.execute(`CREATE LOGIN [${login}] WITH PASSWORD = N'${password}';`));
      try {
        await db.execute(`CREATE USER [${login}] FOR LOGIN [${login}];`);
        try {
          await db.execute(`ALTER ROLE [db_datareader] ADD MEMBER [${login}];`);
        } catch {
          // A server without the fixed role: a bare user has no CREATE rights either.
        }
        const checks = await sqlChecks(targetFor(name, { user: login, password }), {}, { timeoutMs: TIMEOUT_MS });
        expect(results(checks)).toMatchObject({ login: 'pass', database: 'pass', 'schema dc': 'fail', 'bulk load': 'pass' });
        expect(checks.find((c) => c.name === 'schema dc')?.message).toMatch(/may not create schema dc in .*lacks the CREATE SCHEMA permission/);
        expect(JSON.stringify(checks)).not.toContain(password);
        expect(await leftovers(db)).toEqual({ schemas: 0, tables: 0, lockFree: true });
        await db.execute(`DROP USER [${login}];`);
      } finally {
        await dropLogin(login);
      }
    });
  });

  it('a wrong password fails the login with a sentence that contains no password', async () => {
    await withDatabase(async ({ name }) => {
      const wrong = `Wrong!${randomUUID().slice(0, 8)}`;
      const t = targetFor(name);
      const checks = await sqlChecks({ ...t, password: new Sensitive(wrong) }, {}, { timeoutMs: TIMEOUT_MS });
      expect(checks[0]).toMatchObject({ name: 'login', result: 'fail' });
      expect(checks.slice(1).every((c) => c.result === 'skip')).toBe(true);
      expect(JSON.stringify(checks)).not.toContain(wrong);
    });
  });
});
