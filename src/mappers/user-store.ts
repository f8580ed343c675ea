/**
 * User management: DataCenter keeps users in Microsoft SQL (`mssql`) or links them to Active
 * Directory (`ad`); file-based (integrated) user management is not supported. The project's
 * `userStore` decides; without it the sources must agree on one of the two.
 */
import { PROJECT_ORIGIN, type SettingRow, type UserStore } from '../model/index.js';
import type { UserManagement } from '../model/index.js';
import { at, lc, listNames, pushTo, type MapContext } from './context.js';
import { projectWhere } from './project-settings.js';
import { PROVENANCE_RULES } from './provenance.js';
import { USER_MANAGER_MODE } from './settings.js';
import type { ConsolidatedUser } from './users.js';
import { option } from '../project/index.js';

/** The two user stores a project can choose (`decide` of MAP_USERSTORE_REQUIRED). */
const USER_STORE_OPTIONS = () => [
  option('keep the users in the DataCenter SQL user store (their credentials are carried over)', 'userStore', 'mssql'),
  option('link the users to Active Directory by sAMAccountName', 'userStore', 'ad'),
];

const MODE_VALUE: Record<UserStore, string> = { ad: '1', mssql: '2' };
const STORE_TEXT: Record<UserManagement | 'unset', string> = {
  integrated: 'integrated (file-based)',
  ad: 'Active Directory',
  mssql: 'Microsoft SQL',
  unset: 'unset (ProCall Enterprise then uses integrated, file-based)',
};

/** The environment's user store, or undefined (with an error) when the project must choose. */
export function decideUserStore(ctx: MapContext): UserStore | undefined {
  const modes = ctx.exports.map((e) => ({ source: e.source, mode: e.userManagement ?? ('unset' as const) }));
  const chosen = ctx.project.userStore;
  if (chosen !== undefined) {
    const converted = modes.filter((m) => m.mode !== chosen);
    if (converted.length > 0) {
      ctx.decide(
        'userstore.project',
        `users of ${converted.map((m) => `${m.source} (${STORE_TEXT[m.mode]})`).join(', ')} move to ${chosen === 'ad' ? 'Active Directory' : 'Microsoft SQL'} user management`,
        `the project sets userStore: ${chosen}`,
        converted.map((m) => m.source),
      );
    }
    return chosen;
  }
  // `userStore: TODO`: the open decision (PROJECT_OPEN_DECISION) is the one finding.
  if (ctx.project.openValues?.some((v) => v.kind === 'userStore') === true) return undefined;
  const fileBased = modes.filter((m) => m.mode === 'integrated' || m.mode === 'unset');
  if (fileBased.length > 0) {
    for (const m of fileBased) {
      ctx.error(
        'MAP_USERSTORE_REQUIRED',
        `source "${m.source}" uses ${STORE_TEXT[m.mode]} user management, which ProCall DataCenter does not support`,
        {
          source: m.source,
          hint:
            'choose in the project file: "userStore: mssql" converts the users into the DataCenter SQL user store and carries their credentials; ' +
            '"userStore: ad" links them to Active Directory by sAMAccountName (every user needs one, and usermanager.ad.* must name the directory)',
          subject: 'userStore',
          params: { server: m.source, mode: m.mode },
          decide: USER_STORE_OPTIONS(),
        },
      );
    }
    return undefined;
  }
  const kinds = [...new Set(modes.map((m) => m.mode))];
  if (kinds.length === 1 && (kinds[0] === 'ad' || kinds[0] === 'mssql')) {
    ctx.decide('userstore.sources', `user store: ${kinds[0]}`, `every source uses ${STORE_TEXT[kinds[0]]} user management`, modes.map((m) => m.source));
    return kinds[0];
  }
  ctx.error(
    'MAP_USERSTORE_REQUIRED',
    `the sources use different user management (${modes.map((m) => `${m.source}: ${STORE_TEXT[m.mode]}`).join(', ')}); DataCenter has one user store`,
    {
      hint: 'set "userStore: mssql" or "userStore: ad" in the project file',
      subject: 'userStore',
      params: { sources: modes.map((m) => m.source), modes: modes.map((m) => m.mode) },
      decide: USER_STORE_OPTIONS(),
    },
  );
  return undefined;
}

/** `usermanager.mode` written from the environment's user store (the sources' value may be 0, refused). */
export function userManagerModeRow(ctx: MapContext, store: UserStore): SettingRow {
  const row: SettingRow = { Scope: 'global', ServerName: '', Key: USER_MANAGER_MODE, ObjectName: '', Type: 'int', Value: MODE_VALUE[store], Origin: PROJECT_ORIGIN };
  // The project's userStore decides it; without one, the sources agreed (their settings are the evidence).
  if (ctx.project.userStore !== undefined) ctx.provenance.fromProject(row, 'userStore');
  ctx.provenance.byRule(row, PROVENANCE_RULES.userStore, `userStore ${store} → ${USER_MANAGER_MODE}=${MODE_VALUE[store]}`);
  return row;
}

/** What each store needs: AD links by sAMAccountName and a directory to link to; SQL carries credentials. */
export function checkUserStore(ctx: MapContext, store: UserStore, users: readonly ConsolidatedUser[], globalRows: readonly SettingRow[]): void {
  const bySource = new Map<string, ConsolidatedUser[]>();
  const names = (list: readonly ConsolidatedUser[]): string => listNames(list.map((u) => u.user.userName));
  if (store === 'ad') {
    for (const u of users) if (u.user.samAccountName.trim() === '') pushTo(bySource, u.source, u);
    for (const [source, list] of bySource) {
      ctx.error(
        'MAP_AD_SAM_MISSING',
        `${list.length} user(s) of "${source}" have no sAMAccountName and cannot be linked to Active Directory: ${names(list)}`,
        {
          ...at(source, list[0]?.user.pos),
          hint: 'fill u8sSAMAccountName in the source, or choose userStore: mssql',
          subject: `server:${source}`,
          params: { server: source, count: list.length, users: list.slice(0, 10).map((u) => u.user.userName) },
        },
      );
    }
    const have = new Set(globalRows.filter((r) => r.Scope === 'global').map((r) => lc(r.Key)));
    const missing = ['usermanager.ad.hostName', 'usermanager.ad.domain'].filter((k) => !have.has(lc(k)));
    if (missing.length > 0) {
      ctx.error('MAP_AD_SETTINGS_MISSING', `userStore ad needs the Active Directory connection: ${missing.join(', ')} not set by any source or the project`, {
        // At the project's `userStore: ad`, when the project chose it.
        ...(ctx.project.userStore === 'ad' ? projectWhere(ctx.project, 'userStore') : {}),
        hint: `set them in the project: settings.global: { ${missing.map((k) => `${k}: …`).join(', ')} } (a bind password as { env: VARIABLE })`,
        subject: 'userStore',
        params: { keys: missing },
      });
    }
    return;
  }
  for (const u of users) if (u.user.password === undefined) pushTo(bySource, u.source, u);
  for (const [source, list] of bySource) {
    ctx.warn(
      'MAP_CREDENTIAL_MISSING',
      `${list.length} user(s) of "${source}" carry no credential into the SQL user store and need a new password: ${names(list)}`,
      {
        source,
        hint: 'set their passwords in the DataCenter administration after the migration',
        subject: `server:${source}`,
        params: { server: source, count: list.length, users: list.slice(0, 10).map((u) => u.user.userName) },
      },
    );
  }
}
