/**
 * `report --preflight` with a directory check (issue 22 item 4): the users the directory does not
 * let log in are a consequence, counted and named, in the customer's language. The preflight
 * result is made by the directory check's own matching code (directory-match.ts, as `preflight`
 * runs it after its LDAP search) and read back through the `--json` schema, as the CLI does.
 */
import { describe, expect, it } from 'vitest';
import { DirectoryIndex, matchUsers, usersSummary, type PlanUser } from '../../src/preflight/directory-match.js';
import { buildReportData, parsePreflight, renderReportHtml, renderReportMarkdown, type PreflightResult } from '../../src/report/index.js';
import { directoryConsequences } from '../../src/report/directory-consequences.js';
import { sampleInput } from './helpers.js';

const BASE_DN = 'OU=Users,OU=AlpenHandel,DC=alpen-handel,DC=local';
const GUID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

/** A `preflight --json` result for `users`: each name's fate chosen, the rest found. */
function preflightFor(userNames: readonly string[]): { result: PreflightResult; names: { noLogin: string[]; check: string[] } } {
  const [a, b, c, d, e, f, g, ...rest] = userNames;
  const index = new DirectoryIndex();
  const dn = (sam: string) => `CN=${sam},${BASE_DN}`;
  const users: PlanUser[] = [];
  const linked = (userName: string, extra: Partial<PlanUser> = {}): PlanUser => ({ userName, source: 'ucs-ber-01.alpen-handel.de', enabled: true, samAccountName: userName, objectGuid: '', linked: true, ...extra });
  // a, b: deleted from AD. c: disabled. d: renamed (same GUID, other name). e: recreated (same name, other GUID).
  users.push(linked(a!), linked(b!));
  users.push(linked(c!));
  index.add({ dn: dn(c!), sam: c!, guid: undefined, disabled: true });
  users.push(linked(d!, { objectGuid: GUID }));
  index.add({ dn: dn(`${d!}.neu`), sam: `${d!}.neu`, guid: GUID, disabled: false });
  users.push(linked(e!, { objectGuid: '11111111-2222-3333-4444-555555555555' }));
  index.add({ dn: dn(e!), sam: e!, guid: '99999999-2222-3333-4444-555555555555', disabled: false });
  // f: a file-based user whose name matches an account; g: one with no account at all.
  users.push(linked(f!, { linked: false, samAccountName: '' }));
  index.add({ dn: dn(f!), sam: f!, guid: undefined, disabled: false });
  users.push(linked(g!, { linked: false, samAccountName: '' }));
  for (const u of rest) {
    users.push(linked(u));
    index.add({ dn: dn(u), sam: u, guid: undefined, disabled: false });
  }
  const { checks, counts } = matchUsers(users, index, BASE_DN);
  const summary = usersSummary(counts, checks, BASE_DN, index.size);
  // Through JSON and the schema `report --preflight` reads it with.
  const parsed = parsePreflight(JSON.stringify({ checks: [summary, ...checks] }));
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return { result: parsed.value, names: { noLogin: [a!, b!, c!, d!, g!].sort(), check: [e!, f!].sort() } };
}

describe('the directory preflight as consequences for the users', async () => {
  const input = await sampleInput('alpen-handel');
  const userNames = input.mapped.model.UserAccount.map((u) => u.UserName);
  const { result, names } = preflightFor(userNames);
  const data = buildReportData({ ...input, preflight: result });
  const section = (md: string, title: string) => md.split(/\n(?=## \d+\. )/).find((s) => s.split('\n')[0]!.includes(title)) ?? '';

  it('the directory check found what the fixture set up (the counts the report reads)', () => {
    expect(result.checks[0]!.params).toMatchObject({ total: userNames.length, notFound: 2, disabled: 1, renamed: 1, guidChanged: 1, matchedByName: 1, noAccount: 1, duplicate: 0 });
  });

  it.each([
    [
      'de',
      'Was sich für Ihre Benutzer ändert',
      '| Benutzer, die sich mangels Konto im Verzeichnis nicht anmelden können | **5** |',
      '### 5 Benutzer können sich nach der Umstellung nicht anmelden',
      ['Kein Konto im Verzeichnis gefunden (gelöscht oder außerhalb des Basis-DN): 2.', 'Konto im Verzeichnis deaktiviert: 1.', 'Konto im Verzeichnis umbenannt: 1.', 'Bisher ohne Active Directory angemeldet, im Verzeichnis gibt es kein Konto: 1.'],
      '### Bei 2 Benutzern ist das Konto im Verzeichnis zu prüfen',
      (n: string) => `${n} (kein Konto gefunden)`,
    ],
    [
      'en',
      'What changes for your users',
      '| Users who cannot log in for want of a directory account | **5** |',
      '### 5 users cannot log in after the switch',
      ['No account found in the directory (deleted, or outside the base DN): 2.', 'Account disabled in the directory: 1.', 'Account renamed in the directory: 1.', 'Logged in without Active Directory so far, and the directory has no account: 1.'],
      '### The directory accounts of 2 users are to be checked',
      (n: string) => `${n} (no account found)`,
    ],
  ] as const)('counts and names the users who cannot log in, and why (%s)', (lang, title, row, headline, reasons, checkHeadline, notFound) => {
    const md = section(renderReportMarkdown(data, { lang }), title);
    expect(md).toContain(row);
    expect(md).toContain(headline);
    for (const r of reasons) expect(md).toContain(r);
    for (const n of names.noLogin) expect(md).toContain(n);
    expect(md).toContain(notFound(userNames[0]!));
    expect(md).toContain(checkHeadline);
    for (const n of names.check) expect(md).toContain(n);
    // No English check text in the German consequences.
    if (lang === 'de') expect(md).not.toMatch(/not found|no account|preflight|PREFLIGHT_/i);
    expect(renderReportHtml(data, { lang })).toContain(headline.slice(4));
  });

  it('one user without an account reads in the singular', () => {
    const one = buildReportData({ ...input, preflight: { checks: result.checks.filter((c) => c.code === 'PREFLIGHT_DIRECTORY_USERS' || c.subject === `user:${userNames[0]}`).map((c) => (c.code === 'PREFLIGHT_DIRECTORY_USERS' ? { ...c, params: { ...c.params, notFound: 1, disabled: 0, renamed: 0, guidChanged: 0, matchedByName: 0, noAccount: 0 } } : c)) } });
    const md = renderReportMarkdown(one, { lang: 'de' });
    expect(md).toContain('### Ein Benutzer kann sich nach der Umstellung nicht anmelden');
    expect(md).toContain(`${userNames[0]} (kein Konto gefunden)`);
  });

  it('every user found: the rows answer „keine“; no directory check: no rows at all (nothing was checked)', () => {
    const clean = preflightForAllFound(userNames);
    const md = renderReportMarkdown(buildReportData({ ...input, preflight: clean }), { lang: 'de' });
    expect(md).toContain('| Benutzer, die sich mangels Konto im Verzeichnis nicht anmelden können | keine |');
    const without = renderReportMarkdown(buildReportData(input), { lang: 'de' });
    expect(without).not.toContain('mangels Konto im Verzeichnis');
    expect(directoryConsequences({ checks: [{ area: 'directory', name: 'users', result: 'skip', message: 'Skipped', code: 'PREFLIGHT_DIRECTORY_USERS_UNKNOWN', params: { reason: 'x' } }] })).toEqual([]);
  });

  it('a user counted but not listed still counts (never dropped)', () => {
    const summaryOnly = { checks: result.checks.filter((c) => c.code === 'PREFLIGHT_DIRECTORY_USERS') };
    const [noLogin] = directoryConsequences(summaryOnly);
    expect(noLogin).toMatchObject({ kind: 'directoryNoLogin', items: [], unnamed: 5 });
    expect(renderReportMarkdown(buildReportData({ ...input, preflight: summaryOnly }), { lang: 'de' })).toContain('### 5 Benutzer können sich nach der Umstellung nicht anmelden');
  });
});

function preflightForAllFound(userNames: readonly string[]): PreflightResult {
  const index = new DirectoryIndex();
  const users: PlanUser[] = userNames.map((u) => {
    index.add({ dn: `CN=${u},${BASE_DN}`, sam: u, guid: undefined, disabled: false });
    return { userName: u, source: 'ucs-ber-01.alpen-handel.de', enabled: true, samAccountName: u, objectGuid: '', linked: true };
  });
  const { checks, counts } = matchUsers(users, index, BASE_DN);
  return { checks: [usersSummary(counts, checks, BASE_DN, index.size), ...checks] };
}
