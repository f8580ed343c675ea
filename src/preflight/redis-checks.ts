/**
 * The Redis checks: the endpoint (directly, or the master the Sentinels name), TLS trust and
 * wildcard (tls-certificate.ts), AUTH with the password from `passwordEnv`, PING, the server
 * version and role; for Sentinel every listed sentinel must answer and agree on the master of
 * `masterName`. One short-lived ioredis connection per endpoint: no retries, no offline queue,
 * every connect and command bounded by the timeout, so a Redis that is down fails at once.
 */
import { MAX_CA_FILE_BYTES, readGuardedText } from '../io/index.js';
import path from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import { isIP } from 'node:net';
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';
import type { Project } from '../project/index.js';
import { maskSecretIn } from '../model/index.js';
import type { ParamValue } from '../model/index.js';
import type { RedisCode } from './redis-codes.js';
import { coded, errorText, withTimeout, type CheckResult, type PreflightCheck } from './result.js';
import { tlsChecks } from './tls-certificate.js';

export type RedisSection = NonNullable<Project['redis']>;

export interface RedisCheckOptions {
  timeoutMs: number;
}

interface Endpoint {
  host: string;
  port: number;
}

const where = (e: Endpoint): string => `${e.host}:${e.port}`;

/** A `redis` check with its code (redis-codes.ts) and the values of its sentence. */
const rc = (name: string, result: CheckResult, code: RedisCode, message: string, params: Record<string, ParamValue> = {}): PreflightCheck =>
  coded('redis', name, result, code, message, params);

/** ioredis, loaded on first use: only `preflight` talks to Redis, and loading it costs every other command 25 MB. */
const requireClient = createRequire(import.meta.url);
let RedisClient: typeof Redis | undefined;
const redisClient = (): typeof Redis => (RedisClient ??= (requireClient('ioredis') as { Redis: typeof Redis }).Redis);

/** The last error each client emitted: connect() itself only says "Connection is closed". */
const lastErrors = new WeakMap<Redis, unknown>();

/** A connection that never retries or queues: the preflight wants the first answer, or none. */
function openClient(e: Endpoint, tlsOptions: ConnectionOptions | undefined, timeoutMs: number): Redis {
  const client = new (redisClient())({
    host: e.host,
    port: e.port,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    reconnectOnError: null,
    enableOfflineQueue: false,
    // AUTH is sent by us (so a wrong password is its own finding), not by the handshake.
    enableReadyCheck: false,
    protocol: 2,
    disableClientInfo: true,
    autoResubscribe: false,
    autoResendUnfulfilledCommands: false,
    ...(tlsOptions === undefined ? {} : { tls: tlsOptions }),
  });
  // Connection errors surface through connect()/commands; an unheard 'error' event would crash.
  client.on('error', (error: unknown) => lastErrors.set(client, error));
  return client;
}

async function connectClient(client: Redis, timeoutMs: number): Promise<void> {
  try {
    await withTimeout(timeoutMs + 500, () => client.connect(), () => new Error(`no answer within ${timeoutMs / 1000} s`));
  } catch (error) {
    throw lastErrors.get(client) ?? error;
  }
}

function connectFailure(name: string, e: Endpoint, error: unknown): PreflightCheck {
  const text = errorText(error);
  const endpoint = where(e);
  if (/ECONNREFUSED/.test(text)) return rc(name, 'fail', 'PREFLIGHT_REDIS_REFUSED', `Nothing accepts connections on ${endpoint} (connection refused); check that Redis runs there and the port is right.`, { endpoint });
  if (/ENOTFOUND|EAI_AGAIN/.test(text)) return rc(name, 'fail', 'PREFLIGHT_REDIS_UNRESOLVED', `${e.host} does not resolve; check the name.`, { endpoint, host: e.host });
  if (/timed? ?out|no answer|ETIMEDOUT/i.test(text)) return rc(name, 'fail', 'PREFLIGHT_REDIS_TIMEOUT', `${endpoint} did not answer within the timeout; check the firewall and that Redis runs there.`, { endpoint });
  return rc(name, 'fail', 'PREFLIGHT_REDIS_CONNECT_FAILED', `Cannot connect to ${endpoint}: ${text}.`, { endpoint, reason: text });
}

/** `key:value` lines of INFO. */
export function parseInfo(info: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of info.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('#')) out.set(line.slice(0, i), line.slice(i + 1).trim());
  }
  return out;
}

interface TlsContext {
  ca: string | undefined;
  caName: string | undefined;
}

/** TLS options for ioredis: the project's CA, and the host name for SNI and identity. */
function clientTls(e: Endpoint, ctx: TlsContext | undefined, verify: boolean): ConnectionOptions | undefined {
  if (!ctx) return undefined;
  const options: ConnectionOptions = { rejectUnauthorized: verify };
  if (ctx.ca !== undefined) options.ca = ctx.ca;
  if (isIP(e.host) === 0) options.servername = e.host;
  return options;
}

/** Checks one Redis server endpoint: tls, connect, auth, ping, server version, role. */
async function serverChecks(
  e: Endpoint,
  redis: RedisSection,
  tlsCtx: TlsContext | undefined,
  opts: RedisCheckOptions,
  label: string,
): Promise<PreflightCheck[]> {
  const out: PreflightCheck[] = [];
  let verify = true;
  if (tlsCtx) {
    const t = await tlsChecks({ host: e.host, port: e.port, ca: tlsCtx.ca, caName: tlsCtx.caName, timeoutMs: opts.timeoutMs }, label);
    out.push(...t.checks);
    if (!t.handshake) {
      for (const name of ['connect', 'auth', 'ping', 'server version', 'role']) {
        out.push(rc(`${label}${name}`, 'skip', 'PREFLIGHT_REDIS_SKIPPED_NO_TLS', `Skipped: no TLS handshake with ${where(e)}.`, { check: name, endpoint: where(e) }));
      }
      return out;
    }
    // The remaining checks still say whether the password is right; the trust finding stands above.
    verify = t.trusted;
  }
  const client = openClient(e, clientTls(e, tlsCtx, verify), opts.timeoutMs);

  try {
    try {
      await connectClient(client, opts.timeoutMs);
    } catch (error) {
      out.push(connectFailure(`${label}connect`, e, error));
      for (const name of ['auth', 'ping', 'server version', 'role']) {
        out.push(rc(`${label}${name}`, 'skip', 'PREFLIGHT_REDIS_SKIPPED_NO_CONNECTION', `Skipped: no connection to ${where(e)}.`, { check: name, endpoint: where(e) }));
      }
      return out;
    }
    const how = tlsCtx ? (verify ? ' over TLS' : ' over TLS (certificate not verified, see above)') : '';
    out.push(rc(`${label}connect`, 'pass', 'PREFLIGHT_REDIS_CONNECTED', `Connected to ${where(e)}${how}.`, { endpoint: where(e), tls: tlsCtx ? (verify ? 'verified' : 'unverified') : 'none' }));
    const authOk = await authCheck(client, e, redis, label, out);
    if (!authOk) {
      for (const name of ['ping', 'server version', 'role']) {
        out.push(rc(`${label}${name}`, 'skip', 'PREFLIGHT_REDIS_SKIPPED_NOT_AUTHENTICATED', 'Skipped: not authenticated.', { check: name, endpoint: where(e) }));
      }
      return out;
    }
    try {
      const pong = await client.ping();
      out.push(
        pong === 'PONG'
          ? rc(`${label}ping`, 'pass', 'PREFLIGHT_REDIS_PING_OK', `${where(e)} answers PING.`, { endpoint: where(e) })
          : rc(`${label}ping`, 'fail', 'PREFLIGHT_REDIS_PING_WRONG', `${where(e)} answered PING with something other than PONG.`, { endpoint: where(e) }),
      );
    } catch (error) {
      const reason = maskSecretIn(errorText(error), redis.password);
      out.push(rc(`${label}ping`, 'fail', 'PREFLIGHT_REDIS_PING_FAILED', `${where(e)} did not answer PING: ${reason}.`, { endpoint: where(e), reason }));
    }
    try {
      const info = parseInfo(await client.info('server'));
      const version = info.get('redis_version');
      out.push(
        version
          ? rc(`${label}server version`, 'pass', 'PREFLIGHT_REDIS_VERSION', `${where(e)} runs Redis ${version}.`, { endpoint: where(e), version })
          : rc(`${label}server version`, 'warn', 'PREFLIGHT_REDIS_VERSION_UNKNOWN', `${where(e)} did not report its version.`, { endpoint: where(e), reason: null }),
      );
    } catch (error) {
      const reason = maskSecretIn(errorText(error), redis.password);
      out.push(rc(`${label}server version`, 'warn', 'PREFLIGHT_REDIS_VERSION_UNKNOWN', `${where(e)} did not report its version: ${reason}.`, { endpoint: where(e), reason }));
    }
    try {
      const role = parseInfo(await client.info('replication')).get('role');
      out.push(
        role === 'master'
          ? rc(`${label}role`, 'pass', 'PREFLIGHT_REDIS_ROLE_MASTER', `${where(e)} answers role:master.`, { endpoint: where(e) })
          : rc(`${label}role`, 'fail', 'PREFLIGHT_REDIS_ROLE_NOT_MASTER',
              `${where(e)} answers role:${role ?? 'unknown'}, not master; the UCServers need to write, so name the master${redis.mode === 'server' ? ' or use mode: sentinel' : ''}.`,
              { endpoint: where(e), role: role ?? null, mode: redis.mode }),
      );
    } catch (error) {
      const reason = maskSecretIn(errorText(error), redis.password);
      out.push(rc(`${label}role`, 'warn', 'PREFLIGHT_REDIS_ROLE_UNKNOWN', `${where(e)} did not report its role: ${reason}.`, { endpoint: where(e), reason }));
    }
    return out;
  } finally {
    client.disconnect();
  }
}

/** AUTH with the project's password (or, without one, whether the server asks for one). */
async function authCheck(client: Redis, e: Endpoint, redis: RedisSection, label: string, out: PreflightCheck[]): Promise<boolean> {
  const name = `${label}auth`;
  const endpoint = where(e);
  const variable = redis.passwordEnv ?? null;
  if (redis.passwordEnv !== undefined && redis.password === undefined) {
    out.push(rc(name, 'fail', 'PREFLIGHT_REDIS_PASSWORD_UNSET', `The environment variable ${redis.passwordEnv} (redis.passwordEnv) is not set, so no password was sent.`, { endpoint, variable }));
    return false;
  }
  if (redis.password === undefined) {
    try {
      await client.ping();
      out.push(rc(name, 'warn', 'PREFLIGHT_REDIS_NO_PASSWORD', `${where(e)} accepts commands without a password; anyone who reaches it can read and change DataCenter's data.`, { endpoint }));
      return true;
    } catch (error) {
      const text = errorText(error);
      if (/NOAUTH/i.test(text)) {
        out.push(rc(name, 'fail', 'PREFLIGHT_REDIS_PASSWORD_REQUIRED', `${where(e)} requires a password, but the project names none; set redis.passwordEnv.`, { endpoint }));
        return false;
      }
      out.push(
        /timed out/i.test(text)
          ? rc(name, 'fail', 'PREFLIGHT_REDIS_COMMAND_TIMEOUT', `${where(e)} did not answer PING within the timeout; is it a Redis server?`, { endpoint, command: 'PING' })
          : rc(name, 'fail', 'PREFLIGHT_REDIS_COMMAND_REFUSED', `${where(e)} refused a command: ${text}.`, { endpoint, reason: text }),
      );
      return false;
    }
  }
  try {
    await client.call('AUTH', redis.password.reveal());
    out.push(rc(name, 'pass', 'PREFLIGHT_REDIS_AUTH_OK', `${where(e)} accepted the password from ${redis.passwordEnv}.`, { endpoint, variable }));
    return true;
  } catch (error) {
    const text = maskSecretIn(errorText(error), redis.password);
    if (/WRONGPASS|invalid password|invalid username-password/i.test(text)) {
      out.push(rc(name, 'fail', 'PREFLIGHT_REDIS_AUTH_REFUSED', `${where(e)} refused the password from ${redis.passwordEnv}; check the variable against the requirepass of the Redis server.`, { endpoint, variable }));
    } else if (/without any password configured|no password is set/i.test(text)) {
      out.push(
        rc(name, 'fail', 'PREFLIGHT_REDIS_AUTH_NOT_NEEDED', `${where(e)} has no password set, but the project names one (${redis.passwordEnv}); AUTH fails, so remove redis.passwordEnv or set a password on the server.`, {
          endpoint,
          variable,
        }),
      );
    } else if (/timed out/i.test(text)) {
      out.push(rc(name, 'fail', 'PREFLIGHT_REDIS_COMMAND_TIMEOUT', `${where(e)} did not answer AUTH within the timeout; is it a Redis server?`, { endpoint, command: 'AUTH' }));
    } else {
      out.push(rc(name, 'fail', 'PREFLIGHT_REDIS_AUTH_FAILED', `${where(e)} refused AUTH: ${text}.`, { endpoint, reason: text }));
    }
    return false;
  }
}

type SentinelAnswer = { sentinel: Endpoint; master: Endpoint | undefined };

/** Asks each sentinel for the master of `masterName`; one check per sentinel. */
async function askSentinels(redis: RedisSection, tlsCtx: TlsContext | undefined, opts: RedisCheckOptions, out: PreflightCheck[]): Promise<SentinelAnswer[]> {
  const masterName = redis.masterName ?? '';
  const answers: SentinelAnswer[] = [];
  for (const s of redis.sentinels) {
    const e: Endpoint = { host: s.host, port: s.port };
    const name = `sentinel ${where(e)}`;
    // estos: the password is the master's; a Sentinel connection takes none.
    const client = openClient(e, clientTls(e, tlsCtx, true), opts.timeoutMs);
    try {
      await connectClient(client, opts.timeoutMs);
      const addr = (await client.call('SENTINEL', 'get-master-addr-by-name', masterName)) as [string, string] | null;
      if (!addr) {
        const known = await knownMasters(client);
        out.push(
          rc(name, 'fail', 'PREFLIGHT_REDIS_SENTINEL_NO_MASTER',
            `Sentinel ${where(e)} knows no master named "${masterName}" (${known.length > 0 ? `it monitors: ${known.join(', ')}` : 'it monitors none'}); check redis.masterName against sentinel.conf.`,
            { sentinel: where(e), masterName, monitors: known }),
        );
        answers.push({ sentinel: e, master: undefined });
        continue;
      }
      const master = { host: String(addr[0]), port: Number(addr[1]) };
      out.push(rc(name, 'pass', 'PREFLIGHT_REDIS_SENTINEL_MASTER', `Sentinel ${where(e)} names ${where(master)} as the master of "${masterName}".`, { sentinel: where(e), master: where(master), masterName }));
      answers.push({ sentinel: e, master });
    } catch (error) {
      out.push(connectFailure(name, e, error));
    } finally {
      client.disconnect();
    }
  }
  return answers;
}

async function knownMasters(client: Redis): Promise<string[]> {
  try {
    const masters = (await client.call('SENTINEL', 'masters')) as string[][];
    return masters.map((flat) => flat[flat.indexOf('name') + 1] ?? '').filter((n) => n !== '');
  } catch {
    return [];
  }
}

async function loadCa(redis: RedisSection, out: PreflightCheck[]): Promise<TlsContext | undefined | 'unreadable'> {
  if (!redis.tls) return undefined;
  if (redis.caFile === undefined) return { ca: undefined, caName: undefined };
  try {
    return { ca: await readGuardedText(redis.caFile, MAX_CA_FILE_BYTES), caName: path.basename(redis.caFile) };
  } catch (error) {
    out.push(rc('tls ca file', 'fail', 'PREFLIGHT_REDIS_CA_UNREADABLE', `The CA file ${redis.caFile} (redis.caFile) cannot be read: ${errorText(error)}.`, { file: redis.caFile, reason: errorText(error) }));
    return 'unreadable';
  }
}

/** Every Redis check of the project's `redis:` section (none: one `skip`). */
export async function redisChecks(redis: Project['redis'], opts: RedisCheckOptions): Promise<PreflightCheck[]> {
  if (!redis) return [rc('redis', 'skip', 'PREFLIGHT_REDIS_NOT_CONFIGURED', 'The project has no redis: section, so Redis was not checked.')];
  const out: PreflightCheck[] = [];
  out.push(
    redis.binaryEncoding
      ? rc('binary encoding', 'pass', 'PREFLIGHT_REDIS_BINARY_ENCODING_ON', 'Binary encoding of values is set, as estos asks.')
      : rc('binary encoding', 'warn', 'PREFLIGHT_REDIS_BINARY_ENCODING_OFF', 'binaryEncoding is false; estos: the option should always be set (otherwise agree it with the estos service first).'),
  );
  const tlsCtx = await loadCa(redis, out);
  if (tlsCtx === 'unreadable') return out;
  if (redis.mode === 'server') {
    const e = { host: redis.host ?? 'localhost', port: redis.port ?? (redis.tls ? 6380 : 6379) };
    out.push(...(await serverChecks(e, redis, tlsCtx, opts, '')));
    return out;
  }
  const answers = await askSentinels(redis, tlsCtx, opts, out);
  const masters = [...new Set(answers.flatMap((a) => (a.master ? [where(a.master)] : [])))];
  const agreeName = 'sentinels agree';
  if (masters.length === 0) {
    out.push(rc(agreeName, 'fail', 'PREFLIGHT_REDIS_SENTINELS_NO_MASTER', `No sentinel named a master for "${redis.masterName}", so the master was not checked.`, { masterName: redis.masterName ?? null }));
    return out;
  }
  if (masters.length > 1) {
    const list = answers.map((a) => `${where(a.sentinel)} → ${a.master ? where(a.master) : 'none'}`).join(', ');
    out.push(
      rc(agreeName, 'fail', 'PREFLIGHT_REDIS_SENTINELS_DISAGREE', `The sentinels disagree on the master of "${redis.masterName}" (${list}); the UCServers may write to different servers.`, {
        masterName: redis.masterName ?? null,
        masters,
        answers: list,
      }),
    );
  } else if (answers.length < redis.sentinels.length || answers.some((a) => !a.master)) {
    out.push(
      rc(agreeName, 'fail', 'PREFLIGHT_REDIS_SENTINELS_INCOMPLETE', `Not every listed sentinel named the master of "${redis.masterName}" (see above); those that did name ${masters[0]}.`, {
        masterName: redis.masterName ?? null,
        master: masters[0] ?? null,
      }),
    );
  } else {
    out.push(
      rc(agreeName, 'pass', 'PREFLIGHT_REDIS_SENTINELS_AGREE', `All ${answers.length} sentinels name ${masters[0]} as the master of "${redis.masterName}".`, {
        count: answers.length,
        master: masters[0] ?? null,
        masterName: redis.masterName ?? null,
      }),
    );
  }
  // The master every (or the first) sentinel named is what the UCServers would connect to.
  const first = answers.find((a) => a.master)?.master as Endpoint;
  out.push(...(await serverChecks(first, redis, tlsCtx, opts, 'master ')));
  return out;
}
