/**
 * The decide registry (docs/decide.md): for every warning and error of the import, project, map
 * and plan stages, the project edits that settle it, first option first. A finding that carries
 * options already (its stage knew them best) keeps them. Warnings fall back to an `accept:`
 * entry with a reason to write; errors to the most specific edit known for their code, and an
 * import error of one export to leaving that export out. Pure: the finding, the project, the
 * exports and the project file's document in, options out.
 */
import path from 'node:path';
import type { DecideOption, Diagnostic } from '../model/index.js';
import { acceptMatchSelects } from './accept.js';
import { closestName } from '../model/index.js';
import { option } from './decide-option.js';
import { valueAt, writtenServers, type DecideContext } from './decide-context.js';
import { decideOpen, sourceValues } from './decide-open.js';
import { parseDecidePath } from './decide-path.js';
import { LEAVE_OUT_RULES, sipDuplicateLeaveOut } from './decide-leave-out.js';
import { KEY_RULES } from './decide-keys.js';
import { PROJECT_FILE_RULES, removeListItem } from './decide-project-file.js';

const lc = (s: string): string => s.toLowerCase();

/**
 * The reason an `accept:` option writes: a `TODO`, so the entry is an open decision
 * (PROJECT_OPEN_DECISION) and plan refuses until the consultant writes why it is fine; a
 * placeholder that reads like a reason went into the signed report unchanged (walkthrough defect 3).
 */
export const ACCEPT_REASON_PLACEHOLDER = 'TODO: why this is fine for the customer';

type Rule = (d: Diagnostic, ctx: DecideContext) => DecideOption[];

/** A string param of the finding (the values its message is made of; never parsed back out of the message). */
const param = (d: Diagnostic, name: string): string | undefined => {
  const p = d.params?.[name];
  return typeof p === 'string' ? p : undefined;
};

/** A list param of the finding. */
const listParam = (d: Diagnostic, name: string): string[] | undefined => {
  const p = d.params?.[name];
  return Array.isArray(p) ? p : undefined;
};

/** The did-you-mean name of a finding (`params.suggestion`). */
const suggested = (d: Diagnostic): string | undefined => param(d, 'suggestion');

/** `write X` where the finding's path holds the misspelt text (a list item or a field, not a key). */
const writeSuggestion: Rule = (d, ctx) => {
  const s = suggested(d);
  if (s === undefined || d.path === undefined || parseDecidePath(d.path) === undefined) return [];
  const current = valueAt(ctx, d.path);
  return typeof current === 'string' || typeof current === 'number' ? [option(`write ${s}`, d.path, s)] : [];
};

/** The index of a project server in the finding's path (`servers[2]…`). */
const serverIndex = (d: Diagnostic): number | undefined => {
  const m = /^servers\[(\d+)\]/.exec(d.path ?? '');
  return m ? Number(m[1]) : undefined;
};

/** The list at `servers[i].<field>` without item `j`. */
const withoutItem = (ctx: DecideContext, i: number, field: string, j: number): unknown[] | undefined => {
  const v = valueAt(ctx, `servers[${i}].${field}`);
  return Array.isArray(v) ? v.filter((_x, k) => k !== j) : undefined;
};

/** A user name as an AD sAMAccountName: the part before `@`, at most 20 characters. */
const samOf = (userName: string): string => userName.replace(/@.*$/, '').slice(0, 20);

/** The user names a finding lists (`…: a, b and 3 more`), resolved against the export for the rest. */
function usersWithoutSam(d: Diagnostic, ctx: DecideContext): { source: string; userName: string }[] {
  const exp = ctx.exports.find((e) => lc(e.source) === lc(d.source ?? ''));
  if (exp === undefined) return [];
  return exp.users.filter((u) => u.samAccountName.trim() === '').map((u) => ({ source: exp.source, userName: u.userName }));
}

/** The project's `sources:` without the export of `source` (an import error's last resort). */
function leaveOutSource(d: Diagnostic, ctx: DecideContext): DecideOption[] {
  const written = valueAt(ctx, 'sources');
  if (!Array.isArray(written) || written.length < 2 || ctx.project === undefined) return [];
  const exp = ctx.exports.find((e) => lc(e.source) === lc(d.source ?? ''));
  const inputPath = exp?.inputPath ?? (d.source !== undefined && path.isAbsolute(d.source) ? d.source : undefined);
  if (inputPath === undefined) return [];
  const i = ctx.project.sourcePaths.findIndex((p) => path.resolve(p) === path.resolve(inputPath));
  if (i < 0) return [];
  return [option(`leave the export ${exp?.source ?? inputPath} out of this migration (none of its users, lines or settings are migrated)`, 'sources', written.filter((_x, k) => k !== i))];
}

const RULES: Readonly<Record<string, Rule>> = {
  ...LEAVE_OUT_RULES,
  ...KEY_RULES,
  ...PROJECT_FILE_RULES,
  // A mapping row for a user no export holds, not close to any: a warning, accepted (the user may have left).
  MAP_MAPPING_UNKNOWN_USER: (d, ctx) => (d.severity === 'error' ? KEY_RULES['MAP_MAPPING_UNKNOWN_USER']!(d, ctx) : []),
  PROJECT_OPEN_DECISION: decideOpen,
  PROJECT_DUPLICATE_LINE_GROUP: (d, ctx) => {
    const m = /^servers\[(\d+)\]\.lineGroups\[(\d+)\]$/.exec(d.path ?? '');
    // The server that manages the group already (`params.otherServer`, its index in servers:).
    const otherServer = d.params?.['otherServer'];
    const other = typeof otherServer === 'number' ? otherServer : undefined;
    if (!m) return [];
    const i = Number(m[1]);
    const out: DecideOption[] = [];
    const mine = withoutItem(ctx, i, 'lineGroups', Number(m[2]));
    const group = String(valueAt(ctx, d.path!) ?? '');
    const name = (k: number) => String(writtenServers(ctx)[k]?.['name'] ?? `servers[${k}]`);
    if (other !== undefined) out.push(option(`${name(other)} manages "${group}" (remove it from ${name(i)})`, `servers[${i}].lineGroups`, mine));
    if (other !== undefined) {
      const k = other;
      const theirs = valueAt(ctx, `servers[${k}].lineGroups`);
      if (Array.isArray(theirs)) out.push(option(`${name(i)} manages "${group}" (remove it from ${name(k)})`, `servers[${k}].lineGroups`, theirs.filter((g) => lc(String(g)) !== lc(group))));
    }
    return out;
  },
  PROJECT_DUPLICATE_REPLACES: (d, ctx) => {
    const m = /^servers\[(\d+)\]\.replaces\[(\d+)\]$/.exec(d.path ?? '');
    if (!m) return [];
    const list = withoutItem(ctx, Number(m[1]), 'replaces', Number(m[2]));
    return list === undefined ? [] : [option('one server replaces the source: remove it here', `servers[${m[1]}].replaces`, list)];
  },
  PROJECT_DUPLICATE_SERVER: (d, ctx) => {
    const m = /^servers\[(\d+)\]\.(name|fqdn)$/.exec(d.path ?? '');
    if (!m) return [];
    const current = String(valueAt(ctx, d.path!) ?? '');
    const taken = new Set(writtenServers(ctx).map((s) => lc(String(s[m[2]!] ?? ''))));
    const [host = current, ...rest] = current.split('.');
    let n = 2;
    const next = () => (m[2] === 'fqdn' ? [`${host}-${n}`, ...rest].join('.') : `${current}-${n}`);
    while (taken.has(lc(next()))) n++;
    return [option(`a name of its own: ${next()}`, d.path!, next())];
  },
  PROJECT_NO_UCSERVER: () => [option('the first server is a ucserver', 'servers[0].role', 'ucserver')],
  PROJECT_INVALID: (d, ctx) => {
    if (d.path === undefined) return [];
    const v = valueAt(ctx, d.path);
    // What the schema expected: a type (`params.expected`) or the values it allows (`params.values`).
    const expected = param(d, 'expected');
    // `maxUsers: "60"`: the number it says.
    if (typeof v === 'string' && /^\s*\d+\s*$/.test(v) && expected === 'number') return [option(`the number ${v.trim()}`, d.path, Number(v))];
    if (typeof v === 'string' && expected === 'boolean' && /^(true|false|yes|no|ja|nein|1|0)$/i.test(v.trim())) {
      return [option(`the boolean ${v.trim()}`, d.path, /^(true|yes|ja|1)$/i.test(v.trim()))];
    }
    const allowed = listParam(d, 'values');
    if (typeof v === 'string' && allowed !== undefined && allowed.length > 0) {
      const near = allowed.find((a) => lc(a) === lc(v)) ?? closestName(v, allowed);
      if (near !== undefined) return [option(`write ${near}`, d.path, near)];
    }
    return [];
  },
  PROJECT_PASSWORD_IN_FILE: (d) => {
    const steps = d.path === undefined ? undefined : parseDecidePath(d.path);
    if (steps === undefined || steps[0] !== 'settings') return [];
    const key = String(steps[steps.length - 1]);
    return [option('read it from an environment variable', d.path!, { env: key.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase() })];
  },
  PROJECT_AUTH_INCOMPLETE: (d) => {
    if (d.path === 'target.passwordEnv') return [option('the password from PROCALL_SQL_PASSWORD', d.path, 'PROCALL_SQL_PASSWORD')];
    if (d.path === 'target.user') return [option('Windows authentication of the account running the tool', 'target.authentication', 'default')];
    return [];
  },
  PROJECT_OVERRIDE_UNKNOWN: (d, ctx) => [...writeSuggestion(d, ctx), ...removeListItem('remove the override (it corrects nothing)')(d, ctx)],
  PROJECT_LOCATION_UNKNOWN: (d, ctx) => {
    const named = writeSuggestion(d, ctx);
    const p = /^locations\[("(?:[^"\\]|\\.)*")\]$/.exec(d.path ?? '');
    return p ? [...named, option('remove it from locations: (no export defines it; write { define: … } to create it)', d.path!, null)] : named;
  },
  // A `sources:` entry that names nothing: leave it out (the other sources stay).
  IMPORT_INPUT_NOT_FOUND: (d, ctx) => (/^sources\[\d+\]$/.test(d.path ?? '') ? removeListItem('remove it from sources: (the path names nothing)', true)(d, ctx) : []),
  MAP_REPLACES_UNKNOWN_SOURCE: (d, ctx) => [...writeSuggestion(d, ctx), ...removeListItem('remove it: no export of this run is that source')(d, ctx)],
  MAP_LINEGROUP_UNKNOWN: (d, ctx) => [...writeSuggestion(d, ctx), ...removeListItem('remove it: no export of this run holds that line group')(d, ctx)],
  MAP_USERSTORE_REQUIRED: () => [option('mssql: users kept in the multi-server database', 'userStore', 'mssql'), option('ad: users linked to Active Directory', 'userStore', 'ad')],
  IMPORT_FILE_BASED_USER_MANAGEMENT: () => [option('mssql: users kept in the multi-server database', 'userStore', 'mssql'), option('ad: users linked to Active Directory', 'userStore', 'ad')],
  MAP_AD_SAM_MISSING: (d, ctx) => {
    const users = usersWithoutSam(d, ctx);
    const entries = users.map((u) => ({ source: u.source, entity: 'user', key: u.userName, field: 'samAccountName', value: samOf(u.userName) }));
    return [
      ...(entries.length === 0 ? [] : [option(`their sAMAccountName in the project (overrides; check each against AD): ${entries.slice(0, 3).map((e) => `${e.key} → ${e.value}`).join(', ')}${entries.length > 3 ? ', …' : ''}`, 'overrides[]', entries.length === 1 ? entries[0] : entries)]),
      option('mssql: keep the users in the multi-server database instead', 'userStore', 'mssql'),
    ];
  },
  MAP_AD_SETTINGS_MISSING: (d, ctx) => {
    const domain =
      ctx.exports.flatMap((e) => e.settings).find((s) => lc(s.key) === 'usermanager.ad.domain' && typeof s.value === 'string')?.value ??
      ctx.exports[0]?.source.split('.').slice(1).join('.');
    if (typeof domain !== 'string' || domain === '') return [];
    const missing = listParam(d, 'keys') ?? [];
    return missing.map((k) => option(`${k}: ${domain} (the AD domain's DNS name finds its domain controllers)`, `settings.global[${JSON.stringify(k)}]`, domain));
  },
  MAP_GLOBAL_SETTING_CONFLICT: (d, ctx) => settingConflict(d, ctx, 'global'),
  MAP_LOCAL_SETTING_CONFLICT: (d, ctx) => settingConflict(d, ctx, 'local'),
  MAP_CONTENTSHARING_MAX_FILE_SIZE: () => [option('the DataCenter maximum, 25 MB', 'settings.global["contentsharing.maxFileSizeMB"]', 25)],
  MAP_DATABASE_ENGINE_JET: (d, ctx) => {
    const server = param(d, 'server');
    const known = writtenServers(ctx).some((s) => lc(String(s['name'])) === lc(server ?? ''));
    return server !== undefined && known ? [option(`${server}: a SQLite journal database`, ['settings', 'local', server, 'database.engine'], 'sqlite')] : [];
  },
  MAP_SERVER_OVER_CAPACITY: (d) => {
    // `params.count`: every user the server gets, this run's and those of earlier waves.
    const need = d.params?.['count'];
    const i = serverIndex(d);
    if (typeof need !== 'number' || i === undefined) return [];
    // The users it gets, rounded up to a round number near it (13 → 15, 130 → 130, 1234 → 1300): a
    // limit of 100 for 13 users would let the server take seven times what was planned for it.
    const step = need <= 50 ? 5 : need <= 500 ? 10 : 100;
    const max = Math.ceil(need / step) * step;
    return [option(`raise maxUsers to ${max} (it gets ${need} user(s))`, `servers[${i}].maxUsers`, max)];
  },
  MAP_LINEGROUP_NO_SERVER: (d, ctx) => lineGroupServers(d, ctx, false),
  MAP_LINEGROUP_AMBIGUOUS: (d, ctx) => lineGroupServers(d, ctx, true),
  MAP_LINEGROUP_CONFLICT: (d) => {
    const group = param(d, 'lineGroup');
    const [first, source] = listParam(d, 'servers') ?? [];
    const [kind, otherKind] = listParam(d, 'kinds') ?? [];
    const [location, otherLocation] = listParam(d, 'locations') ?? [];
    if (group === undefined || first === undefined || source === undefined || kind === undefined || location === undefined) return [];
    const entries = [
      ...(kind !== otherKind ? [{ source, entity: 'lineGroup', key: group, field: 'kind', value: kind }] : []),
      ...(location !== otherLocation ? [{ source, entity: 'lineGroup', key: group, field: 'location', value: location }] : []),
    ];
    return entries.length === 0 ? [] : [option(`${source}'s line group as ${first} has it (${kind} at ${location}), by overrides`, 'overrides[]', entries.length === 1 ? entries[0] : entries)];
  },
  MAP_SIPURI_DUPLICATE: (d, ctx) => {
    const uri = param(d, 'sipUri');
    const user = param(d, 'user');
    const source = listParam(d, 'servers')?.[1];
    if (uri === undefined || user === undefined || source === undefined) return [];
    const domain = uri.replace(/^.*@/, '');
    const taken = new Set(ctx.exports.flatMap((e) => e.users.map((u) => u.sipUri.toLowerCase())));
    let candidate = `sip:${user.replace(/@.*$/, '').toLowerCase()}@${domain}`;
    for (let n = 2; taken.has(candidate); n++) candidate = `sip:${user.replace(/@.*$/, '').toLowerCase()}${n}@${domain}`;
    return [option(`give ${user} a SIP URI of its own: ${candidate} (check it)`, 'overrides[]', { source, entity: 'user', key: user, field: 'sipUri', value: candidate }), ...sipDuplicateLeaveOut(d)];
  },
  MAP_CONTENTSHARING_NOT_UNC: () => [option('a UNC share every server reaches (write the real one)', 'settings.global["contentsharing.fileLocation"]', '\\\\fileserver\\procall$\\share')],
  MAP_PROJECT_SETTING_TYPE: (d, ctx) => {
    const p = d.subject ?? d.path;
    if (p === undefined || parseDecidePath(p) === undefined) return [];
    const v = valueAt(ctx, p);
    if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return [option(`the number ${v.trim()}`, p, Number(v))];
    if (typeof v === 'string' && /^(true|false|ja|nein|yes|no|on|off)$/i.test(v.trim())) return [option(`the boolean`, p, /^(true|ja|yes|on)$/i.test(v.trim()))];
    if (typeof v === 'number' || typeof v === 'boolean') return [option(`as text`, p, String(v))];
    return settingTypeFallbacks(d, ctx, p);
  },
  MAP_HOME_UNPLACED: () => [option('users no rule places go to the least-loaded server', 'homeServers.balance', true)],
  MAP_SOURCE_DUPLICATE: leaveOutOlder,
  IMPORT_DUPLICATE_SERVER: leaveOutOlder,
};

/**
 * A project setting that is not of its key's type and no obvious conversion (`dreißig` for an
 * int): each source's value of the key (for a local setting, the sources the server replaces),
 * a secret from the environment, or the project setting removed so the sources' value applies
 * (walkthrough defect 9).
 */
function settingTypeFallbacks(d: Diagnostic, ctx: DecideContext, p: string): DecideOption[] {
  const steps = parseDecidePath(p)!;
  const key = param(d, 'key') ?? String(steps[steps.length - 1]);
  if (param(d, 'type') === 'secret') return [option('read it from an environment variable', p, { env: key.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase() })];
  let sources: string[] | undefined;
  if (steps[1] === 'local') {
    const server = writtenServers(ctx).find((s) => lc(String(s['name'])) === lc(String(steps[2])));
    sources = Array.isArray(server?.['replaces']) ? (server['replaces'] as unknown[]).map(String) : [];
  }
  const out: DecideOption[] = [];
  const type = param(d, 'type');
  for (const v of sourceValues(ctx, key, sources)) {
    // A source's value of the wrong type would be the same finding again.
    if ((type === 'int' && typeof v.value !== 'number') || (type === 'bool' && typeof v.value !== 'boolean')) continue;
    if (out.some((o) => JSON.stringify(o.value) === JSON.stringify(v.value))) continue;
    out.push(option(`${JSON.stringify(v.value)}, the value of ${v.source}`, p, v.value));
  }
  out.push(option("remove it from the project: the sources' value (or DataCenter's default) applies", p, null));
  return out;
}

/** Each source's value of a conflicting setting, at the project's settings path. */
function settingConflict(d: Diagnostic, ctx: DecideContext, scope: 'global' | 'local'): DecideOption[] {
  const key = param(d, 'key');
  if (key === undefined) return [];
  let base: (string | number)[] = ['settings', 'global'];
  let sources: string[] | undefined;
  if (scope === 'local') {
    const server = writtenServers(ctx).find((s) => Array.isArray(s['replaces']) && (s['replaces'] as unknown[]).some((r) => lc(String(r)) === lc(d.source ?? '')));
    if (server === undefined) return [];
    base = ['settings', 'local', String(server['name'])];
    sources = (server['replaces'] as unknown[]).map(String);
  }
  const out: DecideOption[] = [];
  for (const e of ctx.exports) {
    if (sources !== undefined && !sources.some((s) => lc(s) === lc(e.source))) continue;
    const s = e.settings.find((x) => lc(x.key) === lc(key));
    if (s === undefined) continue;
    const secret = typeof s.value !== 'string' || s.type === 'secret';
    const value = secret ? { env: key.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase() } : s.type === 'int' && /^-?\d+$/.test(s.value as string) ? Number(s.value) : s.value;
    if (out.some((o) => JSON.stringify(o.value) === JSON.stringify(value))) continue;
    out.push(option(secret ? 'a secret: read it from an environment variable' : `${e.source}'s value`, [...base, s.key], value));
  }
  return out;
}

/** A line group no server (or more than one) manages: list it on one of the candidates. */
function lineGroupServers(d: Diagnostic, ctx: DecideContext, onlyReplacing: boolean): DecideOption[] {
  const group = param(d, 'lineGroup');
  if (group === undefined) return [];
  const holders = ctx.exports.filter((e) => e.lineGroups.some((g) => lc(g.name) === lc(group))).map((e) => lc(e.source));
  const out: DecideOption[] = [];
  writtenServers(ctx).forEach((s, i) => {
    if ((s['role'] ?? 'ucserver') !== 'ucserver') return;
    const replaces = Array.isArray(s['replaces']) ? (s['replaces'] as unknown[]).map((r) => lc(String(r))) : [];
    if (onlyReplacing && !replaces.some((r) => holders.includes(r))) return;
    out.push(option(`${String(s['name'])} manages line group "${group}"`, `servers[${i}].lineGroups[]`, group));
  });
  return out;
}

/** Two exports of one server: keep the newer one (by the manifest's exportedAt). */
function leaveOutOlder(d: Diagnostic, ctx: DecideContext): DecideOption[] {
  const server = d.source ?? param(d, 'server');
  const same = ctx.exports.filter((e) => lc(e.source) === lc(server ?? ''));
  const written = valueAt(ctx, 'sources');
  if (same.length < 2 || !Array.isArray(written) || ctx.project === undefined) return [];
  const newest = [...same].sort((a, b) => Date.parse(b.manifest.exportedAt) - Date.parse(a.manifest.exportedAt))[0]!;
  const drop = new Set(same.filter((e) => e !== newest).map((e) => path.resolve(e.inputPath)));
  const keep = written.filter((_x, i) => !drop.has(path.resolve(ctx.project!.sourcePaths[i] ?? '')));
  return keep.length === written.length ? [] : [option(`keep the newer export of ${newest.source} (${newest.manifest.exportedAt}), leave out the older`, 'sources', keep)];
}

/**
 * An `accept:` entry for a warning: its code, what it is about, a reason to write. Its `match` is
 * the first of the finding's subject, path and own values (params, longest first) that the entry
 * would select (accept-warnings.ts decides that, as it does for the consultant's entries); the
 * whole message when none does.
 */
function acceptOption(d: Diagnostic): DecideOption {
  const values = Object.values(d.params ?? {})
    .filter((v): v is string => typeof v === 'string' && v.trim().length >= 3)
    .sort((a, b) => b.length - a.length);
  const candidates = [d.subject, d.path, ...values].filter((c): c is string => c !== undefined && c.trim() !== '');
  const match = candidates.find((c) => acceptMatchSelects(d, c)) ?? d.message;
  return option(`accept it (write why in reason)`, 'accept[]', { code: d.code, match, reason: ACCEPT_REASON_PLACEHOLDER });
}

/** The codes the registry has a rule of its own for (test/project/decide-coverage.test.ts). */
export const DECIDE_RULE_CODES: readonly string[] = Object.keys(RULES);

/** The options for one finding: its own, else the registry's, else the fallback. Infos get none. */
export function decideFor(d: Diagnostic, ctx: DecideContext): DecideOption[] {
  if (d.severity === 'info') return [];
  if (d.decide !== undefined && d.decide.length > 0) return acceptAfterOwn(d) ? [...d.decide, acceptOption(d)] : d.decide;
  let found: DecideOption[] = [];
  try {
    found = RULES[d.code]?.(d, ctx) ?? [];
  } catch {
    // A rule that cannot read this finding gives no option; the fallback still does.
    found = [];
  }
  if (found.length > 0) return found;
  if (d.severity === 'warning') return [acceptOption(d)];
  if (d.code.startsWith('IMPORT_')) return leaveOutSource(d, ctx);
  return [];
}

/**
 * Warnings whose stage proposes the fix, with `accept:` still an answer, as the last option: a
 * rule whose numbers are no lines (the users then cannot phone, so never first).
 */
const ACCEPT_AFTER_OWN: ReadonlySet<string> = new Set(['MAP_LOCATION_RULE_NO_LINE']);
const acceptAfterOwn = (d: Diagnostic): boolean => d.severity === 'warning' && ACCEPT_AFTER_OWN.has(d.code) && !(d.decide ?? []).some((o) => o.path === 'accept[]');

/** The diagnostics with their `decide` options attached (the list is new; each finding is copied when it gains options). */
export function attachDecisions<D extends Diagnostic>(diagnostics: readonly D[], ctx: DecideContext): D[] {
  return diagnostics.map((d) => {
    if (d.severity === 'info' || (d.decide !== undefined && d.decide.length > 0 && !acceptAfterOwn(d))) return d;
    const decide = decideFor(d, ctx);
    return decide.length === 0 ? d : { ...d, decide };
  });
}
