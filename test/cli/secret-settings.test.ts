/**
 * A key two exports type `secret` (`crm.apiToken`, not in the catalog, not named like a password)
 * given a literal value in the project: plan (text and --json) refuses at the project line, and
 * neither the literal nor the sources' value appears in plan, notes or the draft report. A key in
 * another case (`Mail.SmtpServer`) is written as `mail.smtpServer`.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../samples/expected.js';
import { runCli, tempDir } from './helpers.js';

const SOURCE_SECRET = 'tokAAA111';

/** Alpen-Handel copied to a temp dir, Berlin and München holding crm.apiToken as a secret, `settings` lines added. */
function sample(globalLines: string, localMucLines = ''): string {
  const dir = tempDir('pm-cli-secret-');
  cpSync(path.join(REPO_ROOT, 'samples', 'alpen-handel'), dir, { recursive: true });
  for (const src of ['ucs-ber-01.alpen-handel.de', 'ucs-muc-01.alpen-handel.de']) {
    const file = path.join(dir, 'exports', src, 'config', 'ucserver.xml');
    const xml = readFileSync(file, 'utf8');
    const at = xml.indexOf('<Setting ');
    expect(at).toBeGreaterThan(0);
    writeFileSync(file, `${xml.slice(0, at)}<Setting key="crm.apiToken" type="secret" value="${SOURCE_SECRET}"/>\n    ${xml.slice(at)}`);
  }
  const project = path.join(dir, 'procall-migrate.yaml');
  let yaml = readFileSync(project, 'utf8');
  yaml = yaml.replace(/^ {4}chat\.deleteAfterDays: 90\n/m, (m) => `${m}${globalLines}`);
  yaml = yaml.replace(/^ {6}logging\.level: info\n/m, (m) => `${m}${localMucLines}`);
  writeFileSync(project, yaml);
  return project;
}

function everythingIn(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(md|html|json|txt)$/.test(e.name))
    .map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

describe('a literal for a key the exports type secret', () => {
  it.each([
    ['settings.global', '    crm.apiToken: LiteralTok999\n', '', 'LiteralTok999', /procall-migrate\.yaml:\d+:\d+ {2}error {2}MAP_PROJECT_SETTING_TYPE {2}settings\.global\["crm\.apiToken"\]: a secret may not be written/],
    ['settings.local', '', '      crm.apiToken: LocalLit777\n', 'LocalLit777', /procall-migrate\.yaml:\d+:\d+ {2}error {2}MAP_PROJECT_SETTING_TYPE {2}settings\.local\["dc-ah-muc-01"\]\["crm\.apiToken"\]: a secret may not be written/],
  ])('under %s: plan refuses at its line; no value in plan, --json or the draft report', { timeout: 180_000 }, async (_where, globalLines, localLines, literal, refusal) => {
    const project = sample(globalLines, localLines);
    const dir = path.dirname(project);
    const text = await runCli(['plan', '-p', project, '--no-target']);
    expect(text.code, text.stderr).toBe(3);
    expect(text.stderr).toMatch(refusal);
    const json = await runCli(['plan', '-p', project, '--no-target', '--json']);
    expect(json.code).toBe(3);
    expect(json.stdout).toContain('MAP_PROJECT_SETTING_TYPE');
    const report = await runCli(['report', '-p', project, '--draft', '--audience', 'consultant', '--out', path.join(dir, 'out', 'report.md')]);
    const reportHtml = await runCli(['report', '-p', project, '--draft', '--out', path.join(dir, 'out', 'report.html')]);
    const all = [text.stdout, text.stderr, json.stdout, json.stderr, report.stdout, report.stderr, reportHtml.stdout, reportHtml.stderr, everythingIn(path.join(dir, 'out'))].join('\n');
    expect(everythingIn(path.join(dir, 'out'))).toContain('crm.apiToken');
    expect(all).not.toContain(literal);
    expect(all).not.toContain(SOURCE_SECRET);
  });
});

describe('a project setting key in another case', () => {
  it('is planned in the catalog spelling, with a note at its line', { timeout: 120_000 }, async () => {
    const project = sample('    Mail.SmtpServer: smtp.x.de\n');
    const r = await runCli(['plan', '-p', project, '--no-target', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as { changes?: { table: string; key: Record<string, unknown>; after?: Record<string, unknown> }[]; diagnostics: { code: string; message: string; line?: number }[] };
    const mail = JSON.stringify(plan).match(/"Key":"[Mm]ail\.[Ss]mtp[Ss]erver"/g) ?? [];
    expect(mail.length).toBeGreaterThan(0);
    expect(mail.every((m) => m === '"Key":"mail.smtpServer"')).toBe(true);
    expect(JSON.stringify(plan)).toContain('smtp.x.de');
    expect(plan.diagnostics).toContainEqual(expect.objectContaining({ code: 'MAP_PROJECT_SETTING_SPELLING', message: expect.stringContaining('is written as mail.smtpServer') }));
  });
});
