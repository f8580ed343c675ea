/**
 * A row an admin deleted in DataCenter stays deleted (ledger.md §2); new rows of the sources that
 * reference it would fail on the foreign key at apply, so they are withheld and said, once per row.
 */
import { describe, expect, it } from 'vitest';
import type { DataCenterModel, UserGroupRow } from '../../src/model/datacenter.js';
import type { Plan } from '../../src/model/plan.js';
import type { ProjectDecision } from '../../src/project/schema.js';
import { ledgerHasher } from '../../src/plan/ledger-form.js';
import { planChanges } from '../../src/plan/planner.js';
import { baseFromModel } from '../../src/plan/three-way.js';
import { member, model, options, server, user } from './fixtures.js';

const RUN = '11111111-2222-3333-4444-555555555555';
const hash = ledgerHasher('cd'.repeat(32));
const group = (Name: string): UserGroupRow => ({
  Name,
  SipUri: '',
  LeaderUserName: '',
  CoLeaderUserName: '',
  SettingsActive: false,
  EveryoneSeesEveryone: false,
  Enabled: true,
  Origin: 'ucs-ber-01',
});

interface Case {
  base: Partial<DataCenterModel>;
  actual: Partial<DataCenterModel>;
  desired: Partial<DataCenterModel>;
  decisions?: ProjectDecision[];
  overwrite?: boolean;
}

function plan3(c: Case): Plan {
  return planChanges(model({ Server: [server('dc-ucs-01')], ...c.desired }), model({ Server: [server('dc-ucs-01')], ...c.actual }), {
    ...options(),
    base: baseFromModel(c.base, RUN, hash),
    decisions: c.decisions ?? [],
    overwriteAdminEdits: c.overwrite ?? false,
  });
}

const actions = (p: Plan, table: string): string[] => p.changes.filter((c) => c.table === table).map((c) => `${c.action} ${Object.values(c.key).map(String).join('/')}`);
const warnings = (p: Plan) => p.diagnostics.filter((d) => d.code === 'PLAN_PARENT_DELETED');

// The last run wrote anna and the group; the admin deleted anna since. The sources now add anna
// to a second group and bring a new user bob into it too.
const annaDeleted: Case = {
  base: { UserAccount: [user('anna.schmidt')], UserGroup: [group('Vertrieb')], UserGroupMember: [] },
  actual: { UserAccount: [], UserGroup: [group('Vertrieb')] },
  desired: {
    UserAccount: [user('anna.schmidt'), user('bob.meier')],
    UserGroup: [group('Vertrieb')],
    // Another case than the user row: keys compare case-insensitively.
    UserGroupMember: [member('Vertrieb', 'Anna.Schmidt'), member('Vertrieb', 'bob.meier')],
  },
};

describe('new rows whose parent was deleted in DataCenter', () => {
  it('a member of a deleted user is not planned, and says why in one warning; an unrelated create still is', () => {
    const p = plan3(annaDeleted);
    expect(actions(p, 'UserAccount')).toEqual(['kept anna.schmidt', 'create bob.meier']);
    expect(actions(p, 'UserGroupMember')).toEqual(['create Vertrieb/bob.meier']);
    const w = warnings(p);
    expect(w).toHaveLength(1);
    expect(w[0]?.severity).toBe('warning');
    expect(w[0]?.path).toBe('dc.UserGroupMember[GroupName=Vertrieb, UserName=Anna.Schmidt]');
    expect(w[0]?.message).toBe(
      `dc.UserGroupMember[GroupName=Vertrieb, UserName=Anna.Schmidt] is not created: dc.UserAccount[UserName=anna.schmidt] was deleted in DataCenter since run ${RUN} and stays deleted.`,
    );
    expect(w[0]?.hint).toContain('table: dc.UserAccount, key: {UserName: anna.schmidt}, keep: source');
    expect(w[0]?.hint).toContain('--overwrite-admin-edits');
    expect(p.summary['dc.UserGroupMember']?.create).toBe(1);
  });

  it.each<[string, Partial<Case>]>([
    ['keep: source on the deleted user', { decisions: [{ table: 'dc.UserAccount', key: { UserName: 'ANNA.SCHMIDT' }, keep: 'source' }] }],
    ['--overwrite-admin-edits', { overwrite: true }],
  ])('with %s the user is re-created and the member planned', (_name, over) => {
    const p = plan3({ ...annaDeleted, ...over });
    expect(actions(p, 'UserAccount')).toEqual(['create anna.schmidt', 'create bob.meier']);
    expect(actions(p, 'UserGroupMember')).toEqual(['create Vertrieb/Anna.Schmidt', 'create Vertrieb/bob.meier']);
    expect(warnings(p)).toEqual([]);
    expect(p.diagnostics.filter((d) => d.code === 'PLAN_DECISION_UNUSED')).toEqual([]);
  });

  it('grandchildren too: a server deleted in DataCenter withholds its new users and their memberships', () => {
    const p = plan3({
      base: { Server: [server('dc-ucs-02')] },
      actual: { UserGroup: [group('Vertrieb')] },
      desired: {
        Server: [server('dc-ucs-01'), server('dc-ucs-02')],
        UserAccount: [user('carla.neu', { HomeServer: 'DC-UCS-02' }), user('bob.meier')],
        UserGroup: [group('Vertrieb')],
        UserGroupMember: [member('Vertrieb', 'carla.neu'), member('Vertrieb', 'bob.meier')],
      },
    });
    expect(actions(p, 'Server')).toEqual(['kept dc-ucs-02']);
    expect(actions(p, 'UserAccount')).toEqual(['create bob.meier']);
    expect(actions(p, 'UserGroupMember')).toEqual(['create Vertrieb/bob.meier']);
    expect(warnings(p).map((d) => d.message)).toEqual([
      `dc.UserAccount[UserName=carla.neu] is not created: dc.Server[Name=dc-ucs-02] was deleted in DataCenter since run ${RUN} and stays deleted.`,
      `dc.UserGroupMember[GroupName=Vertrieb, UserName=carla.neu] is not created: dc.UserAccount[UserName=carla.neu] is not created either (dc.Server[Name=dc-ucs-02] was deleted in DataCenter since run ${RUN} and stays deleted).`,
    ]);
    expect(warnings(p).every((d) => d.hint?.includes('table: dc.Server, key: {Name: dc-ucs-02}, keep: source'))).toBe(true);
  });

  it('an update moving a row onto a deleted parent leaves that column and plans the rest', () => {
    const p = plan3({
      base: { Server: [server('dc-ucs-02')], UserAccount: [user('bob.meier')] },
      actual: { UserAccount: [user('bob.meier')] },
      desired: { Server: [server('dc-ucs-01'), server('dc-ucs-02')], UserAccount: [user('bob.meier', { HomeServer: 'dc-ucs-02', DisplayName: 'Bob Meier' })] },
    });
    const bob = p.changes.find((c) => c.table === 'UserAccount');
    expect(bob?.action).toBe('update');
    expect(Object.keys(bob?.changes ?? {})).toEqual(['DisplayName']);
    expect(warnings(p).map((d) => d.message)).toEqual([
      `dc.UserAccount[UserName=bob.meier] HomeServer is not changed to "dc-ucs-02": dc.Server[Name=dc-ucs-02] was deleted in DataCenter since run ${RUN} and stays deleted.`,
    ]);
  });

  it('without a ledger (two-way) nothing is withheld', () => {
    const p = planChanges(model({ UserAccount: [user('anna.schmidt')], UserGroupMember: [member('Vertrieb', 'anna.schmidt')] }), model({}), options());
    expect(actions(p, 'UserGroupMember')).toEqual(['create Vertrieb/anna.schmidt']);
    expect(warnings(p)).toEqual([]);
  });
});
