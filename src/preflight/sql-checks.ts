/**
 * The SQL Server checks: login, server version, the database (or the right to create it), the
 * right to create schema `dc` and its tables (or a readable schema version), `sp_getapplock`, the
 * configured collation, and a bulk load into a `#temp` table. Every check that would change
 * something runs in its own transaction that is always rolled back: the operation itself is
 * tried (portable across SQL Server and Babelfish) rather than the catalog asked, and nothing
 * is left behind.
 */
import { SCHEMA_VERSION } from '../model/index.js';
import type { Project } from '../project/index.js';
import { readSchemaVersion } from '../writers/mssql/index.js';
import type { ConnectOptions, Db } from '../writers/mssql/index.js';
import { connect as mssqlConnect } from '../writers/mssql/index.js';
import { describeTarget, settingsFromTarget } from '../writers/mssql/index.js';
import { createSchemaSql, createTablesSql, tableRef, TEXT_COLLATION } from '../writers/mssql/index.js';
import { DECLARE_LOCK_RESOURCE } from '../writers/mssql/index.js';
import type { ParamValue } from '../model/index.js';
import { coded, errorText, type CheckResult, type PreflightCheck } from './result.js';
import type { SqlCode } from './sql-codes.js';

export type SqlTarget = NonNullable<Project['target']>;
export type SqlConnect = (target: SqlTarget, env: Record<string, string | undefined>, options: ConnectOptions) => Promise<Db>;

export interface SqlCheckOptions {
  timeoutMs: number;
  connect?: SqlConnect;
}

const NAMES = ['login', 'server version', 'database', 'schema dc', 'sp_getapplock', 'collation', 'bulk load'] as const;
type SqlCheckName = (typeof NAMES)[number];

/** Thrown out of a transaction to roll it back, carrying what the check found. */
class RollBack<T> {
  constructor(readonly value: T) {}
}

/** Runs `fn` in a transaction that is always rolled back; returns what `fn` returned. */
export async function inRolledBackTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  try {
    await db.transaction(async (tx) => {
      throw new RollBack(await fn(tx));
    });
  } catch (error) {
    if (error instanceof RollBack) return error.value as T;
    throw error;
  }
  throw new Error('the preflight transaction was not rolled back (this is a bug)');
}

/** A failed step of a check: the right the step needs, and the server's words. */
class StepFailed extends Error {
  constructor(
    readonly right: string,
    readonly reason: unknown,
  ) {
    super(`${right}: ${errorText(reason)}`);
  }
}

async function step<T>(right: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw new StepFailed(right, error);
  }
}

/** A seam message as the start of a sentence (`cannot connect …` → `Cannot connect …`; a host name stays as it is). */
const sentence = (text: string): string => text.replace(/^(cannot|no|the)\b/, (w) => w.charAt(0).toUpperCase() + w.slice(1));

/** An `sql` check with its code (sql-codes.ts) and the values of its sentence. */
const sq = (name: string, result: CheckResult, code: SqlCode, message: string, params: Record<string, ParamValue> = {}): PreflightCheck =>
  coded('sql', name, result, code, message, params);

const skipNoLogin = (names: readonly SqlCheckName[]): PreflightCheck[] =>
  names.map((n) => sq(n, 'skip', 'PREFLIGHT_SQL_SKIPPED_NO_LOGIN', 'Skipped: no login.', { check: n }));

/** A collation the server refused at connect: the collation check's finding. */
interface CollationProblem {
  message: string;
  reason: string;
}

/** Every SQL Server check of the project's `target:` (none: one `skip`). */
export async function sqlChecks(target: Project['target'], env: Record<string, string | undefined>, opts: SqlCheckOptions): Promise<PreflightCheck[]> {
  if (!target) return [sq('target', 'skip', 'PREFLIGHT_SQL_NO_TARGET', 'The project has no target: section, so the SQL Server was not checked.')];
  const settings = settingsFromTarget(target, env);
  const where = describeTarget(settings);
  const as = settings.user ? ` as ${settings.domain ? `${settings.domain}\\` : ''}${settings.user}` : '';
  const out: PreflightCheck[] = [];
  if (settings.authentication !== 'default' && settings.password === undefined) {
    out.push(
      sq('login', 'fail', 'PREFLIGHT_SQL_PASSWORD_UNSET', `No password for ${where}: the environment variable ${target.passwordEnv ?? '(target.passwordEnv)'} is not set.`, {
        server: where,
        variable: target.passwordEnv ?? null,
      }),
    );
    return [...out, ...skipNoLogin(NAMES.slice(1))];
  }
  const connect = opts.connect ?? mssqlConnect;
  const options: ConnectOptions = {
    appName: 'procall-migrate preflight',
    connectionTimeoutMs: opts.timeoutMs,
    requestTimeoutMs: Math.max(3 * opts.timeoutMs, 15_000),
  };
  let db: Db;
  let inTargetDb = true;
  let collationProblem: CollationProblem | undefined;
  try {
    ({ db, collationProblem } = await openTolerant(connect, target, env, options));
  } catch (error) {
    const text = errorText(error);
    // SQL Server: error 4060 "Cannot open database"; PostgreSQL-based servers: "database … does not exist".
    if (!/Cannot open database|database ".*" does not exist/i.test(text)) {
      const code = (error as { code?: string }).code;
      const hint =
        code === 'DB_LOGIN_FAILED'
          ? `check target.user and the password in ${target.passwordEnv ?? 'the password variable'}`
          : code === 'DB_CONNECT_FAILED'
            ? 'check target.server, target.port, the firewall and that the SQL Server accepts TCP/IP connections'
            : 'check the target: section';
      const loginCode: SqlCode = code === 'DB_LOGIN_FAILED' ? 'PREFLIGHT_SQL_LOGIN_REFUSED' : code === 'DB_CONNECT_FAILED' ? 'PREFLIGHT_SQL_CONNECT_FAILED' : 'PREFLIGHT_SQL_LOGIN_FAILED';
      out.push(sq('login', 'fail', loginCode, `${sentence(text)}; ${hint}.`, { server: where, user: settings.user ?? null, variable: target.passwordEnv ?? null, reason: text }));
      return [...out, ...skipNoLogin(NAMES.slice(1))];
    }
    // The login works but cannot open the database: look from master whether it exists.
    try {
      ({ db, collationProblem } = await openTolerant(connect, target, env, { ...options, database: 'master' }));
      inTargetDb = false;
    } catch (again) {
      out.push(sq('login', 'fail', 'PREFLIGHT_SQL_LOGIN_FAILED', `${sentence(errorText(again))}.`, { server: where, user: settings.user ?? null, reason: errorText(again) }));
      return [...out, ...skipNoLogin(NAMES.slice(1))];
    }
  }
  try {
    const loggedIn = inTargetDb ? where : `${describeTarget({ ...settings, database: undefined })}`;
    const user = settings.user ? `${settings.domain ? `${settings.domain}\\` : ''}${settings.user}` : null;
    out.push(sq('login', 'pass', 'PREFLIGHT_SQL_LOGIN_OK', `Logged in to ${loggedIn}${as}.`, { server: loggedIn, user }));
    out.push(await versionCheck(db));
    out.push(
      inTargetDb
        ? sq('database', 'pass', 'PREFLIGHT_SQL_DATABASE_OK', `Database ${target.database} exists and the login may use it.`, { database: target.database })
        : await missingDatabaseCheck(db, target.database),
    );
    out.push(
      inTargetDb
        ? await schemaCheck(db, target.database, target.collation)
        : sq('schema dc', 'skip', 'PREFLIGHT_SQL_SCHEMA_SKIPPED', `Database ${target.database} cannot be opened, so creating schema dc there was not tried.`, { database: target.database }),
    );
    out.push(await applockCheck(db));
    out.push(
      collationProblem === undefined
        ? await collationCheck(db, target.collation)
        : sq('collation', 'fail', 'PREFLIGHT_SQL_COLLATION_REFUSED', collationProblem.message, { collation: target.collation, reason: collationProblem.reason }),
    );
    out.push(await bulkLoadCheck(db));
  } finally {
    await db.close().catch(() => {});
  }
  return out;
}

/**
 * Connects; a configured collation the server lacks (the seam refuses it at connect) is a
 * finding of the collation check, not a failed login: connect again with the default collation.
 */
async function openTolerant(
  connect: SqlConnect,
  target: SqlTarget,
  env: Record<string, string | undefined>,
  options: ConnectOptions,
): Promise<{ db: Db; collationProblem: CollationProblem | undefined }> {
  try {
    return { db: await connect(target, env, options), collationProblem: undefined };
  } catch (error) {
    const e = error as { code?: string; message?: string; hint?: string };
    if (e.code !== 'DB_COLLATION_MISSING') throw error;
    const db = await connectWithOfferedCollation(connect, target, env, options);
    return { db, collationProblem: { message: `${sentence(errorText(error))}; ${e.hint ?? 'set target.collation to one the server offers'}.`, reason: errorText(error) } };
  }
}

/**
 * The remaining checks (bulk load) still need a collation for their #temp table: Microsoft's
 * default where the server has it, else a case-insensitive one it offers (Babelfish lacks the
 * default). Unknown list: the default, and the bulk-load check says what the server thinks.
 */
async function connectWithOfferedCollation(
  connect: SqlConnect,
  target: SqlTarget,
  env: Record<string, string | undefined>,
  options: ConnectOptions,
): Promise<Db> {
  const db = await connect(target, env, { ...options, collation: TEXT_COLLATION });
  let offered: string[];
  try {
    offered = (await db.query<{ name: string }>('SELECT name FROM sys.fn_helpcollations();')).map((r) => String(r.name));
  } catch {
    return db;
  }
  const named = (re: RegExp): string | undefined => offered.find((n) => re.test(n) && /^[A-Za-z0-9_]+$/.test(n));
  if (offered.length === 0 || named(new RegExp(`^${TEXT_COLLATION}$`, 'i'))) return db;
  const usable = named(/^Latin1_General_CI_AS$/i) ?? named(/_CI_AS$/i);
  if (!usable) return db;
  await db.close().catch(() => {});
  return connect(target, env, { ...options, collation: usable });
}

async function versionCheck(db: Db): Promise<PreflightCheck> {
  try {
    const rows = await db.query<{ version: string | null }>('SELECT @@VERSION AS version;');
    const first = (rows[0]?.version ?? '').split('\n')[0]?.trim().replace(/\s+/g, ' ');
    return first
      ? sq('server version', 'pass', 'PREFLIGHT_SQL_VERSION', `The server is ${first}.`, { version: first })
      : sq('server version', 'warn', 'PREFLIGHT_SQL_VERSION_UNKNOWN', 'The server did not report its version.', { reason: null });
  } catch (error) {
    return sq('server version', 'warn', 'PREFLIGHT_SQL_VERSION_UNKNOWN', `The server did not report its version: ${errorText(error)}.`, { reason: errorText(error) });
  }
}

/** From master: the database is missing (may the login create it?) or exists but the login is no user of it. */
async function missingDatabaseCheck(db: Db, database: string): Promise<PreflightCheck> {
  let rows: { id: number | null }[];
  try {
    rows = await db.query<{ id: number | null }>('SELECT DB_ID(@p0) AS id;', [database]);
  } catch (error) {
    return sq('database', 'fail', 'PREFLIGHT_SQL_DATABASE_UNCHECKED', `The login cannot open database ${database}, and whether it exists could not be checked (${errorText(error)}).`, {
      database,
      reason: errorText(error),
    });
  }
  if (rows[0]?.id != null) {
    return sq('database', 'fail', 'PREFLIGHT_SQL_DATABASE_NO_ACCESS', `Database ${database} exists, but the login may not use it; map the login to a user of ${database} with db_owner (or have the DBA run \`procall-migrate script\`).`, { database });
  }
  // CREATE DATABASE cannot run inside a transaction, so here the catalog is asked after all.
  const mayCreate = await canCreateDatabase(db);
  if (mayCreate === true) {
    return sq('database', 'warn', 'PREFLIGHT_SQL_DATABASE_MISSING_MAY_CREATE', `Database ${database} does not exist yet; the login may create it (CREATE ANY DATABASE), but procall-migrate does not: create it before the migration.`, { database });
  }
  if (mayCreate === false) {
    return sq('database', 'fail', 'PREFLIGHT_SQL_DATABASE_MISSING', `Database ${database} does not exist and the login may not create it (CREATE ANY DATABASE); have the DBA create it with this login as its owner.`, { database });
  }
  return sq('database', 'fail', 'PREFLIGHT_SQL_DATABASE_MISSING_RIGHT_UNKNOWN', `Database ${database} does not exist, and whether the login may create it (CREATE ANY DATABASE) could not be checked; have the DBA create it.`, { database });
}

async function canCreateDatabase(db: Db): Promise<boolean | undefined> {
  const probes = [
    "SELECT HAS_PERMS_BY_NAME(NULL, NULL, 'CREATE ANY DATABASE') AS ok;",
    "SELECT CASE WHEN IS_SRVROLEMEMBER('sysadmin') = 1 OR IS_SRVROLEMEMBER('dbcreator') = 1 THEN 1 ELSE 0 END AS ok;",
  ];
  // Any probe saying yes decides: Babelfish's HAS_PERMS_BY_NAME answers 0 for this permission
  // unless the login is dbo, where IS_SRVROLEMEMBER may still know better.
  let answer: boolean | undefined;
  for (const sql of probes) {
    try {
      const ok = (await db.query<{ ok: number | null }>(sql))[0]?.ok;
      if (ok == null) continue;
      if (Number(ok) === 1) return true;
      answer = false;
    } catch {
      // Not every TDS server has every function: try the next way of asking.
    }
  }
  return answer;
}

/** Tries what bootstrap does (schema, tables) or, on a seeded database, reads its version and tries a write. */
async function schemaCheck(db: Db, database: string, collation: string): Promise<PreflightCheck> {
  const tables = createTablesSql(collation);
  try {
    return await inRolledBackTransaction(db, async (tx) => {
      const exists = (await tx.query<{ id: number | null }>("SELECT SCHEMA_ID(N'dc') AS id;"))[0]?.id != null;
      if (!exists) {
        await step('CREATE SCHEMA', () => tx.execute(createSchemaSql()));
        await step('CREATE TABLE', async () => {
          for (const sql of tables) await tx.execute(sql);
        });
        return sq('schema dc', 'pass', 'PREFLIGHT_SQL_SCHEMA_CREATABLE', `The login may create schema dc and its ${tables.length} tables in ${database} (tried, rolled back).`, { database, tables: tables.length });
      }
      const version = await step('SELECT', () => readSchemaVersion(tx));
      if (version > SCHEMA_VERSION) {
        return sq('schema dc', 'fail', 'PREFLIGHT_SQL_SCHEMA_TOO_NEW', `Schema dc in ${database} has version ${version}; this procall-migrate reads up to version ${SCHEMA_VERSION}: use the version that seeded it, or a newer one.`, {
          database,
          version,
          supported: SCHEMA_VERSION,
        });
      }
      if (version === 0) {
        await step('CREATE TABLE', async () => {
          for (const sql of tables) await tx.execute(sql);
        });
        return sq('schema dc', 'pass', 'PREFLIGHT_SQL_SCHEMA_UNSEEDED', `Schema dc exists in ${database} without a schema version (not seeded yet), and the login may create its tables (tried, rolled back).`, { database });
      }
      if (version < SCHEMA_VERSION) {
        // apply upgrades it in its transaction (new columns and tables): try that too.
        await step('CREATE TABLE', async () => {
          for (const sql of tables) await tx.execute(sql);
        });
      }
      await step('INSERT', () =>
        tx.execute(`INSERT INTO ${tableRef('SchemaInfo')} ([SchemaVersion], [InstalledAt], [ToolVersion]) VALUES (-1, SYSUTCDATETIME(), N'preflight');`),
      );
      await step('DELETE', () => tx.execute(`DELETE FROM ${tableRef('SchemaInfo')} WHERE [SchemaVersion] = -1;`));
      const upgrade = version < SCHEMA_VERSION ? ` and upgrade it to version ${SCHEMA_VERSION}` : '';
      return sq('schema dc', 'pass', version < SCHEMA_VERSION ? 'PREFLIGHT_SQL_SCHEMA_UPGRADABLE' : 'PREFLIGHT_SQL_SCHEMA_WRITABLE',
        `Schema dc exists in ${database} with version ${version}, which this procall-migrate reads, and the login may write to it${upgrade} (tried, rolled back).`,
        { database, version, supported: SCHEMA_VERSION });
    });
  } catch (error) {
    if (error instanceof StepFailed && /collation/i.test(errorText(error.reason))) {
      return sq('schema dc', 'fail', 'PREFLIGHT_SQL_SCHEMA_COLLATION_FAILED', `Creating the tables of schema dc in ${database} failed on the collation ${collation} (${errorText(error.reason)}); see the collation check.`, {
        database,
        collation,
        reason: errorText(error.reason),
      });
    }
    if (error instanceof StepFailed) {
      return sq('schema dc', 'fail', 'PREFLIGHT_SQL_SCHEMA_NO_PERMISSION',
        `The login may not ${error.right === 'CREATE SCHEMA' ? 'create schema dc' : error.right === 'CREATE TABLE' ? 'create the tables of schema dc' : 'write to schema dc'} in ${database}: it lacks the ${error.right} permission (${errorText(error.reason)}); grant it db_owner on ${database}, or have the DBA run \`procall-migrate script\`.`,
        { database, permission: error.right, reason: errorText(error.reason) });
    }
    return sq('schema dc', 'fail', 'PREFLIGHT_SQL_SCHEMA_FAILED', `Trying to create schema dc in ${database} failed: ${errorText(error)}.`, { database, reason: errorText(error) });
  }
}

/** The migration lock, taken and released at once (timeout 0: a running migration is a warning, not a wait). */
async function applockCheck(db: Db): Promise<PreflightCheck> {
  try {
    const result = await inRolledBackTransaction(db, async (tx) => {
      const rows = await tx.query<{ result: number }>(
        // The run's own resource (per database); 1 ms, not 0: Babelfish answers 0 with -999 when busy.
        `${DECLARE_LOCK_RESOURCE}
DECLARE @result int;
EXEC @result = sp_getapplock @Resource = @pm_resource, @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 1, @DbPrincipal = N'public';
SELECT @result AS result;`,
      );
      return Number(rows[0]?.result ?? -999);
    });
    if (result >= 0) return sq('sp_getapplock', 'pass', 'PREFLIGHT_SQL_APPLOCK_OK', 'The migration lock (sp_getapplock) can be taken.');
    if (result === -1) return sq('sp_getapplock', 'warn', 'PREFLIGHT_SQL_APPLOCK_HELD', 'sp_getapplock works, but another procall-migrate run holds the migration lock right now.');
    return sq('sp_getapplock', 'fail', 'PREFLIGHT_SQL_APPLOCK_REFUSED', `sp_getapplock answered ${result}; the migration lock cannot be taken.`, { result });
  } catch (error) {
    return sq('sp_getapplock', 'fail', 'PREFLIGHT_SQL_APPLOCK_FAILED', `sp_getapplock does not work here (${errorText(error)}); procall-migrate needs it to keep two runs apart.`, { reason: errorText(error) });
  }
}

async function collationCheck(db: Db, collation: string): Promise<PreflightCheck> {
  try {
    const rows = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM sys.fn_helpcollations() WHERE UPPER(name) = UPPER(@p0);', [collation]);
    const found = Number(rows[0]?.n ?? 0) > 0;
    return found
      ? sq('collation', 'pass', 'PREFLIGHT_SQL_COLLATION_OK', `The collation ${collation} (target.collation) exists on the server.`, { collation })
      : sq('collation', 'fail', 'PREFLIGHT_SQL_COLLATION_MISSING', `The collation ${collation} (target.collation) does not exist on this server; set target.collation to a case-insensitive collation it has.`, { collation });
  } catch {
    // No sys.fn_helpcollations(): use the collation instead. The name passed the project's
    // pattern (letters, digits, _), checked again here because it goes into the SQL text.
    if (!/^[A-Za-z0-9_]+$/.test(collation)) return sq('collation', 'fail', 'PREFLIGHT_SQL_COLLATION_INVALID', `"${collation}" is not a collation name.`, { collation });
    try {
      await db.query(`SELECT CAST(N'a' AS nvarchar(8)) COLLATE ${collation} AS v;`);
      return sq('collation', 'pass', 'PREFLIGHT_SQL_COLLATION_OK', `The collation ${collation} (target.collation) can be used on the server.`, { collation });
    } catch (error) {
      return sq('collation', 'fail', 'PREFLIGHT_SQL_COLLATION_UNUSABLE', `The collation ${collation} (target.collation) cannot be used on this server (${errorText(error)}).`, {
        collation,
        reason: errorText(error),
      });
    }
  }
}

/** Beyond nvarchar(4000), as client content and the ledger's JSON rows are: 4,600 characters. */
const LONG_TEXT = '{"ProCall":"Zoë Müßig"}'.repeat(200);

/** What every apply bulk-loads: text with umlauts and emoji, an int, and nullable nvarchar(max) (the ledger's rows, NULL and long). */
const BULK_ROWS: [number, string, string | null][] = [
  [1, 'anna.schmidt', null],
  [2, 'Jürgen Müßig', LONG_TEXT],
  [3, 'Zoë 😀 Ørsted', '{"UserName":"zoë"}'],
];

async function bulkLoadCheck(db: Db): Promise<PreflightCheck> {
  try {
    const back = await inRolledBackTransaction(db, async (tx) => {
      await tx.bulkLoad(
        '#pm_preflight',
        [
          { name: 'Id', sqlType: 'int', nullable: false },
          { name: 'Name', sqlType: 'nvarchar(256)', nullable: false },
          { name: 'Text', sqlType: 'nvarchar(max)', nullable: true },
        ],
        BULK_ROWS,
      );
      return tx.query<{ Id: number; Name: string; Text: string | null }>('SELECT [Id], [Name], [Text] FROM [#pm_preflight] ORDER BY [Id];');
    });
    const same =
      back.length === BULK_ROWS.length && back.every((r, i) => r.Id === BULK_ROWS[i]?.[0] && r.Name === BULK_ROWS[i]?.[1] && (r.Text ?? null) === BULK_ROWS[i]?.[2]);
    return same
      ? sq('bulk load', 'pass', 'PREFLIGHT_SQL_BULK_LOAD_OK', `A bulk load of ${BULK_ROWS.length} rows into a #temp table worked and read back unchanged (umlauts, emoji, NULL and ${LONG_TEXT.length.toLocaleString('en')} characters in nvarchar(max) included).`, {
          rows: BULK_ROWS.length,
          characters: LONG_TEXT.length,
        })
      : sq('bulk load', 'fail', 'PREFLIGHT_SQL_BULK_LOAD_CHANGED', 'A bulk load into a #temp table read back different text; check the collation and the driver.');
  } catch (error) {
    return sq('bulk load', 'fail', 'PREFLIGHT_SQL_BULK_LOAD_FAILED', `A bulk load into a #temp table failed: ${errorText(error)}.`, { reason: errorText(error) });
  }
}
