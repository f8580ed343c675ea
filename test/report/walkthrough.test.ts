/**
 * What the new-user walkthrough of the German report found, checked as the reader sees it: the
 * workshop draft shows each open decision with the sources' values; rule-made values are not
 * „Projekt“; German that reads as German; no consultant material in the customer's version.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDecisions } from '../../src/pipeline.js';
import { buildReportData, renderReportHtml, renderReportMarkdown, type ReportInput } from '../../src/report/index.js';
import { conflictValues } from '../../src/report/open-decisions.js';
import { sampleProjectWith } from '../cli/helpers.js';
import { projectInput, sampleInput } from './helpers.js';

/** The Alpen-Handel project with its two settings decisions and Berlin's host name still TODO (or edited otherwise). */
async function draftInput(
  edit: (text: string) => string = (text) =>
    text
      .replace(/fqdn: dc-ah-ber-01\.alpen-handel\.de/, 'fqdn: TODO')
      .replace(/contentsharing\.fileLocation: .*/, 'contentsharing.fileLocation: TODO')
      .replace(/chat\.deleteAfterDays: 90/, 'chat.deleteAfterDays: TODO'),
): Promise<ReportInput> {
  const file = sampleProjectWith('alpen-handel', '');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  const input = await projectInput(file, { draft: true });
  return { ...input, openDecisions: openDecisions(input.diagnostics) };
}

const section = (md: string, title: string) => md.split(/\n(?=## \d+\. )/).find((s) => /^## \d+\. /.test(s) && s.split('\n')[0]!.includes(title)) ?? '';

describe('the workshop draft (de)', async () => {
  const data = buildReportData(await draftInput());
  const md = renderReportMarkdown(data, { lang: 'de' });
  const html = renderReportHtml(data, { lang: 'de' });

  it('shows each open decision in customer words with every source value', () => {
    const open = section(md, 'Offene Entscheidungen');
    expect(open).toContain(
      '| **Chatverläufe löschen nach Tagen** (`chat.deleteAfterDays`, gilt für alle Server) | ucs-ber-01.alpen-handel.de: `90`<br>ucs-muc-01.alpen-handel.de: `90`<br>ucs-vie-01.alpen-handel.at: `30` |',
    );
    expect(open).toContain('ucs-ber-01.alpen-handel.de: `D:\\ProCall\\Share`<br>ucs-muc-01.alpen-handel.de: `\\\\ah-fs-muc.alpen-handel.local\\procall$\\share`');
    expect(open).toContain('| **Vollständiger Hostname des neuen Servers dc-ah-ber-01** | ersetzt ucs-ber-01.alpen-handel.de |');
    expect(open).not.toMatch(/settings\.global|servers\[0\]|\.yaml:/);
  });

  it('marks the TODO values „offen“ where they appear: settings table, target servers, setup sheet', () => {
    expect(section(md, 'Einstellungen')).toMatch(/^\| Global \| {3}\| Chatverläufe löschen nach Tagen<br>`chat\.deleteAfterDays` \| Zahl \| \*\*offen\*\* \| Projekt \|$/m);
    expect(section(md, 'Einstellungen')).toMatch(/^\| Global \| {3}\| Ablageort der geteilten Dateien<br>`contentsharing\.fileLocation` \| Text \| \*\*offen\*\* \| Projekt \|$/m);
    expect(section(md, 'Zielserver')).toMatch(/^\| \*\*dc-ah-ber-01\*\* \| \*\*offen\*\* \|/m);
    expect(section(md, 'Einrichtungsblätter')).toContain('### dc-ah-ber-01 (**offen**, UCServer)');
    expect(md).not.toContain('TODO');
  });

  it('Befunde: a licence duplicate concerns both sources it is on', () => {
    expect(section(md, 'Befunde')).toContain('| Warnung | `ucs-ber-01.alpen-handel.de, ucs-vie-01.alpen-handel.at` | Dieselbe Lizenz');
  });

  it('says once that it cannot be signed: the DRAFT banner, no preview box', () => {
    expect(md).not.toContain('Vorschau:');
    expect(html).not.toContain('class="notice"');
    expect(html).toContain('class="draft-banner"');
  });

  it('gives the consultant the project file places', () => {
    const consultant = section(renderReportMarkdown(data, { lang: 'de', audience: 'consultant' }), 'Offene Entscheidungen');
    expect(consultant).toMatch(/`procall-migrate\.yaml:\d+`<br>`settings\.global\["chat\.deleteAfterDays"\]`/);
  });
});

describe('placeholders marked # TODO (as init writes them)', async () => {
  const data = buildReportData(
    await draftInput((text) => text.replace(/fqdn: dc-ah-ber-01\.alpen-handel\.de/, '$&   # TODO: confirm').replace(/chat\.deleteAfterDays: 90/, '$&   # TODO: check')),
  );
  const md = renderReportMarkdown(data, { lang: 'de' });

  it('show the proposal marked „offen“ wherever it appears, and as the proposal in the open decisions', () => {
    expect(section(md, 'Zielserver')).toMatch(/^\| \*\*dc-ah-ber-01\*\* \| `dc-ah-ber-01\.alpen-handel\.de` \*\*offen\*\* \|/m);
    expect(section(md, 'Einstellungen')).toMatch(/^\| Global \| {3}\| Chatverläufe löschen nach Tagen<br>`chat\.deleteAfterDays` \| Zahl \| `90` \*\*offen\*\* \| Projekt \|$/m);
    expect(section(md, 'Einrichtungsblätter')).toContain('### dc-ah-ber-01 (dc-ah-ber-01.alpen-handel.de **offen**, UCServer)');
    const open = section(md, 'Offene Entscheidungen');
    expect(open).toContain('| **Vollständiger Hostname des neuen Servers dc-ah-ber-01** | ersetzt ucs-ber-01.alpen-handel.de<br>Vorschlag, noch zu bestätigen: `dc-ah-ber-01.alpen-handel.de` |');
    expect(open).toContain('ucs-vie-01.alpen-handel.at: `30`<br>Vorschlag, noch zu bestätigen: `90` |');
    // Target servers, settings, setup sheet.
    expect(renderReportHtml(data, { lang: 'de' }).match(/<span class="todo">offen<\/span>/g)?.length).toBeGreaterThanOrEqual(3);
  });
});

describe('conflict values', () => {
  it('are read per source, and a secret one is never shown', () => {
    // A secret typed value that reached the params unmasked is masked again by its type.
    const params = { key: 'x', sources: ['a.example', 'b.example', 'c.example'], values: ['1', 'hunter2', 'p, q'], types: ['int', 'secret', 'text'] };
    expect(conflictValues({ params })).toEqual([
      { source: 'a.example', value: '1', type: 'int' },
      { source: 'b.example', value: '(sensitive)', type: 'secret' },
      { source: 'c.example', value: 'p, q', type: 'text' },
    ]);
  });
});

describe('the German report of the decided sample', async () => {
  const data = buildReportData(await sampleInput('alpen-handel'));
  const md = renderReportMarkdown(data, { lang: 'de' });
  const html = renderReportHtml(data, { lang: 'de' });
  const consultant = renderReportMarkdown(data, { lang: 'de', audience: 'consultant' });

  it('names a rule-made value „DataCenter-Vorgabe“, and „Projekt“ only for what the project file sets', () => {
    const settings = section(md, 'Einstellungen');
    expect(settings).toMatch(/^\| Server \| dc-ah-muc-01 \| Vollständige Speicherabbilder<br>`diagnostics\.fullMemoryDumps` \| ja\/nein \| ja \| DataCenter-Vorgabe \|$/m);
    expect(settings).toMatch(/^\| Server \| dc-ah-ber-01 \| Aufbewahrung der Protokolle in Stunden<br>`logging\.retentionHours` \| Zahl \| `48` \| Projekt \|$/m);
    expect(settings).toMatch(/^\| Server \| dc-ah-ber-01 \| Vollständige Speicherabbilder<br>`diagnostics\.fullMemoryDumps` \| ja\/nein \| nein \| ucs-ber-01\.alpen-handel\.de \|$/m);
    expect(settings).not.toMatch(/^\| global \|/m);
  });

  it('reads as German', () => {
    expect(html).toContain('dc-ah-ber-01: 1 durch den bisherigen Server');
    expect(md).toContain('Prüfungen anhand der Plandaten bestanden');
    expect(md).not.toContain('Prüfungen bestehen');
    expect(md).not.toContain('= aus');
    expect(md.match(/„Jeder sieht jeden“ bleibt ausgeschaltet/g)).toHaveLength(1);
    expect(md).toContain('ucs-ber-01.alpen-handel.de, ucs-vie-01.alpen-handel.at');
    expect(md).toContain('Wildcard-Zertifikat');
    expect(md).not.toContain('Platzhalterzertifikat');
  });

  it('keeps export paths for the consultant only', () => {
    for (const out of [md, html]) expect(out).not.toMatch(/exports\//);
    expect(consultant).toContain('`exports/ucs-ber-01.alpen-handel.de`');
  });

  it('speaks of a chart only where there is one', () => {
    expect(html).toMatch(/eingefärbt/);
    expect(md).not.toMatch(/eingefärbt|gestrichelt/);
  });

  it('a decided conflict names the setting, every source value and the decision, and concerns every source', () => {
    // The sentence itself is the findings catalog's; here: the setting, every source's value and the decision, in one row.
    expect(section(md, 'Befunde')).toMatch(
      /^\| Hinweis \| `ucs-ber-01\.alpen-handel\.de, ucs-muc-01\.alpen-handel\.de, ucs-vie-01\.alpen-handel\.at` \| [^|\n]*„Chatverläufe löschen nach Tagen \(chat\.deleteAfterDays\)“[^|\n]*ucs-ber-01\.alpen-handel\.de: „?90“?; ucs-muc-01\.alpen-handel\.de: „?90“?; ucs-vie-01\.alpen-handel\.at: „?30“?[^|\n]*(Entschieden im Projekt|Im Projekt ist entschieden): 90\. \|$/m,
    );
  });

  it('says what the project decided for a decided finding', () => {
    expect(section(md, 'Befunde')).toMatch(/\| Hinweis \| `ucs-ber-01\.alpen-handel\.de` \| Der Ablageort für geteilte Dateien[^|]* ist kein Netzwerkpfad, den jeder Server erreicht\. (Entschieden im Projekt|Im Projekt ist entschieden): .*ah-fs01\.alpen-handel\.local.*\. \|/);
  });

  it('labels the consultant appendix in German and says its messages are English', () => {
    const appendix = section(consultant, 'Anhang');
    expect(appendix).toContain('| Code | Stelle | Meldung | Hinweis |');
    expect(appendix).toContain('Meldungen und Hinweise des Werkzeugs stehen auf Englisch');
    expect(section(renderReportMarkdown(data, { lang: 'en', audience: 'consultant' }), 'Appendix')).not.toContain('in English');
  });
});
