/**
 * What `migrate` says when it has applied (issue 21): the run's id and where its time went, in a
 * closing line and, with --json, as one JSON object on stdout (the benchmark reads it). Checked on
 * the fake target, which answers like an empty, bootstrapped database.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/writers/mssql/db.js';
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
    // A server slow to take the ledger's rows: the time must show as the ledger's, not the rows'.
    const slowLedger: Db = {
      ...target.db,
      transaction: (fn) =>
        target.db.transaction((tx) =>
          fn({
            ...tx,
            bulkInsert: async (table, columns, rows, onBatch) => {
              if (table === '[dc].[MigrationChange]') await new Promise((r) => setTimeout(r, 300));
              return tx.bulkInsert(table, columns, rows, onBatch);
            },
          }),
        ),
    };
    const r = await runCli(['migrate', '-p', project, '--yes', '--json'], { env: TEST_TARGET_ENV, connect: async () => slowLedger });
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
    expect(a['ledgerMs']).toBeGreaterThanOrEqual(290);
    expect(a['rowsMs']).toBeLessThan(a['ledgerMs']!);
    expect(a['totalMs']).toBeGreaterThanOrEqual(a['ledgerMs']!);
  });

  it('--json refused before planning (an open decision): the refusal as JSON on stdout, exit 3', { timeout: 60_000 }, async () => {
    const project = sampleProjectWith('alpen-handel', TEST_TARGET);
    writeFileSync(project, readFileSync(project, 'utf8').replace(/^userStore: .*$/m, 'userStore: TODO'));
    const target = fakeTarget();
    const r = await runCli(['migrate', '-p', project, '--yes', '--json'], { env: TEST_TARGET_ENV, connect: async () => target.db });
    expect(r.code).toBe(3);
    const out = JSON.parse(r.stdout) as { status: string; code: string; diagnostics: { code: string }[] };
    expect(out.status).toBe('refused');
    expect(out.diagnostics.map((d) => d.code)).toContain('PROJECT_OPEN_DECISION');
    expect(target.transactions()).toBe(0);
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
