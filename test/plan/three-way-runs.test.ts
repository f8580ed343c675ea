/**
 * Run after run without a database: each plan is recorded with the writer's ledgerEntries, read
 * back through the reader's baseFromRecorded (as JSON, like dc.MigrationChange), and the next plan
 * is three-way against it. Proves that a kept admin edit stays kept on every later run.
 */
import { describe, expect, it } from 'vitest';
import type { DataCenterModel, TableName } from '../../src/model/datacenter.js';
import { TABLES, qualified, tableDef } from '../../src/model/dc-schema.js';
import type { Plan } from '../../src/model/plan.js';
import { Sensitive } from '../../src/model/sensitive.js';
import { baseFromRecorded, ledgerEntries, type RecordedBaseRow } from '../../src/writers/mssql/ledger.js';
import { ledgerHasher, ledgerKey, ledgerKeyId } from '../../src/plan/ledger-form.js';
import { planChanges } from '../../src/plan/planner.js';
import { hasChangesToWrite } from '../../src/plan/summary.js';
import { model, options, server, user } from './fixtures.js';

type Row = Record<string, unknown>;
const hash = ledgerHasher('ef'.repeat(32));

/** A target with a ledger, kept in memory the way the writer keeps it in SQL. */
class Target {
  state: DataCenterModel = model({});
  ledger: RecordedBaseRow[] = [];
  runs = 0;

  plan(desired: DataCenterModel, extra: { overwriteAdminEdits?: boolean } = {}): Plan {
    return planChanges(desired, this.state, { ...options(), base: baseFromRecorded(this.ledger, hash), ...extra });
  }

  apply(plan: Plan): void {
    const runId = `00000000-0000-0000-0000-${String(++this.runs).padStart(12, '0')}`;
    const before = new Map<TableName, Map<string, Row>>();
    for (const def of TABLES) before.set(def.name, new Map((this.state[def.name] as unknown as Row[]).map((r) => [ledgerKeyId(def, ledgerKey(def, r, hash)), r])));
    for (const e of ledgerEntries(plan, before, hash)) {
      this.ledger.push({ TableName: qualified(e.table), RowKey: JSON.stringify(e.rowKey), Action: e.action, Cells: JSON.stringify(e.base ?? e.after), RunId: runId });
    }
    const next = Object.fromEntries(TABLES.map((d) => [d.name, (this.state[d.name] as unknown as Row[]).map((r) => ({ ...r }))])) as unknown as Record<TableName, Row[]>;
    for (const c of plan.changes) {
      const id = (r: Row) => ledgerKeyId(tableDef(c.table), ledgerKey(tableDef(c.table), r, hash));
      const rows = next[c.table];
      const at = rows.findIndex((r) => id(r) === id(c.key));
      if (c.action === 'create') rows.push({ ...c.after });
      else if (c.action === 'delete') rows.splice(at, 1);
      else if (c.action === 'update') for (const [col, fc] of Object.entries(c.changes ?? {})) (rows[at] as Row)[col] = fc.to;
    }
    this.state = next as unknown as DataCenterModel;
  }

  /** An admin's edit in the DataCenter administration. */
  edit(userName: string, values: Row): void {
    const u = this.state.UserAccount.find((x) => x.UserName === userName) as unknown as Row;
    Object.assign(u, values);
  }
}

const wave = (over: Record<string, Parameters<typeof user>[1]> = {}) =>
  model({ Server: [server('dc-ucs-01')], UserAccount: ['anna', 'bob'].map((n) => user(n, { DisplayName: n, Credential: new Sensitive(`pw-${n}`), ...over[n] })) });

describe('three-way over several runs (ledger recorded and read back)', () => {
  it('keeps an admin edit on every later run, while source changes of the same row go through', () => {
    const t = new Target();
    t.apply(t.plan(wave()));
    expect(hasChangesToWrite(t.plan(wave()))).toBe(false);

    t.edit('anna', { DisplayName: 'Anna (admin)', Credential: new Sensitive('pw-reset-by-admin') });
    const second = t.plan(wave({ anna: { Email: 'anna@corp.example' } }));
    expect(second.changes.map((c) => `${c.action} ${String(c.key['UserName'])} ${Object.keys(c.changes ?? c.kept ?? {}).join(',')}`)).toEqual([
      'update anna Email',
      'kept anna DisplayName,Credential',
    ]);
    t.apply(second);

    // Third and fourth run with the same exports: nothing to write, the edit still kept.
    for (let i = 0; i < 2; i++) {
      const again = t.plan(wave({ anna: { Email: 'anna@corp.example' } }));
      expect(hasChangesToWrite(again)).toBe(false);
      expect(again.changes.map((c) => c.action)).toEqual(['kept']);
      expect(again.diagnostics).toEqual([]);
    }
    expect(t.state.UserAccount.find((u) => u.UserName === 'anna')).toMatchObject({ DisplayName: 'Anna (admin)', Email: 'anna@corp.example' });

    // The source now changes the kept column too: a conflict, never a silent overwrite.
    const conflict = t.plan(wave({ anna: { Email: 'anna@corp.example', DisplayName: 'Anna Schmidt' } }));
    expect(conflict.diagnostics.map((d) => d.code)).toEqual(['PLAN_ADMIN_EDIT_CONFLICT']);
    // --overwrite-admin-edits writes the source's values; afterwards the row is in step again.
    const overwrite = t.plan(wave({ anna: { Email: 'anna@corp.example', DisplayName: 'Anna Schmidt' } }), { overwriteAdminEdits: true });
    expect(overwrite.changes.map((c) => [c.action, c.overwritesAdminEdit])).toEqual([['update', ['DisplayName', 'Credential']]]);
    t.apply(overwrite);
    expect(t.plan(wave({ anna: { Email: 'anna@corp.example', DisplayName: 'Anna Schmidt' } })).changes).toEqual([]);
    expect(JSON.stringify(t.ledger)).not.toMatch(/pw-/);
  });
});
