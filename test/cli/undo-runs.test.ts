/**
 * `runs` and `undo` through the recording seam: what they do against a database the ledger has
 * never touched (read-only paths; the real undo runs in test/db/undo.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { renderRuns } from '../../src/cli/commands/runs.js';
import { recordingSeam, runCli, sampleProjectWith, TEST_TARGET, TEST_TARGET_ENV } from './helpers.js';

const TARGET = TEST_TARGET;
const env = TEST_TARGET_ENV;

describe('runs and undo through the seam', () => {
  it.each(['runs', 'undo'])('%s --help shows a worked example', async (cmd) => {
    const r = await runCli([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: procall-migrate ${cmd}`);
    expect(r.stdout).toContain('Example:');
  });

  it.each(['plan', 'migrate', 'script'])('%s offers --overwrite-admin-edits', async (cmd) => {
    expect((await runCli([cmd, '--help'])).stdout).toContain('--overwrite-admin-edits');
  });

  it('runs lists nothing for a target without dc.MigrationRun, reading only', async () => {
    const project = sampleProjectWith('alpen-handel', TARGET);
    const seam = recordingSeam();
    const r = await runCli(['runs', '-p', project], { env, connect: async () => seam.db });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('No runs recorded in the target.\n');
    expect(seam.writes).toEqual([]);
    expect(seam.closed()).toBe(true);
    const json = await runCli(['runs', '-p', project, '--json'], { env, connect: async () => recordingSeam().db });
    expect(JSON.parse(json.stdout)).toEqual({ status: 'ok', runs: [] });
  });

  it('undo on a database without the ledger is refused plainly (exit 3) and writes nothing', async () => {
    const project = sampleProjectWith('alpen-handel', TARGET);
    const seam = recordingSeam();
    const r = await runCli(['undo', '0f8fad5b-d9cb-469f-a165-70867728950e', '-p', project, '--yes'], { env, connect: async () => seam.db });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no migration ledger/);
    expect(r.stderr).not.toContain('this is a bug');
    expect(seam.writes).toEqual([]);
    expect(seam.closed()).toBe(true);
  });

  it('runs shows id, when, who, status, counts and the undo relations, one line per run', () => {
    const at = new Date('2025-01-15T09:30:00.000Z');
    const base = { startedAt: at, finishedAt: at, operator: 'CORP\\berater', error: null, undoOf: null, undoneBy: null, changes: 3 };
    const text = renderRuns([
      { ...base, runId: 'run-1', status: 'applied', counts: { create: 3, update: 0, delete: 0 }, undoneBy: 'run-3' },
      { ...base, runId: 'run-2', status: 'failed', counts: { create: 1, update: 0, delete: 0 }, changes: 0, error: 'DB_APPLY_FAILED at dc.UserAccount' },
      { ...base, runId: 'run-3', status: 'applied', counts: { create: 0, update: 0, delete: 3 }, undoOf: 'run-1' },
      { ...base, runId: 'run-0', status: 'applied', counts: { create: 9, update: 0, delete: 0 }, changes: 0 },
    ]);
    expect(text.split('\n')).toEqual([
      'RUN    STARTED (UTC)         OPERATOR      STATUS   ROWS      NOTE',
      'run-1  2025-01-15 09:30:00Z  CORP\\berater  applied  +3 ~0 -0  undone by run-3',
      'run-2  2025-01-15 09:30:00Z  CORP\\berater  failed   +1 ~0 -0  DB_APPLY_FAILED at dc.UserAccount',
      'run-3  2025-01-15 09:30:00Z  CORP\\berater  applied  +0 ~0 -3  undoes run-1',
      'run-0  2025-01-15 09:30:00Z  CORP\\berater  applied  +9 ~0 -0  not in the ledger',
      '',
    ]);
  });

  it('runs and undo need a target', async () => {
    const project = sampleProjectWith('alpen-handel', '');
    for (const argv of [['runs', '-p', project], ['undo', '0f8fad5b-d9cb-469f-a165-70867728950e', '-p', project]]) {
      const r = await runCli(argv, { env });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/no target database/);
    }
  });
});
