/**
 * The invariants a seeded multi-server database always holds (shared/spec/datacenter-db.md).
 * Pure: the mapper tests prove them on desired models, `verify` on the model read back from the
 * target. `offending` names rows by their keys, never by a secret or a full licence key.
 */
import type { DataCenterModel } from './datacenter.js';
import { TABLES } from './dc-schema.js';
import { LicenseKey, Sensitive } from './sensitive.js';

export interface InvariantResult {
  id: string;
  description: string;
  ok: boolean;
  offending: string[];
  /** A count worth showing next to the result (e.g. server licences per server). */
  note?: string;
}

/** At most this many offending rows are listed (the count is always given). */
const MAX_LISTED = 50;

const lc = (s: string): string => s.toLowerCase();

function result(id: string, description: string, offending: string[]): InvariantResult {
  const listed = offending.length > MAX_LISTED ? [...offending.slice(0, MAX_LISTED), `… and ${offending.length - MAX_LISTED} more`] : offending;
  return { id, description, ok: offending.length === 0, offending: listed };
}

export function checkInvariants(model: DataCenterModel): InvariantResult[] {
  const role = new Map(model.Server.map((s) => [lc(s.Name), s.Role]));
  const home = new Map(model.UserAccount.map((u) => [lc(u.UserName), u.HomeServer]));
  const notUc = (server: string): boolean => role.get(lc(server)) !== 'ucserver';

  const onUcserver = [
    ...model.UserAccount.filter((u) => notUc(u.HomeServer)).map((u) => `dc.UserAccount ${u.UserName}: HomeServer "${u.HomeServer}"`),
    ...model.Computer.filter((c) => notUc(c.HomeServer)).map((c) => `dc.Computer ${c.Name}: HomeServer "${c.HomeServer}"`),
    ...model.ClientContent.filter((c) => notUc(c.ServerName)).map((c) => `dc.ClientContent ${c.UserName}: ServerName "${c.ServerName}"`),
    ...model.Line.filter((l) => notUc(l.ManagementServer)).map((l) => `dc.Line ${l.Uri}: ManagementServer "${l.ManagementServer}"`),
    ...model.LineGroup.filter((g) => notUc(g.ManagementServer)).map((g) => `dc.LineGroup ${g.Name}: ManagementServer "${g.ManagementServer}"`),
  ];

  const lineByNumber = new Map(model.Line.filter((l) => l.PhoneNumber !== '').map((l) => [l.PhoneNumber, l]));
  const ownedLines: string[] = [];
  for (const u of model.UserAccount) {
    for (const n of new Set([u.PhoneNumber, u.PhoneSecondary])) {
      const line = n === '' ? undefined : lineByNumber.get(n);
      if (line !== undefined && lc(line.ManagementServer) !== lc(u.HomeServer)) {
        ownedLines.push(`${u.UserName}: line ${line.Uri} on "${line.ManagementServer}", home server "${u.HomeServer}"`);
      }
    }
  }

  const contentOnHome = model.ClientContent.filter((c) => lc(c.ServerName) !== lc(home.get(lc(c.UserName)) ?? '\u0000')).map(
    (c) => `${c.UserName}: content on "${c.ServerName}", home server "${home.get(lc(c.UserName)) ?? '(no such user)'}"`,
  );

  const globalEveryone = model.Setting.filter((s) => s.Scope === 'global' && lc(s.Key) === 'monitor.everyoneseeseveryone').map(
    (s) => `dc.Setting global ${s.Key} (Origin ${s.Origin})`,
  );

  const store =
    model.Environment.length !== 1
      ? [`dc.Environment has ${model.Environment.length} rows (expected exactly 1)`]
      : model.Environment.filter((e) => e.UserStore !== 'mssql' && e.UserStore !== 'ad').map((e) => `dc.Environment UserStore "${String(e.UserStore)}"`);

  const secretsWrapped = [
    ...model.Setting.filter((s) => (s.Type === 'secret') !== (s.Value instanceof Sensitive)).map(
      (s) => `dc.Setting ${s.Scope}/${s.ServerName}/${s.Key}/${s.ObjectName}: Type ${s.Type} ${s.Value instanceof Sensitive ? 'with a wrapped value' : 'with a plain value'}`,
    ),
    ...model.UserAccount.filter((u) => u.Credential !== null && !(u.Credential instanceof Sensitive)).map((u) => `dc.UserAccount ${u.UserName}: Credential not wrapped`),
    ...model.License.filter((l) => !(l.LicenseKey instanceof LicenseKey)).map(() => 'dc.License: a key not wrapped'),
  ];
  const adCredentials =
    model.Environment[0]?.UserStore === 'ad' ? model.UserAccount.filter((u) => u.Credential !== null).map((u) => `dc.UserAccount ${u.UserName}: Credential in ad mode`) : [];

  const userLicences = model.License.some((l) => l.Kind === 'user' && l.Count > 0) ? [] : ['no dc.License of kind user'];
  const badCounts = model.License.filter((l) => !(Number.isInteger(l.Count) && l.Count > 0)).map((l) => `dc.License ${l.LicenseKey.masked}: Count ${l.Count}`);
  const serverLicences = model.License.filter((l) => l.Kind === 'server').reduce((s, l) => s + l.Count, 0);
  const mediaservers = model.Server.filter((s) => s.Role === 'mediaserver').length;

  return [
    result('home-server-is-ucserver', 'every UserAccount.HomeServer, Computer.HomeServer, ClientContent.ServerName, Line/LineGroup.ManagementServer names a ucserver', onUcserver),
    result('owned-lines-on-home-server', "every line a user owns (PhoneNumber/PhoneSecondary) is managed by the user's home server", ownedLines),
    result('client-content-on-home-server', "ClientContent.ServerName equals the user's HomeServer", contentOnHome),
    result('no-global-everyone-sees-everyone', "no Setting with Scope 'global' and Key 'monitor.everyoneSeesEveryone'", globalEveryone),
    result('user-store-not-file-based', 'exactly one Environment row, UserStore mssql or ad', store),
    result('secrets-wrapped', 'secret settings, credentials and licence keys are wrapped so no output can show them', secretsWrapped),
    result('no-credential-in-ad-mode', 'UserAccount.Credential is null in ad mode', adCredentials),
    result('user-licence-present', 'at least one License of kind user', userLicences),
    {
      ...result('server-licences-counted', 'every licence has a positive count, so server licences are counted per Server row (the count is the note)', badCounts),
      // Too few server licences is a purchase to make, not a broken database: reported in the note
      // (and as MAP_SERVER_LICENSES_SHORT), not failed.
      note: `${serverLicences} server licence(s) for ${model.Server.length} server(s) (${mediaservers} dedicated mediaserver(s))${serverLicences < model.Server.length ? `: ${model.Server.length - serverLicences} missing` : ''}`,
    },
    result('servers-within-capacity', 'no ucserver is home to more users than its MaxUsers (all migration waves together)', overCapacity(model)),
    result('references-resolve', 'every reference names an existing row (servers, line groups, users, groups, locations)', danglingReferences(model)),
    result('keys-unique', 'no two rows of a table share a key (case-insensitive), no two servers an FQDN, no two users a SIP URI', duplicateKeys(model)),
  ];
}

/** Waves are checked one at a time when mapped; the database holds them all, so count here too. */
function overCapacity(model: DataCenterModel): string[] {
  const users = new Map<string, number>();
  for (const u of model.UserAccount) users.set(lc(u.HomeServer), (users.get(lc(u.HomeServer)) ?? 0) + 1);
  return model.Server.filter((s) => s.MaxUsers !== null && (users.get(lc(s.Name)) ?? 0) > s.MaxUsers).map(
    (s) => `dc.Server ${s.Name}: ${users.get(lc(s.Name)) ?? 0} users, MaxUsers ${s.MaxUsers}`,
  );
}

function danglingReferences(model: DataCenterModel): string[] {
  const names = <R,>(rows: readonly R[], col: keyof R): Set<string> => new Set(rows.map((r) => lc(String(r[col]))));
  const servers = names(model.Server, 'Name');
  const users = names(model.UserAccount, 'UserName');
  const groups = names(model.UserGroup, 'Name');
  const lineGroups = names(model.LineGroup, 'Name');
  const locations = names(model.Location, 'Name');
  const out: string[] = [];
  const check = (ok: boolean, what: string): void => {
    if (!ok) out.push(what);
  };
  for (const r of model.Setting) if (r.Scope === 'server') check(servers.has(lc(r.ServerName)), `dc.Setting ${r.Key}: server "${r.ServerName}"`);
  for (const r of model.Setting) if (r.Scope === 'group') check(groups.has(lc(r.ObjectName)), `dc.Setting ${r.Key}: group "${r.ObjectName}"`);
  for (const r of model.LocationRule) check(locations.has(lc(r.LocationName)), `dc.LocationRule ${r.LocationName}/${r.Position}: location`);
  for (const r of model.Line) check(lineGroups.has(lc(r.LineGroupName)), `dc.Line ${r.Uri}: line group "${r.LineGroupName}"`);
  for (const r of model.UserMonitorLine) check(users.has(lc(r.UserName)), `dc.UserMonitorLine ${r.UserName}: user`);
  for (const r of model.UserGroupMember) {
    check(groups.has(lc(r.GroupName)), `dc.UserGroupMember ${r.GroupName}/${r.UserName}: group`);
    check(users.has(lc(r.UserName)), `dc.UserGroupMember ${r.GroupName}/${r.UserName}: user`);
  }
  for (const r of model.ClientContent) check(users.has(lc(r.UserName)), `dc.ClientContent ${r.UserName}: user`);
  for (const r of [...model.UserAccount, ...model.Computer]) check(servers.has(lc(r.HomeServer)), `${'UserName' in r ? `dc.UserAccount ${r.UserName}` : `dc.Computer ${r.Name}`}: server "${r.HomeServer}"`);
  return out;
}

function duplicateKeys(model: DataCenterModel): string[] {
  const out: string[] = [];
  const keyValue = (v: unknown): string => (v instanceof LicenseKey ? v.reveal() : lc(String(v)));
  for (const table of TABLES) {
    const rows = model[table.name] as unknown as Record<string, unknown>[];
    const uniques = [table.key, ...table.columns.filter((c) => c.unique).map((c) => [c.name])];
    for (const cols of uniques) {
      const seen = new Set<string>();
      for (const r of rows) {
        const k = JSON.stringify(cols.map((c) => keyValue(r[c])));
        if (seen.has(k)) {
          // Licence keys are shown masked: the invariant result is output too.
          const shown = cols.map((c) => (r[c] instanceof LicenseKey ? (r[c] as LicenseKey).masked : String(r[c]))).join('/');
          out.push(`dc.${table.name} ${cols.join('/')} ${shown}`);
        }
        seen.add(k);
      }
    }
  }
  return out;
}
