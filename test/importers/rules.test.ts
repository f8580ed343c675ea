/**
 * One case per contract rule: a valid baseline export, one edit, and the diagnostic the user
 * sees — its code, the file inside the export, and the line and column it points at.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { importExports } from '../../src/importers/index.js';
import type { ExportFiles } from '../helpers/export-fixture.js';
import { baselineExport, fixtureDir, LICENSE_KEY, positionOf, writeExportFolder, writeExportZip } from '../helpers/export-fixture.js';
import { edit, importFiles } from '../helpers/run-import.js';

const tmp = fixtureDir();
afterAll(() => tmp.cleanup());

interface RuleCase {
  name: string;
  mutate: (f: ExportFiles) => void;
  code: string;
  severity: 'error' | 'warning' | 'info';
  file: string;
  /** Text whose first character the diagnostic must point at (line and column); none: file only. */
  at?: string;
  /** Which occurrence of `at` (default the first). */
  nth?: number;
  form?: 'zip' | 'folder';
}

const users = 'users.xml';
const cases: RuleCase[] = [
  { name: 'malformed XML (mismatched end tag)', code: 'IMPORT_XML_MALFORMED', severity: 'error', file: users, at: '</User>',
    mutate: (f) => (f[users] = edit(f[users], '<MonitorLine u8sPhoneNumber="+4930123451299"/>', '<MonitorLine u8sPhoneNumber="+4930123451299">')) },
  { name: 'malformed XML (unquoted attribute)', code: 'IMPORT_XML_MALFORMED', severity: 'error', file: 'groups.xml', at: '1"',
    mutate: (f) => (f['groups.xml'] = edit(f['groups.xml'], 'iEnabled="1"', 'iEnabled=1"')) },
  { name: 'DOCTYPE refused', code: 'IMPORT_XML_MALFORMED', severity: 'error', file: 'computers.xml', at: '<!DOCTYPE',
    mutate: (f) => (f['computers.xml'] = edit(f['computers.xml'], '<Computers>', '<!DOCTYPE Computers [<!ENTITY x "y">]>\n<Computers>')) },
  { name: 'missing users.xml', code: 'IMPORT_REQUIRED_FILE_MISSING', severity: 'error', file: users, mutate: (f) => delete f[users] },
  { name: 'missing manifest.xml', code: 'IMPORT_REQUIRED_FILE_MISSING', severity: 'error', file: 'manifest.xml', mutate: (f) => delete f['manifest.xml'] },
  { name: 'missing config/ucserver.xml', code: 'IMPORT_REQUIRED_FILE_MISSING', severity: 'error', file: 'config/ucserver.xml', mutate: (f) => delete f['config/ucserver.xml'] },
  { name: 'unknown root element', code: 'IMPORT_UNKNOWN_ROOT_ELEMENT', severity: 'error', file: 'groups.xml', at: '<Gruppen>',
    mutate: (f) => (f['groups.xml'] = edit(edit(f['groups.xml'], '<Groups>', '<Gruppen>'), '</Groups>', '</Gruppen>')) },
  { name: 'unknown element inside a known file', code: 'IMPORT_UNKNOWN_ELEMENT', severity: 'warning', file: users, at: '<Delegate',
    mutate: (f) => (f[users] = edit(f[users], '<MonitorLine', '<Delegate u8sUserName="bob.meyer"/>\n    <MonitorLine')) },
  { name: 'duplicate user name (case-insensitive)', code: 'IMPORT_DUPLICATE_USER_NAME', severity: 'error', file: users, at: '<User iEnabled="0"',
    mutate: (f) => (f[users] = edit(f[users], 'u8sUserName="bob.meyer"', 'u8sUserName="Anna.Schmidt"')) },
  { name: 'duplicate SIP URI', code: 'IMPORT_DUPLICATE_SIP_URI', severity: 'error', file: users, at: '<User iEnabled="0"',
    mutate: (f) => (f[users] = edit(f[users], 'u8sSIPURI="sip:bob.meyer@corp.example"', 'u8sSIPURI="sip:anna.schmidt@corp.example"')) },
  { name: 'SIP URI not lowercase', code: 'IMPORT_SIP_URI_NOT_LOWERCASE', severity: 'warning', file: users, at: '<User iEnabled="0"',
    mutate: (f) => (f[users] = edit(f[users], 'u8sSIPURI="sip:bob.meyer@corp.example"', 'u8sSIPURI="sip:Bob.Meyer@corp.example"')) },
  { name: 'bool of the wrong type', code: 'IMPORT_WRONG_VALUE_TYPE', severity: 'error', file: users, at: 'iEnabled="yes"',
    mutate: (f) => (f[users] = edit(f[users], 'iEnabled="0"', 'iEnabled="yes"')) },
  { name: 'int of the wrong type (licence count)', code: 'IMPORT_WRONG_VALUE_TYPE', severity: 'error', file: 'config/ucserver.xml', at: 'count="many"',
    mutate: (f) => (f['config/ucserver.xml'] = edit(f['config/ucserver.xml'], 'count="500"', 'count="many"')) },
  { name: 'int setting with a non-number value', code: 'IMPORT_WRONG_VALUE_TYPE', severity: 'error', file: 'config/ucserver.xml', at: 'value="fifty"',
    mutate: (f) => (f['config/ucserver.xml'] = edit(f['config/ucserver.xml'], 'value="50"', 'value="fifty"')) },
  { name: 'unknown setting type', code: 'IMPORT_WRONG_VALUE_TYPE', severity: 'error', file: 'config/ucserver.xml', at: 'type="number"',
    mutate: (f) => (f['config/ucserver.xml'] = edit(f['config/ucserver.xml'], 'type="int" value="50"', 'type="number" value="50"')) },
  { name: 'unknown licence type', code: 'IMPORT_WRONG_VALUE_TYPE', severity: 'error', file: 'config/ucserver.xml', at: 'type="seat"',
    mutate: (f) => (f['config/ucserver.xml'] = edit(f['config/ucserver.xml'], 'type="user"', 'type="seat"')) },
  { name: 'unknown line kind', code: 'IMPORT_WRONG_VALUE_TYPE', severity: 'error', file: 'config/lines.xml', at: 'kind="PBX"',
    mutate: (f) => (f['config/lines.xml'] = edit(f['config/lines.xml'], 'kind="ECSTA"', 'kind="PBX"')) },
  { name: 'line URI that is not tel:', code: 'IMPORT_WRONG_VALUE_TYPE', severity: 'error', file: 'config/lines.xml', at: 'u8sLineURI="sip',
    mutate: (f) => (f['config/lines.xml'] = edit(f['config/lines.xml'], 'u8sLineURI="tel:+4930123451299"', 'u8sLineURI="sip:1299@pbx"')) },
  { name: 'missing user name', code: 'IMPORT_MISSING_VALUE', severity: 'error', file: users, at: '<User iEnabled="0"',
    mutate: (f) => (f[users] = edit(f[users], 'u8sUserName="bob.meyer" ', '')) },
  { name: 'group member that does not exist', code: 'IMPORT_UNKNOWN_USER', severity: 'warning', file: 'groups.xml', at: '<Member u8sUserName="carl',
    mutate: (f) => (f['groups.xml'] = edit(f['groups.xml'], '<Member u8sUserName="bob.meyer"/>', '<Member u8sUserName="carl.weber"/>')) },
  { name: 'group leader that does not exist', code: 'IMPORT_UNKNOWN_USER', severity: 'warning', file: 'groups.xml', at: '<Group ',
    mutate: (f) => (f['groups.xml'] = edit(f['groups.xml'], 'u8sGroupLeader="anna.schmidt"', 'u8sGroupLeader="zoe.klein"')) },
  { name: 'client content of an unknown user', code: 'IMPORT_CLIENT_CONTENT_UNKNOWN_USER', severity: 'warning', file: 'config/users/zoe.klein_clientcontent.xml',
    mutate: (f) => (f['config/users/zoe.klein_clientcontent.xml'] = f['config/users/anna.schmidt_clientcontent.xml']!) },
  { name: 'monitored line that does not exist', code: 'IMPORT_UNKNOWN_LINE', severity: 'warning', file: users, at: '<MonitorLine',
    mutate: (f) => (f[users] = edit(f[users], '<MonitorLine u8sPhoneNumber="+4930123451299"/>', '<MonitorLine u8sPhoneNumber="+4930999"/>')) },
  { name: 'line location not in locations.xml', code: 'IMPORT_UNKNOWN_LOCATION', severity: 'error', file: 'config/lines.xml', at: '<Line u8sLineURI="tel:+4930123451299"',
    mutate: (f) => (f['config/lines.xml'] = edit(f['config/lines.xml'], 'bPrivate="0" location="Berlin"/>\n  </LineGroup>', 'bPrivate="0" location="Hamburg"/>\n  </LineGroup>')) },
  { name: 'duplicate line URI', code: 'IMPORT_DUPLICATE_LINE_URI', severity: 'error', file: 'config/lines.xml', at: '<Line u8sLineURI="tel:+4930123451234"', nth: 2,
    mutate: (f) => (f['config/lines.xml'] = edit(f['config/lines.xml'], 'tel:+4930123451299', 'tel:+4930123451234')) },
  { name: 'duplicate line number', code: 'IMPORT_DUPLICATE_LINE_NUMBER', severity: 'error', file: 'config/lines.xml', at: '<Line u8sLineURI="TEL:',
    mutate: (f) => (f['config/lines.xml'] = edit(f['config/lines.xml'], 'tel:+4930123451299', 'TEL:+4930123451234')) },
  { name: 'duplicate licence key', code: 'IMPORT_DUPLICATE_LICENSE_KEY', severity: 'error', file: 'config/ucserver.xml', at: '<License key', nth: 2,
    mutate: (f) => (f['config/ucserver.xml'] = edit(f['config/ucserver.xml'], 'PCE8-SRV-9KQ2-71LM-0002', LICENSE_KEY)) },
  { name: 'file-based user management', code: 'IMPORT_FILE_BASED_USER_MANAGEMENT', severity: 'error', file: 'config/ucserver.xml', at: 'value="0"',
    mutate: (f) => (f['config/ucserver.xml'] = edit(f['config/ucserver.xml'], 'type="int" value="1"', 'type="int" value="0"')) },
  { name: 'unclassified setting', code: 'IMPORT_SETTING_UNCLASSIFIED', severity: 'warning', file: 'config/ucserver.xml', at: '<Setting key="presence',
    mutate: (f) => (f['config/ucserver.xml'] = edit(f['config/ucserver.xml'], '</Settings>', '  <Setting key="presence.autoAwayMinutes" type="int" value="5"/>\n  </Settings>')) },
  { name: 'phone number no rule normalises', code: 'IMPORT_PHONE_NUMBER_NOT_NORMALISED', severity: 'warning', file: users, at: '<User iEnabled="0"',
    mutate: (f) => (f[users] = edit(f[users], 'u8sPhoneNumber="91299"', 'u8sPhoneNumber="0301299"')) },
  { name: 'duplicate group name (case-insensitive)', code: 'IMPORT_DUPLICATE_GROUP_NAME', severity: 'error', file: 'groups.xml', at: '<Group iEnabled="0"',
    mutate: (f) => (f['groups.xml'] = edit(f['groups.xml'], '</Groups>', '  <Group iEnabled="0" u8sGroupName="SALES BERLIN" u8sSIPURI="sip:sales2@corp.example"/>\n</Groups>')) },
  { name: 'duplicate computer name (case-insensitive)', code: 'IMPORT_DUPLICATE_COMPUTER_NAME', severity: 'error', file: 'computers.xml', at: '<Computer u8sComputerLogin',
    mutate: (f) => (f['computers.xml'] = edit(f['computers.xml'], '</Computers>', '  <Computer u8sComputerLogin="pc-ber-0042"/>\n</Computers>')) },
  { name: 'duplicate setting key', code: 'IMPORT_DUPLICATE_SETTING', severity: 'error', file: 'config/ucserver.xml', at: '<Setting key="LOGGING.maxFileSizeMB"',
    mutate: (f) => (f['config/ucserver.xml'] = edit(f['config/ucserver.xml'], '</Settings>', '  <Setting key="LOGGING.maxFileSizeMB" type="int" value="20"/>\n  </Settings>')) },
  { name: 'duplicate location', code: 'IMPORT_DUPLICATE_LOCATION', severity: 'error', file: 'config/locations.xml', at: '<location name="berlin"',
    mutate: (f) => (f['config/locations.xml'] = edit(f['config/locations.xml'], '</locations>', '  <location name="berlin" CityCode="30"/>\n</locations>')) },
  { name: 'duplicate line group', code: 'IMPORT_DUPLICATE_LINE_GROUP', severity: 'error', file: 'config/lines.xml', at: '<LineGroup name="ECSTA avaya', 
    mutate: (f) => (f['config/lines.xml'] = edit(f['config/lines.xml'], '</LineConfig>', '  <LineGroup name="ECSTA avaya Berlin" kind="TAPI"/>\n</LineConfig>')) },
  { name: 'attribute the format does not name', code: 'IMPORT_UNKNOWN_ATTRIBUTE', severity: 'info', file: 'computers.xml', at: 'u8sRoom',
    mutate: (f) => (f['computers.xml'] = edit(f['computers.xml'], 'u8sPhoneSecondary=""/>', 'u8sPhoneSecondary="" u8sRoom="2.14"/>')) },
  { name: 'location rule that is not a regular expression', code: 'IMPORT_LOCATION_RULE_INVALID', severity: 'warning', file: 'config/locations.xml', at: '<Element Search="^(["',
    mutate: (f) => (f['config/locations.xml'] = edit(f['config/locations.xml'], '</InternalRules>', '  <Element Search="^([" Replace="x"/>\n    </InternalRules>')) },
  { name: 'no usermanager.mode setting', code: 'IMPORT_USER_MANAGEMENT_MISSING', severity: 'warning', file: 'config/ucserver.xml', at: '<UCServerConfig>',
    mutate: (f) => (f['config/ucserver.xml'] = edit(f['config/ucserver.xml'], '<Setting key="usermanager.mode" type="int" value="1"/>', '')) },
  { name: 'file not in the layout', code: 'IMPORT_NOT_MIGRATED', severity: 'info', file: 'Datenexport.log', mutate: (f) => (f['Datenexport.log'] = 'export done') },
  { name: 'not UTF-8', code: 'IMPORT_FILE_ENCODING', severity: 'error', file: 'computers.xml', at: '\uFFFD',
    mutate: (f) => (f['computers.xml'] = Buffer.from(edit(f['computers.xml'], 'PC-BER-0042', 'PC-MÜNCHEN'), 'latin1')) },
  { name: 'ZIP entry leading out of the export', code: 'IMPORT_ENTRY_PATH_ESCAPES', severity: 'error', file: '../../etc/evil.xml', form: 'zip',
    mutate: (f) => (f['../../etc/evil.xml'] = '<x/>') },
  { name: 'ZIP entry with an absolute path', code: 'IMPORT_ENTRY_PATH_ESCAPES', severity: 'error', file: 'C:/Windows/evil.xml', form: 'zip',
    mutate: (f) => (f['C:\\Windows\\evil.xml'] = '<x/>') },
  { name: 'duplicate entry (case and separator)', code: 'IMPORT_DUPLICATE_ENTRY', severity: 'error', file: 'CONFIG/Lines.xml', form: 'zip',
    mutate: (f) => (f['CONFIG\\Lines.xml'] = f['config/lines.xml']!) },
];

describe('contract rules', () => {
  it.each(cases)('$name → $code', async (c) => {
    const files = baselineExport();
    c.mutate(files);
    const { diagnostics } = await importFiles(tmp.next, files, c.form ?? 'folder');
    const found = diagnostics.find((d) => d.code === c.code && d.file === c.file) ?? diagnostics.find((d) => d.code === c.code);
    expect(found, JSON.stringify(diagnostics, null, 1)).toBeDefined();
    expect(found!.severity).toBe(c.severity);
    expect(found!.file).toBe(c.file);
    // Each diagnostic names its export: the manifest's server, or the input path when there is no manifest.
    expect(found!.source).toMatch(c.file === 'manifest.xml' ? /-export(\.zip)?$/ : /^ucs-ber-01\.corp\.example$/);
    if (c.at !== undefined) {
      const raw = files[c.file];
      const text = typeof raw === 'string' ? raw : Buffer.from(raw!).toString('utf8');
      expect({ line: found!.line, column: found!.column }).toEqual(positionOf(text, c.at, c.nth ?? 1));
    }
  });

  it('the baseline export imports without errors or warnings', async () => {
    const { exports, diagnostics } = await importFiles(tmp.next, baselineExport(), 'zip');
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(exports).toHaveLength(1);
    expect(exports[0]!.users.map((u) => u.phoneNumber)).toEqual(['+4930123451234', '+4930123451299']);
  });

  it('a duplicate licence key is shown only by its last four characters', async () => {
    const files = baselineExport();
    cases.find((c) => c.code === 'IMPORT_DUPLICATE_LICENSE_KEY')!.mutate(files);
    const { diagnostics } = await importFiles(tmp.next, files, 'folder');
    const text = JSON.stringify(diagnostics);
    expect(text).toContain('…0001');
    expect(text).not.toContain(LICENSE_KEY);
  });

  it('two exports of the same server in one run are an error; references resolve across exports', async () => {
    const a = baselineExport('ucs-a');
    const b = baselineExport('ucs-a');
    // b's group names a user only a holds: fine, references use every export of the run.
    b['groups.xml'] = edit(b['groups.xml'], '<Member u8sUserName="bob.meyer"/>', '<Member u8sUserName="carl.weber"/>');
    a['users.xml'] = edit(a['users.xml'], 'u8sUserName="bob.meyer"', 'u8sUserName="carl.weber"').replace('sip:bob.meyer', 'sip:carl.weber');
    const r = await importExports([writeExportFolder(tmp.next('a'), a), writeExportZip(tmp.next('b.zip'), b)]);
    const dup = r.diagnostics.filter((d) => d.code === 'IMPORT_DUPLICATE_SERVER');
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ file: 'manifest.xml', line: 2, source: 'ucs-a' });
    expect(r.diagnostics.filter((d) => d.code === 'IMPORT_UNKNOWN_USER')).toEqual([]);
  });

  it('an input that does not exist is a diagnostic, not an exception', async () => {
    const r = await importExports([tmp.next('missing.zip')]);
    expect(r.exports).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['IMPORT_INPUT_NOT_FOUND']);
  });
});
