/** The checked-in samples import with the counts test/samples/expected.ts states, and no secret leaks. */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { importExports } from '../../src/importers/index.js';
import { inspectImport } from '../../src/importers/inspect.js';
import { ALL_SECRETS, SAMPLES, samplePath } from '../samples/expected.js';

// The samples are checked in: never skip (a skipped sample test would pass without proving anything).
describe('samples', () => {
  it.each(Object.entries(SAMPLES))('%s imports with the expected counts', async (_name, sample) => {
    const expected = Object.values(sample.exports);
    const result = await importExports(expected.map((e) => samplePath(e.path)));
    const report = inspectImport(result);
    expect(report.diagnostics).toEqual([]);
    expect(report.exports.map((e) => e.server)).toEqual(expected.map((e) => e.server));
    for (const [i, e] of expected.entries()) {
      const got = report.exports[i]!;
      expect(got.counts, e.server).toEqual(e.counts);
      expect(got.userManagement, e.server).toBe(e.userManagement);
      expect(got.notMigrated, e.server).toEqual(e.notMigrated);
      expect(got.settingsByScope.unclassified, e.server).toEqual(e.unclassifiedSettings);
      expect(got.settingsByScope.refused, e.server).toEqual(e.refusedSettings);
      const errors = got.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
      // Only file-based user management is refused, and it must be (DataCenter does not support it).
      expect(errors, e.server).toEqual(e.userManagement === 'integrated' ? ['IMPORT_FILE_BASED_USER_MANAGEMENT'] : []);
      const text = JSON.stringify(result) + inspect(result, { depth: Infinity });
      for (const key of e.licenseKeys) expect(text).not.toContain(key);
    }
    const text = JSON.stringify(result) + inspect(result, { depth: Infinity });
    for (const secret of ALL_SECRETS) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/\{PBKDF2\}[A-Za-z0-9+/=]/);
  });
});
