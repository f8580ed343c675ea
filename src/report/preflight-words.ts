/**
 * A preflight check in the report's language. The check's message is rendered from its `code` and
 * `params` by the catalog (`preflight.msg.<CODE>`); a check without a code, or with one the
 * catalog does not know, gets a plain sentence naming the check in the reader's words. The English
 * sentence preflight printed never reaches a German customer (the consultant sees it, marked).
 */
import { fill, type Params, type MessageKey, type Translator } from './i18n/index.js';
import { PREFLIGHT_SENTENCES } from './preflight-sentences.js';
import type { PreflightCheck } from './preflight.js';

/** What the report reads of a check: the saved fields, plus `code`/`params` where preflight wrote them. */
export type CheckView = PreflightCheck & { code?: string; params?: Readonly<Record<string, unknown>> };

/** The check names preflight writes (src/preflight/*-checks.ts); a Redis check may carry a `host:port ` prefix. */
const KNOWN = [
  'login', 'database', 'schema dc', 'collation', 'server version', 'sp_getapplock', 'bulk load', 'target',
  'binary encoding', 'connect', 'auth', 'ping', 'role', 'redis', 'master', 'sentinels agree',
  'tls ca file', 'tls certificate', 'tls wildcard', 'content sharing', 'base dn', 'bind', 'directory', 'tls', 'users',
] as const;

/** `{ base: 'ping', where: 'redis01:6379' }` from `redis01:6379 ping`; undefined for a name preflight does not write. */
function split(name: string): { base: string; where: string } | undefined {
  const lower = name.trim().toLowerCase();
  for (const base of [...KNOWN].sort((a, b) => b.length - a.length)) {
    if (lower === base) return { base, where: '' };
    if (lower.endsWith(` ${base}`)) return { base, where: name.trim().slice(0, -base.length - 1).trim() };
  }
  return undefined;
}

/** The check's name in the reader's words (a host name check: „Namensauflösung host“). */
export function checkName(tr: Translator, c: CheckView): string {
  if (c.area === 'names') return tr.t('preflight.check.names', { host: c.name });
  // A directory check per user (`user anna.schmidt`): the account, by the user's name.
  const user = c.area === 'directory' ? /^user (.+)$/.exec(c.name.trim()) : null;
  if (user) return tr.t('preflight.check.user', { user: user[1]! });
  const known = split(c.name);
  if (!known) return tr.t('preflight.check.other', { area: tr.t(`area.${c.area}`) });
  const label = tr.t(`preflight.check.${known.base}` as MessageKey);
  return known.where === '' ? label : tr.t('preflight.check.at', { check: label, where: known.where });
}

const paramsOf = (c: CheckView): Params => {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(c.params ?? {})) {
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
    else if (typeof v === 'boolean') out[k] = String(v);
    else if (Array.isArray(v)) out[k] = v.map(String).join(', ');
  }
  return out;
};

/** The check's result in one sentence of the reader's language. */
export function checkMessage(tr: Translator, c: CheckView): string {
  // English readers keep preflight's own sentence: it says more (hosts, reasons) than a template.
  if (tr.lang === 'en' && c.message.trim() !== '') return c.message;
  const key = c.code ? `preflight.msg.${c.code}` : '';
  if (key !== '' && tr.has(key)) {
    const text = tr.t(key, paramsOf(c));
    // A template whose value preflight did not write would show `{name}`: the plain sentence instead.
    if (!/\{\w+\}/.test(text)) return text;
  }
  // The codes of the areas sql, redis, names and share (preflight-sentences.ts).
  const sentence = c.code ? PREFLIGHT_SENTENCES[c.code]?.[tr.lang] : undefined;
  if (sentence !== undefined) {
    const text = fill(sentence, paramsOf(c), tr.num);
    if (!/\{\w+\}/.test(text)) return text;
  }
  if (c.area === 'names') return tr.t(`preflight.names.${c.result}`, { host: c.name });
  return tr.t(`preflight.generic.${c.result}`, { check: checkName(tr, c) });
}
