/**
 * `migrate` and `apply` read the target for the plan, show it, ask — and then write. An admin's
 * edit made in between must not be overwritten silently: the target is read again under the
 * apply's lock and the run is refused (DB_PLAN_STALE) when it is no longer what was planned.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLES } from '../../src/model/dc-schema.js';
import { LicenseKey, Sensitive } from '../../src/model/sensitive.js';
import { ledgerHasher, ledgerKey, ledgerRow } from '../../src/plan/ledger-form.js';
import { rowFromDb } from '../../src/writers/mssql/read.js';
import { desiredOf } from '../plan/sample-plan.js';
import { dataWrites, fakeTarget } from './fake-target.js';
import { runCli, sampleProjectWith, TEST_TARGET, TEST_TARGET_ENV } from './helpers.js';

const TARGET = TEST_TARGET;
const env = TEST_TARGET_ENV;

/** A user an admin created in DataCenter while the prompt waited. */
const adminAdds = (tables: Record<string, Record<string, unknown>[]>) => {
  tables['UserAccount'] = [{ UserName: 'admin.added', DisplayName: 'Added by an admin', Origin: null }];
};

describe('a target changed between the plan and the write', () => {
  it('migrate refuses (DB_PLAN_STALE) before writing a row', { timeout: 60_000 }, async () => {
    const project = sampleProjectWith('alpen-handel', TARGET);
    const target = fakeTarget({ onTransaction: adminAdds });
    const r = await runCli(['migrate', '-p', project, '--yes'], { env, connect: async () => target.db });
    expect(target.transactions()).toBeGreaterThan(0);
    expect(r.stderr).not.toContain('this is a bug');
    expect(r.stderr).toContain('the target changed since it was read for this plan');
    expect(r.code).toBe(1);
    expect(dataWrites(target.writes)).toEqual([]);
  });

  it('apply of a saved plan refuses it the same way', { timeout: 60_000 }, async () => {
    const project = sampleProjectWith('alpen-handel', TARGET);
    const target = fakeTarget({ onTransaction: adminAdds });
    const io = { env, connect: async () => target.db, cwd: project.replace(/[/\\][^/\\]+$/, '') };
    expect((await runCli(['plan', '-p', project, '--out', 'plan.json'], io)).code).toBe(0);
    const r = await runCli(['apply', 'plan.json', '--yes'], io);
    expect(r.stderr).toContain('the target changed since it was read for this plan');
    expect(r.code).toBe(1);
    expect(dataWrites(target.writes)).toEqual([]);
  });
});

/** The sample's desired rows as the database holds them (secrets revealed, as a driver returns them). */
async function seededWithSample(): Promise<Record<string, Record<string, unknown>[]>> {
  const { model } = await desiredOf('alpen-handel');
  const raw = (v: unknown) => (v instanceof Sensitive || v instanceof LicenseKey ? v.reveal() : v);
  return Object.fromEntries(TABLES.map((def) => [def.name, model[def.name].map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, raw(v)])))]));
}

describe('apply of a plan that only keeps admin edits', () => {
  it('says there is nothing to write and exits 0 (a kept edit is never written)', { timeout: 60_000 }, async () => {
    const project = sampleProjectWith('alpen-handel', TARGET);
    const tables = await seededWithSample();
    // The last run wrote this user as the sources say; an admin renamed it since.
    const def = TABLES.find((t) => t.name === 'UserAccount')!;
    const written = tables['UserAccount']![0]!;
    tables['UserAccount']![0] = { ...written, DisplayName: `${String(written['DisplayName'])} (edited in DataCenter)` };
    const keyHex = 'ab'.repeat(32);
    const hash = ledgerHasher(keyHex);
    const cells = rowFromDb(def, written);
    const base = [{ TableName: 'dc.UserAccount', RowKey: JSON.stringify(ledgerKey(def, cells, hash)), Action: 'create', Cells: JSON.stringify(ledgerRow(def, cells, hash)), RunId: '0f8fad5b-d9cb-469f-a165-70867728950e' }];
    const target = fakeTarget({ tables, ledger: { keyHex, base } });
    const io = { env, connect: async () => target.db, cwd: project.replace(/[/\\][^/\\]+$/, '') };
    const plan = await runCli(['plan', '-p', project, '--out', 'plan.json'], io);
    expect(plan.code, plan.stderr).toBe(0);
    const saved = JSON.parse(readFileSync(path.join(io.cwd, 'plan.json'), 'utf8')) as { changes: { action: string }[] };
    expect(saved.changes.map((c) => c.action)).toEqual(['kept']);

    const r = await runCli(['apply', 'plan.json', '--yes'], io);
    expect(r.stderr).toContain('nothing to write');
    expect(r.stderr).not.toContain('not applied');
    expect(r.code).toBe(0);
    expect(target.transactions()).toBe(0);
  });
});
