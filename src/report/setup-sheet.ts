/**
 * The setup wizard's answers per DataCenter server (seed: "Setup wizard"): wizard mode, the
 * multi-server database, the user database, Redis. Pure; values come from the project only,
 * never a password (the sheet says where the password comes from).
 */
import type { Project } from '../model/project.js';

export interface SetupAnswer {
  page: string;
  answer: string;
  /** Something the consultant must still decide or check. */
  todo?: boolean;
  note?: string;
}

export interface SetupSheet {
  server: string;
  fqdn: string;
  role: 'ucserver' | 'mediaserver';
  answers: SetupAnswer[];
}

/** An FQDN has at least one dot and is not an IP address (ODBC 18 needs the host name). */
export function isFullyQualified(host: string): boolean {
  return host.includes('.') && !/^\d{1,3}(\.\d{1,3}){3}$/.test(host) && !host.includes(':');
}

function databaseAnswers(project: Project): SetupAnswer[] {
  const t = project.target;
  if (!t) {
    return [
      {
        page: 'Multi-server database',
        answer: 'not set in the project (add a target: section)',
        todo: true,
        note: 'Server name as a fully qualified host name (ODBC 18 requires it) and the database name the seed script was run against.',
      },
    ];
  }
  const fq = isFullyQualified(t.server);
  const answers: SetupAnswer[] = [
    {
      page: 'Multi-server database: server',
      answer: t.port === 1433 ? t.server : `${t.server},${t.port}`,
      ...(fq ? {} : { todo: true, note: 'not a fully qualified host name: the ODBC 18 driver needs one' }),
    },
    { page: 'Multi-server database: database name', answer: t.database },
    { page: 'Multi-server database: credentials', answer: credentialsAnswer(t) },
  ];
  return answers;
}

/** Who the server logs in as; never the password, only where it comes from. */
function credentialsAnswer(t: NonNullable<Project['target']>): string {
  switch (t.authentication) {
    case 'sql':
      return `SQL login ${t.user ?? '(user not set)'}; password from the DBA's vault (the project reads it from ${t.passwordEnv ?? 'a prompt'})`;
    case 'ntlm':
      return `Windows login ${t.domain ?? ''}\\${t.user ?? ''}`;
    case 'default':
      return 'Windows integrated authentication of the service account';
    default: {
      const _exhaustive: never = t.authentication;
      return _exhaustive;
    }
  }
}

function userDatabaseAnswer(project: Project, first: boolean): SetupAnswer {
  if (!first) {
    return { page: 'User database', answer: 'not asked when joining: the environment already defines it' };
  }
  switch (project.userStore) {
    case 'mssql':
      return { page: 'User database', answer: 'Microsoft SQL (own user administration in the multi-server database)' };
    case 'ad':
      return {
        page: 'User database',
        answer: 'Active Directory (server, bind user and password as in the sources’ usermanager.ad.* settings)',
      };
    case undefined:
      return { page: 'User database', answer: 'userStore is not decided in the project', todo: true };
    default: {
      const exhaustive: never = project.userStore;
      return exhaustive;
    }
  }
}

function redisAnswers(project: Project): SetupAnswer[] {
  const r = project.redis;
  if (!r) {
    return [
      {
        page: 'Redis database',
        answer: 'not set in the project (add a redis: section)',
        todo: true,
        note: 'Redis Server: host, port 6379 (6380 with TLS); or Redis Sentinel: master name and sentinels. Binary encoding of values: ON.',
      },
    ];
  }
  const port = r.port ?? (r.tls ? 6380 : 6379);
  const password = r.passwordEnv ? `password from ${r.passwordEnv}` : 'no password (set one if Redis is protected)';
  const binary: SetupAnswer = r.binaryEncoding
    ? { page: 'Redis: binary encoding of values', answer: 'ON' }
    : { page: 'Redis: binary encoding of values', answer: 'OFF', todo: true, note: 'estos says it should always be on; agree an exception with estos support first' };
  const tls: SetupAnswer = {
    page: r.mode === 'sentinel' ? 'Redis: force TLS' : 'Redis: TLS',
    answer: r.tls ? 'ON (certificate not a wildcard, its CA trusted on every UCServer; stunnel recommended)' : 'OFF',
  };
  if (r.mode === 'sentinel') {
    return [
      { page: 'Redis database: mode', answer: 'Redis Sentinel' },
      { page: 'Redis Sentinel: monitor master name', answer: r.masterName ?? '(not set)', ...(r.masterName ? {} : { todo: true }) },
      { page: 'Redis Sentinel: sentinels', answer: r.sentinels.map((s) => `${s.host}:${s.port}`).join(', ') },
      { page: 'Redis: password', answer: `${password} (the master's password; Sentinel passwords are not supported)` },
      binary,
      tls,
    ];
  }
  return [
    { page: 'Redis database: mode', answer: 'Redis Server' },
    { page: 'Redis Server: host and port', answer: `${r.host ?? '(not set)'}:${port}`, ...(r.host ? {} : { todo: true }) },
    { page: 'Redis: password', answer: password },
    binary,
    tls,
  ];
}

/** One sheet per server of the project, ucservers first in project order, then MediaServers. */
export function setupSheets(project: Project): SetupSheet[] {
  const ucservers = project.servers.filter((s) => s.role === 'ucserver');
  const media = project.servers.filter((s) => s.role === 'mediaserver');
  const sheets: SetupSheet[] = ucservers.map((s, i) => {
    const first = i === 0;
    const mode: SetupAnswer = first
      ? {
          page: 'Wizard mode',
          answer: 'Join an existing multi-server environment',
          note: 'Install this server first: it is the first server of the environment that procall-migrate has seeded into the multi-server database, and it takes over every setting from there. Do not choose "create new" (it would start an empty configuration database).',
        }
      : { page: 'Wizard mode', answer: 'Join an existing multi-server environment', note: `after ${ucservers[0]!.name} is running` };
    return {
      server: s.name,
      fqdn: s.fqdn,
      role: 'ucserver',
      answers: [mode, ...databaseAnswers(project), userDatabaseAnswer(project, first), ...redisAnswers(project)],
    };
  });
  for (const s of media) {
    sheets.push({
      server: s.name,
      fqdn: s.fqdn,
      role: 'mediaserver',
      answers: [
        {
          page: 'Installation',
          answer: 'dedicated UC MediaServer (estos best practice "UCServer and UC MediaServer on distributed systems")',
          note: 'a MediaServer on its own machine needs its own ProCall DataCenter server licence',
        },
      ],
    });
  }
  return sheets;
}
