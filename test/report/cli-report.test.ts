/**
 * `report` and `rollout` on the command line (in-process, through the CLI seam): the signed report
 * and the applied plan show the same digest; language from the flag or the project; refused
 * projects get no report and no rollout folder; a bad preflight file is a plain error.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordingSeam, runCli, sampleProjectWith, TEST_TARGET, TEST_TARGET_ENV } from '../cli/helpers.js';

const TARGET = TEST_TARGET;
const env = TEST_TARGET_ENV;
const now = () => new Date('2026-11-30T14:05:00Z');
const digestLine = (stderr: string) => /^plan digest: ([0-9a-f]{64})$/m.exec(stderr)?.[1];

describe('report --plan and apply', () => {
  it('show the same plan digest: on the signed page, on report’s stderr and on apply’s', async () => {
    const project = sampleProjectWith('alpen-handel', TARGET);
    const dir = path.dirname(project);
    const seam = recordingSeam();
    const io = { env, cwd: dir, now, connect: async () => seam.db };
    expect((await runCli(['plan', '-p', project, '--out', 'plan.json'], io)).code).toBe(0);
    const saved = JSON.parse(readFileSync(path.join(dir, 'plan.json'), 'utf8')) as { planDigest: string; targetFingerprint: string };

    const report = await runCli(['report', '--plan', 'plan.json', '--out', 'signed/report.html'], io);
    expect({ code: report.code, stderr: report.code === 0 ? '' : report.stderr }).toEqual({ code: 0, stderr: '' });
    const html = readFileSync(path.join(dir, 'signed', 'report.html'), 'utf8');
    expect(html).toContain(saved.planDigest);
    expect(html).toContain('<div class="sign">');
    expect(html).not.toMatch(/Vorschau/);

    const apply = await runCli(['apply', 'plan.json', '--yes'], io);
    expect(digestLine(report.stderr)).toBe(saved.planDigest);
    expect(digestLine(apply.stderr)).toBe(saved.planDigest);
    // The seam refuses writes: apply got as far as the database with that plan.
    expect(seam.statements.length).toBeGreaterThan(0);
  });

  it('refuses a plan made from another version of the project (exit 3), writing nothing', async () => {
    const project = sampleProjectWith('alpen-handel', TARGET);
    const dir = path.dirname(project);
    const io = { env, cwd: dir, now, connect: async () => recordingSeam().db };
    expect((await runCli(['plan', '-p', project, '--out', 'plan.json'], io)).code).toBe(0);
    writeFileSync(project, `${readFileSync(project, 'utf8')}\n# edited after the plan\n`);
    const r = await runCli(['report', '--plan', 'plan.json', '--out', 'report.html'], io);
    expect(r.code).toBe(3);
    // The wording is the CLI's (src/cli): it names the project as changed since the plan, or as not the file the plan was made from.
    expect(r.stderr).toMatch(/project file changed since the plan was made|is not the file the plan was made from/);
    expect(existsSync(path.join(dir, 'report.html'))).toBe(false);
  });
});

describe('report on the command line', () => {
  it('is German by default, English with --lang en or with language: en in the project', async () => {
    const project = sampleProjectWith('kanzlei-huber', '');
    const dir = path.dirname(project);
    const io = { env, cwd: dir, now };
    expect((await runCli(['report', '-p', project, '--out', 'de.md'], io)).code).toBe(0);
    // The project is named „Kanzlei Huber – ProCall DataCenter“: the heading does not say „ProCall DataCenter“ twice.
    expect(readFileSync(path.join(dir, 'de.md'), 'utf8').split('\n')[0]).toBe('# Migrationsbericht – Kanzlei Huber – ProCall DataCenter');
    // The fixed clock (14:05 UTC) in the customers' zone, named.
    expect(readFileSync(path.join(dir, 'de.md'), 'utf8')).toContain('Erstellt am 30.11.2026, 15:05 Uhr (MEZ)');
    expect((await runCli(['report', '-p', project, '--lang', 'en', '--out', 'en.md'], io)).code).toBe(0);
    expect(readFileSync(path.join(dir, 'en.md'), 'utf8')).toMatch(/^# Migration report — Kanzlei Huber – ProCall DataCenter\n/);
    const english = sampleProjectWith('kanzlei-huber', 'language: en');
    expect((await runCli(['report', '-p', english, '--out', 'x.html'], { ...io, cwd: path.dirname(english) })).code).toBe(0);
    expect(readFileSync(path.join(path.dirname(english), 'x.html'), 'utf8')).toContain('<html lang="en">');
  });

  it('--preflight with a file that is not preflight output is a plain error (exit 1), nothing written', async () => {
    const project = sampleProjectWith('alpen-handel', '');
    const dir = path.dirname(project);
    writeFileSync(path.join(dir, 'pf.json'), JSON.stringify({ checks: [{ area: 'sql', name: 'login', result: 'maybe', message: '' }] }));
    const r = await runCli(['report', '-p', project, '--preflight', 'pf.json', '--out', 'r.html'], { env, cwd: dir, now });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: pf\.json is not the output of `preflight --json`: checks\[0\]\.result: /m);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(existsSync(path.join(dir, 'r.html'))).toBe(false);
  });

  it('--preflight shows the checks on the setup sheets', async () => {
    const project = sampleProjectWith('alpen-handel', '');
    const dir = path.dirname(project);
    writeFileSync(path.join(dir, 'pf.json'), JSON.stringify({ checks: [{ area: 'redis', name: 'sentinel-master', result: 'pass', message: 'all sentinels agree' }] }));
    const r = await runCli(['report', '-p', project, '--preflight', 'pf.json', '--out', 'r.md'], { env, cwd: dir, now });
    expect(r.code).toBe(0);
    const md = readFileSync(path.join(dir, 'r.md'), 'utf8');
    // A check the catalog does not know is named by its area, in German; preflight's English sentence stays out.
    expect(md).toContain('| Redis-Datenbank | Weitere Prüfung (Redis-Datenbank) | bestanden | Die Prüfung „Weitere Prüfung (Redis-Datenbank)“ wurde bestanden. |');
    expect(md).not.toContain('sentinel-master');
    expect(md).not.toContain('all sentinels agree');
    expect(md).toMatch(/\| 1 \| Sind alle UCServer mit der Redis-Datenbank verbunden\? \| Vorabprüfung bestanden \|/);
  });
});

describe('refused projects', () => {
  // 8 users for a server that takes 2: the mapper refuses (MAP_SERVER_OVER_CAPACITY), so plan would.
  const broken = () => {
    const project = sampleProjectWith('kanzlei-huber', '');
    writeFileSync(project, readFileSync(project, 'utf8').replace(/maxUsers: \d+/, 'maxUsers: 2'));
    return project;
  };

  it('report refuses (exit 3) and writes nothing; the folder it would have made does not appear', async () => {
    const project = broken();
    const dir = path.dirname(project);
    expect((await runCli(['plan', '-p', project], { env, cwd: dir, now })).code).toBe(3);
    const r = await runCli(['report', '-p', project, '--out', 'out/report.html'], { env, cwd: dir, now });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('MAP_SERVER_OVER_CAPACITY');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('rollout refuses (exit 3) and writes nothing, not even its folder', async () => {
    const project = broken();
    const dir = path.dirname(project);
    const before = readdirSync(dir);
    const r = await runCli(['rollout', '-p', project, '--out', 'rollout'], { env, cwd: dir, now });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('nothing was written');
    expect(readdirSync(dir)).toEqual(before);
  });

  it('rollout of a plannable project writes the README in the chosen language', async () => {
    const project = sampleProjectWith('kanzlei-huber', '');
    const dir = path.dirname(project);
    const r = await runCli(['rollout', '-p', project, '--out', 'rollout', '--lang', 'en'], { env, cwd: dir, now });
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, 'rollout', 'README.md'), 'utf8')).toMatch(/^# Connecting ProCall clients to /);
  });

  it('report --draft renders a project with an open decision, marked DRAFT, the decision first', async () => {
    const project = sampleProjectWith('kanzlei-huber', '');
    const dir = path.dirname(project);
    writeFileSync(project, readFileSync(project, 'utf8').replace(/fqdn: \S+/, 'fqdn: TODO'));
    const refused = await runCli(['report', '-p', project, '--out', 'r.md'], { env, cwd: dir, now });
    expect(refused.code).toBe(3);
    expect(existsSync(path.join(dir, 'r.md'))).toBe(false);
    const draft = await runCli(['report', '-p', project, '--draft', '--out', 'r.md'], { env, cwd: dir, now });
    expect({ code: draft.code, stderr: draft.code === 0 ? '' : draft.stderr }).toEqual({ code: 0, stderr: '' });
    const md = readFileSync(path.join(dir, 'r.md'), 'utf8');
    expect(md.split('\n')[0]).toMatch(/^# ENTWURF: /);
    expect(md).toMatch(/^## 1\. Offene Entscheidungen\n/m);
    expect(md).toContain('| **Vollständiger Hostname des neuen Servers dc-kh-01** | ersetzt ucs-kanzlei.kanzlei-huber.de |');
    // The open host name is marked „offen“ in the target servers, not shown as TODO.
    expect(md).toMatch(/^\| \*\*dc-kh-01\*\* \| \*\*offen\*\* \|/m);
    expect(md).not.toMatch(/TODO/);
    // One „cannot be signed“ note is enough: no preview box in a draft.
    expect(md).not.toMatch(/Vorschau:/);
    expect(md).not.toMatch(/procall-migrate\.yaml:\d+/);
    const consultant = await runCli(['report', '-p', project, '--draft', '--audience', 'consultant', '--out', 'c.md'], { env, cwd: dir, now });
    expect(consultant.code).toBe(0);
    expect(readFileSync(path.join(dir, 'c.md'), 'utf8')).toMatch(/procall-migrate\.yaml:\d+/);
    expect(md).not.toContain(dir);
  });

  it('report --draft renders a project with errors too (exit 0): every error first, in customer words, then the open decisions', async () => {
    const project = sampleProjectWith('alpen-handel', '');
    const dir = path.dirname(project);
    // The sources disagree on chat.deleteAfterDays (90, 90, 30): without the project's value that is an error.
    writeFileSync(project, readFileSync(project, 'utf8').replace(/^\s*chat\.deleteAfterDays: 90\n/m, '').replace(/fqdn: dc-ah-ber-01\S*/, 'fqdn: TODO'));
    expect((await runCli(['report', '-p', project, '--out', 'r.md'], { env, cwd: dir, now })).code).toBe(3);
    const draft = await runCli(['report', '-p', project, '--draft', '--out', 'r.md'], { env, cwd: dir, now });
    expect({ code: draft.code, stderr: draft.code === 0 ? '' : draft.stderr }).toEqual({ code: 0, stderr: '' });
    const md = readFileSync(path.join(dir, 'r.md'), 'utf8');
    const sections = md.split(/\n(?=## \d+\. )/).slice(1);
    expect(sections[0]).toMatch(/^## 1\. Fehler, die vor der Migration behoben werden müssen\n/);
    expect(sections[0]).toContain('chat.deleteAfterDays');
    expect(sections[0]).not.toMatch(/MAP_GLOBAL_SETTING_CONFLICT|settings\.global/);
    expect(sections[1]).toMatch(/^## 2\. Offene Entscheidungen\n/);
    const consultant = await runCli(['report', '-p', project, '--draft', '--audience', 'consultant', '--out', 'c.md'], { env, cwd: dir, now });
    expect(consultant.code).toBe(0);
    const first = readFileSync(path.join(dir, 'c.md'), 'utf8').split(/\n(?=## \d+\. )/)[1]!;
    expect(first).toContain('`MAP_GLOBAL_SETTING_CONFLICT`');
    expect(first).toMatch(/`\s*chat\.deleteAfterDays: \d+`/);
  });

  it('report --draft with nothing open says plainly that --draft is not needed, and the report is not marked DRAFT', async () => {
    const project = sampleProjectWith('kanzlei-huber', '');
    const dir = path.dirname(project);
    const r = await runCli(['report', '-p', project, '--draft', '--out', 'r.md'], { env, cwd: dir, now });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no decision is open: --draft is not needed/);
    expect(readFileSync(path.join(dir, 'r.md'), 'utf8')).not.toMatch(/ENTWURF/);
  });

  it.each(['cstaserver', '_cstaserver', 'cstaserver._tcp', '_cstaserver._tcp.example.com'])('rollout --srv-service %s is a usage error (exit 1), nothing written', async (label) => {
    const project = sampleProjectWith('kanzlei-huber', '');
    const dir = path.dirname(project);
    const r = await runCli(['rollout', '-p', project, '--out', 'rollout', '--srv-service', label], { env, cwd: dir, now });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/_service\._proto/);
    expect(existsSync(path.join(dir, 'rollout'))).toBe(false);
  });
});

