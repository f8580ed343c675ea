/**
 * An input that holds none of the contract's files (`inspect /tmp`, the wrong ZIP) is one error
 * naming the input — not a line per unrelated file, not a symlink error per link in it.
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importExports } from '../../src/importers/index.js';
import { baselineExport, fixtureDir, writeExportFolder, writeExportZip } from '../helpers/export-fixture.js';

const tmp = fixtureDir('procall-not-export-');
afterAll(() => tmp.cleanup());

/** A folder like /tmp: unrelated files, nested folders, links. */
function unrelatedFolder(): string {
  const dir = writeExportFolder(tmp.next('tmp'), {
    'notes.txt': 'hello',
    'build/out.log': 'x',
    'build/deep/a/b/c.xml': '<x/>',
    'other/config/settings.xml': '<x/>',
    // Contract names, but deeper than one wrapping folder: still not an export.
    'a/b/manifest.xml': '<Export server="x"/>',
  });
  symlinkSync('/etc', join(dir, 'etc-link'));
  symlinkSync(join(dir, 'notes.txt'), join(dir, 'build', 'notes-link'));
  return dir;
}

describe('an input that is not an export', () => {
  it.each([
    ['a folder of unrelated files and links', unrelatedFolder],
    ['an empty folder', () => {
      const dir = tmp.next('empty');
      mkdirSync(dir);
      return dir;
    }],
    ['a ZIP of unrelated files (one escaping)', () => writeExportZip(tmp.next('photos.zip'), [
      { name: 'IMG_0001.jpg', data: 'jpeg' },
      { name: 'docs/readme.md', data: '# hi' },
      { name: '../evil.txt', data: 'x' },
    ])],
    ['an empty ZIP', () => writeExportZip(tmp.next('empty.zip'), [])],
  ])('%s is one error naming the input, nothing else', async (_what, make) => {
    const input = make();
    const r = await importExports([input]);
    expect(r.exports).toEqual([]);
    expect(r.diagnostics).toEqual([
      {
        code: 'IMPORT_NOT_AN_EXPORT',
        severity: 'error',
        source: input,
        message: `${input} is not a ProCall Enterprise export: no manifest.xml, config/ucserver.xml or users.xml`,
        hint: expect.stringContaining('Data export'),
        subject: `input:${input}`,
        params: { input, file: input },
      },
    ]);
  });

  it('one not-an-export input does not hide a real export beside it', async () => {
    const bad = unrelatedFolder();
    const good = writeExportFolder(tmp.next('export'), baselineExport());
    const r = await importExports([bad, good]);
    expect(r.exports.map((e) => e.source)).toEqual(['ucs-ber-01.corp.example']);
    expect(r.diagnostics.filter((d) => d.source === bad).map((d) => d.code)).toEqual(['IMPORT_NOT_AN_EXPORT']);
  });

  it.each(['folder', 'zip'] as const)('an export wrapped in one folder is still an export (%s)', async (form) => {
    const files = Object.fromEntries(Object.entries(baselineExport()).map(([k, v]) => [`ucs-ber-01/${k}`, v]));
    const input = form === 'zip' ? writeExportZip(tmp.next('wrapped.zip'), files) : writeExportFolder(tmp.next('wrapped'), files);
    const r = await importExports([input]);
    expect(r.exports.map((e) => e.users.length)).toEqual([2]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it.each([
    ['only users.xml', { 'users.xml': '<Users/>' }, ['manifest.xml', 'config/ucserver.xml']],
    ['only config/ucserver.xml', { 'config/ucserver.xml': '<UCServerConfig/>', 'junk.txt': 'x' }, ['manifest.xml', 'users.xml']],
  ])('an export missing files (%s) still names each missing file', async (_what, files, missing) => {
    const input = writeExportFolder(tmp.next('partial'), files);
    const r = await importExports([input]);
    expect(r.diagnostics.filter((d) => d.code === 'IMPORT_REQUIRED_FILE_MISSING').map((d) => d.file)).toEqual(missing);
    expect(r.diagnostics.map((d) => d.code)).not.toContain('IMPORT_NOT_AN_EXPORT');
  });
});
