/**
 * Artifacts that travel (issue 10): a saved plan applied from a copied folder, `--out` into
 * folders that do not exist yet, files written whole or not at all, the format from the file
 * name, `--no-target`, and a DBA script that says exactly what it needs.
 */
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LicenseKey } from '../../src/model/sensitive.js';
import { PLAN_FORMAT_VERSION } from '../../src/model/plan.js';
import { ALL_SECRETS, REPO_ROOT, SAMPLES } from '../samples/expected.js';
import { recordingSeam, runCli, tempDir } from './helpers.js';

const TARGET = `target:
  server: sql-dc.example.local
  database: ProCallDC
  authentication: sql
  user: migrator
  passwordEnv: PM_TEST_SQL_PASSWORD`;
const env = { PM_TEST_SQL_PASSWORD: 'x' };
const alpen = SAMPLES['alpen-handel'].project;

/** A customer folder: the sample's project (with a target) and its exports, as a consultant keeps it. */
function customerFolder(sample: 'alpen-handel' | 'kanzlei-huber' = 'alpen-handel', target = TARGET): string {
  const dir = path.join(tempDir('pm-travel-'), 'customer');
  cpSync(path.join(REPO_ROOT, 'samples', sample), dir, { recursive: true });
  appendFileSync(path.join(dir, 'procall-migrate.yaml'), `\n${target}\n`);
  return dir;
}

/** A seam that records whether the run connected and reached the write transaction. */
function seam() {
  const s = recordingSeam();
  let connects = 0;
  return {
    connect: async () => {
      connects++;
      return s.db;
    },
    connects: () => connects,
    writes: s.writes,
  };
}

describe('a saved plan travels with its folder', () => {
  it('applies from a copy of the folder in another place: every file check passes and it reaches the database', async () => {
    const laptop = customerFolder();
    const planned = await runCli(['plan', '-p', 'procall-migrate.yaml', '--out', 'plan.json'], { cwd: laptop, env, connect: seam().connect });
    expect(planned.code).toBe(0);
    const saved = JSON.parse(readFileSync(path.join(laptop, 'plan.json'), 'utf8')) as { project: { path: string }; sources: { path: string }[] };
    expect(saved.project.path).toBe('procall-migrate.yaml');
    expect(saved.sources.map((s) => s.path)).toEqual(['exports/ucs-ber-01.alpen-handel.de', 'exports/ucs-muc-01.alpen-handel.de', 'exports/ucs-vie-01.alpen-handel.at']);

    const jumpHost = path.join(tempDir('pm-jump-'), 'D', 'migration');
    cpSync(laptop, jumpHost, { recursive: true });
    rmSync(laptop, { recursive: true, force: true });
    const db = seam();
    const r = await runCli(['apply', path.join(jumpHost, 'plan.json'), '--yes'], { cwd: path.dirname(jumpHost), env, connect: db.connect });
    expect(r.stderr).not.toContain('not found');
    expect(r.stderr).not.toMatch(/changed since the plan was made/);
    expect(r.stderr).toContain(`with the project ${path.join(jumpHost, 'procall-migrate.yaml')}`);
    // The recording seam refuses the write transaction: reaching it is reaching the database stage.
    expect(db.connects()).toBe(1);
    expect(db.writes).toContain('BEGIN TRANSACTION');
  });

  it('refuses a copied folder whose export changed (stale), writing nothing', async () => {
    const dir = customerFolder();
    expect((await runCli(['plan', '-p', 'procall-migrate.yaml', '--out', 'plan.json'], { cwd: dir, env, connect: seam().connect })).code).toBe(0);
    const copy = path.join(tempDir('pm-jump-'), 'copy');
    cpSync(dir, copy, { recursive: true });
    appendFileSync(path.join(copy, 'exports', 'ucs-muc-01.alpen-handel.de', 'users.xml'), '\n<!-- edited on the jump host -->\n');
    const db = seam();
    const r = await runCli(['apply', 'plan.json', '--yes'], { cwd: copy, env, connect: db.connect });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error: Source exports changed since the plan was made: ucs-muc-01\.alpen-handel\.de:users\.xml \(changed\)\. Nothing was written\.$/m);
    expect(db.writes).toEqual([]);
  });

  it('a plan moved away from its project names the resolved path; --project points at the project', async () => {
    const dir = customerFolder();
    expect((await runCli(['plan', '-p', 'procall-migrate.yaml', '--out', 'plan.json'], { cwd: dir, env, connect: seam().connect })).code).toBe(0);
    const elsewhere = path.join(tempDir('pm-signed-'), 'signed-off');
    mkdirSync(elsewhere);
    renameSync(path.join(dir, 'plan.json'), path.join(elsewhere, 'plan.json'));
    const lost = await runCli(['apply', path.join(elsewhere, 'plan.json'), '--yes'], { env, connect: seam().connect });
    expect(lost.code).toBe(1);
    expect(lost.stderr).toContain(`error: the plan's project file not found: ${path.join(elsewhere, 'procall-migrate.yaml')}\n`);
    expect(lost.stderr).toMatch(/^hint: .*pass --project FILE/m);
    const db = seam();
    const found = await runCli(['apply', path.join(elsewhere, 'plan.json'), '--project', path.join(dir, 'procall-migrate.yaml'), '--yes'], { env, connect: db.connect });
    expect(found.stderr).not.toMatch(/changed since|not found/);
    expect(db.writes).toContain('BEGIN TRANSACTION');
  });
});

describe('--out into a folder that does not exist yet', () => {
  const project = () => customerFolder('alpen-handel', '');
  const withTarget = () => path.join(customerFolder(), 'procall-migrate.yaml');
  const exports = Object.values(SAMPLES['alpen-handel'].exports).map((e) => path.join(REPO_ROOT, e.path));
  it.each([
    ['plan', (out: string) => ['plan', '-p', path.join(project(), 'procall-migrate.yaml'), '--out', out], 'plan.json'],
    ['script', (out: string) => ['script', '-p', path.join(project(), 'procall-migrate.yaml'), '--out', out], 'seed.sql'],
    ['report', (out: string) => ['report', '-p', path.join(project(), 'procall-migrate.yaml'), '--draft', '--out', out], 'report.html'],
    ['rollout', (out: string) => ['rollout', '-p', path.join(project(), 'procall-migrate.yaml'), '--out', path.join(out, 'rollout')], 'x'],
    ['init', (out: string) => ['init', ...exports, '--out', out], 'procall-migrate.yaml'],
    ['inspect', (out: string) => ['inspect', ...exports, '--out', out], 'inspect.json'],
    ['verify', (out: string) => ['verify', '-p', withTarget(), '--out', out], 'verify.txt'],
  ])('%s creates the missing folders', async (_cmd, argv, name) => {
    const out = path.join(tempDir('pm-out-'), 'no', 'such', 'folder', name);
    const r = await runCli(argv(out), { env, connect: seam().connect });
    expect(r.stderr).not.toMatch(/no such file or directory|this is a bug/);
    const written = name === 'x' ? path.join(out, 'rollout', 'README.md') : out;
    expect(existsSync(written)).toBe(true);
    expect(readdirSync(path.dirname(written)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('the format follows the file name unless --format says otherwise', () => {
  it.each([
    ['plan.json', [], (t: string) => JSON.parse(t).formatVersion === PLAN_FORMAT_VERSION],
    ['plan.md', [], (t: string) => t.startsWith('# Migration plan')],
    ['plan.txt', [], (t: string) => t.startsWith('Plan: ')],
    ['plan.out', ['--format', 'json'], (t: string) => JSON.parse(t).changes.length > 0],
    ['review.txt', ['--format', 'md'], (t: string) => t.startsWith('# Migration plan')],
  ])('plan --out %s %j', async (name, extra, check) => {
    const out = path.join(tempDir(), name);
    const r = await runCli(['plan', '-p', alpen, '--out', out, ...extra]);
    expect(r.code).toBe(0);
    expect(check(readFileSync(out, 'utf8'))).toBe(true);
    // stdout keeps the terminal view unless --format asks for another.
    expect(r.stdout.startsWith(extra.includes('md') ? '# Migration plan' : extra.includes('json') ? '{' : 'Plan: ')).toBe(true);
  });

  it('plan --out with an extension it does not write (x.docx, plan.out) is refused, nothing written', async () => {
    for (const name of ['plan.docx', 'plan.out']) {
      const out = path.join(tempDir(), name);
      const r = await runCli(['plan', '-p', alpen, '--out', out]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('--format');
      expect(existsSync(out)).toBe(false);
    }
  });

  it.each([
    ['report.md', [], /^# /],
    ['report.html', [], /^<!DOCTYPE html>/i],
    ['report.txt', ['--format', 'md'], /^# /],
  ])('report --out %s %j', async (name, extra, start) => {
    const out = path.join(tempDir(), name);
    const r = await runCli(['report', '-p', alpen, '--draft', '--out', out, ...extra]);
    expect(r.stderr).not.toContain('error:');
    expect(readFileSync(out, 'utf8')).toMatch(start);
  });

  it.each([
    ['plan --json --format markdown', ['plan', '-p', alpen, '--json', '--format', 'markdown'], /--json and --format markdown ask for two different formats/],
    ['report --out report.txt', ['report', '-p', alpen, '--out', 'report.txt'], /report\.txt: this command writes html, markdown, not text/],
    ['plan --out plan.html', ['plan', '-p', alpen, '--out', 'plan.html'], /plan\.html: this command writes text, json, markdown, not html/],
    ['plan --format yaml', ['plan', '-p', alpen, '--format', 'yaml'], /argument 'yaml' is invalid/],
    // A --format that contradicts the file name would write Markdown into plan.json.
    ['plan --format md --out plan.json', ['plan', '-p', alpen, '--format', 'md', '--out', 'plan.json'], /--format md contradicts --out plan\.json: \.json is for json, not markdown/],
    ['plan --json --out plan.md', ['plan', '-p', alpen, '--json', '--out', 'plan.md'], /--json contradicts --out plan\.md/],
    ['report --format md --out r.html', ['report', '-p', alpen, '--format', 'md', '--out', 'r.html'], /--format md contradicts --out r\.html: \.html is for html, not markdown/],
  ])('%s is a usage error before any import (exit 1)', async (_name, argv, message) => {
    const cwd = tempDir();
    const r = await runCli(argv, { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(message);
    expect(r.stderr).not.toContain('Import exports');
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('--no-target', () => {
  it.each([
    ['plan', (dir: string) => ['plan', '-p', 'procall-migrate.yaml', '--no-target', '--out', 'plan.json'], 'plan.json'],
    ['script', (dir: string) => ['script', '-p', 'procall-migrate.yaml', '--no-target', '--out', path.join(dir, 'seed.sql')], 'seed.sql'],
    ['report', (dir: string) => ['report', '-p', 'procall-migrate.yaml', '--no-target', '--draft', '--out', 'report.md'], 'report.md'],
  ])('%s plans against an empty database: never connects, never asks for the password', async (_cmd, argv, file) => {
    const dir = customerFolder();
    let connects = 0;
    let asked = 0;
    const r = await runCli(argv(dir), {
      cwd: dir,
      env: {},
      isTTY: true,
      ask: async () => {
        asked++;
        return 'typed';
      },
      connect: async () => {
        connects++;
        throw new Error('connected although --no-target');
      },
    });
    expect(r.stderr).not.toMatch(/error:/);
    expect({ connects, asked }).toEqual({ connects: 0, asked: 0 });
    expect(existsSync(path.join(dir, file))).toBe(true);
    if (file === 'plan.json') expect(JSON.parse(readFileSync(path.join(dir, file), 'utf8'))).toMatchObject({ targetFingerprint: 'empty' });
  });

  it('without it, a project with a target still needs the password', async () => {
    const dir = customerFolder();
    const r = await runCli(['plan', '-p', 'procall-migrate.yaml'], { cwd: dir, env: {} });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: no password for the target database/);
  });
});

describe('the DBA script says exactly what it needs', () => {
  it.each(['alpen-handel', 'kanzlei-huber'] as const)('%s: secrets and licences are listed variables; no secret value anywhere', async (sample) => {
    const dir = customerFolder(sample, '');
    const out = path.join(dir, 'dba', 'seed.sql');
    const r = await runCli(['script', '-p', 'procall-migrate.yaml', '--out', out], { cwd: dir });
    expect(r.code).toBe(0);
    const script = readFileSync(out, 'utf8');
    const licences = Object.values(SAMPLES[sample].exports).flatMap((e) => e.licenseKeys);
    for (const secret of [...ALL_SECRETS, ...licences]) {
      expect(script).not.toContain(secret);
      expect(r.stdout + r.stderr).not.toContain(secret);
    }
    const listed = [...r.stderr.matchAll(/^ {2}(PM_SECRET_\d+) +(.+)$/gm)].map((m) => [m[1], m[2]]);
    const used = new Set([...script.matchAll(/\$\((PM_SECRET_\d+)\)/g)].map((m) => m[1]));
    expect(listed.map(([name]) => name)).toEqual([...used]);
    for (const [name, what] of listed) expect(script).toContain(`--   ${name!.padEnd(14)} ${what}`);
    // Every licence key is a variable named by its mask; keys that end alike are told apart by kind, count and source.
    const licenceLines = listed.map(([, what]) => what!).filter((what) => what.startsWith('licence '));
    expect(new Set(licenceLines).size).toBe(licenceLines.length);
    for (const key of new Set(licences)) expect(licenceLines.some((what) => what.startsWith(`licence ${new LicenseKey(key).masked} (`))).toBe(true);
    expect(r.stderr).toMatch(/^run it with: sqlcmd .* -i .*seed\.sql -v PM_SECRET_1=<hex>/m);
  });

  it('kanzlei-huber (mssql user store): says how many credentials apply writes afterwards', async () => {
    const dir = customerFolder('kanzlei-huber', '');
    const r = await runCli(['script', '-p', 'procall-migrate.yaml', '--out', 'seed.sql'], { cwd: dir });
    const n = Number(/^(\d+) user credentials \(password hashes\) are not in the script: run `procall-migrate apply` or `procall-migrate migrate` afterwards/m.exec(r.stderr)?.[1]);
    expect(n).toBeGreaterThan(0);
    expect(readFileSync(path.join(dir, 'seed.sql'), 'utf8')).not.toContain('{PBKDF2}');
  });
});

describe('an interrupted write leaves no partial file', () => {
  it('a writer that fails half-way leaves neither the file nor a temporary one; an older file stays whole', async () => {
    const { writeOutput } = await import('../../src/cli/output-file.js');
    const dir = path.join(tempDir(), 'out');
    const file = path.join(dir, 'plan.json');
    const failing = async (sink: { write(c: string): Promise<void> }) => {
      await sink.write('{"formatVersion": 1, "changes": [');
      throw new Error('disk gone');
    };
    await expect(writeOutput(file, failing)).rejects.toThrow('disk gone');
    expect(readdirSync(dir)).toEqual([]);
    writeFileSync(file, 'the signed-off plan');
    await expect(writeOutput(file, failing)).rejects.toThrow('disk gone');
    expect(readdirSync(dir)).toEqual(['plan.json']);
    expect(readFileSync(file, 'utf8')).toBe('the signed-off plan');
  });

  it('Ctrl-C during a write removes the temporary file and says what was interrupted', async () => {
    const { writeOutput } = await import('../../src/cli/output-file.js');
    const { onInterrupt, setCommand, setStep } = await import('../../src/cli/interrupt.js');
    const dir = tempDir();
    const file = path.join(dir, 'plan.json');
    let release: () => void = () => {};
    let started: () => void = () => {};
    const writing = new Promise<void>((resolve) => (started = resolve));
    const pending = writeOutput(file, async (sink) => {
      await sink.write('{"partial": ');
      started();
      await new Promise<void>((resolve) => (release = resolve));
      throw new Error('the process would have exited here');
    });
    await writing;
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toHaveLength(1);
    setCommand('plan');
    setStep('Plan changes');
    let said = '';
    expect(onInterrupt({ write: (s: string) => (said += s) })).toBe(130);
    expect(said).toBe('interrupted: procall-migrate plan during "Plan changes"; nothing was written\n');
    expect(readdirSync(dir)).toEqual([]);
    setStep('Apply to target database');
    said = '';
    onInterrupt({ write: (s: string) => (said += s) });
    expect(said).toMatch(/^interrupted: procall-migrate plan during "Apply to target database"; the database transaction was rolled back \(never committed\); nothing was written\n$/);
    release();
    await expect(pending).rejects.toThrow();
    expect(existsSync(file)).toBe(false);
  });
});
