/**
 * Mapper edge cases a consultant runs into: ties in `balance` (same input order-independent
 * answer), a user on lines of two servers, secrets that meet plain values in one conflict, and
 * byte-identical output after importing the same files again.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importExports } from '../../src/importers/index.js';
import { loadProject } from '../../src/project/load.js';
import { loadHomeServerMapping } from '../../src/project/home-server-mapping.js';
import { mapToDataCenter, type MapInput } from '../../src/mappers/index.js';
import { sortDiagnostics, type Diagnostic } from '../../src/model/diagnostics.js';
import { REPO_ROOT, SAMPLES } from '../samples/expected.js';
import { codes, computer, exp, find, group, line, lineGroup, project, setting, user } from './build.js';

describe('balance', () => {
  const servers = [
    { name: 'dc-c', fqdn: 'dc-c.x', maxUsers: 10 },
    { name: 'DC-a', fqdn: 'dc-a.x', maxUsers: 10 },
    { name: 'dc-b', fqdn: 'dc-b.x', maxUsers: 10 },
    { name: 'ms', fqdn: 'ms.x', role: 'mediaserver' as const },
  ];
  const names = ['u5', 'u1', 'u4', 'u2', 'u3', 'u6', 'u7'];
  const run = (order: string[], serverOrder = servers) =>
    mapToDataCenter({
      project: project({ sources: ['z'], homeServers: { balance: true }, servers: serverOrder }),
      exports: [exp('ucs-z', { users: order.map((n) => user(n)) })],
    }).homeServers;

  it('breaks ties by server name (case-insensitive), users in name order', () => {
    expect(run(names).map((h) => `${h.userName}→${h.server}`)).toEqual(['u1→DC-a', 'u2→dc-b', 'u3→dc-c', 'u4→DC-a', 'u5→dc-b', 'u6→dc-c', 'u7→DC-a']);
  });

  it('gives the same assignment whatever the order of users in the export or servers in the project', () => {
    const first = run(names);
    expect(run([...names].reverse())).toEqual(first);
    expect(run(names, [...servers].reverse())).toEqual(first);
    expect(first.every((h) => h.rule === 'balance')).toBe(true);
  });

  it('a full server is skipped; when every ucserver is full the rest is an error naming the users', () => {
    const small = [{ name: 'dc-1', fqdn: 'dc-1.x', maxUsers: 1 }, { name: 'dc-2', fqdn: 'dc-2.x', maxUsers: 2 }];
    const r = mapToDataCenter({
      project: project({ sources: ['z'], homeServers: { balance: true }, servers: small }),
      exports: [exp('ucs-z', { users: ['a', 'b', 'c', 'd'].map((n) => user(n)) })],
    });
    expect(r.homeServers.map((h) => `${h.userName}→${h.server}`)).toEqual(['a→dc-1', 'b→dc-2', 'c→dc-2']);
    expect(find(r.diagnostics, 'MAP_HOME_UNPLACED')).toMatchObject([{ severity: 'error', message: expect.stringContaining(': d') }]);
    expect(find(r.diagnostics, 'MAP_SERVER_OVER_CAPACITY')).toEqual([]);
  });
});

describe('a user whose two lines sit on two servers', () => {
  it('is an error naming the user and both lines, even when the lines come from two exports', () => {
    const p = project({
      sources: ['a', 'b'],
      servers: [
        { name: 'dc-1', fqdn: 'dc-1.x', replaces: ['ucs-a'] },
        { name: 'dc-2', fqdn: 'dc-2.x', replaces: ['ucs-b'] },
      ],
    });
    const a = exp('ucs-a', { lineGroups: [lineGroup('PBX Berlin', [line('+4930100')])], users: [user('eva', { phoneNumber: '+4930100', phoneSecondary: '+4989200' })] });
    const b = exp('ucs-b', { lineGroups: [lineGroup('PBX München', [line('+4989200')], { location: 'München' })] });
    const r = mapToDataCenter({ project: p, exports: [a, b] });
    const [d] = find(r.diagnostics, 'MAP_HOME_LINES_SPLIT');
    expect(d).toMatchObject({ severity: 'error', source: 'ucs-a', file: 'users.xml' });
    expect(d!.message).toBe('user "eva" has lines on two servers: "tel:+4930100" on "dc-1" and "tel:+4989200" on "dc-2"');
    expect(r.blocked).toBe(true);
  });
});

describe('secrets in settings conflicts', () => {
  const TWO = {
    sources: ['a', 'b'],
    servers: [
      { name: 'dc-1', fqdn: 'dc-1.x', replaces: ['ucs-a'] },
      { name: 'dc-2', fqdn: 'dc-2.x', replaces: ['ucs-b'] },
    ],
  };
  const withSetting = (source: string, s: ReturnType<typeof setting>) => exp(source, { settings: [setting('usermanager.ad.hostName', 'dc01'), setting('usermanager.ad.domain', 'CORP'), s] });

  it('a key one source holds as a secret and another as text shows no value of either', () => {
    const r = mapToDataCenter({
      project: project(TWO),
      exports: [withSetting('ucs-a', setting('mail.smtpAuth', 'Plain-Leak-1', 'text')), withSetting('ucs-b', setting('mail.smtpAuth', 'Hidden-2', 'secret'))],
    });
    const [d] = find(r.diagnostics, 'MAP_GLOBAL_SETTING_CONFLICT');
    expect(d!.message).toContain('ucs-a=(sensitive) (text');
    expect(d!.message).toContain('ucs-b=(sensitive) (secret');
    expect(JSON.stringify(r)).not.toMatch(/Plain-Leak-1|Hidden-2/);
  });

  it('the project deciding such a key reports the decision without the sources\' values', () => {
    const r = mapToDataCenter({
      project: project({ ...TWO, settings: { global: { 'mail.smtpAuth': { env: 'SMTP_AUTH' } } } }, { SMTP_AUTH: 'From-Env-3' }),
      exports: [withSetting('ucs-a', setting('mail.smtpAuth', 'Plain-Leak-1', 'text')), withSetting('ucs-b', setting('mail.smtpAuth', 'Hidden-2', 'secret'))],
    });
    expect(codes(r.diagnostics, 'error')).toEqual([]);
    expect(r.decisions.find((x) => x.id === 'settings.project-override')!.why).toContain('ucs-a=(sensitive), ucs-b=(sensitive)');
    expect(JSON.stringify(r)).not.toMatch(/Plain-Leak-1|Hidden-2|From-Env-3/);
  });
});

describe('determinism across imports', () => {
  async function input(name: keyof typeof SAMPLES): Promise<MapInput> {
    const loaded = await loadProject(path.join(REPO_ROOT, SAMPLES[name].project), {});
    const p = loaded.project!;
    const mapping = p.mappingPath === undefined ? undefined : await loadHomeServerMapping(p.mappingPath);
    return { project: p, exports: (await importExports(p.sourcePaths)).exports, ...(mapping ? { mapping: mapping.entries } : {}) };
  }

  it.each(Object.keys(SAMPLES) as (keyof typeof SAMPLES)[])('%s: importing the same files again maps to byte-identical output', async (name) => {
    const [first, second] = [mapToDataCenter(await input(name)), mapToDataCenter(await input(name))];
    expect(first.model.UserAccount.length).toBeGreaterThan(0);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });
});

describe('diagnostic order', () => {
  it('is total and in code-point order, whatever order the rules reported in (mapper, inspect and plan share it)', () => {
    const diagnostics: Diagnostic[] = [
      { code: 'MAP_X', severity: 'warning', message: 'second', source: 'ucs-a' },
      { code: 'MAP_X', severity: 'warning', message: 'first', source: 'ucs-a' },
      { code: 'MAP_X', severity: 'warning', message: 'upper-case source', source: 'UCS-B' },
      { code: 'MAP_X', severity: 'error', message: 'error', source: 'ucs-z' },
    ];
    // Locale order would put ucs-a before UCS-B, and rule order would decide between the two at ucs-a.
    expect(sortDiagnostics(diagnostics).map((d) => d.message)).toEqual(['error', 'upper-case source', 'first', 'second']);
    expect(sortDiagnostics([...diagnostics].reverse())).toEqual(sortDiagnostics(diagnostics));
  });
});

describe('reports without a table of their own elsewhere', () => {
  const TWO = {
    sources: ['a', 'b'],
    servers: [
      { name: 'dc-1', fqdn: 'dc-1.x', replaces: ['ucs-a'], lineGroups: ['PBX Nirgendwo'] },
      { name: 'dc-2', fqdn: 'dc-2.x', replaces: ['ucs-b'] },
    ],
  };

  it('a computer in two sources is an error naming both sources and pointing at the second', () => {
    const second = computer('pc-0042');
    const r = mapToDataCenter({ project: project(TWO), exports: [exp('ucs-a', { computers: [computer('PC-0042')] }), exp('ucs-b', { computers: [second] })] });
    expect(find(r.diagnostics, 'MAP_COMPUTER_DUPLICATE')).toMatchObject([
      { severity: 'error', source: 'ucs-b', file: 'computers.xml', line: second.pos.line, message: 'computer "pc-0042" is in two sources: "ucs-a" and "ucs-b"' },
    ]);
    expect(r.model.Computer.map((c) => c.Name)).toEqual(['PC-0042']);
  });

  it('a lineGroups entry no export holds is a warning with its project path', () => {
    const r = mapToDataCenter({ project: project(TWO), exports: [exp('ucs-a'), exp('ucs-b')] });
    expect(find(r.diagnostics, 'MAP_LINEGROUP_UNKNOWN')).toMatchObject([{ severity: 'warning', path: 'servers[0].lineGroups[0]', message: expect.stringContaining('"PBX Nirgendwo"') }]);
  });

  it('client content of a user migrated from another source is not migrated (warning)', () => {
    const a = exp('ucs-a', { users: [user('anna')] });
    const b = exp('ucs-b', { users: [user('bob')] });
    b.clientContent = [{ userName: 'anna', revision: 1, content: '<ClientContent/>', pos: { file: 'config/users/anna_clientcontent.xml', line: 1, column: 1 } }];
    const r = mapToDataCenter({ project: project(TWO), exports: [a, b] });
    expect(find(r.diagnostics, 'MAP_CLIENT_CONTENT_ORPHAN')).toMatchObject([{ severity: 'warning', source: 'ucs-b', file: 'config/users/anna_clientcontent.xml' }]);
    expect(r.model.ClientContent).toEqual([]);
  });

  it.each([
    ['perGroup', 'info', 'becomes group-level for 1 group(s)'],
    ['drop', 'info', 'is dropped'],
  ] as const)('monitor.everyoneSeesEveryone: %s is reported where the source set it', (mode, severity, text) => {
    const flag = setting('monitor.everyoneSeesEveryone', '1', 'bool');
    const e = exp('ucs-a', { users: [user('u1'), user('u2')], groups: [group('Team', ['u1', 'u2'])], settings: [setting('usermanager.ad.hostName', 'dc01'), setting('usermanager.ad.domain', 'CORP'), flag] });
    const r = mapToDataCenter({ project: project({ monitor: { everyoneSeesEveryone: mode } }), exports: [e] });
    const [d] = find(r.diagnostics, 'MAP_MONITOR_EVERYONE');
    expect(d).toMatchObject({ severity, source: 'ucs-a', file: 'config/ucserver.xml', line: flag.pos.line });
    expect(d!.message).toContain(text);
  });
});
