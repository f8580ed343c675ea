/**
 * `apply` at the jump host (walkthrough findings): a project that moved on its own still finds
 * the exports where the plan says, and a changed project or export is refused before connecting.
 */
import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MigrateError } from '../../src/model/errors.js';
import { REPO_ROOT } from '../samples/expected.js';
import { recordingSeam, runCli, tempDir } from './helpers.js';

const TARGET = `target:
  server: 127.0.0.1
  database: ProCallDC
  authentication: sql
  user: migrator
  passwordEnv: PM_TEST_SQL_PASSWORD`;
const env = { PM_TEST_SQL_PASSWORD: 'x' };

/** The laptop's folder (project with a target, exports) with a saved plan.json in it. */
async function plannedFolder(): Promise<string> {
  const dir = path.join(tempDir('pm-apply-'), 'customer');
  cpSync(path.join(REPO_ROOT, 'samples', 'alpen-handel'), dir, { recursive: true });
  appendFileSync(path.join(dir, 'procall-migrate.yaml'), `\n${TARGET}\n`);
  const seam = recordingSeam();
  const r = await runCli(['plan', '-p', 'procall-migrate.yaml', '--out', 'plan.json'], { cwd: dir, env, connect: async () => seam.db });
  expect(r.code).toBe(0);
  return dir;
}

function countingSeam() {
  const s = recordingSeam();
  let connects = 0;
  return { connect: async () => (connects++, s.db), connects: () => connects, writes: s.writes };
}

/** A database that cannot be reached (the jump host before the firewall is opened). */
function unreachable() {
  let connects = 0;
  return {
    connect: async () => {
      connects++;
      throw new MigrateError('DB_CONNECT_FAILED', 'cannot connect to 127.0.0.1:1433/ProCallDC: connection refused (is SQL Server running there and is TCP/IP enabled?)');
    },
    connects: () => connects,
  };
}

describe('apply PLAN --project FILE: a project that moved on its own', () => {
  it('finds the exports relative to the plan file and says so', async () => {
    const laptop = await plannedFolder();
    const jump = tempDir('pm-jump2-');
    cpSync(laptop, path.join(jump, 'moved'), { recursive: true });
    mkdirSync(path.join(jump, 'elsewhere'));
    cpSync(path.join(laptop, 'procall-migrate.yaml'), path.join(jump, 'elsewhere', 'p.yaml'));
    rmSync(laptop, { recursive: true, force: true });
    const db = countingSeam();
    const r = await runCli(['apply', 'moved/plan.json', '--project', 'elsewhere/p.yaml', '--yes'], { cwd: jump, env, connect: db.connect });
    expect(r.stderr).not.toMatch(/IMPORT_INPUT_NOT_FOUND|not found|changed since/);
    expect(r.stderr).toContain(`using the plan's, relative to ${path.join(jump, 'moved')}:`);
    expect(r.stderr).toContain(`  ${path.join(jump, 'moved', 'exports', 'ucs-ber-01.alpen-handel.de')}\n`);
    // The recording seam refuses the write transaction: reaching it is reaching the database stage.
    expect(db.writes).toContain('BEGIN TRANSACTION');
  });

  it('still refuses a changed export found through the plan', async () => {
    const laptop = await plannedFolder();
    const jump = tempDir('pm-jump2-');
    cpSync(laptop, path.join(jump, 'moved'), { recursive: true });
    cpSync(path.join(laptop, 'procall-migrate.yaml'), path.join(jump, 'p.yaml'));
    rmSync(laptop, { recursive: true, force: true });
    appendFileSync(path.join(jump, 'moved', 'exports', 'ucs-muc-01.alpen-handel.de', 'users.xml'), '\n<!-- edited -->\n');
    const db = countingSeam();
    const r = await runCli(['apply', 'moved/plan.json', '--project', 'p.yaml', '--yes'], { cwd: jump, env, connect: db.connect });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error: Source exports changed since the plan was made: ucs-muc-01\.alpen-handel\.de:users\.xml \(changed\)\. Nothing was written\.$/m);
    expect(db.connects()).toBe(0);
  });
});

describe('apply refuses a stale plan offline, before connecting', () => {
  it('a project edited after the plan: the stale message, not "cannot connect", and no password asked', async () => {
    const dir = await plannedFolder();
    const file = path.join(dir, 'procall-migrate.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n# maxUsers changed after the sign-off\n`);
    const db = unreachable();
    // No PM_TEST_SQL_PASSWORD and no terminal: the password question must not come first either.
    const r = await runCli(['apply', 'plan.json', '--yes'], { cwd: dir, env: {}, connect: db.connect });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`error: The project file ${file} changed since the plan was made. Nothing was written.`);
    expect(r.stderr).not.toMatch(/cannot connect|no password/);
    expect(db.connects()).toBe(0);
  });

  it('an export edited after the plan: refused before connecting', async () => {
    const dir = await plannedFolder();
    appendFileSync(path.join(dir, 'exports', 'ucs-ber-01.alpen-handel.de', 'users.xml'), '\n<!-- edited -->\n');
    const db = unreachable();
    const r = await runCli(['apply', 'plan.json', '--yes'], { cwd: dir, env, connect: db.connect });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error: Source exports changed since the plan was made: ucs-ber-01\.alpen-handel\.de:users\.xml \(changed\)\. Nothing was written\.$/m);
    expect(r.stderr).not.toContain('cannot connect');
    expect(db.connects()).toBe(0);
  });
});
