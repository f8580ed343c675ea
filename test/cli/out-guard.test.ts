/**
 * `--out` never writes over what the run reads: the project file, an export (or a file inside an
 * export folder), the mapping CSV — a typo there would destroy the customer's input for good.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../samples/expected.js';
import { runCli, tempDir } from './helpers.js';

function customerCopy(sample: string): string {
  const dir = path.join(tempDir('pm-out-guard-'), sample);
  cpSync(path.join(REPO_ROOT, 'samples', sample), dir, { recursive: true });
  return dir;
}

describe('--out refuses to overwrite an input', () => {
  const dir = customerCopy('mueller-logistik');
  const project = path.join(dir, 'procall-migrate.yaml');
  const exportDir = readdirSync(path.join(dir, 'exports')).map((n) => path.join(dir, 'exports', n))[0]!;
  const before = readFileSync(project, 'utf8');

  it.each([
    ['plan', ['plan', '-p', project, '--format', 'json', '--out', project], /is the project file/],
    ['script', ['script', '-p', project, '--no-target', '--out', project], /is the project file/],
    ['report', ['report', '-p', project, '--format', 'html', '--out', project], /is the project file/],
    ['plan into an export', ['plan', '-p', project, '--format', 'json', '--out', path.join(exportDir, 'users.xml')], /is (inside )?the export of|is inside an export/],
    ['rollout into an export', ['rollout', '-p', project, '--out', exportDir], /is an export|is inside an export|is an export of the project/],
    ['inspect over its export', ['inspect', exportDir, '--format', 'json', '--out', path.join(exportDir, 'users.xml')], /is inside an export being inspected/],
  ])('%s: exit 1, the input unchanged', async (_name, argv, message) => {
    const usersBefore = readFileSync(path.join(exportDir, 'users.xml'), 'utf8');
    const r = await runCli(argv as string[]);
    expect(r.code).toBe(1);
    // With --format json the error is JSON on stdout; otherwise a line on stderr.
    const said = r.stdout + r.stderr;
    expect(said).toMatch(message as RegExp);
    expect(said).toContain('never writes over what it reads');
    expect(readFileSync(project, 'utf8')).toBe(before);
    expect(readFileSync(path.join(exportDir, 'users.xml'), 'utf8')).toBe(usersBefore);
  });

  it('rollout into a folder with other files refuses to replace a README that is not its own', async () => {
    const folder = tempDir('pm-out-guard-rollout-');
    writeFileSync(path.join(folder, 'README.md'), 'my own notes\n');
    const r = await runCli(['rollout', '-p', project, '--out', folder]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('would be overwritten');
    expect(readFileSync(path.join(folder, 'README.md'), 'utf8')).toBe('my own notes\n');
    // A folder holding only an earlier rollout's files is written again.
    const fresh = path.join(tempDir('pm-out-guard-rollout2-'), 'rollout');
    expect((await runCli(['rollout', '-p', project, '--out', fresh])).code).toBe(0);
    expect((await runCli(['rollout', '-p', project, '--out', fresh])).code).toBe(0);
  });
});
