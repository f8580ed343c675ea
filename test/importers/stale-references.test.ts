/**
 * Issue 8 item 4: a stale reference in an export (a group member, leader or co-leader that is no
 * user of any export of the run; a monitored line no export holds) is a warning with file and
 * line, and the reference is dropped: nothing the mapper writes points at it. Duplicate keys, a
 * line owned twice and malformed files stay errors. Item 3 (import side): a wrong-typed setting
 * names key, value, file and line.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importExports } from '../../src/importers/index.js';
import { mapToDataCenter } from '../../src/mappers/index.js';
import { prepareDesired } from '../../src/pipeline.js';
import { project } from '../mappers/build.js';
import type { ExportFiles } from '../helpers/export-fixture.js';
import { baselineExport, fixtureDir, positionOf, writeExportFolder } from '../helpers/export-fixture.js';
import { edit, importFiles } from '../helpers/run-import.js';

const tmp = fixtureDir('procall-stale-');
afterAll(() => tmp.cleanup());

const SERVER = 'ucs-ber-01.corp.example';

interface StaleCase {
  name: string;
  code: 'IMPORT_UNKNOWN_USER' | 'IMPORT_UNKNOWN_LINE';
  file: string;
  at: string;
  mutate: (f: ExportFiles) => void;
}

const cases: StaleCase[] = [
  { name: 'a member no export holds', code: 'IMPORT_UNKNOWN_USER', file: 'groups.xml', at: '<Member u8sUserName="niemand.da"',
    mutate: (f) => (f['groups.xml'] = edit(f['groups.xml'], '<Member u8sUserName="bob.meyer"/>', '<Member u8sUserName="bob.meyer"/>\n    <Member u8sUserName="niemand.da"/>')) },
  { name: 'a leader no export holds', code: 'IMPORT_UNKNOWN_USER', file: 'groups.xml', at: '<Group ',
    mutate: (f) => (f['groups.xml'] = edit(f['groups.xml'], 'u8sGroupLeader="anna.schmidt"', 'u8sGroupLeader="niemand.da"')) },
  { name: 'a co-leader no export holds', code: 'IMPORT_UNKNOWN_USER', file: 'groups.xml', at: '<Group ',
    mutate: (f) => (f['groups.xml'] = edit(f['groups.xml'], 'u8sGroupCoLeader=""', 'u8sGroupCoLeader="niemand.da"')) },
  { name: 'a monitored line no export holds', code: 'IMPORT_UNKNOWN_LINE', file: 'users.xml', at: '<MonitorLine u8sPhoneNumber="+4940',
    mutate: (f) => (f['users.xml'] = edit(f['users.xml'], '<MonitorLine u8sPhoneNumber="+4930123451299"/>', '<MonitorLine u8sPhoneNumber="+4930123451299"/>\n    <MonitorLine u8sPhoneNumber="+49401234567"/>')) },
];

describe('stale references', () => {
  it.each(cases)('$name: a warning with file and line, the reference dropped, nothing of it mapped', async (c) => {
    const files = baselineExport();
    c.mutate(files);
    const r = await importFiles(tmp.next, files, 'folder');
    const found = r.diagnostics.filter((d) => d.code === c.code);
    expect(found).toEqual([
      expect.objectContaining({ severity: 'warning', source: SERVER, file: c.file, ...positionOf(files[c.file] as string, c.at), message: expect.stringMatching(/niemand\.da|\+49401234567/) }),
    ]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const exp = r.exports[0]!;
    const group = exp.groups[0]!;
    expect([group.leader, group.coLeader, ...group.members.map((m) => m.userName)]).not.toContain('niemand.da');
    expect(exp.users.flatMap((u) => u.monitorLines.map((m) => m.phoneNumber))).toEqual(['+4930123451299']);

    const mapped = mapToDataCenter({ project: project({ servers: [{ name: 'dc-01', fqdn: 'dc-01.corp.example', replaces: [SERVER] }] }), exports: r.exports });
    const m = mapped.model;
    expect(JSON.stringify([m.UserGroup, m.UserGroupMember, m.UserMonitorLine])).not.toMatch(/niemand\.da|\+49401234567/);
    expect(m.UserGroupMember.map((row) => row.UserName).sort()).toEqual(['anna.schmidt', 'bob.meyer']);
    expect(m.UserMonitorLine.map((row) => row.PhoneNumber)).toEqual(['+4930123451299']);
    // Reported once, by the importer: the mapper has nothing left to complain about.
    expect(mapped.diagnostics.filter((d) => d.code === 'MAP_GROUP_MEMBER_UNKNOWN')).toEqual([]);
  });

  it('a project whose export has a stale member and a stale monitored line is no dead end: it maps, with warnings', async () => {
    const files = baselineExport();
    cases[0]!.mutate(files);
    cases[3]!.mutate(files);
    const dir = tmp.next('project');
    writeExportFolder(join(dir, 'exports', 'ucs-ber-01'), files);
    const projectFile = join(dir, 'procall-migrate.yaml');
    writeFileSync(projectFile, `name: Test\nsources:\n  - exports/ucs-ber-01\nuserStore: mssql\nhomeServers:\n  balance: true\nservers:\n  - name: dc-01\n    fqdn: dc-01.corp.example\n    replaces: [${SERVER}]\n    lineGroups: [ECSTA Avaya Berlin]\n`);
    const r = await prepareDesired({ projectFile, env: {}, toolVersion: '0.0.0-test' });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.refused).toBe(false);
    expect(r.diagnostics.filter((d) => d.code === 'IMPORT_UNKNOWN_USER' || d.code === 'IMPORT_UNKNOWN_LINE').map((d) => [d.code, d.severity])).toEqual([
      ['IMPORT_UNKNOWN_USER', 'warning'],
      ['IMPORT_UNKNOWN_LINE', 'warning'],
    ]);
    expect(r.mapped!.model.UserGroupMember.map((m) => m.UserName)).not.toContain('niemand.da');
  });

  it('a member another export of the run holds is no stale reference', async () => {
    const ber = baselineExport('ucs-ber-01');
    ber['groups.xml'] = edit(ber['groups.xml'], '<Member u8sUserName="bob.meyer"/>', '<Member u8sUserName="carl.weber"/>');
    const muc = baselineExport('ucs-muc-01');
    muc['users.xml'] = edit(muc['users.xml'], 'u8sUserName="bob.meyer"', 'u8sUserName="carl.weber"').replace('sip:bob.meyer', 'sip:carl.weber');
    const r = await importExports([writeExportFolder(tmp.next('ber'), ber), writeExportFolder(tmp.next('muc'), muc)]);
    expect(r.diagnostics.filter((d) => d.code === 'IMPORT_UNKNOWN_USER')).toEqual([]);
    expect(r.exports[0]!.groups[0]!.members.map((m) => m.userName)).toEqual(['anna.schmidt', 'carl.weber']);
  });

  it.each([
    ['a duplicate user name', 'IMPORT_DUPLICATE_USER_NAME', (f: ExportFiles) => (f['users.xml'] = edit(f['users.xml'], 'u8sUserName="bob.meyer"', 'u8sUserName="anna.schmidt"'))],
    ['a line number owned twice', 'IMPORT_DUPLICATE_LINE_NUMBER', (f: ExportFiles) => (f['config/lines.xml'] = edit(f['config/lines.xml'], 'tel:+4930123451299', 'TEL:+4930123451234'))],
    ['a malformed groups.xml', 'IMPORT_XML_MALFORMED', (f: ExportFiles) => (f['groups.xml'] = edit(f['groups.xml'], '</Groups>', '</Gruppen>'))],
  ] as const)('%s stays an error', async (_what, code, mutate) => {
    const files = baselineExport();
    mutate(files);
    const r = await importFiles(tmp.next, files, 'zip');
    expect(r.diagnostics.filter((d) => d.code === code).map((d) => d.severity)).toContain('error');
  });
});

describe('a wrong-typed setting value', () => {
  it.each([
    ['int', 'logging.maxFileSizeMB', '<Setting key="logging.maxFileSizeMB" type="int" value="fünfzig"/>', 'fünfzig', 'a whole number'],
    ['bool', 'monitor.everyoneSeesEveryone', '<Setting key="monitor.everyoneSeesEveryone" type="bool" value="ja"/>', 'ja', '0, 1, true or false'],
    ['user management', 'usermanager.mode', '<Setting key="usermanager.mode" type="int" value="7"/>', '7', '0 (integrated)'],
  ])('%s: names the key, the value, file and line', async (_what, key, element, value, expected) => {
    const files = baselineExport();
    const ucserver = files['config/ucserver.xml'] as string;
    const original = ucserver.split('\n').find((l) => l.includes(`key="${key}"`))!.trim();
    files['config/ucserver.xml'] = edit(ucserver, original, element);
    const r = await importFiles(tmp.next, files, 'folder');
    const found = r.diagnostics.filter((d) => d.code === 'IMPORT_WRONG_VALUE_TYPE');
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: 'config/ucserver.xml',
        ...positionOf(files['config/ucserver.xml'] as string, 'value=', ucserver.slice(0, ucserver.indexOf(original)).split('value=').length),
        message: `setting ${key}: value ${JSON.stringify(value)} is not ${expected}${found[0]!.message.slice(found[0]!.message.indexOf(expected) + expected.length)}`,
      }),
    ]);
    expect(found[0]!.message).toContain(key);
  });

  it('a wrong-typed value under a key that names a password is not shown', async () => {
    const files = baselineExport();
    files['config/ucserver.xml'] = edit(files['config/ucserver.xml'], '</Settings>', '  <Setting key="mail.smtpPin" type="int" value="x"/>\n    <Setting key="mail.password" type="int" value="Geheim-42!"/>\n  </Settings>');
    const r = await importFiles(tmp.next, files, 'zip');
    const found = r.diagnostics.filter((d) => d.code === 'IMPORT_WRONG_VALUE_TYPE');
    expect(found.map((d) => d.message)).toEqual(expect.arrayContaining([expect.stringContaining('setting mail.password: value (not shown')]));
    expect(JSON.stringify(r.diagnostics)).not.toContain('Geheim-42!');
  });
});
