/**
 * Every preflight check of the areas sql, redis, names and share carries a stable code with its
 * params, and the report says each code in German and English: with real values no `{name}` is
 * left, the German one has no English in it and no raw check names (`sp_getapplock`).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sensitive } from '../../src/model/sensitive.js';
import type { Project } from '../../src/project/schema.js';
import { NAMES_CODES, SHARE_CODES } from '../../src/preflight/names-codes.js';
import { nameChecks } from '../../src/preflight/name-checks.js';
import { REDIS_CODES } from '../../src/preflight/redis-codes.js';
import { redisChecks } from '../../src/preflight/redis-checks.js';
import { preflightResultSchema, type PreflightCheck } from '../../src/preflight/result.js';
import { shareCheck } from '../../src/preflight/share-check.js';
import { SQL_CODES } from '../../src/preflight/sql-codes.js';
import { sqlChecks } from '../../src/preflight/sql-checks.js';
import { translator, type Lang } from '../../src/report/i18n/catalog.js';
import { PREFLIGHT_SENTENCES } from '../../src/report/preflight-sentences.js';
import { parseConnectionString } from '../../src/writers/mssql/connection-string.js';
import { TEXT_COLLATION } from '../../src/writers/mssql/ddl.js';
import { REDIS_SERVER, startRedis, stopAll, type Running } from './redis-harness.js';
import { checkMessage, type CheckView } from '../../src/report/preflight-words.js';

const CODES = { ...SQL_CODES, ...REDIS_CODES, ...NAMES_CODES, ...SHARE_CODES };
type Code = keyof typeof CODES;

const AREA: Record<string, PreflightCheck['area']> = { SQL: 'sql', REDIS: 'redis', NAMES: 'names', SHARE: 'share' };
const areaOf = (code: string): PreflightCheck['area'] => AREA[code.split('_')[1]!]!;

/** Values as the checks write them (sql-checks.ts, redis-checks.ts, tls-certificate.ts, name-checks.ts, share-check.ts). */
const sql = { server: 'sql01.kunde.local:1433/ProCallDC', database: 'ProCallDC', collation: 'Latin1_General_100_CI_AS_SC' };
const endpoint = 'redis01.kunde.local:6380';
const PARAMS: Record<Code, Record<string, string | number | null | string[]>> = {
  PREFLIGHT_SQL_NO_TARGET: {},
  PREFLIGHT_SQL_PASSWORD_UNSET: { server: sql.server, variable: 'PM_SQL_PW' },
  PREFLIGHT_SQL_LOGIN_OK: { server: sql.server, user: 'migrator' },
  PREFLIGHT_SQL_LOGIN_REFUSED: { server: sql.server, user: 'migrator', variable: 'PM_SQL_PW', reason: "Login failed for user 'migrator'" },
  PREFLIGHT_SQL_CONNECT_FAILED: { server: sql.server, user: 'migrator', variable: 'PM_SQL_PW', reason: 'cannot connect to sql01.kunde.local:1433' },
  PREFLIGHT_SQL_LOGIN_FAILED: { server: sql.server, user: 'migrator', reason: 'The server principal is not able to access the database' },
  PREFLIGHT_SQL_SKIPPED_NO_LOGIN: { check: 'sp_getapplock' },
  PREFLIGHT_SQL_VERSION: { version: 'Microsoft SQL Server 2022 (RTM-CU12) (KB5033663) - 16.0.4115.5 (X64)' },
  PREFLIGHT_SQL_VERSION_UNKNOWN: { reason: null },
  PREFLIGHT_SQL_DATABASE_OK: { database: sql.database },
  PREFLIGHT_SQL_DATABASE_UNCHECKED: { database: sql.database, reason: 'Invalid object name' },
  PREFLIGHT_SQL_DATABASE_NO_ACCESS: { database: sql.database },
  PREFLIGHT_SQL_DATABASE_MISSING_MAY_CREATE: { database: sql.database },
  PREFLIGHT_SQL_DATABASE_MISSING: { database: sql.database },
  PREFLIGHT_SQL_DATABASE_MISSING_RIGHT_UNKNOWN: { database: sql.database },
  PREFLIGHT_SQL_SCHEMA_SKIPPED: { database: sql.database },
  PREFLIGHT_SQL_SCHEMA_CREATABLE: { database: sql.database, tables: 12 },
  PREFLIGHT_SQL_SCHEMA_TOO_NEW: { database: sql.database, version: 4, supported: 3 },
  PREFLIGHT_SQL_SCHEMA_UNSEEDED: { database: sql.database },
  PREFLIGHT_SQL_SCHEMA_WRITABLE: { database: sql.database, version: 3, supported: 3 },
  PREFLIGHT_SQL_SCHEMA_UPGRADABLE: { database: sql.database, version: 1, supported: 3 },
  PREFLIGHT_SQL_SCHEMA_COLLATION_FAILED: { database: sql.database, collation: sql.collation, reason: 'Invalid collation' },
  PREFLIGHT_SQL_SCHEMA_NO_PERMISSION: { database: sql.database, permission: 'CREATE TABLE', reason: 'CREATE TABLE permission denied in database' },
  PREFLIGHT_SQL_SCHEMA_FAILED: { database: sql.database, reason: 'Connection lost' },
  PREFLIGHT_SQL_APPLOCK_OK: {},
  PREFLIGHT_SQL_APPLOCK_HELD: {},
  PREFLIGHT_SQL_APPLOCK_REFUSED: { result: -999 },
  PREFLIGHT_SQL_APPLOCK_FAILED: { reason: 'Could not find stored procedure' },
  PREFLIGHT_SQL_COLLATION_OK: { collation: sql.collation },
  PREFLIGHT_SQL_COLLATION_MISSING: { collation: sql.collation },
  PREFLIGHT_SQL_COLLATION_REFUSED: { collation: sql.collation, reason: 'the collation is not supported by the server' },
  PREFLIGHT_SQL_COLLATION_INVALID: { collation: 'Latin1 General' },
  PREFLIGHT_SQL_COLLATION_UNUSABLE: { collation: sql.collation, reason: 'Invalid collation' },
  PREFLIGHT_SQL_BULK_LOAD_OK: { rows: 3, characters: 4600 },
  PREFLIGHT_SQL_BULK_LOAD_CHANGED: {},
  PREFLIGHT_SQL_BULK_LOAD_FAILED: { reason: 'Invalid column type' },
  PREFLIGHT_REDIS_NOT_CONFIGURED: {},
  PREFLIGHT_REDIS_BINARY_ENCODING_ON: {},
  PREFLIGHT_REDIS_BINARY_ENCODING_OFF: {},
  PREFLIGHT_REDIS_CA_UNREADABLE: { file: 'C:\\ProCall\\kunde-ca.pem', reason: 'ENOENT: no such file or directory' },
  PREFLIGHT_REDIS_TLS_UNREACHABLE: { endpoint, reason: 'connect ECONNREFUSED 10.0.0.5:6380' },
  PREFLIGHT_REDIS_TLS_FAILED: { endpoint, reason: 'wrong version number' },
  PREFLIGHT_REDIS_TLS_NO_CERTIFICATE: { endpoint },
  PREFLIGHT_REDIS_TLS_UNTRUSTED: { endpoint, certificate: 'CN=redis01.kunde.local, DNS:redis01.kunde.local', caFile: 'kunde-ca.pem', reason: 'the certificate is self-signed' },
  PREFLIGHT_REDIS_TLS_WRONG_HOST: { endpoint, host: 'redis01.kunde.local', certificate: 'CN=redis02.kunde.local', caFile: 'kunde-ca.pem' },
  PREFLIGHT_REDIS_TLS_TRUSTED: { endpoint, host: 'redis01.kunde.local', certificate: 'CN=redis01.kunde.local', caFile: 'kunde-ca.pem' },
  PREFLIGHT_REDIS_TLS_TRUSTED_BY_SYSTEM: { endpoint, host: 'redis01.kunde.local', certificate: 'CN=redis01.kunde.local', caFile: null },
  PREFLIGHT_REDIS_TLS_WILDCARD: { endpoint, host: 'redis01.kunde.local', names: ['*.kunde.local'] },
  PREFLIGHT_REDIS_TLS_NOT_WILDCARD: { endpoint },
  PREFLIGHT_REDIS_TLS_WILDCARD_UNKNOWN: { endpoint },
  PREFLIGHT_REDIS_SKIPPED_NO_TLS: { check: 'auth', endpoint },
  PREFLIGHT_REDIS_SKIPPED_NO_CONNECTION: { check: 'ping', endpoint },
  PREFLIGHT_REDIS_SKIPPED_NOT_AUTHENTICATED: { check: 'server version', endpoint },
  PREFLIGHT_REDIS_CONNECTED: { endpoint, tls: 'verified' },
  PREFLIGHT_REDIS_REFUSED: { endpoint },
  PREFLIGHT_REDIS_UNRESOLVED: { endpoint, host: 'redis01.kunde.local' },
  PREFLIGHT_REDIS_TIMEOUT: { endpoint },
  PREFLIGHT_REDIS_CONNECT_FAILED: { endpoint, reason: 'EHOSTUNREACH' },
  PREFLIGHT_REDIS_PASSWORD_UNSET: { endpoint, variable: 'PM_REDIS_PW' },
  PREFLIGHT_REDIS_NO_PASSWORD: { endpoint },
  PREFLIGHT_REDIS_PASSWORD_REQUIRED: { endpoint },
  PREFLIGHT_REDIS_COMMAND_TIMEOUT: { endpoint, command: 'PING' },
  PREFLIGHT_REDIS_COMMAND_REFUSED: { endpoint, reason: 'ERR unknown command' },
  PREFLIGHT_REDIS_AUTH_OK: { endpoint, variable: 'PM_REDIS_PW' },
  PREFLIGHT_REDIS_AUTH_REFUSED: { endpoint, variable: 'PM_REDIS_PW' },
  PREFLIGHT_REDIS_AUTH_NOT_NEEDED: { endpoint, variable: 'PM_REDIS_PW' },
  PREFLIGHT_REDIS_AUTH_FAILED: { endpoint, reason: 'ERR something else' },
  PREFLIGHT_REDIS_PING_OK: { endpoint },
  PREFLIGHT_REDIS_PING_WRONG: { endpoint },
  PREFLIGHT_REDIS_PING_FAILED: { endpoint, reason: 'Connection is closed' },
  PREFLIGHT_REDIS_VERSION: { endpoint, version: '7.2.4' },
  PREFLIGHT_REDIS_VERSION_UNKNOWN: { endpoint, reason: null },
  PREFLIGHT_REDIS_ROLE_MASTER: { endpoint },
  PREFLIGHT_REDIS_ROLE_NOT_MASTER: { endpoint, role: 'slave', mode: 'server' },
  PREFLIGHT_REDIS_ROLE_UNKNOWN: { endpoint, reason: 'Connection is closed' },
  PREFLIGHT_REDIS_SENTINEL_MASTER: { sentinel: 'sentinel01.kunde.local:26379', master: endpoint, masterName: 'procall' },
  PREFLIGHT_REDIS_SENTINEL_NO_MASTER: { sentinel: 'sentinel01.kunde.local:26379', masterName: 'procall', monitors: ['mymaster'] },
  PREFLIGHT_REDIS_SENTINELS_NO_MASTER: { masterName: 'procall' },
  PREFLIGHT_REDIS_SENTINELS_DISAGREE: { masterName: 'procall', masters: [endpoint, 'redis02.kunde.local:6380'], answers: 'sentinel01 → redis01, sentinel02 → redis02' },
  PREFLIGHT_REDIS_SENTINELS_INCOMPLETE: { masterName: 'procall', master: endpoint },
  PREFLIGHT_REDIS_SENTINELS_AGREE: { count: 3, master: endpoint, masterName: 'procall' },
  PREFLIGHT_NAMES_IP_ADDRESS: { host: '10.0.0.5', what: 'the SQL Server' },
  PREFLIGHT_NAMES_RESOLVED: { host: 'uc01.kunde.local', what: 'server UC01', addresses: ['10.0.0.11'] },
  PREFLIGHT_NAMES_NO_ADDRESS: { host: 'uc01.kunde.local', what: 'server UC01' },
  PREFLIGHT_NAMES_UNRESOLVED: { host: 'uc01.kunde.local', what: 'server UC01', reason: 'the name is unknown to DNS' },
  PREFLIGHT_SHARE_CHECK_BY_HAND: { share: '\\\\fs01\\procall$\\content', accounts: ['UC01$', 'UC02$'] },
  PREFLIGHT_SHARE_NOT_NAMED: { accounts: ['UC01$'] },
};

/** Common English words that must not stand in a German sentence (whole words, any case). */
const ENGLISH = [
  'the', 'and', 'not', 'with', 'from', 'cannot', 'does', 'did', 'failed', 'skipped', 'check', 'checked', 'lock', 'load',
  'bulk', 'exists', 'password', 'refused', 'refuses', 'answers', 'connected', 'connection', 'timeout', 'login', 'runs', 'is',
  'are', 'has', 'no', 'names', 'please', 'certificate', 'trusted', 'share', 'database', 'permission', 'only',
];
/** Check names and technical words preflight writes that a German reader should not meet raw. */
const RAW = ['sp_getapplock', 'bulk load', 'schema dc', 'server version', 'binaryEncoding', 'passwordEnv', 'target.', 'redis.', '#temp', 'CREATE ANY'];

const view = (code: Code, message = ''): CheckView => ({ area: areaOf(code), name: 'x', result: 'fail', message, code, params: PARAMS[code] });

describe('the codes of the areas sql, redis, names and share', () => {
  it('every code has a sentence in German and English, and every sentence a code', () => {
    expect(Object.keys(PREFLIGHT_SENTENCES).sort()).toEqual(Object.keys(CODES).sort());
    for (const s of Object.values(PREFLIGHT_SENTENCES)) {
      expect(s.de.trim()).not.toBe('');
      expect(s.en.trim()).not.toBe('');
    }
  });

  it.each(Object.keys(CODES) as Code[])('%s reads in German and English with its values', (code) => {
    const rendered = {} as Record<Lang, string>;
    for (const lang of ['de', 'en'] as const) {
      // Without preflight's own sentence, so English renders from the code too.
      const text = checkMessage(translator(lang), view(code));
      rendered[lang] = text;
      expect(text, `${lang}: ${text}`).not.toMatch(/\{\w+\}/);
      // Not the generic fallback: the code's own sentence.
      expect(text).not.toMatch(/Die Prüfung „|The check "/);
    }
    const words = rendered.de.toLowerCase().split(/[^\p{L}_.#]+/u);
    const english = ENGLISH.filter((w) => words.includes(w));
    expect(english, rendered.de).toEqual([]);
    for (const raw of RAW) expect(rendered.de, rendered.de).not.toContain(raw);
    // The values of the check reach the sentence.
    for (const key of ['database', 'endpoint', 'host', 'collation', 'share'] as const) {
      const v = PARAMS[code][key];
      if (typeof v === 'string' && PREFLIGHT_SENTENCES[code]!.de.includes(`{${key}}`)) expect(rendered.de).toContain(v);
    }
  });

  it('every code is documented in docs/spec-extensions.md (in full, or as `_REST` in its area\'s table)', () => {
    const doc = readFileSync(new URL('../../docs/spec-extensions.md', import.meta.url), 'utf8');
    const missing = Object.keys(CODES).filter((code) => !doc.includes(`\`${code}\``) && !doc.includes(`\`_${code.split('_').slice(2).join('_')}\``));
    expect(missing).toEqual([]);
  });

  it("English readers keep preflight's own sentence", () => {
    const message = 'Logged in to sql01:1433/ProCallDC as migrator.';
    expect(checkMessage(translator('en'), view('PREFLIGHT_SQL_LOGIN_OK', message))).toBe(message);
    expect(checkMessage(translator('de'), view('PREFLIGHT_SQL_LOGIN_OK', message))).toBe(`Die Anmeldung an ${sql.server} ist erfolgreich.`);
  });

  it('a check whose params lack a value the sentence needs gets the plain sentence, never a `{name}`', () => {
    const c: CheckView = { area: 'sql', name: 'database', result: 'fail', message: 'x', code: 'PREFLIGHT_SQL_DATABASE_MISSING', params: {} };
    expect(checkMessage(translator('de'), c)).toBe('Die Prüfung „Datenbank“ ist fehlgeschlagen; die Ursache muss vor der Migration behoben werden. Ihr Berater erläutert sie.');
  });
});

function project(extra: Partial<Project> = {}): Project {
  return {
    name: 'Test',
    sources: ['a.zip'],
    sourcePaths: ['/tmp/a.zip'],
    mappingPath: undefined,
    servers: [
      { name: 'UC01', fqdn: 'uc01.kunde.local', role: 'ucserver', replaces: [], lineGroups: [] },
      { name: 'UC02', fqdn: '10.0.0.12', role: 'ucserver', replaces: [], lineGroups: [] },
      { name: 'MS01', fqdn: 'ms01.kunde.local', role: 'mediaserver', replaces: [], lineGroups: [] },
    ],
    homeServers: { balance: false },
    monitor: { everyoneSeesEveryone: 'perGroup', groupLimit: 250 },
    settings: { global: {}, local: {} },
    target: undefined,
    redis: undefined,
    accept: [],
    decisions: [],
    ...extra,
  } as Project;
}

/** Every check the checks wrote carries a known code of its area, with params that fill its sentence. */
function expectCoded(checks: PreflightCheck[]): void {
  expect(checks.length).toBeGreaterThan(0);
  preflightResultSchema.parse({ checks });
  for (const c of checks) {
    expect(c.code, `${c.area} ${c.name}: ${c.message}`).toBeDefined();
    expect(Object.keys(CODES)).toContain(c.code);
    expect(areaOf(c.code!)).toBe(c.area);
    for (const lang of ['de', 'en'] as const) expect(checkMessage(translator(lang), { ...c, message: '' })).not.toMatch(/Die Prüfung „|The check "|\{\w+\}/);
  }
}

describe('the checks write the codes', () => {
  it('names: an IP address, a resolved name, an unknown name, a name without addresses', async () => {
    const lookup = async (host: string) => {
      if (host === 'uc01.kunde.local') return [{ address: '10.0.0.11' }];
      if (host === 'ms01.kunde.local') return [];
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    };
    const p = project({ target: { server: 'sql01.kunde.local\\PROCALL' } as Project['target'] });
    const checks = await nameChecks(p, { timeoutMs: 1000, lookup });
    expectCoded(checks);
    expect(checks.map((c) => [c.name, c.code])).toEqual([
      ['uc01.kunde.local', 'PREFLIGHT_NAMES_RESOLVED'],
      ['10.0.0.12', 'PREFLIGHT_NAMES_IP_ADDRESS'],
      ['ms01.kunde.local', 'PREFLIGHT_NAMES_NO_ADDRESS'],
      ['sql01.kunde.local', 'PREFLIGHT_NAMES_UNRESOLVED'],
    ]);
    expect(checks[0]!.params).toMatchObject({ host: 'uc01.kunde.local', addresses: ['10.0.0.11'] });
    expect(checkMessage(translator('de'), checks[3]!)).toBe('sql01.kunde.local wird im DNS nicht aufgelöst. Bitte prüfen Sie den DNS-Eintrag in Ihrem Netzwerk.');
  });

  it('share: named or not, with the UCServers\' computer accounts', () => {
    const named = shareCheck(project({ settings: { global: { 'contentsharing.path': { value: '\\\\fs01\\content' } }, local: {} } as unknown as Project['settings'] }));
    const none = shareCheck(project());
    expectCoded([named, none]);
    expect(named).toMatchObject({ code: 'PREFLIGHT_SHARE_CHECK_BY_HAND', params: { share: '\\\\fs01\\content', accounts: ['UC01$', '10$'] } });
    expect(none).toMatchObject({ code: 'PREFLIGHT_SHARE_NOT_NAMED' });
    expect(checkMessage(translator('de'), named)).toContain('\\\\fs01\\content');
  });

  it('sql: no target, and a target without its password (every later check skipped with the check it is)', async () => {
    expectCoded(await sqlChecks(undefined, {}, { timeoutMs: 100 }));
    const target = { server: 'sql01', port: 1433, database: 'ProCallDC', authentication: 'sql', user: 'migrator', passwordEnv: 'PM_SQL_PW', encrypt: true, trustServerCertificate: false, collation: 'Latin1_General_100_CI_AS_SC', bulkBatchRows: 10000, password: undefined } as NonNullable<Project['target']>;
    const checks = await sqlChecks(target, {}, { timeoutMs: 100, connect: () => Promise.reject(new Error('must not connect')) });
    expectCoded(checks);
    expect(checks[0]).toMatchObject({ code: 'PREFLIGHT_SQL_PASSWORD_UNSET', params: { variable: 'PM_SQL_PW' } });
    expect(checks.slice(1).map((c) => [c.code, c.params?.check])).toEqual(
      ['server version', 'database', 'schema dc', 'sp_getapplock', 'collation', 'bulk load'].map((n) => ['PREFLIGHT_SQL_SKIPPED_NO_LOGIN', n]),
    );
  });

  it('sql: a refused login and an unreachable server are told apart', async () => {
    const target = { server: 'sql01', port: 1433, database: 'ProCallDC', authentication: 'sql', user: 'migrator', passwordEnv: 'PM_SQL_PW', encrypt: true, trustServerCertificate: false, collation: 'Latin1_General_100_CI_AS_SC', bulkBatchRows: 10000, password: { reveal: () => 'Geheim!123' } } as unknown as NonNullable<Project['target']>;
    const failing = (code: string, message: string) => () => Promise.reject(Object.assign(new Error(message), { code }));
    const refused = await sqlChecks(target, { PM_SQL_PW: 'Geheim!123' }, { timeoutMs: 100, connect: failing('DB_LOGIN_FAILED', "Login failed for user 'migrator'.") });
    const down = await sqlChecks(target, { PM_SQL_PW: 'Geheim!123' }, { timeoutMs: 100, connect: failing('DB_CONNECT_FAILED', 'cannot connect to sql01:1433') });
    expectCoded([...refused, ...down]);
    expect(refused[0]!.code).toBe('PREFLIGHT_SQL_LOGIN_REFUSED');
    expect(down[0]!.code).toBe('PREFLIGHT_SQL_CONNECT_FAILED');
    expect(JSON.stringify([refused, down])).not.toContain('Geheim!123');
  });

  it('redis: none, and a server where nothing listens', async () => {
    expectCoded(await redisChecks(undefined, { timeoutMs: 100 }));
    const redis = { mode: 'server', host: '127.0.0.1', port: 1, tls: false, binaryEncoding: false, sentinels: [] } as unknown as NonNullable<Project['redis']>;
    const checks = await redisChecks(redis, { timeoutMs: 2000 });
    expectCoded(checks);
    expect(checks.map((c) => c.code)).toEqual([
      'PREFLIGHT_REDIS_BINARY_ENCODING_OFF',
      'PREFLIGHT_REDIS_REFUSED',
      ...Array(4).fill('PREFLIGHT_REDIS_SKIPPED_NO_CONNECTION'),
    ]);
    expect(checks[1]!.params).toEqual({ endpoint: '127.0.0.1:1' });
  });
});

describe.skipIf(!REDIS_SERVER)('the Redis checks against a real redis-server write the codes', () => {
  const PASSWORD = 'C0des-Redis-pw!';
  let redis: Running;
  beforeAll(async () => {
    redis = await startRedis(PASSWORD);
  });
  afterAll(stopAll);

  it('the right password, a wrong one, none', async () => {
    const base = { mode: 'server', host: '127.0.0.1', port: 0, tls: false, binaryEncoding: true, sentinels: [], passwordEnv: 'PM_REDIS_PW' } as unknown as NonNullable<Project['redis']>;
    const run = (password: string | undefined, passwordEnv: string | undefined) =>
      redisChecks({ ...base, port: redis.port, passwordEnv, password: password === undefined ? undefined : new Sensitive(password) } as NonNullable<Project['redis']>, { timeoutMs: 2000 });
    const right = await run(PASSWORD, 'PM_REDIS_PW');
    const wrong = await run('Wr0ng-pw?', 'PM_REDIS_PW');
    const none = await run(undefined, undefined);
    for (const checks of [right, wrong, none]) expectCoded(checks);
    expect(right.map((c) => c.code)).toEqual([
      'PREFLIGHT_REDIS_BINARY_ENCODING_ON', 'PREFLIGHT_REDIS_CONNECTED', 'PREFLIGHT_REDIS_AUTH_OK', 'PREFLIGHT_REDIS_PING_OK', 'PREFLIGHT_REDIS_VERSION', 'PREFLIGHT_REDIS_ROLE_MASTER',
    ]);
    expect(right.find((c) => c.code === 'PREFLIGHT_REDIS_VERSION')?.params?.version).toMatch(/^\d+\.\d+/);
    expect(wrong.map((c) => c.code).slice(2, 4)).toEqual(['PREFLIGHT_REDIS_AUTH_REFUSED', 'PREFLIGHT_REDIS_SKIPPED_NOT_AUTHENTICATED']);
    expect(none[2]!.code).toBe('PREFLIGHT_REDIS_PASSWORD_REQUIRED');
    const text = JSON.stringify([right, wrong, none]);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('Wr0ng-pw?');
  });
});

const MSSQL_URL = process.env.MSSQL_URL;

describe.skipIf(!MSSQL_URL)('the SQL checks against a real SQL Server write the codes', () => {
  it('a database that does not exist: checked from master, nothing created', async () => {
    const s = parseConnectionString(MSSQL_URL ?? '');
    const target = {
      server: s.instanceName ? `${s.server}\\${s.instanceName}` : s.server,
      port: s.port ?? 1433,
      database: 'pm_codes_missing_db',
      authentication: 'sql',
      user: s.user,
      domain: undefined,
      passwordEnv: undefined,
      encrypt: s.encrypt,
      trustServerCertificate: s.trustServerCertificate,
      // A server without Microsoft's default collation (Babelfish) runs with MSSQL_COLLATION.
      collation: process.env.MSSQL_COLLATION ?? TEXT_COLLATION,
      bulkBatchRows: 1000,
      password: s.password,
    } as unknown as NonNullable<Project['target']>;
    const checks = await sqlChecks(target, {}, { timeoutMs: 10_000 });
    expectCoded(checks);
    expect(checks.map((c) => c.code)).toEqual([
      'PREFLIGHT_SQL_LOGIN_OK', 'PREFLIGHT_SQL_VERSION', expect.stringMatching(/^PREFLIGHT_SQL_DATABASE_MISSING/), 'PREFLIGHT_SQL_SCHEMA_SKIPPED',
      'PREFLIGHT_SQL_APPLOCK_OK', 'PREFLIGHT_SQL_COLLATION_OK', 'PREFLIGHT_SQL_BULK_LOAD_OK',
    ]);
    expect(checks[2]!.params).toEqual({ database: 'pm_codes_missing_db' });
  }, 60_000);
});
