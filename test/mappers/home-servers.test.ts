import { describe, expect, it } from 'vitest';
import { mapToDataCenter } from '../../src/mappers/index.js';
import type { MappingEntry } from '../../src/project/schema.js';
import { codes, computer, exp, find, line, lineGroup, project, user } from './build.js';

/** Two sources, three ucservers: dc-01 replaces ucs-a, dc-02 replaces ucs-b, dc-03 manages group "Lager". */
const SERVERS = [
  { name: 'dc-01', fqdn: 'dc-01.x', replaces: ['ucs-a'], maxUsers: 10 },
  { name: 'dc-02', fqdn: 'dc-02.x', replaces: ['ucs-b'], maxUsers: 10 },
  { name: 'dc-03', fqdn: 'dc-03.x', lineGroups: ['Lager'], maxUsers: 10 },
  { name: 'ms-01', fqdn: 'ms-01.x', role: 'mediaserver' as const },
];
const P = (over: object = {}) => project({ sources: ['a', 'b'], servers: SERVERS, ...over });

const a = () =>
  exp('ucs-a', {
    lineGroups: [lineGroup('Büro', [line('+4930100'), line('+4930101')]), lineGroup('Lager', [line('+4930200'), line('+4930201')], { kind: 'TAPI' })],
    users: [
      user('anna', { phoneNumber: '+4930100' }),
      user('lars', { phoneNumber: '+4930200' }),
      user('nina'),
      user('rita', { homeServer: 'dc-02.x' }),
      user('zoe', { phoneNumber: '+4930101', phoneSecondary: '+4930201' }),
    ],
    computers: [computer('PC-1', { phoneNumber: '+4930200' }), computer('PC-2')],
  });
const b = () => exp('ucs-b', { users: [user('bert')] });

const rule = (r: ReturnType<typeof mapToDataCenter>, name: string) => r.homeServers.find((h) => h.userName === name);

describe('home servers', () => {
  it.each([
    ['own line → the server managing its group (project lineGroups)', 'lars', 'dc-03', 'lines'],
    ['own line → the server replacing the line group source', 'anna', 'dc-01', 'lines'],
    ['request (u8sHomeServer, by fqdn)', 'rita', 'dc-02', 'request'],
    ['no line → the server replacing the source', 'nina', 'dc-01', 'source'],
    ['other source', 'bert', 'dc-02', 'source'],
  ])('%s', (_what, name, server, ruleName) => {
    const r = mapToDataCenter({ project: P(), exports: [a(), b()] });
    expect(rule(r, name)).toEqual({ userName: name, server, rule: ruleName });
    expect(r.model.UserAccount.find((u) => u.UserName === name)!.HomeServer).toBe(server);
  });

  it('lines on two servers: an error naming the user and both lines', () => {
    const r = mapToDataCenter({ project: P(), exports: [a(), b()] });
    const [d] = find(r.diagnostics, 'MAP_HOME_LINES_SPLIT');
    expect(d).toMatchObject({ severity: 'error', source: 'ucs-a', file: 'users.xml' });
    expect(d!.message).toBe('user "zoe" has lines on two servers: "tel:+4930101" on "dc-01" and "tel:+4930201" on "dc-03"');
  });

  it('the mapping wins over every rule', () => {
    const mapping: MappingEntry[] = [{ userName: 'NINA', server: 'dc-03', file: 'm.csv', line: 2 }];
    const r = mapToDataCenter({ project: P(), exports: [a(), b()], mapping });
    expect(rule(r, 'nina')).toEqual({ userName: 'nina', server: 'dc-03', rule: 'mapping' });
  });

  it.each([
    ['an unknown server', { userName: 'nina', server: 'dc-99' }, 'MAP_MAPPING_UNKNOWN_SERVER', 'error'],
    ['a mediaserver', { userName: 'nina', server: 'ms-01' }, 'MAP_MAPPING_MEDIASERVER', 'error'],
    ['a user against their own line', { userName: 'anna', server: 'dc-02' }, 'MAP_HOME_LINE_MISMATCH', 'error'],
    ['an unknown user', { userName: 'ghost', server: 'dc-01' }, 'MAP_MAPPING_UNKNOWN_USER', 'warning'],
  ] as const)('a mapping row naming %s is reported', (_what, entry, code, severity) => {
    const r = mapToDataCenter({ project: P(), exports: [a(), b()], mapping: [{ ...entry, file: 'm.csv', line: 7 }] });
    expect(find(r.diagnostics, code)).toMatchObject([{ severity }]);
    if (code !== 'MAP_HOME_LINE_MISMATCH') expect(find(r.diagnostics, code)[0]).toMatchObject({ file: 'm.csv', line: 7 });
  });

  it.each([
    ['one letter off a migrated user: an error naming that user', 'ninna', 'error', 'the mapping names user "ninna", whom no export holds (did you mean nina?); the row is not used', /^write nina/],
    ['two letters off (swapped and dropped)', 'rtia.', 'error', 'the mapping names user "rtia.", whom no export holds (did you mean rita?); the row is not used', /^write rita/],
    ['close to nobody: a warning (the user may have left)', 'ghost', 'warning', 'the mapping names user "ghost", whom no export holds; the row is not used', /left the company/],
  ] as const)('a mapping user no export holds, %s', (_what, userName, severity, message, hint) => {
    const r = mapToDataCenter({ project: P(), exports: [a(), b()], mapping: [{ userName, server: 'dc-03', file: 'm.csv', line: 3 }] });
    const [d] = find(r.diagnostics, 'MAP_MAPPING_UNKNOWN_USER');
    expect(d).toMatchObject({ severity, message, file: 'm.csv', line: 3 });
    expect(d!.hint).toMatch(hint);
  });

  it('an ignored request (not a ucserver) falls through to the next rule with a warning', () => {
    const e = exp('ucs-a', { users: [user('rita', { homeServer: 'ms-01' })] });
    const r = mapToDataCenter({ project: P(), exports: [e] });
    expect(rule(r, 'rita')).toMatchObject({ server: 'dc-01', rule: 'source' });
    expect(codes(r.diagnostics, 'warning')).toContain('MAP_HOME_REQUEST_IGNORED');
  });

  it('a user no rule places is an error; balance places them', () => {
    // (A source name far from every `replaces` entry: "ucs-z" would be a misspelling of "ucs-a".)
    const orphan = exp('pbx-extra-site', { users: [user('olga'), user('otto')] });
    const r = mapToDataCenter({ project: P(), exports: [b(), orphan] });
    expect(find(r.diagnostics, 'MAP_HOME_UNPLACED')).toMatchObject([{ severity: 'error', source: 'pbx-extra-site', message: expect.stringContaining('olga, otto') }]);
    const balanced = mapToDataCenter({ project: P({ homeServers: { balance: true } }), exports: [b(), orphan] });
    expect(codes(balanced.diagnostics, 'error')).toEqual([]);
    // dc-02 has bert (1/10): olga goes to dc-01 (0/10, ties by name before dc-03), otto to dc-03.
    expect(balanced.homeServers.filter((h) => h.rule === 'balance')).toEqual([
      { userName: 'olga', server: 'dc-01', rule: 'balance' },
      { userName: 'otto', server: 'dc-03', rule: 'balance' },
    ]);
  });

  it('balance weighs by maxUsers and never picks a mediaserver', () => {
    const p = project({
      sources: ['z'],
      homeServers: { balance: true },
      servers: [
        { name: 'big', fqdn: 'big.x', maxUsers: 30 },
        { name: 'small', fqdn: 'small.x', maxUsers: 10 },
        { name: 'ms', fqdn: 'ms.x', role: 'mediaserver' },
      ],
    });
    const users = Array.from({ length: 20 }, (_, i) => user(`u${String(i).padStart(2, '0')}`));
    const r = mapToDataCenter({ project: p, exports: [exp('ucs-z', { users })] });
    const count = (s: string) => r.homeServers.filter((h) => h.server === s).length;
    expect([count('big'), count('small'), count('ms')]).toEqual([15, 5, 0]);
  });

  it('a server over its maxUsers is an error naming it', () => {
    const p = project({ servers: [{ name: 'dc-01', fqdn: 'dc-01.x', replaces: ['ucs-a'], maxUsers: 2 }] });
    const r = mapToDataCenter({ project: p, exports: [exp('ucs-a', { users: [user('a1'), user('a2'), user('a3')] })] });
    expect(find(r.diagnostics, 'MAP_SERVER_OVER_CAPACITY')).toMatchObject([{ severity: 'error', message: 'server "dc-01" gets 3 users, more than its maxUsers 2' }]);
  });

  it('computers follow their lines, then their source', () => {
    const r = mapToDataCenter({ project: P(), exports: [a(), b()] });
    expect(r.computerHomeServers).toEqual([
      { userName: 'PC-1', server: 'dc-03', rule: 'lines' },
      { userName: 'PC-2', server: 'dc-01', rule: 'source' },
    ]);
    expect(r.model.Computer.map((c) => [c.Name, c.HomeServer])).toEqual([['PC-1', 'dc-03'], ['PC-2', 'dc-01']]);
  });

  it('client content is bound to the home server', () => {
    const e = a();
    e.clientContent = [{ userName: 'LARS', revision: 5, content: '<ClientContent/>', pos: { file: 'config/users/lars_clientcontent.xml', line: 1, column: 1 } }];
    const r = mapToDataCenter({ project: P(), exports: [e] });
    expect(r.model.ClientContent).toEqual([{ UserName: 'lars', ServerName: 'dc-03', Content: '<ClientContent/>', Revision: 5, Origin: 'ucs-a' }]);
  });

  it('every decision names its rule and counts per server', () => {
    const r = mapToDataCenter({ project: P(), exports: [a(), b()] });
    // nina, and zoe (split lines: an error) by the next rule
    expect(r.decisions.find((d) => d.id === 'home-servers.user.source')).toMatchObject({ affected: ['dc-01: 2', 'dc-02: 1'] });
  });
});

describe('lines and line groups', () => {
  it('ManagementServer: the server listing the group, else the server replacing its source', () => {
    const r = mapToDataCenter({ project: P(), exports: [a(), b()] });
    expect(r.model.LineGroup.map((g) => [g.Name, g.ManagementServer, g.Origin])).toEqual([
      ['Büro', 'dc-01', 'ucs-a'],
      ['Lager', 'dc-03', 'ucs-a'],
    ]);
    expect(r.model.Line.map((l) => [l.PhoneNumber, l.ManagementServer, l.LineGroupName])).toEqual([
      ['+4930100', 'dc-01', 'Büro'],
      ['+4930101', 'dc-01', 'Büro'],
      ['+4930200', 'dc-03', 'Lager'],
      ['+4930201', 'dc-03', 'Lager'],
    ]);
  });

  it.each([
    ['no server for the group', project({ servers: [{ name: 'dc-01', fqdn: 'd.x' }], homeServers: { balance: true } }), 'MAP_LINEGROUP_NO_SERVER'],
    [
      'one group in two sources replaced by different servers',
      project({ servers: [{ name: 'dc-01', fqdn: 'd1.x', replaces: ['ucs-a'] }, { name: 'dc-02', fqdn: 'd2.x', replaces: ['ucs-b'] }] }),
      'MAP_LINEGROUP_AMBIGUOUS',
    ],
  ])('%s is an error', (_what, p, code) => {
    const g = lineGroup('PBX', [line('+4940100')]);
    const r = mapToDataCenter({ project: p, exports: [exp('ucs-a', { lineGroups: [g] }), exp('ucs-b', { lineGroups: [lineGroup('PBX', [line('+4940100')])] })] });
    expect(find(r.diagnostics, code)).toMatchObject([{ severity: 'error', hint: expect.stringContaining('lineGroups') }]);
  });

  it('one group name with another kind or location is a conflict; the same PBX seen twice is one group', () => {
    const p = project({ servers: [{ name: 'dc-01', fqdn: 'd.x', replaces: ['ucs-a', 'ucs-b'] }] });
    const same = mapToDataCenter({ project: p, exports: [exp('ucs-a', { lineGroups: [lineGroup('PBX', [line('+491')])] }), exp('ucs-b', { lineGroups: [lineGroup('pbx', [line('+491'), line('+492')])] })] });
    expect(codes(same.diagnostics, 'error')).toEqual([]);
    expect(same.model.LineGroup).toHaveLength(1);
    expect(same.model.Line.map((l) => [l.PhoneNumber, l.Origin])).toEqual([['+491', 'ucs-a'], ['+492', 'ucs-b']]);
    const conflict = mapToDataCenter({ project: p, exports: [exp('ucs-a', { lineGroups: [lineGroup('PBX', [])] }), exp('ucs-b', { lineGroups: [lineGroup('PBX', [], { kind: 'SIP' })] })] });
    expect(find(conflict.diagnostics, 'MAP_LINEGROUP_CONFLICT')[0]!.message).toContain('ECSTA at location "Berlin" in ucs-a but SIP at "Berlin" in ucs-b');
  });

  it('one number on two line URIs is a conflict', () => {
    const r = mapToDataCenter({ project: project(), exports: [exp('ucs-a', { lineGroups: [lineGroup('G', [line('+491'), line('+491', { uri: 'tel:+491;ext=2' })])] })] });
    expect(find(r.diagnostics, 'MAP_LINE_CONFLICT')).toHaveLength(1);
  });
});
