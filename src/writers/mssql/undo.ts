/**
 * `undo RUN_ID` against the database (ledger.md §3): read the run, its recorded changes and the
 * target, plan the undo (writers/plan/undo.ts, pure), and apply it with `applyPlan` — one
 * transaction under the migration lock, recorded as a run with `UndoOf`. Inside the lock the
 * target is checked again: anything that changed since the undo was planned refuses it.
 */
import { ExitCode, MigrateError } from '../../model/index.js';
import type { DataCenterModel } from '../../model/index.js';
import { fingerprintModel } from '../../plan/index.js';
import { ledgerHasher } from '../../plan/index.js';
import { planUndo, type UndoOptions, type UndoPlan } from '../../plan/index.js';
import { applyPlan, type ApplyOptions, type ApplyResult } from './apply.js';
import type { Db } from './db.js';
import { ledgerExists, readLedgerKey } from './ledger.js';
import { listRuns, readRunChanges, type RunInfo } from './runs.js';
import { readActual } from './read.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RunUndo extends UndoPlan {
  run: RunInfo;
}

const refused = (code: string, message: string, hint: string): MigrateError => new MigrateError(code, message, { hint, exitCode: ExitCode.refused });

/** The run to undo, or a plain refusal: unknown, failed, already undone, or recorded without the ledger. */
export async function undoableRun(db: Db, runId: string): Promise<RunInfo> {
  const runs = UUID.test(runId) ? await listRuns(db, runId) : [];
  const run = runs[0];
  if (!run) {
    throw new MigrateError('DB_RUN_NOT_FOUND', `${db.description} has no run ${runId}`, { hint: 'list the runs with `procall-migrate runs -p FILE` and copy the id' });
  }
  if (run.status !== 'applied') {
    const what = run.status === 'failed' ? 'failed and was rolled back' : run.status === 'interrupted' ? 'was interrupted (its client stopped)' : 'has not finished (running, or interrupted)';
    throw refused('DB_RUN_NOT_UNDOABLE', `run ${run.runId} ${what}: it changed nothing, so there is nothing to undo`, 'pick an applied run from `procall-migrate runs -p FILE`');
  }
  if (run.undoneBy) {
    throw refused('DB_RUN_NOT_UNDOABLE', `run ${run.runId} was already undone by run ${run.undoneBy}`, 'undo a run only once; to bring its changes back, plan and migrate again');
  }
  // An undo is not undone in turn: the ledger's base would lose the run it brought back (the
  // rows would come back without their history). Migrating again plans them the ordinary way.
  if (run.undoOf) {
    throw refused('DB_RUN_NOT_UNDOABLE', `run ${run.runId} is the undo of run ${run.undoOf}; an undo is not undone`, `to bring run ${run.undoOf}'s changes back, plan and migrate again`);
  }
  if (run.changes === 0) {
    throw refused(
      'DB_RUN_NOT_UNDOABLE',
      `run ${run.runId} recorded no row changes in the migration ledger (applied before the ledger existed, or by a DBA script), so it cannot be undone`,
      'restore from a backup, or plan the state you want and migrate',
    );
  }
  return run;
}

/** Plans the undo of `runId` against the target as it is now. */
export async function planRunUndo(db: Db, runId: string, opts: { force: boolean; meta: Omit<UndoOptions['meta'], 'targetFingerprint'> }): Promise<RunUndo> {
  if (!(await ledgerExists(db))) {
    throw refused('DB_RUN_NOT_UNDOABLE', `${db.description} has no migration ledger yet (schema version 1): no run can be undone`, 'runs applied from this version on can be undone');
  }
  const run = await undoableRun(db, runId);
  const key = await readLedgerKey(db);
  if (!key) throw refused('DB_RUN_NOT_UNDOABLE', `${db.description} has no ledger key: no run can be undone`, 'restore from a backup');
  const actual = await readActual(db);
  const changes = await readRunChanges(db, run.runId);
  const undo = planUndo(actual, {
    runId: run.runId,
    changes,
    hash: ledgerHasher(key),
    force: opts.force,
    meta: { ...opts.meta, targetFingerprint: fingerprintModel(actual) },
  });
  // The target read is not kept: the apply reads it again under the lock (at 50,000 users two
  // copies of it were 300 MB of the undo's peak).
  return { ...undo, run };
}

/**
 * Applies a planned undo: one transaction under the lock; refused (nothing written) when the run
 * was undone meanwhile or the target changed since the undo was planned.
 */
export async function applyRunUndo(db: Db, undo: RunUndo, options: Omit<ApplyOptions, 'undoOf' | 'beforeWrite'>): Promise<ApplyResult> {
  return applyPlan(db, undo.plan, {
    ...options,
    undoOf: undo.run.runId,
    beforeWrite: async (tx, target) => {
      const again = (await listRuns(tx, undo.run.runId))[0];
      if (again?.undoneBy) throw refused('DB_RUN_NOT_UNDOABLE', `run ${undo.run.runId} was undone meanwhile by run ${again.undoneBy}; nothing was written`, 'list the runs again');
      if ((await target.fingerprint()) !== undo.plan.targetFingerprint) {
        throw new MigrateError('DB_PLAN_STALE', 'the target changed since the undo was planned; nothing was written (rolled back)', { hint: 'run the undo again' });
      }
    },
  });
}
