/** `-p` defaults to ./procall-migrate.yaml for every command that takes a project (walkthrough finding). */
import { cpSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../samples/expected.js';
import { runCli, tempDir } from './helpers.js';

function sampleFolder(): string {
  const dir = path.join(tempDir('pm-default-p-'), 'alpen-handel');
  cpSync(path.join(REPO_ROOT, 'samples', 'alpen-handel'), dir, { recursive: true });
  return dir;
}

describe('-p defaults to ./procall-migrate.yaml', () => {
  it.each([
    ['plan', ['plan']],
    ['plan --no-target --out plan.json', ['plan', '--no-target', '--out', 'plan.json']],
    ['script', ['script', '--no-target', '--out', 'seed.sql']],
    ['report', ['report', '--draft', '--out', 'report.md']],
    ['rollout', ['rollout', '--out', 'rollout']],
  ])('%s in the project folder uses it', async (_name, argv) => {
    const dir = sampleFolder();
    const r = await runCli(argv, { cwd: dir });
    expect(r.stderr).not.toMatch(/required option|no project file/);
    expect(r.code).toBe(0);
    if (argv[0] === 'plan' && argv.length === 1) expect(r.stdout).toMatch(/^Plan: /);
    const out = argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : undefined;
    if (out !== undefined) expect(existsSync(path.join(dir, out))).toBe(true);
  });

  it.each([
    ['plan', ['plan']],
    ['migrate', ['migrate']],
    ['script', ['script', '--out', 'seed.sql']],
    ['verify', ['verify']],
    ['undo', ['undo', 'some-run-id']],
    ['runs', ['runs']],
    ['preflight', ['preflight']],
    ['rollout', ['rollout', '--out', 'rollout']],
    ['report', ['report', '--out', 'report.md']],
  ])(
    '%s without -p where there is no procall-migrate.yaml: a plain usage error (exit 1)',
    async (_command, argv) => {
      const cwd = tempDir('pm-no-project-');
      const r = await runCli(argv, { cwd });
      expect(r.code).toBe(1);
      expect(r.stderr).not.toContain('required option');
      expect(r.stderr).toContain(`error: no project file: pass -p FILE (there is no procall-migrate.yaml in ${cwd})`);
      expect(r.stderr).toMatch(/^hint: or create one here with `procall-migrate init/m);
      expect(readdirSync(cwd)).toEqual([]);
    },
  );

  it('an explicit -p still wins', async () => {
    const r = await runCli(['plan', '-p', 'nope.yaml'], { cwd: sampleFolder() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('project file not found: nope.yaml');
  });
});
