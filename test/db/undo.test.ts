/**
 * `undo RUN_ID` on a real server (ledger.md §3): the undo of the last run restores every table
 * exactly, is refused after an admin edit (unless forced), is refused for an undone run, and a
 * failure in the middle of it leaves the database as it was.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyModel, type DataCenterModel } from '../../src/model/datacenter.js';
import { MigrateError } from '../../src/model/errors.js';
import { applyPlan } from '../../src/writers/mssql/apply.js';
import type { Db } from '../../src/writers/mssql/db.js';
import { readLedgerBase } from '../../src/writers/mssql/ledger.js';
import { listRuns } from '../../src/writers/mssql/runs.js';
import { fingerprintModel } from '../../src/plan/digest.js';
import { planChanges, type PlanOptions } from '../../src/plan/planner.js';
import { readActual } from '../../src/writers/mssql/read.js';
import { applyRunUndo, planRunUndo } from '../../src/writers/mssql/undo.js';
import { MSSQL_URL, TOOL_VERSION, applyOptions, plan, revealed, waitForServer, withDatabase } from './helpers.js';
import { desiredModel } from './model.js';

const planOptions = (actual: DataCenterModel): PlanOptions => ({
  sources: ['src-a'],
  prune: true,
  meta: { toolVersion: TOOL_VERSION, project: { path: '/tests/procall-migrate.yaml', sha256: '0'.repeat(64) }, sources: [], targetFingerprint: fingerprintModel(actual), diagnostics: [] },
});

const meta = { toolVersion: TOOL_VERSION, project: { path: '/tests/procall-migrate.yaml', sha256: '0'.repeat(64) } };

/** Every table of the target (the catalog's), secrets revealed: the ledger and run tables aside. */
async function snapshot(db: Db): Promise<Record<string, Record<string, unknown>[]>> {
  return revealed(await readActual(db));
}

/** Wave 1, then a second run that creates, updates and deletes rows (no secret changes, so undo can restore all). */
async function twoRuns(db: Db, bulkThreshold = 500): Promise<{ before: Awaited<ReturnType<typeof snapshot>>; runId: string; second: DataCenterModel }> {
  const first = desiredModel(['src-a', 'wa', 4]);
  const p1 = plan(first, emptyModel(), ['src-a']);
  await applyPlan(db, p1, applyOptions(p1, { bulkThreshold }));
  const before = await snapshot(db);
  const second = desiredModel(['src-a', 'wa', 7]);
  for (const u of second.UserAccount) u.DisplayName = `${u.DisplayName} (wave 2)`;
  // A row removed with --prune (no secret in it): the second location rule.
  second.LocationRule = second.LocationRule.filter((r) => r.Position !== 2);
  const p2 = plan(second, await readActual(db), ['src-a'], true);
  expect(p2.changes.map((c) => c.action)).toEqual(expect.arrayContaining(['create', 'update', 'delete']));
  const o2 = applyOptions(p2, { bulkThreshold });
  await applyPlan(db, p2, o2);
  return { before, runId: o2.runId, second };
}

describe.skipIf(!MSSQL_URL)('undo (real SQL Server)', () => {
  beforeAll(() => waitForServer());

  it.each([{ bulkThreshold: 500 }, { bulkThreshold: 2 }])('undo of the last run restores every table exactly (bulkThreshold $bulkThreshold)', async ({ bulkThreshold }) => {
    await withDatabase(async ({ db }) => {
      const { before, runId } = await twoRuns(db, bulkThreshold);
      const undo = await planRunUndo(db, runId, { force: false, meta });
      expect(undo.plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(undo.secretsNotRestored).toEqual([]);
      const o = applyOptions(undo.plan, { bulkThreshold });
      await applyRunUndo(db, undo, o);
      expect(await snapshot(db)).toEqual(before);
      const runs = await listRuns(db);
      expect(runs.find((r) => r.runId === runId.toLowerCase())?.undoneBy).toBe(o.runId.toLowerCase());
      expect(runs.find((r) => r.runId === o.runId.toLowerCase())).toMatchObject({ status: 'applied', undoOf: runId.toLowerCase() });
    });
  });

  it('is refused after an admin changed a row the run wrote, and --force restores it anyway', async () => {
    await withDatabase(async ({ db }) => {
      const { before, runId } = await twoRuns(db);
      await db.execute(`UPDATE [dc].[UserAccount] SET [Email] = N'admin@corp.example' WHERE [UserName] = N'wa-user-1';`);
      const refused = await planRunUndo(db, runId, { force: false, meta });
      expect(refused.changedSince).toEqual(['dc.UserAccount[UserName=wa-user-1]']);
      expect(refused.plan.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['PLAN_UNDO_ROW_CHANGED']);

      const forced = await planRunUndo(db, runId, { force: true, meta });
      expect(forced.plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      await applyRunUndo(db, forced, applyOptions(forced.plan));
      const after = await snapshot(db);
      // Restored to the before-image of the undone run: the admin's e-mail is kept only because
      // the run did not write that column; every column the run wrote is back.
      const anna = after['UserAccount']?.find((u) => u['UserName'] === 'wa-user-1');
      expect(anna?.['DisplayName']).toBe(before['UserAccount']?.find((u) => u['UserName'] === 'wa-user-1')?.['DisplayName']);
      expect(anna?.['Email']).toBe('admin@corp.example');
    });
  });

  it('refuses to undo a run twice, a failed run, and an unknown one', async () => {
    await withDatabase(async ({ db }) => {
      const { runId } = await twoRuns(db);
      const undo = await planRunUndo(db, runId, { force: false, meta });
      const undoRun = applyOptions(undo.plan);
      await applyRunUndo(db, undo, undoRun);
      await expect(planRunUndo(db, runId, { force: false, meta })).rejects.toMatchObject({ code: 'DB_RUN_NOT_UNDOABLE', exitCode: 3 });
      // Nor is the undo itself undone (the base would lose the run it brought back).
      await expect(planRunUndo(db, undoRun.runId, { force: false, meta })).rejects.toMatchObject({ code: 'DB_RUN_NOT_UNDOABLE', message: expect.stringContaining('an undo is not undone') });

      // A failed run (rolled back) cannot be undone either.
      const p = plan(desiredModel(['src-a', 'wa', 9]), await readActual(db), ['src-a']);
      const failed = applyOptions(p, { failAfterTable: 'UserAccount' });
      await expect(applyPlan(db, p, failed)).rejects.toMatchObject({ code: 'DB_APPLY_FAILED' });
      await expect(planRunUndo(db, failed.runId, { force: false, meta })).rejects.toMatchObject({ code: 'DB_RUN_NOT_UNDOABLE', exitCode: 3 });
      await expect(planRunUndo(db, '0f8fad5b-d9cb-469f-a165-70867728950e', { force: false, meta })).rejects.toMatchObject({ code: 'DB_RUN_NOT_FOUND' });
    });
  });

  it.each([{ bulkThreshold: 500 }, { bulkThreshold: 2 }])('a failure injected mid-undo leaves the database as before (bulkThreshold $bulkThreshold)', async ({ bulkThreshold }) => {
    await withDatabase(async ({ db }) => {
      const { runId } = await twoRuns(db, bulkThreshold);
      const beforeUndo = await snapshot(db);
      const ledgerRows = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM [dc].[MigrationChange];`);
      const undo = await planRunUndo(db, runId, { force: false, meta });
      const error = await applyRunUndo(db, undo, applyOptions(undo.plan, { bulkThreshold, failAfterTable: 'UserAccount' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrateError);
      expect(error).toMatchObject({ code: 'DB_APPLY_FAILED' });
      expect(await snapshot(db)).toEqual(beforeUndo);
      expect(await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM [dc].[MigrationChange];`)).toEqual(ledgerRows);
      // Not undone: the same undo still goes through afterwards.
      expect((await listRuns(db)).find((r) => r.runId === runId.toLowerCase())?.undoneBy).toBeNull();
      const again = await planRunUndo(db, runId, { force: false, meta });
      await applyRunUndo(db, again, applyOptions(again.plan, { bulkThreshold }));
    });
  });

  it('an undo leaves the three-way base as it was before the undone run', async () => {
    await withDatabase(async ({ db }) => {
      const { runId, second } = await twoRuns(db);
      const undo = await planRunUndo(db, runId, { force: false, meta });
      await applyRunUndo(db, undo, applyOptions(undo.plan));
      // Planning the second wave again (three-way, with the ledger's base) plans the second run's
      // changes once more: no kept edits, no conflicts (the undone run is no base any more).
      const actual = await readActual(db);
      const base = await readLedgerBase(db);
      expect(base).toBeDefined();
      const again = planChanges(second, actual, { ...planOptions(actual), ...(base ? { base } : {}) });
      expect(again.changes.filter((c) => c.action === 'kept')).toEqual([]);
      expect(again.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
      expect(again.changes.length).toBeGreaterThan(0);
      await applyPlan(db, again, applyOptions(again));
      expect(revealed(await readActual(db))).toEqual(revealed(second));
    });
  });
});
