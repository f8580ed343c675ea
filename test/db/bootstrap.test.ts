import { beforeAll, describe, expect, it } from 'vitest';
import { TABLES, SCHEMA_VERSION } from '../../src/model/dc-schema.js';
import { emptyModel } from '../../src/model/datacenter.js';
import { applyPlan } from '../../src/writers/mssql/apply.js';
import { bootstrap } from '../../src/writers/mssql/bootstrap.js';
import { readActual } from '../../src/writers/mssql/read.js';
import { MSSQL_URL, TOOL_VERSION, applyOptions, clock, plan, withDatabase, waitForServer } from './helpers.js';
import { desiredModel } from './model.js';

describe.skipIf(!MSSQL_URL)('bootstrap (real SQL Server)', () => {
  // A cold container may take a while to accept logins: wait in the hook, not in the first test.
  beforeAll(() => waitForServer());

  it('reads a database without schema dc as the empty model', async () => {
    await withDatabase(async ({ db }) => {
      expect(await readActual(db)).toEqual(emptyModel());
    });
  });

  it('creates schema dc with every contract table, records the version, and is idempotent', async () => {
    await withDatabase(async ({ db }) => {
      const first = await bootstrap(db, { clock, toolVersion: TOOL_VERSION });
      expect(first).toMatchObject({ fromVersion: 0, toVersion: SCHEMA_VERSION, created: true });
      const second = await bootstrap(db, { clock, toolVersion: TOOL_VERSION });
      expect(second).toMatchObject({ fromVersion: SCHEMA_VERSION, created: false, upgraded: false });
      const tables = await db.query<{ name: string }>(`SELECT t.name FROM sys.tables t WHERE t.schema_id = SCHEMA_ID(N'dc') ORDER BY t.name;`);
      // Names compare case-insensitively: a server may report `clientcontent` for ClientContent.
      const lower = (names: string[]) => names.map((n) => n.toLowerCase()).sort();
      expect(lower(tables.map((t) => t.name))).toEqual(lower(['MigrationRun', 'SchemaInfo', 'MigrationChange', 'LedgerKey', ...TABLES.map((t) => t.name)]));
      const info = await db.query<{ SchemaVersion: number; ToolVersion: string }>(`SELECT [SchemaVersion], [ToolVersion] FROM [dc].[SchemaInfo];`);
      expect(info).toEqual([{ SchemaVersion: SCHEMA_VERSION, ToolVersion: TOOL_VERSION }]);
      const fks = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM sys.foreign_keys WHERE schema_id = SCHEMA_ID(N'dc');`);
      // The catalog's references, plus the ledger's dc.MigrationChange → dc.MigrationRun.
      expect(fks[0]?.n).toBe(TABLES.flatMap((t) => t.columns).filter((c) => c.references).length + 1);
      expect(await readActual(db)).toEqual(emptyModel());
    });
  });

  it('gives a seeded database without a SchemaInfo row its version and keeps its rows', async () => {
    await withDatabase(async ({ db }) => {
      const desired = desiredModel(['src-a', 'wa', 2]);
      await applyPlan(db, plan(desired, emptyModel(), ['src-a']), applyOptions(plan(desired, emptyModel(), ['src-a'])));
      await db.execute(`DELETE FROM [dc].[SchemaInfo];`);
      const before = await readActual(db);
      expect((await bootstrap(db, { clock, toolVersion: TOOL_VERSION })).fromVersion).toBe(0);
      expect(await readActual(db)).toEqual(before);
      expect((await db.query<{ v: number }>(`SELECT MAX([SchemaVersion]) AS v FROM [dc].[SchemaInfo];`))[0]?.v).toBe(SCHEMA_VERSION);
    });
  });

  it('refuses a database whose schema is newer than this tool, for reading and writing', async () => {
    await withDatabase(async ({ db }) => {
      await bootstrap(db, { clock, toolVersion: TOOL_VERSION });
      await db.execute(`INSERT INTO [dc].[SchemaInfo] ([SchemaVersion], [InstalledAt], [ToolVersion]) VALUES (@v, SYSUTCDATETIME(), N'99.0.0');`, {
        v: { type: 'int', value: SCHEMA_VERSION + 1 },
      });
      const refusal = { code: 'DB_SCHEMA_NEWER', exitCode: 1 };
      await expect(bootstrap(db, { clock, toolVersion: TOOL_VERSION })).rejects.toMatchObject(refusal);
      await expect(readActual(db)).rejects.toMatchObject(refusal);
      const p = plan(desiredModel(['src-a', 'wa', 1]), emptyModel(), ['src-a']);
      await expect(applyPlan(db, p, applyOptions(p))).rejects.toMatchObject(refusal);
      expect(await db.query(`SELECT 1 AS x FROM [dc].[Server];`)).toEqual([]);
      expect(await db.query(`SELECT 1 AS x FROM [dc].[MigrationRun];`)).toEqual([]);
    });
  });
});
