/**
 * One ZIP writer (bench/zip-writer.ts) serves the generator and the fixtures, and one CRC-32
 * (src/importers/crc32.ts) serves the writer and the importer's checksum test.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import * as benchZip from '../../bench/zip-writer.js';
import { crc32 } from '../../src/importers/crc32.js';
import { importExports } from '../../src/importers/index.js';
import { baselineExport, fixtureDir } from '../helpers/export-fixture.js';

const tmp = fixtureDir('procall-zip-writer-');
afterAll(() => tmp.cleanup());

describe('the ZIP writer', () => {
  it('uses the importer\'s CRC-32', () => {
    expect(benchZip.crc32).toBe(crc32);
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('writes what the fixtures need: text data, a forced method and a wrong CRC the importer catches', async () => {
    const entries = Object.entries(baselineExport()).map(([name, data]) => ({
      name,
      data,
      method: 'store' as const,
      ...(name === 'users.xml' ? { crc: 1 } : {}),
    }));
    const zip = benchZip.buildZip(entries);
    // Stored, not deflated: the manifest's text is in the archive as written.
    expect(zip.includes(Buffer.from('product="ProCall Enterprise"'))).toBe(true);
    const path = tmp.next('crc.zip');
    writeFileSync(path, zip);
    const r = await importExports([path]);
    expect(r.diagnostics.filter((d) => d.code === 'IMPORT_ZIP_UNREADABLE').map((d) => d.message)).toEqual(['ZIP entry users.xml is corrupt (checksum mismatch)']);
  });
});
