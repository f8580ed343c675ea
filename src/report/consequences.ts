/**
 * What the migration changes for the customer's users, counted and named (issue 19): the
 * customer signs consequences, not diagnostics. Each consequence is computed from the model, the
 * exports, the project and (for a signed report) the plan, never read back out of a message.
 * Language-free data: `consequence-blocks.ts` puts it into words.
 */
import type { DataCenterModel, Diagnostic } from '../model/index.js';
import type { EnterpriseExport } from '../model/index.js';
import type { Project } from '../project/index.js';
import { Sensitive, knownSetting, sameTypedValue } from '../model/index.js';
import type { PlanForReport } from './signoff.js';
import type { UserRow } from './user-rows.js';
import { directoryConsequences } from './directory-consequences.js';
import type { PreflightResult } from './preflight.js';

export { ALWAYS_SHOWN, CONSEQUENCE_KINDS, type Affected, type Consequence, type ConsequenceKind } from './consequence-types.js';
import type { Affected, Consequence, ConsequenceKind } from './consequence-types.js';

export interface ConsequenceInput {
  project: Project;
  exports: readonly EnterpriseExport[];
  model: DataCenterModel;
  users: readonly UserRow[];
  /** The new servers with their users (after the plan's home servers). */
  servers: readonly { name: string; role: string; users: number; replaces: readonly string[] }[];
  notMigrated: readonly { source: string; path: string; kind: 'file database' | 'other' }[];
  plan?: PlanForReport;
  /** The run's findings: why a user has no line is read from their params (never a message). */
  diagnostics?: readonly Pick<Diagnostic, 'code' | 'params'>[];
  /** `report --preflight`: the directory check's users become consequences. */
  preflight?: PreflightResult;
}

const lc = (s: string) => s.toLowerCase();
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const shown = (v: unknown): string => (v instanceof Sensitive ? '' : v === null || v === undefined ? '' : String(v));

/** The environment's user store: the project's choice, or what every source agrees on. */
export function effectiveUserStore(project: Project, exports: readonly EnterpriseExport[]): 'mssql' | 'ad' | undefined {
  if (project.userStore) return project.userStore;
  const modes = new Set(exports.map((e) => e.userManagement ?? 'unknown'));
  return modes.size === 1 && (modes.has('ad') || modes.has('mssql')) ? (modes.has('ad') ? 'ad' : 'mssql') : undefined;
}

function newPasswords(x: ConsequenceInput): Consequence {
  const out: Consequence = { kind: 'newPassword', reasons: [], items: [] };
  if (effectiveUserStore(x.project, x.exports) !== 'mssql') return out;
  const mode = new Map(x.exports.map((e) => [lc(e.source), e.userManagement ?? 'unknown']));
  const sourceOf = new Map(x.users.map((u) => [lc(u.userName), u.source]));
  let ad = 0;
  let none = 0;
  for (const u of x.model.UserAccount) {
    if (u.Credential !== null && u.Credential !== undefined) continue;
    const source = sourceOf.get(lc(u.UserName)) ?? u.Origin;
    // AD users signed in with their Windows password, which no export holds.
    if (mode.get(lc(source)) === 'ad') ad++;
    else none++;
    out.items.push({ name: u.UserName });
  }
  if (ad > 0) out.reasons.push({ reason: 'ad', count: ad });
  if (none > 0) out.reasons.push({ reason: 'noPassword', count: none });
  return out;
}

/**
 * Users of a file-based (integrated) source when the environment keeps its users in Active
 * Directory: they sign in with their Windows account from now on, their ProCall password is gone,
 * and each needs an account in the directory.
 */
function windowsLogin(x: ConsequenceInput): Consequence {
  const out: Consequence = { kind: 'windowsLogin', reasons: [], items: [] };
  if (effectiveUserStore(x.project, x.exports) !== 'ad') return out;
  const fileBased = new Set(x.exports.filter((e) => e.userManagement === 'integrated').map((e) => lc(e.source)));
  if (fileBased.size === 0) return out;
  const sourceOf = new Map(x.users.map((u) => [lc(u.userName), u.source]));
  for (const u of x.model.UserAccount) {
    if (fileBased.has(lc(sourceOf.get(lc(u.UserName)) ?? u.Origin))) out.items.push({ name: u.UserName });
  }
  return out;
}

/** Users named in the `users` param of findings with `code`. */
function usersOf(x: ConsequenceInput, code: string): Set<string> {
  const out = new Set<string>();
  for (const d of x.diagnostics ?? []) {
    const users = d.code === code ? d.params?.['users'] : undefined;
    if (Array.isArray(users)) for (const u of users) out.add(lc(u));
  }
  return out;
}

function noOwnLine(x: ConsequenceInput): Consequence {
  const out: Consequence = { kind: 'noOwnLine', reasons: [], items: [] };
  const hadLine = new Set<string>();
  for (const e of x.exports) for (const u of e.users) if (u.phoneNumber !== '' || u.phoneSecondary !== '') hadLine.add(lc(u.userName));
  const enabled = new Set(x.model.UserAccount.filter((u) => u.Enabled).map((u) => lc(u.UserName)));
  // Why, most specific first: a location rule made a number no line has; the user's own number
  // is no line of any export; they had a number, but its line is not taken over; they never had one.
  const byRule = usersOf(x, 'MAP_LOCATION_RULE_NO_LINE');
  const byNumber = usersOf(x, 'MAP_USER_NUMBER_NO_LINE');
  const count = { ruleNoLine: 0, numberNoLine: 0, hadLine: 0, neverHadLine: 0 };
  for (const u of x.users) {
    // A disabled user does not phone; only enabled users without a line are a consequence.
    if (u.lines.length > 0 || !enabled.has(lc(u.userName))) continue;
    const name = lc(u.userName);
    count[byRule.has(name) ? 'ruleNoLine' : byNumber.has(name) ? 'numberNoLine' : hadLine.has(name) ? 'hadLine' : 'neverHadLine']++;
    out.items.push({ name: u.userName });
  }
  for (const reason of ['ruleNoLine', 'numberNoLine', 'hadLine', 'neverHadLine'] as const) if (count[reason] > 0) out.reasons.push({ reason, count: count[reason] });
  return out;
}

/**
 * A user moves when the new home server is not the one that replaces their old server (another
 * site), and, in a signed later wave, when the plan changes an existing user's home server.
 */
function homeServerMoves(x: ConsequenceInput): Consequence {
  const out: Consequence = { kind: 'homeServerMoves', reasons: [], items: [] };
  const replacing = new Map<string, string>();
  for (const s of x.servers) for (const r of s.replaces) if (!replacing.has(lc(r))) replacing.set(lc(r), s.name);
  const planned = new Map<string, string>();
  for (const c of x.plan?.changes ?? []) {
    const change = c as { table: string; key: Readonly<Record<string, unknown>>; action: string; changes?: Record<string, { from?: unknown; to?: unknown }> };
    const home = change.action === 'update' ? change.changes?.['HomeServer'] : undefined;
    if ((change.table === 'dc.UserAccount' || change.table === 'UserAccount') && home && typeof change.key['UserName'] === 'string') {
      planned.set(lc(change.key['UserName']), shown(home.from));
    }
  }
  for (const u of x.users) {
    const before = planned.get(lc(u.userName));
    if (before !== undefined) {
      if (lc(before) !== lc(u.homeServer)) out.items.push({ name: u.userName, move: { from: before, to: u.homeServer } });
      continue;
    }
    const expected = replacing.get(lc(u.source));
    if (expected !== undefined && u.homeServer !== '' && lc(expected) !== lc(u.homeServer)) out.items.push({ name: u.userName, move: { from: u.source, to: u.homeServer } });
  }
  return out;
}

/**
 * A new UCServer this run leaves without users. A server that only replaces servers of another
 * wave (none of this run's exports) gets its users from that wave: not a consequence here.
 */
function serversWithoutUsers(x: ConsequenceInput): Consequence {
  const sources = new Set(x.exports.map((e) => lc(e.source)));
  const thisWave = (s: ConsequenceInput['servers'][number]) => s.replaces.length === 0 || s.replaces.some((r) => sources.has(lc(r)));
  return {
    kind: 'serverWithoutUsers',
    reasons: [],
    items: x.servers.filter((s) => s.role === 'ucserver' && s.users === 0 && thisWave(s)).map((s) => ({ name: s.name })),
  };
}

/**
 * A setting whose value in DataCenter differs from what a source server held: a global one
 * against every source, a server's own against the sources it replaces. Secrets are never
 * compared by value (they are never shown). With a plan, a planned value change of an existing
 * row counts too (a later wave); a change of provenance alone never does.
 */
function settingChanges(x: ConsequenceInput): Consequence {
  const out: Consequence = { kind: 'settingChanges', reasons: [], items: [] };
  const held = new Map<string, { source: string; value: string; secret: boolean }[]>();
  for (const e of x.exports) {
    for (const s of e.settings) {
      const k = lc(s.key);
      const list = held.get(k) ?? [];
      list.push({ source: e.source, value: s.value instanceof Sensitive ? '' : String(s.value), secret: s.type === 'secret' || s.value instanceof Sensitive });
      held.set(k, list);
    }
  }
  const seen = new Set<string>();
  for (const r of x.model.Setting) {
    if (r.Type === 'secret' || r.Value instanceof Sensitive || r.Scope === 'group') continue;
    const sources = r.Scope === 'server' ? new Set((x.servers.find((s) => lc(s.name) === lc(r.ServerName))?.replaces ?? []).map(lc)) : undefined;
    const before = (held.get(lc(r.Key)) ?? []).filter((h) => !h.secret && (sources === undefined || sources.has(lc(h.source))));
    const to = String(r.Value);
    const type = knownSetting(r.Key)?.type ?? r.Type;
    const differing = before.filter((h) => !sameSettingValue(r.Key, type, h.value, to));
    if (differing.length === 0) continue;
    seen.add(`${lc(r.Key)}\u0000${lc(r.ServerName)}`);
    out.items.push({ name: r.Key, setting: { server: r.Scope === 'server' ? r.ServerName : '', from: differing.map((h) => ({ source: h.source, value: h.value })), to } });
  }
  for (const c of x.plan?.changes ?? []) {
    const change = c as { table: string; key: Readonly<Record<string, unknown>>; action: string; changes?: Record<string, { from?: unknown; to?: unknown }> };
    if ((change.table !== 'dc.Setting' && change.table !== 'Setting') || change.action !== 'update') continue;
    const value = change.changes?.['Value'];
    if (!value) continue;
    const key = shown(change.key['Key']);
    const server = shown(change.key['ServerName']);
    if (seen.has(`${lc(key)}\u0000${lc(server)}`) || shown(value.to) === '' && shown(value.from) === '') continue;
    out.items.push({ name: key, setting: { server, from: [{ source: 'DataCenter', value: shown(value.from) }], to: shown(value.to) } });
  }
  out.items.sort((a, b) => cmp(lc(a.name), lc(b.name)) || cmp(a.setting?.server ?? '', b.setting?.server ?? ''));
  return out;
}

/**
 * Equal typed values are no change (issue 18, „equal is equal“): `025` and `25` are one int, a
 * reordered list whose order means nothing the same list; `1` and `true` are one switch also where
 * the type is not known.
 */
function sameSettingValue(key: string, type: string, a: string, b: string): boolean {
  const norm = (v: string) => (v === 'true' ? '1' : v === 'false' ? '0' : v);
  return norm(a) === norm(b) || sameTypedValue(key, type, a, b);
}

function notMigratedData(x: ConsequenceInput): Consequence {
  return {
    kind: 'notMigrated',
    reasons: [],
    items: x.notMigrated.map((f) => {
      const base = lc(f.path.split('/').pop() ?? f.path);
      const kind = /journal/.test(base) ? 'journal' : /chat/.test(base) ? 'chat' : f.kind === 'file database' || /\.(db|mdb|sqlite)$/.test(base) ? 'database' : 'other';
      return { name: f.path, file: { source: f.source, kind } };
    }),
  };
}

/** Every consequence, in {@link CONSEQUENCE_KINDS} order (empty ones too: the customer reads „none“ as an answer; the directory ones only when checked). */
export function consequencesOf(x: ConsequenceInput): Consequence[] {
  const windows = windowsLogin(x);
  return [newPasswords(x), ...(windows.items.length > 0 ? [windows] : []), ...directoryConsequences(x.preflight), noOwnLine(x), homeServerMoves(x), serversWithoutUsers(x), settingChanges(x), notMigratedData(x)];
}
