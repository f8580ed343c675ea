/** What the README says about exit codes and diagnostic lines is what the tool does (walkthrough findings). */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../samples/expected.js';
import { runCli, tempDir } from './helpers.js';

const README = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

/** The README's exit-code table: code → meaning. */
function exitCodeTable(): Map<number, string> {
  const rows = [...README.matchAll(/^\| (\d) \| (.*) \|$/gm)];
  return new Map(rows.map((m) => [Number(m[1]), m[2] as string]));
}

function sampleCopy(): string {
  const dir = path.join(tempDir('pm-readme-claims-'), 'alpen-handel');
  cpSync(path.join(REPO_ROOT, 'samples', 'alpen-handel'), dir, { recursive: true });
  return dir;
}

describe('README: exit codes', () => {
  it('a missing project file on the command line exits 1, as the table says', async () => {
    const r = await runCli(['plan', '-p', 'no-such-project.yaml'], { cwd: tempDir() });
    expect(r.code).toBe(1);
    expect(exitCodeTable().get(1)).toMatch(/missing project/);
  });

  it('a missing export listed in sources: exits 3, as the table says', async () => {
    const dir = sampleCopy();
    const file = path.join(dir, 'procall-migrate.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('exports/ucs-ber-01.alpen-handel.de', 'exports/ucs-gone-01.alpen-handel.de'));
    const r = await runCli(['plan', '-p', 'procall-migrate.yaml'], { cwd: dir });
    expect(r.stderr).toContain('IMPORT_INPUT_NOT_FOUND');
    expect(r.code).toBe(3);
    expect(exitCodeTable().get(3)).toMatch(/export listed in `sources:` that is missing/);
    expect(exitCodeTable().get(1)).not.toMatch(/\bmissing file\b/);
  });
});

describe('README: the open-decision line', () => {
  it('is printed as the README shows it (project path as given, line:column)', async () => {
    const example = /\(`(my-project\.yaml:\d+:\d+ {2}error {2}PROJECT_OPEN_DECISION {2}[^`]*?)…`\)/.exec(README)?.[1];
    expect(example, 'the README example line').toBeDefined();
    const cwd = path.dirname(sampleCopy());
    const exports = ['ucs-ber-01.alpen-handel.de', 'ucs-muc-01.alpen-handel.de', 'ucs-vie-01.alpen-handel.at'].map((e) => `alpen-handel/exports/${e}`);
    expect((await runCli(['init', ...exports, '--out', 'my-project.yaml'], { cwd })).code).toBe(0);
    const r = await runCli(['plan', '-p', 'my-project.yaml'], { cwd });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`  ${example}`);
  });
});
