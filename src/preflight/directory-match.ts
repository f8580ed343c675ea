/**
 * Every user the plan migrates against the directory's accounts under the base DN (pure): by
 * objectGUID when the export has it, else by sAMAccountName; users of a source that did not use
 * Active Directory (file-based) by account name. Each finding names the user, is counted, and
 * carries its decision as an `overrides:` entry (docs/decide.md).
 */
import type { DecideOption, ParamValue } from '../model/index.js';
import { option } from '../project/index.js';
import { excludeOption } from '../project/index.js';
import type { DirectoryCode } from './directory-codes.js';
import { normalizeGuid } from './directory-guid.js';
import { check, type CheckResult, type PreflightCheck } from './result.js';

/** A user of the plan, as the directory check needs it. */
export interface PlanUser {
  userName: string;
  /** The export it comes from (an override's `source`). */
  source: string;
  enabled: boolean;
  samAccountName: string;
  objectGuid: string;
  /** Its source used Active Directory (false: file-based or SQL, moving to `ad`). */
  linked: boolean;
}

/** One account found under the base DN. */
export interface DirectoryAccount {
  dn: string;
  sam: string;
  /** Text form, lower case (directory-guid.ts); undefined when the entry has none. */
  guid: string | undefined;
  /** userAccountControl bit 2 (ACCOUNTDISABLE). */
  disabled: boolean;
}

/** The accounts, indexed the two ways users are looked up. */
export class DirectoryIndex {
  private readonly byGuid = new Map<string, DirectoryAccount>();
  private readonly bySam = new Map<string, DirectoryAccount[]>();
  size = 0;

  add(account: DirectoryAccount): void {
    this.size++;
    if (account.guid !== undefined) this.byGuid.set(account.guid, account);
    const key = samKey(account.sam);
    const list = this.bySam.get(key);
    if (list) list.push(account);
    else this.bySam.set(key, [account]);
  }

  guid(guid: string): DirectoryAccount | undefined {
    return this.byGuid.get(guid);
  }

  sam(name: string): readonly DirectoryAccount[] {
    return this.bySam.get(samKey(name)) ?? [];
  }
}

/** sAMAccountName compares case-insensitively; `DOMAIN\name` is the name. */
function samKey(name: string): string {
  const i = name.lastIndexOf('\\');
  return (i >= 0 ? name.slice(i + 1) : name).trim().toLowerCase();
}

/** The account name a file-based user would have: its sAMAccountName, else its user name before any `@`. */
export function accountNameOf(u: PlanUser): string {
  if (u.samAccountName.trim() !== '') return u.samAccountName.trim();
  const at = u.userName.indexOf('@');
  return at > 0 ? u.userName.slice(0, at) : u.userName;
}

export type Outcome =
  | { kind: 'found'; account: DirectoryAccount }
  | { kind: 'notFound' }
  | { kind: 'disabled'; account: DirectoryAccount }
  | { kind: 'renamed'; account: DirectoryAccount }
  | { kind: 'guidChanged'; account: DirectoryAccount }
  | { kind: 'duplicate'; accounts: readonly DirectoryAccount[] }
  | { kind: 'matchedByName'; account: DirectoryAccount }
  | { kind: 'noAccount' };

/** Where one user stands in the directory. */
export function matchUser(u: PlanUser, index: DirectoryIndex): Outcome {
  const enabledOrFound = (account: DirectoryAccount): Outcome => (account.disabled && u.enabled ? { kind: 'disabled', account } : { kind: 'found', account });
  if (!u.linked) {
    const name = accountNameOf(u);
    const hits = index.sam(name);
    if (hits.length === 0) return { kind: 'noAccount' };
    if (hits.length > 1) return { kind: 'duplicate', accounts: hits };
    const account = hits[0] as DirectoryAccount;
    // Linked only once the project names the account (an override); until then it is a finding.
    if (u.samAccountName.trim() === '') return { kind: 'matchedByName', account };
    return enabledOrFound(account);
  }
  const guid = normalizeGuid(u.objectGuid);
  const byGuid = guid === '' ? undefined : index.guid(guid);
  if (byGuid) {
    if (samKey(byGuid.sam) !== samKey(u.samAccountName)) return { kind: 'renamed', account: byGuid };
    const same = index.sam(u.samAccountName);
    if (same.length > 1) return { kind: 'duplicate', accounts: same };
    return enabledOrFound(byGuid);
  }
  if (u.samAccountName.trim() === '') return { kind: 'notFound' };
  const hits = index.sam(u.samAccountName);
  if (hits.length === 0) return { kind: 'notFound' };
  if (hits.length > 1) return { kind: 'duplicate', accounts: hits };
  const account = hits[0] as DirectoryAccount;
  if (guid !== '' && account.guid !== undefined && account.guid !== guid) return { kind: 'guidChanged', account };
  return enabledOrFound(account);
}

/** The counts of the `users` check: what the report turns into consequences. */
export interface UserCounts {
  total: number;
  found: number;
  notFound: number;
  disabled: number;
  renamed: number;
  guidChanged: number;
  duplicate: number;
  matchedByName: number;
  noAccount: number;
}

const KIND_CODE: Record<Exclude<Outcome['kind'], 'found'>, DirectoryCode> = {
  notFound: 'PREFLIGHT_DIRECTORY_USER_NOT_FOUND',
  disabled: 'PREFLIGHT_DIRECTORY_USER_DISABLED',
  renamed: 'PREFLIGHT_DIRECTORY_USER_RENAMED',
  guidChanged: 'PREFLIGHT_DIRECTORY_USER_GUID_CHANGED',
  duplicate: 'PREFLIGHT_DIRECTORY_USER_DUPLICATE',
  matchedByName: 'PREFLIGHT_DIRECTORY_USER_MATCHED_BY_NAME',
  noAccount: 'PREFLIGHT_DIRECTORY_USER_NO_ACCOUNT',
};

/** An `overrides:` entry for this user (another helper's src/project/overrides.ts reads it). */
function override(u: PlanUser, label: string, field: string, value: string | boolean, reason: string): DecideOption {
  return option(label, 'overrides[]', { source: u.source, entity: 'user', key: u.userName, field, value, reason });
}

const migrateDisabled = (u: PlanUser, why: string): DecideOption =>
  override(u, 'migrate the user disabled (no login, no licence; enable it once the account is right)', 'enabled', false, why);

/** One check for a user that is not simply found. */
export function userFinding(u: PlanUser, outcome: Exclude<Outcome, { kind: 'found' }>, baseDn: string): PreflightCheck {
  const who = `${u.userName} (${u.source})`;
  const params: Record<string, ParamValue> = {
    user: u.userName,
    source: u.source,
    samAccountName: u.samAccountName,
    objectGuid: u.objectGuid,
    baseDn,
  };
  // The account found (renamed, disabled, recreated, matched by name): its name and place.
  if ('account' in outcome) {
    params.foundName = outcome.account.sam;
    params.dn = outcome.account.dn;
  }
  let result: CheckResult;
  let message: string;
  let decide: DecideOption[];
  switch (outcome.kind) {
    case 'notFound': {
      const by = normalizeGuid(u.objectGuid) !== '' ? `objectGUID ${u.objectGuid} or sAMAccountName "${u.samAccountName}"` : `sAMAccountName "${u.samAccountName}"`;
      result = u.enabled ? 'fail' : 'warn';
      message = `${who}: no account with ${by} under ${baseDn}; the user could not log in (deleted, or moved out of the base DN?).`;
      decide = [migrateDisabled(u, 'no account in Active Directory (preflight)')];
      break;
    }
    case 'disabled':
      result = 'warn';
      message = `${who}: the account ${outcome.account.dn} is disabled in the directory (userAccountControl), but the user is enabled in the plan.`;
      decide = [migrateDisabled(u, 'disabled in Active Directory (preflight)')];
      break;
    case 'renamed':
      result = 'fail';
      message = `${who}: the account with objectGUID ${u.objectGuid} is now "${outcome.account.sam}" (${outcome.account.dn}), not "${u.samAccountName}"; the user would log in under a name DataCenter does not know.`;
      decide = [
        override(u, `take the directory's account name ${outcome.account.sam}`, 'samAccountName', outcome.account.sam, 'renamed in Active Directory (preflight)'),
        migrateDisabled(u, 'renamed in Active Directory (preflight)'),
      ];
      break;
    case 'guidChanged':
      params.foundGuid = outcome.account.guid ?? null;
      result = 'warn';
      message = `${who}: "${u.samAccountName}" is ${outcome.account.dn} with objectGUID ${outcome.account.guid ?? '?'}, not ${u.objectGuid} as in the export; the account was recreated.`;
      decide = [override(u, "take the new account's objectGUID", 'objectGuid', outcome.account.guid ?? '', 'account recreated in Active Directory (preflight)')];
      break;
    case 'duplicate':
      params.count = outcome.accounts.length;
      params.dns = outcome.accounts.map((a) => a.dn);
      result = 'fail';
      message = `${who}: "${accountNameOf(u)}" is found ${outcome.accounts.length} times under ${baseDn} (${outcome.accounts.map((a) => a.dn).join('; ')}); the UCServers cannot tell which account logs in.`;
      decide = [migrateDisabled(u, 'sAMAccountName found more than once in Active Directory (preflight)')];
      break;
    case 'matchedByName':
      result = 'warn';
      message = `${who}: its source did not use Active Directory; the directory account "${outcome.account.sam}" (${outcome.account.dn}) has its name, so link the user to it.`;
      decide = [
        override(u, `link the user to the directory account ${outcome.account.sam}`, 'samAccountName', outcome.account.sam, 'matched by account name (preflight)'),
        migrateDisabled(u, 'no linked Active Directory account (preflight)'),
      ];
      break;
    case 'noAccount':
      params.accountName = accountNameOf(u);
      result = u.enabled ? 'fail' : 'warn';
      message = `${who}: no directory account — its source did not use Active Directory, and no account "${accountNameOf(u)}" exists under ${baseDn}; create one, or the user cannot log in.`;
      decide = [migrateDisabled(u, 'no Active Directory account (preflight)')];
      break;
    default: {
      const _exhaustive: never = outcome;
      throw new Error(`unknown outcome ${String(_exhaustive)}`);
    }
  }
  // No account to log in with (gone, disabled, ambiguous): leaving the user out is as honest as migrating them disabled.
  if (outcome.kind === 'notFound' || outcome.kind === 'noAccount' || outcome.kind === 'disabled' || outcome.kind === 'duplicate') {
    decide.push(excludeOption('leave the user out of the migration (e.g. left the company)', u.source, 'user', u.userName, `${outcome.kind === 'disabled' ? 'disabled' : outcome.kind === 'duplicate' ? 'ambiguous' : 'no account'} in Active Directory (preflight)`));
  }
  return { ...check('directory', `user ${u.userName}`, result, message), code: KIND_CODE[outcome.kind], params, subject: `user:${u.userName}`, decide };
}

/** Every user's outcome: the per-user checks (findings only) and the counts. */
export function matchUsers(users: readonly PlanUser[], index: DirectoryIndex, baseDn: string): { checks: PreflightCheck[]; counts: UserCounts } {
  const counts: UserCounts = { total: users.length, found: 0, notFound: 0, disabled: 0, renamed: 0, guidChanged: 0, duplicate: 0, matchedByName: 0, noAccount: 0 };
  const checks: PreflightCheck[] = [];
  for (const u of users) {
    const outcome = matchUser(u, index);
    counts[outcome.kind]++;
    if (outcome.kind !== 'found') checks.push(userFinding(u, outcome, baseDn));
  }
  return { checks, counts };
}

/** The `users` check: the counts as one sentence (the report's consequences read its params). */
export function usersSummary(counts: UserCounts, findings: readonly PreflightCheck[], baseDn: string, accounts: number): PreflightCheck {
  const result: CheckResult = findings.some((c) => c.result === 'fail') ? 'fail' : findings.length > 0 ? 'warn' : 'pass';
  const parts = (
    [
      ['notFound', 'not found'],
      ['disabled', 'disabled'],
      ['renamed', 'renamed'],
      ['guidChanged', 'recreated (other objectGUID)'],
      ['duplicate', 'found twice'],
      ['matchedByName', 'matched by name only'],
      ['noAccount', 'without a directory account'],
    ] as const
  )
    .filter(([k]) => counts[k] > 0)
    .map(([k, words]) => `${counts[k]} ${words}`);
  const searched = `${accounts} ${accounts === 1 ? 'account' : 'accounts'} searched`;
  let message: string;
  if (counts.total === 0) message = `The plan migrates no users, so none was looked up (${searched} under ${baseDn}).`;
  else if (parts.length === 0) {
    message = `${counts.total === 1 ? 'The 1 user' : `All ${counts.total} users`} of the plan ${counts.total === 1 ? 'has its' : 'have their'} account under ${baseDn} (${searched}).`;
  } else {
    message = `Of ${counts.total} users of the plan, ${counts.found} ${counts.found === 1 ? 'has its' : 'have their'} account under ${baseDn}; ${parts.join(', ')} (${searched}; each is listed below with its decision).`;
  }
  return { ...check('directory', 'users', result, message), code: 'PREFLIGHT_DIRECTORY_USERS', params: { ...counts, baseDn, accounts } };
}
