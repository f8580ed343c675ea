/**
 * docs/diagnostics.md documents every code the tool emits: each stage's codes.ts (import with its
 * severity; project, mapping, plan, database) and the CLI's own codes (found in src/cli), the
 * latter three with their exit code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IMPORT_CODES } from '../../src/importers/codes.js';
import { MAP_CODES } from '../../src/mappers/codes.js';
import { PROJECT_CODES } from '../../src/project/schema.js';
import { DB_CODES } from '../../src/writers/mssql/codes.js';
import { PLAN_CODES } from '../../src/plan/codes.js';

const doc = readFileSync(new URL('../../docs/diagnostics.md', import.meta.url), 'utf8');
const documented = new Map([...doc.matchAll(/^\| `([A-Z_]+)` \| (error|warning|info|[^|]*) \|/gm)].map((m) => [m[1]!, m[2]!.trim()]));

/** The CLI has no codes.ts: its codes are the `'CLI_…'` literals in src/cli. */
function cliCodes(): string[] {
  const dir = fileURLToPath(new URL('../../src/cli', import.meta.url));
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const codes = files.flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/'(CLI_[A-Z_]+)'/g)].map((m) => m[1]!));
  return [...new Set(codes)].sort();
}
const CLI_CODES = cliCodes();

describe('docs/diagnostics.md', () => {
  it('finds the CLI codes it checks', () => {
    expect(CLI_CODES).toEqual(expect.arrayContaining(['CLI_USAGE', 'CLI_NO_TARGET', 'CLI_PASSWORD_MISSING']));
  });

  it.each(Object.entries(IMPORT_CODES))('documents %s with its severity', (code, [severity]) => {
    expect(documented.get(code)).toBe(severity);
  });

  it.each([...Object.keys(MAP_CODES), ...Object.keys(PROJECT_CODES)])('documents %s', (code) => {
    expect(documented.has(code)).toBe(true);
  });

  it.each([...Object.keys(PLAN_CODES), ...Object.keys(DB_CODES), ...CLI_CODES])('documents %s with its severity and exit code', (code) => {
    expect(documented.get(code)).toMatch(/^(error, exit [0-3]|(info|warning), exit unchanged)$/);
  });

  it('documents no code that no longer exists', () => {
    const known = new Set([...Object.keys(IMPORT_CODES), ...Object.keys(MAP_CODES), ...Object.keys(PROJECT_CODES), ...Object.keys(PLAN_CODES), ...Object.keys(DB_CODES), ...CLI_CODES]);
    expect([...documented.keys()].filter((c) => !known.has(c) && /^(IMPORT|MAP|PROJECT|MAPPING|PLAN|DB|CLI)_/.test(c))).toEqual([]);
  });
});
