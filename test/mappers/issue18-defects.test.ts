/**
 * Issue 18's smaller defects, found walking a customer the tool had never seen: each fails on
 * the main branch before the issue and says here what the consultant now reads.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseFormat } from '../../src/cli/output-format.js';
import { diagnosticLocation } from '../../src/cli/render-diagnostics.js';
import { parseHomeServerMapping } from '../../src/project/home-server-mapping.js';
import { importExports } from '../../src/importers/index.js';
import { loadProject } from '../../src/project/load.js';
import { mapToDataCenter } from '../../src/mappers/index.js';
import { diag } from '../../src/model/diagnostics.js';
import { LicenseKey } from '../../src/model/sensitive.js';
import { DecisionIndex } from '../../src/plan/three-way.js';
import { baselineExport, fixtureDir, writeExportFolder } from '../helpers/export-fixture.js';
import { recordingSeam, runCli, sampleProjectWith, TEST_TARGET, TEST_TARGET_ENV } from '../cli/helpers.js';
import { exp, find, license, line, lineGroup, project, setting, user } from './build.js';

const fx = fixtureDir('pm-issue18-');
afterAll(() => fx.cleanup());

const PROJECT_HEAD = `name: Test
sources: []
`;

async function projectDiagnostics(serversYaml: string) {
  const file = path.join(fx.dir, `p-${Math.abs(serversYaml.length)}-${serversYaml.charCodeAt(20)}.yaml`);
  writeFileSync(file, `${PROJECT_HEAD}${serversYaml}`);
  return (await loadProject(file, {})).diagnostics;
}

describe('the project file says plainly what is wrong', () => {
  it('maxUsers: "60" is a number written as text, not a missing value', async () => {
    const d = await projectDiagnostics(`servers:\n  - name: dc-01\n    fqdn: dc-01.corp.example\n    maxUsers: "60"\n`);
    const bad = d.find((x) => x.path === 'servers[0].maxUsers');
    expect(bad?.message).not.toMatch(/required/);
    expect(bad?.message).toContain('a number, not text — write 60 without quotes');
  });

  it('userStore: MSSQL is the right word in the wrong case, not "file-based"', async () => {
    const d = await projectDiagnostics(`userStore: MSSQL\nservers:\n  - name: dc-01\n    fqdn: dc-01.corp.example\n`);
    const bad = d.find((x) => x.path === 'userStore');
    expect(bad?.message).toBe('userStore: expected mssql in lower case, not "MSSQL"');
  });
});

describe('settings the jet hint leaves behind', () => {
  it('database.engine: sqlite with database.filePath still at the .mdb is a warning with the .db file to decide', () => {
    const e = exp('ucs-a');
    e.settings.push(setting('database.engine', 'jet'), setting('database.filePath', 'C:\\ProCall\\journal.mdb'));
    const p = project({ settings: { local: { 'dc-01': { 'database.engine': 'sqlite' } } } });
    const r = mapToDataCenter({ project: p, exports: [e] });
    const [w] = find(r.diagnostics, 'MAP_DATABASE_FILE_ACCESS');
    expect(w).toMatchObject({ severity: 'warning', params: { server: 'dc-01', value: 'C:\\ProCall\\journal.mdb' } });
    expect(w?.decide?.[0]).toMatchObject({ path: 'settings.local["dc-01"]["database.filePath"]', value: 'C:\\ProCall\\journal.db' });
    // Following that decision clears it.
    const decided = project({ settings: { local: { 'dc-01': { 'database.engine': 'sqlite', 'database.filePath': 'C:\\ProCall\\journal.db' } } } });
    expect(find(mapToDataCenter({ project: decided, exports: [e] }).diagnostics, 'MAP_DATABASE_FILE_ACCESS')).toEqual([]);
  });

  it('inspect says why database.engine is refused', async () => {
    const files = baselineExport('ucs-jet.corp.example');
    files['config/ucserver.xml'] = String(files['config/ucserver.xml']).replace('<Settings>', '<Settings>\n    <Setting key="database.engine" type="text" value="jet"/>');
    const dir = writeExportFolder(fx.next('jet'), files);
    const r = await runCli(['inspect', dir]);
    expect(r.stdout).toMatch(/refused: +database\.engine/);
    expect(r.stdout).toMatch(/database\.engine: jet \(MS Access\) is not supported by ProCall DataCenter; the project sets database\.engine: sqlite/);
  });
});

describe('the home-server mapping CSV', () => {
  it.each([['Benutzername;Server'], ['Benutzer;Heimserver'], ['userName,server'], ['UserName;HomeServer']])('a header "%s" is no data row', (header) => {
    const sep = header.includes(';') ? ';' : ',';
    const r = parseHomeServerMapping(`${header}\nanna.schmidt${sep}dc-01\n`, 'mapping.csv');
    expect(r.diagnostics).toEqual([]);
    expect(r.entries.map((e) => e.userName)).toEqual(['anna.schmidt']);
  });
});

describe('decisions: with a misspelt table or column', () => {
  it('names the closest table and column', () => {
    const idx = new DecisionIndex([
      { table: 'dc.UserAcount', key: { UserName: 'anna' }, keep: 'source' },
      { table: 'UserAccount', key: { UserName: 'anna' }, column: 'DisplayNme', keep: 'source' },
    ]);
    const [table, column] = idx.unusedDiagnostics();
    expect(table?.message).toContain('there is no table dc.UserAcount (did you mean dc.UserAccount?)');
    expect(column?.message).toContain('has no value column DisplayNme (did you mean DisplayName?)');
  });
});

describe('a server that ends with no users', () => {
  it('is a warning at its project entry', () => {
    const p = project({
      sources: ['a'],
      servers: [
        { name: 'dc-01', fqdn: 'dc-01.x', replaces: ['ucs-a'] },
        { name: 'dc-02', fqdn: 'dc-02.x' },
      ],
    });
    const r = mapToDataCenter({ project: p, exports: [exp('ucs-a', { users: [user('anna')] })] });
    expect(find(r.diagnostics, 'MAP_SERVER_NO_USERS')).toMatchObject([{ severity: 'warning', subject: 'server:dc-02', params: { server: 'dc-02' } }]);
  });
});

describe('licences that end alike', () => {
  it('are told apart by a fingerprint that gives nothing of the key away', () => {
    const keys = ['PCE8-USR-AAAA-BBBB-0001', 'PCE8-USR-CCCC-DDDD-0001', 'PCE8-SRV-EEEE-FFFF-0001'];
    const e = exp('ucs-a', { licenses: [license(keys[0]!, 'user', 10), license(keys[1]!, 'user', 20), license(keys[2]!, 'server', 1)] });
    const r = mapToDataCenter({ project: project(), exports: [e] });
    const shown = r.licenses.perKey.map((k) => k.key);
    expect(new Set(shown).size).toBe(3);
    for (const s of shown) expect(s).toMatch(/^…0001 #[0-9a-f]{6}$/);
    for (const k of keys) for (const s of shown) expect(s).not.toContain(k.slice(0, 14));
    expect(new LicenseKey(keys[0]!).shown).toBe(new LicenseKey(keys[0]!).shown);
  });
});

describe('outputs and ids checked before anything happens', () => {
  it('plan --out x.docx is refused, naming the formats it writes', () => {
    expect(() => chooseFormat({ out: 'x.docx' }, ['text', 'json', 'markdown'], 'json')).toThrow(/x\.docx: this command does not write \.docx files; it writes text, json, markdown/);
    expect(chooseFormat({ out: 'x.docx', format: 'json' }, ['text', 'json'], 'json')).toBe('json');
    expect(chooseFormat({ out: 'plan' }, ['text', 'json'], 'json')).toBe('json');
  });

  it('undo 1234 is a usage error before the database is reached', async () => {
    const projectFile = sampleProjectWith('alpen-handel', TEST_TARGET);
    let connected = false;
    const r = await runCli(['undo', '1234', '-p', projectFile, '--yes'], {
      env: TEST_TARGET_ENV,
      connect: async () => {
        connected = true;
        return recordingSeam().db;
      },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"1234" is not a run id');
    expect(connected).toBe(false);
  });

  it('a finding without a file shows what it is about, not "-"', () => {
    expect(diagnosticLocation(diag('MAP_SERVER_NO_USERS', 'warning', 'x', { subject: 'server:dc-02' }))).toBe('server:dc-02');
    expect(diagnosticLocation(diag('MAP_NO_USER_LICENSE', 'error', 'x'))).toBe('(no file)');
  });
});

describe('a location rule whose result no line has', () => {
  it('is a warning naming the rule, input, output and the users who lose their line; --explain names the rule', async () => {
    const files = baselineExport('ucs-ber-01.corp.example');
    // A digit missing in the Replace: 91299 → +493012341299, which no line has.
    files['config/locations.xml'] = String(files['config/locations.xml']).replace('Replace="+493012345\\1"', 'Replace="+49301234\\1"');
    const dir = writeExportFolder(fx.next('rule'), files);
    const imported = await importExports([dir]);
    const p = project({ sources: [dir], servers: [{ name: 'dc-01', fqdn: 'dc-01.x', replaces: ['ucs-ber-01.corp.example'] }] });
    const r = mapToDataCenter({ project: p, exports: imported.exports });
    const [w] = find(r.diagnostics, 'MAP_LOCATION_RULE_NO_LINE');
    expect(w).toMatchObject({
      severity: 'warning',
      params: { location: 'Berlin', rule: 'Berlin#1', input: '91299', output: '+493012341299', users: ['bob.meyer'] },
    });
    expect(w?.message).toContain('Replace +49301234\\1');
    expect(w?.params?.['locationNumber']).toBe('+493012345');
    // The rule is the number's provenance (plan --explain).
    const bob = r.model.UserAccount.find((u) => u.UserName === 'bob.meyer')!;
    const prov = r.provenance?.get(bob);
    expect(JSON.stringify(prov)).toContain('phone number by location');
    expect(JSON.stringify(prov)).toContain('Berlin#1');
  });

  it('stays quiet when the rule’s results are lines', async () => {
    const dir = writeExportFolder(fx.next('rule-ok'), baselineExport('ucs-ber-01.corp.example'));
    const imported = await importExports([dir]);
    const p = project({ sources: [dir], servers: [{ name: 'dc-01', fqdn: 'dc-01.x', replaces: ['ucs-ber-01.corp.example'] }] });
    expect(find(mapToDataCenter({ project: p, exports: imported.exports }).diagnostics, 'MAP_LOCATION_RULE_NO_LINE')).toEqual([]);
  });

  it('a user number no line has (not rewritten) is a note naming the user', () => {
    const e = exp('ucs-a', { users: [user('anna', { phoneNumber: '+4930999' })], lineGroups: [lineGroup('G', [line('+4930123')])] });
    const r = mapToDataCenter({ project: project(), exports: [e] });
    expect(find(r.diagnostics, 'MAP_USER_NUMBER_NO_LINE')).toMatchObject([{ severity: 'info', params: { users: ['anna'] } }]);
  });
});
