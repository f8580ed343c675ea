/** `preflight -p FILE [--json]` through the CLI, against a real Redis where one is installed. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePreflight } from '../../src/report/preflight.js';
import { runCli } from '../cli/helpers.js';
import { REDIS_SERVER, freePort, startRedis, stopAll, tempDir, type Running } from './redis-harness.js';

const PASSWORD = 'Cli-Redis-S3cret';

function projectFile(redis: string): string {
  const dir = tempDir('pm-preflight-cli-');
  const file = path.join(dir, 'procall-migrate.yaml');
  writeFileSync(
    file,
    ['name: Preflight test', 'sources: [exports/ucs1.zip]', 'userStore: mssql', 'servers:', '  - { name: UC01, fqdn: localhost }', redis, ''].join('\n'),
  );
  return file;
}

describe('preflight (CLI)', () => {
  afterAll(stopAll);

  it('without target: and redis: the SQL and Redis checks are skipped, localhost resolves, exit 0', async () => {
    const r = await runCli(['preflight', '-p', projectFile(''), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { checks: { area: string; name: string; result: string; message: string }[] };
    expect(Object.keys(out)).toEqual(['checks']);
    expect(out.checks.map((c) => [c.area, c.name, c.result])).toEqual([
      ['sql', 'target', 'skip'],
      ['redis', 'redis', 'skip'],
      ['names', 'localhost', 'pass'],
      ['share', 'content sharing', 'skip'],
    ]);
    for (const c of out.checks) expect(Object.keys(c)).toEqual(['area', 'name', 'result', 'message', 'code', 'params']);
    expect(out.checks.map((c) => (c as { code?: string }).code)).toEqual(['PREFLIGHT_SQL_NO_TARGET', 'PREFLIGHT_REDIS_NOT_CONFIGURED', 'PREFLIGHT_NAMES_RESOLVED', 'PREFLIGHT_SHARE_NOT_NAMED']);
    // What preflight writes, `report --preflight` reads.
    expect(parsePreflight(r.stdout)).toEqual({ ok: true, value: out });
    // --json: nothing but the JSON, no progress lines.
    expect(r.stderr).toBe('');
  });

  it('--out writes the JSON for `report --preflight` into a new folder, and says so', async () => {
    const file = path.join(tempDir('pm-preflight-out-'), 'nested', 'preflight.json');
    const r = await runCli(['preflight', '-p', projectFile(''), '--out', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('wrote');
    const parsed = parsePreflight(readFileSync(file, 'utf8'));
    expect(parsed.ok && parsed.value.checks.map((c) => c.area)).toEqual(['sql', 'redis', 'names', 'share']);
  });

  it('text mode: one line per check on stdout, progress lines on stderr', async () => {
    const r = await runCli(['preflight', '-p', projectFile('')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^SKIP  sql: target: The project has no target: section/m);
    expect(r.stdout).toMatch(/1 passed, 0 warnings, 0 failed, 3 skipped\n$/);
    expect(r.stderr).toContain('Check the SQL Server…');
  });

  it('--help shows a worked example', async () => {
    const r = await runCli(['preflight', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\s+\$ .*procall-migrate preflight -p \S+/m);
  });

  it('an invalid redis: section is refused like any project error (exit 3)', async () => {
    const r = await runCli(['preflight', '-p', projectFile('redis:\n  mode: cluster')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/redis\.mode/);
  });

  describe.skipIf(!REDIS_SERVER)('with a real Redis', () => {
    let redis: Running;
    beforeAll(async () => {
      redis = await startRedis(PASSWORD);
    });
    afterAll(stopAll);

    const redisSection = (port: number) => `redis:\n  mode: server\n  host: 127.0.0.1\n  port: ${port}\n  passwordEnv: PM_REDIS_PW`;

    it('the right password: exit 0, the password nowhere in the output', async () => {
      const r = await runCli(['preflight', '-p', projectFile(redisSection(redis.port)), '--json'], { env: { PM_REDIS_PW: PASSWORD } });
      expect(r.code).toBe(0);
      const checks = (JSON.parse(r.stdout) as { checks: { name: string; result: string }[] }).checks;
      expect(checks.find((c) => c.name === 'auth')?.result).toBe('pass');
      expect(r.stdout + r.stderr).not.toContain(PASSWORD);
    });

    it('a wrong password: exit 3, the AUTH line names the variable and not the password', async () => {
      const wrong = 'Cli-Wrong-Pw-123';
      const r = await runCli(['preflight', '-p', projectFile(redisSection(redis.port))], { env: { PM_REDIS_PW: wrong } });
      expect(r.code).toBe(3);
      expect(r.stdout).toMatch(/^FAIL  redis: auth: .*refused the password from PM_REDIS_PW/m);
      expect(r.stdout + r.stderr).not.toContain(wrong);
    });

    it('on a terminal an unset passwordEnv is asked for (hidden) and used', async () => {
      const questions: { q: string; secret: boolean | undefined }[] = [];
      const ask = async (q: string, o?: { secret?: boolean }) => {
        questions.push({ q, secret: o?.secret });
        return PASSWORD;
      };
      const r = await runCli(['preflight', '-p', projectFile(redisSection(redis.port)), '--json'], { isTTY: true, ask });
      expect(questions).toEqual([{ q: expect.stringContaining('PM_REDIS_PW is not set'), secret: true }]);
      expect(r.code).toBe(0);
      expect(r.stdout + r.stderr).not.toContain(PASSWORD);
    });

    it('Redis down: exit 3 with connection refused', async () => {
      const r = await runCli(['preflight', '-p', projectFile(redisSection(await freePort())), '--json', '--timeout', '2'], { env: { PM_REDIS_PW: PASSWORD } });
      expect(r.code).toBe(3);
      expect(r.stdout).toMatch(/connection refused/);
    });
  });
});
