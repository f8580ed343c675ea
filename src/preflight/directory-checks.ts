/**
 * The directory checks (`userStore: ad`): the host answers; LDAPS or StartTLS with a certificate
 * the project's CA trusts and that names the host (plain LDAP: a warning); the bind; the users'
 * base DN; then every user of the plan, from one paged search of the base DN (directory-match.ts).
 * One short-lived ldapts connection, every operation bounded by the timeout, so a directory that
 * is down fails at once. The bind password is never sent over TLS the project does not trust.
 */
import { MAX_CA_FILE_BYTES, readGuardedText } from '../io/index.js';
import { createRequire } from 'node:module';
import { connect as netConnect, isIP } from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import type { Client, ClientOptions, Entry } from 'ldapts';
import type { ParamValue } from '../model/index.js';
import { maskSecretIn } from '../model/index.js';
import type { Project } from '../project/index.js';
import type { DirectoryCode } from './directory-codes.js';
import { directoryConfig, type AdSettings, type DirectoryConfig } from './directory-config.js';
import { guidFromBytes } from './directory-guid.js';
import { DirectoryIndex, matchUsers, usersSummary, type PlanUser } from './directory-match.js';
import { check, errorText, withTimeout, type CheckResult, type PreflightCheck } from './result.js';
import { certificateFacts, describeCert, probeTls, trustReason, type TlsProbe } from './tls-certificate.js';

/** What the directory check needs besides the project: the plan's users and the `usermanager.ad.*` settings. */
export interface DirectoryInputs {
  adSettings: AdSettings;
  /** undefined when the sources could not be read or mapped (`usersProblem` says why). */
  users: readonly PlanUser[] | undefined;
  usersProblem?: string;
}

export interface DirectoryCheckOptions {
  timeoutMs: number;
  env: Record<string, string | undefined>;
  /** The project file's folder: `directory.caFile` is relative to it. */
  projectDir: string;
}

/** Users per page: Active Directory's default MaxPageSize. */
export const DIRECTORY_PAGE_SIZE = 1000;

/** ldapts, loaded on first use: only `preflight` talks to a directory. */
const requireClient = createRequire(import.meta.url);
let LdapClient: typeof Client | undefined;
const ldapClient = (): typeof Client => (LdapClient ??= (requireClient('ldapts') as { Client: typeof Client }).Client);

type Params = Record<string, ParamValue>;

function dcheck(name: string, result: CheckResult, code: DirectoryCode, message: string, params: Params): PreflightCheck {
  return { ...check('directory', name, result, message), code, params };
}

const where = (c: { host: string; port: number }): string => `${c.host.includes(':') ? `[${c.host}]` : c.host}:${c.port}`;

function skipFrom(names: readonly string[], reason: string, out: PreflightCheck[]): PreflightCheck[] {
  for (const name of names) out.push(dcheck(name, 'skip', 'PREFLIGHT_DIRECTORY_SKIPPED', `Skipped: ${reason}.`, { check: name, reason }));
  return out;
}

const UNREACHABLE = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|timed? ?out|no answer|no TLS handshake within/i;

function unreachable(cfg: DirectoryConfig, error: unknown): PreflightCheck {
  const text = errorText(error);
  const reason = /ECONNREFUSED/.test(text) ? 'refused' : /ENOTFOUND|EAI_AGAIN/.test(text) ? 'unresolved' : /EHOSTUNREACH|ENETUNREACH/.test(text) ? 'unreachable' : 'timeout';
  const message =
    reason === 'refused'
      ? `Nothing accepts connections on ${where(cfg)} (connection refused); check that the domain controller runs LDAP there and the port (${cfg.hostFrom}).`
      : reason === 'unresolved'
        ? `${cfg.host} does not resolve (${cfg.hostFrom}); check the name.`
        : reason === 'unreachable'
          ? `${where(cfg)} cannot be reached from here (${text}); check the route and the firewall.`
          : `${where(cfg)} did not answer within the timeout; check the firewall and that LDAP runs there.`;
  return dcheck('connect', 'fail', 'PREFLIGHT_DIRECTORY_UNREACHABLE', message, { host: cfg.host, port: cfg.port, reason });
}

/** A TCP connection and nothing else: does anything answer on host:port? */
function tcpProbe(cfg: DirectoryConfig, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: cfg.host, port: cfg.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no answer within the timeout'));
    }, timeoutMs);
    timer.unref();
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    });
  });
}

/** The trust check of a handshake: trusted and naming the host, or why not. */
function trustCheck(cfg: DirectoryConfig, probe: TlsProbe, caName: string | undefined): { check: PreflightCheck; trusted: boolean } {
  const how = cfg.security === 'ldaps' ? 'LDAPS' : 'StartTLS';
  const trustedBy = caName ? `the CA in ${caName}` : "this machine's trusted CAs (the project names no directory.caFile)";
  const base: Params = { host: cfg.host, port: cfg.port, security: cfg.security, caFile: caName ?? null };
  const facts = probe.certificate;
  if (!facts) return { trusted: false, check: dcheck('tls certificate', 'fail', 'PREFLIGHT_DIRECTORY_TLS_FAILED', `${where(cfg)} sent no certificate (${how}).`, { ...base, reason: 'no certificate' }) };
  const names = describeCert(facts);
  // Node reports a certificate for another name as unauthorized too: that is the identity finding below.
  const wrongName = probe.authorizationError === 'ERR_TLS_CERT_ALTNAME_INVALID';
  if (!probe.authorized && !wrongName) {
    const reason = trustReason(probe.authorizationError ?? 'unknown reason');
    return {
      trusted: false,
      check: dcheck('tls certificate', 'fail', 'PREFLIGHT_DIRECTORY_TLS_UNTRUSTED',
        `The certificate of ${where(cfg)} (${names}) is not trusted by ${trustedBy}: ${reason}; the UCServers would refuse the directory.`, { ...base, certificate: names, reason }),
    };
  }
  if (probe.identityError !== undefined || wrongName) {
    return {
      trusted: false,
      check: dcheck('tls certificate', 'fail', 'PREFLIGHT_DIRECTORY_TLS_WRONG_HOST',
        `The certificate of ${where(cfg)} is trusted by ${trustedBy} but does not name ${cfg.host} (${names}); the UCServers would refuse it, so issue one for ${cfg.host} or name the directory as the certificate does.`,
        { ...base, certificate: names }),
    };
  }
  return {
    trusted: true,
    check: dcheck('tls certificate', caName ? 'pass' : 'warn', 'PREFLIGHT_DIRECTORY_TLS_TRUSTED',
      `The certificate of ${where(cfg)} (${names}) is trusted by ${trustedBy} and names ${cfg.host} (${how}).`, { ...base, certificate: names }),
  };
}

/** The TLS options for ldapts: the project's CA, the host for SNI and identity. */
function tlsOptions(cfg: DirectoryConfig, ca: string | undefined, verify: boolean): tls.ConnectionOptions {
  return { rejectUnauthorized: verify, ...(ca === undefined ? {} : { ca }), ...(isIP(cfg.host) === 0 ? { servername: cfg.host } : {}) };
}

function probeOf(socket: tls.TLSSocket, host: string): TlsProbe {
  const peer = socket.getPeerCertificate();
  const hasCert = peer !== null && typeof peer === 'object' && Object.keys(peer).length > 0;
  const authError = socket.authorizationError as Error | string | null | undefined;
  return {
    authorized: socket.authorized,
    authorizationError: authError == null ? undefined : typeof authError === 'string' ? authError : authError.message,
    identityError: hasCert ? tls.checkServerIdentity(host, peer)?.message : undefined,
    certificate: hasCert ? certificateFacts(peer) : undefined,
  };
}

/** Active Directory's reason inside error 49 (`data 52e`): what a consultant can act on. */
function adBindReason(text: string): string | undefined {
  const code = /data ([0-9a-f]{3,4})/i.exec(text)?.[1]?.toLowerCase();
  switch (code) {
    case '525':
      return 'the account does not exist';
    case '52e':
      return 'the password is wrong';
    case '530':
    case '531':
      return 'the account may not log on at this time or from this machine';
    case '532':
      return 'the password has expired';
    case '533':
      return 'the account is disabled';
    case '701':
      return 'the account has expired';
    case '773':
      return 'the password must be changed first';
    case '775':
      return 'the account is locked out';
    default:
      return undefined;
  }
}

const ldapCode = (error: unknown): number | undefined => {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
};

const AFTER_CONNECT = ['tls certificate', 'bind', 'base dn', 'users'] as const;
const AFTER_BIND = ['base dn', 'users'] as const;

/** Every directory check of the project (none when the user store is not `ad` and no `directory:` section). */
export async function directoryChecks(project: Project, inputs: DirectoryInputs, opts: DirectoryCheckOptions): Promise<PreflightCheck[]> {
  const out: PreflightCheck[] = [];
  const cfg = directoryConfig(project, inputs.adSettings, opts.env, opts.projectDir);
  if ('missing' in cfg) {
    out.push(
      dcheck('directory', 'fail', 'PREFLIGHT_DIRECTORY_NOT_CONFIGURED',
        `userStore is ad, but ${cfg.missing.join(', ')} is not named by the sources or the project; the UCServers would not know where to find the users.`, { missing: cfg.missing.join(', ') }),
    );
    return out;
  }
  let ca: string | undefined;
  const caName = cfg.caFile === undefined ? undefined : path.basename(cfg.caFile);
  if (cfg.caFile !== undefined) {
    try {
      ca = await readGuardedText(cfg.caFile, MAX_CA_FILE_BYTES);
    } catch (error) {
      out.push(dcheck('tls ca file', 'fail', 'PREFLIGHT_DIRECTORY_CA_UNREADABLE', `The CA file ${cfg.caFile} (directory.caFile) cannot be read: ${errorText(error)}.`, { file: cfg.caFile, reason: errorText(error) }));
      return skipFrom(['connect', ...AFTER_CONNECT], 'the CA file cannot be read', out);
    }
  }

  // Reachability (and for LDAPS the certificate) on a connection of its own, before any password is sent.
  let trusted = cfg.security === 'plain';
  if (cfg.security === 'ldaps') {
    try {
      const probe = await probeTls({ host: cfg.host, port: cfg.port, ca, caName, timeoutMs: opts.timeoutMs });
      out.push(dcheck('connect', 'pass', 'PREFLIGHT_DIRECTORY_CONNECTED', `${where(cfg)} answers LDAPS.`, { host: cfg.host, port: cfg.port, security: cfg.security }));
      const t = trustCheck(cfg, probe, caName);
      out.push(t.check);
      trusted = t.trusted;
    } catch (error) {
      if (UNREACHABLE.test(errorText(error)) && !/handshake/i.test(errorText(error))) out.push(unreachable(cfg, error));
      else {
        out.push(
          dcheck('connect', 'fail', 'PREFLIGHT_DIRECTORY_TLS_FAILED',
            `No TLS handshake with ${where(cfg)} (${errorText(error)}); check that the domain controller speaks LDAPS on that port (usually 636).`, { host: cfg.host, port: cfg.port, reason: errorText(error) }),
        );
      }
      return skipFrom(AFTER_CONNECT, `no connection to ${where(cfg)}`, out);
    }
  } else {
    try {
      await tcpProbe(cfg, opts.timeoutMs);
      out.push(dcheck('connect', 'pass', 'PREFLIGHT_DIRECTORY_CONNECTED', `${where(cfg)} answers.`, { host: cfg.host, port: cfg.port, security: cfg.security }));
    } catch (error) {
      out.push(unreachable(cfg, error));
      return skipFrom(AFTER_CONNECT, `no connection to ${where(cfg)}`, out);
    }
    if (cfg.security === 'plain') {
      out.push(
        dcheck('tls', 'warn', 'PREFLIGHT_DIRECTORY_PLAIN_LDAP',
          `${where(cfg)} is plain LDAP without TLS: the bind password travels in clear; use LDAPS (port 636, directory.url: ldaps://${cfg.host}:636) or directory.startTls: true.`,
          { host: cfg.host, port: cfg.port }),
      );
    }
  }

  let secureSocket: tls.TLSSocket | undefined;
  const options: ClientOptions = {
    url: `${cfg.security === 'ldaps' ? 'ldaps' : 'ldap'}://${where(cfg)}`,
    timeout: opts.timeoutMs,
    connectTimeout: opts.timeoutMs,
    strictDN: false,
    ...(cfg.security === 'ldaps' ? { tlsOptions: tlsOptions(cfg, ca, true) } : {}),
    // StartTLS: the socket is kept to judge the certificate before the bind.
    createSecureConnection: ((...args: Parameters<typeof tls.connect>) => (secureSocket = tls.connect(...args))) as typeof tls.connect,
  };
  const client = new (ldapClient())(options);
  const bounded = <T>(fn: () => Promise<T>): Promise<T> => withTimeout(opts.timeoutMs + 500, fn, () => new Error(`no answer within ${opts.timeoutMs / 1000} s`));
  try {
    if (cfg.security === 'starttls') {
      try {
        await bounded(() => client.startTLS(tlsOptions(cfg, ca, false)));
      } catch (error) {
        out.push(
          dcheck('tls certificate', 'fail', 'PREFLIGHT_DIRECTORY_TLS_FAILED',
            `${where(cfg)} refused StartTLS (${errorText(error)}); use LDAPS (ldaps://${cfg.host}:636) or enable StartTLS on the domain controller.`, { host: cfg.host, port: cfg.port, reason: errorText(error) }),
        );
        return skipFrom(['bind', ...AFTER_BIND], 'no TLS', out);
      }
      const t = secureSocket ? trustCheck(cfg, probeOf(secureSocket, cfg.host), caName) : undefined;
      if (t) out.push(t.check);
      trusted = t?.trusted ?? false;
    }
    if (!trusted) return skipFrom(['bind', ...AFTER_BIND], 'the bind password is not sent to a server whose certificate is not trusted', out);
    if (cfg.password === undefined) {
      out.push(
        dcheck('bind', 'fail', 'PREFLIGHT_DIRECTORY_PASSWORD_UNSET',
          cfg.passwordFrom === undefined
            ? 'The project names no bind password; set directory.passwordEnv to the environment variable that holds it.'
            : `The environment variable ${cfg.passwordFrom} (the bind password) is not set, so the bind was not tried.`,
          { variable: cfg.passwordFrom ?? null, bindUser: cfg.bindUser }),
      );
      return skipFrom(AFTER_BIND, 'not bound', out);
    }
    try {
      await bounded(() => client.bind(cfg.bindUser, cfg.password?.reveal() ?? ''));
      out.push(dcheck('bind', 'pass', 'PREFLIGHT_DIRECTORY_BIND_OK', `${cfg.bindUser} is accepted with the password from ${cfg.passwordFrom}.`, { bindUser: cfg.bindUser, variable: cfg.passwordFrom ?? null }));
    } catch (error) {
      const text = maskSecretIn(errorText(error), cfg.password);
      if (ldapCode(error) === 49) {
        const reason = adBindReason(text);
        out.push(
          dcheck('bind', 'fail', 'PREFLIGHT_DIRECTORY_BIND_REFUSED',
            `The directory refused the bind of ${cfg.bindUser} with the password from ${cfg.passwordFrom}${reason ? `: ${reason}` : ''}; check the account and the variable.`,
            { bindUser: cfg.bindUser, variable: cfg.passwordFrom ?? null, reason: reason ?? null }),
        );
      } else if (ldapCode(error) === 34) {
        // Active Directory takes DOMAIN\user and user@domain; other LDAP servers want a DN.
        const reason = 'not a DN this directory accepts';
        out.push(
          dcheck('bind', 'fail', 'PREFLIGHT_DIRECTORY_BIND_FAILED',
            `The directory does not accept "${cfg.bindUser}" as a bind name; name the account by its DN (CN=…,OU=…,DC=…) in directory.bindUser.`, { bindUser: cfg.bindUser, reason }),
        );
      } else {
        out.push(dcheck('bind', 'fail', 'PREFLIGHT_DIRECTORY_BIND_FAILED', `The bind of ${cfg.bindUser} failed: ${text}.`, { bindUser: cfg.bindUser, reason: text }));
      }
      return skipFrom(AFTER_BIND, 'not bound', out);
    }
    try {
      await bounded(() => client.search(cfg.baseDn, { scope: 'base', filter: '(objectClass=*)', attributes: ['objectClass'] }));
      out.push(dcheck('base dn', 'pass', 'PREFLIGHT_DIRECTORY_BASE_DN_OK', `The users' base DN ${cfg.baseDn} exists.`, { baseDn: cfg.baseDn }));
    } catch (error) {
      const missing = ldapCode(error) === 32 || ldapCode(error) === 34;
      out.push(
        dcheck('base dn', 'fail', missing ? 'PREFLIGHT_DIRECTORY_BASE_DN_MISSING' : 'PREFLIGHT_DIRECTORY_SEARCH_FAILED',
          missing
            ? `The users' base DN ${cfg.baseDn} does not exist, or ${cfg.bindUser} cannot see it; check usermanager.ad.baseDnUsers (or directory.baseDn) for a typo.`
            : `The base DN ${cfg.baseDn} cannot be read: ${maskSecretIn(errorText(error), cfg.password)}.`,
          { baseDn: cfg.baseDn, ...(missing ? {} : { reason: maskSecretIn(errorText(error), cfg.password) }) }),
      );
      return skipFrom(['users'], 'the base DN cannot be read', out);
    }
    out.push(...(await userChecks(client, cfg, inputs, bounded)));
    return out;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

/** One paged search of the base DN for accounts with a sAMAccountName, then every user of the plan against them. */
async function userChecks(client: Client, cfg: DirectoryConfig, inputs: DirectoryInputs, bounded: <T>(fn: () => Promise<T>) => Promise<T>): Promise<PreflightCheck[]> {
  if (inputs.users === undefined) {
    const reason = inputs.usersProblem ?? 'the sources could not be read';
    return [dcheck('users', 'skip', 'PREFLIGHT_DIRECTORY_USERS_UNKNOWN', `Skipped: ${reason}, so the users were not looked up.`, { reason })];
  }
  const index = new DirectoryIndex();
  try {
    const pages = client.searchPaginated(cfg.baseDn, {
      scope: 'sub',
      filter: '(&(objectClass=user)(sAMAccountName=*))',
      attributes: ['sAMAccountName', 'userAccountControl', 'objectGUID'],
      explicitBufferAttributes: ['objectGUID'],
      paged: { pageSize: DIRECTORY_PAGE_SIZE },
    });
    const iterator = pages[Symbol.asyncIterator]();
    for (;;) {
      // Each page bounded by the timeout: a directory that stalls mid-search fails, never hangs.
      const page = await bounded(() => iterator.next());
      if (page.done) break;
      for (const e of page.value.searchEntries) index.add(accountOf(e));
    }
  } catch (error) {
    return [
      dcheck('users', 'fail', 'PREFLIGHT_DIRECTORY_SEARCH_FAILED', `The search for the users under ${cfg.baseDn} failed: ${maskSecretIn(errorText(error), cfg.password)}.`, {
        baseDn: cfg.baseDn,
        reason: maskSecretIn(errorText(error), cfg.password),
      }),
    ];
  }
  const { checks, counts } = matchUsers(inputs.users, index, cfg.baseDn);
  return [usersSummary(counts, checks, cfg.baseDn, index.size), ...checks];
}

function firstText(v: Entry[string] | undefined): string {
  if (v === undefined) return '';
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined ? '' : Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
}

function accountOf(e: Entry): { dn: string; sam: string; guid: string | undefined; disabled: boolean } {
  const rawGuid = e.objectGUID;
  const bytes = Array.isArray(rawGuid) ? rawGuid[0] : rawGuid;
  const uac = Number.parseInt(firstText(e.userAccountControl), 10);
  return {
    dn: e.dn,
    sam: firstText(e.sAMAccountName),
    guid: Buffer.isBuffer(bytes) ? guidFromBytes(bytes) : undefined,
    // ACCOUNTDISABLE is bit 2 of userAccountControl.
    disabled: Number.isInteger(uac) && (uac & 2) !== 0,
  };
}
