import { describe, expect, it } from 'vitest';
import { mapToDataCenter } from '../../src/mappers/index.js';
import type { EnterpriseExport, UserManagement } from '../../src/model/enterprise.js';
import { Sensitive } from '../../src/model/sensitive.js';
import { codes, exp, find, group, license, project, setting, user } from './build.js';

const withSettings = (source: string, over: Partial<EnterpriseExport>, ...s: ReturnType<typeof setting>[]): EnterpriseExport => {
  const e = exp(source, over);
  e.settings.push(...s);
  return e;
};

describe('user store', () => {
  const src = (m: UserManagement | 'none', source = 'ucs-a') => exp(source, { users: [user(`u-${source}`)] }, m);
  const TWO = { sources: ['a', 'b'], servers: [{ name: 'dc-01', fqdn: 'dc-01.x', replaces: ['ucs-a', 'ucs-b'] }] };

  it.each([
    ['integrated without userStore', [src('integrated')], undefined, 'MAP_USERSTORE_REQUIRED', undefined],
    ['no usermanager.mode without userStore', [src('none')], undefined, 'MAP_USERSTORE_REQUIRED', undefined],
    ['ad + mssql sources without userStore', [src('ad'), src('mssql', 'ucs-b')], undefined, 'MAP_USERSTORE_REQUIRED', undefined],
    ['all ad → ad', [src('ad'), src('ad', 'ucs-b')], undefined, undefined, 'ad'],
    ['all mssql → mssql', [src('mssql'), src('mssql', 'ucs-b')], undefined, undefined, 'mssql'],
    ['integrated with userStore mssql', [src('integrated')], 'mssql', undefined, 'mssql'],
    ['ad sources with userStore mssql', [src('ad')], 'mssql', undefined, 'mssql'],
  ] as const)('%s', (_what, exports, userStore, errorCode, store) => {
    const r = mapToDataCenter({ project: project({ ...TWO, ...(userStore ? { userStore } : {}) }), exports: [...exports] });
    if (errorCode !== undefined) {
      const d = find(r.diagnostics, errorCode);
      expect(d.length).toBeGreaterThan(0);
      expect(d[0]!.severity).toBe('error');
      expect(d[0]!.hint).toContain('userStore: mssql');
      expect(d[0]!.hint).toContain('userStore: ad');
      expect(r.blocked).toBe(true);
    } else {
      expect(codes(r.diagnostics, 'error')).toEqual([]);
      expect(r.model.Environment).toEqual([{ Id: 1, Name: 'Test DataCenter', UserStore: store, Origin: 'project' }]);
    }
    expect(['mssql', 'ad']).toContain(r.model.Environment[0]!.UserStore);
  });

  it('mssql carries each credential as the Sensitive password; users without one are listed (warning)', () => {
    const r = mapToDataCenter({ project: project({ userStore: 'mssql' }), exports: [exp('ucs-a', { users: [user('anna'), user('bob', { password: undefined })] }, 'integrated')] });
    const anna = r.model.UserAccount.find((u) => u.UserName === 'anna')!;
    expect(anna.Credential).toBeInstanceOf(Sensitive);
    expect((anna.Credential as Sensitive).reveal()).toBe('{PBKDF2}hash-of-anna');
    expect(JSON.stringify(r)).not.toContain('hash-of-anna');
    expect(find(r.diagnostics, 'MAP_CREDENTIAL_MISSING')).toMatchObject([{ severity: 'warning', message: expect.stringContaining('bob') }]);
  });

  it('ad: no credentials; users lacking sAMAccountName are listed in an error', () => {
    const r = mapToDataCenter({ project: project({ userStore: 'ad' }), exports: [exp('ucs-a', { users: [user('anna'), user('bob', { samAccountName: '' }), user('carl', { samAccountName: '' })] }, 'integrated')] });
    expect(r.model.UserAccount.every((u) => u.Credential === null)).toBe(true);
    const [d] = find(r.diagnostics, 'MAP_AD_SAM_MISSING');
    expect(d).toMatchObject({ severity: 'error', source: 'ucs-a' });
    expect(d!.message).toContain('bob, carl');
    expect(d!.message).not.toContain('anna');
  });

  it('ad needs usermanager.ad.hostName and domain from the sources or the project', () => {
    const bare = exp('ucs-a', { users: [user('anna')], settings: [] }, 'ad');
    const r = mapToDataCenter({ project: project(), exports: [bare] });
    expect(find(r.diagnostics, 'MAP_AD_SETTINGS_MISSING')[0]!.message).toContain('usermanager.ad.hostName, usermanager.ad.domain');
    const fixed = mapToDataCenter({ project: project({ settings: { global: { 'usermanager.ad.hostName': 'dc1', 'usermanager.ad.domain': 'CORP' } } }), exports: [bare] });
    expect(codes(fixed.diagnostics, 'error')).toEqual([]);
  });
});

describe('everyone sees everyone', () => {
  const members = (n: number): string[] => Array.from({ length: n }, (_, i) => `u${i}`);
  const source = (flag: string | undefined, extraGroups: ReturnType<typeof group>[] = []): EnterpriseExport =>
    withSettings(
      'ucs-a',
      { users: members(5).map((n) => user(n)), groups: [group('Small', members(2)), group('Large', members(5)), ...extraGroups] },
      ...(flag === undefined ? [] : [setting('monitor.everyoneSeesEveryone', flag, 'bool')]),
    );

  it.each([
    ['perGroup: groups within groupLimit get it', 'perGroup', '1', [], ['Small'], ['MAP_MONITOR_GROUP_LIMIT']],
    ['drop: nobody gets it', 'drop', '1', [], [], []],
    ['global off: nothing to convert', 'perGroup', '0', [], [], []],
    ['a group with its own flag keeps it, even when dropped', 'drop', '1', [group('Own', ['u1'], { everyoneSeesEveryone: true })], ['Own'], []],
  ] as const)('%s', (_what, mode, flag, extra, expected, warnings) => {
    const r = mapToDataCenter({ project: project({ monitor: { everyoneSeesEveryone: mode, groupLimit: 3 } }), exports: [source(flag, [...extra])] });
    const withFlag = r.model.UserGroup.filter((g) => g.EveryoneSeesEveryone).map((g) => g.Name);
    expect(withFlag).toEqual(expected);
    expect(r.model.Setting.filter((s) => s.Scope === 'group').map((s) => [s.ObjectName, s.Key, s.Value, s.Type])).toEqual(
      expected.map((g) => [g, 'monitor.everyoneSeesEveryone', '1', 'bool']),
    );
    expect(r.model.Setting.some((s) => s.Scope === 'global' && s.Key === 'monitor.everyoneSeesEveryone')).toBe(false);
    expect(codes(r.diagnostics, 'warning').filter((c) => c.startsWith('MAP_MONITOR'))).toEqual(warnings);
    expect(r.decisions.some((d) => d.id.startsWith('monitor.'))).toBe(true);
  });
});

describe('DataCenter setting rules', () => {
  it.each([
    ['a local path', 'D:\\ProCall\\Share', true],
    ['a drive-letter UNC lookalike', 'C:\\\\fs\\share', true],
    ['a UNC path', '\\\\fs01\\procall$\\share', false],
  ])('contentsharing.fileLocation %s', (_what, value, isError) => {
    const r = mapToDataCenter({ project: project(), exports: [withSettings('ucs-a', {}, setting('contentsharing.fileLocation', value))] });
    expect(find(r.diagnostics, 'MAP_CONTENTSHARING_NOT_UNC').length).toBe(isError ? 1 : 0);
    if (isError) expect(find(r.diagnostics, 'MAP_CONTENTSHARING_NOT_UNC')[0]!.hint).toContain('contentsharing.fileLocation');
  });

  it('a UNC path from the project fixes a local one; a non-UNC project value is an error', () => {
    const e = withSettings('ucs-a', {}, setting('contentsharing.fileLocation', 'D:\\Share'));
    const fixed = mapToDataCenter({ project: project({ settings: { global: { 'contentsharing.fileLocation': '\\\\fs\\share' } } }), exports: [e] });
    expect(codes(fixed.diagnostics, 'error')).toEqual([]);
    const wrong = mapToDataCenter({ project: project({ settings: { global: { 'contentsharing.fileLocation': 'E:\\x' } } }), exports: [e] });
    expect(find(wrong.diagnostics, 'MAP_CONTENTSHARING_NOT_UNC')).toMatchObject([{ severity: 'error', path: 'settings.global["contentsharing.fileLocation"]' }]);
  });

  it('names a wrong fileLocation as written: backslashes not doubled, control characters visible', () => {
    const e = withSettings('ucs-a', {}, setting('contentsharing.fileLocation', 'D:\\ProCall\\Share'));
    const [d] = find(mapToDataCenter({ project: project(), exports: [e] }).diagnostics, 'MAP_CONTENTSHARING_NOT_UNC');
    expect(d!.message).toBe('contentsharing.fileLocation “D:\\ProCall\\Share” is not a UNC path; every server must reach the shared content');
    const odd = withSettings('ucs-a', {}, setting('contentsharing.fileLocation', 'share\nname'));
    const [o] = find(mapToDataCenter({ project: project(), exports: [odd] }).diagnostics, 'MAP_CONTENTSHARING_NOT_UNC');
    expect(o!.message).toContain('“share\\u000aname”');
  });

  it.each([
    ['25 from a source: kept', false, '25', '25', undefined],
    ['100 from a source: clamped to 25 with a warning', false, '100', '25', 'warning'],
    ['100 from the project: error', true, '100', '100', 'error'],
  ] as const)('contentsharing.maxFileSizeMB %s', (_what, fromProject, value, result, severity) => {
    const p = fromProject ? project({ settings: { global: { 'contentsharing.maxFileSizeMB': Number(value) } } }) : project();
    const r = mapToDataCenter({ project: p, exports: [withSettings('ucs-a', {}, setting('contentsharing.maxFileSizeMB', value, 'int'))] });
    expect(r.model.Setting.find((s) => s.Key === 'contentsharing.maxFileSizeMB')!.Value).toBe(result);
    expect(find(r.diagnostics, 'MAP_CONTENTSHARING_MAX_FILE_SIZE').map((d) => d.severity)).toEqual(severity ? [severity] : []);
  });

  it.each([
    [1001, '72', 1],
    [1001, '48', 0],
    [1000, '168', 0],
  ])('log retention with %i enabled users and %s h → %i warning(s)', (n, hours, warnings) => {
    const users = Array.from({ length: n }, (_, i) => user(`u${i}`));
    const e = withSettings('ucs-a', { users, licenses: [license('K-USR-1', 'user', 2000), license('K-SRV-1', 'server', 1)] }, setting('logging.retentionHours', hours, 'int'));
    const r = mapToDataCenter({ project: project({ homeServers: { balance: true } }), exports: [e] });
    expect(find(r.diagnostics, 'MAP_LOG_RETENTION_LARGE')).toHaveLength(warnings);
  });

  it('full memory dumps: on by default per ucserver (Origin project); a source value is kept and reported', () => {
    const p = project({
      sources: ['a', 'b'],
      servers: [
        { name: 'dc-01', fqdn: 'dc-01.x', replaces: ['ucs-a'] },
        { name: 'dc-02', fqdn: 'dc-02.x', replaces: ['ucs-b'] },
        { name: 'ms-01', fqdn: 'ms-01.x', role: 'mediaserver' },
      ],
    });
    const r = mapToDataCenter({ project: p, exports: [withSettings('ucs-a', {}, setting('diagnostics.fullMemoryDumps', '0', 'bool')), exp('ucs-b')] });
    const dumps = r.model.Setting.filter((s) => s.Key === 'diagnostics.fullMemoryDumps').map((s) => [s.Scope, s.ServerName, s.Value, s.Origin]);
    expect(dumps).toEqual([
      ['server', 'dc-01', '0', 'ucs-a'],
      ['server', 'dc-02', '1', 'project'],
    ]);
    expect(find(r.diagnostics, 'MAP_FULL_MEMORY_DUMPS')).toMatchObject([{ severity: 'info', source: 'ucs-a' }]);
    expect(r.decisions.map((d) => d.id)).toEqual(expect.arrayContaining(['diagnostics.full-memory-dumps.default', 'diagnostics.full-memory-dumps.source']));
  });
});

describe('licences', () => {
  const p = project({
    servers: [
      { name: 'dc-01', fqdn: 'dc-01.x', replaces: ['ucs-a'] },
      { name: 'ms-01', fqdn: 'ms-01.x', role: 'mediaserver' },
    ],
  });

  it('counts server licences per server including a dedicated mediaserver', () => {
    const r = mapToDataCenter({ project: p, exports: [exp('ucs-a', { users: [user('a'), user('b', { enabled: false })] })] });
    expect(r.licenses).toMatchObject({ userLicenses: 100, enabledUsers: 1, serverLicenses: 1, serversNeedingLicence: 2, serverLicencesOk: false, userLicencesOk: true });
    expect(find(r.diagnostics, 'MAP_SERVER_LICENSES_SHORT')[0]!.message).toContain('1 dedicated mediaserver');
  });

  it('a key in two exports is counted once, reported masked', () => {
    const shared = 'PCE8-USR-SHARED-KEY-7788';
    const a = exp('ucs-a', { licenses: [license(shared, 'user', 25), license('PCE8-SRV-A-0001', 'server', 1)] });
    const b = exp('ucs-b', { licenses: [license(shared, 'user', 25), license('PCE8-SRV-B-0002', 'server', 1)] });
    const r = mapToDataCenter({ project: project({ servers: [{ name: 'dc-01', fqdn: 'dc-01.x', replaces: ['ucs-a', 'ucs-b'] }] }), exports: [a, b] });
    expect(r.model.License).toHaveLength(3);
    expect(r.licenses.userLicenses).toBe(25);
    const [d] = find(r.diagnostics, 'MAP_LICENSE_DUPLICATE');
    expect(d).toMatchObject({ severity: 'warning', source: 'ucs-b' });
    expect(d!.message).toContain('…7788');
    expect(JSON.stringify(r)).not.toContain(shared);
  });

  it.each([
    ['no user licence → error', [license('K-SRV', 'server', 1)], 1, 'MAP_NO_USER_LICENSE', 'error'],
    ['fewer user licences than enabled users → warning', [license('K-USR', 'user', 1), license('K-SRV', 'server', 1)], 2, 'MAP_USER_LICENSES_SHORT', 'warning'],
  ] as const)('%s', (_what, licenses, users, code, severity) => {
    const e = exp('ucs-a', { licenses: [...licenses], users: Array.from({ length: users }, (_, i) => user(`u${i}`)) });
    const r = mapToDataCenter({ project: project(), exports: [e] });
    expect(find(r.diagnostics, code).map((d) => d.severity)).toEqual([severity]);
  });
});
