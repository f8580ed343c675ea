/**
 * The mapper's provenance (ledger.md §1): consolidated rows list every export position, values
 * the project decides point at the project file's line, values a rule made name the rule.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/project/load.js';
import { mapToDataCenter, type MapResult } from '../../src/mappers/index.js';
import type { Provenance } from '../../src/model/plan.js';
import { codes, exp, group, license, line, lineGroup, location, project, setting, user } from './build.js';

const P = project({ sources: ['a', 'b'], servers: [{ name: 'dc-01', fqdn: 'd.x', replaces: ['ucs-a', 'ucs-b'] }] });

/** The provenance the mapper recorded for the one row of `table` matching `where`. */
function provenanceOf(r: MapResult, table: keyof MapResult['model'], where: (row: Record<string, unknown>) => boolean): Provenance[] {
  const rows = (r.model[table] as unknown as Record<string, unknown>[]).filter(where);
  expect(rows).toHaveLength(1);
  const p = r.provenance?.get(rows[0]!);
  return p === undefined ? [] : Array.isArray(p) ? [...(p as Provenance[])] : [p as Provenance];
}
const sourcesOf = (list: Provenance[]): string[] => list.filter((p) => !('rule' in p)).map((p) => p.source);

describe('a row consolidated from several exports lists every position', () => {
  it.each([
    ['an identical location', 'Location', { locations: [location('Berlin')] }, { locations: [location('berlin')] }],
    ['one group', 'UserGroup', { users: [user('anna')], groups: [group('Sales', ['anna'])] }, { users: [user('bob')], groups: [group('sales', ['anna'])] }],
    ['one licence key', 'License', { licenses: [license('PCE8-USR-SAME-0100', 'user', 100)] }, { licenses: [license('PCE8-USR-SAME-0100', 'user', 100)] }],
    ['one global setting both agree on', 'Setting', { settings: [setting('chat.deleteAfterDays', '30')] }, { settings: [setting('chat.deleteAfterDays', '30')] }],
  ] as const)('%s', (_what, table, a, b) => {
    const ea = exp('ucs-a', a as never);
    const eb = exp('ucs-b', b as never);
    const r = mapToDataCenter({ project: P, exports: [ea, eb] });
    const first = table === 'Location' ? ea.locations[0]! : table === 'UserGroup' ? ea.groups[0]! : table === 'License' ? ea.licenses[0]! : ea.settings[0]!;
    const key = table === 'Location' || table === 'UserGroup' ? 'Name' : table === 'License' ? 'Count' : 'Key';
    const value = table === 'Location' ? 'Berlin' : table === 'UserGroup' ? 'Sales' : table === 'License' ? 100 : 'chat.deleteAfterDays';
    // The licences given replace the builder's default ones: one licence row per export pair.
    const p = provenanceOf(r, table, (row) => row[key] === value);
    expect(sourcesOf(p)).toEqual(['ucs-a', 'ucs-b']);
    expect(p[0]).toEqual({ source: 'ucs-a', file: first.pos.file, line: first.pos.line, column: first.pos.column });
  });

  it('a member listed in both sources and a line both servers see', () => {
    const lines = () => [lineGroup('PBX', [line('+493012345100')], { location: '' })];
    const r = mapToDataCenter({
      project: P,
      exports: [
        exp('ucs-a', { users: [user('anna')], groups: [group('Sales', ['anna'])], lineGroups: lines() }),
        exp('ucs-b', { groups: [group('Sales', ['ANNA'])], lineGroups: lines() }),
      ],
    });
    expect(sourcesOf(provenanceOf(r, 'UserGroupMember', (m) => m['UserName'] === 'anna'))).toEqual(['ucs-a', 'ucs-b']);
    expect(sourcesOf(provenanceOf(r, 'Line', (l) => l['Uri'] === 'tel:+493012345100'))).toEqual(['ucs-a', 'ucs-b']);
  });
});

describe('values made by a rule name the rule', () => {
  it('home servers: by source, by balance, by lines, by mapping (with the CSV line)', () => {
    const proj = project({
      sources: ['a', 'b'],
      homeServers: { balance: true },
      servers: [
        { name: 'dc-01', fqdn: 'd1.x', replaces: ['ucs-a'], lineGroups: ['PBX'] },
        { name: 'dc-02', fqdn: 'd2.x' },
      ],
    });
    const r = mapToDataCenter({
      project: proj,
      exports: [
        exp('ucs-a', { users: [user('anna'), user('mapped')], lineGroups: [lineGroup('PBX', [line('+493012345100')])] }),
        exp('ucs-b', { users: [user('bob'), user('carl', { phoneNumber: '+493012345100' })] }),
      ],
      mapping: [{ userName: 'mapped', server: 'dc-02', file: '/p/home-servers.csv', line: 3 }],
    });
    expect(codes(r.diagnostics, 'error')).toEqual([]);
    const rule = (name: string) => provenanceOf(r, 'UserAccount', (u) => u['UserName'] === name).find((p) => 'rule' in p);
    expect(rule('anna')).toEqual({ source: 'rule', rule: 'home server by source', detail: 'dc-01 replaces ucs-a' });
    expect(rule('bob')).toMatchObject({ rule: 'home server by balance', detail: expect.stringContaining('dc-0') });
    expect(rule('carl')).toEqual({ source: 'rule', rule: 'home server by lines', detail: 'line group "PBX" on dc-01' });
    expect(rule('mapped')).toEqual({ source: 'rule', rule: 'home server by mapping', detail: 'home-servers.csv:3 → dc-02' });
    // The line group's management server: the project lists it (no project file here, so no position) — the line still has its own.
    expect(sourcesOf(provenanceOf(r, 'Line', (l) => l['Uri'] === 'tel:+493012345100'))).toEqual(['ucs-a']);
  });

  it('one rule entry is shared by every row it placed (memory at 50,000 users)', () => {
    const users = Array.from({ length: 20 }, (_, i) => user(`u${i}`));
    const r = mapToDataCenter({ project: P, exports: [exp('ucs-a', { users })] });
    const rules = r.model.UserAccount.map((u) => provenanceOf(r, 'UserAccount', (x) => x === (u as unknown)).find((p) => 'rule' in p));
    expect(new Set(rules).size).toBe(1);
  });

  it('a DataCenter default, a group-level setting from a global one, the user store', () => {
    const everyone = setting('monitor.everyoneSeesEveryone', '1', 'bool');
    const r = mapToDataCenter({
      project: P,
      exports: [exp('ucs-a', { users: [user('anna')], groups: [group('Sales', ['anna'])], settings: [everyone, setting('usermanager.ad.hostName', 'dc'), setting('usermanager.ad.domain', 'C')] })],
    });
    expect(provenanceOf(r, 'Setting', (s) => s['Key'] === 'diagnostics.fullMemoryDumps')).toEqual([
      { source: 'rule', rule: 'DataCenter default', detail: 'diagnostics.fullMemoryDumps=1 where nothing sets it' },
    ]);
    expect(provenanceOf(r, 'Setting', (s) => s['Scope'] === 'group')).toEqual([
      { source: 'ucs-a', file: everyone.pos.file, line: everyone.pos.line, column: everyone.pos.column },
      { source: 'rule', rule: 'group-level setting from a global one', detail: 'global monitor.everyoneSeesEveryone of ucs-a' },
    ]);
    expect(provenanceOf(r, 'Setting', (s) => s['Key'] === 'usermanager.mode')).toContainEqual(expect.objectContaining({ source: 'rule', rule: 'user store' }));
  });
});

describe('values the project decides point at the project file', () => {
  it('a setting under settings.global, the servers and the line group a server lists', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pm-prov-'));
    const file = path.join(dir, 'procall-migrate.yaml');
    writeFileSync(
      file,
      [
        'name: Test',
        'sources: [exports/a]',
        'userStore: ad',
        'servers:',
        '  - name: dc-01',
        '    fqdn: dc-01.x',
        '    replaces: [ucs-a]',
        '    lineGroups:',
        '      - PBX',
        'settings:',
        '  global:',
        '    chat.deleteAfterDays: 30',
        '',
      ].join('\n'),
    );
    const loaded = await loadProject(file, {});
    expect(loaded.project, JSON.stringify(loaded.diagnostics)).toBeDefined();
    const r = mapToDataCenter({
      project: loaded.project!,
      exports: [exp('ucs-a', { settings: [setting('chat.deleteAfterDays', '90'), setting('usermanager.ad.hostName', 'h'), setting('usermanager.ad.domain', 'd')], lineGroups: [lineGroup('PBX', [])] })],
    });
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = (p: Provenance | undefined) => {
      expect(p).toMatchObject({ source: 'project', file: 'procall-migrate.yaml' });
      const q = p as { line: number; column: number };
      return lines[q.line - 1]!.slice(q.column - 1);
    };
    expect(at(provenanceOf(r, 'Setting', (s) => s['Key'] === 'chat.deleteAfterDays')[0])).toBe('chat.deleteAfterDays: 30');
    expect(at(provenanceOf(r, 'Server', () => true)[0])).toBe('name: dc-01');
    expect(at(provenanceOf(r, 'LineGroup', () => true).find((p) => p.source === 'project'))).toBe('PBX');
    expect(at(provenanceOf(r, 'Environment', () => true).find((p) => 'line' in p && p.line === 3))).toBe('userStore: ad');
  });
});
