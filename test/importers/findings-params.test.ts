/**
 * The import findings a damaged export gives carry the values their customer sentence is made
 * of (`params`) and what they are about (`subject`): none falls back to the generic sentence.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { LANGS } from '../../src/report/i18n/catalog.js';
import { FINDING_CATALOGS } from '../../src/report/i18n/findings-text.js';
import { missingParams } from '../../src/report/i18n/findings-render.js';
import { baselineExport, fixtureDir } from '../helpers/export-fixture.js';
import { edit, importFiles } from '../helpers/run-import.js';

const tmp = fixtureDir('procall-findings-params-');
afterAll(() => tmp.cleanup());

/** One export with a dozen different problems. */
function damaged() {
  const files = baselineExport();
  files['users.xml'] = edit(
    edit(edit(files['users.xml'], 'u8sSIPURI="sip:anna.schmidt@corp.example"', 'u8sSIPURI="sip:Anna.Schmidt@corp.example" u8sShoeSize="42"'), 'u8sPhoneNumber="91299"', 'u8sPhoneNumber="0815"'),
    '</Users>',
    '  <User iEnabled="maybe" u8sUserName="carl" u8sSIPURI="sip:carl@corp.example"/>\n  <User iEnabled="1" u8sUserName="Anna.Schmidt" u8sSIPURI="sip:anna2@corp.example"/>\n  <User iEnabled="1" u8sSIPURI="sip:nobody@corp.example"/>\n  <Robot/>\n</Users>',
  );
  files['groups.xml'] = edit(files['groups.xml'], '<Member u8sUserName="bob.meyer"/>', '<Member u8sUserName="bob.meyer"/>\n    <Member u8sUserName="ghost"/>');
  files['config/ucserver.xml'] = edit(
    files['config/ucserver.xml'],
    '<Setting key="logging.maxFileSizeMB" type="int" value="50"/>',
    '<Setting key="logging.maxFileSizeMB" type="int" value="fifty"/>\n    <Setting key="custom.vendorThing" type="text" value="x"/>\n    <Setting key="custom.vendorThing" type="text" value="y"/>',
  );
  files['config/users/ghost_clientcontent.xml'] = files['config/users/anna.schmidt_clientcontent.xml']!;
  files['notes.txt'] = 'hello';
  return files;
}

describe('import findings', () => {
  it.each(['folder', 'zip'] as const)('of a damaged export (%s) render from their params, each about a subject', async (form) => {
    const r = await importFiles(tmp.next, damaged(), form);
    const codes = new Set(r.diagnostics.map((d) => d.code));
    // The fixture really is damaged in many ways (the check below is over all of them).
    expect(codes.size).toBeGreaterThanOrEqual(8);
    const lacking = r.diagnostics.flatMap((d) =>
      LANGS.flatMap((lang) => {
        const missing = missingParams(FINDING_CATALOGS[lang], d);
        return missing.length === 0 ? [] : [`${lang} ${d.code} lacks ${missing.join(', ')}: ${d.message}`];
      }),
    );
    expect(lacking).toEqual([]);
    expect(r.diagnostics.filter((d) => d.subject === undefined).map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    // A password is never a param.
    expect(JSON.stringify(r.diagnostics.map((d) => d.params))).not.toContain('S3cr3t');
  });
});
