/** docs/diagnostics.md documents every code the importers, the project file and the mappers emit, with the code's severity. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IMPORT_CODES } from '../../src/importers/codes.js';
import { MAP_CODES } from '../../src/mappers/codes.js';
import { PROJECT_CODES } from '../../src/model/project.js';

const doc = readFileSync(new URL('../../docs/diagnostics.md', import.meta.url), 'utf8');
const documented = new Map([...doc.matchAll(/^\| `([A-Z_]+)` \| (error|warning|info|[^|]*) \|/gm)].map((m) => [m[1]!, m[2]!.trim()]));

describe('docs/diagnostics.md', () => {
  it.each(Object.entries(IMPORT_CODES))('documents %s with its severity', (code, [severity]) => {
    expect(documented.get(code)).toBe(severity);
  });

  it.each([...Object.keys(MAP_CODES), ...Object.keys(PROJECT_CODES)])('documents %s', (code) => {
    expect(documented.has(code)).toBe(true);
  });

  it('documents no code that no longer exists', () => {
    const known = new Set([...Object.keys(IMPORT_CODES), ...Object.keys(MAP_CODES), ...Object.keys(PROJECT_CODES)]);
    expect([...documented.keys()].filter((c) => !known.has(c) && /^(IMPORT|MAP|PROJECT|MAPPING)_/.test(c))).toEqual([]);
  });
});
