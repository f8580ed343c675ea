/**
 * Walkthrough defect 8: the digest a rendering shows is the digest of the plan as it would be
 * saved in the folder the output goes to (paths relative to it). The Markdown plan attached to
 * the sign-off must show the digest of the plan.json beside it, and `plan --json > plan.json`
 * must be a plan file whose digest is its own.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../samples/expected.js';
import { runCli, tempDir } from './helpers.js';

/** A customer folder as the consultant keeps it: project and exports (the small sample). */
function customerFolder(): string {
  const dir = path.join(tempDir('pm-digest-'), 'customer');
  cpSync(path.join(REPO_ROOT, 'samples', 'kanzlei-huber'), dir, { recursive: true });
  return dir;
}

const savedDigest = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { planDigest: string }).planDigest;

/** The digest the Markdown plan shows in its head table. */
function markdownDigest(md: string): string {
  const m = /\| Plan digest \| `([0-9a-f]{64})` \|/.exec(md);
  if (!m) throw new Error(`no plan digest in the Markdown plan:\n${md.slice(0, 800)}`);
  return m[1] as string;
}

describe('the plan digest is the one of the plan saved where the output goes', () => {
  it('json and markdown files in one folder, stdout in that folder and the signed report show one digest', { timeout: 120_000 }, async () => {
    const dir = customerFolder();
    const cli = (args: string[], cwd = dir) => runCli(args, { cwd });
    const p = ['-p', 'procall-migrate.yaml', '--no-target'];

    const json = await cli(['plan', ...p, '--out', 'plan.json']);
    expect(json.code, json.stderr).toBe(0);
    const digest = savedDigest(path.join(dir, 'plan.json'));

    const md = await cli(['plan', ...p, '--format', 'markdown', '--out', 'plan.md']);
    expect(md.code, md.stderr).toBe(0);
    const mdText = readFileSync(path.join(dir, 'plan.md'), 'utf8');
    expect(markdownDigest(mdText)).toBe(digest);
    // The Markdown names the project as the plan.json beside it does.
    expect(mdText).toContain('`procall-migrate.yaml`');

    // The DBA's script beside it names the same plan.
    const script = await cli(['script', ...p, '--out', 'seed.sql']);
    expect(script.code, script.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'seed.sql'), 'utf8')).toMatch(new RegExp(`-- plan digest: +${digest}`));

    const mdOut = await cli(['plan', ...p, '--format', 'markdown']);
    expect(markdownDigest(mdOut.stdout)).toBe(digest);

    // `plan --json > plan.json` is a plan file: its digest is the saved one, and it is its own.
    const stdoutJson = await cli(['plan', ...p, '--json']);
    expect(stdoutJson.code, stdoutJson.stderr).toBe(0);
    const printed = JSON.parse(stdoutJson.stdout) as { planDigest: string; project: { path: string } };
    expect(printed.planDigest).toBe(digest);
    expect(printed.project.path).toBe('procall-migrate.yaml');
    writeFileSync(path.join(dir, 'redirected.json'), stdoutJson.stdout);

    const report = await cli(['report', '--plan', 'redirected.json', '--lang', 'en', '--out', 'signed/report.md']);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stderr).toContain(`plan digest: ${digest}`);
    expect(readFileSync(path.join(dir, 'signed', 'report.md'), 'utf8')).toContain(digest);
  });

  it('a subfolder: its markdown shows the digest of its plan.json; stdout from another folder equals --out ./plan.json there', { timeout: 120_000 }, async () => {
    const dir = customerFolder();
    mkdirSync(path.join(dir, 'review'));
    const p = ['-p', 'procall-migrate.yaml', '--no-target'];
    expect((await runCli(['plan', ...p, '--out', 'review/plan.json'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['plan', ...p, '--format', 'markdown', '--out', 'review/plan.md'], { cwd: dir })).code).toBe(0);
    const inReview = savedDigest(path.join(dir, 'review', 'plan.json'));
    expect(markdownDigest(readFileSync(path.join(dir, 'review', 'plan.md'), 'utf8'))).toBe(inReview);
    expect((JSON.parse(readFileSync(path.join(dir, 'review', 'plan.json'), 'utf8')) as { project: { path: string } }).project.path).toBe('../procall-migrate.yaml');

    // Run from the review folder: stdout is written for that folder, like --out ./plan.json there.
    const review = path.join(dir, 'review');
    const fromReview = await runCli(['plan', '-p', '../procall-migrate.yaml', '--no-target', '--json'], { cwd: review });
    expect(fromReview.code, fromReview.stderr).toBe(0);
    expect((JSON.parse(fromReview.stdout) as { planDigest: string }).planDigest).toBe(inReview);
  });
});
