/**
 * The seeded fault campaign (issue 24): a sequence of commands — migrate (first wave), an admin
 * edit, a second wave that keeps it, undo of the second wave, the DBA script — each run through
 * the cutting proxy and cut once, at a named step of the run or after a seeded number of bytes,
 * on a fresh database per pass. After each cut: the database is exactly as before the command or
 * exactly as after it (compared by the whole model, secrets revealed), the ledger and the run
 * history agree with it, an attempt whose client "died" is shown interrupted, and the same
 * command run again completes. A cut in the COMMIT's round trip must be reported as
 * DB_OUTCOME_UNKNOWN and is resolved by the run after it. `runCampaign` returns the counts.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Prng } from '../../bench/prng.js';
import type { DataCenterModel } from '../../src/model/datacenter.js';
import { MigrateError } from '../../src/model/errors.js';
import type { Plan } from '../../src/model/plan.js';
import { lockIsFree } from '../../src/writers/mssql/announce.js';
import { applyPlan, type ApplyOptions } from '../../src/writers/mssql/apply.js';
import { parseConnectionString } from '../../src/writers/mssql/connection-string.js';
import { openDb, type Db } from '../../src/writers/mssql/db.js';
import { readLedgerBase } from '../../src/writers/mssql/ledger.js';
import { readActual } from '../../src/writers/mssql/read.js';
import { listRuns, shownStatus } from '../../src/writers/mssql/runs.js';
import { buildSqlScript, secretVariableValue } from '../../src/writers/mssql/script.js';
import { applyRunUndo, planRunUndo } from '../../src/writers/mssql/undo.js';
import { planChanges } from '../../src/plan/planner.js';
import { CuttingProxy } from './cutting-proxy.js';
import { MSSQL_COLLATION, MSSQL_URL, TOOL_VERSION, applyOptions, createTestDatabase, planMeta, revealed, runScript, scriptCollation, type TestDatabase } from './helpers.js';
import { desiredModel } from './model.js';

/** Where a run can be cut by name (apply.ts onStep), plus the COMMIT before it is sent and in its round trip. */
const STEPS = ['lock', 'announce', 'bootstrap', 'read', 'table', 'ledger', 'run', 'commit-before', 'commit-reply'] as const;
type Cut = { kind: 'step'; step: (typeof STEPS)[number]; nth: number; died: boolean } | { kind: 'bytes'; bytes: number; died: boolean };

export interface CampaignFigures {
  cuts: number;
  before: number;
  after: number;
  unknownThenResolved: number;
  between: number;
  interruptedShown: number;
  byStep: Record<string, number>;
  /** One line per cut that went wrong (empty when the campaign holds). */
  failures: string[];
}

const WAVE1 = (): DataCenterModel => desiredModel(['src-a', 'wa', 5, "O'Brien ]"]);
const WAVE2 = (): DataCenterModel => {
  const m = desiredModel(['src-a', 'wa', 7, "O'Brien ]"], ['src-b', 'wb', 3, 'Grüße 😀']);
  for (const u of m.UserAccount) if (u.UserName === 'wa-user-2') u.Enabled = !u.Enabled;
  return m;
};
const SOURCES = ['src-a', 'src-b'];
const ADMIN_EDIT = `UPDATE [dc].[UserAccount] SET [DisplayName] = N'Vom Admin geändert' WHERE [UserName] = N'wa-user-1';`;

/** The model as one digest (secrets revealed): "exactly as before / after" compares these. */
async function fingerprint(db: Db): Promise<string> {
  return createHash('sha256').update(JSON.stringify(revealed(await readActual(db)))).digest('hex');
}

async function plan3(db: Db, desired: DataCenterModel): Promise<Plan> {
  const actual = await readActual(db);
  const base = await readLedgerBase(db);
  return planChanges(desired, actual, { sources: SOURCES, prune: true, ...(base === undefined ? {} : { base }), decisions: [], overwriteAdminEdits: false, meta: planMeta(SOURCES, actual) });
}

interface Op {
  name: 'wave1' | 'wave2' | 'undo' | 'script';
  /** Runs the command on `conn` (through the proxy); returns the run id it records. */
  run(conn: Db, direct: Db, extra: Partial<ApplyOptions>): Promise<string | undefined>;
  /** Whether the command's effect is there (its run applied), read directly. */
  done(direct: Db): Promise<boolean>;
}

interface PassState {
  scriptRun: string;
  /** The run id the command's last attempt used (known before it writes). */
  lastRun?: string;
}

function ops(state: PassState): Op[] {
  const migrate = (name: 'wave1' | 'wave2', desired: () => DataCenterModel): Op => ({
    name,
    async run(conn, direct, extra) {
      const p = await plan3(direct, desired());
      if (p.diagnostics.some((d) => d.severity === 'error')) throw new Error(`${name}: plan refused: ${p.diagnostics.map((d) => d.code).join()}`);
      if (!p.changes.some((c) => c.action !== 'kept')) return undefined;
      const o = applyOptions(p, { bulkThreshold: 3, ...extra });
      state.lastRun = o.runId;
      await applyPlan(conn, p, o);
      return o.runId;
    },
    async done(direct) {
      const p = await plan3(direct, desired());
      return !p.changes.some((c) => c.action !== 'kept');
    },
  });
  return [
    migrate('wave1', WAVE1),
    migrate('wave2', WAVE2),
    {
      name: 'undo',
      async run(conn, direct, extra) {
        const target = (await listRuns(direct)).filter((r) => r.status === 'applied' && !r.undoOf && !r.undoneBy).pop();
        if (!target) return undefined;
        const undo = await planRunUndo(direct, target.runId, { force: false, meta: { toolVersion: TOOL_VERSION, project: { path: '/tests/p.yaml', sha256: '0'.repeat(64) } } });
        const o = applyOptions(undo.plan, { bulkThreshold: 3, ...extra });
        state.lastRun = o.runId;
        await applyRunUndo(conn, undo, o);
        return o.runId;
      },
      async done(direct) {
        return (await listRuns(direct)).some((r) => r.status === 'applied' && r.undoOf !== null);
      },
    },
    {
      name: 'script',
      async run(conn, direct) {
        const p = await plan3(direct, WAVE2());
        state.lastRun = state.scriptRun;
        const built = buildSqlScript(p, { planDigest: 'a'.repeat(64), sourceDigest: 'b'.repeat(64), runId: state.scriptRun, batchSize: 5, ...scriptCollation() });
        await runScript(conn, built.sql, new Map(built.variables.map((v) => [v.name, secretVariableValue(v.value.reveal())])));
        return state.scriptRun;
      },
      async done(direct) {
        return (await listRuns(direct)).some((r) => r.runId === state.scriptRun && r.status === 'applied');
      },
    },
  ];
}

function pickCut(rng: Prng, op: Op['name'], bytes: number): Cut {
  const died = rng.next() < 0.5;
  // The script is batches over one connection, no run steps: bytes only.
  if (op === 'script' || rng.next() < 0.4) return { kind: 'bytes', bytes: Math.floor(rng.next() * Math.max(1, bytes)), died };
  const step = STEPS[Math.floor(rng.next() * STEPS.length)] as (typeof STEPS)[number];
  return { kind: 'step', step, nth: 1 + Math.floor(rng.next() * 3), died };
}

/** Whether the history agrees with the tables: ledger rows only for applied runs; the op's run applied iff its effect is there. */
async function historyAgrees(direct: Db, runId: string | undefined, applied: boolean): Promise<string | undefined> {
  const ledger = await direct.query<{ id: number | null }>(`SELECT OBJECT_ID(N'[dc].[MigrationChange]', N'U') AS id;`);
  if (ledger[0]?.id == null) return applied ? 'the effect is there but the ledger is not' : undefined;
  const orphans = await direct.query<{ n: number }>(
    `SELECT COUNT(*) AS n FROM [dc].[MigrationChange] AS c INNER JOIN [dc].[MigrationRun] AS r ON r.[RunId] = c.[RunId] WHERE r.[Status] <> N'applied';`,
  );
  if (Number(orphans[0]?.n ?? 0) !== 0) return 'ledger rows of a run that is not applied';
  if (runId === undefined) return undefined;
  const run = (await listRuns(direct, runId))[0];
  if (applied && run?.status !== 'applied') return `the effect is there but run ${runId} is ${run?.status ?? 'missing'}`;
  if (!applied && run?.status === 'applied') return `run ${runId} is applied but the database is as before`;
  return undefined;
}

/** Connects to the test database through the proxy. */
function viaProxy(proxy: CuttingProxy, t: TestDatabase): Promise<Db> {
  const s = parseConnectionString(MSSQL_URL ?? '');
  return openDb({ ...s, instanceName: undefined, server: '127.0.0.1', port: proxy.port }, { database: t.name, appName: 'procall-migrate faults', connectionTimeoutMs: 10_000, requestTimeoutMs: 60_000, bulkBatchRows: 4, ...(MSSQL_COLLATION === undefined ? {} : { collation: MSSQL_COLLATION }) });
}

/** Runs `cuts` cuts (at least), seeded; a pass is a fresh database and the four commands. */
export async function runCampaign(cuts: number, seed: number, log: (line: string) => void = () => {}): Promise<CampaignFigures> {
  const rng = new Prng(seed);
  const s = parseConnectionString(MSSQL_URL ?? '');
  const proxy = await CuttingProxy.start({ host: s.server === '(local)' ? '127.0.0.1' : s.server, port: s.port ?? 1433 });
  const figures: CampaignFigures = { cuts: 0, before: 0, after: 0, unknownThenResolved: 0, between: 0, interruptedShown: 0, byStep: {}, failures: [] };
  const bytes: Record<string, number> = {};
  try {
    for (let pass = 0; figures.cuts < cuts; pass++) {
      const t = await createTestDatabase();
      const state: PassState = { scriptRun: randomUUID() };
      try {
        for (const op of ops(state)) {
          if (op.name === 'wave2') await t.db.execute(ADMIN_EDIT);
          const before = await fingerprint(t.db);
          const conn = await viaProxy(proxy, t);
          proxy.reset();
          // Pass 0 measures each command's bytes; every later pass cuts each command once.
          const cut = pass === 0 ? undefined : pickCut(rng, op.name, bytes[op.name] ?? 0);
          const seen: Record<string, number> = {};
          const onStep = (name: string): void => {
            if (cut?.kind !== 'step') return;
            const key = name.startsWith('table:') ? 'table' : name === 'commit' ? 'commit' : name;
            seen[key] = (seen[key] ?? 0) + 1;
            const wanted = cut.step === 'commit-before' || cut.step === 'commit-reply' ? 'commit' : cut.step;
            if (key !== wanted || seen[key] !== (key === 'table' ? cut.nth : 1)) return;
            if (cut.step === 'commit-reply') proxy.arm({ afterNextPacket: true, refuseAfterCut: cut.died });
            else proxy.cutNow(cut.died);
          };
          if (cut?.kind === 'bytes') proxy.arm({ afterBytes: cut.bytes, refuseAfterCut: cut.died });
          let error: unknown;
          delete state.lastRun;
          try {
            await op.run(conn, t.db, { onStep, lockTimeoutMs: 15_000 });
          } catch (e) {
            error = e;
          }
          await conn.close().catch(() => {});
          if (pass === 0) {
            if (error) throw error;
            bytes[op.name] = proxy.bytes;
            continue;
          }
          const fired = proxy.cut;
          proxy.reset();
          if (!fired) {
            if (error) figures.failures.push(`pass ${pass} ${op.name}: failed without a cut: ${(error as Error).message}`);
            continue;
          }
          figures.cuts++;
          const label = cut?.kind === 'step' ? cut.step : 'bytes';
          figures.byStep[label] = (figures.byStep[label] ?? 0) + 1;
          const unknown = error instanceof MigrateError && error.code === 'DB_OUTCOME_UNKNOWN';
          // The state right after the cut: exactly before or exactly after.
          const now = await fingerprint(t.db);
          const doneNow = await op.done(t.db);
          const applied = doneNow && now !== before;
          const what = `pass ${pass} ${op.name} cut ${JSON.stringify(cut)}`;
          if (now !== before && !doneNow) {
            figures.between++;
            figures.failures.push(`${what}: the database is neither as before nor as after`);
          }
          if (cut?.kind === 'step' && cut.step === 'commit-reply' && error && !unknown) {
            figures.failures.push(`${what}: a cut in the COMMIT's round trip was reported as ${(error as MigrateError).code ?? (error as Error).message}, not DB_OUTCOME_UNKNOWN`);
          }
          const disagrees = await historyAgrees(t.db, state.lastRun, op.name === 'script' ? doneNow : applied);
          if (disagrees) figures.failures.push(`${what}: ${disagrees}`);
          // A client that died left its announcement unfinished: `runs` shows it interrupted.
          const runs = await listRuns(t.db);
          const statuses = shownStatus(runs, await lockIsFree(t.db));
          const shown = runs.filter((r, i) => r.status === 'started' && statuses[i] === 'interrupted');
          figures.interruptedShown += shown.length;
          // The same command again completes, and says once what it found interrupted.
          const notes: string[] = [];
          const again = await viaProxy(proxy, t);
          try {
            if (!(await op.done(t.db))) await op.run(again, t.db, { lockTimeoutMs: 15_000, onInterrupted: (n) => notes.push(...n) });
          } catch (e) {
            figures.failures.push(`${what}: running it again failed: ${(e as Error).message}`);
          } finally {
            await again.close().catch(() => {});
          }
          if (!(await op.done(t.db))) figures.failures.push(`${what}: running it again did not complete it`);
          for (const r of shown) {
            if (op.name !== 'script' && notes.length > 0 && !notes.some((n) => n.includes(r.runId))) figures.failures.push(`${what}: the next run did not say that run ${r.runId} was interrupted`);
          }
          if (unknown) figures.unknownThenResolved++;
          else if (applied) figures.after++;
          else figures.before++;
          log(`${what}: ${unknown ? 'unknown, resolved' : applied ? 'after' : 'before'}${shown.length > 0 ? ', shown interrupted' : ''}`);
        }
      } finally {
        await t.drop().catch(() => {});
      }
      if (pass > 0 && pass > cuts * 2) break;
    }
  } finally {
    await proxy.close();
  }
  return figures;
}

/** The figures as one line for the report (`npm run faults`). */
export function describeFigures(f: CampaignFigures): string {
  return `cuts ${f.cuts}: before ${f.before}, after ${f.after}, unknown-then-resolved ${f.unknownThenResolved}, between ${f.between}; interrupted attempts shown ${f.interruptedShown}; by step ${JSON.stringify(f.byStep)}`;
}

