/**
 * The encodings the contract accepts, and positions that stay right in all of them; malformed
 * files deep inside a ZIP are named by their path inside the ZIP.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { decodeText } from '../../src/io/decode.js';
import type { ExportFiles } from '../helpers/export-fixture.js';
import { baselineExport, encode, fixtureDir, positionOf } from '../helpers/export-fixture.js';
import { edit, importFiles } from '../helpers/run-import.js';

const tmp = fixtureDir();
afterAll(() => tmp.cleanup());

const encodings = [
  { name: 'UTF-8, LF', bytes: (t: string) => Buffer.from(t, 'utf8') },
  { name: 'UTF-8 with BOM, CRLF', bytes: (t: string) => encode.utf8Bom(encode.crlf(t)) },
  { name: 'UTF-16 LE with BOM, CRLF', bytes: (t: string) => encode.utf16le(encode.crlf(t)) },
  { name: 'UTF-16 BE with BOM, CRLF', bytes: (t: string) => encode.utf16be(encode.crlf(t)) },
  { name: 'UTF-16 LE with BOM, LF', bytes: (t: string) => encode.utf16le(t) },
];

/** users.xml with an umlaut before the positions the tests check, so columns count characters, not bytes. */
const usersText = () => edit(baselineExport()['users.xml'], 'u8sFirstName="Bob"', 'u8sFirstName="Björn"');

/** Re-encodes every XML file of the baseline. */
function encodedExport(bytes: (t: string) => Buffer, change?: (f: ExportFiles) => void): ExportFiles {
  const files = baselineExport();
  change?.(files);
  for (const [name, content] of Object.entries(files)) {
    if (name.endsWith('.xml') && typeof content === 'string') files[name] = bytes(content.replace(/^\uFEFF/, ''));
  }
  return files;
}

describe('encodings', () => {
  it.each(encodings)('$name imports, with the same positions', async ({ bytes }) => {
    const text = edit(usersText(), 'u8sDisplayName="Meyer, Bob"', 'u8sDisplayName="Meyer, Bob" iEnabled="nein"').replace('iEnabled="0" ', '');
    const files = encodedExport(bytes, (f) => (f['users.xml'] = text));
    const { exports, diagnostics } = await importFiles(tmp.next, files, 'zip');
    expect(exports[0]!.users.map((u) => u.firstName)).toEqual(['Anna']);
    const wrong = diagnostics.find((d) => d.code === 'IMPORT_WRONG_VALUE_TYPE');
    expect(wrong).toMatchObject({ file: 'users.xml', ...positionOf(text, 'iEnabled="nein"'), path: '/Users/User[2]/@iEnabled' });
    expect(diagnostics.filter((d) => d.severity === 'error')).toHaveLength(1);
  });

  it.each(encodings)('$name: a malformed file reports line and column in characters', async ({ bytes }) => {
    const text = edit(usersText(), 'u8sLastName="Meyer"', 'u8sLastName="Meyer" u8sLastName="Müller"');
    const files = encodedExport(bytes, (f) => (f['users.xml'] = text));
    const { diagnostics } = await importFiles(tmp.next, files, 'folder');
    const malformed = diagnostics.find((d) => d.code === 'IMPORT_XML_MALFORMED');
    expect(malformed).toMatchObject({ file: 'users.xml', ...positionOf(text, 'u8sLastName="Müller"') });
  });

  it('UTF-16 without a BOM and an odd-length UTF-16 file are refused', () => {
    expect(decodeText(Buffer.from('<a/>', 'utf16le'))).toMatchObject({ ok: false });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<a/>', 'utf16le'), Buffer.from([0x20])]))).toMatchObject({ ok: false });
  });

  it('a malformed client-content file deep in a ZIP is named by its path inside the ZIP', async () => {
    const files = baselineExport();
    const name = 'config/users/anna.schmidt_clientcontent.xml';
    files[name] = edit(files[name], '</Group>', '</Gruppe>');
    const { exports, diagnostics } = await importFiles(tmp.next, files, 'zip');
    const malformed = diagnostics.filter((d) => d.code === 'IMPORT_XML_MALFORMED');
    expect(malformed).toHaveLength(1);
    expect(malformed[0]).toMatchObject({ file: name, source: 'ucs-ber-01.corp.example', ...positionOf(files[name] as string, '</Gruppe>') });
    expect(malformed[0]!.message).toContain('opened at line 4, column 5');
    expect(exports[0]!.clientContent).toEqual([]);
  });

  it('backslash-separated, upper-case ZIP entry names are found', async () => {
    const files = Object.fromEntries(Object.entries(baselineExport()).map(([k, v]) => [k.toUpperCase().replace(/\//g, '\\'), v]));
    const { exports, diagnostics } = await importFiles(tmp.next, files, 'zip');
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(exports[0]!.clientContent.map((c) => c.userName)).toEqual(['anna.schmidt']);
  });

  it('a corrupt entry (bad checksum) is reported, the rest of the export is read', async () => {
    const entries = Object.entries(baselineExport()).map(([name, data]) => ({ name, data, method: 'store' as const, ...(name === 'computers.xml' ? { crc: 1 } : {}) }));
    const { writeExportZip } = await import('../helpers/export-fixture.js');
    const { importExports } = await import('../../src/importers/index.js');
    const r = await importExports([writeExportZip(tmp.next('crc.zip'), entries)]);
    expect(r.diagnostics.find((d) => d.code === 'IMPORT_ZIP_UNREADABLE')).toMatchObject({ file: 'computers.xml' });
    expect(r.exports[0]!.users).toHaveLength(2);
  });
});
