/** The README's preflight example is the real shape: it parses with the schema `report --preflight` reads. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { preflightExitCode, preflightResultSchema } from '../../src/preflight/result.js';
import { REPO_ROOT } from '../samples/expected.js';

const README = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const section = README.slice(README.indexOf('\n## Preflight\n'), README.indexOf('\n## ', README.indexOf('\n## Preflight\n') + 4));

describe('README: Preflight', () => {
  it('has a section with the command and a --json example that matches the result schema', () => {
    expect(section).toMatch(/procall-migrate preflight -p \S+ --json/);
    const json = /```json\n([\s\S]*?)```/.exec(section)?.[1];
    expect(json).toBeDefined();
    const parsed = preflightResultSchema.parse(JSON.parse(json ?? ''));
    expect(new Set(parsed.checks.map((c) => c.area))).toEqual(new Set(['sql', 'redis', 'directory', 'names', 'share']));
    // The text says the example exits 3: it must hold a failed check.
    expect(preflightExitCode(parsed)).toBe(3);
  });

  it('its sh block is not part of the walkthrough the readme test runs', () => {
    const walkthroughEnd = README.indexOf('\n## ', README.indexOf("\n## A consultant's walkthrough\n") + 4);
    expect(README.indexOf('\n## Preflight\n')).toBeGreaterThanOrEqual(walkthroughEnd);
  });
});
