/**
 * The one database seam: `query` / `execute` with parameters, `transaction`, `bulkLoad` into a
 * `#temp` table, `close`. Implemented once over `mssql` (tedious); everything else in the writer
 * talks to `Db`. Values only ever travel as parameters; identifiers come from the catalog.
 */
import { createRequire } from 'node:module';
import type * as Mssql from 'mssql';
import { MigrateError } from '../../model/index.js';
import { maskSecretIn, type Sensitive } from '../../model/index.js';
import { createTempTableSql, dropTempTableSql, type TempColumn } from './ddl.js';
import { assertCollationName, TEXT_COLLATION } from './sql-names.js';
import {
  describeTarget,
  parseConnectionString,
  settingsFromTarget,
  type ConnectionSettings,
  type DbTarget,
} from './connection-string.js';
import type { SqlParam, SqlParams } from './values.js';
import { cmp } from '../../model/index.js';

export type { SqlParam, SqlParams } from './values.js';
export type { TempColumn } from './ddl.js';

/**
 * The driver, loaded on first use: `mssql` and tedious take a fifth of a second and 35 MB to
 * load, which a dry run (`plan --no-target`, `report`, `script`) never needs (issue 14).
 */
const requireDriver = createRequire(import.meta.url);
let driver: typeof Mssql | undefined;
function mssql(): typeof Mssql {
  return (driver ??= requireDriver('mssql') as typeof Mssql);
}

/** Named typed parameters, or positional values bound as `@p0`, `@p1`, … (types inferred). */
export type QueryParams = SqlParams | readonly unknown[];

export interface Db {
  /** Runs a statement and returns the rows of its (last) result set. */
  query<T = Record<string, unknown>>(sqlText: string, params?: QueryParams): Promise<T[]>;
  /** Runs a statement and returns the rows it affected (summed over its statements). */
  execute(sqlText: string, params?: QueryParams): Promise<number>;
  /** Runs `fn` in one transaction: commit when it resolves, roll back when it throws. Nested calls join the outer one. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Creates (or recreates) `#tempTable` with `columns` and bulk-loads `rows` into it in batches
   * (`bulkBatchRows` each: a server's bulk-load parser may refuse one huge load, and batches bound
   * the driver's memory); `onBatch` reports the rows loaded so far. Returns the row count.
   */
  bulkLoad(
    tempTable: string,
    columns: readonly TempColumn[],
    rows: readonly (readonly unknown[])[],
    onBatch?: (loaded: number, total: number) => void,
  ): Promise<number>;
  /**
   * Bulk-loads `rows` straight into the existing table `table` (`[dc].[Line]`), in batches of
   * `bulkBatchRows`, checked as an INSERT would be: constraints checked (on SQL Server a bulk load
   * skips them by default and leaves foreign keys untrusted), triggers fired, NULLs kept. Returns
   * the row count. A duplicate key fails the load (and, under XACT_ABORT, the transaction).
   */
  bulkInsert(
    table: string,
    columns: readonly TempColumn[],
    rows: Iterable<readonly unknown[]>,
    onBatch?: (loaded: number) => void,
  ): Promise<number>;
  /** Drops a staging table created by bulkLoad. */
  dropTemp(tempTable: string): Promise<void>;
  /** Whether this handle runs inside a transaction. */
  readonly inTransaction: boolean;
  /** Where it is connected (`host:1433/db`), for messages. */
  readonly description: string;
  /** Collation of text columns this connection creates (`target.collation`); absent: TEXT_COLLATION. */
  readonly collation?: string;
  /**
   * Runs `fn` on one dedicated connection (one server session), closed afterwards: a run holds the
   * migration lock as a session lock across its announcement and its write transaction
   * (announce.ts). Optional: a Db without it (test fakes) runs a run on itself.
   */
  session?<T>(fn: (session: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The COMMIT's own round trip failed (the connection broke while committing): the server may have
 * committed or not, and the client cannot know. Never reported as rolled back; the next run
 * resolves it (announce.ts).
 */
export class CommitOutcomeUnknown extends Error {
  constructor(readonly reason: unknown) {
    super(`the connection broke while committing: ${(reason as { message?: string })?.message ?? String(reason)}`);
    this.name = 'CommitOutcomeUnknown';
  }
}

export interface ConnectOptions {
  /** Shown in sys.dm_exec_sessions.program_name: how a blocked run names the holder of the lock. */
  appName?: string;
  /** Per-statement timeout (ms); bulk staging of large sets needs more than mssql's 15 s default. */
  requestTimeoutMs?: number;
  connectionTimeoutMs?: number;
  /** Connect to this database instead of the one named in the target/URL (tests). */
  database?: string;
  /** Collation for the text columns of tables this connection creates (`target.collation`). */
  collation?: string;
  /** Rows per bulk-load batch (`target.bulkBatchRows`). */
  bulkBatchRows?: number;
}

/** SqlBulkCopy's habit: batches of this many rows unless the target says otherwise. */
export const DEFAULT_BULK_BATCH_ROWS = 10_000;

const DEFAULT_APP_NAME = 'procall-migrate';

type MssqlType = Mssql.ISqlType | (() => Mssql.ISqlType);

/** `nvarchar(256)` → sql.NVarChar(256), and so on, for the types the catalog and the writer use. */
export function mssqlType(sqlType: string): Mssql.ISqlType {
  const m = /^(\w+)(?:\((\d+|max)\))?$/i.exec(sqlType.trim());
  if (!m) throw new Error(`unsupported SQL type ${sqlType}`);
  const base = (m[1] ?? '').toLowerCase();
  const len = m[2] === undefined ? undefined : m[2].toLowerCase() === 'max' ? mssql().MAX : Number(m[2]);
  switch (base) {
    case 'nvarchar':
      return mssql().NVarChar(len ?? 4000);
    case 'nchar':
      return mssql().NChar(len ?? 1);
    case 'varchar':
      return mssql().VarChar(len ?? 8000);
    case 'char':
      return mssql().Char(len ?? 1);
    case 'int':
      return mssql().Int();
    case 'bigint':
      return mssql().BigInt();
    case 'bit':
      return mssql().Bit();
    case 'datetime2':
      return mssql().DateTime2(len === undefined || len === mssql().MAX ? 7 : len);
    case 'uniqueidentifier':
      return mssql().UniqueIdentifier();
    default:
      throw new Error(`unsupported SQL type ${sqlType}`);
  }
}

/** The type a positional value is bound as. */
function inferType(value: unknown): MssqlType {
  if (typeof value === 'boolean') return mssql().Bit();
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) <= 2147483647 ? mssql().Int() : Number.isInteger(value) ? mssql().BigInt() : mssql().Float();
  if (value instanceof Date) return mssql().DateTime2(7);
  if (typeof value === 'string' && value.length > 4000) return mssql().NVarChar(mssql().MAX);
  return mssql().NVarChar(4000);
}

function bind(request: Mssql.Request, params: QueryParams | undefined): boolean {
  if (params === undefined) return false;
  if (Array.isArray(params)) {
    params.forEach((value, i) => request.input(`p${i}`, inferType(value), value ?? null));
    return params.length > 0;
  }
  const named = Object.entries(params as SqlParams);
  for (const [name, p] of named) request.input(name, mssqlType((p as SqlParam).type), (p as SqlParam).value ?? null);
  return named.length > 0;
}

interface DbSettings {
  readonly description: string;
  readonly collation: string;
  readonly bulkBatchRows: number;
  /** To open a session (one more connection with the same settings). */
  readonly open?: { config: Mssql.config; settings: ConnectionSettings };
}

/** Makes the driver's table for one bulk batch into `name` (an existing table: not created). */
function batchTable(name: string, columns: readonly TempColumn[]): () => Mssql.Table {
  const types = columns.map((c) => mssqlType(c.sqlType));
  return () => {
    const t = new (mssql().Table)(name);
    t.create = false;
    columns.forEach((c, i) => t.columns.add(c.name, types[i] as Mssql.ISqlType, { nullable: c.nullable }));
    return t;
  };
}

function addRow(table: Mssql.Table, row: readonly unknown[]): void {
  table.rows.add(...(row.map((v) => (v === undefined ? null : v)) as (string | number | boolean | Date | Buffer | null)[]));
}

class MssqlDb implements Db {
  readonly inTransaction: boolean;
  readonly description: string;
  readonly collation: string;
  constructor(
    private readonly pool: Mssql.ConnectionPool,
    private readonly tx: Mssql.Transaction | undefined,
    private readonly settings: DbSettings,
  ) {
    this.inTransaction = tx !== undefined;
    this.description = settings.description;
    this.collation = settings.collation;
  }

  private request(): Mssql.Request {
    return this.tx ? new (mssql().Request)(this.tx) : new (mssql().Request)(this.pool);
  }

  private async run(sqlText: string, params: QueryParams | undefined): Promise<Mssql.IResult<Record<string, unknown>>> {
    const request = this.request();
    // Without parameters the text runs as a plain batch (not sp_executesql), so a #temp table it
    // creates lives for the session rather than ending with the sp_executesql scope.
    const hasParams = bind(request, params);
    return hasParams ? request.query(sqlText) : request.batch(sqlText);
  }

  async query<T>(sqlText: string, params?: QueryParams): Promise<T[]> {
    const result = await this.run(sqlText, params);
    const sets = (result.recordsets ?? []) as unknown as T[][];
    return sets.length > 0 ? (sets[sets.length - 1] ?? []) : [];
  }

  async execute(sqlText: string, params?: QueryParams): Promise<number> {
    const result = await this.run(sqlText, params);
    return (result.rowsAffected ?? []).reduce((a, b) => a + b, 0);
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (this.tx) return fn(this);
    const tx = new (mssql().Transaction)(this.pool);
    await tx.begin(mssql().ISOLATION_LEVEL.READ_COMMITTED);
    const inner = new MssqlDb(this.pool, tx, this.settings);
    let result: T;
    try {
      // Pooled sessions keep whatever SET options an earlier batch left (mssql does not reset a
      // connection it lends again; e.g. a DBA script run through this Db sets NOCOUNT ON). The
      // row-count checks of apply need NOCOUNT OFF, the rollback guarantee needs XACT_ABORT ON
      // (tedious sets it at login only). A plain batch, so the options outlive the request.
      await new (mssql().Request)(tx).batch('SET XACT_ABORT ON; SET NOCOUNT OFF;');
      result = await fn(inner);
    } catch (error) {
      try {
        await tx.rollback();
      } catch {
        // XACT_ABORT (abortTransactionOnError) may already have rolled it back on the server;
        // mssql then refuses a second rollback. Either way nothing was committed.
      }
      throw error;
    }
    try {
      await tx.commit();
    } catch (error) {
      throw new CommitOutcomeUnknown(error);
    }
    return result;
  }

  async session<T>(fn: (session: Db) => Promise<T>): Promise<T> {
    if (this.tx || !this.settings.open) return fn(this);
    const { config, settings } = this.settings.open;
    // One connection: everything of the run goes over the session that holds the lock.
    const pool = new (mssql().ConnectionPool)({ ...config, pool: { min: 0, max: 1 } });
    pool.on('error', () => {});
    try {
      await pool.connect();
    } catch (error) {
      await pool.close().catch(() => {});
      throw connectError(error, settings);
    }
    try {
      return await fn(new MssqlDb(pool, undefined, { ...this.settings, open: undefined }));
    } finally {
      await pool.close().catch(() => {});
    }
  }

  async bulkLoad(
    tempTable: string,
    columns: readonly TempColumn[],
    rows: readonly (readonly unknown[])[],
    onBatch?: (loaded: number, total: number) => void,
  ): Promise<number> {
    await this.execute(createTempTableSql(tempTable, columns, this.collation));
    const batch = batchTable(tempTable, columns);
    let loaded = 0;
    for (let start = 0; start < rows.length; start += this.settings.bulkBatchRows) {
      // A fresh table per batch: the driver holds only this batch's rows.
      const table = batch();
      for (const row of rows.slice(start, start + this.settings.bulkBatchRows)) addRow(table, row);
      const result = await this.request().bulk(table);
      loaded += result.rowsAffected;
      onBatch?.(loaded, rows.length);
    }
    return loaded;
  }

  async bulkInsert(
    table: string,
    columns: readonly TempColumn[],
    rows: Iterable<readonly unknown[]>,
    onBatch?: (loaded: number) => void,
  ): Promise<number> {
    const batch = batchTable(table, columns);
    let loaded = 0;
    let current = batch();
    // One batch in flight while the next is made: the server stores a batch while this process
    // makes the next one's rows (JSON, values), instead of each waiting for the other. The
    // connection runs one request at a time, so a batch is sent only when the last one is done.
    let inFlight: Promise<number> | undefined;
    const settle = async (): Promise<void> => {
      if (!inFlight) return;
      const sent = inFlight;
      inFlight = undefined;
      loaded += await sent;
      onBatch?.(loaded);
    };
    const send = (t: Mssql.Table): Promise<number> => {
      const p = this.request()
        .bulk(t, { checkConstraints: true, fireTriggers: true, keepNulls: true })
        .then((r) => r.rowsAffected);
      p.catch(() => {}); // awaited by settle(); this only keeps it from counting as unhandled meanwhile
      return p;
    };
    try {
      // Rows are taken from the iterable a batch at a time: at most two batches are held.
      for (const row of rows) {
        addRow(current, row);
        if (current.rows.length >= this.settings.bulkBatchRows) {
          await settle();
          inFlight = send(current);
          current = batch();
        }
      }
      await settle();
      if (current.rows.length > 0) {
        inFlight = send(current);
        await settle();
      }
    } catch (error) {
      // Making a row failed while a batch was in flight: let it finish before the transaction is
      // rolled back (a rollback with a request running is refused by the driver).
      await inFlight?.catch(() => {});
      throw error;
    }
    return loaded;
  }

  async dropTemp(tempTable: string): Promise<void> {
    await this.execute(dropTempTableSql(tempTable));
  }

  async close(): Promise<void> {
    if (this.tx) return;
    await this.pool.close();
  }
}

/** The `mssql` config for connection settings. Reveals the password: call it only to connect. */
export function toMssqlConfig(s: ConnectionSettings, options: ConnectOptions = {}): Mssql.config {
  const password = (p: Sensitive | undefined): string => {
    if (p === undefined) {
      throw new MigrateError('DB_PASSWORD_MISSING', `no password for ${describeTarget(s)}`, {
        hint: `set the environment variable ${s.passwordEnv ?? 'named by target.passwordEnv'} (passwords never come from the project file or the command line)`,
      });
    }
    return p.reveal();
  };
  let authentication: Mssql.config['authentication'];
  switch (s.authentication) {
    case 'sql':
      if (!s.user) throw new MigrateError('DB_URL_INVALID', `no user for SQL authentication to ${describeTarget(s)}`);
      authentication = { type: 'default', options: { userName: s.user, password: password(s.password) } };
      break;
    case 'ntlm':
      if (!s.user || !s.domain) {
        throw new MigrateError('DB_URL_INVALID', `NTLM authentication to ${describeTarget(s)} needs a user and a domain`, {
          hint: 'set target.user and target.domain (or user: DOMAIN\\name)',
        });
      }
      authentication = { type: 'ntlm', options: { domain: s.domain, userName: s.user, password: password(s.password) } };
      break;
    case 'default':
      throw new MigrateError('DB_AUTH_UNSUPPORTED', 'Windows integrated authentication (authentication: default) is not available in procall-migrate', {
        hint: 'use authentication: ntlm with user, domain and passwordEnv, or a SQL login (authentication: sql)',
      });
    default: {
      const _exhaustive: never = s.authentication;
      return _exhaustive;
    }
  }
  const config: Mssql.config = {
    server: s.server,
    database: options.database ?? s.database,
    authentication,
    connectionTimeout: options.connectionTimeoutMs ?? 15_000,
    requestTimeout: options.requestTimeoutMs ?? 300_000,
    pool: { min: 0, max: 4 },
    options: {
      encrypt: s.encrypt,
      trustServerCertificate: s.trustServerCertificate,
      appName: (options.appName ?? DEFAULT_APP_NAME).slice(0, 128),
      // SET XACT_ABORT ON: any error (a timeout too) rolls the whole transaction back on the server.
      abortTransactionOnError: true,
      enableArithAbort: true,
    },
  };
  if (s.port !== undefined) config.port = s.port;
  if (s.instanceName !== undefined && config.options) config.options.instanceName = s.instanceName;
  return config;
}

/** Every error code in a driver error and what it wraps (mssql → tedious → AggregateError → socket errors). */
function errorCodes(error: unknown, depth = 0): string[] {
  if (depth > 4 || error === null || typeof error !== 'object') return [];
  const e = error as { code?: unknown; originalError?: unknown; cause?: unknown; errors?: unknown; message?: unknown };
  const own = typeof e.code === 'string' ? [e.code] : [];
  // Older drivers only name the socket error in the message ("getaddrinfo ENOTFOUND host").
  const named = typeof e.message === 'string' ? (e.message.match(/\bE[A-Z]{4,}\b/g) ?? []) : [];
  const nested = [e.originalError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])].flatMap((n) => errorCodes(n, depth + 1));
  return [...own, ...named, ...nested];
}

/** The plain reason for a failed connection, from the socket error the driver wraps; undefined: none known. */
function plainReason(codes: readonly string[], s: ConnectionSettings): { reason: string; hint: string } | undefined {
  const host = s.server;
  const has = (...c: string[]) => c.some((x) => codes.includes(x));
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME')) {
    return { reason: `the name ${host} does not resolve`, hint: 'check target.server (spelling, DNS suffix) and that this machine uses the customer\'s DNS' };
  }
  if (has('ECONNREFUSED')) {
    return { reason: 'connection refused (is SQL Server running there and is TCP/IP enabled?)', hint: 'check target.server and target.port (or instanceName), that the SQL Server service runs and listens on TCP/IP' };
  }
  if (has('ETIMEDOUT', 'ETIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH')) {
    return { reason: 'no answer (a firewall, a wrong address or port, or the server is down)', hint: 'check target.server and target.port, and that the firewall lets this machine reach the SQL Server port' };
  }
  return undefined;
}

/** A failed connection as one plain sentence (never a password): DB_LOGIN_FAILED or DB_CONNECT_FAILED. */
export function connectError(error: unknown, s: ConnectionSettings): MigrateError {
  const e = error as { code?: string; message?: string };
  const where = describeTarget(s);
  const detail = maskSecretIn(String(e.message ?? error), s.password);
  if (e.code === 'ELOGIN') {
    return new MigrateError('DB_LOGIN_FAILED', `${where} refused the login: ${detail}`, {
      hint: 'check target.user, the password in the passwordEnv variable, and that the login may use the database',
    });
  }
  const tls = /certificate|self[- ]signed|tls|ssl/i.test(detail);
  const plain = tls ? undefined : plainReason(errorCodes(error), s);
  if (plain) return new MigrateError('DB_CONNECT_FAILED', `cannot connect to ${where}: ${plain.reason}`, { hint: plain.hint });
  // Unknown cause: the driver's words, without its "Failed to connect to host:port - " prefix.
  const short = detail.replace(/^Failed to connect to \S+( \(redirected from [^)]*\))? - /, '');
  return new MigrateError('DB_CONNECT_FAILED', `cannot connect to ${where}: ${short}`, {
    hint: tls
      ? 'the server certificate is not trusted: install the CA on this machine, or set target.trustServerCertificate: true if you accept an unverified server'
      : 'check server, port (or instance), firewall and that TCP/IP is enabled on the SQL Server',
  });
}

/** Opens a pool for the settings; connection failures become DB_CONNECT_FAILED / DB_LOGIN_FAILED. */
export async function openDb(s: ConnectionSettings, options: ConnectOptions = {}): Promise<Db> {
  const config = toMssqlConfig(s, options);
  const pool = new (mssql().ConnectionPool)(config);
  // An idle connection dropping must not crash the process (mssql: always listen for 'error').
  pool.on('error', () => {});
  try {
    await pool.connect();
  } catch (error) {
    await pool.close().catch(() => {});
    throw connectError(error, s);
  }
  const db = new MssqlDb(pool, undefined, {
    description: describeTarget({ ...s, database: options.database ?? s.database }),
    collation: assertCollationName(options.collation ?? TEXT_COLLATION),
    bulkBatchRows: Math.max(1, Math.floor(options.bulkBatchRows ?? DEFAULT_BULK_BATCH_ROWS)),
    open: { config, settings: s },
  });
  if (options.collation !== undefined && options.collation !== TEXT_COLLATION) {
    try {
      await assertCollationAvailable(db, options.collation);
    } catch (error) {
      await db.close().catch(() => {});
      throw error;
    }
  }
  return db;
}

/**
 * Refuses a collation the server does not offer, naming the ones it does (closest first). A
 * server that cannot list its collations is not refused here: the DDL would say so itself.
 */
export async function assertCollationAvailable(db: Db, collation: string): Promise<void> {
  let offered: string[];
  try {
    offered = (await db.query<{ name: string }>('SELECT name FROM sys.fn_helpcollations();')).map((r) => r.name);
  } catch {
    return;
  }
  if (offered.length === 0 || offered.some((n) => n.toLowerCase() === collation.toLowerCase())) return;
  const wanted = collation.toLowerCase();
  const score = (n: string): number => {
    const a = n.toLowerCase();
    let common = 0;
    while (common < a.length && common < wanted.length && a[common] === wanted[common]) common++;
    return common + (/_ci_as/.test(a) ? 0.5 : 0);
  };
  const closest = [...offered].sort((a, b) => score(b) - score(a) || cmp(a, b)).slice(0, 8);
  throw new MigrateError('DB_COLLATION_MISSING', `${db.description} does not offer the collation ${collation} (target.collation)`, {
    hint: `set target.collation to one the server offers, e.g. ${closest.join(', ')} (${offered.length} in all: SELECT name FROM sys.fn_helpcollations())`,
    meta: { collation, offered: closest },
  });
}

/** Connects to the project's `target:`; the password from target.password or `env[passwordEnv]`. */
export function connect(target: DbTarget, env: Record<string, string | undefined>, options: ConnectOptions = {}): Promise<Db> {
  const fromTarget: ConnectOptions = {};
  if (target.collation !== undefined) fromTarget.collation = target.collation;
  if (target.bulkBatchRows !== undefined) fromTarget.bulkBatchRows = target.bulkBatchRows;
  return openDb(settingsFromTarget(target, env), { ...fromTarget, ...options });
}

/** Connects by URL or ADO connection string (the test suite's MSSQL_URL). */
export function connectUrl(url: string, options: ConnectOptions = {}): Promise<Db> {
  return openDb(parseConnectionString(url), options);
}
