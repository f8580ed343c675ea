/**
 * The HTML report, written by the BUILT CLI as a consultant would (`npm test` builds first),
 * opened in headless Chromium (Debian's `chromium`, installed by .ci/run): it must load without
 * console errors and lay out the chart. Skips itself, saying so, where Chromium is not installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, SAMPLES, samplePath } from '../samples/expected.js';

const MAIN = path.join(REPO_ROOT, 'dist', 'cli', 'main.js');

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!CHROMIUM) console.warn('report browser test skipped: no Chromium at /usr/bin/chromium (apt-get install chromium)');

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
    { encoding: 'utf8', timeout: 90_000 },
  );
}

describe.skipIf(!CHROMIUM)('report in headless Chromium', () => {
  it('renders the three-site alpen-handel report written by the CLI: chart present, no console errors, screenshot taken', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pm-report-browser-'));
    const file = path.join(dir, 'report.html');
    const written = spawnSync(process.execPath, [MAIN, 'report', '-p', samplePath(SAMPLES['alpen-handel'].project), '--out', file], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    expect({ code: written.status, stderr: written.status === 0 ? '' : written.stderr }).toEqual({ code: 0, stderr: '' });
    const url = pathToFileURL(file).href;

    const dump = chromium(dir, ['--dump-dom', url]);
    expect(dump.status).toBe(0);
    expect(dump.stdout).toMatch(/<svg[^>]+id="home-server-chart"/);
    // Three bars' stacked segments, each with a tooltip naming server and rule.
    expect((dump.stdout.match(/<title>dc-ah-[a-z]+-01: \d+ by /g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(dump.stderr).not.toMatch(/:CONSOLE[:(]|Uncaught|net::ERR/);

    const png = path.join(dir, 'alpen-handel-report.png');
    const shot = chromium(dir, ['--hide-scrollbars', '--window-size=1200,2400', `--screenshot=${png}`, url]);
    expect(shot.status).toBe(0);
    expect(statSync(png).size).toBeGreaterThan(20_000);
    expect([...readFileSync(png).subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  });
});
