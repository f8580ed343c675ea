/**
 * The Redis checks against a real redis-server (and Sentinel) started by the tests on free
 * loopback ports. Skipped, never failed, only where redis-server is not installed.
 */
import { createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisChecks, type RedisSection } from '../../src/preflight/redis-checks.js';
import type { PreflightCheck } from '../../src/preflight/result.js';
import { Sensitive } from '../../src/model/sensitive.js';
import {
  OPENSSL,
  REDIS_SERVER,
  REDIS_TLS,
  freePort,
  makeCa,
  makeServerCert,
  startRedis,
  startSentinel,
  startTlsRedis,
  stopAll,
  tempDir,
  type Running,
  type TlsFiles,
} from './redis-harness.js';

const PASSWORD = 'S3cret-Redis-pw!';
const WRONG = 'Wr0ng-Redis-pw?';
const TIMEOUT_MS = 2000;

function section(extra: Partial<RedisSection>): RedisSection {
  return { mode: 'server', tls: false, binaryEncoding: true, sentinels: [], password: undefined, ...extra };
}

/** `name → result` for compact assertions. */
const results = (checks: PreflightCheck[]) => Object.fromEntries(checks.map((c) => [c.name, c.result]));
const byName = (checks: PreflightCheck[], name: string) => checks.find((c) => c.name === name);

function noSecretIn(checks: PreflightCheck[]) {
  const text = JSON.stringify(checks);
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(WRONG);
}

if (!REDIS_SERVER) console.warn('preflight: redis-server not found; the real-Redis tests are skipped (apt-get install redis-server redis-sentinel)');

describe.skipIf(!REDIS_SERVER)('preflight against a real Redis', () => {
  let redis: Running;
  beforeAll(async () => {
    redis = await startRedis(PASSWORD);
  });
  afterAll(stopAll);

  it('the right password passes every check and reports the version', async () => {
    const checks = await redisChecks(section({ host: '127.0.0.1', port: redis.port, passwordEnv: 'PM_REDIS_PW', password: new Sensitive(PASSWORD) }), { timeoutMs: TIMEOUT_MS });
    expect(results(checks)).toEqual({ 'binary encoding': 'pass', connect: 'pass', auth: 'pass', ping: 'pass', 'server version': 'pass', role: 'pass' });
    expect(byName(checks, 'server version')?.message).toMatch(/runs Redis \d+\.\d+/);
    noSecretIn(checks);
  });

  it('a wrong password fails AUTH with a sentence that names the variable, not the password', async () => {
    const checks = await redisChecks(section({ host: '127.0.0.1', port: redis.port, passwordEnv: 'PM_REDIS_PW', password: new Sensitive(WRONG) }), { timeoutMs: TIMEOUT_MS });
    expect(results(checks)).toMatchObject({ connect: 'pass', auth: 'fail', ping: 'skip' });
    expect(byName(checks, 'auth')?.message).toMatch(/refused the password from PM_REDIS_PW/);
    noSecretIn(checks);
  });

  it('no password against a server that requires one fails and says to set passwordEnv', async () => {
    const checks = await redisChecks(section({ host: '127.0.0.1', port: redis.port }), { timeoutMs: TIMEOUT_MS });
    expect(byName(checks, 'auth')).toMatchObject({ result: 'fail', message: expect.stringMatching(/requires a password.*redis\.passwordEnv/) });
  });

  it('an unset passwordEnv fails naming the variable', async () => {
    const checks = await redisChecks(section({ host: '127.0.0.1', port: redis.port, passwordEnv: 'PM_REDIS_UNSET' }), { timeoutMs: TIMEOUT_MS });
    expect(byName(checks, 'auth')).toMatchObject({ result: 'fail', message: expect.stringContaining('PM_REDIS_UNSET') });
  });

  it('a server without a password: a warning, or a failure when the project names one', async () => {
    const open = await startRedis();
    const none = await redisChecks(section({ host: '127.0.0.1', port: open.port }), { timeoutMs: TIMEOUT_MS });
    expect(byName(none, 'auth')).toMatchObject({ result: 'warn', message: expect.stringContaining('without a password') });
    expect(byName(none, 'ping')?.result).toBe('pass');
    const named = await redisChecks(section({ host: '127.0.0.1', port: open.port, passwordEnv: 'PM_REDIS_PW', password: new Sensitive(PASSWORD) }), { timeoutMs: TIMEOUT_MS });
    expect(byName(named, 'auth')).toMatchObject({ result: 'fail', message: expect.stringMatching(/has no password set, but the project names one \(PM_REDIS_PW\)/) });
    noSecretIn(named);
  });

  it('binaryEncoding: false is a warning', async () => {
    const checks = await redisChecks(section({ host: '127.0.0.1', port: redis.port, binaryEncoding: false, passwordEnv: 'PM_REDIS_PW', password: new Sensitive(PASSWORD) }), { timeoutMs: TIMEOUT_MS });
    expect(byName(checks, 'binary encoding')?.result).toBe('warn');
  });

  it('Redis down fails at once: connection refused, the rest skipped', async () => {
    const port = await freePort();
    const checks = await redisChecks(section({ host: '127.0.0.1', port, passwordEnv: 'PM_REDIS_PW', password: new Sensitive(PASSWORD) }), { timeoutMs: TIMEOUT_MS });
    expect(results(checks)).toMatchObject({ connect: 'fail', auth: 'skip', ping: 'skip' });
    expect(byName(checks, 'connect')?.message).toMatch(/connection refused/);
  });

  it('a server that accepts TCP but never answers fails on the timeout, no hang', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    try {
      const checks = await redisChecks(section({ host: '127.0.0.1', port, passwordEnv: 'PM_REDIS_PW', password: new Sensitive(PASSWORD) }), { timeoutMs: 500 });
      expect(checks.some((c) => c.result === 'fail')).toBe(true);
      expect(checks.filter((c) => c.result === 'pass').map((c) => c.name)).toEqual(expect.not.arrayContaining(['auth', 'ping']));
      noSecretIn(checks);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it('mode server pointing at a replica fails the role check', async () => {
    const replica = await startRedis(PASSWORD, ['--replicaof', '127.0.0.1', String(redis.port), '--masterauth', PASSWORD]);
    const checks = await redisChecks(section({ host: '127.0.0.1', port: replica.port, passwordEnv: 'PM_REDIS_PW', password: new Sensitive(PASSWORD) }), { timeoutMs: TIMEOUT_MS });
    expect(byName(checks, 'role')).toMatchObject({ result: 'fail', message: expect.stringMatching(/role:slave, not master.*mode: sentinel/) });
    noSecretIn(checks);
  });

  it('sentinels that name different masters fail "sentinels agree"', async () => {
    const other = await startRedis(PASSWORD);
    const s1 = await startSentinel('split', redis.port, PASSWORD);
    const s2 = await startSentinel('split', other.port, PASSWORD);
    const checks = await redisChecks(
      section({ mode: 'sentinel', masterName: 'split', sentinels: [s1, s2].map((s) => ({ host: '127.0.0.1', port: s.port })), passwordEnv: 'PM_REDIS_PW', password: new Sensitive(PASSWORD) }),
      { timeoutMs: TIMEOUT_MS },
    );
    expect(byName(checks, 'sentinels agree')).toMatchObject({ result: 'fail', message: expect.stringContaining('disagree') });
    expect(byName(checks, 'sentinels agree')?.message).toContain(`127.0.0.1:${other.port}`);
  });

  describe('Sentinel', () => {
    let sentinels: Running[];
    beforeAll(async () => {
      sentinels = [await startSentinel('procall-redis', redis.port, PASSWORD), await startSentinel('procall-redis', redis.port, PASSWORD)];
    });

    const sentinelSection = (masterName: string, password = PASSWORD) =>
      section({
        mode: 'sentinel',
        masterName,
        sentinels: sentinels.map((s) => ({ host: '127.0.0.1', port: s.port })),
        passwordEnv: 'PM_REDIS_PW',
        password: new Sensitive(password),
      });

    it('the right master name: every sentinel answers, they agree, and the master answers role:master', async () => {
      const checks = await redisChecks(sentinelSection('procall-redis'), { timeoutMs: TIMEOUT_MS });
      expect(results(checks)).toEqual({
        'binary encoding': 'pass',
        [`sentinel 127.0.0.1:${sentinels[0]!.port}`]: 'pass',
        [`sentinel 127.0.0.1:${sentinels[1]!.port}`]: 'pass',
        'sentinels agree': 'pass',
        'master connect': 'pass',
        'master auth': 'pass',
        'master ping': 'pass',
        'master server version': 'pass',
        'master role': 'pass',
      });
      expect(byName(checks, 'sentinels agree')?.message).toContain(`127.0.0.1:${redis.port}`);
      noSecretIn(checks);
    });

    it('a wrong master name fails at every sentinel, naming the master it does monitor', async () => {
      const checks = await redisChecks(sentinelSection('procall-redis-typo'), { timeoutMs: TIMEOUT_MS });
      const perSentinel = checks.filter((c) => c.name.startsWith('sentinel 127.0.0.1'));
      expect(perSentinel.map((c) => c.result)).toEqual(['fail', 'fail']);
      expect(perSentinel[0]?.message).toMatch(/no master named "procall-redis-typo".*procall-redis/);
      expect(byName(checks, 'sentinels agree')?.result).toBe('fail');
      expect(checks.some((c) => c.name === 'master connect')).toBe(false);
    });

    it('a sentinel that does not answer fails, the others still name the master', async () => {
      const down = await freePort();
      const s = sentinelSection('procall-redis');
      const checks = await redisChecks({ ...s, sentinels: [...s.sentinels, { host: '127.0.0.1', port: down }] }, { timeoutMs: TIMEOUT_MS });
      expect(byName(checks, `sentinel 127.0.0.1:${down}`)?.result).toBe('fail');
      expect(byName(checks, 'sentinels agree')?.result).toBe('fail');
      expect(byName(checks, 'master role')?.result).toBe('pass');
    });
  });
});

describe.skipIf(!REDIS_SERVER || !REDIS_TLS || !OPENSSL)('preflight against Redis with TLS', () => {
  let dir: string;
  let caFile: string;
  let good: Running;
  let goodFiles: TlsFiles;
  let wildcard: Running;
  let untrusted: Running;
  beforeAll(async () => {
    dir = tempDir('pm-preflight-tls-');
    const ca = makeCa(dir, 'test-ca');
    const otherCa = makeCa(dir, 'other-ca');
    caFile = ca.cert;
    goodFiles = makeServerCert(dir, 'redis01', ca, 'localhost', ['DNS:localhost', 'IP:127.0.0.1']);
    good = await startTlsRedis(goodFiles, PASSWORD);
    wildcard = await startTlsRedis(makeServerCert(dir, 'wild', ca, '*.example.test', ['DNS:*.example.test', 'IP:127.0.0.1']), PASSWORD);
    untrusted = await startTlsRedis(makeServerCert(dir, 'stranger', otherCa, 'localhost', ['DNS:localhost', 'IP:127.0.0.1']), PASSWORD);
  });
  afterAll(stopAll);

  const tlsSection = (port: number) =>
    section({ host: '127.0.0.1', port, tls: true, caFile, passwordEnv: 'PM_REDIS_PW', password: new Sensitive(PASSWORD) });

  it('a certificate from the project CA passes trust and wildcard, then AUTH and PING over TLS', async () => {
    const checks = await redisChecks(tlsSection(good.port), { timeoutMs: TIMEOUT_MS });
    expect(results(checks)).toMatchObject({ 'tls certificate': 'pass', 'tls wildcard': 'pass', connect: 'pass', auth: 'pass', ping: 'pass' });
    expect(byName(checks, 'tls certificate')?.message).toContain(path.basename(caFile));
    noSecretIn(checks);
  });

  it('a wildcard certificate fails, saying it is a wildcard and that estos forbids it', async () => {
    const checks = await redisChecks(tlsSection(wildcard.port), { timeoutMs: TIMEOUT_MS });
    expect(byName(checks, 'tls certificate')?.result).toBe('pass');
    expect(byName(checks, 'tls wildcard')).toMatchObject({ result: 'fail', message: expect.stringMatching(/wildcard certificate \(\*\.example\.test\).*must not be a wildcard/) });
  });

  it('a certificate from another CA is not trusted', async () => {
    const checks = await redisChecks(tlsSection(untrusted.port), { timeoutMs: TIMEOUT_MS });
    expect(byName(checks, 'tls certificate')).toMatchObject({ result: 'fail', message: expect.stringMatching(/not trusted by the CA in test-ca\.pem/) });
    // The password is still checked (over an unverified connection), so one evening shows both findings.
    expect(byName(checks, 'auth')?.result).toBe('pass');
  });

  it('TLS against a plain Redis fails the handshake', async () => {
    const plain = await startRedis(PASSWORD);
    const checks = await redisChecks(tlsSection(plain.port), { timeoutMs: TIMEOUT_MS });
    expect(byName(checks, 'tls certificate')?.result).toBe('fail');
  });

  it('Sentinel over TLS: the sentinels answer over TLS and the master passes the certificate checks', async () => {
    const sentinel = await startSentinel('procall-redis', good.port, PASSWORD, goodFiles);
    const checks = await redisChecks(
      section({ mode: 'sentinel', masterName: 'procall-redis', sentinels: [{ host: '127.0.0.1', port: sentinel.port }], tls: true, caFile, passwordEnv: 'PM_REDIS_PW', password: new Sensitive(PASSWORD) }),
      { timeoutMs: TIMEOUT_MS },
    );
    expect(results(checks)).toMatchObject({
      [`sentinel 127.0.0.1:${sentinel.port}`]: 'pass',
      'sentinels agree': 'pass',
      'master tls certificate': 'pass',
      'master tls wildcard': 'pass',
      'master auth': 'pass',
      'master role': 'pass',
    });
    noSecretIn(checks);
  });

  it('an unreadable caFile fails and stops', async () => {
    const checks = await redisChecks({ ...tlsSection(good.port), caFile: path.join(dir, 'missing.pem') }, { timeoutMs: TIMEOUT_MS });
    expect(byName(checks, 'tls ca file')?.result).toBe('fail');
    expect(checks.some((c) => c.name === 'connect')).toBe(false);
  });
});

if (REDIS_SERVER && !REDIS_TLS) console.warn('preflight: this redis-server was built without TLS; the TLS tests are skipped');
