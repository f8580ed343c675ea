import { describe, expect, it } from 'vitest';
import { mapToDataCenter } from '../../src/mappers/index.js';
import type { DataCenterModel } from '../../src/model/datacenter.js';
import { checkInvariants } from '../../src/model/invariants.js';
import { LicenseKey, Sensitive } from '../../src/model/sensitive.js';
import { exp, group, line, lineGroup, project, user } from './build.js';

/** A small valid model: two ucservers and a mediaserver, a user owning a line, content, a group. */
function validModel(): DataCenterModel {
  const p = project({
    servers: [
      { name: 'dc-01', fqdn: 'dc-01.x', replaces: ['ucs-a'] },
      { name: 'dc-02', fqdn: 'dc-02.x' },
      { name: 'ms-01', fqdn: 'ms-01.x', role: 'mediaserver' },
    ],
  });
  const e = exp('ucs-a', {
    lineGroups: [lineGroup('PBX', [line('+4930100')])],
    users: [user('anna', { phoneNumber: '+4930100' }), user('bob')],
    groups: [group('Team', ['anna', 'bob'], { everyoneSeesEveryone: true })],
  });
  e.clientContent = [{ userName: 'anna', revision: 1, content: '<ClientContent/>', pos: { file: 'x', line: 1, column: 1 } }];
  const r = mapToDataCenter({ project: p, exports: [e] });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.model;
}

const failing = (m: DataCenterModel): string[] => checkInvariants(m).filter((i) => !i.ok).map((i) => i.id);

describe('checkInvariants', () => {
  it('a mapped model holds every invariant', () => {
    const results = checkInvariants(validModel());
    expect(results.map((r) => r.id)).toEqual([
      'home-server-is-ucserver', 'owned-lines-on-home-server', 'client-content-on-home-server', 'no-global-everyone-sees-everyone',
      'user-store-not-file-based', 'secrets-wrapped', 'no-credential-in-ad-mode', 'user-licence-present', 'server-licences-counted',
      'servers-within-capacity', 'references-resolve', 'keys-unique',
    ]);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.find((r) => r.id === 'server-licences-counted')!.note).toBe('1 server licence(s) for 3 server(s) (1 dedicated mediaserver(s)): 2 missing');
  });

  it.each<[string, (m: DataCenterModel) => void, string[]]>([
    ['a user homed on a mediaserver', (m) => { m.UserAccount.find((u) => u.UserName === 'bob')!.HomeServer = 'ms-01'; }, ['home-server-is-ucserver']],
    ['a line on another server than its owner', (m) => { m.Line[0]!.ManagementServer = 'dc-02'; }, ['owned-lines-on-home-server']],
    ['client content on another server', (m) => { m.ClientContent[0]!.ServerName = 'dc-02'; }, ['client-content-on-home-server']],
    ['a global everyone-sees-everyone', (m) => { m.Setting.push({ Scope: 'global', ServerName: '', Key: 'monitor.everyoneSeesEveryone', ObjectName: '', Type: 'bool', Value: '1', Origin: 'x' }); }, ['no-global-everyone-sees-everyone']],
    ['a file-based user store', (m) => { (m.Environment[0] as { UserStore: string }).UserStore = 'integrated'; }, ['user-store-not-file-based']],
    ['a plain secret', (m) => { m.Setting.push({ Scope: 'global', ServerName: '', Key: 'mail.password', ObjectName: '', Type: 'secret', Value: 'plain', Origin: 'x' }); }, ['secrets-wrapped']],
    ['a credential in ad mode', (m) => { m.UserAccount[0]!.Credential = new Sensitive('h'); }, ['no-credential-in-ad-mode']],
    ['no user licence', (m) => { m.License = m.License.filter((l) => l.Kind !== 'user'); }, ['user-licence-present']],
    ['a server licence without a count', (m) => { m.License.find((l) => l.Kind === 'server')!.Count = 0; }, ['server-licences-counted']],
    ['two waves together over a server\'s MaxUsers', (m) => { m.Server.find((s) => s.Name === 'dc-01')!.MaxUsers = 1; }, ['servers-within-capacity']],
    ['a member of a missing group', (m) => { m.UserGroupMember.push({ GroupName: 'Nope', UserName: 'anna', Origin: 'x' }); }, ['references-resolve']],
    ['two servers with one FQDN', (m) => { m.Server[1]!.Fqdn = 'DC-01.x'; }, ['keys-unique']],
  ])('fails on %s', (_what, breakIt, ids) => {
    const m = validModel();
    breakIt(m);
    expect(failing(m)).toEqual(ids);
  });

  it('never prints a secret or a full licence key in offending rows', () => {
    const m = validModel();
    m.License.push({ LicenseKey: new LicenseKey(m.License[0]!.LicenseKey.reveal()), Kind: 'user', Count: 1, Origin: 'x' });
    m.Setting.push({ Scope: 'global', ServerName: '', Key: 'mail.password', ObjectName: '', Type: 'text', Value: new Sensitive('T0p$ecret'), Origin: 'x' });
    const text = JSON.stringify(checkInvariants(m));
    expect(text).not.toContain('T0p$ecret');
    expect(text).not.toContain(m.License[0]!.LicenseKey.reveal());
    expect(failing(m)).toEqual(['secrets-wrapped', 'keys-unique']);
  });
});
