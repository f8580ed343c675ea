/**
 * A real LDAP server for the directory preflight tests: Debian's OpenLDAP `slapd`, started with a
 * slapd.conf of its own in a temp dir (never the system service) on free loopback ports, with a
 * small schema holding the Active Directory attributes the check reads. Entries are loaded with
 * `slapadd` before the start (10,000 users in about a second). Tests skip themselves (never fail)
 * only where slapd cannot be found.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { freePort, tempDir, type TlsFiles } from './redis-harness.js';

function which(cmd: string): string | undefined {
  for (const dir of ['/usr/sbin', '/usr/local/sbin', '/sbin', ...(process.env.PATH ?? '').split(':')]) {
    const p = path.join(dir, cmd);
    if (dir !== '' && existsSync(p)) return p;
  }
  return undefined;
}

export const SLAPD = which('slapd');
export const SLAPADD = which('slapadd');
const SCHEMA_DIR = '/etc/ldap/schema';
/** Whether the directory tests can run here: slapd, slapadd and OpenLDAP's core schema. */
export const HAVE_SLAPD = SLAPD !== undefined && SLAPADD !== undefined && existsSync(path.join(SCHEMA_DIR, 'core.schema'));
if (!HAVE_SLAPD) console.error('preflight: slapd not found; the real-LDAP directory tests are skipped (apt-get install slapd ldap-utils)');

export const SUFFIX = 'dc=kws,dc=local';
export const ADMIN_DN = `cn=admin,${SUFFIX}`;
export const ADMIN_PASSWORD = 'Adm1n-Test-Only';
export const BIND_DN = `cn=svc-procall,ou=Service,${SUFFIX}`;
export const BIND_PASSWORD = 'Bind-S3cret-Ldap!';

/**
 * The Active Directory attributes with their Microsoft OIDs; `objectGUID` an octet string, as in
 * AD. `user` is structural here (in AD it derives from organizationalPerson).
 */
const AD_SCHEMA = `
attributetype ( 1.2.840.113556.1.4.221 NAME 'sAMAccountName' EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
attributetype ( 1.2.840.113556.1.4.8 NAME 'userAccountControl' EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
attributetype ( 1.2.840.113556.1.4.2 NAME 'objectGUID' EQUALITY octetStringMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.40 SINGLE-VALUE )
attributetype ( 1.2.840.113556.1.4.656 NAME 'userPrincipalName' EQUALITY caseIgnoreMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
objectclass ( 1.2.840.113556.1.5.9 NAME 'user' SUP top STRUCTURAL MUST cn MAY ( sn $ userPassword $ sAMAccountName $ userAccountControl $ objectGUID $ userPrincipalName ) )
`;

export interface AdUser {
  /** The RDN value (`cn=`). */
  cn: string;
  /** Below the suffix, e.g. `ou=Users,ou=KWS`. */
  ou: string;
  sam: string;
  /** userAccountControl; 512 a normal enabled account, 514 disabled. */
  uac?: number;
  /** 16 bytes, AD's own byte order. */
  guid?: Buffer;
}

/** AD's byte order of a GUID string (the first three groups little-endian). */
export function guidBytes(guid: string): Buffer {
  const hex = guid.replace(/[{}-]/g, '');
  const b = Buffer.from(hex, 'hex');
  return Buffer.concat([Buffer.from(b.subarray(0, 4)).reverse(), Buffer.from(b.subarray(4, 6)).reverse(), Buffer.from(b.subarray(6, 8)).reverse(), b.subarray(8)]);
}

/** The LDIF of the tree: the suffix, every OU the users name, the service account, the users. */
export function ldif(users: readonly AdUser[], extraOus: readonly string[] = []): string {
  const out: string[] = [`dn: ${SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\ndc: kws\no: KWS\n`];
  const ous = new Set<string>();
  const addOu = (ou: string): void => {
    const parts = ou.split(',');
    for (let i = parts.length - 1; i >= 0; i--) {
      const rdn = parts.slice(i).join(',');
      if (ous.has(rdn)) continue;
      ous.add(rdn);
      out.push(`dn: ${rdn},${SUFFIX}\nobjectClass: organizationalUnit\nou: ${(parts[i] ?? '').replace(/^ou=/i, '')}\n`);
    }
  };
  addOu('ou=Service');
  for (const ou of extraOus) addOu(ou);
  for (const u of users) addOu(u.ou);
  out.push(`dn: ${BIND_DN}\nobjectClass: user\ncn: svc-procall\nsAMAccountName: svc-procall\nuserPassword: ${BIND_PASSWORD}\n`);
  for (const u of users) {
    out.push(
      [
        `dn: cn=${u.cn},${u.ou},${SUFFIX}`,
        'objectClass: user',
        `cn: ${u.cn}`,
        `sAMAccountName: ${u.sam}`,
        `userPrincipalName: ${u.sam}@kws.local`,
        `userAccountControl: ${u.uac ?? 512}`,
        ...(u.guid ? [`objectGUID:: ${u.guid.toString('base64')}`] : []),
        '',
      ].join('\n'),
    );
  }
  return out.join('\n');
}

export interface Slapd {
  /** Plain LDAP port (StartTLS offered when the server has a certificate). */
  port: number;
  /** LDAPS port (0 without a certificate). */
  tlsPort: number;
  stop(): Promise<void>;
}

const running: Slapd[] = [];

/** Stops every slapd this harness started (afterAll; the temp dirs go with redis-harness's stopAll). */
export async function stopSlapds(): Promise<void> {
  await Promise.all(running.splice(0).map((s) => s.stop()));
}

function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      if (child.exitCode !== null) return reject(new Error(`slapd exited:\n${log().slice(-2000)}`));
      const s = connect({ host: '127.0.0.1', port });
      s.once('connect', () => {
        s.destroy();
        resolve();
      });
      s.once('error', () => {
        s.destroy();
        if (Date.now() > deadline) reject(new Error(`slapd did not listen on ${port}:\n${log().slice(-2000)}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/** A slapd serving `users` (and `extraOus`), with LDAPS and StartTLS when `tls` is given. */
export async function startSlapd(users: readonly AdUser[], tls?: TlsFiles, extraOus: readonly string[] = []): Promise<Slapd> {
  if (!SLAPD || !SLAPADD) throw new Error('slapd is not installed');
  const dir = tempDir('pm-slapd-');
  const db = path.join(dir, 'db');
  mkdirSync(db);
  writeFileSync(path.join(dir, 'ad.schema'), AD_SCHEMA);
  const conf = path.join(dir, 'slapd.conf');
  writeFileSync(
    conf,
    [
      `include ${SCHEMA_DIR}/core.schema`,
      `include ${path.join(dir, 'ad.schema')}`,
      `pidfile ${path.join(dir, 'slapd.pid')}`,
      `argsfile ${path.join(dir, 'slapd.args')}`,
      'modulepath /usr/lib/ldap',
      'moduleload back_mdb',
      ...(tls ? [`TLSCACertificateFile ${tls.ca}`, `TLSCertificateFile ${tls.cert}`, `TLSCertificateKeyFile ${tls.key}`] : []),
      'database mdb',
      'maxsize 268435456',
      `suffix "${SUFFIX}"`,
      `rootdn "${ADMIN_DN}"`,
      `rootpw ${ADMIN_PASSWORD}`,
      `directory ${db}`,
      // As Active Directory's MaxPageSize: at most 1,000 entries per answer, any number through paging.
      'limits users size.soft=1000 size.hard=1000 size.pr=1000 size.prtotal=unlimited',
      'index objectClass eq',
      'index sAMAccountName eq',
      'access to attrs=userPassword by anonymous auth by * none',
      'access to * by users read by * none',
      '',
    ].join('\n'),
  );
  const data = path.join(dir, 'data.ldif');
  writeFileSync(data, ldif(users, extraOus));
  const added = spawnSync(SLAPADD, ['-f', conf, '-l', data, '-q'], { encoding: 'utf8' });
  if (added.status !== 0) throw new Error(`slapadd failed: ${added.stderr}`);
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const tlsPort = tls ? await freePort() : 0;
    const urls = [`ldap://127.0.0.1:${port}/`, ...(tls ? [`ldaps://127.0.0.1:${tlsPort}/`] : [])].join(' ');
    // -d 0: stay in the foreground (the harness owns the process) and log only what fails.
    const child = spawn(SLAPD, ['-f', conf, '-h', urls, '-d', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout?.on('data', (b: Buffer) => (log += b.toString('utf8')));
    child.stderr?.on('data', (b: Buffer) => (log += b.toString('utf8')));
    try {
      await waitForPort(port, child, () => log);
      if (tls) await waitForPort(tlsPort, child, () => log);
      const slapd: Slapd = { port, tlsPort, stop: () => stopProcess(child, dir) };
      running.push(slapd);
      return slapd;
    } catch (error) {
      lastError = error;
      child.kill('SIGKILL');
      // Another process took a port between probe and start: try others.
      if (!/Address already in use/i.test(log)) break;
    }
  }
  throw lastError instanceof Error ? lastError : new Error('slapd did not start');
}

function stopProcess(child: ChildProcess, dir: string): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      rmSync(dir, { recursive: true, force: true });
      resolve();
    };
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', done);
    child.kill('SIGKILL');
  });
}
