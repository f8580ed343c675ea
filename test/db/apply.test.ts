import { beforeAll, describe, expect, it } from 'vitest';
import { emptyModel, type DataCenterModel } from '../../src/model/datacenter.js';
import { UnsetSecret } from '../../src/model/unset-secret.js';
import { applyPlan } from '../../src/writers/mssql/apply.js';
import { readActual, readTargetFingerprint } from '../../src/writers/mssql/read.js';
import { fingerprintModel } from '../../src/plan/index.js';
import { NASTY } from '../writers/mssql/fixtures.js';
import { MSSQL_URL, applyOptions, clock, migrationRuns, plan, revealed, sampleDesired, withDatabase, waitForServer } from './helpers.js';
import { desiredModel } from './model.js';

describe.skipIf(!MSSQL_URL)('applyPlan (real SQL Server)', () => {
  // A cold container may take a while to accept logins: wait in the hook, not in the first test.
  beforeAll(() => waitForServer());

  it.each(['kanzlei-huber', 'mueller-logistik', 'alpen-handel'])('applies sample %s; planning again finds nothing to do', async (sample) => {
    const desired = await sampleDesired(sample);
    await withDatabase(async ({ db }) => {
      const p = plan(desired.model, emptyModel(), desired.sources);
      expect(p.changes.length).toBeGreaterThan(0);
      const opts = applyOptions(p);
      const result = await applyPlan(db, p, opts);
      expect(result.rows).toBe(p.changes.length);
      const actual = await readActual(db);
      expect(plan(desired.model, actual, desired.sources).changes).toEqual([]);
      expect(revealed(actual)).toEqual(revealed(desired.model));
      // The apply's check of the target, read a table at a time, gives the plan's fingerprint.
      expect(await readTargetFingerprint(db)).toBe(fingerprintModel(actual));
      expect(await migrationRuns(db)).toEqual([{ RunId: opts.runId.toUpperCase(), Status: 'applied', Error: null }]);
      const created = await db.query<{ CreatedAt: Date }>(`SELECT [CreatedAt] FROM [dc].[Environment];`);
      expect(created[0]?.CreatedAt.toISOString()).toBe(clock().toISOString());
    });
  });

  it('stages large sets through bulk load (creates, updates and deletes) with the same result', async () => {
    await withDatabase(async ({ db }) => {
      const first = desiredModel(['src-a', 'wa', 30]);
      const p1 = plan(first, emptyModel(), ['src-a']);
      const r1 = await applyPlan(db, p1, applyOptions(p1, { bulkThreshold: 5 }));
      expect(r1.bulkTables).toBeGreaterThan(3);
      expect(plan(first, await readActual(db), ['src-a']).changes).toEqual([]);

      // Change every user, drop ten of them (with their dependent rows), prune.
      const second = desiredModel(['src-a', 'wa', 20]);
      for (const u of second.UserAccount) u.DisplayName = `${u.DisplayName} – geändert 😀`;
      const p2 = plan(second, await readActual(db), ['src-a'], true);
      expect(p2.changes.filter((c) => c.action === 'update').length).toBeGreaterThan(5);
      expect(p2.changes.filter((c) => c.action === 'delete').length).toBeGreaterThan(5);
      const r2 = await applyPlan(db, p2, applyOptions(p2, { bulkThreshold: 5 }));
      expect(r2.bulkTables).toBeGreaterThan(0);
      const actual = await readActual(db);
      expect(plan(second, actual, ['src-a'], true).changes).toEqual([]);
      expect(revealed(actual)).toEqual(revealed(second));
    });
  });

  // bulkThreshold 0 sends every table through bulk load into #temp tables (other collation path).
  it.each([{ bulkThreshold: 500 }, { bulkThreshold: 0 }])('round-trips quotes, ], ;--, umlauts, emoji and line breaks exactly (bulkThreshold $bulkThreshold)', async ({ bulkThreshold }) => {
    await withDatabase(async ({ db }) => {
      const waves = NASTY.map((text, i): [string, string, number, string] => [`src-${i}`, `w${i}`, 2, text]);
      const desired = desiredModel(...waves);
      const sources = waves.map((w) => w[0]);
      const p = plan(desired, emptyModel(), sources);
      const result = await applyPlan(db, p, applyOptions(p, { bulkThreshold }));
      expect(result.bulkTables > 0).toBe(bulkThreshold === 0);
      expect(plan(desired, await readActual(db), sources).changes).toEqual([]);
      const actual = await readActual(db);
      expect(revealed(actual)).toEqual(revealed(desired));
      // Spot check through a plain query, not only through readActual.
      const names = await db.query<{ FirstName: string }>(`SELECT DISTINCT [FirstName] FROM [dc].[UserAccount];`);
      expect(names.map((n) => n.FirstName).sort()).toEqual([...NASTY].sort());
    });
  });

  it('checks row counts even on a pooled session an earlier batch left with SET NOCOUNT ON', async () => {
    await withDatabase(async ({ open }) => {
      // A fresh pool holds one connection, so the apply's transaction gets the same session.
      const db = await open('procall-migrate tests (nocount)');
      await db.execute('SET NOCOUNT ON;');
      const desired = desiredModel(['src-a', 'wa', 2]);
      const p = plan(desired, emptyModel(), ['src-a']);
      await applyPlan(db, p, applyOptions(p));
      expect(revealed(await readActual(db))).toEqual(revealed(desired));
    });
  });

  it("leaves the first wave's rows untouched when a second wave (another source) is applied", async () => {
    await withDatabase(async ({ db }) => {
      const waveA = desiredModel(['src-a', 'wa', 5]);
      const pA = plan(waveA, emptyModel(), ['src-a']);
      await applyPlan(db, pA, applyOptions(pA));
      const ofA = (m: DataCenterModel) =>
        Object.fromEntries(Object.entries(revealed(m)).map(([t, rows]) => [t, rows.filter((r) => r['Origin'] === 'src-a')]));
      const before = ofA(await readActual(db));

      const waveB = desiredModel(['src-b', 'wb', 5]);
      const pB = plan(waveB, await readActual(db), ['src-b'], true);
      expect(pB.changes.some((c) => c.action === 'delete')).toBe(false);
      await applyPlan(db, pB, applyOptions(pB));
      const actual = await readActual(db);
      expect(ofA(actual)).toEqual(before);
      expect(actual.UserAccount.filter((u) => u.Origin === 'src-b')).toHaveLength(5);
    });
  });

  it('refuses a plan whose rows are already there (stale) and changes nothing', async () => {
    await withDatabase(async ({ db }) => {
      const desired = desiredModel(['src-a', 'wa', 3]);
      const p = plan(desired, emptyModel(), ['src-a']);
      await applyPlan(db, p, applyOptions(p));
      const before = revealed(await readActual(db));
      await expect(applyPlan(db, p, applyOptions(p))).rejects.toMatchObject({ code: 'DB_PLAN_STALE' });
      expect(revealed(await readActual(db))).toEqual(before);
    });
  });

  it('bulk creates: a row already there makes the plan stale, and the whole run is rolled back', async () => {
    await withDatabase(async ({ db }) => {
      // Creates go straight into the table by bulk load: a duplicate key fails the load (there is
      // no NOT EXISTS to skip it), which must read as a stale plan and leave nothing behind.
      const desired = desiredModel(['src-a', 'wa', 12]);
      const first = plan({ ...emptyModel(), Environment: desired.Environment, Server: desired.Server, UserAccount: desired.UserAccount.slice(0, 1) }, emptyModel(), ['src-a']);
      await applyPlan(db, first, applyOptions(first));
      const before = revealed(await readActual(db));
      const p = plan(desired, emptyModel(), ['src-a']);
      const stale = applyPlan(db, p, applyOptions(p, { bulkThreshold: 0 }));
      await expect(stale).rejects.toMatchObject({ code: 'DB_PLAN_STALE' });
      await expect(stale).rejects.toThrow(/dc\.\w+: a row it creates is there already/);
      expect(revealed(await readActual(db))).toEqual(before);
    });
  });

  it('bulk creates fail cleanly in a later batch: a duplicate in batch 3, a value that cannot be written mid-load', async () => {
    await withDatabase(async ({ open }) => {
      // Batches of 2 rows: the failure comes while a batch is in flight and the next is being made.
      const db = await open('procall-migrate bulk failures', { bulkBatchRows: 2 });
      const desired = desiredModel(['src-a', 'wa', 12]);
      const first = plan({ ...emptyModel(), Environment: desired.Environment, Server: desired.Server, UserAccount: desired.UserAccount.slice(5, 6) }, emptyModel(), ['src-a']);
      await applyPlan(db, first, applyOptions(first));
      const before = revealed(await readActual(db));
      // The sixth user is there already (the plan was made as if not): batch 3 of UserAccount
      // fails on its key.
      const dup = plan(desired, { ...(await readActual(db)), UserAccount: [] }, ['src-a']);
      await expect(applyPlan(db, dup, applyOptions(dup, { bulkThreshold: 0 }))).rejects.toMatchObject({ code: 'DB_PLAN_STALE', meta: { table: 'UserAccount' } });
      expect(revealed(await readActual(db))).toEqual(before);
      // A credential whose environment variable is unset, in the middle of the load: the row is
      // never made, the batch in flight finishes, the run rolls back, the connection stays usable.
      const broken = { ...desired, UserAccount: desired.UserAccount.filter((_, i) => i !== 5).map((u, i) => (i === 6 ? { ...u, Credential: new UnsetSecret('PM_TEST_UNSET') } : u)) };
      const p = plan(broken, await readActual(db), ['src-a']);
      await expect(applyPlan(db, p, applyOptions(p, { bulkThreshold: 0 }))).rejects.toMatchObject({ code: 'DB_SECRET_UNAVAILABLE' });
      expect(revealed(await readActual(db))).toEqual(before);
      // And with the default thresholds (creates by bulk load from 21 rows on) the same run goes through.
      const whole = desiredModel(['src-a', 'wa', 30]);
      const p2 = plan(whole, await readActual(db), ['src-a']);
      expect(p2.changes.filter((c) => c.table === 'UserAccount' && c.action === 'create').length).toBeGreaterThan(20);
      await applyPlan(db, p2, applyOptions(p2));
      const after = await readActual(db);
      expect(revealed(after)).toEqual(revealed(whole));
      expect(plan(whole, after, ['src-a']).changes).toEqual([]);
    });
  });

  it('bulk creates are checked like INSERTs: a row pointing nowhere is refused, the foreign keys stay trusted', async () => {
    await withDatabase(async ({ db }) => {
      const desired = desiredModel(['src-a', 'wa', 8]);
      // Users whose home server the plan does not create. The difference, named: SQL Server checks
      // foreign keys in a bulk load only when asked (CHECK_CONSTRAINTS; otherwise it skips them
      // and marks the key untrusted); Babelfish 4.3 skips them even when asked, so there the apply
      // counts rows pointing nowhere after each bulk create (orphanCountSql). Refused on both.
      const orphans = plan({ ...emptyModel(), Environment: desired.Environment, UserAccount: desired.UserAccount }, emptyModel(), ['src-a']);
      await expect(applyPlan(db, orphans, applyOptions(orphans, { bulkThreshold: 0 }))).rejects.toMatchObject({ code: 'DB_APPLY_FAILED' });
      const p = plan(desired, emptyModel(), ['src-a']);
      await applyPlan(db, p, applyOptions(p, { bulkThreshold: 0 }));
      const untrusted = await db.query<{ n: number }>(
        `SELECT COUNT(*) AS [n] FROM sys.foreign_keys WHERE [is_not_trusted] = 1 AND SCHEMA_NAME([schema_id]) = N'dc';`,
      );
      expect(Number(untrusted[0]?.n)).toBe(0);
      const actual = await readActual(db);
      expect(revealed(actual)).toEqual(revealed(desired));
      expect(plan(desired, actual, ['src-a']).changes).toEqual([]);
    });
  });
});
