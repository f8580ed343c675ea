/**
 * The directory preflight against a real OpenLDAP slapd (slapd-harness.ts) holding the Active
 * Directory attributes the check reads: LDAPS from a test CA, StartTLS, plain LDAP, right and
 * wrong bind password, untrusted and wrong-host certificates, a missing base DN, users missing,
 * disabled, renamed, duplicated, a server that is down, and 10,000 users.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/project/load.js';
import type { Project } from '../../src/project/schema.js';
import { directoryChecks, type DirectoryInputs } from '../../src/preflight/directory-checks.js';
import { directoryConfig } from '../../src/preflight/directory-config.js';
import type { PlanUser } from '../../src/preflight/directory-match.js';
import type { PreflightCheck } from '../../src/preflight/result.js';
import { freePort, makeCa, makeServerCert, stopAll, tempDir } from './redis-harness.js';
import { BIND_DN, BIND_PASSWORD, HAVE_SLAPD, SUFFIX, guidBytes, startSlapd, stopSlapds, type AdUser, type Slapd } from './slapd-harness.js';

const BASE = `ou=Users,ou=KWS,${SUFFIX}`;
const G = {
  anna: '095f3e3d-6e2d-5964-b199-ab8498fcfce8',
  bob: '09e82c21-c624-5e6b-aba7-458413971e48',
  carla: '0ae53b65-2f27-56a2-883f-89ab9851635b',
  dora: '1e9281ac-b25b-589c-a6d7-bfc8318cb4df',
  emil: '2d585b33-7a27-5bf2-9e4a-b1a76893dbb8',
  emilNew: '3d585b33-7a27-5bf2-9e4a-b1a76893dbb9',
  hans: '4e9281ac-b25b-589c-a6d7-bfc8318cb4d0',
};

const AD_USERS: AdUser[] = [
  { cn: 'Anna Schmidt', ou: 'ou=Users,ou=KWS', sam: 'anna.schmidt', guid: guidBytes(G.anna) },
  { cn: 'Bob Meyer', ou: 'ou=Users,ou=KWS', sam: 'bob.meyer', uac: 514, guid: guidBytes(G.bob) },
  // Married in October: same account (GUID), new name.
  { cn: 'Carla Berger', ou: 'ou=Users,ou=KWS', sam: 'carla.berger', guid: guidBytes(G.carla) },
  { cn: 'Dora Dupont', ou: 'ou=Users,ou=KWS', sam: 'dora.dupont', guid: guidBytes(G.dora) },
  { cn: 'Dora Dupont 2', ou: 'ou=Sub,ou=Users,ou=KWS', sam: 'dora.dupont' },
  // Deleted and created again: same name, new GUID.
  { cn: 'Emil Ernst', ou: 'ou=Users,ou=KWS', sam: 'emil.ernst', guid: guidBytes(G.emilNew) },
  { cn: 'Fiona Feld', ou: 'ou=Users,ou=KWS', sam: 'fiona.feld' },
  // Moved out of the users' OU: the UCServers would not find him.
  { cn: 'Hans Alt', ou: 'ou=Former,ou=KWS', sam: 'hans.alt', guid: guidBytes(G.hans) },
];

const planUser = (userName: string, sam: string, guid: string, extra: Partial<PlanUser> = {}): PlanUser => ({
  userName,
  source: 'ucs-kws-01.kws.local',
  enabled: true,
  samAccountName: sam,
  objectGuid: guid,
  linked: true,
  ...extra,
});

const PLAN_USERS: PlanUser[] = [
  planUser('anna.schmidt', 'anna.schmidt', G.anna),
  planUser('bob.meyer', 'bob.meyer', G.bob),
  planUser('carla.neu', 'carla.neu', G.carla),
  planUser('dora.dupont', 'dora.dupont', G.dora),
  planUser('emil.ernst', 'emil.ernst', G.emil),
  planUser('hans.alt', 'hans.alt', G.hans),
  planUser('ida.ohne', 'ida.ohne', ''),
  // A file-based source moving to ad: matched by name, or no account at all.
  planUser('fiona.feld', '', '', { source: 'ucs-file-01', linked: false }),
  planUser('gustav.gast@kws.local', '', '', { source: 'ucs-file-01', linked: false }),
];

let dir = '';
let caFile = '';
let otherCaFile = '';
let good: Slapd;
let wrongHost: Slapd;

const env = { PROCALL_AD_PASSWORD: BIND_PASSWORD, WRONG_AD_PASSWORD: 'Not-The-Bind-Password-42' };

/** A project file with `directory:` as given, loaded as the CLI does. */
async function project(directory: Record<string, unknown>): Promise<Project> {
  const file = path.join(tempDir('pm-dir-project-'), 'procall-migrate.yaml');
  const lines = Object.entries(directory).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`);
  writeFileSync(file, ['name: KWS', 'sources: [exports/ucs.zip]', 'userStore: ad', 'servers:', '  - { name: UC01, fqdn: uc01.kws.local }', 'directory:', ...lines, ''].join('\n'));
  const loaded = await loadProject(file, env);
  if (!loaded.project) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return loaded.project;
}

const inputs = (users: readonly PlanUser[] | undefined = PLAN_USERS): DirectoryInputs => ({ adSettings: new Map(), users });

async function run(directory: Record<string, unknown>, users?: readonly PlanUser[], timeoutMs = 5000): Promise<PreflightCheck[]> {
  return directoryChecks(await project(directory), inputs(users), { timeoutMs, env, projectDir: dir });
}

const summary = (checks: readonly PreflightCheck[]) => checks.map((c) => [c.name, c.result, c.code]);
const byName = (checks: readonly PreflightCheck[], name: string) => checks.find((c) => c.name === name);

/** The checks before the users, all passing, over TLS. */
const TLS_BIND_BASE_PASS = [
  ['connect', 'pass', 'PREFLIGHT_DIRECTORY_CONNECTED'],
  ['tls certificate', 'pass', 'PREFLIGHT_DIRECTORY_TLS_TRUSTED'],
  ['bind', 'pass', 'PREFLIGHT_DIRECTORY_BIND_OK'],
  ['base dn', 'pass', 'PREFLIGHT_DIRECTORY_BASE_DN_OK'],
];

/** A plain-LDAP run where everything but the missing TLS passes. */
const PLAIN_ALL_PASS = [
  ['connect', 'pass', 'PREFLIGHT_DIRECTORY_CONNECTED'],
  ['tls', 'warn', 'PREFLIGHT_DIRECTORY_PLAIN_LDAP'],
  ['bind', 'pass', 'PREFLIGHT_DIRECTORY_BIND_OK'],
  ['base dn', 'pass', 'PREFLIGHT_DIRECTORY_BASE_DN_OK'],
  ['users', 'pass', 'PREFLIGHT_DIRECTORY_USERS'],
];

const ldaps = (s: Slapd, host = 'localhost') => ({ url: `ldaps://${host}:${s.tlsPort}`, caFile, bindUser: BIND_DN, passwordEnv: 'PROCALL_AD_PASSWORD', baseDn: BASE });

describe.skipIf(!HAVE_SLAPD)('directory preflight against a real slapd', () => {
  beforeAll(async () => {
    dir = tempDir('pm-dir-certs-');
    const ca = makeCa(dir, 'kws-root-ca');
    const other = makeCa(dir, 'other-ca');
    caFile = ca.cert;
    otherCaFile = other.cert;
    const cert = makeServerCert(dir, 'dc01', ca, 'localhost', ['DNS:localhost', 'IP:127.0.0.1']);
    const elsewhere = makeServerCert(dir, 'dc99', ca, 'dc99.elsewhere.local', ['DNS:dc99.elsewhere.local']);
    [good, wrongHost] = await Promise.all([startSlapd(AD_USERS, cert), startSlapd(AD_USERS.slice(0, 1), elsewhere)]);
  }, 60_000);
  afterAll(async () => {
    await stopSlapds();
    await stopAll();
  });

  it('LDAPS with the right CA and password: connect, certificate, bind, base DN pass; every user finding named, counted, with its decision', async () => {
    const checks = await run(ldaps(good));
    expect(summary(checks.filter((c) => c.subject === undefined))).toEqual([...TLS_BIND_BASE_PASS, ['users', 'fail', 'PREFLIGHT_DIRECTORY_USERS']]);
    const users = byName(checks, 'users');
    expect(users?.params).toMatchObject({ total: 9, found: 1, notFound: 2, disabled: 1, renamed: 1, guidChanged: 1, duplicate: 1, matchedByName: 1, noAccount: 1, baseDn: BASE });
    expect(users?.message).toContain('Of 9 users of the plan, 1 has its account');
    const perUser = checks.filter((c) => c.subject !== undefined).map((c) => [c.subject, c.result, c.code]);
    expect(perUser).toEqual([
      ['user:bob.meyer', 'warn', 'PREFLIGHT_DIRECTORY_USER_DISABLED'],
      ['user:carla.neu', 'fail', 'PREFLIGHT_DIRECTORY_USER_RENAMED'],
      ['user:dora.dupont', 'fail', 'PREFLIGHT_DIRECTORY_USER_DUPLICATE'],
      ['user:emil.ernst', 'warn', 'PREFLIGHT_DIRECTORY_USER_GUID_CHANGED'],
      ['user:hans.alt', 'fail', 'PREFLIGHT_DIRECTORY_USER_NOT_FOUND'],
      ['user:ida.ohne', 'fail', 'PREFLIGHT_DIRECTORY_USER_NOT_FOUND'],
      ['user:fiona.feld', 'warn', 'PREFLIGHT_DIRECTORY_USER_MATCHED_BY_NAME'],
      ['user:gustav.gast@kws.local', 'fail', 'PREFLIGHT_DIRECTORY_USER_NO_ACCOUNT'],
    ]);
    const carla = byName(checks, 'user carla.neu');
    expect(carla?.message).toContain('is now "carla.berger"');
    expect(carla?.params).toMatchObject({ user: 'carla.neu', foundName: 'carla.berger', source: 'ucs-kws-01.kws.local' });
    expect(carla?.decide?.[0]).toMatchObject({
      path: 'overrides[]',
      value: { source: 'ucs-kws-01.kws.local', entity: 'user', key: 'carla.neu', field: 'samAccountName', value: 'carla.berger' },
    });
    expect(carla?.decide?.[0]?.yaml).toContain('field: samAccountName');
    expect(byName(checks, 'user dora.dupont')?.params?.dns).toEqual([`cn=Dora Dupont,${BASE}`, `cn=Dora Dupont 2,ou=Sub,${BASE}`]);
    expect(byName(checks, 'user emil.ernst')?.decide?.[0]?.value).toMatchObject({ field: 'objectGuid', value: G.emilNew });
    expect(byName(checks, 'user fiona.feld')?.decide?.[0]?.value).toMatchObject({ source: 'ucs-file-01', field: 'samAccountName', value: 'fiona.feld' });
    expect(byName(checks, 'user gustav.gast@kws.local')?.message).toContain('no directory account');
    expect(byName(checks, 'user hans.alt')?.decide?.[0]?.value).toMatchObject({ field: 'enabled', value: false });
  });

  it('a wrong bind password fails in one plain sentence that names the variable and never the password', async () => {
    const checks = await run({ ...ldaps(good), passwordEnv: 'WRONG_AD_PASSWORD' });
    const bind = byName(checks, 'bind');
    expect(bind).toMatchObject({ result: 'fail', code: 'PREFLIGHT_DIRECTORY_BIND_REFUSED' });
    expect(bind?.message).toMatch(/^The directory refused the bind of cn=svc-procall,ou=Service,dc=kws,dc=local with the password from WRONG_AD_PASSWORD; check the account and the variable\.$/);
    expect(JSON.stringify(checks)).not.toContain(env.WRONG_AD_PASSWORD);
    expect(JSON.stringify(checks)).not.toContain(BIND_PASSWORD);
    expect(summary(checks.slice(-2))).toEqual([
      ['base dn', 'skip', 'PREFLIGHT_DIRECTORY_SKIPPED'],
      ['users', 'skip', 'PREFLIGHT_DIRECTORY_SKIPPED'],
    ]);
  });

  it('a bind name that is no DN for this server (AD would take DOMAIN\\user) says to use the DN', async () => {
    const checks = await run({ ...ldaps(good), bindUser: 'KWS\\svc-procall' });
    expect(byName(checks, 'bind')).toMatchObject({ result: 'fail', code: 'PREFLIGHT_DIRECTORY_BIND_FAILED' });
    expect(byName(checks, 'bind')?.message).toBe('The directory does not accept "KWS\\svc-procall" as a bind name; name the account by its DN (CN=…,OU=…,DC=…) in directory.bindUser.');
  });

  it('an unset password variable is named, and nothing is sent', async () => {
    const checks = await run({ ...ldaps(good), passwordEnv: 'UNSET_AD_PASSWORD' });
    expect(byName(checks, 'bind')).toMatchObject({ result: 'fail', code: 'PREFLIGHT_DIRECTORY_PASSWORD_UNSET', params: { variable: 'UNSET_AD_PASSWORD' } });
  });

  it('a certificate from another CA is not trusted, and the password is not sent to that server', async () => {
    const checks = await run({ ...ldaps(good), caFile: otherCaFile });
    expect(byName(checks, 'tls certificate')).toMatchObject({ result: 'fail', code: 'PREFLIGHT_DIRECTORY_TLS_UNTRUSTED' });
    expect(byName(checks, 'tls certificate')?.message).toContain('is not trusted by the CA in other-ca.pem: it was not issued by that CA');
    expect(byName(checks, 'bind')).toMatchObject({ result: 'skip' });
    expect(byName(checks, 'bind')?.message).toContain('not sent to a server whose certificate is not trusted');
  });

  it('a trusted certificate for another host name fails: the UCServers would refuse it', async () => {
    const checks = await run(ldaps(wrongHost));
    expect(byName(checks, 'tls certificate')).toMatchObject({ result: 'fail', code: 'PREFLIGHT_DIRECTORY_TLS_WRONG_HOST' });
    expect(byName(checks, 'tls certificate')?.message).toContain('does not name localhost (CN=dc99.elsewhere.local, DNS:dc99.elsewhere.local)');
  });

  it('StartTLS on the plain port: the certificate is judged before the bind', async () => {
    const checks = await run({ ...ldaps(good), url: `ldap://localhost:${good.port}`, startTls: true });
    expect(summary(checks.filter((c) => c.subject === undefined)).slice(0, 4)).toEqual(TLS_BIND_BASE_PASS);
    expect(byName(checks, 'tls certificate')?.message).toContain('(StartTLS)');
  });

  it('plain LDAP on 389-style ports is a warning (credentials in clear), the rest still runs', async () => {
    const checks = await run({ url: `ldap://127.0.0.1:${good.port}`, bindUser: BIND_DN, passwordEnv: 'PROCALL_AD_PASSWORD', baseDn: BASE }, PLAN_USERS.slice(0, 1));
    expect(summary(checks)).toEqual(PLAIN_ALL_PASS);
    expect(byName(checks, 'users')?.message).toBe(`The 1 user of the plan has its account under ${BASE} (7 accounts searched).`);
  });

  it('a base DN with a typo fails and names it', async () => {
    const typo = `ou=Userz,ou=KWS,${SUFFIX}`;
    const checks = await run({ ...ldaps(good), baseDn: typo });
    expect(byName(checks, 'base dn')).toMatchObject({ result: 'fail', code: 'PREFLIGHT_DIRECTORY_BASE_DN_MISSING', params: { baseDn: typo } });
    expect(byName(checks, 'users')).toMatchObject({ result: 'skip' });
  });

  it('a server that is down fails as refused, not after the timeout', async () => {
    const port = await freePort();
    // A 30 s timeout: were the refusal not seen at once, the reason would be `timeout`.
    const checks = await run({ url: `ldaps://127.0.0.1:${port}`, caFile, bindUser: BIND_DN, passwordEnv: 'PROCALL_AD_PASSWORD', baseDn: BASE }, PLAN_USERS, 30_000);
    expect(summary(checks)[0]).toEqual(['connect', 'fail', 'PREFLIGHT_DIRECTORY_UNREACHABLE']);
    expect(checks[0]?.params).toMatchObject({ reason: 'refused', port });
    expect(checks[0]?.message).toContain('(connection refused)');
    expect(checks.slice(1).every((c) => c.result === 'skip')).toBe(true);
  }, 10_000);

  it('LDAPS named for a port that speaks plain LDAP: no handshake, said so', async () => {
    const checks = await run({ ...ldaps(good), url: `ldaps://localhost:${good.port}` });
    expect(summary(checks)[0]).toEqual(['connect', 'fail', 'PREFLIGHT_DIRECTORY_TLS_FAILED']);
    expect(checks[0]?.message).toContain('check that the domain controller speaks LDAPS on that port');
  });

  it('userStore ad without host, base DN or bind user anywhere: one failure naming what to set', async () => {
    const checks = await run({ passwordEnv: 'PROCALL_AD_PASSWORD' });
    expect(checks).toEqual([
      expect.objectContaining({ name: 'directory', result: 'fail', code: 'PREFLIGHT_DIRECTORY_NOT_CONFIGURED' }),
    ]);
    expect(checks[0]?.message).toBe(
      'userStore is ad, but directory.url (or usermanager.ad.hostName), directory.baseDn (or usermanager.ad.baseDnUsers), directory.bindUser (or usermanager.ad.bindUser) is not named by the sources or the project; the UCServers would not know where to find the users.',
    );
  });

  it("the sources' usermanager.ad.* say where to look when the project does not (port 636 would mean LDAPS)", async () => {
    const adSettings = new Map([
      ['usermanager.ad.hostname', '127.0.0.1'],
      ['usermanager.ad.hostport', String(good.port)],
      ['usermanager.ad.basednusers', BASE],
      ['usermanager.ad.binduser', BIND_DN],
    ]);
    const p = await project({ passwordEnv: 'PROCALL_AD_PASSWORD' });
    const checks = await directoryChecks(p, { adSettings, users: PLAN_USERS.slice(0, 1) }, { timeoutMs: 5000, env, projectDir: dir });
    expect(summary(checks)).toEqual(PLAIN_ALL_PASS);
    expect(directoryConfig(p, new Map([...adSettings, ['usermanager.ad.hostport', '636']]), env, dir)).toMatchObject({ security: 'ldaps', port: 636, hostFrom: 'usermanager.ad.hostName' });
  });

  it('without the sources the users are skipped with the reason, the connection still checked', async () => {
    const checks = await directoryChecks(await project(ldaps(good)), { adSettings: new Map(), users: undefined, usersProblem: 'no export could be read' }, { timeoutMs: 5000, env, projectDir: dir });
    expect(byName(checks, 'bind')?.result).toBe('pass');
    expect(byName(checks, 'users')).toMatchObject({ result: 'skip', code: 'PREFLIGHT_DIRECTORY_USERS_UNKNOWN' });
  });

  it('10,000 users are looked up through paged searches (pages of 1,000)', async () => {
    const n = 10_000;
    const guid = (i: number) => `${i.toString(16).padStart(8, '0')}-1111-4222-8333-444455556666`;
    const bulk: AdUser[] = [];
    const users: PlanUser[] = [];
    for (let i = 0; i < n; i++) {
      bulk.push({ cn: `User ${i}`, ou: 'ou=Bulk,ou=KWS', sam: `user${i}`, guid: guidBytes(guid(i)), uac: i % 1000 === 7 ? 514 : 512 });
      users.push(planUser(`user${i}`, `user${i}`, guid(i)));
    }
    // Five users of the plan that the directory does not have.
    for (let i = n; i < n + 5; i++) users.push(planUser(`user${i}`, `user${i}`, guid(i)));
    const cert = makeServerCert(dir, 'bulk', { cert: caFile, key: caFile.replace(/\.pem$/, '.key') }, 'localhost', ['DNS:localhost']);
    const big = await startSlapd(bulk, cert);
    const started = performance.now();
    const checks = await run({ ...ldaps(big), baseDn: `ou=Bulk,ou=KWS,${SUFFIX}` }, users);
    const seconds = (performance.now() - started) / 1000;
    console.log(`directory preflight: ${n + 5} users against ${n} accounts in ${seconds.toFixed(2)} s`);
    expect(byName(checks, 'users')?.params).toMatchObject({ total: n + 5, found: n - 10, disabled: 10, notFound: 5, accounts: n });
    expect(checks.filter((c) => c.code === 'PREFLIGHT_DIRECTORY_USER_NOT_FOUND').map((c) => c.subject)).toEqual([10000, 10001, 10002, 10003, 10004].map((i) => `user:user${i}`));
  }, 60_000);
});
