/**
 * The directory preflight (`report --preflight`, area `directory`) as consequences for the users
 * (issue 22 item 4): who cannot log in after the switch (no account, disabled, renamed, found
 * twice) and whose account is to be confirmed (recreated, matched by name). The counts are the
 * `users` check's params (`PREFLIGHT_DIRECTORY_USERS`); the names come from the per-user checks
 * (`subject: user:NAME`, their code says why). Nothing here reads a check's English message.
 */
import type { PreflightResult } from './preflight.js';
import type { Consequence } from './consequence-types.js';

export type { DirectoryReason } from './consequence-types.js';
import type { DirectoryReason } from './consequence-types.js';

/** Without a usable account the UCServer refuses the login: these reasons cost the user their login. */
export const NO_LOGIN: readonly DirectoryReason[] = ['notFound', 'noAccount', 'disabled', 'renamed', 'duplicate'];
/** The user logs in, but to an account the customer should confirm. */
export const TO_CHECK: readonly DirectoryReason[] = ['guidChanged', 'matchedByName'];

const CODE_REASON: Readonly<Record<string, DirectoryReason>> = {
  PREFLIGHT_DIRECTORY_USER_NOT_FOUND: 'notFound',
  PREFLIGHT_DIRECTORY_USER_NO_ACCOUNT: 'noAccount',
  PREFLIGHT_DIRECTORY_USER_DISABLED: 'disabled',
  PREFLIGHT_DIRECTORY_USER_RENAMED: 'renamed',
  PREFLIGHT_DIRECTORY_USER_DUPLICATE: 'duplicate',
  PREFLIGHT_DIRECTORY_USER_GUID_CHANGED: 'guidChanged',
  PREFLIGHT_DIRECTORY_USER_MATCHED_BY_NAME: 'matchedByName',
};

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The user a per-user check is about: its `subject` (`user:NAME`), else its params `user`. */
function userOf(c: PreflightResult['checks'][number]): string | undefined {
  const m = /^user:(.+)$/.exec(c.subject ?? '');
  if (m) return m[1]!;
  const u = c.params?.['user'];
  return typeof u === 'string' && u !== '' ? u : undefined;
}

/**
 * The two directory consequences, or none when the preflight did not look the users up (no
 * `users` summary, or it was skipped): „none“ would then claim a check nobody made.
 */
export function directoryConsequences(preflight: PreflightResult | undefined): Consequence[] {
  const summary = preflight?.checks.find((c) => c.area === 'directory' && c.code === 'PREFLIGHT_DIRECTORY_USERS');
  if (!preflight || !summary) return [];
  const named = new Map<DirectoryReason, string[]>();
  for (const c of preflight.checks) {
    const reason = c.area === 'directory' && c.code ? CODE_REASON[c.code] : undefined;
    const user = reason ? userOf(c) : undefined;
    if (!reason || user === undefined) continue;
    const list = named.get(reason) ?? [];
    list.push(user);
    named.set(reason, list);
  }
  const count = (r: DirectoryReason): number => {
    const v = summary.params?.[r];
    // The summary counts every user; the per-user checks are the fallback of an older file without counts.
    return typeof v === 'number' ? v : (named.get(r)?.length ?? 0);
  };
  const build = (kind: 'directoryNoLogin' | 'directoryCheck', reasons: readonly DirectoryReason[]): Consequence => {
    const out: Consequence = { kind, reasons: [], items: [] };
    for (const r of reasons) {
      const n = count(r);
      if (n > 0) out.reasons.push({ reason: r, count: n });
      for (const name of [...(named.get(r) ?? [])].sort(cmp)) out.items.push({ name, directory: { reason: r } });
    }
    // A user counted but not listed (a file cut short) still counts: unnamed, never dropped.
    const counted = out.reasons.reduce((a, r) => a + r.count, 0);
    out.unnamed = Math.max(0, counted - out.items.length);
    return out;
  };
  return [build('directoryNoLogin', NO_LOGIN), build('directoryCheck', TO_CHECK)];
}
