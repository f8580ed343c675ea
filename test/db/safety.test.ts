import { beforeAll, describe, expect, it } from 'vitest';
import { emptyModel } from '../../src/model/datacenter.js';
import { MigrateError } from '../../src/model/errors.js';
import { LicenseKey } from '../../src/model/sensitive.js';
import { applyPlan } from '../../src/writers/mssql/apply.js';
import { acquireApplyLock } from '../../src/writers/mssql/lock.js';
import { readActual } from '../../src/writers/mssql/read.js';
import { MSSQL_URL, applyOptions, migrationRuns, plan, revealed, withDatabase, waitForServer } from './helpers.js';
import { desiredModel } from './model.js';

describe.skipIf(!MSSQL_URL)('failures and concurrency (real SQL Server)', () => {
  // A cold container may take a while to accept logins: wait in the hook, not in the first test.
  beforeAll(() => waitForServer());

  it.each([{ bulkThreshold: 500 }, { bulkThreshold: 2 }])(
    'a failure injected mid-apply leaves the database exactly as before (bulkThreshold $bulkThreshold)',
    async ({ bulkThreshold }) => {
      await withDatabase(async ({ db }) => {
        const first = desiredModel(['src-a', 'wa', 4]);
        const p1 = plan(first, emptyModel(), ['src-a']);
        await applyPlan(db, p1, applyOptions(p1));
        const before = revealed(await readActual(db));

        const second = desiredModel(['src-a', 'wa', 8], ['src-b', 'wb', 6]);
        for (const u of second.UserAccount) u.Enabled = !u.Enabled;
        const p2 = plan(second, await readActual(db), ['src-a', 'src-b']);
        const opts = applyOptions(p2, { bulkThreshold, failAfterTable: 'UserGroupMember' });
        await expect(applyPlan(db, p2, opts)).rejects.toMatchObject({ code: 'DB_APPLY_FAILED' });
        expect(revealed(await readActual(db))).toEqual(before);
        const runs = await migrationRuns(db);
        expect(runs.find((r) => r.RunId === opts.runId.toUpperCase())).toMatchObject({ Status: 'failed', Error: 'DB_APPLY_FAILED at dc.UserGroupMember' });
      });
    },
  );

  it('a row violating a constraint rolls back everything, bootstrap included, and names the SQL error', async () => {
    await withDatabase(async ({ db }) => {
      const desired = desiredModel(['src-a', 'wa', 3]);
      desired.Server.push({ Name: 'dc-ucs-dup', Fqdn: 'dc-ucs-01.corp.example', Role: 'ucserver', Site: null, MaxUsers: null, Origin: 'project' });
      const p = plan(desired, emptyModel(), ['src-a']);
      const error = await applyPlan(db, p, applyOptions(p)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrateError);
      expect(error).toMatchObject({ code: 'DB_APPLY_FAILED', meta: { table: 'Server', sqlError: 2627 } });
      // The tables were created in the same transaction: none is left. Only the run history
      // stays (the attempt was announced before it wrote), recording the failure.
      expect((await db.query<{ id: number | null }>(`SELECT OBJECT_ID(N'[dc].[Server]', N'U') AS id;`))[0]?.id).toBeNull();
      expect((await db.query<{ id: number | null }>(`SELECT OBJECT_ID(N'[dc].[SchemaInfo]', N'U') AS id;`))[0]?.id).toBeNull();
      expect((await migrationRuns(db)).map((r) => r.Status)).toEqual(['failed']);
    });
  });

  it.each([{ bulkThreshold: 0 }, { bulkThreshold: 500 }])(
    'never shows a full licence key in the error of a failed apply (bulkThreshold $bulkThreshold)',
    async ({ bulkThreshold }) => {
      await withDatabase(async ({ db }) => {
        const desired = desiredModel(['src-a', 'wa', 2]);
        const p = plan(desired, emptyModel(), ['src-a']);
        // The same key again, differing in case only: the server's case-insensitive PK refuses it.
        const dup = new LicenseKey('wa-lic-0001');
        p.changes.push({ table: 'License', key: { LicenseKey: dup }, action: 'create', after: { LicenseKey: dup, Kind: 'user', Count: 1, Origin: 'src-a' } });
        const error = (await applyPlan(db, p, applyOptions(p, { bulkThreshold })).catch((e: unknown) => e)) as MigrateError;
        expect(error).toBeInstanceOf(MigrateError);
        expect(['DB_APPLY_FAILED', 'DB_PLAN_STALE']).toContain(error.code);
        expect(error.message.toLowerCase()).not.toContain('wa-lic-0001');
        expect((await db.query<{ id: number | null }>(`SELECT OBJECT_ID(N'[dc].[License]', N'U') AS id;`))[0]?.id).toBeNull();
      });
    },
  );

  it('refuses a second concurrent apply and names the run holding the lock', async () => {
    await withDatabase(async ({ db, open }) => {
      const other = await open('procall-migrate other run');
      const desired = desiredModel(['src-a', 'wa', 2]);
      const p = plan(desired, emptyModel(), ['src-a']);
      await db.transaction(async (tx) => {
        await acquireApplyLock(tx, { holderInfo: 'alice run 1234' });
        const error = (await applyPlan(other, p, applyOptions(p, { lockTimeoutMs: 500 })).catch((e: unknown) => e)) as MigrateError;
        expect(error).toMatchObject({ code: 'DB_LOCKED', exitCode: 1 });
        // A server without sys.dm_tran_locks (or a login without VIEW SERVER STATE) cannot name
        // the holder: the refusal still stands and says so.
        if (!error.message.includes('the holder is unknown')) {
          expect(error.message).toContain('alice run 1234');
          expect(error.message).toContain('procall-migrate tests');
        }
      });
      // Released with the holder's transaction: the same apply now goes through.
      await applyPlan(other, p, applyOptions(p));
      expect((await readActual(other)).UserAccount).toHaveLength(2);
    });
  });
});
