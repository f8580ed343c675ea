import { describe, expect, it } from 'vitest';
import { mapToDataCenter } from '../../src/mappers/index.js';
import type { SettingRow } from '../../src/model/datacenter.js';
import { Sensitive } from '../../src/model/sensitive.js';
import { codes, exp, find, project, setting, user } from './build.js';
import { UnsetSecret } from '../../src/model/unset-secret.js';

const TWO = {
  sources: ['a', 'b'],
  servers: [
    { name: 'dc-01', fqdn: 'dc-01.x', replaces: ['ucs-a'] },
    { name: 'dc-02', fqdn: 'dc-02.x', replaces: ['ucs-b'] },
  ],
};
const ONE_SERVER_TWO_SOURCES = { sources: ['a', 'b'], servers: [{ name: 'dc-01', fqdn: 'dc-01.x', replaces: ['ucs-a', 'ucs-b'] }] };

const rowOf = (rows: SettingRow[], key: string, scope = 'global', server = ''): SettingRow | undefined =>
  rows.find((r) => r.Key === key && r.Scope === scope && r.ServerName === server);

const withSettings = (source: string, ...s: ReturnType<typeof setting>[]) => {
  const e = exp(source);
  e.settings.push(...s);
  return e;
};

describe('settings split', () => {
  it.each([
    ['journal.deleteAfterDays', 'global', ''],
    ['rights.global.canChat', 'global', ''],
    ['usermanager.presenceDomains', 'global', ''],
    ['logging.level', 'server', 'dc-01'],
    ['network.ctiPort', 'server', 'dc-01'],
    ['clientupdate.enabled', 'server', 'dc-01'],
  ])('%s → scope %s on "%s"', (key, scope, server) => {
    const r = mapToDataCenter({ project: project(), exports: [withSettings('ucs-a', setting(key, '7'))] });
    const row = rowOf(r.model.Setting, key, scope, server);
    expect(row).toMatchObject({ Value: '7', Origin: 'ucs-a', ObjectName: '' });
    expect(r.model.Setting.filter((x) => x.Key === key)).toHaveLength(1);
  });

  it('carries an unclassified key as a local setting of its server, with a warning naming file and line', () => {
    const s = setting('presence.autoAwayMinutes', '10', 'int');
    const r = mapToDataCenter({ project: project(), exports: [withSettings('ucs-a', s)] });
    expect(rowOf(r.model.Setting, 'presence.autoAwayMinutes', 'server', 'dc-01')).toMatchObject({ Type: 'int', Origin: 'ucs-a' });
    expect(find(r.diagnostics, 'MAP_SETTING_UNCLASSIFIED')).toMatchObject([
      { severity: 'warning', source: 'ucs-a', file: 'config/ucserver.xml', line: s.pos.line },
    ]);
  });

  it('keeps secrets Sensitive and never shows them', () => {
    const r = mapToDataCenter({ project: project(), exports: [withSettings('ucs-a', setting('mail.password', 'Top$ecret', 'secret'))] });
    const row = rowOf(r.model.Setting, 'mail.password')!;
    expect(row.Type).toBe('secret');
    expect(row.Value).toBeInstanceOf(Sensitive);
    expect(JSON.stringify(r)).not.toContain('Top$ecret');
  });

  it('one global row when the sources agree; Origin is the first source in project order', () => {
    const r = mapToDataCenter({
      project: project(TWO),
      exports: [withSettings('ucs-b', setting('chat.deleteAfterDays', '90')), withSettings('ucs-a', setting('chat.deleteAfterDays', '90'))],
    });
    expect(r.model.Setting.filter((x) => x.Key === 'chat.deleteAfterDays')).toEqual([
      expect.objectContaining({ Scope: 'global', Origin: 'ucs-b' }),
    ]);
    expect(codes(r.diagnostics, 'error')).toEqual([]);
  });

  it.each([
    ['text values', setting('chat.deleteAfterDays', '90'), setting('chat.deleteAfterDays', '30'), 'ucs-a=“90”', 'ucs-b=“30”'],
    ['secret values (shown as (sensitive))', setting('mail.password', 'pw-one', 'secret'), setting('mail.password', 'pw-two', 'secret'), 'ucs-a=(sensitive)', 'ucs-b=(sensitive)'],
  ])('differing global %s are an error listing each source', (_what, a, b, showA, showB) => {
    const r = mapToDataCenter({ project: project(TWO), exports: [withSettings('ucs-a', a), withSettings('ucs-b', b)] });
    const [d] = find(r.diagnostics, 'MAP_GLOBAL_SETTING_CONFLICT');
    expect(d).toMatchObject({ severity: 'error', source: 'ucs-a', file: 'config/ucserver.xml', line: a.pos.line });
    expect(d!.message).toContain(showA);
    expect(d!.message).toContain(showB);
    expect(d!.hint).toContain(`settings.global: { ${a.key}: <value> }`);
    expect(JSON.stringify(r)).not.toMatch(/pw-one|pw-two/);
    expect(rowOf(r.model.Setting, a.key)).toBeUndefined();
    expect(r.blocked).toBe(true);
  });

  it('the project decides a global conflict (Origin project, decision reported)', () => {
    const r = mapToDataCenter({
      project: project({ ...TWO, settings: { global: { 'chat.deleteAfterDays': 60 } } }),
      exports: [withSettings('ucs-a', setting('chat.deleteAfterDays', '90', 'int')), withSettings('ucs-b', setting('chat.deleteAfterDays', '30', 'int'))],
    });
    expect(codes(r.diagnostics, 'error')).toEqual([]);
    expect(rowOf(r.model.Setting, 'chat.deleteAfterDays')).toMatchObject({ Value: '60', Type: 'int', Origin: 'project' });
    const decision = r.decisions.find((x) => x.id === 'settings.project-override')!;
    expect(decision.why).toContain('ucs-a=“90”, ucs-b=“30”');
  });

  it('sources replaced by one server: differing local values conflict unless settings.local decides', () => {
    const exports = [withSettings('ucs-a', setting('logging.level', 'debug')), withSettings('ucs-b', setting('logging.level', 'info'))];
    const r = mapToDataCenter({ project: project(ONE_SERVER_TWO_SOURCES), exports });
    const [conflict] = find(r.diagnostics, 'MAP_LOCAL_SETTING_CONFLICT');
    expect(conflict!.message).toContain('ucs-a=“debug”');
    expect(conflict!.message).toContain('ucs-b=“info”');
    expect(conflict!.hint).toContain('settings.local.dc-01');
    const decided = mapToDataCenter({ project: project({ ...ONE_SERVER_TWO_SOURCES, settings: { local: { 'dc-01': { 'logging.level': 'warn' } } } }), exports });
    expect(codes(decided.diagnostics, 'error')).toEqual([]);
    expect(rowOf(decided.model.Setting, 'logging.level', 'server', 'dc-01')).toMatchObject({ Value: 'warn', Origin: 'project' });
  });

  it('project settings add rows with Origin project; { env } values become secrets', () => {
    const p = project({ settings: { global: { 'mail.smtpServer': 'smtp.x', 'usermanager.ad.bindPassword': { env: 'BIND' } }, local: { 'dc-01': { 'logging.keepFiles': true } } } }, { BIND: 'b1nd!' });
    const r = mapToDataCenter({ project: p, exports: [exp('ucs-a')] });
    expect(rowOf(r.model.Setting, 'mail.smtpServer')).toMatchObject({ Type: 'text', Value: 'smtp.x', Origin: 'project' });
    expect(rowOf(r.model.Setting, 'logging.keepFiles', 'server', 'dc-01')).toMatchObject({ Type: 'bool', Value: '1', Origin: 'project' });
    const secret = rowOf(r.model.Setting, 'usermanager.ad.bindPassword')!;
    expect(secret.Type).toBe('secret');
    expect((secret.Value as Sensitive).reveal()).toBe('b1nd!');
    expect(JSON.stringify(r)).not.toContain('b1nd!');
  });

  it.each([
    ['a local key globally', { global: { 'logging.level': 'info' } }, 'settings.global["logging.level"]'],
    ['a global key locally', { local: { 'dc-01': { 'chat.deleteAfterDays': 5 } } }, 'settings.local["dc-01"]["chat.deleteAfterDays"]'],
    ['everyone-sees-everyone globally', { global: { 'monitor.everyoneSeesEveryone': true } }, 'settings.global["monitor.everyoneSeesEveryone"]'],
    ['usermanager.mode', { global: { 'usermanager.mode': 2 } }, 'settings.global["usermanager.mode"]'],
  ])('refuses the project setting %s', (_what, settings, path) => {
    const r = mapToDataCenter({ project: project({ settings }), exports: [exp('ucs-a')] });
    expect(find(r.diagnostics, 'MAP_PROJECT_SETTING_SCOPE')).toMatchObject([{ severity: 'error', path }]);
  });

  it('a project { env } setting whose variable is unset is still planned (a stand-in naming the variable; migrate refuses it)', () => {
    const r = mapToDataCenter({ project: project({ settings: { global: { 'mail.password': { env: 'NOPE' } } } }), exports: [exp('ucs-a')] });
    expect(find(r.diagnostics, 'MAP_PROJECT_SETTING_UNSET')).toEqual([]);
    const row = r.model.Setting.find((s) => s.Key === 'mail.password');
    expect(row).toMatchObject({ Scope: 'global', Type: 'secret' });
    expect(row!.Value).toBeInstanceOf(UnsetSecret);
    expect((row!.Value as UnsetSecret).envName).toBe('NOPE');
  });

  it('refuses database.engine=jet with the fix, unless the project sets the engine', () => {
    const e = withSettings('ucs-a', setting('database.engine', 'jet'));
    const r = mapToDataCenter({ project: project(), exports: [e] });
    expect(find(r.diagnostics, 'MAP_DATABASE_ENGINE_JET')).toMatchObject([{ severity: 'error', source: 'ucs-a', file: 'config/ucserver.xml' }]);
    expect(find(r.diagnostics, 'MAP_DATABASE_ENGINE_JET')[0]!.hint).toContain('settings.local');
    const fixed = mapToDataCenter({ project: project({ settings: { local: { 'dc-01': { 'database.engine': 'mssql' } } } }), exports: [e] });
    expect(codes(fixed.diagnostics, 'error')).toEqual([]);
  });

  it('a source no server replaces: warning, its local settings go nowhere', () => {
    const r = mapToDataCenter({ project: project(), exports: [exp('ucs-a'), withSettings('ucs-z', setting('logging.level', 'debug'))] });
    expect(find(r.diagnostics, 'MAP_SOURCE_NOT_REPLACED')).toMatchObject([{ severity: 'warning', source: 'ucs-z' }]);
    expect(r.model.Setting.some((s) => s.Key === 'logging.level')).toBe(false);
  });

  it('usermanager.mode follows the user store, Origin project', () => {
    const e = withSettings('ucs-a', setting('usermanager.mode', '1', 'int'));
    const r = mapToDataCenter({ project: project({ userStore: 'mssql' }), exports: [{ ...e, users: [user('anna')] }] });
    expect(r.model.Setting.filter((s) => s.Key === 'usermanager.mode')).toEqual([
      { Scope: 'global', ServerName: '', Key: 'usermanager.mode', ObjectName: '', Type: 'int', Value: '2', Origin: 'project' },
    ]);
  });
});
