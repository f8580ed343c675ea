/** The pure parts of preflight: certificate names, output shape, exit code, names and share. */
import { describe, expect, it } from 'vitest';
import { nameChecks, hostsToResolve } from '../../src/preflight/name-checks.js';
import { preflightExitCode, preflightResultSchema, renderPreflightText, type PreflightCheck } from '../../src/preflight/result.js';
import { shareCheck } from '../../src/preflight/share-check.js';
import { sqlChecks } from '../../src/preflight/sql-checks.js';
import { redisChecks } from '../../src/preflight/redis-checks.js';
import { dnsNamesOf, wildcardNames } from '../../src/preflight/tls-certificate.js';
import type { Project } from '../../src/project/schema.js';

function project(extra: Partial<Project> = {}): Project {
  return {
    name: 'Test',
    sources: ['a.zip'],
    sourcePaths: ['/tmp/a.zip'],
    mappingPath: undefined,
    servers: [
      { name: 'UC01', fqdn: 'uc01.corp.example', role: 'ucserver', replaces: [], lineGroups: [] },
      { name: 'MS01', fqdn: 'ms01.corp.example', role: 'mediaserver', replaces: [], lineGroups: [] },
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

describe('certificate names', () => {
  it.each([
    ['DNS:redis01.corp.example, IP Address:10.0.0.5', ['redis01.corp.example']],
    ['DNS:*.corp.example, DNS:corp.example', ['*.corp.example', 'corp.example']],
    [undefined, []],
  ])('subjectAltName %s → DNS names %j', (san, names) => {
    expect(dnsNamesOf(san)).toEqual(names);
  });

  it.each([
    [{ subjectCn: 'redis01.corp.example', dnsNames: ['redis01.corp.example'] }, []],
    [{ subjectCn: '*.corp.example', dnsNames: [] }, ['*.corp.example']],
    // A plain CN does not hide a wildcard among the subjectAltNames.
    [{ subjectCn: 'redis01.corp.example', dnsNames: ['redis01.corp.example', '*.corp.example'] }, ['*.corp.example']],
    [{ subjectCn: undefined, dnsNames: ['redis*.corp.example'] }, ['redis*.corp.example']],
  ])('%j has wildcard names %j', (facts, wild) => {
    expect(wildcardNames({ issuerCn: undefined, ...facts })).toEqual(wild);
  });
});

describe('the result', () => {
  const checks: PreflightCheck[] = [
    { area: 'sql', name: 'login', result: 'pass', message: 'Logged in.' },
    { area: 'redis', name: 'binary encoding', result: 'warn', message: 'binaryEncoding is false.' },
    { area: 'share', name: 'content sharing', result: 'skip', message: 'Check by hand.' },
  ];

  it.each([
    [checks, 0],
    [[...checks, { area: 'names', name: 'x', result: 'fail', message: 'no.' } as PreflightCheck], 3],
    [[], 0],
  ])('exit code: warnings and skips are 0, any fail is 3 (case %#)', (list, code) => {
    expect(preflightExitCode({ checks: list })).toBe(code);
  });

  it('the text output has one line per check and a count', () => {
    expect(renderPreflightText({ checks })).toBe(
      'PASS  sql: login: Logged in.\nWARN  redis: binary encoding: binaryEncoding is false.\nSKIP  share: content sharing: Check by hand.\n1 passed, 1 warnings, 0 failed, 1 skipped\n',
    );
  });

  it('the JSON shape is exactly { checks: [{ area, name, result, message }] }', () => {
    expect(preflightResultSchema.parse({ checks })).toEqual({ checks });
    expect(() => preflightResultSchema.parse({ checks: [{ ...checks[0], extra: 1 }] })).toThrow();
    expect(() => preflightResultSchema.parse({ checks: [{ ...checks[0], result: 'ok' }] })).toThrow();
  });
});

describe('without target: or redis:', () => {
  it('the SQL checks are one skip with a sentence', async () => {
    expect(await sqlChecks(undefined, {}, { timeoutMs: 100 })).toEqual([
      { area: 'sql', name: 'target', result: 'skip', message: 'The project has no target: section, so the SQL Server was not checked.', code: 'PREFLIGHT_SQL_NO_TARGET', params: {} },
    ]);
  });
  it('the Redis checks are one skip with a sentence', async () => {
    expect(await redisChecks(undefined, { timeoutMs: 100 })).toEqual([
      { area: 'redis', name: 'redis', result: 'skip', message: 'The project has no redis: section, so Redis was not checked.', code: 'PREFLIGHT_REDIS_NOT_CONFIGURED', params: {} },
    ]);
  });
  it('a target without its password fails the login naming the variable, and connects nowhere', async () => {
    const target = { server: 'sql01', port: 1433, database: 'ProCallDC', authentication: 'sql', user: 'migrator', passwordEnv: 'PM_SQL_PW', encrypt: true, trustServerCertificate: false, collation: 'Latin1_General_100_CI_AS_SC', bulkBatchRows: 10000, password: undefined } as NonNullable<Project['target']>;
    const connect = () => Promise.reject(new Error('must not connect'));
    const checks = await sqlChecks(target, {}, { timeoutMs: 100, connect });
    expect(checks[0]).toMatchObject({ name: 'login', result: 'fail', message: expect.stringContaining('PM_SQL_PW') });
    expect(checks.slice(1).every((c) => c.result === 'skip')).toBe(true);
  });
});

describe('names', () => {
  const withInfra = project({
    target: { server: 'SQL01.corp.example\\PROCALL', database: 'DC' } as Project['target'],
    redis: { mode: 'sentinel', tls: false, binaryEncoding: true, masterName: 'm', sentinels: [{ host: 'redis01.corp.example', port: 26379 }, { host: 'uc01.corp.example', port: 26379 }], password: undefined },
  });

  it('lists every server FQDN, the SQL host (without instance) and the sentinels, each once', () => {
    expect(hostsToResolve(withInfra)).toEqual([
      { host: 'uc01.corp.example', what: 'server UC01, a Redis sentinel' },
      { host: 'ms01.corp.example', what: 'server MS01' },
      { host: 'SQL01.corp.example', what: 'the SQL Server' },
      { host: 'redis01.corp.example', what: 'a Redis sentinel' },
    ]);
  });

  it('a name that resolves passes with its addresses, one that does not fails, a hanging lookup times out', async () => {
    const lookup = async (host: string) => {
      if (host === 'uc01.corp.example') return [{ address: '10.0.0.1' }];
      if (host === 'redis01.corp.example') return new Promise<never>(() => {});
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    };
    const checks = await nameChecks(withInfra, { timeoutMs: 50, lookup });
    expect(checks.map((c) => [c.name, c.result])).toEqual([
      ['uc01.corp.example', 'pass'],
      ['ms01.corp.example', 'fail'],
      ['SQL01.corp.example', 'fail'],
      ['redis01.corp.example', 'fail'],
    ]);
    expect(checks[0]?.message).toContain('10.0.0.1');
    expect(checks[1]?.message).toMatch(/unknown to DNS/);
    expect(checks[3]?.message).toMatch(/no answer within/);
  });

  it('localhost resolves through the system resolver', async () => {
    const checks = await nameChecks(project({ servers: [{ name: 'UC01', fqdn: 'localhost', role: 'ucserver', replaces: [], lineGroups: [] }] }), { timeoutMs: 5000 });
    expect(checks).toEqual([expect.objectContaining({ name: 'localhost', result: 'pass' })]);
  });
});

describe('the content-sharing share', () => {
  it('is always skip, naming the share and the UCServers\' computer accounts', () => {
    const p = project({ settings: { global: { 'contentsharing.fileLocation': { value: '\\\\fs01\\procall$\\share', type: 'text', path: 'x' } }, local: {} } });
    expect(shareCheck(p)).toEqual({
      area: 'share',
      name: 'content sharing',
      result: 'skip',
      message: '\\\\fs01\\procall$\\share cannot be checked from this machine; check by hand that it exists and that the computer accounts of all UCServers (UC01$) have full access to it.',
      code: 'PREFLIGHT_SHARE_CHECK_BY_HAND',
      params: { share: '\\\\fs01\\procall$\\share', accounts: ['UC01$'] },
    });
  });
  it('without a share in the project, says what to check anyway', () => {
    expect(shareCheck(project()).message).toMatch(/names no content-sharing share.*UC01\$/);
  });
});

describe('the redis: section of the project', () => {
  it('resolves caFile against the project file\'s folder and reads the password from passwordEnv', async () => {
    const { loadProject } = await import('../../src/project/load.js');
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(tmpdir(), 'pm-preflight-project-'));
    const file = path.join(dir, 'procall-migrate.yaml');
    writeFileSync(
      file,
      'name: T\nsources: [a.zip]\nuserStore: mssql\nservers:\n  - { name: UC01, fqdn: uc01.corp.example }\nredis:\n  host: redis01.corp.example\n  tls: true\n  caFile: certs/corp-ca.pem\n  passwordEnv: PM_REDIS_PW\n',
    );
    const loaded = await loadProject(file, { PM_REDIS_PW: 'pw-from-env' });
    expect(loaded.project?.redis?.caFile).toBe(path.join(dir, 'certs', 'corp-ca.pem'));
    expect(loaded.project?.redis?.password?.reveal()).toBe('pw-from-env');
    expect(String(loaded.project?.redis?.password)).toBe('(sensitive)');
    rmSync(dir, { recursive: true, force: true });
  });
});
