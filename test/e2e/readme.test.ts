/**
 * Runs every ```sh block of README.md with the BUILT CLI, in a copy of samples/, so the
 * walkthrough cannot drift from the tool. The Quick start block is checked, not re-run (it is
 * `npm ci` and `npm test` themselves). Blocks that need SQL Server run only with MSSQL_URL.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConnectionString } from '../../src/writers/mssql/connection-string.js';
import { ALL_EXPORTS, REPO_ROOT } from '../samples/expected.js';
import { tempDir } from '../cli/helpers.js';

const README = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const MAIN = path.join(REPO_ROOT, 'dist', 'cli', 'main.js');
const shBlocks = (text: string) => [...text.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
/** The text of one `## ` section. */
function section(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README has no section "${title}"`);
  const end = README.indexOf('\n## ', start + 4);
  return README.slice(start, end < 0 ? undefined : end);
}
const quickStart = shBlocks(section('Quick start'))[0] ?? '';
// The walkthrough's blocks; the database-test section's blocks (docker, exports) are not the tool's.
const blocks = shBlocks(section("A consultant's walkthrough"));
const needsDb = (b: string) => b.startsWith('# needs SQL Server');
const walkthrough = blocks.filter((b) => !needsDb(b));
const dbBlocks = blocks.filter(needsDb);
const MSSQL_URL = process.env.MSSQL_URL;

function runBlock(cwd: string, block: string, env: Record<string, string> = {}) {
  const script = `set -euo pipefail\nprocall-migrate() { node ${JSON.stringify(MAIN)} "$@"; }\n${block}`;
  return spawnSync('bash', ['--noprofile', '--norc', '-c', script], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
}

function sandbox(): string {
  const dir = tempDir('pm-readme-');
  cpSync(path.join(REPO_ROOT, 'samples'), path.join(dir, 'samples'), { recursive: true });
  return dir;
}

describe('README', () => {
  it('Quick start is exactly two commands: install + demo, and npm test', () => {
    expect(README.match(/^## .*$/m)?.[0]).toBe('## Quick start');
    expect(shBlocks(section('Quick start'))).toHaveLength(1);
    expect(quickStart.trim().split('\n')).toEqual(['npm ci && npm run demo', 'npm test']);
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.demo).toMatch(/node dist\/cli\/main\.js plan -p samples\//);
  });

  it('shows every command of the contract in the walkthrough', () => {
    for (const cmd of ['inspect', 'init', 'plan', 'report', 'script', 'migrate', 'verify', 'apply', 'rollout']) {
      expect(blocks.join('\n')).toMatch(new RegExp(`procall-migrate ${cmd} `));
    }
  });

  it('every walkthrough command runs on the samples, in order, and writes what the text says', () => {
    expect(walkthrough.length).toBeGreaterThanOrEqual(6);
    const dir = sandbox();
    for (const block of walkthrough) {
      const r = runBlock(dir, block);
      expect({ block, code: r.status, stderr: r.status === 0 ? '' : r.stderr }).toEqual({ block, code: 0, stderr: '' });
    }
    for (const f of ['inspect.json', 'my-project.yaml', 'plan.md', 'plan.json', 'report.html', 'report.md', 'seed.sql', 'rollout/ctiserver.txt', 'rollout/procall-client.reg', 'rollout/dns-srv.zone', 'rollout/README.md']) {
      expect(existsSync(path.join(dir, f)), f).toBe(true);
    }
    const secrets = [...new Set(ALL_EXPORTS.flatMap((e) => [...e.secrets, ...e.licenseKeys]))];
    const written = [...readdirSync(dir), ...readdirSync(path.join(dir, 'rollout')).map((f) => `rollout/${f}`)].filter((f) => f !== 'samples' && f !== 'rollout');
    for (const f of written) {
      const raw = readFileSync(path.join(dir, f));
      for (const s of secrets) expect(raw.toString('utf8').includes(s) || raw.toString('utf16le').includes(s), `${s} in ${f}`).toBe(false);
    }
  });

  it.skipIf(!MSSQL_URL)('the SQL Server steps run against a fresh database (MSSQL_URL)', async () => {
    const { createTestDatabase } = await import('../db/helpers.js');
    const test = await createTestDatabase();
    try {
      const dir = sandbox();
      const s = parseConnectionString(MSSQL_URL!);
      const project = readFileSync(path.join(dir, 'samples/alpen-handel/procall-migrate.yaml'), 'utf8').replace(
        /^(\s*-\s+)exports\//gm,
        '$1samples/alpen-handel/exports/',
      );
      const target = [
        'target:',
        `  server: ${JSON.stringify(s.server)}`,
        ...(s.port ? [`  port: ${s.port}`] : []),
        `  database: ${test.name}`,
        '  authentication: sql',
        `  user: ${JSON.stringify(s.user ?? 'sa')}`,
        '  passwordEnv: PROCALL_SQL_PASSWORD',
        `  encrypt: ${s.encrypt}`,
        `  trustServerCertificate: ${s.trustServerCertificate}`,
      ].join('\n');
      writeFileSync(path.join(dir, 'my-project.yaml'), `${project}\n${target}\n`);
      for (const block of dbBlocks) {
        const r = runBlock(dir, block, { PROCALL_SQL_PASSWORD: s.password?.reveal() ?? '' });
        expect({ code: r.status, stderr: r.status === 0 ? '' : r.stderr }).toEqual({ code: 0, stderr: '' });
      }
    } finally {
      await test.drop();
    }
  });
});

if (!MSSQL_URL) console.warn(`README: ${dbBlocks.length} SQL Server block(s) skipped (set MSSQL_URL to run them)`);
