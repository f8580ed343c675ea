/**
 * The three-way plan (ledger.md §2): base (what the last run wrote) vs actual (DataCenter now) vs
 * desired (exports + project now), column by column, inside the one keyed differ.
 */
import { describe, expect, it } from 'vitest';
import type { DataCenterModel } from '../../src/model/datacenter.js';
import type { Plan, RowChange } from '../../src/model/plan.js';
import type { ProjectDecision } from '../../src/project/schema.js';
import { LicenseKey, Sensitive } from '../../src/model/sensitive.js';
import { renderSqlScript } from '../../src/writers/mssql/script.js';
import { planExitCode } from '../../src/plan/exit-code.js';
import { ledgerHasher } from '../../src/plan/ledger-form.js';
import { planChanges } from '../../src/plan/planner.js';
import { renderPlanJson } from '../../src/plan/saved/render-json.js';
import { renderPlanMarkdown } from '../../src/plan/render/render-markdown.js';
import { renderPlanText } from '../../src/plan/render/render-text.js';
import { baseFromModel, type LedgerBase } from '../../src/plan/three-way.js';
import { license, model, options, server, user } from './fixtures.js';

const RUN = '11111111-2222-3333-4444-555555555555';
const hash = ledgerHasher('ab'.repeat(32));
const anna = (over: Parameters<typeof user>[1] = {}) => user('anna.schmidt', { DisplayName: 'Anna Schmidt', Email: 'anna@corp.example', ...over });

interface Case {
  base: Partial<DataCenterModel>;
  actual: Partial<DataCenterModel>;
  desired: Partial<DataCenterModel>;
  decisions?: ProjectDecision[];
  overwrite?: boolean;
}

/** `base: null`: no ledger at all. */
function plan3(c: Case, given?: LedgerBase | null): Plan {
  const base = given === null ? undefined : (given ?? baseFromModel(c.base, RUN, hash));
  return planChanges(model({ Server: [server('dc-ucs-01')], ...c.desired }), model({ Server: [server('dc-ucs-01')], ...c.actual }), {
    ...options(),
    ...(base === undefined ? {} : { base }),
    decisions: c.decisions ?? [],
    overwriteAdminEdits: c.overwrite ?? false,
  });
}

const userChanges = (p: Plan): RowChange[] => p.changes.filter((c) => c.table === 'UserAccount');
const codes = (p: Plan): string[] => p.diagnostics.map((d) => d.code);

describe('three-way plan: the contract table, per column', () => {
  it.each<[string, Case, { actions: string[]; changes?: Record<string, unknown>; kept?: string[]; conflict?: boolean }]>([
    ['base→actual same, base→desired same: nothing', { base: { UserAccount: [anna()] }, actual: { UserAccount: [anna()] }, desired: { UserAccount: [anna()] } }, { actions: [] }],
    [
      'same, changed: update to desired (the source changed)',
      { base: { UserAccount: [anna()] }, actual: { UserAccount: [anna()] }, desired: { UserAccount: [anna({ DisplayName: 'Anna Schmidt-Berg' })] } },
      { actions: ['update'], changes: { DisplayName: { from: 'Anna Schmidt', to: 'Anna Schmidt-Berg' } } },
    ],
    [
      'changed, same: kept (an admin edit since the run)',
      { base: { UserAccount: [anna()] }, actual: { UserAccount: [anna({ DisplayName: 'Anna S.' })] }, desired: { UserAccount: [anna()] } },
      { actions: ['kept'], kept: ['DisplayName'] },
    ],
    [
      'changed, changed to what DataCenter holds: nothing',
      { base: { UserAccount: [anna()] }, actual: { UserAccount: [anna({ DisplayName: 'Anna S.' })] }, desired: { UserAccount: [anna({ DisplayName: 'Anna S.' })] } },
      { actions: [] },
    ],
    [
      'changed, changed to something else: conflict',
      { base: { UserAccount: [anna()] }, actual: { UserAccount: [anna({ DisplayName: 'Anna S.' })] }, desired: { UserAccount: [anna({ DisplayName: 'Anna Schmidt-Berg' })] } },
      { actions: [], conflict: true },
    ],
    [
      'row deleted in DataCenter: kept deleted, not re-created',
      { base: { UserAccount: [anna()] }, actual: { UserAccount: [] }, desired: { UserAccount: [anna()] } },
      { actions: ['kept'] },
    ],
  ])('%s', (_name, c, want) => {
    const p = plan3(c);
    const changes = userChanges(p);
    expect(changes.map((x) => x.action)).toEqual(want.actions);
    if (want.changes) expect(changes[0]?.changes).toEqual(want.changes);
    if (want.kept) expect(Object.keys(changes[0]?.kept ?? {})).toEqual(want.kept);
    expect(codes(p).includes('PLAN_ADMIN_EDIT_CONFLICT')).toBe(want.conflict ?? false);
    expect(planExitCode(p, { detailedExitcode: true })).toBe(want.conflict ? 3 : want.actions.includes('update') ? 2 : 0);
  });

  it('a kept edit carries base, actual and desired, names the run, and counts as kept, never as a change', () => {
    const p = plan3({ base: { UserAccount: [anna()] }, actual: { UserAccount: [anna({ DisplayName: 'Anna S.' })] }, desired: { UserAccount: [anna()] } });
    const [kept] = userChanges(p);
    expect(kept).toMatchObject({ action: 'kept', baseRun: RUN, key: { UserName: 'anna.schmidt' }, kept: { DisplayName: { base: 'Anna Schmidt', actual: 'Anna S.', desired: 'Anna Schmidt' } } });
    expect(p.summary['dc.UserAccount']).toEqual({ create: 0, update: 0, delete: 0, kept: 1 });
    expect(planExitCode(p, { detailedExitcode: true })).toBe(0);
    const json = JSON.parse(renderPlanJson(p)) as { changes: { action: string; kept?: unknown }[] };
    expect(json.changes.find((c) => c.action === 'kept')?.kept).toEqual({ DisplayName: { base: 'Anna Schmidt', actual: 'Anna S.', desired: 'Anna Schmidt' } });
    const text = renderPlanText(p, { color: false });
    expect(text).toContain('~ kept anna.schmidt');
    expect(text).toContain('DisplayName: "Anna S." kept');
    expect(text).toContain('1 admin edit in DataCenter kept');
    const markdown = renderPlanMarkdown(p);
    expect(markdown).toMatch(/\| kept \| anna\.schmidt \|/);
    expect(markdown).toContain('DisplayName: "Anna S." kept');
  });

  it('the conflict names the row, the column and all three values', () => {
    const p = plan3({ base: { UserAccount: [anna()] }, actual: { UserAccount: [anna({ DisplayName: 'Anna S.' })] }, desired: { UserAccount: [anna({ DisplayName: 'Anna Schmidt-Berg' })] } });
    const conflict = p.diagnostics.find((d) => d.code === 'PLAN_ADMIN_EDIT_CONFLICT');
    expect(conflict).toMatchObject({ severity: 'error', path: 'dc.UserAccount[UserName=anna.schmidt]' });
    for (const part of ['DisplayName', '"Anna Schmidt"', '"Anna S."', '"Anna Schmidt-Berg"', RUN]) expect(conflict?.message).toContain(part);
  });

  it('merges column-wise: admin changed DisplayName, source changed Email — both kept (update Email only)', () => {
    const p = plan3({
      base: { UserAccount: [anna()] },
      actual: { UserAccount: [anna({ DisplayName: 'Anna S.' })] },
      desired: { UserAccount: [anna({ Email: 'anna.schmidt@corp.example' })] },
    });
    const [update, kept] = userChanges(p);
    expect(update).toMatchObject({ action: 'update', changes: { Email: { from: 'anna@corp.example', to: 'anna.schmidt@corp.example' } } });
    expect(Object.keys(update?.changes ?? {})).toEqual(['Email']);
    expect(kept).toMatchObject({ action: 'kept', kept: { DisplayName: { actual: 'Anna S.' } } });
    expect(p.summary['dc.UserAccount']).toEqual({ create: 0, update: 1, delete: 0, kept: 1 });
    expect(codes(p)).not.toContain('PLAN_ADMIN_EDIT_CONFLICT');
    // The DBA script writes the update and never the kept column.
    const sql = renderSqlScript(p, { planDigest: 'a'.repeat(64), sourceDigest: 'b'.repeat(64) });
    expect(sql).toContain("N'anna.schmidt@corp.example'");
    expect(sql).not.toMatch(/\[DisplayName\] =/);
  });

  it('a row the last run created and the tool itself later deleted has no base: re-created two-way', () => {
    const base = baseFromModel({}, RUN, hash);
    base.tables.UserAccount = new Map([['anna.schmidt', null]]);
    const p = plan3({ base: {}, actual: {}, desired: { UserAccount: [anna()] } }, base);
    expect(userChanges(p).map((c) => c.action)).toEqual(['create']);
  });
});

describe('three-way plan: decisions, --overwrite-admin-edits, rows without a base', () => {
  const conflictCase: Case = {
    base: { UserAccount: [anna()] },
    actual: { UserAccount: [anna({ DisplayName: 'Anna S.' })] },
    desired: { UserAccount: [anna({ DisplayName: 'Anna Schmidt-Berg' })] },
  };
  const keptCase: Case = { base: { UserAccount: [anna()] }, actual: { UserAccount: [anna({ DisplayName: 'Anna S.' })] }, desired: { UserAccount: [anna()] } };
  const decide = (keep: 'datacenter' | 'source', column?: string, table = 'dc.UserAccount'): ProjectDecision => ({
    table,
    key: { UserName: 'Anna.Schmidt' },
    ...(column === undefined ? {} : { column }),
    keep,
  });

  it.each<[string, Case, string[], string[]]>([
    ['keep datacenter decides a conflict: kept (decided), no error', { ...conflictCase, decisions: [decide('datacenter', 'DisplayName')] }, ['kept'], []],
    ['keep source decides a conflict: update that overwrites the admin edit', { ...conflictCase, decisions: [decide('source', 'displayname')] }, ['update'], []],
    ['a row-wide decision (no column) decides every column', { ...conflictCase, decisions: [decide('source', undefined, 'UserAccount')] }, ['update'], []],
    ['keep source decides a kept edit too', { ...keptCase, decisions: [decide('source', 'DisplayName')] }, ['update'], []],
    ['keep source on a row deleted in DataCenter re-creates it', { base: { UserAccount: [anna()] }, actual: {}, desired: { UserAccount: [anna()] }, decisions: [decide('source')] }, ['create'], []],
    ['--overwrite-admin-edits plans desired over a conflict', { ...conflictCase, overwrite: true }, ['update'], []],
    ['--overwrite-admin-edits plans desired over a kept edit', { ...keptCase, overwrite: true }, ['update'], []],
    ['--overwrite-admin-edits re-creates a row deleted in DataCenter', { base: { UserAccount: [anna()] }, actual: {}, desired: { UserAccount: [anna()] }, overwrite: true }, ['create'], []],
    ['a decision that matches nothing is a warning', { ...keptCase, decisions: [decide('source', 'DisplayName'), { table: 'dc.UserAccount', key: { UserName: 'nobody' }, keep: 'datacenter' }] }, ['update'], ['PLAN_DECISION_UNUSED']],
    ['a decision naming an unknown column is a warning', { ...keptCase, decisions: [decide('source', 'Nickname')] }, ['kept'], ['PLAN_DECISION_UNUSED']],
  ])('%s', (_name, c, actions, warnings) => {
    const p = plan3(c);
    expect(userChanges(p).map((x) => x.action)).toEqual(actions);
    expect(codes(p).filter((x) => x !== 'PLAN_NO_BASE')).toEqual(warnings);
    const write = userChanges(p).find((x) => x.action === 'update' || x.action === 'create');
    if (write?.action === 'update') expect(write.overwritesAdminEdit?.length).toBeGreaterThan(0);
    if (write?.action === 'create') expect(write.deletedInDataCenter).toBe(true);
  });

  it('an unused decision points at its line of the project file', () => {
    const p = planChanges(model({ UserAccount: [anna()] }), model({ UserAccount: [anna()] }), {
      ...options(),
      base: baseFromModel({ UserAccount: [anna()] }, RUN, hash),
      decisions: [decide('source', 'DisplayName')],
      projectPositions: { file: 'procall-migrate.yaml', at: new Map([['decisions[0]', { line: 42, column: 5 }]]) },
    });
    expect(p.diagnostics).toEqual([
      expect.objectContaining({ code: 'PLAN_DECISION_UNUSED', severity: 'warning', path: 'decisions[0]', file: 'procall-migrate.yaml', line: 42, column: 5 }),
    ]);
  });

  it('an update that overwrites an admin edit says so in text', () => {
    const p = plan3({ ...keptCase, overwrite: true });
    expect(renderPlanText(p, { color: false })).toContain('DisplayName: "Anna S." → "Anna Schmidt" (overwrites an admin edit in DataCenter)');
    expect(JSON.parse(renderPlanJson(p)).overwriteAdminEdits).toBe(true);
  });

  it('a decided kept column says so', () => {
    const p = plan3({ ...conflictCase, decisions: [decide('datacenter', 'DisplayName')] });
    expect(userChanges(p)[0]?.kept?.['DisplayName']).toMatchObject({ decided: true, actual: 'Anna S.', desired: 'Anna Schmidt-Berg' });
  });

  it('rows without a base are planned two-way, said once per table', () => {
    const p = plan3({
      base: { UserAccount: [anna()] },
      actual: { UserAccount: [anna(), user('bob', { DisplayName: 'Bob (edited)' }), user('carol', { DisplayName: 'x' })] },
      desired: { UserAccount: [anna(), user('bob'), user('carol')] },
    });
    expect(userChanges(p).map((c) => `${c.action} ${String(c.key['UserName'])}`)).toEqual(['update bob', 'update carol']);
    const noBase = p.diagnostics.filter((d) => d.code === 'PLAN_NO_BASE');
    expect(noBase).toHaveLength(2); // dc.Server (its row has no base either) and dc.UserAccount
    expect(noBase.find((d) => d.path === 'dc.UserAccount')?.message).toMatch(/^2 rows of dc\.UserAccount have no entry/);
  });

  it('without a ledger (no target, or never seeded) the plan is two-way and says nothing about it', () => {
    const p = plan3({ ...keptCase, decisions: [decide('source', 'DisplayName')] }, null);
    expect(userChanges(p).map((c) => c.action)).toEqual(['update']);
    expect(codes(p)).toEqual([]);
  });
});

describe('three-way plan: secrets compare by their keyed hash', () => {
  const cred = (v: string) => new Sensitive(v);
  it.each<[string, string, string, string, string[], boolean]>([
    ['unchanged secret: nothing', 'pw-1', 'pw-1', 'pw-1', [], false],
    ['the source rotated the secret: update', 'pw-1', 'pw-1', 'pw-2', ['update'], false],
    ['an admin reset the password: kept', 'pw-1', 'pw-admin', 'pw-1', ['kept'], false],
    ['both changed it differently: conflict', 'pw-1', 'pw-admin', 'pw-2', [], true],
  ])('%s', (_name, base, actual, desired, actions, conflict) => {
    const p = plan3({
      base: { UserAccount: [anna({ Credential: cred(base) })] },
      actual: { UserAccount: [anna({ Credential: cred(actual) })] },
      desired: { UserAccount: [anna({ Credential: cred(desired) })] },
    });
    expect(userChanges(p).map((c) => c.action)).toEqual(actions);
    expect(codes(p).includes('PLAN_ADMIN_EDIT_CONFLICT')).toBe(conflict);
    const everything = `${renderPlanJson(p)}${renderPlanText(p, { color: false })}${JSON.stringify(p.diagnostics)}`;
    for (const secret of ['pw-1', 'pw-2', 'pw-admin']) expect(everything).not.toContain(secret);
    if (conflict) expect(p.diagnostics.find((d) => d.code === 'PLAN_ADMIN_EDIT_CONFLICT')?.message).toContain('(sensitive)');
  });

  it('the base holds only hashes, never the value', () => {
    const base = baseFromModel({ UserAccount: [anna({ Credential: cred('pw-1') })], License: [license('ABCD-EFGH-0001')] }, RUN, hash);
    const stored = JSON.stringify([...(base.tables.UserAccount?.values() ?? []), ...(base.tables.License?.values() ?? [])]);
    expect(stored).not.toContain('pw-1');
    expect(stored.toLowerCase()).not.toContain('abcd-efgh');
    expect(stored).toMatch(/hmac:[0-9a-f]{64}/);
  });

  it('licence rows meet their base by the hashed key (case-insensitively); an admin changing Count is kept', () => {
    const p = plan3({
      base: { License: [license('ABCD-EFGH-0001', { Count: 100 })] },
      actual: { License: [license('abcd-efgh-0001', { Count: 120 })] },
      desired: { License: [license('ABCD-EFGH-0001', { Count: 100 })] },
    });
    const kept = p.changes.filter((c) => c.table === 'License');
    expect(kept.map((c) => c.action)).toEqual(['kept']);
    expect(kept[0]?.key['LicenseKey']).toBeInstanceOf(LicenseKey);
    expect(renderPlanJson(p).toLowerCase()).not.toContain('abcd-efgh');
  });
});
