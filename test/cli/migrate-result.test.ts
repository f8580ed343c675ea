/**
 * What `migrate` says when it has applied (issue 21): the run's id and where its time went, in a
 * closing line and, with --json, as one JSON object on stdout (the benchmark reads it). Checked on
 * the fake target, which answers like an empty, bootstrapped database.
 */
import { describe, expect, it } from 'vitest';
import { fakeTarget } from './fake-target.js';
import { runCli, sampleProjectWith, TEST_TARGET, TEST_TARGET_ENV } from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

describe('migrate: the applied run, and where its time went', () => {
  it('names the run and the time of each step in its closing line', { timeout: 60_000 }, async () => {
    const project = sampleProjectWith('alpen-handel', TEST_TARGET);
    const target = fakeTarget({ ledger: { keyHex: 'a5'.repeat(32), base: [] }, affectsAsEmpty: true });
    const r = await runCli(['migrate', '-p', project, '--yes'], { env: TEST_TARGET_ENV, connect: async () => target.db });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/applied run [0-9a-f-]{36}: the target database now matches the plan/);
    expect(r.stderr).toMatch(/import \d+\.\d s, read target \d+\.\d s, map \d+\.\d s, plan \d+\.\d s, apply \d+\.\d s \(of the apply: rows \d+\.\d s, ledger \d+\.\d s/);
    // The plan summary is still shown before the apply.
    expect(r.stdout).toContain('Plan:');
  });

  it('--json: one object on stdout with the status, the run id, the counts and the timings', { timeout: 60_000 }, async () => {
    const project = sampleProjectWith('alpen-handel', TEST_TARGET);
    const target = fakeTarget({ ledger: { keyHex: 'a5'.repeat(32), base: [] }, affectsAsEmpty: true });
    const r = await runCli(['migrate', '-p', project, '--yes', '--json'], { env: TEST_TARGET_ENV, connect: async () => target.db });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      status: string;
      runId: string;
      changes: { create: number; update: number; delete: number };
      timings: { steps: { step: string; ms: number }[]; apply: Record<string, number> };
    };
    expect(out.status).toBe('applied');
    expect(out.runId).toMatch(UUID);
    expect(out.changes.create).toBeGreaterThan(10);
    expect(out.timings.steps.map((s) => s.step)).toEqual(['Import exports', 'Read target database', 'Map to DataCenter', 'Plan changes', 'Apply to target database']);
    const a = out.timings.apply;
    expect(Object.keys(a).sort()).toEqual(['commitMs', 'ledgerMs', 'rowsMs', 'setupMs', 'totalMs']);
    // The parts add up to the whole (each rounded to a millisecond).
    expect(Math.abs(a['setupMs']! + a['rowsMs']! + a['ledgerMs']! + a['commitMs']! - a['totalMs']!)).toBeLessThanOrEqual(3);
  });

  it('--json --dry-run: status dry-run, no run id, nothing written', { timeout: 60_000 }, async () => {
    const project = sampleProjectWith('alpen-handel', TEST_TARGET);
    const target = fakeTarget({ ledger: { keyHex: 'a5'.repeat(32), base: [] }, affectsAsEmpty: true });
    const r = await runCli(['migrate', '-p', project, '--dry-run', '--json'], { env: TEST_TARGET_ENV, connect: async () => target.db });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { status: string; runId?: string };
    expect(out.status).toBe('dry-run');
    expect(out.runId).toBeUndefined();
    expect(target.transactions()).toBe(0);
  });
});
