/**
 * Concurrent consultants and a client that dies (issue 24), and where SQL Server and Babelfish
 * differ (issue 21): the lock's scope, the lock-holder views, the case of catalog names. Each
 * difference is read from the server and named in the test; the code must hold on both.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyModel } from '../../src/model/datacenter.js';
import { MigrateError } from '../../src/model/errors.js';
import { lockIsFree } from '../../src/writers/mssql/announce.js';
import { applyPlan } from '../../src/writers/mssql/apply.js';
import { parseConnectionString } from '../../src/writers/mssql/connection-string.js';
import { openDb } from '../../src/writers/mssql/db.js';
import { acquireApplyLock, LOCK_RESOURCE } from '../../src/writers/mssql/lock.js';
import { readActual } from '../../src/writers/mssql/read.js';
import { listRuns, shownStatus } from '../../src/writers/mssql/runs.js';
import { renderRuns, runsJson } from '../../src/cli/commands/runs.js';
import { fingerprintModel } from '../../src/plan/digest.js';
import { CuttingProxy } from './cutting-proxy.js';
import { MSSQL_COLLATION, MSSQL_URL, applyOptions, plan, revealed, waitForServer, withDatabase } from './helpers.js';
import { desiredModel } from './model.js';

/** Which server this is: Babelfish answers @@VERSION with its name. */
async function isBabelfish(db: { query: <T>(s: string) => Promise<T[]> }): Promise<boolean> {
  const v = await db.query<{ v: string }>('SELECT @@VERSION AS v;');
  return /babelfish/i.test(v[0]?.v ?? '');
}

describe.skipIf(!MSSQL_URL)('concurrent runs, a dying client, and server differences (real server)', () => {
  beforeAll(() => waitForServer());

  it('two migrates of the same project started together: exactly one writes, the other refuses naming the holder or finds its plan stale', async () => {
    await withDatabase(async ({ db, open }) => {
      const other = await open('procall-migrate second consultant');
      const desired = desiredModel(['src-a', 'wa', 6]);
      const p = plan(desired, emptyModel(), ['src-a']);
      const [a, b] = await Promise.allSettled([
        applyPlan(db, p, applyOptions(p, { operator: 'anna', lockTimeoutMs: 300 })),
        applyPlan(other, p, applyOptions(p, { operator: 'bernd', lockTimeoutMs: 300 })),
      ]);
      const results = [a, b];
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(MigrateError);
      const e = refused.reason as MigrateError;
      // It waited up to its timeout and was refused, naming the run that holds the lock; or it got
      // the lock after the first finished and found the rows already there (its plan is stale).
      expect(['DB_LOCKED', 'DB_PLAN_STALE']).toContain(e.code);
      if (e.code === 'DB_LOCKED') expect(e.message).toMatch(/run [0-9a-f-]{36}|anna|bernd/);
      expect(revealed(await readActual(db))).toEqual(revealed(desired));
      expect((await listRuns(db)).filter((r) => r.status === 'applied')).toHaveLength(1);
    });
  });

  it('a second run waits for the lock up to its timeout and then goes through (no deadlock)', async () => {
    await withDatabase(async ({ db, open }) => {
      const other = await open('procall-migrate waiting run');
      const first = plan(desiredModel(['src-a', 'wa', 3]), emptyModel(), ['src-a']);
      await applyPlan(db, first, applyOptions(first));
      const bPlan = plan(desiredModel(['src-a', 'wa', 3], ['src-b', 'wb', 3]), await readActual(db), ['src-a', 'src-b']);
      let release: () => void = () => {};
      const held = new Promise<void>((r) => (release = r));
      let writing: () => void = () => {};
      const started = new Promise<void>((r) => (writing = r));
      // Run A pauses inside its write transaction; B starts meanwhile and must wait, not fail.
      const cPlan = plan(desiredModel(['src-a', 'wa', 3], ['src-c', 'wc', 2]), await readActual(db), ['src-a', 'src-c']);
      const runA = applyPlan(db, cPlan, applyOptions(cPlan, { onStep: async (s) => (s === 'read' ? (writing(), await held) : undefined) }));
      await started;
      const runB = applyPlan(other, bPlan, applyOptions(bPlan, { lockTimeoutMs: 60_000 }));
      await new Promise((r) => setTimeout(r, 300));
      release();
      await Promise.all([runA, runB]);
      const users = (await readActual(db)).UserAccount.map((u) => u.UserName).sort();
      expect(users).toEqual(['wa-user-0', 'wa-user-1', 'wa-user-2', 'wb-user-0', 'wb-user-1', 'wb-user-2', 'wc-user-0', 'wc-user-1']);
    });
  });

  it('migrate next to undo: exactly one writes; nothing partial', async () => {
    await withDatabase(async ({ db, open }) => {
      const other = await open('procall-migrate undo');
      const p1 = plan(desiredModel(['src-a', 'wa', 4]), emptyModel(), ['src-a']);
      const o1 = applyOptions(p1);
      await applyPlan(db, p1, o1);
      const { planRunUndo, applyRunUndo } = await import('../../src/writers/mssql/undo.js');
      const undo = await planRunUndo(other, o1.runId, { force: false, meta: { toolVersion: '0.0.0-test', project: { path: '/t.yaml', sha256: '0'.repeat(64) } } });
      const p2 = plan(desiredModel(['src-a', 'wa', 6]), await readActual(db), ['src-a']);
      const [m, u] = await Promise.allSettled([
        // What migrate does inside the lock (pipeline: refuseChangedTarget): a changed target refuses.
        applyPlan(db, p2, applyOptions(p2, { lockTimeoutMs: 300, beforeWrite: async (tx) => {
          if (fingerprintModel(await readActual(tx)) !== p2.targetFingerprint) throw new MigrateError('DB_PLAN_STALE', 'the target changed since the plan');
        } })),
        applyRunUndo(other, undo, applyOptions(undo.plan, { lockTimeoutMs: 300 })),
      ]);
      const wrote = [m, u].filter((r) => r.status === 'fulfilled');
      expect(wrote).toHaveLength(1);
      const loser = [m, u].find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(['DB_LOCKED', 'DB_PLAN_STALE']).toContain((loser.reason as MigrateError).code ?? (loser.reason as Error).message);
      const now = revealed(await readActual(db));
      if (m.status === 'fulfilled') expect(now).toEqual(revealed(desiredModel(['src-a', 'wa', 6])));
      else expect(now).toEqual(revealed(emptyModel()));
    });
  });

  it('a client killed mid-run leaves its attempt: `runs` shows it interrupted (text and JSON), the next run says so once', async () => {
    await withDatabase(async ({ db, name }) => {
      const s = parseConnectionString(MSSQL_URL ?? '');
      const proxy = await CuttingProxy.start({ host: s.server, port: s.port ?? 1433 });
      try {
        const conn = await openDb({ ...s, instanceName: undefined, server: '127.0.0.1', port: proxy.port }, { database: name, ...(MSSQL_COLLATION === undefined ? {} : { collation: MSSQL_COLLATION }) });
        const p = plan(desiredModel(['src-a', 'wa', 4]), emptyModel(), ['src-a']);
        const killed = applyOptions(p, { operator: 'consultant@laptop', onStep: (step) => (step === 'table:UserAccount' ? proxy.cutNow(true) : undefined) });
        await expect(applyPlan(conn, p, killed)).rejects.toBeDefined();
        await conn.close().catch(() => {});
        // Nothing was changed…
        expect(revealed(await readActual(db))).toEqual(revealed(emptyModel()));
        // …and the attempt is there: announced, never finished, its lock free.
        const runs = await listRuns(db);
        expect(runs.map((r) => [r.runId, r.status])).toEqual([[killed.runId.toLowerCase(), 'started']]);
        expect(runs[0]?.operator).toBe('consultant@laptop');
        expect(runs[0]?.host).toBeTruthy();
        const statuses = shownStatus(runs, await lockIsFree(db));
        expect(statuses).toEqual(['interrupted']);
        const text = renderRuns(runs, statuses);
        expect(text).toContain('interrupted');
        expect(text).toContain('nothing was changed');
        expect(text).toContain('consultant@laptop');
        expect(runsJson(runs, statuses)).toEqual([
          expect.objectContaining({ runId: killed.runId.toLowerCase(), status: 'interrupted', changed: false, operator: 'consultant@laptop', note: expect.stringContaining('nothing was changed') }),
        ]);

        const notes: string[] = [];
        const next = applyOptions(p, { onInterrupted: (n) => notes.push(...n) });
        await applyPlan(db, p, next);
        expect(notes).toHaveLength(1);
        expect(notes[0]).toContain(killed.runId.toLowerCase());
        expect(notes[0]).toContain('nothing was changed');
        // Said once: the run after finds nothing to say.
        const again: string[] = [];
        const p2 = plan(desiredModel(['src-a', 'wa', 5]), await readActual(db), ['src-a']);
        await applyPlan(db, p2, applyOptions(p2, { onInterrupted: (n) => again.push(...n) }));
        expect(again).toEqual([]);
        const after = await listRuns(db);
        expect(after.map((r) => r.status)).toEqual(['interrupted', 'applied', 'applied']);
      } finally {
        await proxy.close();
      }
    });
  });

  it('names the holder of the lock on either server (lock views on SQL Server, the announcement on Babelfish)', async () => {
    await withDatabase(async ({ db, open }) => {
      const other = await open('procall-migrate other');
      const p = plan(desiredModel(['src-a', 'wa', 2]), emptyModel(), ['src-a']);
      let release: () => void = () => {};
      const held = new Promise<void>((r) => (release = r));
      let inside: () => void = () => {};
      const reached = new Promise<void>((r) => (inside = r));
      const holder = applyOptions(p, { operator: 'anna', onStep: async (s) => (s === 'read' ? (inside(), await held) : undefined) });
      const running = applyPlan(db, p, holder);
      await reached;
      const error = (await applyPlan(other, p, applyOptions(p, { lockTimeoutMs: 200 })).catch((e: unknown) => e)) as MigrateError;
      expect(error.code).toBe('DB_LOCKED');
      expect(error.message).not.toContain('the holder is unknown');
      expect(error.message).toContain(holder.runId);
      // While it runs, `runs` shows it running, not interrupted.
      const runs = await listRuns(other);
      expect(shownStatus(runs, await lockIsFree(other))).toEqual(['running']);
      release();
      await running;
    });
  });

  it('the lock is per database on both servers; a bare resource is per server on Babelfish only (the difference, named)', async () => {
    await withDatabase(async (a) => {
      await withDatabase(async (b) => {
        const babelfish = await isBabelfish(a.db);
        // The difference: the same applock resource taken in database A, tried in database B.
        const bare = await a.db.transaction(async (txA) => {
          await txA.query(`DECLARE @r int; EXEC @r = sp_getapplock @Resource = N'${LOCK_RESOURCE}', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 0; SELECT @r AS r;`);
          return b.db.transaction(async (txB) => {
            // A wait of 100 ms, not 0: Babelfish answers a busy lock with timeout 0 by -999
            // ("called wrongly") instead of -1, another difference the lock code allows for.
            const rows = await txB.query<{ r: number }>(`DECLARE @r int; EXEC @r = sp_getapplock @Resource = N'${LOCK_RESOURCE}', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 100; SELECT @r AS r;`);
            return Number(rows[0]?.r);
          });
        });
        // SQL Server: per database (granted, 0); Babelfish: per server (timed out, -1).
        expect(bare).toBe(babelfish ? -1 : 0);
        // Ours names the database: a run in B goes through while A holds its lock.
        await a.db.transaction(async (txA) => {
          await acquireApplyLock(txA, { holderInfo: 'alice run 1' });
          const p = plan(desiredModel(['src-a', 'wa', 2]), emptyModel(), ['src-a']);
          await applyPlan(b.db, p, applyOptions(p, { lockTimeoutMs: 500 }));
        });
        expect((await readActual(b.db)).UserAccount).toHaveLength(2);
      });
    });
  });

  it('reads catalog names in any case (SQL Server keeps them as written, Babelfish in lower case)', async () => {
    await withDatabase(async ({ db }) => {
      const p = plan(desiredModel(['src-a', 'wa', 1]), emptyModel(), ['src-a']);
      await applyPlan(db, p, applyOptions(p));
      const rows = await db.query<{ name: string }>(`SELECT [name] FROM sys.columns WHERE [object_id] = OBJECT_ID(N'[dc].[MigrationRun]', N'U') AND LOWER([name]) = N'undoof';`);
      const babelfish = await isBabelfish(db);
      // The difference, named: the column was created as [UndoOf]; SQL Server shows it so, Babelfish
      // may show it in lower case. Either way it is found by its lower-case name.
      if (babelfish) expect(rows[0]?.name.toLowerCase()).toBe('undoof');
      else expect(rows[0]?.name).toBe('UndoOf');
      // The code compares in lower case: the run's columns are found either way.
      expect((await listRuns(db))[0]?.host).toBeTruthy();
    });
  });
});
