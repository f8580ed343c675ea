import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, SAMPLES } from '../samples/expected.js';
import { LicenseKey, Sensitive } from '../../src/model/sensitive.js';
import { desiredOf } from '../plan/sample-plan.js';
import { recordingSeam, runCli, sampleProjectWith, tempDir, TEST_TARGET, TEST_TARGET_ENV } from './helpers.js';

const COMMANDS = ['init', 'inspect', 'plan', 'migrate', 'apply', 'script', 'report', 'rollout', 'verify'];
const STACK = /^\s+at .+\(?.*:\d+:\d+\)?$/m;
const alpen = SAMPLES['alpen-handel'].project;
const alpenExports = Object.values(SAMPLES['alpen-handel'].exports).map((e) => e.path);

const TARGET = TEST_TARGET;

describe('help and version', () => {
  it.each(COMMANDS)('%s --help shows a worked example and exits 0', async (cmd) => {
    const r = await runCli([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: procall-migrate ${cmd}`);
    const example = r.stdout.slice(r.stdout.indexOf('\nExample:\n'));
    expect(example).toMatch(new RegExp(`^\\s+\\$ .*procall-migrate ${cmd} \\S`, 'm'));
  });

  it('the top-level help lists every command of the contract', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^\\s+${cmd}\\b`, 'm'));
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await runCli(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });
});

describe('the error boundary', () => {
  it('an unknown flag is one line plus a hint, exit 1, no stack', async () => {
    const r = await runCli(['plan', '-p', alpen, '--nope']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe("error: unknown option '--nope'");
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('an unknown command is a usage error, exit 1', async () => {
    const r = await runCli(['plna']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: unknown command 'plna'/);
  });

  it('a missing project file is one line, exit 1, no stack', async () => {
    const r = await runCli(['plan', '-p', 'no/such/procall-migrate.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('error: project file not found: no/such/procall-migrate.yaml');
    expect(r.stderr).not.toMatch(STACK);
  });

  it('a missing export for inspect is one line, exit 1', async () => {
    const r = await runCli(['inspect', 'nowhere.zip']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: export not found: nowhere\.zip\n/);
  });

  it('with --json an error is {status:"error", code, message} on stdout', async () => {
    const r = await runCli(['inspect', 'nowhere.zip', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'error', code: 'CLI_FILE_NOT_FOUND', message: 'export not found: nowhere.zip' });
    expect(r.stderr).toBe('');
  });

  it('an unexpected error says "this is a bug", stack only with --debug', async () => {
    const project = sampleProjectWith('alpen-handel', TARGET);
    const connect = async () => {
      throw new TypeError('boom inside the seam');
    };
    const plain = await runCli(['plan', '-p', project], { env: { PM_TEST_SQL_PASSWORD: 'x' }, connect });
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('error: this is a bug in procall-migrate: boom inside the seam');
    expect(plain.stderr).not.toMatch(STACK);
    const debug = await runCli(['plan', '-p', project, '--debug'], { env: { PM_TEST_SQL_PASSWORD: 'x' }, connect });
    expect(debug.stderr).toMatch(STACK);
  });
});

describe('migrate --dry-run', () => {
  it('reads the target through the seam and sends no write statement', async () => {
    const project = sampleProjectWith('alpen-handel', TARGET);
    const seam = recordingSeam();
    const r = await runCli(['migrate', '-p', project, '--dry-run'], { env: { PM_TEST_SQL_PASSWORD: 'x' }, connect: async () => seam.db });
    expect(r.stderr).not.toContain('this is a bug');
    expect(r.code).toBe(0);
    expect(seam.statements.length).toBeGreaterThan(0);
    expect(seam.writes).toEqual([]);
    expect(seam.closed()).toBe(true);
    // A summary by default; the change list only with --limit/--explain.
    expect(r.stdout).toMatch(/^Plan: \d+ to add/m);
    expect(r.stdout).toContain('The change list: --limit N (or all) or --explain.');
    expect(r.stderr).toContain('dry run: nothing was written');
  });

  it('without --yes and without a terminal nothing is applied (exit 1, no write)', async () => {
    const project = sampleProjectWith('alpen-handel', TARGET);
    const seam = recordingSeam();
    const r = await runCli(['migrate', '-p', project], { env: { PM_TEST_SQL_PASSWORD: 'x' }, connect: async () => seam.db });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: not a terminal');
    expect(seam.writes).toEqual([]);
  });

  it('refuses to apply when a planned row belongs to another migration wave (exit 3, no write)', async () => {
    const project = sampleProjectWith('alpen-handel', TARGET);
    const { model } = await desiredOf('alpen-handel');
    const user = model.UserAccount[0]!;
    // An earlier wave (another source) already seeded this user name with other values.
    const seam = recordingSeam({
      UserAccount: [{ ...user, Credential: null, DisplayName: 'Someone Else', Origin: 'ucs-old-01.example' }],
    });
    const r = await runCli(['migrate', '-p', project, '--yes'], { env: { PM_TEST_SQL_PASSWORD: 'x' }, connect: async () => seam.db });
    expect(r.stderr).toContain('PLAN_ORIGIN_CONFLICT');
    expect(r.stderr).toContain('refused: the plan has errors');
    expect(r.code).toBe(3);
    expect(seam.writes).toEqual([]);
  });

  it('refuses migrate without a target before reading anything', async () => {
    const r = await runCli(['migrate', '-p', alpen, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: the project names no target database to migrate into \(no `target:` section\); nothing was written\n/);
    expect(r.stderr).not.toContain('Import exports');
  });
});

describe('inspect', () => {
  it('exit 0 for exports that can be migrated; --json prints { exports: [...] }', async () => {
    const r = await runCli(['inspect', ...alpenExports, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { exports: { server: string; counts: { users: number } }[] };
    expect(doc.exports.map((e) => e.server)).toEqual(Object.values(SAMPLES['alpen-handel'].exports).map((e) => e.server));
    expect(doc.exports[0]!.counts.users).toBe(Object.values(SAMPLES['alpen-handel'].exports)[0]!.counts.users);
  });

  it('exit 3 when an export is refused (file-based user management)', async () => {
    const r = await runCli(['inspect', SAMPLES['kanzlei-huber'].exports['ucs-kanzlei.zip']!.path]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('user management  integrated');
    expect(r.stdout).toMatch(/error\s+\S+\s+.*usermanager\.mode|usermanager\.mode/);
  });
});

describe('plan exit codes', () => {
  it('0 without --detailed-exitcode, 2 with it when there are changes', async () => {
    expect((await runCli(['plan', '-p', alpen])).code).toBe(0);
    const detailed = await runCli(['plan', '-p', alpen, '--detailed-exitcode', '--format', 'json']);
    expect(detailed.code).toBe(2);
    expect(JSON.parse(detailed.stdout)).toMatchObject({ formatVersion: 2 });
  });

  it('3 when the project is invalid, with the path of the problem', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'bad.yaml');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'name: x\nsources: [a.zip]\nservers:\n  - name: a\n    fqdn: a.example\n    maxUsers: -1\n');
    const r = await runCli(['plan', '-p', file]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('servers[0].maxUsers');
    expect(r.stderr).toContain('nothing was written');
  });
});

describe('apply and verify through the seam', () => {
  it('apply refuses a plan whose project changed since (exit 3), nothing written', async () => {
    const project = sampleProjectWith('alpen-handel', TARGET);
    const dir = path.dirname(project);
    const seam = recordingSeam();
    const io = { env: { PM_TEST_SQL_PASSWORD: 'x' }, connect: async () => seam.db, cwd: dir };
    const planned = await runCli(['plan', '-p', project, '--out', 'plan.json'], io);
    expect(planned.code).toBe(0);
    const { appendFileSync } = await import('node:fs');
    appendFileSync(project, '# edited after sign-off\n');
    const r = await runCli(['apply', 'plan.json', '--yes'], io);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error: The project file .* changed since the plan was made\. Nothing was written\.\nhint: /m);
    expect(seam.writes).toEqual([]);
  });

  it('apply refuses a plan whose target changed since (stale), says how to re-plan, writes nothing', async () => {
    const project = sampleProjectWith('alpen-handel', TARGET);
    const dir = path.dirname(project);
    const env = TEST_TARGET_ENV;
    const planned = await runCli(['plan', '-p', project, '--out', 'plan.json'], { env, cwd: dir, connect: async () => recordingSeam().db });
    expect(planned.code).toBe(0);
    // Someone seeded a server into the target after the plan was signed off.
    const changed = recordingSeam({ Server: [{ Name: 'dc-other-01', Fqdn: 'dc-other-01.example', Role: 'ucserver', Site: null, MaxUsers: null, Origin: 'other' }] });
    const r = await runCli(['apply', 'plan.json', '--yes'], { env, cwd: dir, connect: async () => changed.db });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error: The target database changed since the plan was made \(fingerprint empty then, [0-9a-f]{12}… now\)\. Nothing was written\.\n/m);
    expect(r.stderr).toContain(`hint: Run \`procall-migrate plan -p ${project} --out plan.json\` again and have it signed off again.`);
    expect(changed.statements.some((sql) => sql.includes('[dc].[Server]'))).toBe(true);
    expect(changed.writes).toEqual([]);
  });

  it('plan --detailed-exitcode: 0 and "No changes" when the target already holds the plan, 2 when it holds part of it', async () => {
    const project = sampleProjectWith('alpen-handel', TARGET);
    const env = TEST_TARGET_ENV;
    const { model } = await desiredOf('alpen-handel');
    // The rows as SQL Server returns them: secrets and licence keys in clear, as only the database holds them.
    const tables = Object.fromEntries(
      Object.entries(model).map(([table, rows]) => [
        table,
        (rows as Record<string, unknown>[]).map((row) =>
          Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Sensitive || v instanceof LicenseKey ? v.reveal() : v])),
        ),
      ]),
    );
    const same = await runCli(['plan', '-p', project, '--detailed-exitcode'], { env, connect: async () => recordingSeam(tables).db });
    expect({ code: same.code, stdout: same.stdout.split('\n')[0] }).toEqual({ code: 0, stdout: 'No changes. The target already matches the exports and the project.' });
    const part = await runCli(['plan', '-p', project, '--detailed-exitcode'], { env, connect: async () => recordingSeam({ ...tables, UserAccount: [] }).db });
    expect(part.code).toBe(2);
    expect(part.stdout).toMatch(/^Plan: \d+ to add, 0 to change, 0 to remove\.\n/);
  });

  it('apply of a plan whose project names no database stops before importing, exit 1', async () => {
    const dir = tempDir();
    expect((await runCli(['plan', '-p', alpen, '--out', path.join(dir, 'plan.json')])).code).toBe(0);
    const r = await runCli(['apply', path.join(dir, 'plan.json'), '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: the plan's project names no target database \(no `target:` section\); nothing was written\nhint: /m);
  });

  it('apply of a missing plan file is one line, exit 1', async () => {
    const r = await runCli(['apply', 'no-such-plan.json']);
    expect(r).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: plan file not found: no-such-plan\.json\n/) });
  });

  it('verify prints each invariant pass/fail and exits 1 when one fails (an empty database has no Environment)', async () => {
    const project = sampleProjectWith('alpen-handel', TARGET);
    const seam = recordingSeam();
    const r = await runCli(['verify', '-p', project], { env: { PM_TEST_SQL_PASSWORD: 'x' }, connect: async () => seam.db });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL {2}user-store-not-file-based {2}/m);
    expect(r.stdout).toMatch(/^pass {2}home-server-is-ucserver {2}/m);
    expect(r.stdout).toMatch(/invariants fail\n$/);
    expect(seam.writes).toEqual([]);
    const json = await runCli(['verify', '-p', project, '--json'], { env: { PM_TEST_SQL_PASSWORD: 'x' }, connect: async () => recordingSeam().db });
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'failed', invariants: expect.arrayContaining([expect.objectContaining({ id: 'user-store-not-file-based', ok: false })]) });
  });

  it('verify without a target is a plain error', async () => {
    const r = await runCli(['verify', '-p', alpen]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: the project names no target database to verify \(no `target:` section\)\n/);
  });
});
