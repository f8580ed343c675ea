/**
 * Undo as a plan (ledger.md §3): desired = the before-images of the run's recorded changes,
 * diffed by the one keyed differ. Here the run is recorded with the writer's own ledgerEntries
 * and "applied" in memory, so the test checks that undo gives back exactly the state before.
 */
import { describe, expect, it } from 'vitest';
import type { DataCenterModel, TableName } from '../../src/model/datacenter.js';
import { TABLES, tableDef } from '../../src/model/dc-schema.js';
import type { Plan } from '../../src/model/plan.js';
import { LicenseKey, Sensitive } from '../../src/model/sensitive.js';
import { ledgerEntries } from '../../src/writers/mssql/ledger.js';
import { ledgerHasher, ledgerKey, ledgerKeyId } from '../../src/plan/ledger-form.js';
import { planChanges } from '../../src/plan/planner.js';
import { renderPlanJson } from '../../src/plan/saved/render-json.js';
import { renderPlanText } from '../../src/plan/render/render-text.js';
import { planUndo, type UndoneChange } from '../../src/plan/undo.js';
import { license, member, model, options, server, setting, user } from './fixtures.js';

const hash = ledgerHasher('cd'.repeat(32));
const RUN = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
type Row = Record<string, unknown>;

/** Applies a plan to a model in memory, the way the SQL writer would. */
function applyInMemory(m: DataCenterModel, plan: Plan): DataCenterModel {
  const out = Object.fromEntries(TABLES.map((d) => [d.name, (m[d.name] as unknown as Row[]).map((r) => ({ ...r }))])) as unknown as Record<TableName, Row[]>;
  const id = (table: TableName, row: Row) => ledgerKeyId(tableDef(table), ledgerKey(tableDef(table), row, hash));
  for (const c of plan.changes) {
    const rows = out[c.table];
    const at = rows.findIndex((r) => id(c.table, r) === id(c.table, c.key));
    if (c.action === 'create') rows.push({ ...c.after });
    else if (c.action === 'delete') rows.splice(at, 1);
    else if (c.action === 'update') for (const [col, fc] of Object.entries(c.changes ?? {})) (rows[at] as Row)[col] = fc.to;
  }
  return out as unknown as DataCenterModel;
}

/** Comparable form: secrets revealed, rows sorted (test only). */
function revealed(m: DataCenterModel): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const def of TABLES) {
    out[def.name] = (m[def.name] as unknown as Row[])
      .map((r) => JSON.stringify(def.columns.map((c) => (r[c.name] instanceof Sensitive || r[c.name] instanceof LicenseKey ? (r[c.name] as Sensitive).reveal() : (r[c.name] ?? null)))))
      .sort();
  }
  return out;
}

/** Plans `desired` over `before`, records the run as the writer would, applies it in memory. */
function runOnce(before: DataCenterModel, desired: DataCenterModel, prune = true): { after: DataCenterModel; changes: UndoneChange[] } {
  const plan = planChanges(desired, before, options({ prune }));
  const byTable = new Map<TableName, Map<string, Row>>();
  for (const def of TABLES) byTable.set(def.name, new Map((before[def.name] as unknown as Row[]).map((r) => [ledgerKeyId(def, ledgerKey(def, r, hash)), r])));
  const changes = ledgerEntries(plan, byTable, hash).map((e, i) => ({ seq: i + 1, table: e.table, rowKey: e.rowKey, action: e.action, before: e.before, after: e.after }));
  return { after: applyInMemory(before, plan), changes };
}

const meta = { toolVersion: '0.1.0', project: { path: '/p.yaml', sha256: 'a'.repeat(64) }, targetFingerprint: 'x' };
const srv = server('dc-ucs-01');

describe('undo: a plan from the ledger’s before-images', () => {
  const before = model({
    Server: [srv],
    UserAccount: [user('anna', { DisplayName: 'Anna', Credential: new Sensitive('pw-anna') }), user('gone', { Credential: new Sensitive('pw-gone') })],
    UserGroup: [],
    Setting: [setting('smtp.password', new Sensitive('smtp-old')), setting('ui.theme', 'dark')],
    License: [license('LIC-OLD-0001')],
  });
  const desired = model({
    Server: [srv, server('dc-ucs-02')],
    UserAccount: [user('anna', { DisplayName: 'Anna Schmidt', Credential: new Sensitive('pw-anna-2') }), user('bob')],
    Setting: [setting('smtp.password', new Sensitive('smtp-new')), setting('ui.theme', 'light')],
    License: [license('LIC-NEW-0002')],
    UserGroupMember: [],
  });

  it('restores every row the run created, updated or deleted (secrets aside), and lists the secrets', () => {
    const { after, changes } = runOnce(before, desired);
    const undo = planUndo(after, { runId: RUN, changes, hash, force: false, meta });
    expect(undo.changedSince).toEqual([]);
    const restored = applyInMemory(after, undo.plan);
    const expected = revealed(before);
    const got = revealed(restored);
    // Secrets only the hash of which is in the ledger stay as the run left them.
    expect(got['Server']).toEqual(expected['Server']);
    expect(got['Setting']).toEqual(revealed(model({ Setting: [setting('smtp.password', new Sensitive('smtp-new')), setting('ui.theme', 'dark')] }))['Setting']);
    expect(restored.UserAccount.map((u) => `${u.UserName}:${u.DisplayName}`).sort()).toEqual(['anna:Anna', 'gone:gone']);
    expect(restored.UserAccount.find((u) => u.UserName === 'anna')?.Credential?.reveal()).toBe('pw-anna-2');
    expect(restored.UserAccount.find((u) => u.UserName === 'gone')?.Credential).toBeNull();
    expect(restored.License.map((l) => l.LicenseKey.reveal())).toEqual([]);
    expect(undo.secretsNotRestored.sort()).toEqual(
      [
        'dc.License[LicenseKey=(sensitive)] (the whole row: its key or a required value is a secret)',
        'dc.Setting[Scope=global, ServerName=, Key=smtp.password, ObjectName=] Value',
        'dc.UserAccount[UserName=anna] Credential',
        'dc.UserAccount[UserName=gone] Credential',
      ].sort(),
    );
    expect(undo.plan.diagnostics.filter((d) => d.code === 'PLAN_UNDO_SECRET_NOT_RESTORED')).toHaveLength(4);
    const shown = `${renderPlanJson(undo.plan)}${renderPlanText(undo.plan, { color: false })}${JSON.stringify(undo.plan.diagnostics)}`;
    for (const secret of ['pw-anna', 'pw-gone', 'smtp-old', 'smtp-new', 'LIC-OLD', 'LIC-NEW']) expect(shown).not.toContain(secret);
  });

  it('without secrets, undo gives back exactly the state before the run', () => {
    const plain = model({ Server: [srv], UserAccount: [user('anna', { DisplayName: 'Anna' }), user('gone')], UserGroupMember: [] });
    const next = model({ Server: [srv, server('dc-ucs-02')], UserAccount: [user('anna', { DisplayName: 'Anna S.', Enabled: false }), user('bob')] });
    next.UserGroup.push({ Name: 'Sales', SipUri: 'sales@corp.example', LeaderUserName: 'bob', CoLeaderUserName: '', SettingsActive: true, EveryoneSeesEveryone: false, Enabled: true, Origin: 'ucs-ber-01' });
    next.UserGroupMember.push(member('Sales', 'bob'));
    const { after, changes } = runOnce(plain, next);
    expect(changes.map((c) => c.action).sort()).toEqual(['create', 'create', 'create', 'create', 'delete', 'update']);
    const undo = planUndo(after, { runId: RUN, changes, hash, force: false, meta });
    expect(undo.plan.diagnostics).toEqual([]);
    expect(revealed(applyInMemory(after, undo.plan))).toEqual(revealed(plain));
    // Deletes in reverse FK order: the membership goes before the group and the user.
    const deletes = undo.plan.changes.filter((c) => c.action === 'delete').map((c) => c.table);
    expect(deletes.indexOf('UserGroupMember')).toBeLessThan(deletes.indexOf('UserAccount'));
  });

  it('refuses when a row the run wrote changed since; --force restores it anyway', () => {
    const plain = model({ Server: [srv], UserAccount: [user('anna', { DisplayName: 'Anna' })] });
    const { after, changes } = runOnce(plain, model({ Server: [srv], UserAccount: [user('anna', { DisplayName: 'Anna S.' })] }));
    const edited = { ...after, UserAccount: after.UserAccount.map((u) => ({ ...u, Email: 'admin@corp.example' })) };
    const refused = planUndo(edited, { runId: RUN, changes, hash, force: false, meta });
    expect(refused.changedSince).toEqual(['dc.UserAccount[UserName=anna]']);
    expect(refused.plan.diagnostics.map((d) => [d.code, d.severity])).toEqual([['PLAN_UNDO_ROW_CHANGED', 'error']]);
    const forced = planUndo(edited, { runId: RUN, changes, hash, force: true, meta });
    expect(forced.plan.diagnostics.map((d) => [d.code, d.severity])).toEqual([['PLAN_UNDO_FORCED', 'warning']]);
    expect(applyInMemory(edited, forced.plan).UserAccount[0]?.DisplayName).toBe('Anna');
  });

  it('a row the run created and an admin deleted since is a changed row; forced, nothing is left to remove', () => {
    const plain = model({ Server: [srv] });
    const { after, changes } = runOnce(plain, model({ Server: [srv], UserAccount: [user('bob')] }));
    const deleted = { ...after, UserAccount: [] };
    expect(planUndo(deleted, { runId: RUN, changes, hash, force: false, meta }).changedSince).toEqual(['dc.UserAccount[UserName=bob]']);
    expect(planUndo(deleted, { runId: RUN, changes, hash, force: true, meta }).plan.changes).toEqual([]);
  });
});
