import { describe, expect, it } from 'vitest';
import { withPlannedHomeServers } from '../../src/report/report-data.js';
import type { UserRow } from '../../src/report/user-rows.js';

const row = (userName: string, homeServer: string): UserRow => ({ userName, displayName: userName, source: 'ucs-1', homeServer, rule: 'balance', lines: [], groups: [] });
const plan = (changes: unknown[]) => ({ planDigest: 'd'.repeat(64), targetFingerprint: 'empty', summary: {}, changes: changes as never });

describe('the signed report shows the home servers the plan writes', () => {
  it('takes a created or moved user\'s home server from the plan, keeps the rest', () => {
    const rows = [row('anna', 'dc-1'), row('bert', 'dc-1'), row('carl', 'dc-2')];
    const out = withPlannedHomeServers(rows, plan([
      { table: 'dc.UserAccount', key: { UserName: 'Anna' }, action: 'create', after: { UserName: 'Anna', HomeServer: 'dc-2' } },
      { table: 'dc.UserAccount', key: { UserName: 'bert' }, action: 'update', changes: { HomeServer: { from: 'dc-1', to: 'dc-3' } } },
      { table: 'dc.Setting', key: { Key: 'x' }, action: 'create', after: { HomeServer: 'dc-9' } },
    ]));
    expect(out.map((r) => [r.userName, r.homeServer])).toEqual([['anna', 'dc-2'], ['bert', 'dc-3'], ['carl', 'dc-2']]);
    expect(withPlannedHomeServers(rows, undefined)).toBe(rows);
  });
});
