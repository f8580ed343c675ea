/**
 * Connection settings from the project's `target:` section, from a URL
 * (`mssql://user:pass@host:1433/db?encrypt=true&trustServerCertificate=true`) or from an
 * ADO-style string (`Server=host,1433;Database=db;User Id=sa;Password=…`). Pure: the result is
 * turned into an `mssql` config by db.ts. The password stays wrapped until then.
 */
import { MigrateError } from '../../model/index.js';
import { Sensitive } from '../../model/index.js';

export type DbAuthentication = 'sql' | 'ntlm' | 'default';

export interface ConnectionSettings {
  server: string;
  /** Undefined with a named instance (the SQL Browser finds the port). */
  port: number | undefined;
  instanceName: string | undefined;
  database: string | undefined;
  authentication: DbAuthentication;
  user: string | undefined;
  domain: string | undefined;
  password: Sensitive | undefined;
  /** The environment variable the password comes from (target.passwordEnv), so a missing password can name it. */
  passwordEnv?: string | undefined;
  encrypt: boolean;
  trustServerCertificate: boolean;
}

/** The project's `target:` section (src/model/project.ts) as the writer needs it. */
export interface DbTarget {
  server: string;
  port?: number | undefined;
  database: string;
  authentication?: DbAuthentication | undefined;
  user?: string | undefined;
  domain?: string | undefined;
  passwordEnv?: string | undefined;
  /** Already read by loadProject (or a prompt); wins over passwordEnv. */
  password?: Sensitive | undefined;
  encrypt?: boolean | undefined;
  trustServerCertificate?: boolean | undefined;
  /** Collation of the text columns the tool creates (`target.collation`). */
  collation?: string | undefined;
  /** Rows per bulk-load batch (`target.bulkBatchRows`). */
  bulkBatchRows?: number | undefined;
}

/** `CORP\migrator` → domain CORP, user migrator (NTLM wants them apart). */
function splitDomainUser(user: string | undefined, domain: string | undefined): { user: string | undefined; domain: string | undefined } {
  if (user === undefined) return { user, domain };
  const i = user.indexOf('\\');
  if (i > 0) return { user: user.slice(i + 1), domain: domain ?? user.slice(0, i) };
  return { user, domain };
}

/** `host\instance` → host and instance. */
function splitInstance(server: string): { server: string; instanceName: string | undefined } {
  const i = server.indexOf('\\');
  return i > 0 ? { server: server.slice(0, i), instanceName: server.slice(i + 1) } : { server, instanceName: undefined };
}

/** Settings for a project target; the password from `target.password`, else from `env[passwordEnv]`. */
export function settingsFromTarget(target: DbTarget, env: Record<string, string | undefined>): ConnectionSettings {
  const authentication = target.authentication ?? 'sql';
  let password = target.password;
  if (password === undefined && target.passwordEnv !== undefined) {
    const raw = env[target.passwordEnv];
    if (raw !== undefined && raw !== '') password = new Sensitive(raw);
  }
  const { user, domain } = splitDomainUser(target.user, target.domain);
  const { server, instanceName } = splitInstance(target.server);
  return {
    server,
    instanceName,
    port: instanceName !== undefined ? undefined : (target.port ?? 1433),
    database: target.database,
    authentication,
    user,
    domain,
    password,
    ...(target.passwordEnv === undefined ? {} : { passwordEnv: target.passwordEnv }),
    encrypt: target.encrypt ?? true,
    trustServerCertificate: target.trustServerCertificate ?? false,
  };
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  const v = value.trim().toLowerCase();
  if (['true', 'yes', '1', 'mandatory', 'strict'].includes(v)) return true;
  if (['false', 'no', '0', 'optional'].includes(v)) return false;
  return fallback;
}

function invalid(what: string): MigrateError {
  // Never echo the string itself: it may hold a password.
  return new MigrateError('DB_URL_INVALID', `the database connection string is not valid: ${what}`, {
    hint: 'use mssql://user:password@host:1433/database?encrypt=true or Server=host,1433;Database=db;User Id=user;Password=…',
  });
}

/** Parses an `mssql://` / `sqlserver://` URL or an ADO-style `Key=Value;…` string. */
export function parseConnectionString(text: string): ConnectionSettings {
  const trimmed = text.trim();
  if (/^(mssql|sqlserver):\/\//i.test(trimmed)) return parseUrl(trimmed);
  if (trimmed.includes('=')) return parseAdo(trimmed);
  throw invalid('expected mssql://… or Key=Value;… pairs');
}

function parseUrl(text: string): ConnectionSettings {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid('not a URL');
  }
  if (!url.hostname) throw invalid('no host');
  const q = url.searchParams;
  const rawUser = url.username ? decodeURIComponent(url.username) : undefined;
  const { user, domain } = splitDomainUser(rawUser, q.get('domain') ?? undefined);
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || q.get('database') || undefined;
  const instanceName = q.get('instanceName') ?? q.get('instance') ?? undefined;
  const auth = (q.get('authentication') ?? (domain ? 'ntlm' : 'sql')).toLowerCase();
  if (auth !== 'sql' && auth !== 'ntlm' && auth !== 'default') throw invalid(`unknown authentication ${auth}`);
  return {
    server: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : instanceName ? undefined : 1433,
    instanceName,
    database,
    authentication: auth,
    user,
    domain,
    password: url.password ? new Sensitive(decodeURIComponent(url.password)) : undefined,
    encrypt: bool(q.get('encrypt') ?? undefined, true),
    trustServerCertificate: bool(q.get('trustServerCertificate') ?? undefined, false),
  };
}

/** `Key=Value;` pairs; values may be quoted with "…", '…' or {…} (doubling the closing quote escapes it). */
export function parseAdoPairs(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && (text[i] === ';' || /\s/.test(text[i] ?? ''))) i++;
    if (i >= n) break;
    const eq = text.indexOf('=', i);
    if (eq < 0) throw invalid('a part without "="');
    const key = text.slice(i, eq).trim().toLowerCase().replace(/\s+/g, ' ');
    i = eq + 1;
    while (i < n && text[i] === ' ') i++;
    let value = '';
    const open = text[i];
    const close = open === '{' ? '}' : open === '"' || open === "'" ? open : undefined;
    if (close !== undefined) {
      i++;
      for (;;) {
        if (i >= n) throw invalid(`an unterminated quoted value for ${key}`);
        const ch = text[i] as string;
        if (ch === close) {
          if (text[i + 1] === close) {
            value += close;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += ch;
        i++;
      }
      while (i < n && text[i] !== ';') i++;
    } else {
      const end = text.indexOf(';', i);
      value = (end < 0 ? text.slice(i) : text.slice(i, end)).trim();
      i = end < 0 ? n : end;
    }
    out.set(key, value);
  }
  return out;
}

function parseAdo(text: string): ConnectionSettings {
  const pairs = parseAdoPairs(text);
  const get = (...keys: string[]): string | undefined => {
    for (const k of keys) {
      const v = pairs.get(k);
      if (v !== undefined && v !== '') return v;
    }
    return undefined;
  };
  let serverText = get('server', 'data source', 'address', 'addr', 'network address');
  if (serverText === undefined) throw invalid('no Server');
  serverText = serverText.replace(/^tcp:/i, '');
  let port: number | undefined;
  const comma = serverText.lastIndexOf(',');
  if (comma > 0) {
    port = Number(serverText.slice(comma + 1).trim());
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalid('the port after "," is not a TCP port');
    serverText = serverText.slice(0, comma).trim();
  }
  const { server, instanceName } = splitInstance(serverText);
  const integrated = bool(get('integrated security', 'trusted_connection'), false);
  const { user, domain } = splitDomainUser(get('user id', 'uid', 'user', 'username'), get('domain'));
  const password = get('password', 'pwd');
  return {
    server,
    instanceName,
    port: port ?? (instanceName ? undefined : 1433),
    database: get('database', 'initial catalog'),
    authentication: integrated ? 'default' : domain ? 'ntlm' : 'sql',
    user,
    domain,
    password: password === undefined ? undefined : new Sensitive(password),
    encrypt: bool(get('encrypt'), true),
    trustServerCertificate: bool(get('trustservercertificate', 'trust server certificate'), false),
  };
}

/** `host:1433/db`: how a target is named in messages (never with user or password). */
export function describeTarget(s: Pick<ConnectionSettings, 'server' | 'port' | 'instanceName' | 'database'>): string {
  const where = s.instanceName ? `${s.server}\\${s.instanceName}` : `${s.server}:${s.port ?? 1433}`;
  return s.database ? `${where}/${s.database}` : where;
}
