import { describe, expect, it } from 'vitest';
import { mapToDataCenter } from '../../src/mappers/index.js';
import { codes, exp, find, group, location, project, user } from './build.js';

const P = project({ sources: ['a', 'b'], servers: [{ name: 'dc-01', fqdn: 'd.x', replaces: ['ucs-a', 'ucs-b'] }] });

describe('consolidation of several sources', () => {
  it('an identical location in two sources is one row (Origin: first source); rules keep their order', () => {
    const r = mapToDataCenter({ project: P, exports: [exp('ucs-a', { locations: [location('Berlin')] }), exp('ucs-b', { locations: [location('berlin')] })] });
    expect(codes(r.diagnostics, 'error')).toEqual([]);
    expect(r.model.Location.map((l) => [l.Name, l.Origin])).toEqual([['Berlin', 'ucs-a']]);
    expect(r.model.LocationRule.map((l) => [l.LocationName, l.Position, l.Search])).toEqual([['Berlin', 1, '^9(.*)$']]);
  });

  it.each([
    ['another city code', { cityCode: '40' }],
    ['other rules', { rules: [] }],
  ])('a location with %s is a conflict naming both sources', (_what, over) => {
    const r = mapToDataCenter({ project: P, exports: [exp('ucs-a', { locations: [location('Berlin')] }), exp('ucs-b', { locations: [location('Berlin', over)] })] });
    const [d] = find(r.diagnostics, 'MAP_LOCATION_CONFLICT');
    expect(d).toMatchObject({ severity: 'error', source: 'ucs-b', file: 'config/locations.xml' });
    expect(d!.message).toMatch(/ucs-a has .* ucs-b has/);
  });

  it.each([
    ['user name', [user('anna')], [user('ANNA', { sipUri: 'sip:other@x' })], 'MAP_USER_DUPLICATE'],
    ['SIP URI', [user('anna')], [user('bob', { sipUri: 'SIP:anna@corp.example' })], 'MAP_SIPURI_DUPLICATE'],
  ])('one %s in two sources is an error', (_what, ua, ub, code) => {
    const r = mapToDataCenter({ project: P, exports: [exp('ucs-a', { users: ua }), exp('ucs-b', { users: ub })] });
    expect(find(r.diagnostics, code)).toMatchObject([{ severity: 'error', source: 'ucs-b' }]);
    expect(r.model.UserAccount).toHaveLength(1);
  });

  it('one group in two sources: members merged, differing attributes reported', () => {
    const r = mapToDataCenter({
      project: P,
      exports: [
        exp('ucs-a', { users: [user('anna')], groups: [group('Sales', ['anna'], { leader: 'anna' })] }),
        exp('ucs-b', { users: [user('bob')], groups: [group('sales', ['bob', 'ghost'])] }),
      ],
    });
    expect(r.model.UserGroup.map((g) => [g.Name, g.LeaderUserName, g.Origin])).toEqual([['Sales', 'anna', 'ucs-a']]);
    expect(r.model.UserGroupMember.map((m) => [m.GroupName, m.UserName, m.Origin])).toEqual([
      ['Sales', 'anna', 'ucs-a'],
      ['Sales', 'bob', 'ucs-b'],
    ]);
    expect(codes(r.diagnostics, 'warning').sort()).toEqual(['MAP_GROUP_MEMBER_UNKNOWN', 'MAP_GROUP_MERGED']);
  });

  it('two exports of one source server are an error', () => {
    const r = mapToDataCenter({ project: P, exports: [exp('ucs-a'), exp('UCS-A')] });
    expect(find(r.diagnostics, 'MAP_SOURCE_DUPLICATE')).toHaveLength(1);
  });

  it('a replaces entry naming no export is a warning with its project path', () => {
    const r = mapToDataCenter({ project: P, exports: [exp('ucs-a')] });
    expect(find(r.diagnostics, 'MAP_REPLACES_UNKNOWN_SOURCE')).toMatchObject([{ severity: 'warning', path: 'servers[0].replaces[1]' }]);
  });

  it('a value longer than its column is an error naming table, row and column', () => {
    const r = mapToDataCenter({ project: P, exports: [exp('ucs-a', { users: [user('anna', { firstName: 'x'.repeat(129) })] })] });
    expect(find(r.diagnostics, 'MAP_TEXT_TOO_LONG')).toMatchObject([
      { severity: 'error', message: 'dc.UserAccount (UserName=anna): FirstName has 129 characters, the column holds 128' },
    ]);
  });

  it('rows carry the contract columns; Server rows come from the project', () => {
    const r = mapToDataCenter({ project: P, exports: [exp('ucs-a', { users: [user('anna')] })] });
    expect(r.model.Server).toEqual([{ Name: 'dc-01', Fqdn: 'd.x', Role: 'ucserver', Site: null, MaxUsers: null, Origin: 'project' }]);
    expect(Object.keys(r.model.UserAccount[0]!)).toEqual([
      'UserName', 'SipUri', 'FirstName', 'LastName', 'DisplayName', 'Email', 'Profile', 'Enabled', 'PhoneNumber', 'PhoneSecondary',
      'HomeServer', 'Credential', 'SamAccountName', 'DnPath', 'ObjectGuid', 'Origin',
    ]);
  });
});
