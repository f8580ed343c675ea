/**
 * Where the directory preflight looks: the project's `directory:` section, key by key, over the
 * sources' (or the project's settings') `usermanager.ad.*` (migration-project.md, "Directory").
 * The bind password only from the environment: `directory.passwordEnv`, or the project's
 * `usermanager.ad.bindPassword: { env: NAME }` — never the value in an export.
 */
import path from 'node:path';
import type { Project } from '../project/index.js';
import { Sensitive } from '../model/index.js';
import { UnsetSecret } from '../model/index.js';

export type DirectorySecurity = 'ldaps' | 'starttls' | 'plain';

export interface DirectoryConfig {
  host: string;
  port: number;
  security: DirectorySecurity;
  /** Absolute path of the CA file, when the project names one. */
  caFile: string | undefined;
  bindUser: string;
  baseDn: string;
  password: Sensitive | undefined;
  /** Where the password comes from, for messages (`PROCALL_AD_PASSWORD`, never the value). */
  passwordFrom: string | undefined;
  /** Where host and port come from, for messages (`directory.url`, `usermanager.ad.hostName`). */
  hostFrom: string;
}

/** What is missing, by the key a consultant would set. */
export interface DirectoryConfigProblem {
  missing: string[];
}

/** `usermanager.ad.*` values (text) by lower-case key, from the mapped settings or the sources. */
export type AdSettings = ReadonlyMap<string, string>;

const LDAPS_PORTS = new Set([636, 3269]);

function fromUrl(url: string): { host: string; port: number; secure: boolean } {
  const m = /^(ldaps?):\/\/(\[[^\]]+\]|[^:/]+)(?::(\d+))?\/?$/i.exec(url);
  const secure = (m?.[1] ?? 'ldap').toLowerCase() === 'ldaps';
  return { host: (m?.[2] ?? '').replace(/^\[|\]$/g, ''), port: m?.[3] ? Number(m[3]) : secure ? 636 : 389, secure };
}

/** The directory to check, or what is missing to know it. */
export function directoryConfig(
  project: Project,
  ad: AdSettings,
  env: Record<string, string | undefined>,
  projectDir: string,
): DirectoryConfig | DirectoryConfigProblem {
  const d = project.directory;
  const setting = (key: string): string | undefined => {
    const v = ad.get(key.toLowerCase())?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  let host: string | undefined;
  let port: number;
  let secure: boolean;
  let hostFrom: string;
  if (d?.url !== undefined) {
    ({ host, port, secure } = fromUrl(d.url));
    hostFrom = 'directory.url';
  } else {
    host = setting('usermanager.ad.hostName');
    const p = Number(setting('usermanager.ad.hostPort') ?? '389');
    port = Number.isInteger(p) && p > 0 && p < 65536 ? p : 389;
    // The UCServer speaks LDAPS on AD's LDAPS ports; the settings have no other TLS switch.
    secure = LDAPS_PORTS.has(port);
    hostFrom = 'usermanager.ad.hostName';
  }
  const bindUser = d?.bindUser ?? setting('usermanager.ad.bindUser');
  const baseDn = d?.baseDn ?? setting('usermanager.ad.baseDnUsers');
  const missing = [
    ...(host === undefined || host === '' ? ['directory.url (or usermanager.ad.hostName)'] : []),
    ...(baseDn === undefined ? ['directory.baseDn (or usermanager.ad.baseDnUsers)'] : []),
    ...(bindUser === undefined ? ['directory.bindUser (or usermanager.ad.bindUser)'] : []),
  ];
  if (missing.length > 0 || host === undefined || baseDn === undefined || bindUser === undefined) return { missing };
  let password: Sensitive | undefined;
  let passwordFrom: string | undefined;
  if (d?.passwordEnv !== undefined) {
    passwordFrom = d.passwordEnv;
    const v = env[d.passwordEnv];
    password = v === undefined || v === '' ? undefined : new Sensitive(v);
  } else {
    const s = Object.entries(project.settings.global).find(([k]) => k.toLowerCase() === 'usermanager.ad.bindpassword')?.[1];
    // Only `{ env: NAME }` reaches here as a secret; an unset variable is an UnsetSecret stand-in.
    if (s?.value instanceof UnsetSecret) passwordFrom = s.value.envName;
    else if (s?.value instanceof Sensitive) {
      password = s.value;
      passwordFrom = s.path;
    }
  }
  return {
    host,
    port,
    security: secure ? 'ldaps' : d?.startTls === true ? 'starttls' : 'plain',
    caFile: d?.caFile === undefined ? undefined : path.resolve(projectDir, d.caFile),
    bindUser,
    baseDn,
    password,
    passwordFrom,
    hostFrom,
  };
}
