/**
 * What the consultant sees on the terminal: colour only where stdout is a coloured terminal,
 * `--limit`, progress on stderr (never stdout, nothing with --json), the JSON plan in the
 * contract's shape, and the refusals that must say what to decide.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectTerminal } from '../../src/cli/terminal.js';
import { renderDiagnostics } from '../../src/cli/render-diagnostics.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { SAMPLES } from '../samples/expected.js';
import { recordingSeam, runCli, sampleProjectWith, tempDir } from './helpers.js';

const alpen = SAMPLES['alpen-handel'].project;
const ANSI = '\u001b[';
const alpenUsers = Object.values(SAMPLES['alpen-handel'].exports).reduce((n, e) => n + e.counts.users, 0);

describe('colour', () => {
  it('plan text is coloured only when stdout is a colour terminal, and never with --no-color', async () => {
    const coloured = await runCli(['plan', '-p', alpen], { color: true });
    expect(coloured.stdout).toContain(`${ANSI}32m  + dc-ah-ber-01${ANSI}39m`);
    expect((await runCli(['plan', '-p', alpen])).stdout).not.toContain(ANSI);
    expect((await runCli(['plan', '-p', alpen, '--no-color'], { color: true })).stdout).not.toContain(ANSI);
    expect((await runCli(['plan', '-p', alpen, '--format', 'markdown'], { color: true })).stdout).not.toContain(ANSI);
  });

  it.each([
    ['a terminal', { stdout: { isTTY: true }, env: {} }, true],
    ['a pipe', { stdout: {}, env: {} }, false],
    ['NO_COLOR=1', { stdout: { isTTY: true }, env: { NO_COLOR: '1' } }, false],
    ['FORCE_COLOR=1 into a pipe', { stdout: {}, env: { FORCE_COLOR: '1' } }, true],
    ['TERM=dumb', { stdout: { isTTY: true }, env: { TERM: 'dumb' } }, false],
  ])('stdout on %s: colour %s', (_name, { stdout, env }, color) => {
    const term = { isTTY: true, columns: 120 };
    expect(detectTerminal({ stdin: term, stdout, stderr: term }, env).color).toBe(color);
  });

  it('progress is drawn only on a terminal of known width (width 0 would wrap every character)', () => {
    const tty = { isTTY: true, columns: 120 };
    expect(detectTerminal({ stdin: tty, stdout: tty, stderr: tty }, {}).isTTY).toBe(true);
    expect(detectTerminal({ stdin: tty, stdout: tty, stderr: { isTTY: true, columns: 0 } }, {}).isTTY).toBe(false);
    expect(detectTerminal({ stdin: {}, stdout: tty, stderr: tty }, {}).isTTY).toBe(false);
  });
});

describe('--limit', () => {
  it('shows N changes per table, or all; anything else is a one-line usage error', async () => {
    const two = await runCli(['plan', '-p', alpen, '--limit', '2']);
    const users = (text: string) => text.slice(text.indexOf('\ndc.UserAccount:'), text.indexOf('\ndc.UserMonitorLine:'));
    expect(users(two.stdout).match(/^ {2}\+ /gm)).toHaveLength(2);
    expect(users(two.stdout)).toContain(`… and ${alpenUsers - 2} more (--limit all shows every one)`);
    const all = await runCli(['plan', '-p', alpen, '--limit', 'all']);
    expect(users(all.stdout).match(/^ {2}\+ /gm)).toHaveLength(alpenUsers);
    const bad = await runCli(['plan', '-p', alpen, '--limit', 'some']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.split('\n')[0]).toBe(`error: option '--limit <n|all>' argument 'some' is invalid. expected a number of rows or "all", got "some"`);
  });

  it('many diagnostics of one code show the first ten and a count, so the plan stays on screen', () => {
    const many: Diagnostic[] = Array.from({ length: 25 }, (_, i) => ({
      code: 'MAP_USER_NO_LINE',
      severity: 'warning' as const,
      message: `user u${String(i).padStart(2, '0')} has no line`,
      source: 'ucs-01',
      file: 'users.xml',
      line: i + 1,
    }));
    const text = renderDiagnostics(many);
    expect(text.match(/MAP_USER_NO_LINE {2}user/g)).toHaveLength(10);
    expect(text).toContain('  … and 15 more MAP_USER_NO_LINE (the report lists every one)\n');
    expect(renderDiagnostics(many, 'all').match(/MAP_USER_NO_LINE {2}user/g)).toHaveLength(25);
  });
});

describe('streams', () => {
  it('without a terminal, progress is plain lines on stderr and stdout holds only the plan', async () => {
    const r = await runCli(['plan', '-p', alpen]);
    expect(r.stderr).toMatch(/^Import exports…\nMap to DataCenter…\nPlan changes…\n/);
    expect(r.stdout).toMatch(/^Plan: \d+ to add/);
    expect(r.stdout).not.toContain('Import exports');
  });

  it.each([
    ['plan --json', ['plan', '-p', alpen, '--json']],
    ['plan --format json --out', ['plan', '-p', alpen, '--format', 'json', '--detailed-exitcode']],
    ['inspect --json', ['inspect', ...Object.values(SAMPLES['alpen-handel'].exports).map((e) => e.path), '--json']],
    ['rollout --json', ['rollout', '-p', alpen, '--out', tempDir(), '--json']],
  ])('%s: stdout is one JSON document, stderr stays empty', async (_name, argv) => {
    const r = await runCli(argv);
    expect([0, 2]).toContain(r.code);
    expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
    expect(r.stderr).toBe('');
  });
});

describe('the JSON plan', () => {
  it('carries what the contract lists: versions, digests of every source file and the project, target, diagnostics, summary, changes', async () => {
    const r = await runCli(['plan', '-p', alpen, '--json']);
    const plan = JSON.parse(r.stdout) as Record<string, any>;
    expect(plan).toMatchObject({ formatVersion: 2, toolVersion: expect.stringMatching(/^\d+\.\d+\.\d+/), targetFingerprint: 'empty' });
    expect(plan.project.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.sources).toHaveLength(3);
    for (const source of plan.sources) {
      expect(source.files.length).toBeGreaterThan(3);
      for (const f of source.files) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    const located = plan.diagnostics.find((d: any) => d.code === 'MAP_SETTING_UNCLASSIFIED');
    expect(located).toMatchObject({ severity: 'warning', message: expect.any(String), file: 'config/ucserver.xml', line: expect.any(Number) });
    expect(plan.summary['dc.UserAccount']).toEqual({ create: alpenUsers, update: 0, delete: 0 });
    const user = plan.changes.find((c: any) => c.table === 'dc.UserAccount');
    expect(user).toMatchObject({ action: 'create', key: { UserName: expect.any(String) }, after: { HomeServer: expect.stringMatching(/^dc-ah-/) } });
    const secret = plan.changes.find((c: any) => c.table === 'dc.Setting' && c.after.Type === 'secret');
    expect(secret.after.Value).toBe('(sensitive)');
    for (const lic of plan.changes.filter((c: any) => c.table === 'dc.License')) expect(lic.key.LicenseKey).toMatch(/^…\w{4}$/);
  });
});

describe('refusals say what to decide', () => {
  it('kanzlei-huber without userStore: exit 3, names userStore mssql or ad, nothing written', async () => {
    const project = sampleProjectWith('kanzlei-huber', '');
    writeFileSync(project, readFileSync(project, 'utf8').replace(/^userStore: .*$/m, ''));
    const r = await runCli(['plan', '-p', project]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error {2}IMPORT_FILE_BASED_USER_MANAGEMENT {2}.*file-based/);
    expect(r.stderr).toContain('hint: set `userStore: mssql` (or `ad`) in the project file');
    expect(r.stderr).toMatch(/refused: .*nothing was written\n$/);
  });

  it('a target password that is not set stops before the import, naming the variable', async () => {
    const project = sampleProjectWith('alpen-handel', 'target:\n  server: sql01.example\n  database: ProCallDC\n  user: migrator\n  passwordEnv: PM_UNSET_PASSWORD');
    const seam = recordingSeam();
    const r = await runCli(['plan', '-p', project], { connect: async () => seam.db });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: no password for the target database sql01.example/ProCallDC: PM_UNSET_PASSWORD is not set\n' +
        'hint: set PM_UNSET_PASSWORD in the environment (or run on a terminal to be asked); passwords never come from the project file or the command line\n',
    );
    expect(seam.statements).toEqual([]);
  });

  it('inspect of an export that cannot go to DataCenter ends with a refusal line (exit 3)', async () => {
    const r = await runCli(['inspect', SAMPLES['kanzlei-huber'].exports['ucs-kanzlei.zip']!.path]);
    expect(r.code).toBe(3);
    expect(r.stdout).not.toMatch(/ +$/m);
    expect(r.stderr).toMatch(/^refused: an input cannot go to DataCenter as it is/m);
  });
});
