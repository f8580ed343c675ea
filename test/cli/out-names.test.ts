/**
 * Walkthrough defect 18: an `--out` name that says something else than what is written.
 * `rollout --out rollout.zip` made a folder called `rollout.zip`; `init --out p.json` wrote YAML
 * into a `.json` file. Both are refused with a plain message before anything is read or written.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES, samplePath } from '../samples/expected.js';
import { runCli, tempDir } from './helpers.js';

const project = samplePath(SAMPLES['kanzlei-huber'].project);
const exportsOf = Object.values(SAMPLES['kanzlei-huber'].exports).map((e) => samplePath(e.path));

describe('rollout --out names a folder', () => {
  it.each(['rollout.zip', 'rollout.ZIP', 'clients.tar.gz', 'readme.md'])('refuses %s: no folder of that name, the message says a folder is written', async (name) => {
    const dir = tempDir('pm-out-names-');
    const r = await runCli(['rollout', '-p', project, '--out', name], { cwd: dir });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/rollout writes a folder of several files/);
    expect(r.stderr).toMatch(/--out rollout|--out clients|--out readme/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(existsSync(path.join(dir, name))).toBe(false);
  });

  it('still writes into a folder whose name has a dot that is no file ending', { timeout: 60_000 }, async () => {
    const dir = tempDir('pm-out-names-');
    const r = await runCli(['rollout', '-p', project, '--out', 'rollout-2026.12'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'rollout-2026.12', 'README.md'))).toBe(true);
  });
});

describe('init --out names a YAML file', () => {
  it.each(['p.json', 'project.txt', 'procall-migrate.yaml.bak'])('refuses %s and writes nothing', async (name) => {
    const dir = tempDir('pm-out-names-');
    const r = await runCli(['init', ...exportsOf, '--out', name], { cwd: dir });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/init writes the project as YAML/);
    expect(r.stderr).toContain('.yaml');
    expect(existsSync(path.join(dir, name))).toBe(false);
  });

  it('writes p.yml', { timeout: 60_000 }, async () => {
    const dir = tempDir('pm-out-names-');
    const r = await runCli(['init', ...exportsOf, '--out', 'p.yml'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'p.yml'))).toBe(true);
  });
});
