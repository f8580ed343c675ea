/**
 * Users of all sources, consolidated by user name (the key, case-insensitive), and their rows:
 * UserAccount (home server from home-servers.ts, credential by the user store) and
 * UserMonitorLine (watched lines, not owned).
 */
import type { UserAccountRow, UserMonitorLineRow, UserStore } from '../model/index.js';
import type { User } from '../model/index.js';
import { at, lc, sortByName, type MapContext } from './context.js';
import { explainRewrites } from './number-rules.js';
import type { ExplainPlacement } from './placement-provenance.js';
import type { ConsolidatedUser, HomeServerAssignment } from './types.js';

export type { ConsolidatedUser } from './types.js';

/** Every user once, in name order; a name or SIP URI in two sources is an error. */
export function consolidateUsers(ctx: MapContext): ConsolidatedUser[] {
  const byName = new Map<string, ConsolidatedUser>();
  const bySip = new Map<string, ConsolidatedUser>();
  for (const e of ctx.exports) {
    for (const user of e.users) {
      const prev = byName.get(lc(user.userName));
      if (prev !== undefined) {
        ctx.error(
          'MAP_USER_DUPLICATE',
          `user "${user.userName}" is in two sources: "${prev.source}" (${prev.user.pos.file}:${prev.user.pos.line}) and "${e.source}"`,
          {
            ...at(e.source, user.pos),
            hint: 'a user has one home server: remove the user from one source before exporting, or rename one',
            subject: `user:${user.userName}`,
            params: { user: user.userName, servers: [prev.source, e.source] },
          },
        );
        continue;
      }
      const sip = lc(user.sipUri);
      const prevSip = sip === '' ? undefined : bySip.get(sip);
      if (prevSip !== undefined) {
        ctx.error(
          'MAP_SIPURI_DUPLICATE',
          `SIP URI "${user.sipUri}" of user "${user.userName}" (${e.source}) is already used by "${prevSip.user.userName}" (${prevSip.source})`,
          { ...at(e.source, user.pos), subject: `user:${user.userName}`, params: { sipUri: user.sipUri, user: user.userName, other: prevSip.user.userName, servers: [prevSip.source, e.source] } },
        );
        continue;
      }
      const c = { source: e.source, user };
      byName.set(lc(user.userName), c);
      if (sip !== '') bySip.set(sip, c);
    }
  }
  return sortByName([...byName.values()], (c) => c.user.userName);
}

/** The user's row; its provenance is the `<User>` element and the rule that chose its home server. */
export function userAccountRow(
  ctx: MapContext,
  c: ConsolidatedUser,
  placed: HomeServerAssignment | undefined,
  store: UserStore,
  explain: ExplainPlacement,
): UserAccountRow {
  const u = c.user;
  const row: UserAccountRow = {
    UserName: u.userName,
    SipUri: u.sipUri,
    FirstName: u.firstName,
    LastName: u.lastName,
    DisplayName: u.displayName,
    Email: u.email,
    Profile: u.profile,
    Enabled: u.enabled,
    PhoneNumber: u.phoneNumber,
    PhoneSecondary: u.phoneSecondary,
    HomeServer: placed?.server ?? '',
    // The SQL user store carries the credential (still wrapped); Active Directory authenticates itself.
    Credential: store === 'mssql' ? (u.password ?? null) : null,
    SamAccountName: u.samAccountName,
    DnPath: u.dnPath,
    ObjectGuid: u.objectGuid,
    Origin: c.source,
  };
  ctx.provenance.fromExport(row, c.source, u.pos);
  explainRewrites(ctx, row, u.rewrites, ['phoneNumber', 'phoneSecondary']);
  explain(row, placed, { numbers: [u.phoneNumber, u.phoneSecondary], request: u.homeServer, source: c.source });
  return row;
}

export function monitorLineRows(ctx: MapContext, c: ConsolidatedUser): UserMonitorLineRow[] {
  const seen = new Set<string>();
  const rows: UserMonitorLineRow[] = [];
  for (const m of c.user.monitorLines) {
    if (m.phoneNumber === '' || seen.has(lc(m.phoneNumber))) continue;
    seen.add(lc(m.phoneNumber));
    const row = { UserName: c.user.userName, PhoneNumber: m.phoneNumber, Origin: c.source };
    ctx.provenance.fromExport(row, c.source, m.pos);
    explainRewrites(ctx, row, c.user.rewrites?.filter((r) => r.to === m.phoneNumber), ['monitor']);
    rows.push(row);
  }
  return rows;
}
