/** Secrets stay wrapped: no rendering of an imported export or its diagnostics shows them. */
import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectImport } from '../../src/importers/inspect.js';
import { Sensitive } from '../../src/model/sensitive.js';
import { baselineExport, BIND_PASSWORD, fixtureDir, LICENSE_KEY, USER_PASSWORD_HASH } from '../helpers/export-fixture.js';
import { edit, importFiles } from '../helpers/run-import.js';

const tmp = fixtureDir();
afterAll(() => tmp.cleanup());

const renderings = (value: unknown) => [JSON.stringify(value), inspect(value, { depth: Infinity }), String(inspect(value, { showHidden: true, depth: Infinity }))];

describe('secrets', () => {
  it('JSON.stringify and util.inspect of an imported export never show a secret', async () => {
    const result = await importFiles(tmp.next, baselineExport(), 'zip');
    const exp = result.exports[0]!;
    const secret = exp.settings.find((s) => s.key === 'usermanager.ad.bindPassword')!;
    expect(secret.value).toBeInstanceOf(Sensitive);
    expect((secret.value as Sensitive).reveal()).toBe(BIND_PASSWORD);
    expect(exp.users[0]!.password?.reveal()).toBe(USER_PASSWORD_HASH);
    expect(exp.licenses[0]!.key.reveal()).toBe(LICENSE_KEY);
    for (const text of [...renderings(result), ...renderings(inspectImport(result))]) {
      expect(text).not.toContain(BIND_PASSWORD);
      expect(text).not.toContain(USER_PASSWORD_HASH);
      expect(text).not.toContain(LICENSE_KEY);
    }
    // The licences are there, masked: the test would pass vacuously if they were dropped.
    for (const text of renderings(result)) expect(text).toContain('…0001');
  });

  it('a secret whose type is misspelt is not quoted in the diagnostic', async () => {
    const files = baselineExport();
    files['config/ucserver.xml'] = edit(files['config/ucserver.xml'], 'type="secret"', 'type="secrte"');
    files['config/ucserver.xml'] = edit(files['config/ucserver.xml'], 'type="text" value="corp.example"', 'type="int" value="corp.example"');
    const result = await importFiles(tmp.next, files, 'folder');
    const wrong = result.diagnostics.filter((d) => d.code === 'IMPORT_WRONG_VALUE_TYPE');
    expect(wrong).toHaveLength(2);
    for (const text of renderings(result)) expect(text).not.toContain(BIND_PASSWORD);
  });
});
