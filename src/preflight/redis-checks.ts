/**
 * The Redis checks: the endpoint (directly, or the master the Sentinels name), TLS trust and
 * wildcard (tls-certificate.ts), AUTH with the password from `passwordEnv`, PING, the server
 * version and role; for Sentinel every listed sentinel must answer and agree on the master of
 * `masterName`. One short-lived ioredis connection per endpoint: no retries, no offline queue,
 * every connect and command bounded by the timeout, so a Redis that is down fails at once.
 */
import { MAX_CA_FILE_BYTES, readGuardedText } from '../io/read-guard.js';
import path from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import { isIP } from 'node:net';
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';
import type { Project } from '../model/project.js';
import { maskSecretIn } from '../model/sensitive.js';
import { check, errorText, withTimeout, type PreflightCheck } from './result.js';
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

function connectFailure(e: Endpoint, error: unknown): string {
  const text = errorText(error);
  if (/ECONNREFUSED/.test(text)) return `Nothing accepts connections on ${where(e)} (connection refused); check that Redis runs there and the port is right.`;
  if (/ENOTFOUND|EAI_AGAIN/.test(text)) return `${e.host} does not resolve; check the name.`;
  if (/timed? ?out|no answer|ETIMEDOUT/i.test(text)) return `${where(e)} did not answer within the timeout; check the firewall and that Redis runs there.`;
  return `Cannot connect to ${where(e)}: ${text}.`;
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
      out.push(check('redis', `${label}connect`, 'skip', `Skipped: no TLS handshake with ${where(e)}.`));
      for (const name of ['auth', 'ping', 'server version', 'role']) out.push(check('redis', `${label}${name}`, 'skip', `Skipped: no TLS handshake with ${where(e)}.`));
      return out;
    }
    // The remaining checks still say whether the password is right; the trust finding stands above.
    verify = t.trusted;
  }
  const client = openClient(e, clientTls(e, tlsCtx, verify), opts.timeoutMs);
  const skipRest = (why: string) => {
    for (const name of ['auth', 'ping', 'server version', 'role']) out.push(check('redis', `${label}${name}`, 'skip', why));
  };
  try {
    try {
      await connectClient(client, opts.timeoutMs);
    } catch (error) {
      out.push(check('redis', `${label}connect`, 'fail', connectFailure(e, error)));
      skipRest(`Skipped: no connection to ${where(e)}.`);
      return out;
    }
    const how = tlsCtx ? (verify ? ' over TLS' : ' over TLS (certificate not verified, see above)') : '';
    out.push(check('redis', `${label}connect`, 'pass', `Connected to ${where(e)}${how}.`));
    const authOk = await authCheck(client, e, redis, label, out);
    if (!authOk) {
      for (const name of ['ping', 'server version', 'role']) out.push(check('redis', `${label}${name}`, 'skip', 'Skipped: not authenticated.'));
      return out;
    }
    try {
      const pong = await client.ping();
      out.push(check('redis', `${label}ping`, pong === 'PONG' ? 'pass' : 'fail', pong === 'PONG' ? `${where(e)} answers PING.` : `${where(e)} answered PING with something other than PONG.`));
    } catch (error) {
      out.push(check('redis', `${label}ping`, 'fail', `${where(e)} did not answer PING: ${maskSecretIn(errorText(error), redis.password)}.`));
    }
    try {
      const info = parseInfo(await client.info('server'));
      const version = info.get('redis_version');
      out.push(check('redis', `${label}server version`, version ? 'pass' : 'warn', version ? `${where(e)} runs Redis ${version}.` : `${where(e)} did not report its version.`));
    } catch (error) {
      out.push(check('redis', `${label}server version`, 'warn', `${where(e)} did not report its version: ${maskSecretIn(errorText(error), redis.password)}.`));
    }
    try {
      const role = parseInfo(await client.info('replication')).get('role');
      out.push(
        role === 'master'
          ? check('redis', `${label}role`, 'pass', `${where(e)} answers role:master.`)
          : check('redis', `${label}role`, 'fail', `${where(e)} answers role:${role ?? 'unknown'}, not master; the UCServers need to write, so name the master${redis.mode === 'server' ? ' or use mode: sentinel' : ''}.`),
      );
    } catch (error) {
      out.push(check('redis', `${label}role`, 'warn', `${where(e)} did not report its role: ${maskSecretIn(errorText(error), redis.password)}.`));
    }
    return out;
  } finally {
    client.disconnect();
  }
}

/** AUTH with the project's password (or, without one, whether the server asks for one). */
async function authCheck(client: Redis, e: Endpoint, redis: RedisSection, label: string, out: PreflightCheck[]): Promise<boolean> {
  const name = `${label}auth`;
  if (redis.passwordEnv !== undefined && redis.password === undefined) {
    out.push(check('redis', name, 'fail', `The environment variable ${redis.passwordEnv} (redis.passwordEnv) is not set, so no password was sent.`));
    return false;
  }
  if (redis.password === undefined) {
    try {
      await client.ping();
      out.push(check('redis', name, 'warn', `${where(e)} accepts commands without a password; anyone who reaches it can read and change DataCenter's data.`));
      return true;
    } catch (error) {
      const text = errorText(error);
      if (/NOAUTH/i.test(text)) {
        out.push(check('redis', name, 'fail', `${where(e)} requires a password, but the project names none; set redis.passwordEnv.`));
        return false;
      }
      out.push(check('redis', name, 'fail', /timed out/i.test(text) ? `${where(e)} did not answer PING within the timeout; is it a Redis server?` : `${where(e)} refused a command: ${text}.`));
      return false;
    }
  }
  try {
    await client.call('AUTH', redis.password.reveal());
    out.push(check('redis', name, 'pass', `${where(e)} accepted the password from ${redis.passwordEnv}.`));
    return true;
  } catch (error) {
    const text = maskSecretIn(errorText(error), redis.password);
    if (/WRONGPASS|invalid password|invalid username-password/i.test(text)) {
      out.push(check('redis', name, 'fail', `${where(e)} refused the password from ${redis.passwordEnv}; check the variable against the requirepass of the Redis server.`));
    } else if (/without any password configured|no password is set/i.test(text)) {
      out.push(check('redis', name, 'fail', `${where(e)} has no password set, but the project names one (${redis.passwordEnv}); AUTH fails, so remove redis.passwordEnv or set a password on the server.`));
    } else if (/timed out/i.test(text)) {
      out.push(check('redis', name, 'fail', `${where(e)} did not answer AUTH within the timeout; is it a Redis server?`));
    } else {
      out.push(check('redis', name, 'fail', `${where(e)} refused AUTH: ${text}.`));
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
          check('redis', name, 'fail',
            `Sentinel ${where(e)} knows no master named "${masterName}" (${known.length > 0 ? `it monitors: ${known.join(', ')}` : 'it monitors none'}); check redis.masterName against sentinel.conf.`),
        );
        answers.push({ sentinel: e, master: undefined });
        continue;
      }
      const master = { host: String(addr[0]), port: Number(addr[1]) };
      out.push(check('redis', name, 'pass', `Sentinel ${where(e)} names ${where(master)} as the master of "${masterName}".`));
      answers.push({ sentinel: e, master });
    } catch (error) {
      out.push(check('redis', name, 'fail', connectFailure(e, error)));
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
    out.push(check('redis', 'tls ca file', 'fail', `The CA file ${redis.caFile} (redis.caFile) cannot be read: ${errorText(error)}.`));
    return 'unreadable';
  }
}

/** Every Redis check of the project's `redis:` section (none: one `skip`). */
export async function redisChecks(redis: Project['redis'], opts: RedisCheckOptions): Promise<PreflightCheck[]> {
  if (!redis) return [check('redis', 'redis', 'skip', 'The project has no redis: section, so Redis was not checked.')];
  const out: PreflightCheck[] = [];
  out.push(
    redis.binaryEncoding
      ? check('redis', 'binary encoding', 'pass', 'Binary encoding of values is set, as estos asks.')
      : check('redis', 'binary encoding', 'warn', 'binaryEncoding is false; estos: the option should always be set (otherwise agree it with the estos service first).'),
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
    out.push(check('redis', agreeName, 'fail', `No sentinel named a master for "${redis.masterName}", so the master was not checked.`));
    return out;
  }
  if (masters.length > 1) {
    const list = answers.map((a) => `${where(a.sentinel)} → ${a.master ? where(a.master) : 'none'}`).join(', ');
    out.push(check('redis', agreeName, 'fail', `The sentinels disagree on the master of "${redis.masterName}" (${list}); the UCServers may write to different servers.`));
  } else if (answers.length < redis.sentinels.length || answers.some((a) => !a.master)) {
    out.push(check('redis', agreeName, 'fail', `Not every listed sentinel named the master of "${redis.masterName}" (see above); those that did name ${masters[0]}.`));
  } else {
    out.push(check('redis', agreeName, 'pass', `All ${answers.length} sentinels name ${masters[0]} as the master of "${redis.masterName}".`));
  }
  // The master every (or the first) sentinel named is what the UCServers would connect to.
  const first = answers.find((a) => a.master)?.master as Endpoint;
  out.push(...(await serverChecks(first, redis, tlsCtx, opts, 'master ')));
  return out;
}
