/**
 * The HTML report in headless Chromium (Debian's `chromium`, installed by .ci/run): the German
 * and the English report written by the BUILT CLI (`npm test` builds first) load without console
 * errors, the user table filters by a name and by a home server (the filter can be preset in the
 * URL: `#q=…&server=…`), and the report prints to PDF; with pdftoppm the pages become PNGs to
 * look at. A 50,000-user report stays usable: its size and the time Chromium needs to load it,
 * filter and sort-ready, are bounded (generously: this checks "usable", not speed). Skips itself,
 * saying so, where Chromium is not installed; the PNG step skips without pdftoppm.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildReportData, renderReportHtml, type ReportData } from '../../src/report/index.js';
import { REPO_ROOT, SAMPLES, samplePath } from '../samples/expected.js';
import { sampleInput } from './helpers.js';

const MAIN = path.join(REPO_ROOT, 'dist', 'cli', 'main.js');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const PDFTOPPM = ['/usr/bin/pdftoppm', '/usr/local/bin/pdftoppm'].find((p) => existsSync(p));
if (!CHROMIUM) console.warn('report browser test skipped: no Chromium at /usr/bin/chromium (apt-get install chromium)');
if (CHROMIUM && !PDFTOPPM) console.warn('report PDF pages not rendered to PNG: no pdftoppm (apt-get install poppler-utils)');

function chromium(dir: string, args: string[]) {
  return spawnSync(
    CHROMIUM!,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
      '--enable-logging=stderr',
      '--v=0',
      `--user-data-dir=${path.join(dir, 'profile')}`,
      ...args,
    ],
    { encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024 },
  );
}

/** The user table's rows as Chromium left them after the script ran: [visible, hidden]. */
function userRows(dom: string): { visible: string[]; hidden: number } {
  const tbody = /<table id="user-table"[^]*?<tbody>([^]*?)<\/tbody>/.exec(dom)?.[1] ?? '';
  const rows = [...tbody.matchAll(/<tr( hidden(?:="")?)?>([^]*?)<\/tr>/g)];
  return { visible: rows.filter((r) => !r[1]).map((r) => r[2]!), hidden: rows.filter((r) => r[1]).length };
}

const consoleTrouble = /:CONSOLE[:(]|Uncaught|net::ERR/;

describe.skipIf(!CHROMIUM)('report in headless Chromium', () => {
  // The machine may be busy (CI runs tests in parallel): Chromium gets time, the checks stay exact.
  const dir = mkdtempSync(path.join(tmpdir(), 'pm-report-browser-'));

  it.each([
    ['de', 'Benutzern angezeigt'],
    ['en', 'users shown'],
  ] as const)('the %s alpen-handel report written by the CLI: chart, user filter by name and by home server, print to PDF', (lang, shown) => {
    const file = path.join(dir, `report-${lang}.html`);
    const written = spawnSync(process.execPath, [MAIN, 'report', '-p', samplePath(SAMPLES['alpen-handel'].project), '--lang', lang, '--out', file], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    expect({ code: written.status, stderr: written.status === 0 ? '' : written.stderr }).toEqual({ code: 0, stderr: '' });
    const url = pathToFileURL(file).href;

    const all = chromium(dir, ['--dump-dom', url]);
    expect(all.status).toBe(0);
    expect(all.stdout).toMatch(/<svg[^>]+id="home-server-chart"/);
    expect(all.stderr).not.toMatch(consoleTrouble);
    const everyone = userRows(all.stdout);
    expect(everyone.hidden).toBe(0);
    expect(everyone.visible.length).toBeGreaterThan(50);

    // By a name: one user, whose row names them.
    const byName = chromium(dir, ['--dump-dom', `${url}#q=anja.brandt`]);
    expect(byName.stderr).not.toMatch(consoleTrouble);
    const one = userRows(byName.stdout);
    expect(one.visible).toHaveLength(1);
    expect(one.visible[0]).toContain('anja.brandt');
    expect(one.hidden).toBe(everyone.visible.length - 1);
    expect(byName.stdout).toMatch(new RegExp(`>1 \\S+ ${everyone.visible.length} ${shown}<`));

    // By a home server: exactly the users placed there.
    const byServer = chromium(dir, ['--dump-dom', `${url}#server=dc-ah-vie-01`]);
    const vienna = userRows(byServer.stdout);
    expect(vienna.visible.length).toBe(everyone.visible.filter((r) => r.includes('<td>dc-ah-vie-01</td>')).length);
    expect(vienna.visible.length).toBeGreaterThan(5);
    for (const r of vienna.visible) expect(r).toContain('<td>dc-ah-vie-01</td>');

    const png = path.join(dir, `alpen-handel-${lang}.png`);
    const shot = chromium(dir, ['--hide-scrollbars', '--window-size=1200,2400', `--screenshot=${png}`, url]);
    expect(shot.status).toBe(0);
    expect(statSync(png).size).toBeGreaterThan(20_000);

    const pdf = path.join(dir, `alpen-handel-${lang}.pdf`);
    const printed = chromium(dir, ['--no-pdf-header-footer', `--print-to-pdf=${pdf}`, url]);
    expect(printed.status).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (PDFTOPPM) {
      const pages = spawnSync(PDFTOPPM, ['-r', '60', '-png', pdf, path.join(dir, `page-${lang}`)], { encoding: 'utf8', timeout: 120_000 });
      expect(pages.status).toBe(0);
      const pngs = readdirSync(dir).filter((f) => f.startsWith(`page-${lang}`) && f.endsWith('.png'));
      // Sections start on new pages: more than a handful of pages, fewer than one per table row.
      expect(pngs.length).toBeGreaterThan(5);
      expect(pngs.length).toBeLessThan(40);
    }
  });

  it('a report of 50,000 users stays usable: under 20 MB, loaded, filtered and counted by Chromium within a generous bound', async () => {
    const base = buildReportData(await sampleInput('alpen-handel'));
    const servers = base.distribution.map((r) => r.server);
    const users: ReportData['users'] = Array.from({ length: 50_000 }, (_, i) => {
      const n = String(i).padStart(5, '0');
      return {
        userName: `user${n}.lastname`,
        displayName: `Lastname${n}, Firstname`,
        source: `ucs-src-${i % 7}.example.local`,
        homeServer: servers[i % servers.length]!,
        rule: i % 3 === 0 ? 'lines' : 'balance',
        lines: [`+4989${String(1_000_000 + i)}`],
        groups: [`Group ${i % 40}`],
      };
    });
    const html = renderReportHtml({ ...base, users });
    const bytes = Buffer.byteLength(html);
    expect(bytes).toBeLessThan(20 * 1024 * 1024);
    // Every user is in the file (as JSON beside the table), once.
    expect(html.match(/"user\d{5}\.lastname"/g)).toHaveLength(50_000);
    const file = path.join(dir, 'report-50k.html');
    writeFileSync(file, html);

    const started = process.hrtime.bigint();
    const r = chromium(dir, ['--dump-dom', `${pathToFileURL(file).href}#q=user04711.&server=${servers[1]}`]);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(consoleTrouble);
    const rows = userRows(r.stdout);
    // user04711 is user number 4711: 4711 % 3 servers = 1, so it is on servers[1] and matches both filters.
    expect(rows.visible).toHaveLength(1);
    expect(rows.visible[0]).toContain('<td>user04711.lastname</td>');
    expect(r.stdout).toContain('>1 von 50.000 Benutzern angezeigt<');
    expect(seconds).toBeLessThan(60);
    console.info(`50,000-user report: ${(bytes / 1024 / 1024).toFixed(1)} MB, loaded and filtered by headless Chromium in ${seconds.toFixed(1)} s`);
  });
});
