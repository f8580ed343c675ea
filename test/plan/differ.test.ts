import { describe, expect, it } from 'vitest';
import type { DataCenterModel } from '../../src/model/datacenter.js';
import { LicenseKey, Sensitive } from '../../src/model/sensitive.js';
import { planChanges } from '../../src/plan/index.js';
import { keyLabel } from '../../src/plan/render/format.js';
import { license, line, member, model, options, server, setting, user } from './fixtures.js';

/** `+ dc.UserAccount alice` per change, in plan order. */
const outline = (desired: DataCenterModel, actual: DataCenterModel, opts = options()) =>
  planChanges(desired, actual, opts).changes.map(
    (c) => `${{ create: '+', update: '~', delete: '-', kept: '~ kept' }[c.action]} dc.${c.table} ${keyLabel(c.key)}`,
  );

describe('planChanges: the keyed differ', () => {
  it.each<[string, DataCenterModel, DataCenterModel, ReturnType<typeof options>, string[]]>([
    ['creates every desired row into an empty target', model({ Server: [server('dc-ucs-01')], UserAccount: [user('bob'), user('alice')] }), model({}), options(), ['+ dc.Server dc-ucs-01', '+ dc.UserAccount alice', '+ dc.UserAccount bob']],
    ['updates a changed row', model({ UserAccount: [user('alice', { DisplayName: 'Alice A.' })] }), model({ UserAccount: [user('alice')] }), options(), ['~ dc.UserAccount alice']],
    ['matches text keys ignoring case', model({ UserAccount: [user('Alice', { SipUri: 'alice@corp.example' })] }), model({ UserAccount: [user('alice', { DisplayName: 'Alice' })] }), options(), []],
    ['matches composite keys ignoring case', model({ UserGroupMember: [member('Sales', 'Alice')] }), model({ UserGroupMember: [member('SALES', 'alice')] }), options(), []],
    ['matches licence keys by value', model({ License: [license('ABCD-0001')] }), model({ License: [license('ABCD-0001')] }), options(), []],
    ['plans no deletes without prune', model({}), model({ UserAccount: [user('gone')] }), options({ prune: false }), []],
    ['deletes rows of this run’s sources with prune', model({}), model({ UserAccount: [user('gone')] }), options({ prune: true }), ['- dc.UserAccount gone']],
    ['never deletes rows of another wave, even with prune', model({}), model({ UserAccount: [user('other', { Origin: 'ucs-muc-01' })] }), options({ prune: true }), []],
    ['never deletes project rows, even when the caller names project as a source', model({}), model({ Server: [server('dc-ucs-01')] }), options({ prune: true, sources: ['ucs-ber-01', 'project'] }), []],
    ['updates rows whose Origin is project', model({ Server: [server('dc-ucs-01', { MaxUsers: 500, Origin: 'ucs-ber-01' })] }), model({ Server: [server('dc-ucs-01')] }), options(), ['~ dc.Server dc-ucs-01']],
    ['matches Origin ignoring case', model({}), model({ UserAccount: [user('gone', { Origin: 'UCS-BER-01' })] }), options({ prune: true }), ['- dc.UserAccount gone']],
    [
      'orders creates in FK order and deletes in reverse',
      model({ Server: [server('dc-ucs-02')], UserAccount: [user('carol', { HomeServer: 'dc-ucs-02' })] }),
      model({ Server: [server('dc-ucs-01', { Origin: 'ucs-ber-01' })], UserAccount: [user('bob')], Line: [line('tel:100')] }),
      options({ prune: true }),
      ['+ dc.Server dc-ucs-02', '+ dc.UserAccount carol', '- dc.UserAccount bob', '- dc.Line tel:100', '- dc.Server dc-ucs-01'],
    ],
    [
      'sorts within a table by key, numbers as numbers',
      model({ LocationRule: [10, 9, 1].map((Position) => ({ LocationName: 'Berlin', Position, Search: 's', Replace: 'r', MatchReplace: false, Origin: 'project' })) }),
      model({}),
      options(),
      ['+ dc.LocationRule Berlin / 1', '+ dc.LocationRule Berlin / 9', '+ dc.LocationRule Berlin / 10'],
    ],
  ])('%s', (_name, desired, actual, opts, expected) => {
    expect(outline(desired, actual, opts)).toEqual(expected);
  });

  it('returns an empty plan when nothing changed', () => {
    const m = model({ Server: [server('dc-ucs-01')], UserAccount: [user('alice', { Credential: new Sensitive('pw') })] });
    const again = model({ Server: [server('dc-ucs-01')], UserAccount: [user('alice', { Credential: new Sensitive('pw') })] });
    const plan = planChanges(m, again, options());
    expect(plan.changes).toEqual([]);
    expect(plan.diagnostics).toEqual([]);
    expect(Object.values(plan.summary).every((c) => c.create + c.update + c.delete === 0)).toBe(true);
  });

  it('an update carries only the changed columns, as from/to', () => {
    const plan = planChanges(
      model({ UserAccount: [user('alice', { DisplayName: 'Alice A.', Enabled: false })] }),
      model({ UserAccount: [user('alice')] }),
      options(),
    );
    expect(plan.changes).toEqual([
      {
        table: 'UserAccount',
        key: { UserName: 'alice' },
        action: 'update',
        server: 'dc-ucs-01',
        changes: { DisplayName: { from: 'alice', to: 'Alice A.' }, Enabled: { from: true, to: false } },
      },
    ]);
  });

  it('a create carries the whole row and a delete the whole old row', () => {
    const plan = planChanges(model({ UserAccount: [user('new')] }), model({ UserAccount: [user('old')] }), options({ prune: true }));
    expect(plan.changes.map((c) => [c.action, c.after ?? c.before])).toEqual([
      ['create', user('new')],
      ['delete', user('old')],
    ]);
  });

  it('a changed secret is an update whose both sides print (sensitive)', () => {
    const plan = planChanges(
      model({ UserAccount: [user('alice', { Credential: new Sensitive('new-pw') })], Setting: [setting('smtp.password', new Sensitive('s2'))] }),
      model({ UserAccount: [user('alice', { Credential: new Sensitive('old-pw') })], Setting: [setting('smtp.password', new Sensitive('s1'))] }),
      options(),
    );
    expect(plan.changes.map((c) => JSON.stringify(c.changes))).toEqual([
      '{"Value":{"from":"(sensitive)","to":"(sensitive)"}}',
      '{"Credential":{"from":"(sensitive)","to":"(sensitive)"}}',
    ]);
    // In memory the new value stays available to the SQL writer.
    expect((plan.changes[1]?.changes?.['Credential']?.to as Sensitive).reveal()).toBe('new-pw');
  });

  it('wraps a secret that arrives as plain text (a secret setting read back as a string)', () => {
    const actual = model({ Setting: [setting('smtp.password', 'plain-from-db', { Type: 'secret' })] });
    const same = planChanges(model({ Setting: [setting('smtp.password', new Sensitive('plain-from-db'))] }), actual, options());
    expect(same.changes).toEqual([]);
    const changed = planChanges(model({ Setting: [setting('smtp.password', new Sensitive('other'))] }), actual, options());
    expect(JSON.stringify(changed.changes)).not.toContain('plain-from-db');
  });

  it('a changed licence count on a matched key keeps the key masked', () => {
    const plan = planChanges(model({ License: [license('SECRET-KEY-0001', { Count: 200 })] }), model({ License: [license('secret-key-0001')] }), options());
    expect(JSON.stringify(plan.changes)).toBe(
      '[{"table":"License","key":{"LicenseKey":"…0001"},"action":"update","changes":{"Count":{"from":100,"to":200}}}]',
    );
    expect((plan.changes[0]?.key['LicenseKey'] as LicenseKey).reveal()).toBe('SECRET-KEY-0001');
  });

  it('reports an update of another wave’s row as PLAN_ORIGIN_CONFLICT and leaves it alone', () => {
    const plan = planChanges(
      model({ UserAccount: [user('alice', { DisplayName: 'changed', Origin: 'ucs-ber-01' }), user('muc-same', { Origin: 'ucs-muc-01' })] }),
      model({ UserAccount: [user('alice', { Origin: 'ucs-muc-01' }), user('muc-same', { Origin: 'ucs-muc-01' }), user('muc-other', { Origin: 'ucs-muc-01' })] }),
      options({ prune: true }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.diagnostics).toEqual([
      {
        code: 'PLAN_ORIGIN_CONFLICT',
        severity: 'error',
        message:
          'dc.UserAccount alice belongs to the wave of ucs-muc-01 (its Origin) and holds other values (DisplayName); this run may change only rows of its own sources or of the project, so the change is not planned.',
        path: 'dc.UserAccount[alice]',
        hint: "Add ucs-muc-01's export to this project's sources (and decide the value under settings: if they disagree), or migrate ucs-muc-01 again with the value you want.",
        subject: 'dc.UserAccount:alice',
        params: { table: 'dc.UserAccount', row: 'dc.UserAccount[alice]', key: 'alice', wave: 'ucs-muc-01', columns: ['DisplayName'] },
      },
    ]);
  });

  it('leaves a row another wave wrote with the same values alone (shared, not a conflict)', () => {
    const plan = planChanges(
      model({ UserAccount: [user('shared', { Origin: 'ucs-ber-01' })] }),
      model({ UserAccount: [user('shared', { Origin: 'ucs-muc-01' })] }),
      options({ prune: true }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('says how many rows it kept without prune', () => {
    const plan = planChanges(model({}), model({ UserAccount: [user('a'), user('b')] }), options());
    expect(plan.diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
      ['PLAN_PRUNE_SKIPPED', 'info', "2 rows of dc.UserAccount from this run's sources are no longer in the exports and are kept."],
    ]);
  });

  it('reports two desired rows with one key', () => {
    const plan = planChanges(model({ UserAccount: [user('alice'), user('ALICE')] }), model({}), options());
    expect(plan.changes).toHaveLength(1);
    expect(plan.diagnostics.map((d) => d.code)).toEqual(['PLAN_DUPLICATE_KEY']);
  });

  it('carries the earlier stages’ diagnostics, sorted', () => {
    const warn = { code: 'MAP_X', severity: 'warning' as const, message: 'w' };
    const err = { code: 'IMPORT_Y', severity: 'error' as const, message: 'e' };
    const plan = planChanges(model({}), model({}), options({ meta: { diagnostics: [warn, err] } }));
    expect(plan.diagnostics).toEqual([err, warn]);
  });

  it.each([
    ['Server', model({ Server: [server('dc-ucs-02')] }), 'dc-ucs-02'],
    ['UserAccount', model({ UserAccount: [user('a', { HomeServer: 'dc-ucs-03' })] }), 'dc-ucs-03'],
    ['Line', model({ Line: [line('tel:1', { ManagementServer: 'dc-ucs-04' })] }), 'dc-ucs-04'],
    ['server Setting', model({ Setting: [setting('k', 'v', { Scope: 'server', ServerName: 'dc-ucs-05' })] }), 'dc-ucs-05'],
    ['global Setting', model({ Setting: [setting('k', 'v')] }), undefined],
    ['group member (via its user)', model({ UserAccount: [user('a', { HomeServer: 'dc-ucs-06' })], UserGroupMember: [member('g', 'A')] }), 'dc-ucs-06'],
  ])('attributes a %s change to its server', (_name, desired, expected) => {
    const plan = planChanges(desired, model({}), options());
    expect(plan.changes.at(-1)?.server).toBe(expected);
  });

  it('plans 50,000 users against 50,000 (Maps, not nested loops)', () => {
    const n = 50_000;
    const desired = model({ UserAccount: Array.from({ length: n }, (_, i) => user(`user${i}`, { Enabled: i % 10 !== 0 })) });
    const actual = model({ UserAccount: Array.from({ length: n }, (_, i) => user(`USER${i + 1000}`, { SipUri: `user${i + 1000}@corp.example`, DisplayName: `user${i + 1000}` })) });
    const plan = planChanges(desired, actual, options({ prune: true }));
    expect(plan.summary['dc.UserAccount']).toEqual({ create: 1000, update: 4900, delete: 1000 });
  });
});
