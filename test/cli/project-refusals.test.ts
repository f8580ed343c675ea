/**
 * Issue 9 through the CLI: a hostile project file ends `plan` and `rollout` with exit 3, its
 * PROJECT_* code and line, nothing written and no stack trace or "this is a bug".
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordingSeam, runCli, sampleProjectWith, tempDir } from './helpers.js';

const BASE = 'name: T\nsources: [exports/a]\nservers:\n  - name: dc-01\n    fqdn: dc-01.corp.example\n';

function project(content: string | Buffer): string {
  const file = path.join(tempDir('pm-cli-hostile-'), 'procall-migrate.yaml');
  writeFileSync(file, content);
  return file;
}

function fifo(): string {
  const file = path.join(tempDir('pm-cli-fifo-'), 'procall-migrate.yaml');
  execFileSync('mkfifo', [file]);
  return file;
}

describe('plan and rollout on a hostile project file', () => {
  it.each([
    ['an alias bomb', () => project(`${BASE}a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n`), /PROJECT_ALIAS/],
    ['an undefined alias', () => project(`${BASE}homeServers:\n  balance: *nowhere\n`), /:7:\d+ {2}error {2}PROJECT_ALIAS/],
    ['a circular alias', () => project(`${BASE}x: &x [*x]\n`), /:6:\d+ {2}error {2}PROJECT_ALIAS/],
    ['Windows-1252', () => project(Buffer.concat([Buffer.from(`${BASE}    site: M`), Buffer.from([0xfc]), Buffer.from('nchen\n')])), /:6:\d+ {2}error {2}PROJECT_FILE_ENCODING/],
    ['a FIFO', fifo, /PROJECT_FILE_UNREADABLE {2}the project file is a FIFO \(named pipe\), not a regular file/],
    ['__proto__ as a setting key', () => project(`${BASE}settings:\n  global:\n    __proto__: 1\n`), /:8:\d+ {2}error {2}PROJECT_RESERVED_NAME/],
  ])('%s: exit 3 with a plain diagnostic', { timeout: 60_000 }, async (_what, make, expected) => {
    const file = make();
    for (const argv of [['plan', '-p', file], ['rollout', '-p', file, '--out', path.join(path.dirname(file), 'rollout')]]) {
      const r = await runCli(argv);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(expected);
      expect(r.stderr).not.toMatch(/this is a bug|\n\s+at /);
      expect(existsSync(path.join(path.dirname(file), 'rollout'))).toBe(false);
    }
  });
});

/** Müller Logistik with the AD bind password taken from the environment, as the README recommends, and a target. */
function withEnvSecret(): string {
  const file = sampleProjectWith('mueller-logistik', 'target:\n  server: sql01.example\n  database: ProCallDC\n  authentication: sql\n  user: migrator\n  passwordEnv: PROCALL_SQL_PASSWORD\n');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^settings:\n/m, 'settings:\n  global:\n    usermanager.ad.bindPassword: { env: AD_BIND_PW }\n'));
  return file;
}

describe('a secret setting whose environment variable is not set', () => {
  it('plan, script, report and rollout go on with a warning naming the variable; the script still asks the DBA for it', { timeout: 120_000 }, async () => {
    const file = withEnvSecret();
    const dir = path.dirname(file);
    const env = { PROCALL_SQL_PASSWORD: 'x' };
    const plan = await runCli(['plan', '-p', file, '--no-target'], { env });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stderr).toMatch(/warning {2}PROJECT_SETTING_ENV_UNSET {2}settings\.global\["usermanager\.ad\.bindPassword"\]: environment variable AD_BIND_PW is not set: apply\/migrate will need it/);
    expect(plan.stderr).not.toContain('MAP_PROJECT_SETTING_UNSET');
    const script = await runCli(['script', '-p', file, '--no-target', '--out', path.join(dir, 'seed.sql')], { env });
    expect(script.code, script.stderr).toBe(0);
    const sql = readFileSync(path.join(dir, 'seed.sql'), 'utf8');
    expect(sql).toMatch(/PM_SECRET_\d+\W+usermanager\.ad\.bindPassword of global/);
    expect(sql).not.toContain('unset-environment-variable');
    for (const argv of [['report', '-p', file, '--out', path.join(dir, 'report.md')], ['rollout', '-p', file, '--out', path.join(dir, 'rollout')]]) {
      const r = await runCli(argv, { env });
      expect(r.code, `${argv[0]}: ${r.stderr}`).toBe(0);
    }
  });

  it('migrate refuses before connecting, exit 3, naming the variable', { timeout: 60_000 }, async () => {
    const file = withEnvSecret();
    let connected = 0;
    const connect = async () => {
      connected++;
      return recordingSeam().db;
    };
    const r = await runCli(['migrate', '-p', file, '--yes'], { env: { PROCALL_SQL_PASSWORD: 'x' }, connect });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/error {2}PROJECT_SETTING_ENV_UNSET {2}settings\.global\["usermanager\.ad\.bindPassword"\]: environment variable AD_BIND_PW is not set; this command writes the secret/);
    expect(connected).toBe(0);
    // With the variable set, the same project gets as far as the database.
    await runCli(['migrate', '-p', file, '--yes'], { env: { PROCALL_SQL_PASSWORD: 'x', AD_BIND_PW: 'secret-pw' }, connect });
    expect(connected).toBe(1);
  });
});
