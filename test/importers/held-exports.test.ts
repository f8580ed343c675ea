/**
 * Issue 8 item 1: a folder that is not an export but holds exports one level down (a customer's
 * `exports/` with one site's ZIP and another site's folder) is read as each of them by `inspect`
 * and `init`, and refused under a project's `sources:` with the exports it holds.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importExports } from '../../src/importers/index.js';
import { prepareDesired } from '../../src/pipeline.js';
import { runCli } from '../cli/helpers.js';
import { baselineExport, fixtureDir, writeExportFolder, writeExportZip } from '../helpers/export-fixture.js';

const tmp = fixtureDir('procall-held-');
afterAll(() => tmp.cleanup());

/** `exports/` with ucs-ber-01 as a ZIP, ucs-muc-01 as a folder, and a note beside them. */
function customerExports(): { dir: string; zip: string; folder: string } {
  const dir = tmp.next('exports');
  const zip = writeExportZip(join(writeExportFolder(dir, { 'LIESMICH.txt': 'Exporte vom 2.10.' }), 'ucs-ber-01.zip'), baselineExport('ucs-ber-01'));
  const folder = writeExportFolder(join(dir, 'ucs-muc-01'), baselineExport('ucs-muc-01'));
  return { dir, zip, folder };
}

describe('a folder holding several exports', () => {
  it('is read as each export it holds when asked to expand, and says so', async () => {
    const { dir, zip, folder } = customerExports();
    const r = await importExports([dir], { heldExports: 'expand' });
    expect(r.exports.map((e) => [e.source, e.inputPath])).toEqual([
      ['ucs-ber-01', zip],
      ['ucs-muc-01', folder],
    ]);
    expect(r.diagnostics.filter((d) => d.code === 'IMPORT_INPUT_HOLDS_EXPORTS')).toEqual([
      expect.objectContaining({ severity: 'info', source: dir, message: expect.stringContaining(`${zip}, ${folder}`) }),
    ]);
    // Neither export is "not migrated" content of the other.
    expect(r.exports.flatMap((e) => e.notMigrated)).toEqual(['database/journal.db', 'database/journal.db']);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('is refused by default (a project source) with the exports it holds, and none is read', async () => {
    const { dir, zip, folder } = customerExports();
    const r = await importExports([dir]);
    expect(r.exports).toEqual([]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'PROJECT_SOURCE_HOLDS_EXPORTS', severity: 'error', message: expect.stringContaining(`${zip}, ${folder}`), hint: expect.stringContaining('sources:') }),
    ]);
  });

  it('is refused under sources: in a project, pointing at the project file and the entry', async () => {
    const { dir } = customerExports();
    const project = join(tmp.next('project'), 'procall-migrate.yaml');
    writeExportFolder(join(project, '..'), {});
    writeFileSync(project, `name: Test\nsources:\n  - ${JSON.stringify(dir)}\nuserStore: ad\nservers:\n  - name: dc-01\n    fqdn: dc-01.corp.example\n    replaces: [ucs-ber-01]\n`);
    const r = await prepareDesired({ projectFile: project, env: {}, toolVersion: '0.0.0-test' });
    expect(r.refused).toBe(true);
    expect(r.diagnostics.filter((d) => d.code === 'PROJECT_SOURCE_HOLDS_EXPORTS')).toEqual([
      expect.objectContaining({ severity: 'error', path: 'sources[0]', file: 'procall-migrate.yaml', line: 3, message: expect.stringContaining('ucs-ber-01.zip') }),
    ]);
  });

  it.each(['folder', 'zip'] as const)('an export wrapped in one folder (%s) is still one export, not a holder', async (form) => {
    const dir = tmp.next('one');
    if (form === 'zip') writeExportZip(join(writeExportFolder(dir, {}), 'ucs-ber-01.zip'), baselineExport('ucs-ber-01'));
    const wrapped = Object.fromEntries(Object.entries(baselineExport('ucs-ber-01')).map(([k, v]) => [`ucs-ber-01/${k}`, v]));
    if (form === 'folder') writeExportFolder(dir, wrapped);
    const r = await importExports([dir], { heldExports: 'expand' });
    expect(r.exports.map((e) => e.source)).toEqual(['ucs-ber-01']);
    // A lone ZIP in a folder is held (expanded); a lone folder is read wrapped.
    expect(r.diagnostics.some((d) => d.code === 'IMPORT_INPUT_HOLDS_EXPORTS')).toBe(form === 'zip');
  });

  it.each(['folder', 'zip'] as const)('an export folder inside an export (%s) is reported as a nested export, never as not-migrated content', async (form) => {
    const files = baselineExport('ucs-ber-01');
    for (const [k, v] of Object.entries(baselineExport('ucs-muc-01'))) files[`ucs-muc-01/${k}`] = v;
    const input = form === 'zip' ? writeExportZip(tmp.next('nested.zip'), files) : writeExportFolder(tmp.next('nested'), files);
    const r = await importExports([input], { heldExports: 'expand' });
    expect(r.exports.map((e) => e.source)).toEqual(['ucs-ber-01']);
    expect(r.exports[0]!.notMigrated).toEqual(['database/journal.db']);
    expect(r.diagnostics.filter((d) => d.code === 'IMPORT_NESTED_EXPORT')).toEqual([
      expect.objectContaining({ severity: 'warning', file: 'ucs-muc-01/manifest.xml', hint: expect.stringContaining('input of its own') }),
    ]);
    expect(r.diagnostics.filter((d) => d.code === 'IMPORT_NOT_MIGRATED' && d.file?.startsWith('ucs-muc-01'))).toEqual([]);
  });

  it('an export ZIP saved into a folder export is a nested export; an unrelated ZIP stays not migrated', async () => {
    const dir = writeExportFolder(tmp.next('with-zip'), { ...baselineExport('ucs-ber-01'), 'fotos.zip': new Uint8Array() });
    writeExportZip(join(dir, 'fotos.zip'), { 'IMG_0001.jpg': 'jpeg' });
    writeExportZip(join(dir, 'ucs-muc-01.zip'), baselineExport('ucs-muc-01'));
    const r = await importExports([dir]);
    expect(r.exports[0]!.notMigrated).toEqual(['database/journal.db', 'fotos.zip']);
    expect(r.diagnostics.filter((d) => d.code === 'IMPORT_NESTED_EXPORT').map((d) => d.file)).toEqual(['ucs-muc-01.zip']);
    expect(r.diagnostics.filter((d) => d.code === 'IMPORT_NOT_MIGRATED').map((d) => d.file).sort()).toEqual(['database/journal.db', 'fotos.zip']);
  });

  it('inspect reads each export of the folder, says so on stderr, and lists them in --json', async () => {
    const { dir } = customerExports();
    const text = await runCli(['inspect', dir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('ucs-ber-01  (');
    expect(text.stdout).toContain('ucs-muc-01  (');
    expect(text.stderr).toContain(`${dir} is not an export but holds 2`);
    const json = await runCli(['inspect', dir, '--json']);
    const report = JSON.parse(json.stdout) as { exports: { server: string }[]; diagnostics: { code: string }[] };
    expect(report.exports.map((e) => e.server)).toEqual(['ucs-ber-01', 'ucs-muc-01']);
    expect(report.diagnostics.map((d) => d.code)).toContain('IMPORT_INPUT_HOLDS_EXPORTS');
  });

  it('init writes one source per export the folder holds', async () => {
    const { dir, zip, folder } = customerExports();
    const out = join(tmp.next('init'), 'procall-migrate.yaml');
    writeExportFolder(join(out, '..'), {});
    const r = await runCli(['init', dir, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const yaml = readFileSync(out, 'utf8');
    const sources = yaml.slice(yaml.indexOf('sources:'), yaml.indexOf('\n', yaml.indexOf('ucs-muc-01', yaml.indexOf('sources:'))));
    expect(sources).toContain(zip.split('/').at(-1)!);
    expect(sources).toContain(folder.split('/').at(-1)!);
  });
});
