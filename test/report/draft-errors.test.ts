/**
 * A draft lists every error first, in customer words (issue 18 item 2); the consultant's draft
 * also says how the project settles each. Its cards count open decisions as such, never as
 * „Fehler“ (german review #7). Switch values read „ja“/„nein“ in findings and open decisions
 * (review #6), and setting keys carry a German label (review #5).
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { KNOWN_SETTINGS } from '../../src/model/setting-catalog.js';
import { withSettingLabel, withWordedValues } from '../../src/report/finding-values.js';
import { translator } from '../../src/report/i18n/catalog.js';
import { renderFinding } from '../../src/report/i18n/findings-text.js';
import { buildReportData, renderReportHtml, renderReportMarkdown, type ReportData } from '../../src/report/index.js';
import { settingLabel } from '../../src/report/setting-labels.js';
import { sampleInput } from './helpers.js';

const sections = (md: string) => md.split(/\n(?=## \d+\. )/).slice(1);
const section = (md: string, title: string) => sections(md).find((s) => s.split('\n')[0]!.includes(title)) ?? '';

const open: Diagnostic = { code: 'PROJECT_OPEN_DECISION', severity: 'error', message: 'servers[0].fqdn is an open decision (TODO)', path: 'servers[0].fqdn' };
/** A switch the old servers disagree on, with the decision the project can take. */
const conflict: Diagnostic = {
  code: 'MAP_GLOBAL_SETTING_CONFLICT',
  severity: 'error',
  message: 'global setting "contentsharing.enabled" differs between sources: ucs-a=0 (bool, x:1), ucs-b=1 (bool, y:1)',
  source: 'ucs-a.kanzlei-huber.de',
  params: { key: 'contentsharing.enabled', sources: ['ucs-a.kanzlei-huber.de', 'ucs-b.kanzlei-huber.de'], values: ['0', '1'], types: ['bool', 'bool'] },
  decide: [{ label: 'take 1 (ucs-b.kanzlei-huber.de)', path: 'settings.global["contentsharing.enabled"]', value: '1', yaml: 'settings:\n  global:\n    contentsharing.enabled: 1' }],
};
const warning: Diagnostic = { code: 'MAP_LINEGROUP_UNKNOWN', severity: 'warning', message: 'line group x is in no export', source: 'ucs-kanzlei.kanzlei-huber.de', params: { lineGroup: 'x' } };

describe('a draft with errors', async () => {
  const input = await sampleInput('kanzlei-huber');
  const data = buildReportData({ ...input, diagnostics: [open, conflict, warning, ...input.diagnostics], draft: true, openDecisions: [open] });

  it.each([
    ['de', 'Fehler, die vor der Migration behoben werden müssen', 'Offene Entscheidungen', 'Befunde', '**1** offene Entscheidung · **1** Fehler'],
    ['en', 'Errors to fix before the migration', 'Open decisions', 'Findings', '**1** open decision · **1** error'],
  ] as const)('lists every error first, in customer words, then the open decisions (%s)', (lang, errorsTitle, openTitle, findingsTitle, cards) => {
    const md = renderReportMarkdown(data, { lang });
    const all = sections(md);
    expect(all[0]!.split('\n')[0]).toBe(`## 1. ${errorsTitle}`);
    expect(all[1]!.split('\n')[0]).toBe(`## 2. ${openTitle}`);
    const errors = all[0]!;
    const tr = translator(lang);
    // The customer's sentence, with the switch's values as words and both servers named.
    expect(errors).toContain(renderFinding(withSettingLabel(tr, withWordedValues(tr, conflict)), lang));
    // The setting by its label, the key beside it (review #5).
    expect(errors).toContain(`${settingLabel(tr, 'contentsharing.enabled')} (contentsharing.enabled)`);
    expect(errors).toContain('ucs-a.kanzlei-huber.de');
    expect(errors).toMatch(new RegExp(`[„“"]${tr.t('value.no')}[“”"]`));
    expect(errors).not.toMatch(/[„“"][01][“”"]|MAP_GLOBAL_SETTING_CONFLICT|contentsharing\.enabled: 1/);
    // Listed once: the findings section says where the errors are and holds only the rest.
    const findings = section(md, findingsTitle);
    expect(findings).toContain(tr.t('findings.errorsFirst'));
    expect(findings).not.toContain('ucs-a.kanzlei-huber.de');
    // The cards count the open decision as what it is (review #7).
    expect(md).toContain(cards);
  });

  it('gives the consultant the code and the project snippet that settles each error', () => {
    const errors = sections(renderReportMarkdown(data, { lang: 'de', audience: 'consultant' }))[0]!;
    expect(errors).toContain('`MAP_GLOBAL_SETTING_CONFLICT`');
    expect(errors).toContain('**take 1 (ucs-b.kanzlei-huber.de)**');
    expect(errors).toContain('`    contentsharing.enabled: 1`');
  });

  it('an error without a decision says that the data must be corrected', () => {
    const bare: Diagnostic = { code: 'MAP_HOME_SERVER_UNKNOWN', severity: 'error', message: 'a user names a home server that does not exist', source: 'ucs-kanzlei.kanzlei-huber.de' };
    const d = buildReportData({ ...input, diagnostics: [open, bare, ...input.diagnostics], draft: true, openDecisions: [open] });
    expect(sections(renderReportMarkdown(d, { lang: 'de', audience: 'consultant' }))[0]).toContain('im Projekt nicht zu entscheiden: bitte die Daten korrigieren');
  });

  it('a draft whose only errors are open decisions starts with them, and its cards count no „Fehler“', () => {
    const d = buildReportData({ ...input, diagnostics: [open, ...input.diagnostics.filter((x) => x.severity !== 'error')], draft: true, openDecisions: [open] });
    const md = renderReportMarkdown(d, { lang: 'de' });
    expect(sections(md)[0]).toMatch(/^## 1\. Offene Entscheidungen/);
    expect(md).toContain('**1** offene Entscheidung · **0** Fehler');
    expect(renderReportHtml(d, { lang: 'de' })).not.toContain('Fehler, die vor der Migration');
  });

  it('a report that is no draft has no errors section (it is refused before)', () => {
    const d = buildReportData({ ...input, diagnostics: [conflict, ...input.diagnostics] });
    expect(sections(renderReportMarkdown(d, { lang: 'de' }))[0]).toMatch(/^## 1\. Was sich für Ihre Benutzer ändert/);
    const cards = renderReportMarkdown(d, { lang: 'de' }).split('\n').find((l) => l.includes('Quellserver ·'))!;
    expect(cards).toContain('**1** Fehler');
    expect(cards).not.toContain('offene Entscheidung');
  });
});

describe('switch values in words (review #6)', async () => {
  const input = await sampleInput('kanzlei-huber');
  const tr = translator('de');

  it('a finding about a switch says ja/nein for every source value and for the decision; a number loses its leading zero', () => {
    const decided: Diagnostic = { ...conflict, severity: 'info', params: { ...conflict.params, decided: '1' } };
    expect(withWordedValues(tr, decided).params).toMatchObject({ values: ['nein', 'ja'], decided: 'ja' });
    const port: Diagnostic = { ...conflict, params: { key: 'mail.smtpPort', sources: ['a', 'b'], values: ['025', '25'], types: ['int', 'int'] } };
    expect(withWordedValues(tr, port).params?.['values']).toEqual(['25', '25']);
    // A text setting stays as written; a finding about no setting is untouched.
    const text: Diagnostic = { ...conflict, params: { key: 'mail.sender', sources: ['a'], values: ['1'], types: ['text'] } };
    expect(withWordedValues(tr, text).params?.['values']).toEqual(['1']);
    expect(withWordedValues(tr, warning)).toBe(warning);
  });

  it('the customer findings table shows ja/nein, never 0/1, for a decided switch', () => {
    const decided: Diagnostic = { ...conflict, severity: 'warning', params: { ...conflict.params, decided: '1' } };
    const md = section(renderReportMarkdown(buildReportData({ ...input, diagnostics: [decided, ...input.diagnostics] }), { lang: 'de' }), 'Befunde');
    const row = md.split('\n').find((l) => l.includes('ucs-a.kanzlei-huber.de'))!;
    expect(row).toContain('„nein“');
    expect(row).not.toMatch(/„0“|„1“|: 1\./);
  });

  it('open decisions show a switch’s source values and the proposal as ja/nein', () => {
    const base = buildReportData({ ...input, diagnostics: [open, ...input.diagnostics], draft: true, openDecisions: [open] });
    const data: ReportData = {
      ...base,
      openItems: [
        {
          kind: 'setting',
          what: 'contentsharing.enabled',
          sourceValues: [{ source: 'ucs-a', value: '0', type: 'bool' }, { source: 'ucs-b', value: 'true', type: 'bool' }],
          proposed: '1',
          path: 'settings.global["contentsharing.enabled"]',
        },
      ],
    };
    const first = sections(renderReportMarkdown(data, { lang: 'de' }))[0]!;
    expect(first).toContain('| **Geteilte Dateien eingeschaltet** (`contentsharing.enabled`, gilt für alle Server) | ucs-a: `nein`<br>ucs-b: `ja`<br>Vorschlag, noch zu bestätigen: `ja` |');
    const en = sections(renderReportMarkdown(data, { lang: 'en' }))[0]!;
    expect(en).toContain('ucs-a: `no`<br>ucs-b: `yes`');
  });
});

describe('setting keys with labels (review #5)', () => {
  it.each(['de', 'en'] as const)('every key the export contract names has a %s label, without a colon (it stands before one in sentences)', (lang) => {
    const tr = translator(lang);
    const missing = Object.keys(KNOWN_SETTINGS).filter((k) => settingLabel(tr, k) === undefined);
    expect(missing).toEqual([]);
    expect(Object.keys(KNOWN_SETTINGS).map((k) => settingLabel(tr, k)!).filter((l) => l.includes(':'))).toEqual([]);
    // Keys are matched in any case, as exports write them.
    expect(settingLabel(tr, 'CHAT.DELETEAFTERDAYS')).toBe(settingLabel(tr, 'chat.deleteAfterDays'));
  });

  it('a key without a label is shown as the key alone, in monospace; a labelled one by its label with the key beneath', async () => {
    const data = buildReportData(await sampleInput('alpen-handel'));
    const md = section(renderReportMarkdown(data, { lang: 'de' }), 'Einstellungen nach');
    expect(md).toMatch(/^\| Global \| {3}\| `rights\.global\.chat` \| ja\/nein \| ja \|/m);
    expect(md).toMatch(/^\| Global \| {3}\| Anmeldekonto für das Active Directory<br>`usermanager\.ad\.bindUser` \|/m);
    // A coded value with a name reads as that name.
    expect(md).toMatch(/^\| Global \| {3}\| Benutzerverwaltung<br>`usermanager\.mode` \| Zahl \| Active Directory \|/m);
    const en = section(renderReportMarkdown(data, { lang: 'en' }), 'Settings');
    expect(en).toContain('Delete chat histories after days<br>`chat.deleteAfterDays`');
  });
});
