/**
 * `inspect --json` runs without a project, yet its findings carry the options that need none
 * (docs/decide.md): an `accept:` entry for a warning, the user store for file-based user
 * management. Options that need the project file (leave this export out of `sources:`) are not
 * invented for a project that does not exist yet.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { runCli } from '../cli/helpers.js';
import { baselineExport, fixtureDir, writeExportFolder } from '../helpers/export-fixture.js';

const fx = fixtureDir('pm-inspect-decide-');
afterAll(() => fx.cleanup());

describe('inspect --json: the options that need no project', () => {
  it('a warning gets its accept: entry, file-based user management the user store', async () => {
    const files = baselineExport('ucs-ber-01.corp.example');
    files['config/ucserver.xml'] = String(files['config/ucserver.xml'])
      .replace('<Setting key="usermanager.mode" type="int" value="1"/>', '<Setting key="usermanager.mode" type="int" value="0"/>')
      .replace('</Settings>', '  <Setting key="acme.customFlag" type="text" value="x"/>\n  </Settings>');
    const dir = writeExportFolder(path.join(fx.next('one'), 'ber'), files);
    const out = await runCli(['inspect', dir, '--json']);
    const report = JSON.parse(out.stdout) as { exports: { diagnostics: Diagnostic[] }[] };
    const all = report.exports.flatMap((e) => e.diagnostics);
    const fileBased = all.find((d) => d.code === 'IMPORT_FILE_BASED_USER_MANAGEMENT');
    expect(fileBased?.decide?.map((o) => [o.path, o.value])).toEqual([['userStore', 'mssql'], ['userStore', 'ad']]);
    const unclassified = all.find((d) => d.code === 'IMPORT_SETTING_UNCLASSIFIED');
    expect(unclassified?.decide?.[0]?.path).toBe('accept[]');
    expect(unclassified?.decide?.[0]?.value).toMatchObject({ code: 'IMPORT_SETTING_UNCLASSIFIED' });
    // Notes carry none; nothing names a sources: edit (there is no project yet).
    expect(all.filter((d) => d.severity === 'info' && d.decide !== undefined)).toEqual([]);
    expect(all.flatMap((d) => d.decide ?? []).filter((o) => o.path === 'sources')).toEqual([]);
  });
});
