/**
 * The customer signs consequences, not diagnostics (issue 19): what changes for the users is
 * counted and named near the top of the report, in both languages; the checklist never says
 * „in Ordnung“ while a finding is open; the German report of every sample holds no English
 * heading, no internal check name, no `Key=` form, and its page header no full digest.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { consequencesOf } from '../../src/report/consequences.js';
import { translator } from '../../src/report/i18n/catalog.js';
import { buildReportData, renderReportHtml, renderReportMarkdown, type PlanForReport, type ReportInput } from '../../src/report/index.js';
import { sampleProjectWith } from '../cli/helpers.js';
import { SAMPLE_NAMES, projectInput, sampleInput } from './helpers.js';

/** The Alpen-Handel project (three sites on one AD), edited, run through the pipeline up to the mapper. */
async function editedInput(edit: (yaml: string) => string, extra: Partial<ReportInput> = {}): Promise<ReportInput> {
  const file = sampleProjectWith('alpen-handel', '');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return projectInput(file, extra);
}

/** One `## n. title` section of a Markdown report. */
const section = (md: string, title: string) => md.split(/\n(?=## \d+\. )/).find((s) => s.split('\n')[0]!.includes(title)) ?? '';

describe('AD users moving to userStore mssql', async () => {
  const input = await editedInput((y) => y.replace(/^userStore: ad$/m, 'userStore: mssql'));
  const data = buildReportData(input);
  const users = input.mapped.model.UserAccount.map((u) => u.UserName);

  it('the mapper raised MAP_CREDENTIAL_MISSING: every AD user loses their login', () => {
    expect(input.diagnostics.some((d) => d.code === 'MAP_CREDENTIAL_MISSING')).toBe(true);
    expect(users.length).toBe(56);
  });

  it.each([
    ['de', 'Was sich für Ihre Benutzer ändert', '56 Benutzer brauchen nach der Migration ein neues Kennwort', /Active Directory/],
    ['en', 'What changes for your users', '56 users need a new password after the migration', /Active Directory/],
  ] as const)('names the count, the reason and every user needing a new password, near the top (%s)', (lang, title, headline, why) => {
    const md = renderReportMarkdown(data, { lang });
    const sections = md.split(/\n(?=## \d+\. )/).slice(1);
    // First section of a signable report: before sources, servers and the rest.
    expect(sections[0]!.split('\n')[0]).toBe(`## 1. ${title}`);
    const part = section(md, title);
    expect(part).toMatch(new RegExp(`\\| ${lang === 'de' ? 'Benutzer, die ein neues Kennwort brauchen' : 'Users who need a new password'} \\| \\*\\*56\\*\\* \\|`));
    expect(part).toContain(`### ${headline}`);
    expect(part).toMatch(why);
    for (const u of users) expect(part).toContain(u);
    const html = renderReportHtml(data, { lang });
    expect(html).toContain(headline);
  });
});

describe('each consequence, with one and with several items', async () => {
  const input = await sampleInput('alpen-handel');
  const base = buildReportData(input);
  const tr = translator('de');

  it('a user placed on another site’s server moves; a ucserver left with no user is named', () => {
    // The first user goes to a server of another site than the one replacing their old server.
    const target = base.servers.find((s) => s.role === 'ucserver' && s.name !== base.users[0]!.homeServer && !s.replaces.includes(base.users[0]!.source))!.name;
    const moved = base.users.map((u, i) => (i === 0 ? { ...u, homeServer: target } : u));
    const firstSource = base.users[0]!.source;
    const empty = base.servers.find((s) => s.role === 'ucserver' && s.name !== target)!.name;
    const servers = base.servers.map((s) => (s.name === empty ? { ...s, users: 0 } : s));
    const list = consequencesOf({ project: input.project, exports: input.exports, model: input.mapped.model, users: moved, servers, notMigrated: base.notMigrated });
    const by = new Map(list.map((c) => [c.kind, c]));
    expect(by.get('homeServerMoves')!.items.map((x) => x.name)).toEqual([base.users[0]!.userName]);
    expect(by.get('serverWithoutUsers')!.items.map((x) => x.name)).toEqual([empty]);
    const md = renderReportMarkdown({ ...base, consequences: list }, { lang: 'de' });
    expect(md).toContain('### Ein Benutzer bekommt einen Heimatserver an einem anderen Standort');
    expect(md).toContain(`${base.users[0]!.userName} (${firstSource} → ${target})`);
    expect(md).toContain('### Ein neuer UCServer bekommt keine Benutzer');
    expect(md).toContain('Dieser Server wird eingerichtet und braucht eine Serverlizenz');
  });

  it('settings whose value changes name the setting, every old value and its server, and the new value', () => {
    const md = section(renderReportMarkdown(base, { lang: 'de' }), 'Was sich für Ihre Benutzer ändert');
    expect(md).toContain('### 4 Einstellungen bekommen einen anderen Wert');
    // The setting by its German label, the key beside it in monospace (review #5).
    expect(md).toContain('Chatverläufe löschen nach Tagen (`chat.deleteAfterDays`, alle Server): bisher 30 auf ucs-vie-01.alpen-handel.at, künftig 90');
    // Wien alone held 30: Berlin and München held 90 already, which is no change for them.
    expect(md).not.toContain('90 auf ucs-ber-01');
  });

  it('data not migrated: journal and chat named as such, stray files too', () => {
    const md = section(renderReportMarkdown(base, { lang: 'de' }), 'Was sich für Ihre Benutzer ändert');
    expect(md).toContain('### 3 Dateien aus den Exporten werden nicht übernommen');
    expect(md).toContain('`database/journal.db` auf ucs-ber-01.alpen-handel.de (Journal)');
    expect(md).toContain('`database/chat.db` auf ucs-ber-01.alpen-handel.de (Chatverlauf)');
    expect(md).toContain('`config/custom/Kurzwahlen.csv` auf ucs-muc-01.alpen-handel.de (sonstige Datei)');
  });

  it('says „keine“ for what does not happen, and every headline agrees with its count', () => {
    const md = section(renderReportMarkdown(base, { lang: 'de' }), 'Was sich für Ihre Benutzer ändert');
    expect(md).toContain('| Benutzer, die ein neues Kennwort brauchen | keine |');
    expect(md).not.toContain('Kennwort brauchen nach');
    for (const k of ['newPassword', 'noOwnLine', 'homeServerMoves', 'serverWithoutUsers', 'settingChanges', 'notMigrated'] as const) {
      const one = tr.plural(`consequence.title.${k}`, 1);
      const several = tr.plural(`consequence.title.${k}`, 3);
      expect(one).not.toMatch(/\b1\b/);
      expect(several).toMatch(/^3 /);
    }
  });
});

describe('the checklist derives from the findings', async () => {
  const input = await sampleInput('kanzlei-huber');
  const open: Diagnostic = { code: 'PROJECT_OPEN_DECISION', severity: 'error', message: 'servers[0].fqdn is an open decision (TODO)', path: 'servers[0].fqdn' };
  const error: Diagnostic = { code: 'MAP_HOME_SERVER_UNKNOWN', severity: 'error', message: 'a user names a home server that does not exist', source: 'ucs-kanzlei.kanzlei-huber.de' };

  it.each(['de', 'en'] as const)('a draft with errors never shows an item as fine (%s)', (lang) => {
    const data = buildReportData({ ...input, diagnostics: [open, error, ...input.diagnostics], draft: true, openDecisions: [open] });
    expect(data.checklist.filter((c) => c.status === 'ok')).toEqual([]);
    const item5 = data.checklist[4]!;
    expect(item5).toMatchObject({ status: 'open', open: { errors: 1, decisions: 1 } });
    const md = renderReportMarkdown(data, { lang });
    const tr = translator(lang);
    expect(md).not.toContain(tr.t('status.ok'));
    expect(md).not.toMatch(/erfüllt/);
    expect(section(md, tr.t('section.checklist'))).toContain(lang === 'de' ? 'noch offen: ein Fehler, eine offene Entscheidung' : 'still open: one error, one open decision');
  });

  it('without any finding on them, the items checked on the planned data are fine', () => {
    const clean = buildReportData({ ...input, diagnostics: input.diagnostics.filter((d) => d.severity === 'info') });
    expect(clean.checklist.filter((c) => c.status === 'ok').map((c) => c.n)).toEqual([3, 4, 5]);
  });

  it('a warning the project accepted does not keep an item open; one it did not accept does', () => {
    const warning: Diagnostic = { code: 'MAP_LINEGROUP_UNKNOWN', severity: 'warning', message: 'line group x is in no export', source: 'ucs-kanzlei.kanzlei-huber.de' };
    const infoOnly = input.diagnostics.filter((d) => d.severity === 'info');
    const unaccepted = buildReportData({ ...input, diagnostics: [warning, ...infoOnly] }).checklist;
    expect(unaccepted[3]).toMatchObject({ status: 'open', open: { warnings: 1 } });
    const accepted = buildReportData({ ...input, diagnostics: [{ ...warning, accepted: { reason: 'known' } } as Diagnostic, ...infoOnly] }).checklist;
    expect(accepted[3]!.status).toBe('ok');
  });
});

/** Every check name preflight writes (src/preflight/*-checks.ts), a failed one and a passed one. */
const CHECK_NAMES = ['login', 'database', 'schema dc', 'collation', 'server version', 'sp_getapplock', 'bulk load', 'binary encoding', 'content sharing'];

describe.each(SAMPLE_NAMES)('the German report of %s', async (sample) => {
  const input = await sampleInput(sample);
  const digest = '9f'.repeat(32);
  const plan: PlanForReport = {
    planDigest: digest,
    targetFingerprint: 'empty',
    summary: {},
    changes: [
      { table: 'dc.Setting', key: { Scope: 'global', ServerName: '', Key: 'chat.deleteAfterDays', ObjectName: '' }, action: 'kept', kept: { Value: { base: '180', actual: '120', desired: '180' } } },
      { table: 'dc.UserAccount', key: { UserName: 'anna.baecker' }, action: 'kept', kept: { HomeServer: { base: 'a', actual: 'b', desired: 'a' }, DisplayName: { base: 'x', actual: 'y', desired: 'x' } } },
    ],
  };
  const preflight = {
    checks: [
      ...CHECK_NAMES.map((name, i) => ({ area: i < 7 ? ('sql' as const) : i < 8 ? ('redis' as const) : ('share' as const), name, result: i % 2 === 0 ? ('fail' as const) : ('pass' as const), message: `Cannot connect to ${name}; 4,600 characters. Skipped: no login.` })),
      { area: 'redis' as const, name: 'redis01.kws.local:6379 ping', result: 'skip' as const, message: 'Skipped: no login.' },
      { area: 'names' as const, name: 'ucdc01.kws.local', result: 'fail' as const, message: "ucdc01.kws.local does not resolve from this machine; check DNS in the customer's network." },
    ],
  };
  const data = buildReportData({ ...input, plan, preflight });
  const de = renderReportMarkdown(data, { lang: 'de' });
  const html = renderReportHtml(data, { lang: 'de' });
  const en = translator('en');

  it('has no English heading: every section title is German', () => {
    const headings = [...de.matchAll(/^#{1,3} (.+)$/gm)].map((m) => m[1]!.replace(/^\d+\. /, ''));
    for (const h of headings) {
      for (const key of ['section.sources', 'section.servers', 'section.users', 'section.settings', 'section.findings', 'section.checklist', 'section.signoff', 'section.consequences', 'section.keptEdits', 'setup.preflight'] as const) {
        expect(h).not.toBe(en.t(key));
      }
    }
    expect(de).toContain('## 1. Was sich für Ihre Benutzer ändert');
  });

  it('shows no preflight check name and no English preflight sentence', () => {
    const setup = section(de, 'Einrichtungsblätter');
    for (const name of [...CHECK_NAMES, 'ping']) expect(setup).not.toMatch(new RegExp(`(\\|\\s|\`)${name.replace(/[.*+?()[\]]/g, '\\$&')}(\\s\\||\`)`));
    expect(de).not.toMatch(/Cannot connect|Skipped|does not resolve|characters/);
    expect(setup).toContain('Massenimport');
    expect(setup).toContain('Migrationssperre');
    expect(setup).toContain('ucdc01.kws.local wird im DNS nicht aufgelöst. Bitte prüfen Sie den DNS-Eintrag in Ihrem Netzwerk.');
    expect(de).toMatch(/Vorabprüfung nicht bestanden: Anmeldung an SQL Server, Schema dc anlegen/);
  });

  it('writes kept edits in words: no raw key form, no column names', () => {
    // Values in code spans (an AD base DN `OU=…,DC=…`) are the customer's data, not key syntax.
    expect(de.replace(/`[^`]*`/g, ' ')).not.toMatch(/\w+=[^\s|]*,|Key=|UserName=/);
    expect(de).toContain('Chatverläufe löschen nach Tagen (`chat.deleteAfterDays`, alle Server), Wert: in DataCenter auf `120` geändert, bleibt so');
    expect(de).toContain('Benutzer anna.baecker, Heimatserver: in DataCenter auf `b` geändert, bleibt so');
    expect(de).toContain('Benutzer anna.baecker, Anzeigename:');
    expect(de).not.toMatch(/\b(HomeServer|DisplayName|Value)\b/);
  });

  it('prints the customer, a 12-character digest and the date in the page header; the full digest once, in the sign-off block', () => {
    const header = /@top-right\{content:"([^"]*)"/.exec(html)![1]!;
    expect(header).not.toMatch(/[0-9a-f]{64}/);
    expect(header).toBe(`Plan ${digest.slice(0, 12)} · 30.11.2026, 15:05 Uhr (MEZ)`);
    expect(html).toContain(`@top-left{content:"${input.project.name}"`);
    expect(de.split(digest).length - 1).toBe(1);
    expect(section(de, 'Freigabe')).toContain(digest);
  });
});

describe('preflight results rendered by code', async () => {
  const input = await sampleInput('alpen-handel');
  const checks = [
    { area: 'directory' as const, name: 'connect', result: 'pass' as const, message: 'ad01.kws.local:636 answers LDAPS.', code: 'PREFLIGHT_DIRECTORY_CONNECTED', params: { host: 'ad01.kws.local', port: 636, security: 'ldaps' } },
    { area: 'directory' as const, name: 'user anna.baecker', result: 'fail' as const, message: 'user anna.baecker: no account found under OU=…', code: 'PREFLIGHT_DIRECTORY_USER_NOT_FOUND', params: { user: 'anna.baecker' } },
    { area: 'directory' as const, name: 'quota', result: 'warn' as const, message: 'Something new the catalog does not know.', code: 'PREFLIGHT_DIRECTORY_SOMETHING_NEW' },
  ];
  const data = buildReportData({ ...input, preflight: { checks } as never });

  it('German: the template of the code with its values; an unknown code a German sentence naming the check', () => {
    const setup = section(renderReportMarkdown(data, { lang: 'de' }), 'Einrichtungsblätter');
    expect(setup).toContain('| Verzeichnisdienst (Active Directory) | Verbindung | bestanden | Der Verzeichnisdienst ad01.kws.local antwortet auf Port 636. |');
    expect(setup).toContain('| Benutzerkonto anna.baecker | fehlgeschlagen | Für diesen Benutzer gibt es im Verzeichnis kein Konto. |');
    expect(setup).toContain('Die Prüfung „Weitere Prüfung (Verzeichnisdienst (Active Directory))“ ergab eine Warnung; Ihr Berater erläutert sie.');
    expect(setup).not.toMatch(/answers|Something new|no account found/);
  });

  it('English keeps preflight’s own sentence, with its details', () => {
    const setup = section(renderReportMarkdown(data, { lang: 'en' }), 'Setup sheets');
    expect(setup).toContain('ad01.kws.local:636 answers LDAPS.');
    expect(setup).toContain('| User account anna.baecker | failed |');
  });
});
