import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/model/errors.js';
import { destructiveChanges, NO_SERVER, planChanges, planExitCode, summarizeByServer } from '../../src/plan/index.js';
import { line, model, options, server, setting, user } from './fixtures.js';

const plan = planChanges(
  model({
    Server: [server('dc-ucs-01'), server('dc-ucs-02')],
    Setting: [setting('logging.level', 'debug')],
    Line: [line('tel:200', { ManagementServer: 'dc-ucs-02' })],
    UserAccount: [user('alice', { DisplayName: 'Alice' }), user('carol', { HomeServer: 'dc-ucs-02' })],
  }),
  model({
    Server: [server('dc-ucs-01')],
    UserAccount: [user('alice'), user('bob', { HomeServer: 'dc-ucs-02' })],
    Setting: [setting('old.key', 'x')],
  }),
  options({ prune: true }),
);

describe('plan summaries', () => {
  it('counts per table and action, keyed by the qualified table name, every table present', () => {
    expect(Object.keys(plan.summary)).toHaveLength(14);
    expect(Object.entries(plan.summary).filter(([, c]) => c.create + c.update + c.delete > 0)).toEqual([
      ['dc.Server', { create: 1, update: 0, delete: 0 }],
      ['dc.Setting', { create: 1, update: 0, delete: 1 }],
      ['dc.Line', { create: 1, update: 0, delete: 0 }],
      ['dc.UserAccount', { create: 1, update: 1, delete: 1 }],
    ]);
  });

  it('counts per server, rows of no single server last', () => {
    expect(summarizeByServer(plan.changes)).toEqual({
      'dc-ucs-01': { create: 0, update: 1, delete: 0 },
      'dc-ucs-02': { create: 3, update: 0, delete: 1 },
      [NO_SERVER]: { create: 1, update: 0, delete: 1 },
    });
  });

  it('lists the destructive changes', () => {
    expect(destructiveChanges(plan.changes).map((c) => [c.table, c.key])).toEqual([
      ['UserAccount', { UserName: 'bob' }],
      ['Setting', { Scope: 'global', ServerName: '', Key: 'old.key', ObjectName: '' }],
    ]);
  });
});

describe('planExitCode', () => {
  const empty = planChanges(model({}), model({}), options());
  const refused = { ...plan, diagnostics: [{ code: 'PLAN_ORIGIN_CONFLICT', severity: 'error' as const, message: 'm' }] };
  it.each([
    ['no changes, detailed', empty, true, ExitCode.ok],
    ['changes, detailed', plan, true, ExitCode.changesPresent],
    ['changes, not detailed', plan, false, ExitCode.ok],
    ['error diagnostics', refused, true, ExitCode.refused],
    ['error diagnostics, not detailed', refused, false, ExitCode.refused],
  ])('%s', (_name, p, detailedExitcode, expected) => {
    expect(planExitCode(p, { detailedExitcode })).toBe(expected);
  });
});
