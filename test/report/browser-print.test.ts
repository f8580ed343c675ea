/**
 * The signed report of the three-site sample printed by headless Chromium to A4 PDF, read back
 * with pdftotext's word boxes (issue 19, "print like a document"): no two words overlap on any
 * page (a badge running into the next column), a table never leaves one of its rows alone on a
 * page, the page header names the customer, a 12-character digest and the date, and the full
 * digest stands once, in the sign-off block. Skips itself, saying so, without Chromium or poppler.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildReportData, renderReportHtml, type PlanForReport, type ReportData } from '../../src/report/index.js';
import { sampleInput } from './helpers.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const PDFTOTEXT = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) => existsSync(p));
if (!CHROMIUM || !PDFTOTEXT) console.warn('report print test skipped: needs chromium and pdftotext (apt-get install chromium poppler-utils)');

interface Word { page: number; x0: number; y0: number; x1: number; y1: number; text: string }

/** Every word of the PDF with its box (points), by page. */
function words(pdf: string): { pages: number; list: Word[]; height: number } {
  const out = spawnSync(PDFTOTEXT!, ['-bbox', pdf, '-'], { encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
  expect(out.status).toBe(0);
  const list: Word[] = [];
  let page = 0;
  let height = 0;
  for (const line of out.stdout.split('\n')) {
    const p = /<page width="([\d.]+)" height="([\d.]+)">/.exec(line);
    if (p) {
      page++;
      height = Number(p[2]);
      continue;
    }
    const w = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/.exec(line);
    if (w) list.push({ page, x0: Number(w[1]), y0: Number(w[2]), x1: Number(w[3]), y1: Number(w[4]), text: w[5]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"') });
  }
  return { pages: page, list, height };
}

function print(dir: string, name: string, html: string): string {
  const file = path.join(dir, `${name}.html`);
  writeFileSync(file, html);
  const pdf = path.join(dir, `${name}.pdf`);
  const r = spawnSync(
    CHROMIUM!,
    ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', `--user-data-dir=${path.join(dir, 'profile')}`, '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, pathToFileURL(file).href],
    { encoding: 'utf8', timeout: 120_000 },
  );
  expect(r.status).toBe(0);
  expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return pdf;
}

/** Pairs of words whose boxes overlap by more than a hair (glyph boxes of neighbours touch, never cross). */
function overlaps(list: readonly Word[]): string[] {
  const out: string[] = [];
  const byPage = new Map<number, Word[]>();
  for (const w of list) byPage.set(w.page, [...(byPage.get(w.page) ?? []), w]);
  for (const [page, ws] of byPage) {
    for (let i = 0; i < ws.length; i++) {
      for (let j = i + 1; j < ws.length; j++) {
        const a = ws[i]!;
        const b = ws[j]!;
        const dx = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
        const dy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
        if (dx > 1 && dy > 2) out.push(`page ${page}: "${a.text}" / "${b.text}"`);
      }
    }
  }
  return out;
}

describe.skipIf(!CHROMIUM || !PDFTOTEXT)('the signed three-site report printed to A4', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pm-report-print-'));
  const input = await sampleInput('alpen-handel');
  const digest = '7c'.repeat(32);
  const plan: PlanForReport = {
    planDigest: digest,
    targetFingerprint: 'empty',
    summary: {},
    changes: [{ table: 'dc.Setting', key: { Scope: 'global', ServerName: '', Key: 'chat.deleteAfterDays', ObjectName: '' }, action: 'kept', kept: { Value: { base: '180', actual: '120', desired: '180' } } }],
  };
  // Failed and passed checks with long German names: the badges of the issue ("fehlgeschlagen" ran into the next column).
  const preflight = {
    checks: ['login', 'database', 'schema dc', 'collation', 'server version', 'sp_getapplock', 'bulk load'].map((name, i) => ({ area: 'sql' as const, name, result: (['fail', 'pass', 'warn', 'skip'] as const)[i % 4]!, message: 'x' })),
  };
  const base = buildReportData({ ...input, plan, preflight });

  it('no two words overlap on any page, in German and in English', () => {
    for (const lang of ['de', 'en'] as const) {
      const { list, pages } = words(print(dir, `signed-${lang}`, renderReportHtml(base, { lang })));
      expect(pages).toBeGreaterThan(5);
      expect(overlaps(list)).toEqual([]);
    }
  });

  it('the page header names the customer, a 12-character digest and the date; the full digest stands once', () => {
    const { list, pages } = words(print(dir, 'header', renderReportHtml(base, { lang: 'de' })));
    const text = list.map((w) => w.text).join(' ');
    expect(text.split(digest.slice(0, 12)).length - 1).toBeGreaterThanOrEqual(pages);
    expect(text.split(digest).length - 1).toBe(1);
    // Every page's header line holds the customer's name.
    for (let p = 1; p <= pages; p++) expect(list.filter((w) => w.page === p && w.y0 < 50).map((w) => w.text).join(' ')).toContain('Alpen-Handel');
  });

  /** `n` settings rows named nowhere else (`probeRow07`), and per page which of them it holds. */
  const settingsRows = (n: number): ReportData['settings'] =>
    Array.from({ length: n }, (_, i) => ({ scope: 'global', server: '', object: '', key: `probeRow${String(i).padStart(3, '0')}`, type: 'int', value: String(i), origin: 'project' }));
  const rowsPerPage = (list: readonly Word[], pattern: RegExp) => {
    const perPage = new Map<number, Set<string>>();
    for (const w of list.filter((x) => pattern.test(x.text))) perPage.set(w.page, (perPage.get(w.page) ?? new Set()).add(w.text));
    return perPage;
  };
  // How many settings rows fill the table's first page: a table one row longer is where a lone row would fall.
  const firstPage = (() => {
    const probe = rowsPerPage(words(print(dir, 'probe', renderReportHtml({ ...base, settings: settingsRows(120) }, { lang: 'de' }))).list, /^probeRow\d+$/);
    return probe.get(Math.min(...probe.keys()))!.size;
  })();

  it('a long table one row longer than its first page never leaves that row alone on the next page', () => {
    expect(firstPage).toBeGreaterThan(10);
    for (const n of [firstPage + 1, firstPage + 2]) {
      const perPage = rowsPerPage(words(print(dir, `rows-${n}`, renderReportHtml({ ...base, settings: settingsRows(n) }, { lang: 'de' }))).list, /^probeRow\d+$/);
      expect([...perPage.values()].reduce((a, x) => a + x.size, 0)).toBe(n);
      for (const [page, rows] of perPage) expect(rows.size, `rows of the table on page ${page} (${n} rows)`).toBeGreaterThan(1);
    }
  });

  it('a short table after a long one is never split over two pages, nor its heading left without it', () => {
    // The decisions table follows the settings table on the same page; as the settings grow, it meets the page end.
    const ids = ['monitor.global-off', 'monitor.per-group', 'monitor.drop', 'contentsharing.clamp'];
    const decisions = ['shortRowA', 'shortRowB', 'shortRowC', 'shortRowD'].map((name, i) => ({ id: ids[i]!, what: name, affected: [name] }));
    for (let n = firstPage - 18; n <= firstPage - 6; n += 2) {
      const { list } = words(print(dir, `short-${n}`, renderReportHtml({ ...base, settings: settingsRows(n), decisions } as ReportData, { lang: 'de' })));
      const pages = new Set(list.filter((w) => /^shortRow[A-D],?$/.test(w.text)).map((w) => w.page));
      expect(pages.size, `decisions table after ${n} settings rows`).toBe(1);
      const heading = list.find((w) => w.text === 'Entscheidungen' && w.x0 < 80);
      expect(heading?.page).toBe([...pages][0]);
    }
  });
});
