/**
 * Defects a consultant's walkthrough found in the customer's report (walk 4, 5, 6, 11, 12): users
 * of a file-based server moving to Active Directory are named; the checklist never says „in
 * Ordnung“ while users lose their line or login; the reason for a missing line says what happened;
 * equal typed values are no setting change; a coded value reads as its name.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import type { EnterpriseExport } from '../../src/model/index.js';
import { consequencesOf, type ConsequenceInput } from '../../src/report/consequences.js';
import { reviewPerItem } from '../../src/report/checklist.js';
import { buildReportData, postInstallChecklist, renderReportMarkdown } from '../../src/report/index.js';
import { sampleInput } from './helpers.js';

const input = await sampleInput('alpen-handel');
const base = buildReportData(input);
const first = input.exports[0]!;
const args = (over: Partial<ConsequenceInput> = {}): ConsequenceInput => ({
  project: input.project,
  exports: input.exports,
  model: input.mapped.model,
  users: base.users,
  servers: base.servers,
  notMigrated: base.notMigrated,
  ...over,
});
const byKind = (x: ConsequenceInput) => new Map(consequencesOf(x).map((c) => [c.kind, c]));
/** The first export, its settings edited. */
const withSetting = (key: string, value: string, type = 'int'): EnterpriseExport[] =>
  input.exports.map((e) =>
    e !== first
      ? e
      : { ...e, settings: [...e.settings.filter((s) => s.key.toLowerCase() !== key.toLowerCase()), { ...e.settings[0]!, key, type: type as never, value }] },
  );
const section1 = (md: string) => md.split(/\n(?=## \d+\. )/)[1] ?? '';

describe('walk 4: a file-based source moving to userStore ad', () => {
  const fileBased = input.exports.map((e) => (e === first ? { ...e, userManagement: 'integrated' as const } : e));
  const theirs = base.users.filter((u) => u.source === first.source).map((u) => u.userName);

  it('names every user of that source as logging in with Windows from now on', () => {
    expect(input.project.userStore).toBe('ad');
    const c = byKind(args({ exports: fileBased })).get('windowsLogin');
    expect(theirs.length).toBeGreaterThan(0);
    expect(c?.items.map((x) => x.name).sort()).toEqual([...theirs].sort());
  });

  it.each([
    ['de', 'Benutzer melden sich künftig mit ihrem Windows-Konto an', /ProCall-Kennwort entfällt.*Konto im Active Directory/],
    ['en', 'users will log in with their Windows account', /ProCall password no longer applies.*account in Active Directory/],
  ] as const)('says so with count, consequence and names (%s)', (lang, headline, what) => {
    const consequences = consequencesOf(args({ exports: fileBased }));
    const md = section1(renderReportMarkdown({ ...base, consequences }, { lang }));
    expect(md).toContain(`### ${theirs.length} ${headline}`);
    expect(md).toMatch(what);
    for (const u of theirs) expect(md).toContain(u);
  });

  it('an all-AD environment has no such consequence', () => {
    expect(byKind(args()).has('windowsLogin')).toBe(false);
  });
});

describe('walk 6: why active users have no own line', () => {
  const before = byKind(args()).get('noOwnLine')!;
  const phoning = base.users.filter((u) => u.lines.length > 0).slice(0, 3);
  const gone = new Set(phoning.map((u) => u.userName));
  const users = base.users.map((u) => (gone.has(u.userName) ? { ...u, lines: [] } : u));
  const finding = (code: string, names: string[]) => ({ code, params: { users: names } }) as Pick<Diagnostic, 'code' | 'params'>;

  it('a location rule or a number matching no line is named as the reason, not „line not migrated“', () => {
    expect(phoning).toHaveLength(3);
    const c = byKind(args({ users, diagnostics: [finding('MAP_LOCATION_RULE_NO_LINE', [phoning[0]!.userName, phoning[1]!.userName]), finding('MAP_USER_NUMBER_NO_LINE', [phoning[2]!.userName])] })).get('noOwnLine')!;
    expect(c.reasons).toContainEqual({ reason: 'ruleNoLine', count: 2 });
    expect(c.reasons).toContainEqual({ reason: 'numberNoLine', count: 1 });
    expect(c.reasons.filter((r) => r.reason === 'hadLine' || r.reason === 'neverHadLine')).toEqual(before.reasons);
    const md = section1(renderReportMarkdown({ ...base, consequences: consequencesOf(args({ users, diagnostics: [finding('MAP_LOCATION_RULE_NO_LINE', [...gone])] })) }, { lang: 'de' }));
    expect(md).toContain('Eine Ortsregel hat ihre Rufnummer in eine Nummer umgeschrieben, zu der keine Leitung gehört: 3.');
    expect(md).not.toContain('die nicht übernommen wird');
  });

  it('without such a finding, a user who had a number keeps the „line not migrated“ reason', () => {
    const c = byKind(args({ users, diagnostics: [] })).get('noOwnLine')!;
    expect(c.reasons.map((r) => r.reason)).not.toContain('ruleNoLine');
    expect(c.items).toHaveLength(before.items.length + 3);
  });
});

describe('walk 5: the checklist agrees with the consequences', () => {
  const phoning = new Set(base.users.filter((u) => u.lines.length > 0).slice(0, 2).map((u) => u.userName));
  const lineless = base.users.map((u) => (phoning.has(u.userName) ? { ...u, lines: [] } : u));
  const consequences = consequencesOf(args({ users: lineless, diagnostics: [{ code: 'MAP_LOCATION_RULE_NO_LINE', params: { users: [...phoning] } }] }));
  const checklist = postInstallChecklist(input.invariants, undefined, new Map(), reviewPerItem(consequences));

  it('users who never had a line are no loss: lines and users stay fine', () => {
    expect(byKind(args()).get('noOwnLine')!.reasons.map((r) => r.reason)).toEqual(['neverHadLine']);
    for (const n of [4, 5]) expect(base.checklist.find((c) => c.n === n)?.status).toBe('ok');
  });

  it.each([
    ['de', 'Plandaten geprüft: in Ordnung', 'zu prüfen', 'Aktive Benutzer ohne eigene Leitung (2); siehe „Was sich für Ihre Benutzer ändert“'],
    ['en', 'planned data checked: fine', 'to check', 'Enabled users without a line of their own (2); see “What changes for your users”'],
  ] as const)('users losing their line make lines and users „to check“, naming them, never fine (%s)', (lang, fine, review, what) => {
    for (const n of [4, 5]) expect(checklist.find((c) => c.n === n)?.status).toBe('review');
    const md = renderReportMarkdown({ ...base, consequences, checklist }, { lang });
    const rows = md.split('\n').filter((l) => /^\| [45] \|/.test(l));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).not.toContain(fine);
      expect(row).toContain(review);
      expect(row).toContain(what);
    }
  });
});

describe('walk 11: equal typed values are no setting change', () => {
  /** The sources counted as holding another value of `key`. */
  const differingSources = (x: ConsequenceInput, key: string) =>
    (byKind(x).get('settingChanges')!.items.find((i) => i.name.toLowerCase() === key.toLowerCase())?.setting?.from ?? []).map((f) => f.source);
  const setting = input.mapped.model.Setting.find((s) => s.Type === 'int' && s.Scope === 'global' && /^\d+$/.test(String(s.Value)))!;

  it('an int written with a leading zero is the same value', () => {
    expect(differingSources(args({ exports: withSetting(setting.Key, `0${String(setting.Value)}`) }), setting.Key)).not.toContain(first.source);
    // A real change still counts.
    expect(differingSources(args({ exports: withSetting(setting.Key, `${String(setting.Value)}1`) }), setting.Key)).toContain(first.source);
  });

  it('a list whose order does not matter, reordered, is the same list', () => {
    const key = 'usermanager.presenceDomains';
    const model = { ...input.mapped.model, Setting: [...input.mapped.model.Setting.filter((s) => s.Key.toLowerCase() !== key.toLowerCase()), { ...setting, Key: key, Type: 'list' as const, Value: 'a.de;b.de;c.local' }] };
    expect(differingSources(args({ model, exports: withSetting(key, 'c.local;a.de;b.de', 'list') }), key)).not.toContain(first.source);
    expect(differingSources(args({ model, exports: withSetting(key, 'a.de;b.de', 'list') }), key)).toContain(first.source);
  });
});

describe('walk 12: a coded value reads as its name in the consequences', () => {
  it.each([
    ['de', 'bisher dateibasiert (integriert) auf'],
    ['en', 'file-based (integrated) on'],
  ] as const)('usermanager.mode 0 (%s)', (lang, words) => {
    const exports = withSetting('usermanager.mode', '0');
    const consequences = consequencesOf(args({ exports }));
    expect(consequences.find((c) => c.kind === 'settingChanges')!.items.map((x) => x.name.toLowerCase())).toContain('usermanager.mode');
    const md = section1(renderReportMarkdown({ ...base, consequences }, { lang }));
    expect(md).toContain(words);
    expect(md).not.toMatch(/usermanager\.mode`[^\n]*(bisher|before) 0 /);
  });
});
