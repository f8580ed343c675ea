/**
 * One catalog per language: no key missing in either, the same placeholders, dates and numbers in
 * each language's format, and every sample's report complete in both languages with no English
 * left in the German one.
 */
import { describe, expect, it } from 'vitest';
import { buildReportData, renderReportHtml, renderReportMarkdown } from '../../src/report/index.js';
import { CATALOGS, translator, type MessageKey } from '../../src/report/i18n/catalog.js';
import { NOW, SAMPLE_NAMES, sampleInput } from './helpers.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it('have the same keys in German and English', () => {
    expect(Object.keys(CATALOGS.de).sort()).toEqual(Object.keys(CATALOGS.en).sort());
  });

  it('every message has the same placeholders in both languages and no empty text', () => {
    const keys = (Object.keys(CATALOGS.en) as MessageKey[]).filter((k) => !k.startsWith('date.'));
    const differ = keys.filter((k) => JSON.stringify(placeholders(CATALOGS.de[k])) !== JSON.stringify(placeholders(CATALOGS.en[k])));
    expect(differ).toEqual([]);
    expect(keys.filter((k) => CATALOGS.de[k].trim() === '' || CATALOGS.en[k].trim() === '')).toEqual([]);
  });

  it.each([
    ['de', '30.11.2026, 14:05 Uhr (UTC)', '30.11.2026, 15:05 Uhr (MEZ)', '30.07.2026, 16:05 Uhr (MESZ)', '1.234', '1.234.567'],
    ['en', '30 Nov 2026, 14:05 UTC', '30 Nov 2026, 15:05 CET', '30 Jul 2026, 16:05 CEST', '1,234', '1,234,567'],
  ] as const)('formats dates and numbers in %s; a time always names its zone, Europe/Berlin unless told', (lang, utc, winter, summer, thousand, million) => {
    const tr = translator(lang, { timeZone: 'UTC' });
    expect(tr.date(NOW)).toBe(utc);
    expect(tr.num(1234)).toBe(thousand);
    expect(tr.num(1234567)).toBe(million);
    // The fixed clock 14:05 UTC is 15:05 in Berlin in winter, and the reader is told which zone.
    expect(translator(lang).date(NOW)).toBe(winter);
    expect(translator(lang).date(new Date('2026-07-30T14:05:00Z'))).toBe(summer);
  });
});

/** Common English words; none may be left in the German report's text. */
const ENGLISH = [
  'the', 'and', 'of', 'to', 'is', 'are', 'with', 'from', 'not', 'for', 'this', 'that', 'which', 'by', 'be', 'or', 'on',
  'users', 'settings', 'licences', 'licenses', 'enabled', 'checked', 'none', 'sources', 'source', 'decisions', 'findings',
  'report', 'preview', 'missing', 'set', 'generated', 'total', 'home', 'rule', 'lines', 'groups', 'manual', 'verify', 'too', 'few',
  'enough', 'page', 'answer', 'note', 'wizard', 'join', 'existing', 'database', 'password', 'checklist', 'sheets', 'setup', 'when',
];
const visibleText = (html: string) =>
  html
    .replace(/<style>[^]*?<\/style>|<script>[^]*?<\/script>/g, ' ')
    .replace(/<code>[^]*?<\/code>/g, ' ')
    .replace(/<span class="path[^"]*">(?:<span class="nw">[^<]*<\/span>|<wbr>|[^<])*<\/span>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/g, ' ');

describe.each(SAMPLE_NAMES)('the %s report', async (sample) => {
  const data = buildReportData(await sampleInput(sample));

  it.each(['de', 'en'] as const)('renders every section in %s, with no placeholder left', (lang) => {
    const tr = translator(lang);
    const html = renderReportHtml(data, { lang });
    const md = renderReportMarkdown(data, { lang });
    const sections = ['sources', 'servers', 'distribution', 'users', 'licences', 'settings', 'decisions', 'findings', 'notMigrated', 'checklist', 'setup', 'signoff'] as const;
    for (const s of sections) {
      const title = tr.t(`section.${s}`);
      expect(md).toMatch(new RegExp(`^## \\d+\\. ${title.replace(/[.*+?()[\]]/g, '\\$&')}$`, 'm'));
      expect(html).toContain(`. ${title.replace(/&/g, '&amp;')}</h2>`);
    }
    expect(html).toContain(`<html lang="${lang}">`);
    const withoutScript = html.replace(/<script>[^]*?<\/script>|data-tpl="[^"]*"/g, '');
    for (const out of [withoutScript, md]) expect(out).not.toMatch(/\{[a-zA-Z]+\}/);
    expect(html).toContain(`data-tpl="${tr.t('users.shown')}"`);
  });

  it('has no common English word in the German report', () => {
    for (const text of [visibleText(renderReportHtml(data, { lang: 'de' })), renderReportMarkdown(data, { lang: 'de' }).replace(/`[^`]*`/g, ' ')]) {
      const words = new Set(text.toLowerCase().split(/[^a-zäöüß]+/));
      expect(ENGLISH.filter((w) => words.has(w))).toEqual([]);
    }
  });
});
