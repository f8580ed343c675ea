/**
 * Applies a plan: one transaction, under the migration lock, bootstrap first, then every row
 * change (small sets as parameterised statements; many creates bulk-loaded straight into their
 * table, many updates or deletes staged through a #temp table), then a
 * `dc.MigrationRun` row with Status `applied` and one `dc.MigrationChange` per row change (the
 * ledger, ledger.md). Any error rolls everything back; afterwards,
 * outside that transaction, a `failed` MigrationRun row is recorded when the table exists.
 *
 * On a Db with sessions (a real server) the run is announced first (announce.ts): the lock is a
 * session lock on the run's own connection, the `started` row is committed before the write
 * transaction opens, and the write transaction finishes that row. A connection that breaks in the
 * COMMIT's own round trip is DB_OUTCOME_UNKNOWN, never "rolled back": the next run resolves it.
 */
import type { TableName } from '../../model/index.js';
import { tableDef } from '../../model/index.js';
import type { ProgressFn } from '../../model/index.js';
import { MigrateError } from '../../model/index.js';
import type { Plan, RowChange } from '../../model/index.js';
import { LicenseKey, maskLicenseKey, SENSITIVE_MARK, Sensitive } from '../../model/index.js';
import { bootstrap, type BootstrapResult } from './bootstrap.js';
import type { Db } from './db.js';
import { eachLedgerEntry, ensureLedgerKey, insertLedgerEntries, markRun, readRowsBefore } from './ledger.js';
import { ledgerHasher } from '../../plan/index.js';
import { writableChanges } from '../../plan/index.js';
import { quoteIdent, tableIdSql, tableRef } from './sql-names.js';
import { announceRun, interruptedNote, releaseSessionLock, takeSessionLock } from './announce.js';
import type { InterruptedRun } from './run-history.js';
import { CommitOutcomeUnknown } from './db.js';
import { readTargetFingerprint } from './read.js';
import { acquireApplyLock, DEFAULT_LOCK_TIMEOUT_MS } from './lock.js';
import {
  MIGRATION_RUN_COLUMNS,
  actionCounts,
  bulkCreateColumns,
  bulkCreateRow,
  orphanCountSql,
  changeToSql,
  deleteStageColumns,
  deleteStageRow,
  executionSteps,
  insertRunHead,
  keyText,
  runRowParams,
  stageTable,
  stagedDeleteSql,
  stagedUpdateSql,
  stepChanges,
  stepStatementCount,
  updateStageColumns,
  updateStageRow,
  type Step,
} from './statements.js';
import type { SqlParam } from './values.js';

export interface ApplyOptions {
  /** A UUID: dc.MigrationRun.RunId. */
  runId: string;
  clock: () => Date;
  operator: string;
  toolVersion: string;
  /** sha256 (hex) over the sources, and of the plan: recorded in dc.MigrationRun. */
  sourceDigest: string;
  planDigest: string;
  onProgress?: ProgressFn;
  /**
   * Tables with more updates or deletes than this are staged through a #temp table (default
   * 500), with more creates than this bulk-loaded (default 20). Tests set one number for both.
   */
  bulkThreshold?: number;
  /** How long to wait for another run's lock (ms, default 1000). */
  lockTimeoutMs?: number;
  /**
   * Runs inside the locked transaction before the first write: the place for `apply PLAN.json`
   * to check that the target still has the fingerprint the plan was made against. Throw to refuse.
   * `target.fingerprint()` reads the target's fingerprint a table at a time. Once the check has
   * passed, the rows the plan deletes are the plan's own before-images (the target is what the
   * plan was made against), so the ledger takes them from the plan instead of reading them again.
   */
  beforeWrite?: (tx: Db, target: TargetCheck) => Promise<void>;
  /** Test hook: throw after the changes of this table were written (proves the rollback). */
  failAfterTable?: TableName;
  /** This run undoes that run (`undo RUN_ID`): recorded as dc.MigrationRun.UndoOf. */
  undoOf?: string;
  /** Makes the ledger's hash key on the first apply (hex, 64 digits); default: 32 random bytes. */
  newLedgerKey?: () => string;
  /** Told (once) of earlier attempts that were interrupted: one sentence each (announce.ts). */
  onInterrupted?: (notes: string[]) => void;
  /** Test hook: called at each named step of the run (the cutting proxy of test/db cuts there). */
  onStep?: (step: string) => void | Promise<void>;
}

/** What `beforeWrite` may ask of the target inside the locked transaction. */
export interface TargetCheck {
  fingerprint(): Promise<string>;
}

export interface ApplyResult {
  runId: string;
  statements: number;
  rows: number;
  bulkTables: number;
  bootstrap: BootstrapResult;
  startedAt: Date;
  finishedAt: Date;
  /** Earlier attempts found announced and never finished (their client died): said once, by this run. */
  interrupted: InterruptedRun[];
  /** Where the apply's time went (ms, wall): shown by `migrate`, measured by `npm run bench`. */
  timings: ApplyTimings;
}

/** The apply's time by part, in milliseconds of wall time. */
export interface ApplyTimings {
  /** Session, lock, announcement, bootstrap, the target check and the rows read before writing. */
  setupMs: number;
  /** The row changes themselves (statements, staged sets, bulk loads). */
  rowsMs: number;
  /** The run's row and its dc.MigrationChange rows (the ledger's share of the write). */
  ledgerMs: number;
  /** COMMIT and closing the session. */
  commitMs: number;
  totalMs: number;
}

/** Applies the whole plan in one transaction; see the file comment. */
export async function applyPlan(db: Db, plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const clock = new Stopwatch();
  const result = await applyLocked(db, plan, options, clock);
  result.timings = clock.timings();
  return result;
}

/** Marks of the apply's parts on a monotonic clock (never the run's `clock`, which tests fix). */
class Stopwatch {
  private readonly start = performance.now();
  private marks: Partial<Record<'rows' | 'ledger' | 'commit', number>> = {};
  mark(part: 'rows' | 'ledger' | 'commit'): void {
    this.marks[part] = performance.now();
  }
  timings(): ApplyTimings {
    const end = performance.now();
    const { rows = end, ledger = end, commit = end } = this.marks;
    const ms = (a: number, b: number) => Math.round(b - a);
    return { setupMs: ms(this.start, rows), rowsMs: ms(rows, ledger), ledgerMs: ms(ledger, commit), commitMs: ms(commit, end), totalMs: ms(this.start, end) };
  }
}

async function applyLocked(db: Db, plan: Plan, options: ApplyOptions, clock: Stopwatch): Promise<ApplyResult> {
  if (!db.session) return write(db, db, plan, options, { locked: false, interrupted: [] }, clock);
  return db.session(async (session) => {
    const step = options.onStep ?? (() => {});
    const timeoutMs = options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
    await step('lock');
    await takeSessionLock(session, timeoutMs, `${options.operator} run ${options.runId}`);
    try {
      await step('announce');
      const head = { runId: options.runId, startedAt: options.clock(), operator: options.operator, toolVersion: options.toolVersion, sourceDigest: options.sourceDigest, planDigest: options.planDigest };
      // Each transaction takes the session lock again (re-entrant): if the pool replaced a broken
      // connection, the new one must hold the lock before it writes anything.
      const relock = (tx: Db) => takeSessionLock(tx, timeoutMs, `${options.operator} run ${options.runId}`);
      const interrupted = await announceRun(session, plan, head, undefined, relock);
      if (interrupted.length > 0) options.onInterrupted?.(interrupted.map(interruptedNote));
      return await write(session, db, plan, options, { locked: true, interrupted, relock }, clock);
    } finally {
      // Closing the session releases it too; releasing first lets a waiting run go at once.
      await releaseSessionLock(session).catch(() => {});
    }
  });
}

/**
 * The write transaction on `conn` (the run's session, or the Db itself); a failure is recorded
 * through `db` (another connection: the session may be what broke).
 */
async function write(
  conn: Db,
  db: Db,
  plan: Plan,
  options: ApplyOptions,
  run: { locked: boolean; interrupted: InterruptedRun[]; relock?: (tx: Db) => Promise<void> },
  clock: Stopwatch,
): Promise<ApplyResult> {
  const progress = options.onProgress ?? (() => {});
  const step = options.onStep ?? (() => {});
  const startedAt = options.clock();
  let locked = run.locked;
  let committing = false;
  try {
    return await conn.transaction(async (tx) => {
      if (run.relock) await run.relock(tx);
      if (!run.locked) {
        await acquireApplyLock(tx, { timeoutMs: options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS, holderInfo: `${options.operator} run ${options.runId}` });
        locked = true;
      }
      await step('bootstrap');
      const boot = await bootstrap(tx, { clock: options.clock, toolVersion: options.toolVersion, locked: true });
      let checked = false;
      if (options.beforeWrite) {
        await options.beforeWrite(tx, {
          fingerprint: async () => {
            const read = await readTargetFingerprint(tx);
            // Only a target found as planned lets the plan's before-images stand for its rows.
            checked ||= read === plan.targetFingerprint;
            return read;
          },
        });
      }
      // The ledger (ledger.md): the hash key, and the rows as they are before anything is written.
      await step('read');
      const hash = ledgerHasher(await ensureLedgerKey(tx, startedAt, options.newLedgerKey));
      const writable = writableChanges(plan.changes);
      const before = await readRowsBefore(tx, writable, hash, { deletesAsPlanned: checked });
      const steps = executionSteps(writable, options.bulkThreshold);
      let done = 0;
      let statements = 0;
      const total = writable.length;
      clock.mark('rows');
      for (const s of steps) {
        progress({ stage: 'apply', message: describeStep(s), done, total });
        await step(`table:${s.table}`);
        await runStep(tx, s, startedAt, (loaded, rows) =>
          progress({ stage: 'apply', message: `${describeStep(s)}: ${loaded} of ${rows} rows staged`, done, total }),
        );
        done += stepChanges(s).length;
        statements += stepStatementCount(s);
        if (options.failAfterTable === s.table) {
          throw new MigrateError('DB_APPLY_FAILED', `failure injected after dc.${s.table} (failAfterTable); everything was rolled back`, {
            meta: { table: s.table },
          });
        }
      }
      progress({ stage: 'apply', message: 'recording the run', done, total });
      clock.mark('ledger');
      await step('run');
      const finishedAt = options.clock();
      await recordRun(tx, plan, options, { startedAt, finishedAt, status: 'applied', error: null });
      await markRun(tx, options.runId, options.undoOf);
      progress({ stage: 'apply', message: 'recording the row changes in the ledger', done, total });
      await step('ledger');
      await insertLedgerEntries(tx, options.runId, eachLedgerEntry(plan, before, hash), (loaded) =>
        progress({ stage: 'apply', message: `recording the row changes in the ledger: ${loaded} of ${total}`, done, total }),
      );
      await step('commit');
      clock.mark('commit');
      committing = true;
      return {
        runId: options.runId,
        statements,
        rows: total,
        bulkTables: steps.filter((s) => s.kind !== 'rows').length,
        bootstrap: boot,
        startedAt,
        finishedAt,
        interrupted: run.interrupted,
        timings: clock.timings(),
      };
    });
  } catch (error) {
    if (error instanceof CommitOutcomeUnknown || (committing && !(error instanceof MigrateError))) {
      throw new MigrateError(
        'DB_OUTCOME_UNKNOWN',
        `the connection to ${db.description} broke while run ${options.runId} was committing: the database has either all of its changes or none, and this client cannot know which`,
        { hint: 'run `procall-migrate runs -p FILE`: the run shows as applied (it committed) or interrupted (nothing was changed); the next migrate resolves it either way', meta: { runId: options.runId } },
      );
    }
    const failure = asApplyError(error);
    if (locked && failure.code !== 'DB_SCHEMA_NEWER') {
      await recordFailedRun(db, plan, options, startedAt, failure).catch(() => {
        // Best effort: the failure itself is what the user must see (an unfinished announcement
        // is shown as interrupted instead).
      });
    }
    throw failure;
  }
}

function describeStep(step: Step): string {
  return `dc.${step.table}: ${actionCounts(stepChanges(step))}${step.kind === 'rows' ? '' : ' (bulk)'}`;
}

function stale(table: TableName, message: string, sqlError?: number): MigrateError {
  return new MigrateError('DB_PLAN_STALE', `dc.${table}: ${message}; nothing was changed (rolled back)`, {
    hint: 'the target changed since the plan was made: plan again',
    // The failed run's record names the table (and the server's error): recordFailedRun.
    meta: sqlError === undefined ? { table } : { table, sqlError },
  });
}

function expectAffected(table: TableName, actual: number, expected: number, what: string): void {
  if (actual !== expected) throw stale(table, `${what}: expected ${expected} row(s), the database had ${actual}`);
}

async function runStep(tx: Db, step: Step, now: Date, onBatch?: (loaded: number, total: number) => void): Promise<void> {
  try {
    switch (step.kind) {
      case 'rows':
        for (const change of step.changes) {
          const statement = changeToSql(change, { now });
          const affected = await tx.execute(statement.sql, statement.params);
          if (affected !== 1) {
            throw stale(step.table, `row ${keyText(change)} ${change.action === 'create' ? 'already exists' : 'is not there'} (${change.action})`);
          }
        }
        return;
      case 'stagedUpdate': {
        const def = tableDef(step.table);
        const stage = stageTable(step.table, 'update');
        await tx.bulkLoad(stage, updateStageColumns(def), step.updates.map((c) => updateStageRow(def, c)), onBatch);
        const changed = [...new Set(step.updates.flatMap((c) => Object.keys(c.changes ?? {})))];
        const s = stagedUpdateSql(def, changed);
        expectAffected(step.table, await tx.execute(s.sql, s.params), step.updates.length, 'staged updates');
        await tx.dropTemp(stage);
        return;
      }
      case 'bulkCreate': {
        const def = tableDef(step.table);
        const rows = (function* () {
          for (const c of step.creates) yield bulkCreateRow(def, c, now);
        })();
        let loaded: number;
        try {
          loaded = await tx.bulkInsert(tableRef(step.table), bulkCreateColumns(def), rows, (n) => onBatch?.(n, step.creates.length));
        } catch (error) {
          // A row the plan creates is there already (its key, or a unique value): the target
          // changed since the plan was read. The load fails as a whole, and so does the run.
          const number = sqlErrorNumber(error);
          if (number === 2627 || number === 2601) {
            throw stale(step.table, `a row it creates is there already (${scrubSecrets(String((error as Error).message ?? error), step.creates)})`, number);
          }
          throw error;
        }
        expectAffected(step.table, loaded, step.creates.length, 'bulk creates');
        const orphans = (await bulkSkipsForeignKeys(tx)) ? orphanCountSql(def) : null;
        if (orphans) {
          const counts = (await tx.query<Record<string, number>>(orphans))[0] ?? {};
          const broken = Object.entries(counts).filter(([, n]) => Number(n) > 0);
          if (broken.length > 0) {
            throw new MigrateError(
              'DB_APPLY_FAILED',
              `writing dc.${step.table} failed: ${broken.map(([col, n]) => `${n} row(s) of the table have a ${col} that no row of dc.${def.columns.find((c) => c.name === col)?.references?.split('.')[0] ?? '?'} has`).join('; ')}; nothing was changed (rolled back)`,
              {
                hint: 'the target changed since the plan was made, or it already held such rows (run `procall-migrate verify -p FILE`): plan again',
                meta: { table: step.table },
              },
            );
          }
        }
        return;
      }
      case 'stagedDelete': {
        const def = tableDef(step.table);
        const stage = stageTable(step.table, 'delete');
        await tx.bulkLoad(stage, deleteStageColumns(def), step.deletes.map((c) => deleteStageRow(def, c)), onBatch);
        const s = stagedDeleteSql(def);
        expectAffected(step.table, await tx.execute(s.sql, s.params), step.deletes.length, 'staged deletes');
        await tx.dropTemp(stage);
        return;
      }
      default: {
        const _exhaustive: never = step;
        return _exhaustive;
      }
    }
  } catch (error) {
    if (error instanceof MigrateError) throw error;
    const changes = stepChanges(step);
    const e = error as { message?: string };
    const sqlNumber = sqlErrorNumber(error);
    const detail = scrubSecrets(String(e.message ?? error), changes);
    // The driver's error (and its precedingErrors) still quote the server's unscrubbed message:
    // it is not attached as `cause`, so nothing that prints causes can show a secret.
    const cause = Object.assign(new Error(detail), { name: 'SqlError', number: sqlNumber });
    throw new MigrateError('DB_APPLY_FAILED', `writing dc.${step.table} failed: ${detail}; nothing was changed (rolled back)`, {
      cause,
      meta: sqlNumber === undefined ? { table: step.table } : { table: step.table, sqlError: sqlNumber },
    });
  }
}

/**
 * Whether the server's bulk load skips foreign keys even when asked to check them: Babelfish
 * does (4.3, measured: a row pointing nowhere was loaded with CHECK_CONSTRAINTS), SQL Server
 * checks them. Asked once per connection handle.
 */
const skipsForeignKeys = new WeakMap<Db, Promise<boolean>>();
function bulkSkipsForeignKeys(tx: Db): Promise<boolean> {
  let known = skipsForeignKeys.get(tx);
  if (!known) {
    known = tx.query<{ v: string | null }>('SELECT @@VERSION AS [v];').then((r) => /babelfish/i.test(String(r[0]?.v ?? '')));
    skipsForeignKeys.set(tx, known);
  }
  return known;
}

/** The server's error number of a driver error (mssql puts it on the error or its original). */
function sqlErrorNumber(error: unknown): number | undefined {
  const e = error as { number?: number; originalError?: { number?: number; info?: { number?: number } } } | undefined;
  return e?.number ?? e?.originalError?.number ?? e?.originalError?.info?.number;
}

/**
 * A server message may quote a value (a duplicate key, a truncated string). Secrets and licence
 * keys among the step's values are masked before the message goes anywhere.
 */
export function scrubSecrets(message: string, changes: readonly RowChange[]): string {
  let out = message;
  const wrapped = (v: unknown): boolean => v instanceof LicenseKey || v instanceof Sensitive;
  const hasSecrets = changes.some(
    (c) => Object.values(c.key).some(wrapped) || Object.values(c.after ?? {}).some(wrapped) || Object.values(c.changes ?? {}).some((fc) => wrapped(fc.to)),
  );
  // Error 2628 (SQL Server 2019+) quotes the *truncated* value: a prefix of a too-long licence
  // key would not match the whole key below, so the quoted value is dropped altogether.
  if (hasSecrets) out = out.replace(/Truncated value: '[\s\S]*'\.?\s*$/, 'Truncated value: (not shown).');
  // Case-insensitive: the server may quote the value as stored, not as sent.
  const replace = (secret: string, mask: string): void => {
    if (secret !== '') out = out.replace(new RegExp(secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), mask);
  };
  const visit = (v: unknown): void => {
    if (v instanceof LicenseKey) replace(v.reveal(), maskLicenseKey(v.reveal()));
    else if (v instanceof Sensitive) replace(v.reveal(), SENSITIVE_MARK);
  };
  for (const c of changes) {
    Object.values(c.key).forEach(visit);
    Object.values(c.after ?? {}).forEach(visit);
    Object.values(c.changes ?? {}).forEach((fc) => visit(fc.to));
  }
  return out;
}

function asApplyError(error: unknown): MigrateError {
  if (error instanceof MigrateError) return error;
  const e = error as { message?: string };
  return new MigrateError('DB_APPLY_FAILED', `applying the plan failed: ${e.message ?? String(error)}; nothing was changed (rolled back)`, {
    cause: error,
  });
}

interface RunRecord {
  startedAt: Date;
  finishedAt: Date | null;
  status: 'applied' | 'failed';
  error: string | null;
}

async function recordRun(db: Db, plan: Plan, options: ApplyOptions, run: RunRecord): Promise<void> {
  // The announced row is finished (announce.ts): only what the run adds at its end is sent (its
  // Sources, a JSON of every source file's digest, is megabytes at 100,000 users and was written
  // at the announcement). Without an announcement (a Db without sessions) the row is new.
  const updated = await db.execute(
    `UPDATE ${tableRef('MigrationRun')} SET [FinishedAt] = @FinishedAt, [Summary] = @Summary, [Status] = @Status, [Error] = @Error WHERE [RunId] = @RunId AND [Status] = N'started';`,
    {
      RunId: { type: 'uniqueidentifier', value: options.runId },
      FinishedAt: { type: 'datetime2', value: run.finishedAt },
      Summary: { type: 'nvarchar(max)', value: JSON.stringify(plan.summary) },
      Status: { type: 'nvarchar(16)', value: run.status },
      Error: { type: 'nvarchar(400)', value: run.error },
    },
  );
  if (updated > 0) return;
  await db.execute(`${insertRunHead()}\nVALUES (${MIGRATION_RUN_COLUMNS.map((c) => `@${c}`).join(', ')});`, runRowParams(plan, { ...options, ...run }));
}

/** Outside the rolled-back transaction: a `failed` row with the error's code (never its values). */
async function recordFailedRun(db: Db, plan: Plan, options: ApplyOptions, startedAt: Date, failure: MigrateError): Promise<void> {
  const exists = await db.query<{ id: number | null }>(`SELECT ${tableIdSql('MigrationRun')} AS id;`);
  if (exists[0]?.id == null) return;
  const sqlError = failure.meta['sqlError'];
  const error = `${failure.code}${typeof sqlError === 'number' ? ` (SQL error ${sqlError})` : ''}${typeof failure.meta['table'] === 'string' ? ` at dc.${failure.meta['table']}` : ''}`;
  await recordRun(db, plan, options, { startedAt, finishedAt: options.clock(), status: 'failed', error });
}
