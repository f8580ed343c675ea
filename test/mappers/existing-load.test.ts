/**
 * Wave migrations and home servers: the users and computers earlier waves left in the target
 * count in balance and in the maxUsers check (migration-project.md: a server over its maxUsers
 * is an error, whichever run put the users there).
 */
import { describe, expect, it } from 'vitest';
import { existingLoad, mapToDataCenter } from '../../src/mappers/index.js';
import { emptyModel, type ComputerRow, type UserAccountRow } from '../../src/model/datacenter.js';
import { computer, exp, find, project, user } from './build.js';

/** Two ucservers replacing nothing: every user of ucs-a is placed by balance. */
const BALANCED = project({
  sources: ['a'],
  servers: [
    { name: 'dc-01', fqdn: 'dc-01.x', maxUsers: 10 },
    { name: 'dc-02', fqdn: 'dc-02.x', maxUsers: 10 },
  ],
  homeServers: { balance: true },
});
const placed = (r: ReturnType<typeof mapToDataCenter>) => Object.fromEntries(r.homeServers.map((h) => [h.userName, `${h.server} (${h.rule})`]));

describe('existing load (other waves) in the home-server rules', () => {
  it('balance counts the users already in the database: the emptier server gets the new user', () => {
    const input = { project: BALANCED, exports: [exp('ucs-a', { users: [user('anna')] })] };
    // Without a target the tie goes to the first name.
    expect(placed(mapToDataCenter(input))).toEqual({ anna: 'dc-01 (balance)' });
    // Wave 1 left 5 users on dc-01 (the database may spell the name in another case).
    const r = mapToDataCenter({ ...input, existingLoad: { users: { 'DC-01': 5 }, computers: {} } });
    expect(placed(r)).toEqual({ anna: 'dc-02 (balance)' });
    expect(r.decisions.find((d) => d.id === 'home-servers.user.existing')).toMatchObject({ affected: ['dc-01: 5'] });
  });

  it('balance skips a server other waves filled to its maxUsers; nothing left is unplaced', () => {
    const users = [user('anna'), user('bert')];
    const r = mapToDataCenter({ project: BALANCED, exports: [exp('ucs-a', { users })], existingLoad: { users: { 'dc-01': 10, 'dc-02': 9 }, computers: {} } });
    expect(placed(r)).toEqual({ anna: 'dc-02 (balance)' });
    expect(find(r.diagnostics, 'MAP_HOME_UNPLACED')).toMatchObject([{ severity: 'error', message: expect.stringContaining('bert') }]);
    expect(find(r.diagnostics, 'MAP_SERVER_OVER_CAPACITY')).toEqual([]);
  });

  it('computers are balanced with the computers already in the database', () => {
    const input = { project: BALANCED, exports: [exp('ucs-a', { users: [user('anna')], computers: [computer('PC-1')] })] };
    const r = mapToDataCenter({ ...input, existingLoad: { users: {}, computers: { 'dc-01': 3 } } });
    expect(r.computerHomeServers).toEqual([{ userName: 'PC-1', server: 'dc-02', rule: 'balance' }]);
  });

  describe('maxUsers', () => {
    const P = project({ sources: ['a'], servers: [{ name: 'dc-01', fqdn: 'dc-01.x', replaces: ['ucs-a'], maxUsers: 10 }] });
    const three = () => [exp('ucs-a', { users: [user('anna'), user('bert'), user('cleo')] })];

    it('this run plus the other waves over maxUsers is an error naming the server and both numbers', () => {
      expect(find(mapToDataCenter({ project: P, exports: three() }).diagnostics, 'MAP_SERVER_OVER_CAPACITY')).toEqual([]);
      const r = mapToDataCenter({ project: P, exports: three(), existingLoad: { users: { 'dc-01': 8 }, computers: {} } });
      expect(find(r.diagnostics, 'MAP_SERVER_OVER_CAPACITY')).toMatchObject([
        { severity: 'error', message: 'server "dc-01" gets 3 users from this run + 8 already in the database (other waves), more than its maxUsers 10' },
      ]);
      expect(r.blocked).toBe(true);
      // Exactly at maxUsers is fine; a server this run adds nobody to is not this run's error.
      const full = mapToDataCenter({ project: P, exports: three(), existingLoad: { users: { 'dc-01': 7 }, computers: {} } });
      expect(find(full.diagnostics, 'MAP_SERVER_OVER_CAPACITY')).toEqual([]);
      const two = project({
        sources: ['a'],
        servers: [
          { name: 'dc-01', fqdn: 'dc-01.x', replaces: ['ucs-a'], maxUsers: 10 },
          { name: 'dc-02', fqdn: 'dc-02.x', maxUsers: 10 },
        ],
      });
      const other = mapToDataCenter({ project: two, exports: three(), existingLoad: { users: { 'dc-02': 12 }, computers: {} } });
      expect(find(other.diagnostics, 'MAP_SERVER_OVER_CAPACITY')).toEqual([]);
    });
  });
});

describe('existingLoad(actual, exports)', () => {
  const account = (UserName: string, HomeServer: string, Origin: string): UserAccountRow =>
    ({ UserName, HomeServer, Origin }) as UserAccountRow;
  const pc = (Name: string, HomeServer: string, Origin: string): ComputerRow => ({ Name, HomeServer, Origin }) as ComputerRow;

  it('counts the rows of other waves per home server, not the rows this run maps again', () => {
    const actual = emptyModel();
    actual.UserAccount.push(
      account('old-1', 'dc-01', 'ucs-old'),
      account('old-2', 'dc-01', 'ucs-old'),
      account('old-3', 'dc-02', 'ucs-older'),
      // this run's source: re-placed by this run's rules (a re-run must not count itself)
      account('gone', 'dc-02', 'UCS-A'),
      // a name this run maps, seeded by another wave: the planner reports the clash, the load is this run's
      account('ANNA', 'dc-02', 'ucs-old'),
    );
    actual.Computer.push(pc('PC-OLD', 'dc-02', 'ucs-old'), pc('pc-1', 'dc-01', 'ucs-old'));
    const exports = [exp('ucs-a', { users: [user('anna')], computers: [computer('PC-1')] })];
    expect(existingLoad(actual, exports)).toEqual({ users: { 'dc-01': 2, 'dc-02': 1 }, computers: { 'dc-02': 1 } });
  });

  it('an empty target has no load', () => {
    expect(existingLoad(emptyModel(), [exp('ucs-a')])).toEqual({ users: {}, computers: {} });
  });
});
