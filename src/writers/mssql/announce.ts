/**
 * A run is announced before it writes (issue 24): so that an attempt leaves a trace even when the
 * client dies with it (laptop asleep, VPN gone, `kill -9`), the run first takes the migration
 * lock as a *session* lock on its own connection, then records itself in `dc.MigrationRun` with
 * Status `started` in a short transaction of its own (when, who, from which host), and only then
 * opens the write transaction, which finishes the same row (`applied`) in its last statement.
 * A rolled-back run marks its row `failed`.
 *
 * Because a live run holds the session lock from before its announcement until after its finish,
 * a `started` row whose lock is free belongs to a run that died: it changed nothing (its write
 * transaction never committed, or its row would say `applied`). The next run, holding the lock,
 * marks such rows `interrupted` and reports them once; `runs` shows them as interrupted.
 */
import { MigrateError } from '../../model/index.js';
import type { Plan } from '../../model/index.js';
import { assertNotNewer, readSchemaVersion } from './bootstrap.js';
import type { Db } from './db.js';
import { createRunTableSql, createSchemaSql } from './ddl.js';
import { DECLARE_LOCK_RESOURCE, LOCK_RESULTS, lockedError, lockWaitMs } from './lock.js';
import { describeAnnounced, startedRuns, type InterruptedRun } from './run-history.js';
import { quoteIdent, tableRef, TEXT_COLLATION } from './sql-names.js';
import { MIGRATION_RUN_COLUMNS, runRowParams } from './statements.js';

export interface RunHead {
  runId: string;
  startedAt: Date;
  operator: string;
  toolVersion: string;
  sourceDigest: string;
  planDigest: string;
}

/**
 * Takes the migration lock for the session (`session` must be one connection: Db.session). Waits
 * up to `timeoutMs` for a run that holds it, then refuses with DB_LOCKED naming the holder: from
 * the server's lock views where it shows them (SQL Server), else from the holder's announcement
 * (Babelfish has no sys.dm_tran_locks).
 */
export async function takeSessionLock(session: Db, timeoutMs: number, holderInfo: string): Promise<void> {
  const rows = await session.query<{ result: number }>(
    `${DECLARE_LOCK_RESOURCE}
DECLARE @result int;
EXEC @result = sp_getapplock @Resource = @pm_resource, @LockMode = N'Exclusive', @LockOwner = N'Session', @LockTimeout = @timeout, @DbPrincipal = N'public';
SELECT @result AS result;`,
    { timeout: { type: 'int', value: lockWaitMs(timeoutMs) } },
  );
  const result = Number(rows[0]?.result ?? -999);
  if (result >= 0) {
    // CONTEXT_INFO names this run to a blocked one on SQL Server (sys.dm_exec_sessions).
    await session
      .execute(`DECLARE @ci varbinary(128) = CAST(@info AS varbinary(128)); SET CONTEXT_INFO @ci;`, { info: { type: 'nvarchar(64)', value: holderInfo.slice(0, 64) } })
      .catch(() => {});
    return;
  }
  if (result !== -1) {
    throw new MigrateError('DB_LOCK_FAILED', `the migration lock on ${session.description} ${LOCK_RESULTS[result] ?? `failed (${result})`}`, { hint: 'run the command again', meta: { result } });
  }
  throw await lockedError(session);
}

/** Releases the session lock (a closed connection releases it too). */
export async function releaseSessionLock(session: Db): Promise<void> {
  await session.execute(`${DECLARE_LOCK_RESOURCE}\nEXEC sp_releaseapplock @Resource = @pm_resource, @LockOwner = N'Session', @DbPrincipal = N'public';`);
}

/** Whether the migration lock is free right now (taken and given back at once, nothing written). */
export async function lockIsFree(db: Db): Promise<boolean> {
  let free = false;
  await db
    .transaction(async (tx) => {
      const rows = await tx.query<{ result: number }>(
        `${DECLARE_LOCK_RESOURCE}
DECLARE @result int;
EXEC @result = sp_getapplock @Resource = @pm_resource, @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 1, @DbPrincipal = N'public';
SELECT @result AS result;`,
      );
      free = Number(rows[0]?.result ?? -1) >= 0;
      // Roll back: nothing was written, and the lock goes at once.
      throw new Error('rollback');
    })
    .catch(() => {});
  return free;
}

/**
 * Announces the run (holding the session lock): makes the run table when there is none (schema
 * `dc` and dc.MigrationRun only — history, not data), marks every earlier unfinished run
 * `interrupted`, and records this one as `started`. Returns the interrupted runs it found.
 */
export async function announceRun(
  session: Db,
  plan: Pick<Plan, 'sources' | 'summary'>,
  head: RunHead,
  collation?: string,
  relock?: (tx: Db) => Promise<void>,
): Promise<InterruptedRun[]> {
  return session.transaction(async (tx) => {
    // The lock on this very connection (a pool may have replaced a broken one since it was taken).
    if (relock) await relock(tx);
    // A database of a newer tool is neither read nor written, not even its run history.
    assertNotNewer(await readSchemaVersion(tx), tx.description);
    await tx.execute(createSchemaSql());
    for (const statement of createRunTableSql(collation ?? session.collation ?? TEXT_COLLATION)) await tx.execute(statement);
    const interrupted = await startedRuns(tx);
    if (interrupted.length > 0) {
      await tx.execute(`UPDATE ${tableRef('MigrationRun')} SET [Status] = N'interrupted', [Error] = N'interrupted: the client stopped before the run finished; nothing was changed' WHERE [Status] = N'started';`);
    }
    const params = runRowParams(plan, { ...head, finishedAt: null, status: 'started', error: null });
    const columns = [...MIGRATION_RUN_COLUMNS.map(quoteIdent), '[Host]'];
    await tx.execute(
      `INSERT INTO ${tableRef('MigrationRun')} (${columns.join(', ')})\nVALUES (${MIGRATION_RUN_COLUMNS.map((c) => `@${c}`).join(', ')}, HOST_NAME());`,
      params,
    );
    return interrupted;
  });
}

/** One sentence per interrupted attempt, for the next run to say once. */
export function interruptedNote(r: InterruptedRun): string {
  return `an earlier attempt was interrupted: ${describeAnnounced(r)}; nothing was changed by it`;
}
