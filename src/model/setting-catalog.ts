/**
 * Where each ProCall Enterprise setting goes in ProCall DataCenter: the one place that knows the
 * contract's catalog (enterprise-export.md, "Known setting keys"). Importers use it for
 * `inspect`, mappers for the settings split.
 */

export type SettingScope = 'global' | 'local' | 'group' | 'refused' | 'unclassified';

export interface CatalogEntry {
  /** Exact key, or a prefix ending in `.` that covers every key below it. */
  match: string;
  scope: 'global' | 'local' | 'group';
  meaning: string;
}

/** The contract's table, in its order. Matching is case-insensitive. */
export const SETTING_CATALOG: readonly CatalogEntry[] = [
  { match: 'usermanager.mode', scope: 'global', meaning: 'user management: 0 integrated, 1 Active Directory, 2 Microsoft SQL' },
  { match: 'usermanager.ad.', scope: 'global', meaning: 'Active Directory connection' },
  { match: 'usermanager.presenceDomains', scope: 'global', meaning: 'user manager option' },
  { match: 'usermanager.autoBindFirstLine', scope: 'global', meaning: 'user manager option' },
  { match: 'usermanager.autoBindSecondLine', scope: 'global', meaning: 'user manager option' },
  { match: 'usermanager.phoneNumberFormat', scope: 'global', meaning: 'user manager option' },
  { match: 'rights.global.', scope: 'global', meaning: 'rights every user has' },
  { match: 'monitor.everyoneSeesEveryone', scope: 'group', meaning: 'all users displayed to all users; not allowed globally in DataCenter' },
  { match: 'contentsharing.', scope: 'global', meaning: 'shared chat content (central file storage)' },
  { match: 'journal.', scope: 'global', meaning: 'journal retention and rules' },
  { match: 'chat.', scope: 'global', meaning: 'chat retention' },
  { match: 'mail.', scope: 'global', meaning: 'mail' },
  { match: 'logging.', scope: 'local', meaning: 'log files' },
  { match: 'diagnostics.fullMemoryDumps', scope: 'local', meaning: 'full memory dumps (on by default in DataCenter)' },
  { match: 'database.', scope: 'local', meaning: 'journal/chat database of this server' },
  { match: 'network.', scope: 'local', meaning: 'listening ports' },
  { match: 'mediaserver.', scope: 'local', meaning: 'UC MediaServer' },
  { match: 'clientupdate.', scope: 'local', meaning: 'update service' },
];

/** The catalog entry for a key, or undefined when the key is unclassified. */
export function findCatalogEntry(key: string): CatalogEntry | undefined {
  const k = key.toLowerCase();
  for (const entry of SETTING_CATALOG) {
    const m = entry.match.toLowerCase();
    if (m.endsWith('.') ? k.startsWith(m) && k.length > m.length : k === m) return entry;
  }
  return undefined;
}

/** Why a setting's value is refused by DataCenter, or undefined when it is not. */
export function refusalReason(key: string, value: string | undefined): string | undefined {
  const k = key.toLowerCase();
  if (k === 'usermanager.mode' && value?.trim() === '0') {
    return 'file-based (integrated) user management is not supported by ProCall DataCenter';
  }
  if (k === 'database.engine' && value?.trim().toLowerCase() === 'jet') {
    return 'the MS Access (jet) database engine is not supported by ProCall DataCenter';
  }
  return undefined;
}

/** Why a key can be refused, whatever its value, and what to do (for `inspect`, which lists keys only). */
export const REFUSAL_WHY: Readonly<Record<string, string>> = {
  'usermanager.mode': 'file-based (integrated) user management is not supported by ProCall DataCenter; the project chooses userStore: mssql or ad',
  'database.engine': 'jet (MS Access) is not supported by ProCall DataCenter; the project sets database.engine: sqlite (with database.filePath) or mssql for the new server',
};

/**
 * The scope a setting falls into for `inspect`: `refused` when its value cannot go to DataCenter,
 * else the catalog's scope, else `unclassified` (carried as a local setting, with a warning).
 * `value` is undefined for secrets: no refusal rule looks at a secret.
 */
export function classifySetting(key: string, value: string | undefined): SettingScope {
  if (refusalReason(key, value) !== undefined) return 'refused';
  return findCatalogEntry(key)?.scope ?? 'unclassified';
}

/** A word that makes a key segment name a credential. */
const SECRET_WORD = /password|passwd|pwd|secret/i;
/** `usePassword`, `hasSecret`, `requirePassword`: a switch about a credential (camelCase, so `userPassword` is not one). */
const SWITCH_PREFIX = /^(use|has|is|enable|disable|require|allow)[A-Z_-]/;
/** `passwordRequired`, `passwordMinLength`, `secretExpiryDays`: a property of a credential, not the credential. */
const PROPERTY_SUFFIX = /(password|passwd|pwd|secret)[_-]?(min|max)?[_-]?(required|enabled|disabled|set|policy|length|complexity|days|expiry|expires|age)$/i;

/**
 * Whether a setting key names a password or other secret, so its value is handled as a secret
 * even when it is not typed so (importer) or is written as a literal (project file).
 * The rule: the key's last segment (after the last `.`) contains password, passwd, pwd or secret
 * (`mail.password`, `usermanager.ad.bindPassword`, `mail.smtpPwd`, `api.clientSecret`,
 * `bindPasswordEncrypted`) — unless it is plainly a switch or a property ABOUT a credential
 * (`usePassword`, `hasSecret`, `passwordRequired`, `passwordMinLength`), whose value is a flag or
 * a number. The exceptions are narrow on purpose: a false positive only hides a harmless value,
 * a false negative would print a password.
 */
export function looksLikeSecretKey(key: string): boolean {
  const last = key.slice(key.lastIndexOf('.') + 1);
  return SECRET_WORD.test(last) && !SWITCH_PREFIX.test(last) && !PROPERTY_SUFFIX.test(last);
}

export type KnownSettingType = 'text' | 'int' | 'bool' | 'list' | 'secret';

/**
 * The keys the contract names one by one (enterprise-export.md, "Known setting keys"), with the
 * type each value has. A project setting is checked against it: its type, and its spelling
 * (`mail.smtpServr` is no key of `mail.*`).
 */
export const KNOWN_SETTINGS: Readonly<Record<string, KnownSettingType>> = {
  'usermanager.mode': 'int',
  'usermanager.ad.domain': 'text',
  'usermanager.ad.hostName': 'text',
  'usermanager.ad.hostPort': 'int',
  'usermanager.ad.baseDnUsers': 'text',
  'usermanager.ad.baseDnGroups': 'text',
  'usermanager.ad.baseDnComputers': 'text',
  'usermanager.ad.bindUser': 'text',
  'usermanager.ad.bindPassword': 'secret',
  'usermanager.presenceDomains': 'list',
  'usermanager.autoBindFirstLine': 'bool',
  'usermanager.autoBindSecondLine': 'bool',
  'usermanager.phoneNumberFormat': 'text',
  'monitor.everyoneSeesEveryone': 'bool',
  'contentsharing.enabled': 'bool',
  'contentsharing.fileLocation': 'text',
  'contentsharing.capacityMB': 'int',
  'contentsharing.maxFileSizeMB': 'int',
  'contentsharing.blockedExtensions': 'list',
  'contentsharing.deleteAfterDays': 'int',
  'journal.deleteAfterDays': 'int',
  'chat.deleteAfterDays': 'int',
  'mail.smtpServer': 'text',
  'mail.smtpPort': 'int',
  'mail.sender': 'text',
  'mail.password': 'secret',
  'logging.level': 'text',
  'logging.maxFileSizeMB': 'int',
  'logging.archiveOldLogs': 'bool',
  'logging.keepFiles': 'int',
  'logging.retentionHours': 'int',
  'diagnostics.fullMemoryDumps': 'bool',
  'database.engine': 'text',
  'database.server': 'text',
  'database.databaseName': 'text',
  'database.filePath': 'text',
  'database.login': 'text',
  'database.password': 'secret',
  'network.adminPort': 'int',
  'network.ctiPort': 'int',
  'network.tspPort': 'int',
  'network.ldapPort': 'int',
  'network.httpPort': 'int',
  'network.bindAddress': 'text',
  'mediaserver.enabled': 'bool',
  'mediaserver.host': 'text',
  'mediaserver.stunServer': 'text',
  'mediaserver.turnServer': 'text',
};

const KNOWN_BY_LOWER = new Map(Object.entries(KNOWN_SETTINGS).map(([k, t]) => [k.toLowerCase(), { key: k, type: t }]));

/** The contract's spelling and type of a key it names one by one (case-insensitive). */
export function knownSetting(key: string): { key: string; type: KnownSettingType } | undefined {
  return KNOWN_BY_LOWER.get(key.toLowerCase());
}

/**
 * Families whose keys the contract does not list one by one (`rights.global.*`, "call-journal
 * options" under `journal.*`, `clientupdate.*`): a key there is known unless it is a near miss of
 * a listed key. In every other family only the listed keys exist.
 */
export const OPEN_SETTING_FAMILIES: readonly string[] = ['rights.global.', 'journal.', 'clientupdate.'];

export function inOpenFamily(key: string): boolean {
  const k = key.toLowerCase();
  return OPEN_SETTING_FAMILIES.some((f) => k.startsWith(f) && k.length > f.length);
}

/**
 * Lists whose order means nothing to the server (a set of domains, of file extensions): two
 * sources listing the same elements in another order agree. Every other list keeps its order.
 */
export const UNORDERED_LISTS: ReadonlySet<string> = new Set(['usermanager.presencedomains', 'contentsharing.blockedextensions']);

/** The elements of a `;`-separated list value, trimmed, empty ones dropped. */
export function listElements(value: string): string[] {
  return value.split(';').map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * A value in its type's canonical form, so that equal values compare equal (issue 18, "equal is
 * equal"): `025` and `25` are one int, `true`, `1` and `yes` one bool, a list whose order does not
 * matter is sorted (case-insensitively, as domains and extensions are). A value that does not
 * parse as its type stays as written, so only equal text compares equal.
 */
export function canonicalValue(key: string, type: string, value: string): string {
  const v = value.trim();
  if (type === 'int' && /^[+-]?\d+$/.test(v)) return String(BigInt(v));
  if (type === 'bool') {
    if (/^(1|true|yes|on)$/i.test(v)) return '1';
    if (/^(0|false|no|off)$/i.test(v)) return '0';
    return v;
  }
  if (type === 'list') {
    const elements = listElements(v);
    if (!UNORDERED_LISTS.has(key.toLowerCase())) return elements.join(';');
    return [...new Set(elements.map((e) => e.toLowerCase()))].sort().join(';');
  }
  return value;
}

/** Whether two plain (non-secret) values of one key are the same value of its type. */
export function sameTypedValue(key: string, type: string, a: string, b: string): boolean {
  return a === b || canonicalValue(key, type, a) === canonicalValue(key, type, b);
}

/**
 * The value to suggest when sources disagree on a list: the first source's elements in its
 * order, then every element another source adds, so the suggestion drops nothing any source has.
 * Other types: the first value as written.
 */
export function suggestedValue(key: string, type: string, values: readonly string[]): string {
  if (type !== 'list' || values.length === 0) return values[0] ?? '';
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    for (const e of listElements(v)) {
      const k = UNORDERED_LISTS.has(key.toLowerCase()) ? e.toLowerCase() : e;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(e);
    }
  }
  return out.join(';');
}
