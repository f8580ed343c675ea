/**
 * Issue 9 through the CLI: a hostile project file ends `plan` and `rollout` with exit 3, its
 * PROJECT_* code and line, nothing written and no stack trace or "this is a bug".
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

const BASE = 'name: T\nsources: [exports/a]\nservers:\n  - name: dc-01\n    fqdn: dc-01.corp.example\n';

function project(content: string | Buffer): string {
  const file = path.join(tempDir('pm-cli-hostile-'), 'procall-migrate.yaml');
  writeFileSync(file, content);
  return file;
}

function fifo(): string {
  const file = path.join(tempDir('pm-cli-fifo-'), 'procall-migrate.yaml');
  execFileSync('mkfifo', [file]);
  return file;
}

describe('plan and rollout on a hostile project file', () => {
  it.each([
    ['an alias bomb', () => project(`${BASE}a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n`), /PROJECT_ALIAS/],
    ['an undefined alias', () => project(`${BASE}homeServers:\n  balance: *nowhere\n`), /:7:\d+ {2}error {2}PROJECT_ALIAS/],
    ['a circular alias', () => project(`${BASE}x: &x [*x]\n`), /:6:\d+ {2}error {2}PROJECT_ALIAS/],
    ['Windows-1252', () => project(Buffer.concat([Buffer.from(`${BASE}    site: M`), Buffer.from([0xfc]), Buffer.from('nchen\n')])), /:6:\d+ {2}error {2}PROJECT_FILE_ENCODING/],
    ['a FIFO', fifo, /PROJECT_FILE_UNREADABLE {2}the project file is a FIFO \(named pipe\), not a regular file/],
    ['__proto__ as a setting key', () => project(`${BASE}settings:\n  global:\n    __proto__: 1\n`), /:8:\d+ {2}error {2}PROJECT_RESERVED_NAME/],
  ])('%s: exit 3 with a plain diagnostic', { timeout: 60_000 }, async (_what, make, expected) => {
    const file = make();
    for (const argv of [['plan', '-p', file], ['rollout', '-p', file, '--out', path.join(path.dirname(file), 'rollout')]]) {
      const r = await runCli(argv);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(expected);
      expect(r.stderr).not.toMatch(/this is a bug|\n\s+at /);
      expect(existsSync(path.join(path.dirname(file), 'rollout'))).toBe(false);
    }
  });
});
