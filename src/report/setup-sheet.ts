/**
 * The setup wizard's answers per DataCenter server (seed: "Setup wizard"): wizard mode, the
 * multi-server database, the user database, Redis. Pure; values come from the project only,
 * never a password (the sheet says who provides it). Words are catalog keys (see text.ts).
 */
import type { Project } from '../project/index.js';
import type { MessageKey } from './i18n/index.js';
import { lit, msg, type Txt } from './text.js';

export interface SetupAnswer {
  page: MessageKey;
  answer: Txt;
  /** Something the consultant must still decide or check. */
  todo?: boolean;
  note?: Txt;
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
  if (!t) return [{ page: 'wizard.db', answer: msg('wizard.db.missing'), todo: true, note: msg('wizard.db.missingNote') }];
  const fq = isFullyQualified(t.server);
  return [
    {
      page: 'wizard.db.server',
      answer: lit(t.port === 1433 ? t.server : `${t.server},${t.port}`),
      ...(fq ? {} : { todo: true, note: msg('wizard.db.notFq') }),
    },
    { page: 'wizard.db.name', answer: lit(t.database) },
    { page: 'wizard.db.credentials', answer: credentialsAnswer(t) },
  ];
}

/** Who the server logs in as; never the password. */
function credentialsAnswer(t: NonNullable<Project['target']>): Txt {
  switch (t.authentication) {
    case 'sql':
      return msg('wizard.db.sqlLogin', { user: t.user ?? '?' });
    case 'ntlm':
      return msg('wizard.db.windowsLogin', { login: `${t.domain ?? ''}\\${t.user ?? ''}` });
    case 'default':
      return msg('wizard.db.integrated');
    default: {
      const _exhaustive: never = t.authentication;
      return _exhaustive;
    }
  }
}

function userDatabaseAnswer(project: Project, first: boolean): SetupAnswer {
  if (!first) return { page: 'wizard.userDb', answer: msg('wizard.userDb.join') };
  switch (project.userStore) {
    case 'mssql':
      return { page: 'wizard.userDb', answer: msg('wizard.userDb.mssql') };
    case 'ad':
      return { page: 'wizard.userDb', answer: msg('wizard.userDb.ad') };
    case undefined:
      return { page: 'wizard.userDb', answer: msg('wizard.userDb.undecided'), todo: true };
    default: {
      const exhaustive: never = project.userStore;
      return exhaustive;
    }
  }
}

function redisAnswers(project: Project): SetupAnswer[] {
  const r = project.redis;
  if (!r) return [{ page: 'wizard.redis', answer: msg('wizard.redis.missing'), todo: true, note: msg('wizard.redis.missingNote') }];
  const port = r.port ?? (r.tls ? 6380 : 6379);
  const password = msg(r.passwordEnv ? 'wizard.redis.passwordSet' : 'wizard.redis.passwordNone');
  const binary: SetupAnswer = r.binaryEncoding
    ? { page: 'wizard.redis.binary', answer: msg('wizard.on') }
    : { page: 'wizard.redis.binary', answer: msg('wizard.off'), todo: true, note: msg('wizard.redis.binaryOffNote') };
  const tls: SetupAnswer = {
    page: r.mode === 'sentinel' ? 'wizard.redis.forceTls' : 'wizard.redis.tls',
    answer: msg(r.tls ? 'wizard.on' : 'wizard.off'),
    ...(r.tls ? { note: msg('wizard.redis.tlsOnNote') } : {}),
  };
  if (r.mode === 'sentinel') {
    return [
      { page: 'wizard.redis.mode', answer: msg('wizard.redis.sentinel') },
      { page: 'wizard.redis.master', answer: r.masterName ? lit(r.masterName) : msg('value.notSet'), ...(r.masterName ? {} : { todo: true }) },
      { page: 'wizard.redis.sentinels', answer: lit(r.sentinels.map((s) => `${s.host}:${s.port}`).join(', ')) },
      { page: 'wizard.redis.password', answer: password, note: msg('wizard.redis.sentinelPasswordNote') },
      binary,
      tls,
    ];
  }
  return [
    { page: 'wizard.redis.mode', answer: msg('wizard.redis.server') },
    { page: 'wizard.redis.hostPort', answer: lit(`${r.host ?? '?'}:${port}`), ...(r.host ? {} : { todo: true }) },
    { page: 'wizard.redis.password', answer: password },
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
      ? { page: 'wizard.mode', answer: msg('wizard.mode.join'), note: msg('wizard.mode.firstNote') }
      : { page: 'wizard.mode', answer: msg('wizard.mode.join'), note: msg('wizard.mode.afterNote', { first: ucservers[0]!.name }) };
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
      answers: [{ page: 'wizard.media', answer: msg('wizard.media.answer'), note: msg('wizard.media.note') }],
    });
  }
  return sheets;
}
