/**
 * Exports written by hand the way customers' files really differ from the samples while still
 * following the contract: re-zipped folders, Windows paths, UTF-16 BE, hand-edited XML, empty
 * and minimal files, every setting type, references across the exports of one run. Each must
 * import as the contract says — or be refused with the file and line a consultant can act on.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { importExports } from '../../src/importers/index.js';
import { inspectImport } from '../../src/importers/inspect.js';
import { Sensitive } from '../../src/model/sensitive.js';
import type { ExportFiles } from '../helpers/export-fixture.js';
import { baselineExport, BIND_PASSWORD, encode, fixtureDir, positionOf, writeExportFolder, writeExportZip } from '../helpers/export-fixture.js';
import { codes, edit, importFiles } from '../helpers/run-import.js';

const tmp = fixtureDir('procall-variants-');
afterAll(() => tmp.cleanup());

const problems = (r: { diagnostics: readonly { severity: string; code: string; file?: string }[] }) =>
  r.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.code} ${d.file ?? ''}`);

describe('layout variants', () => {
  it('a ZIP with "\\" separators and mixed-case names (CONFIG\\Users\\Anna.Schmidt_ClientContent.XML)', async () => {
    const renamed: Record<string, string> = {
      'manifest.xml': 'Manifest.XML',
      'config/ucserver.xml': 'Config\\UCServer.xml',
      'config/locations.xml': 'CONFIG\\Locations.xml',
      'config/lines.xml': 'config\\LINES.xml',
      'config/ClientUpdate.xml': 'Config\\clientupdate.XML',
      'config/users/anna.schmidt_clientcontent.xml': 'CONFIG\\Users\\Anna.Schmidt_ClientContent.XML',
      'users.xml': 'Users.Xml',
      'groups.xml': 'GROUPS.XML',
      'computers.xml': 'Computers.xml',
      'database/journal.db': 'Database\\Journal.DB',
    };
    const files = Object.fromEntries(Object.entries(baselineExport()).map(([k, v]) => [renamed[k]!, v]));
    const r = await importFiles(tmp.next, files, 'zip');
    expect(problems(r)).toEqual([]);
    const exp = r.exports[0]!;
    expect(exp.users).toHaveLength(2);
    expect(exp.lineGroups.flatMap((g) => g.lines)).toHaveLength(2);
    expect(exp.locations.map((l) => l.name)).toEqual(['Berlin']);
    // The client content belongs to anna.schmidt whatever the file name's case.
    expect(exp.clientContent.map((c) => c.userName)).toEqual(['anna.schmidt']);
    expect(exp.clientUpdate).toBeDefined();
    // Paths are shown as the ZIP holds them, with "/".
    expect(exp.databaseFiles).toEqual(['Database/Journal.DB']);
    expect(exp.files.map((f) => f.path)).toContain('CONFIG/Users/Anna.Schmidt_ClientContent.XML');
  });

  it.each(['zip', 'folder'] as const)('an export wrapped in one top-level folder (%s) imports; diagnostics name the real path', async (form) => {
    const files = baselineExport();
    files['users.xml'] = edit(files['users.xml'], 'iEnabled="0"', 'iEnabled="nein"');
    const wrapped: ExportFiles = Object.fromEntries(Object.entries(files).map(([k, v]) => [`ucs-ber-01/${k}`, v]));
    const path = form === 'zip'
      ? writeExportZip(tmp.next('wrapped.zip'), [{ name: 'ucs-ber-01/', data: '' }, ...Object.entries(wrapped).map(([name, data]) => ({ name, data }))])
      : writeExportFolder(tmp.next('wrapped'), wrapped);
    const r = await importExports([path]);
    expect(problems(r)).toEqual(['IMPORT_WRONG_VALUE_TYPE ucs-ber-01/users.xml']);
    const wrong = r.diagnostics.find((d) => d.code === 'IMPORT_WRONG_VALUE_TYPE')!;
    expect(wrong).toMatchObject(positionOf(files['users.xml'] as string, 'iEnabled="nein"'));
    const exp = r.exports[0]!;
    expect(exp.source).toBe('ucs-ber-01.corp.example');
    expect(exp.users.map((u) => u.userName)).toEqual(['anna.schmidt']);
    expect(exp.clientContent.map((c) => c.userName)).toEqual(['anna.schmidt']);
    expect(exp.databaseFiles).toEqual(['ucs-ber-01/database/journal.db']);
    expect(exp.notMigrated).toEqual(['ucs-ber-01/database/journal.db']);
  });

  it('two wrapped exports in one ZIP are refused with a hint to give each on its own', async () => {
    const entries = [
      ...Object.entries(baselineExport('ucs-a')).map(([k, data]) => ({ name: `ucs-a/${k}`, data })),
      ...Object.entries(baselineExport('ucs-b')).map(([k, data]) => ({ name: `ucs-b/${k}`, data })),
    ];
    const r = await importExports([writeExportZip(tmp.next('two.zip'), entries)]);
    expect(r.exports).toEqual([]);
    const missing = r.diagnostics.filter((d) => d.code === 'IMPORT_REQUIRED_FILE_MISSING');
    expect(missing.map((d) => d.file)).toEqual(['manifest.xml', 'config/ucserver.xml', 'users.xml']);
    expect(missing[0]!.hint).toContain('ucs-a/manifest.xml, ucs-b/manifest.xml');
  });

  it('contract files at the root mean no wrapping folder: a manifest only in a subfolder is missing', async () => {
    const files = baselineExport();
    files['old/manifest.xml'] = files['manifest.xml']!;
    delete files['manifest.xml'];
    const r = await importFiles(tmp.next, files, 'zip');
    expect(r.exports).toEqual([]);
    expect(r.diagnostics.filter((d) => d.code === 'IMPORT_REQUIRED_FILE_MISSING').map((d) => d.file)).toEqual(['manifest.xml']);
  });

  it('a manifest at the root wins: a folder beside it is not looked into', async () => {
    const files = baselineExport();
    files['backup/users.xml'] = '<Users/>';
    const r = await importFiles(tmp.next, files, 'zip');
    expect(r.exports[0]!.users).toHaveLength(2);
    expect(r.exports[0]!.notMigrated).toContain('backup/users.xml');
  });
});

describe('encodings and hand-edited XML', () => {
  it('UTF-16 BE with BOM, CRLF and an encoding="UTF-16" declaration in every file', async () => {
    const files = baselineExport();
    for (const [name, content] of Object.entries(files)) {
      if (!name.endsWith('.xml') || typeof content !== 'string') continue;
      files[name] = encode.utf16be(encode.crlf(content.replace(/^\uFEFF/, '').replace('encoding="UTF-8"', 'encoding="UTF-16"')));
    }
    const r = await importFiles(tmp.next, files, 'zip');
    expect(problems(r)).toEqual([]);
    expect(r.exports[0]!.users.map((u) => u.displayName)).toEqual(['Schmidt, Anna', 'Meyer, Bob']);
    expect(r.exports[0]!.clientContent[0]!.content).toContain('sip:bob.meyer@corp.example');
  });

  it('single quotes, unusual attribute order, entities, comments, PIs, CDATA, standalone, spaces around "="', async () => {
    const files = baselineExport();
    files['users.xml'] = `<?xml version='1.0' encoding='utf-8' standalone='yes'?>
<!-- exported by hand -- well, edited -->
<?estos-tool version="1"?>
<Users>
  <!-- Anna: attributes in another order, single quotes, references -->
  <User u8sPhoneNumber = '+4930123451234' u8sUserName='anna.schmidt' iEnabled='1'
        u8sSIPURI="sip:anna.schmidt@corp.example" u8sLastName='M&#252;ller &amp; S&#xF6;hne' u8sFirstName="J&#x00FC;rgen"
        u8sDisplayName='Schmidt, "Anna" &lt;HR&gt;' u8sProfile="a > b" u8sDNPath="OU=Line1&#10;Line2">
    <?pi inside?>
    <MonitorLine u8sPhoneNumber="+4930123451299"><![CDATA[ ignored text ]]></MonitorLine>
  </User>
  <User iEnabled="0" u8sUserName="bob.meyer" u8sSIPURI="sip:bob.meyer@corp.example"
        u8sFirstName="Bob" u8sLastName="Meyer" u8sDisplayName="Meyer,
 Bob" u8sPhoneNumber="91299"/>
</Users>
<!-- end -->
`.replace('<!-- exported by hand -- well, edited -->', '<!-- exported by hand, edited -->');
    const r = await importFiles(tmp.next, files, 'folder');
    expect(problems(r)).toEqual([]);
    const [anna, bob] = r.exports[0]!.users;
    expect(anna).toMatchObject({
      userName: 'anna.schmidt',
      firstName: 'Jürgen',
      lastName: 'Müller & Söhne',
      displayName: 'Schmidt, "Anna" <HR>',
      profile: 'a > b',
      dnPath: 'OU=Line1\nLine2',
      phoneNumber: '+4930123451234',
    });
    expect(anna!.monitorLines.map((m) => m.phoneNumber)).toEqual(['+4930123451299']);
    // A literal line break in an attribute value becomes a space (XML attribute-value normalisation).
    expect(bob!.displayName).toBe('Meyer,  Bob');
  });

  it.each([
    ['"--" inside a comment', '<!-- a -- b -->', '-- b'],
    ['a numeric reference to a character XML forbids', '<Computer u8sComputerLogin="PC&#x1;" iEnabled="1"/>', '&#x1;'],
    ['an undeclared entity', '<Computer u8sComputerLogin="PC&auml;" iEnabled="1"/>', '&auml;'],
  ])('refuses %s with file, line and column', async (_what, inject, at) => {
    const files = baselineExport();
    files['computers.xml'] = edit(files['computers.xml'], '<Computers>', `<Computers>\n  ${inject}`);
    const r = await importFiles(tmp.next, files, 'zip');
    const d = r.diagnostics.find((x) => x.code === 'IMPORT_XML_MALFORMED');
    expect(d).toMatchObject({ severity: 'error', file: 'computers.xml', ...positionOf(files['computers.xml'] as string, at) });
  });
});

describe('minimal and unusual content', () => {
  it('an empty <Users/> (with no groups, computers or client content) imports with no problem', async () => {
    const files = baselineExport();
    files['users.xml'] = '<?xml version="1.0" encoding="UTF-8"?>\n<Users/>\n';
    delete files['groups.xml'];
    delete files['computers.xml'];
    delete files['config/users/anna.schmidt_clientcontent.xml'];
    const r = await importFiles(tmp.next, files, 'zip');
    expect(problems(r)).toEqual([]);
    expect(inspectImport(r).exports[0]!.counts).toEqual({ users: 0, enabledUsers: 0, groups: 0, computers: 0, lineGroups: 1, lines: 2, clientContent: 0 });
  });

  it('a line group with no lines and a location with no rules import as they are', async () => {
    const files = baselineExport();
    files['config/lines.xml'] = edit(files['config/lines.xml'], '</LineConfig>', '  <LineGroup name="SIP Trunk Reserve" kind="SIP" location="Potsdam"/>\n  <LineGroup name="TAPI leer" kind="TAPI"></LineGroup>\n</LineConfig>');
    files['config/locations.xml'] = edit(files['config/locations.xml'], '</locations>', '  <location name="Potsdam" CountryCode="49" CityCode="331"/>\n  <location name="Leer"><InternalRules/></location>\n</locations>');
    const r = await importFiles(tmp.next, files, 'folder');
    expect(problems(r)).toEqual([]);
    const exp = r.exports[0]!;
    expect(exp.lineGroups.map((g) => [g.name, g.kind, g.lines.length])).toEqual([['ECSTA Avaya Berlin', 'ECSTA', 2], ['SIP Trunk Reserve', 'SIP', 0], ['TAPI leer', 'TAPI', 0]]);
    expect(exp.locations.map((l) => [l.name, l.rules.length])).toEqual([['Berlin', 1], ['Potsdam', 0], ['Leer', 0]]);
  });

  it('settings of every type: text, int, bool (0/1/true/false/TRUE), list, secret', async () => {
    const files = baselineExport();
    files['config/ucserver.xml'] = edit(files['config/ucserver.xml'], '</Settings>', `  <Setting key="usermanager.presenceDomains" type="list" value="corp.example;partner.example"/>
    <Setting key="usermanager.autoBindFirstLine" type="bool" value="true"/>
    <Setting key="usermanager.autoBindSecondLine" type="bool" value="false"/>
    <Setting key="journal.enabled" type="bool" value="TRUE"/>
    <Setting key="chat.enabled" type="bool" value="0"/>
    <Setting key="network.ctiPort" type="int" value=" 7222 "/>
    <Setting key="mail.sender" type="text" value=""/>
    <Setting value="smtp.corp.example" type="text" key="mail.smtpServer"/>
    <Setting key="mail.password" type="secret" value="Mail-Pa55!"/>
  </Settings>`);
    const r = await importFiles(tmp.next, files, 'zip');
    expect(problems(r)).toEqual([]);
    const byKey = new Map(r.exports[0]!.settings.map((s) => [s.key, s]));
    expect(Object.fromEntries(['usermanager.presenceDomains', 'usermanager.autoBindFirstLine', 'usermanager.autoBindSecondLine', 'journal.enabled', 'chat.enabled', 'network.ctiPort', 'mail.sender', 'mail.smtpServer'].map((k) => [k, [byKey.get(k)!.type, byKey.get(k)!.value]]))).toEqual({
      'usermanager.presenceDomains': ['list', 'corp.example;partner.example'],
      'usermanager.autoBindFirstLine': ['bool', '1'],
      'usermanager.autoBindSecondLine': ['bool', '0'],
      'journal.enabled': ['bool', '1'],
      'chat.enabled': ['bool', '0'],
      'network.ctiPort': ['int', '7222'],
      'mail.sender': ['text', ''],
      'mail.smtpServer': ['text', 'smtp.corp.example'],
    });
    expect(byKey.get('mail.password')!.value).toBeInstanceOf(Sensitive);
    expect(JSON.stringify(r)).not.toContain('Mail-Pa55!');
  });

  it.each([
    ['text', BIND_PASSWORD],
    ['int', '73914286'],
  ])('a password typed "%s" is imported as a secret, with a warning that never shows it', async (type, secret) => {
    const files = baselineExport();
    files['config/ucserver.xml'] = edit(files['config/ucserver.xml'], `key="usermanager.ad.bindPassword" type="secret" value="${BIND_PASSWORD}"`, `key="usermanager.ad.bindPassword" type="${type}" value="${secret}"`);
    const r = await importFiles(tmp.next, files, 'folder');
    const setting = r.exports[0]!.settings.find((s) => s.key === 'usermanager.ad.bindPassword')!;
    expect(setting.type).toBe('secret');
    expect(setting.value).toBeInstanceOf(Sensitive);
    const d = r.diagnostics.find((x) => x.code === 'IMPORT_SECRET_NOT_MARKED');
    expect(d).toMatchObject({ severity: 'warning', file: 'config/ucserver.xml', ...positionOf(files['config/ucserver.xml'] as string, `type="${type}" value="${secret}"`) });
    expect(JSON.stringify(r) + JSON.stringify(inspectImport(r))).not.toContain(secret);
  });

  it('a bool whose key merely mentions a password stays a bool', async () => {
    const files = baselineExport();
    files['config/ucserver.xml'] = edit(files['config/ucserver.xml'], '</Settings>', '  <Setting key="mail.usePassword" type="bool" value="1"/>\n    <Setting key="mail.passwordMinLength" type="int" value="8"/>\n  </Settings>');
    const r = await importFiles(tmp.next, files, 'zip');
    const byKey = new Map(r.exports[0]!.settings.map((s) => [s.key, s]));
    expect([byKey.get('mail.usePassword')!.value, byKey.get('mail.passwordMinLength')!.value]).toEqual(['1', '8']);
    expect(codes(r.diagnostics)).not.toContain('IMPORT_SECRET_NOT_MARKED');
  });

  it('an internal number (1234) is normalised by the location rules and owns its line', async () => {
    const files = baselineExport();
    files['config/locations.xml'] = edit(files['config/locations.xml'], '</InternalRules>', '  <Element Search="^([1-5][0-9][0-9][0-9])$" Replace="+493012345\\1" MatchReplace="0"/>\n    </InternalRules>');
    files['users.xml'] = edit(files['users.xml'], 'u8sPhoneNumber="+4930123451234"', 'u8sPhoneNumber="1234"');
    files['computers.xml'] = edit(files['computers.xml'], 'u8sPhoneNumber="+4930123451300"', 'u8sPhoneNumber="1300"');
    const r = await importFiles(tmp.next, files, 'zip');
    expect(problems(r)).toEqual([]);
    expect(r.exports[0]!.users.map((u) => u.phoneNumber)).toEqual(['+4930123451234', '+4930123451299']);
    expect(r.exports[0]!.computers[0]!.phoneNumber).toBe('+4930123451300');
  });

  it('a user monitoring a line of another export of the same run is not an unknown line', async () => {
    const ber = baselineExport('ucs-ber-01');
    const muc = baselineExport('ucs-muc-01');
    muc['config/lines.xml'] = muc['config/lines.xml']!.toString().replace(/<LineGroup[\s\S]*<\/LineGroup>/, `<LineGroup name="TAPI München" kind="TAPI" location="Berlin">
    <Line u8sLineURI="tel:+49891234500" u8sInternalNumber="500" u8sLineName="Zentrale"/>
  </LineGroup>`);
    muc['users.xml'] = `<Users>
  <User u8sUserName="carl.weber" u8sSIPURI="sip:carl.weber@corp.example" u8sPhoneNumber="+49891234500">
    <MonitorLine u8sPhoneNumber="+4930123451234"/>
  </User>
</Users>`;
    delete muc['groups.xml'];
    delete muc['computers.xml'];
    delete muc['config/users/anna.schmidt_clientcontent.xml'];
    // Anna (Berlin) watches the München switchboard, Carl (München) watches Anna's line.
    ber['users.xml'] = edit(ber['users.xml'], '<MonitorLine u8sPhoneNumber="+4930123451299"/>', '<MonitorLine u8sPhoneNumber="+4930123451299"/>\n    <MonitorLine u8sPhoneNumber="+49891234500"/>');
    const r = await importExports([writeExportFolder(tmp.next('ber'), ber), writeExportZip(tmp.next('muc.zip'), muc)]);
    expect(codes(r.diagnostics).filter((c) => c === 'IMPORT_UNKNOWN_LINE')).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.exports.map((e) => e.source)).toEqual(['ucs-ber-01', 'ucs-muc-01']);
    // Without the München export the same monitor line is a stale reference: a warning pointing at
    // it, the line dropped, and Berlin's export still usable on its own (issue 8).
    const alone = await importExports([writeExportFolder(tmp.next('ber-alone'), ber)]);
    const unknown = alone.diagnostics.filter((d) => d.code === 'IMPORT_UNKNOWN_LINE');
    expect(unknown).toMatchObject([{ severity: 'warning', file: 'users.xml', ...positionOf(ber['users.xml'] as string, '<MonitorLine u8sPhoneNumber="+4989') }]);
    expect(alone.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(alone.exports[0]!.users.find((u) => u.userName === 'anna.schmidt')!.monitorLines.map((m) => m.phoneNumber)).toEqual(['+4930123451299']);
  });
});
