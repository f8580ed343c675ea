/**
 * prepareDesired lists each finding once: an import diagnostic the mapper restates (same finding,
 * same place, naming the target server) is dropped in favour of the mapper's.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { dropRestated, prepareDesired } from '../../src/pipeline.js';
import { SAMPLES, samplePath } from '../samples/expected.js';

describe('prepareDesired', () => {
  it('reports the alpen-handel unclassified setting once, as the mapper words it', async () => {
    const r = await prepareDesired({ projectFile: samplePath(SAMPLES['alpen-handel'].project), env: {}, toolVersion: '0.0.0-test' });
    expect(r.mapped).toBeDefined();
    const unclassified = r.diagnostics.filter((d) => d.code.endsWith('_SETTING_UNCLASSIFIED') && d.message.includes('voicemail.greetingPath'));
    expect(unclassified).toEqual([
      expect.objectContaining({
        code: 'MAP_SETTING_UNCLASSIFIED',
        severity: 'warning',
        source: 'ucs-muc-01.alpen-handel.de',
        file: 'config/ucserver.xml',
        line: expect.any(Number),
        message: expect.stringContaining('dc-ah-muc-01'),
      }),
    ]);
  });
});

describe('dropRestated', () => {
  const at = { source: 'ucs-a', file: 'config/ucserver.xml', line: 7 };
  const imported: Diagnostic = { code: 'IMPORT_SETTING_UNCLASSIFIED', severity: 'warning', message: 'setting x is not in the catalog', ...at };
  const mapped: Diagnostic = { code: 'MAP_SETTING_UNCLASSIFIED', severity: 'warning', message: 'setting "x" … local setting of "dc-01"', ...at };

  it('drops the import diagnostic the mapper restates at the same place', () => {
    expect(dropRestated([imported], [mapped])).toEqual([]);
  });

  it.each([
    ['another line', { line: 8 }],
    ['another file', { file: 'config/other.xml' }],
    ['another source', { source: 'ucs-b' }],
  ])('keeps it when the mapper speaks of %s', (_what, where) => {
    expect(dropRestated([imported], [{ ...mapped, ...where }])).toEqual([imported]);
  });

  it('keeps import diagnostics no mapper code restates', () => {
    const other: Diagnostic = { ...imported, code: 'IMPORT_UNKNOWN_ATTRIBUTE' };
    expect(dropRestated([other], [{ ...mapped, code: 'MAP_TEXT_TOO_LONG' }])).toEqual([other]);
  });
});
