/**
 * The migration lock: one `sp_getapplock` (Exclusive, owned by the transaction) per database, so
 * two runs can never interleave their writes. It is released by COMMIT or ROLLBACK, so a crashed
 * run cannot leave it behind. Who holds it is read from the server itself
 * (sys.dm_tran_locks + sys.dm_exec_sessions: host, program, login, since when) plus the holder's
 * CONTEXT_INFO, which a run sets to its operator and run id when it takes the lock.
 */
import { MigrateError } from '../../model/index.js';
import type { Db } from './db.js';
import { describeAnnounced, findAnnouncedRun } from './run-history.js';

/** The applock resource's prefix; the database's id follows (LOCK_RESOURCE_SQL). */
export const LOCK_RESOURCE = 'procall-migrate';

/**
 * The resource, per database: `procall-migrate:<DB_ID()>`. SQL Server scopes an applock to the
 * database it is taken in; Babelfish maps it onto a PostgreSQL advisory lock, which is one per
 * server (measured: a lock taken in database A blocked database B). Naming the database in the
 * resource gives both servers the same scope. Short on purpose: sys.dm_tran_locks shows at most
 * 32 characters of it (the id, not the name, which can be 128 characters).
 */
export const LOCK_RESOURCE_SQL = `N'${LOCK_RESOURCE}:' + CONVERT(nvarchar(12), DB_ID())`;

/**
 * The wait sp_getapplock is given: at least 1 ms. Babelfish answers a busy lock asked with
 * timeout 0 by -999 ("called wrongly") instead of -1 (timed out); 1 ms gives -1 on both servers.
 */
export function lockWaitMs(timeoutMs: number): number {
  return Math.max(1, Math.floor(timeoutMs));
}

/** Declares `@pm_resource` (the resource above) for a batch that takes or tests the lock. */
export const DECLARE_LOCK_RESOURCE = `DECLARE @pm_resource nvarchar(255) = ${LOCK_RESOURCE_SQL};`;
export const DEFAULT_LOCK_TIMEOUT_MS = 1000;

export interface LockHolder {
  sessionId: number;
  host: string | null;
  program: string | null;
  login: string | null;
  since: Date | null;
  /** `operator run <runId>` as the holder wrote it into CONTEXT_INFO, when it did. */
  run: string | null;
}

export interface LockOptions {
  /** How long to wait for a running migration to finish (ms). */
  timeoutMs?: number;
  /** Written into the session's CONTEXT_INFO so a blocked run can name us (64 characters at most). */
  holderInfo?: string;
}

/** sp_getapplock's result codes (0 granted, 1 granted after waiting, negative: not granted). */
export const LOCK_RESULTS: Record<number, string> = {
  [-1]: 'timed out',
  [-2]: 'was cancelled',
  [-3]: 'was chosen as a deadlock victim',
  [-999]: 'was called wrongly',
};

/** Takes the migration lock for the current transaction; throws DB_LOCKED naming the holder when another run has it. */
export async function acquireApplyLock(tx: Db, options: LockOptions = {}): Promise<void> {
  if (!tx.inTransaction) throw new Error('acquireApplyLock needs a transaction (the lock is transaction-owned)');
  const rows = await tx.query<{ result: number }>(
    `${DECLARE_LOCK_RESOURCE}
DECLARE @result int;
EXEC @result = sp_getapplock @Resource = @pm_resource, @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = @timeout, @DbPrincipal = N'public';
SELECT @result AS result;`,
    { timeout: { type: 'int', value: lockWaitMs(options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS) } },
  );
  const result = Number(rows[0]?.result ?? -999);
  if (result >= 0) {
    if (options.holderInfo) {
      // CONTEXT_INFO is visible to other sessions in sys.dm_exec_sessions (with VIEW SERVER STATE).
      await tx.execute(`DECLARE @ci varbinary(128) = CAST(@info AS varbinary(128)); SET CONTEXT_INFO @ci;`, {
        info: { type: 'nvarchar(64)', value: options.holderInfo.slice(0, 64) },
      });
    }
    return;
  }
  if (result !== -1) {
    throw new MigrateError('DB_LOCK_FAILED', `the migration lock on ${tx.description} ${LOCK_RESULTS[result] ?? `failed (${result})`}`, {
      hint: 'run the command again',
      meta: { result },
    });
  }
  // Named from the server's lock views, or from the holder's announcement (lockedError).
  throw await lockedError(tx);
}

/**
 * DB_LOCKED naming whoever holds the lock, as well as the server lets us know: from the server's
 * lock views where it shows them (SQL Server), else from the holder's announcement in the run
 * history (Babelfish has no sys.dm_tran_locks).
 */
export async function lockedError(db: Db): Promise<MigrateError> {
  const holder = await findLockHolder(db);
  let announced = holder?.run ? undefined : await findAnnouncedRun(db);
  if (!holder && !announced) {
    // The holder announces itself right after it took the lock: look once more a moment later.
    await new Promise((r) => setTimeout(r, 500));
    announced = await findAnnouncedRun(db);
  }
  const named = holder ? describeHolder(holder) : announced ? describeAnnounced(announced) : undefined;
  return new MigrateError('DB_LOCKED', `another procall-migrate run is writing to ${db.description}: ${named ?? 'the holder is unknown'}`, {
    hint: named
      ? 'wait for it to finish, then plan again (its changes may make your plan stale)'
      : 'wait for it to finish, then plan again (the holder could not be named: this login lacks VIEW SERVER STATE, or the server does not show lock holders)',
    meta: holder ? { holder } : announced ? { announced } : {},
  });
}

export function describeHolder(h: LockHolder): string {
  const parts = [
    h.run ? `run ${h.run}` : undefined,
    h.program ? `program ${h.program}` : undefined,
    h.host ? `on ${h.host}` : undefined,
    h.login ? `as ${h.login}` : undefined,
    `session ${h.sessionId}`,
    h.since ? `connected since ${h.since.toISOString()}` : undefined,
  ];
  return parts.filter((p) => p !== undefined).join(', ');
}

/** Decodes CONTEXT_INFO (UTF-16LE, zero-padded to 128 bytes). */
export function decodeContextInfo(buf: unknown): string | null {
  if (!Buffer.isBuffer(buf)) return null;
  const text = buf.toString('utf16le').replace(/\u0000+$/g, '').trim();
  return text === '' ? null : text;
}

/** The session holding our applock in this database, or undefined (none, or no permission to see it). */
export async function findLockHolder(db: Db): Promise<LockHolder | undefined> {
  try {
    const rows = await db.query<{
      session_id: number;
      host_name: string | null;
      program_name: string | null;
      login_name: string | null;
      login_time: Date | null;
      context_info: Buffer | null;
    }>(
      `SELECT TOP (1) s.session_id, s.host_name, s.program_name, s.login_name, s.login_time, s.context_info
FROM sys.dm_tran_locks AS l
INNER JOIN sys.dm_exec_sessions AS s ON s.session_id = l.request_session_id
WHERE l.resource_type = N'APPLICATION'
  AND l.resource_database_id = DB_ID()
  AND l.request_status = N'GRANT'
  AND l.request_session_id <> @@SPID
  AND CHARINDEX(N'[' + ${LOCK_RESOURCE_SQL} + N']', l.resource_description) > 0
ORDER BY s.login_time;`,
    );
    const r = rows[0];
    if (!r) return undefined;
    return {
      sessionId: r.session_id,
      host: r.host_name,
      program: r.program_name,
      login: r.login_name,
      since: r.login_time,
      run: decodeContextInfo(r.context_info),
    };
  } catch {
    return undefined;
  }
}
