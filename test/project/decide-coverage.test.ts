/**
 * Every code of the import, project, mapping and plan stages is classified (issue 18): a rule of
 * its own in the decide registry, or an entry of the documented list of codes without one
 * (src/project/decide-coverage.ts, docs/decide.md) saying why. A code added to a codes table
 * without either fails here; so does a stale entry, or an import code listed as the wrong kind.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { IMPORT_CODES } from '../../src/importers/codes.js';
import { MAP_CODES } from '../../src/mappers/codes.js';
import { PROJECT_CODES, type Project } from '../../src/project/schema.js';
import type { EnterpriseExport } from '../../src/model/enterprise.js';
import { PLAN_CODES } from '../../src/plan/codes.js';
import { DECIDE_RULE_CODES, decideFor } from '../../src/project/decide.js';
import { NO_DECIDE_RULE } from '../../src/project/decide-coverage.js';

const ALL = [...Object.keys(IMPORT_CODES), ...Object.keys(PROJECT_CODES), ...Object.keys(MAP_CODES), ...Object.keys(PLAN_CODES)];

describe('every code has its decision, or says why not', () => {
  it('each code is in exactly one of the registry and the list without a rule', () => {
    const unclassified = ALL.filter((c) => !DECIDE_RULE_CODES.includes(c) && NO_DECIDE_RULE[c] === undefined);
    const both = ALL.filter((c) => DECIDE_RULE_CODES.includes(c) && NO_DECIDE_RULE[c] !== undefined);
    expect(unclassified).toEqual([]);
    expect(both).toEqual([]);
  });

  it('no entry names a code no stage has (a stale or misspelt entry)', () => {
    expect(Object.keys(NO_DECIDE_RULE).filter((c) => !ALL.includes(c))).toEqual([]);
    expect(DECIDE_RULE_CODES.filter((c) => !ALL.includes(c))).toEqual([]);
  });

  it('an import code is listed as what its table says: an error as a broken export, a warning as accepted, a note as nothing to decide', () => {
    const kindOf = { error: 'export', warning: 'warning', info: 'note' } as const;
    const wrong = Object.entries(IMPORT_CODES)
      .filter(([code]) => NO_DECIDE_RULE[code] !== undefined)
      .filter(([code, [severity]]) => NO_DECIDE_RULE[code]!.kind !== kindOf[severity])
      .map(([code]) => code);
    expect(wrong).toEqual([]);
  });

  it('docs/decide.md lists every error code without a rule, with why', () => {
    const docs = readFileSync(new URL('../../docs/decide.md', import.meta.url), 'utf8');
    const missing = Object.entries(NO_DECIDE_RULE)
      .filter(([, e]) => e.kind === 'export' || e.kind === 'file' || e.kind === 'outside' || e.kind === 'stage')
      .map(([code]) => code)
      .filter((code) => !docs.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });

  it('a broken export of two gets the fallback: leave that export out of sources:', () => {
    const exp = (source: string, inputPath: string) => ({ source, inputPath, users: [], settings: [], lineGroups: [], locations: [] }) as unknown as EnterpriseExport;
    const exports = [exp('ucs-a', '/p/a.zip'), exp('ucs-b', '/p/b')];
    const project = { sourcePaths: ['/p/a.zip', '/p/b'], servers: [] } as unknown as Project;
    const doc = parseDocument('name: x\nsources: [a.zip, b]\nservers: []\n');
    const [first] = decideFor({ code: 'IMPORT_ZIP_UNREADABLE', severity: 'error', message: 'corrupt', source: 'ucs-a' }, { project, exports, doc });
    expect(first?.path).toBe('sources');
    expect(first?.value).toEqual(['b']);
    expect(first?.label).toContain('none of its users');
  });
});
