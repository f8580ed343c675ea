/**
 * Issue 9, the project side: a careless or hostile project file (or mapping CSV) ends in a clean
 * PROJECT_* / MAPPING_* diagnostic with its line — never a stack trace, a hang or a crash. The
 * per-test timeouts are generous and only catch a hang.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadHomeServerMapping } from '../../src/project/home-server-mapping.js';
import { loadProject } from '../../src/project/load.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { fixtureDir } from '../helpers/export-fixture.js';

const fx = fixtureDir('pm-project-hostile-');
afterAll(() => fx.cleanup());

const BASE = `name: Test
sources: [exports/a]
servers:
  - name: dc-01
    fqdn: dc-01.corp.example
    replaces: [ucs-a]
`;
const write = (text: string | Buffer, name = 'p.yaml'): string => {
  const file = fx.next(name);
  writeFileSync(file, text);
  return file;
};
const errors = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'error');
const bomb = (levels: number): string => {
  const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < levels; i++) lines.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
  return `${BASE}${lines.join('\n')}\n`;
};

describe('project file: YAML that would crash or hang the loader', () => {
  it.each([
    ['an undefined alias', `${BASE}homeServers:\n  balance: *nowhere\n`, 'PROJECT_ALIAS', 8, /\*nowhere refers to no anchor/],
    ['a circular alias', `${BASE}x: &x [*x]\n`, 'PROJECT_ALIAS', 7, /circular alias/],
    ['an alias bomb (10^9 values)', bomb(9), 'PROJECT_ALIAS', 8, /more than 1000 values/],
    ['a duplicate key', `${BASE}homeServers:\n  balance: true\n  balance: false\n`, 'PROJECT_DUPLICATE_KEY', 9, /"balance" is given twice \(first on line 8\)/],
    ['nesting 200 levels deep', `${BASE}x: ${'['.repeat(200)}${']'.repeat(200)}\n`, 'PROJECT_SYNTAX', 7, /nested more than 32 levels/],
  ])('%s is a clean refusal with its line', { timeout: 60_000 }, async (_what, text, code, line, message) => {
    const r = await loadProject(write(text), {});
    expect(r.project).toBeUndefined();
    expect(errors(r.diagnostics)[0]).toMatchObject({ code, line, message: expect.stringMatching(message) });
    for (const d of r.diagnostics) expect(d.message).not.toMatch(/\n\s+at |this is a bug/);
  });

  it.each([
    ['settings.global', `${BASE}settings:\n  global:\n    __proto__: { polluted: 1 }\n`, 9, 'settings.global.__proto__'],
    ['a server under settings.local', `${BASE}settings:\n  local:\n    __proto__:\n      logging.level: info\n`, 9, 'settings.local.__proto__'],
    ['a setting key under settings.local', `${BASE}settings:\n  local:\n    dc-01:\n      constructor: x\n`, 10, 'settings.local["dc-01"].constructor'],
    ['a top-level key', `${BASE}prototype: 1\n`, 7, 'prototype'],
  ])('__proto__, constructor and prototype are refused as names: %s', async (_where, text, line, p) => {
    const r = await loadProject(write(text), {});
    expect(errors(r.diagnostics)).toMatchObject([{ code: 'PROJECT_RESERVED_NAME', line, path: p }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a server named __proto__ is refused', async () => {
    const r = await loadProject(write(BASE.replace('name: dc-01', 'name: __proto__')), {});
    expect(errors(r.diagnostics)).toMatchObject([{ code: 'PROJECT_RESERVED_NAME', path: 'servers[0].name', line: 4 }]);
  });
});

describe('project file: encoding and file kind', () => {
  it('Windows-1252 ("M\\xfcnchen") is refused, naming the encoding problem and its line', async () => {
    const text = Buffer.concat([Buffer.from(`${BASE}    site: M`), Buffer.from([0xfc]), Buffer.from('nchen\n')]);
    const r = await loadProject(write(text), {});
    expect(r.project).toBeUndefined();
    expect(r.diagnostics).toMatchObject([{ code: 'PROJECT_FILE_ENCODING', severity: 'error', line: 7, message: expect.stringMatching(/not valid UTF-8.*must be UTF-8/) }]);
  });

  it('UTF-16 is refused; UTF-8 with a BOM is fine', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(BASE, 'utf16le')]);
    expect((await loadProject(write(utf16), {})).diagnostics).toMatchObject([{ code: 'PROJECT_FILE_ENCODING', message: expect.stringContaining('UTF-16') }]);
    const bom = await loadProject(write(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${BASE}    site: München\n`)])), {});
    expect(errors(bom.diagnostics)).toEqual([]);
    expect(bom.project?.servers[0]?.site).toBe('München');
  });

  it.each([
    ['/dev/zero', () => '/dev/zero', /is a character device, not a regular file/],
    ['/dev/urandom', () => '/dev/urandom', /is a character device, not a regular file/],
    ['a FIFO', () => mkfifo(), /is a FIFO \(named pipe\), not a regular file/],
    ['a folder', () => fx.dir, /is a folder, not a regular file/],
  ])('%s as the project file or the mapping CSV is refused by name at once', { timeout: 30_000 }, async (_what, make, message) => {
    const file = make();
    const p = await loadProject(file, {});
    expect(p.diagnostics).toMatchObject([{ code: 'PROJECT_FILE_UNREADABLE', message: expect.stringMatching(message) }]);
    const m = await loadHomeServerMapping(file);
    expect(m.diagnostics).toMatchObject([{ code: 'MAPPING_FILE_UNREADABLE', message: expect.stringMatching(message) }]);
  });
});

function mkfifo(): string {
  const file = fx.next('pipe');
  execFileSync('mkfifo', [file]);
  if (!existsSync(file)) throw new Error('mkfifo failed');
  return file;
}

describe('project file: large but valid projects load (no quadratic step)', () => {
  it('50,000 settings and 20,000 servers load, and a duplicate among them is found with its line', { timeout: 120_000 }, async () => {
    const settings = Array.from({ length: 50_000 }, (_v, i) => `    rights.global.right${i}: ${i}`);
    const servers = Array.from({ length: 20_000 }, (_v, i) => `  - name: dc-${i}\n    fqdn: dc-${i}.corp.example`);
    const text = `name: Big\nsources: [exports/a]\nservers:\n${servers.join('\n')}\nsettings:\n  global:\n${settings.join('\n')}\n`;
    const r = await loadProject(write(text), {});
    expect(errors(r.diagnostics)).toEqual([]);
    expect(Object.keys(r.project!.settings.global)).toHaveLength(50_000);
    expect(r.project!.servers).toHaveLength(20_000);
    expect(r.project!.settings.global['rights.global.right49999']).toMatchObject({ line: 50_000 + 40_000 + 5, value: '49999' });

    const dup = await loadProject(write(`${text}    rights.global.right7: 8\n`), {});
    expect(errors(dup.diagnostics)).toMatchObject([{ code: 'PROJECT_DUPLICATE_KEY', line: 90_006, message: expect.stringContaining(`first on line ${40_000 + 5 + 8}`) }]);
  });
});

it('the fixture dir is a real folder (guards the folder case above)', () => {
  expect(path.isAbsolute(fx.dir)).toBe(true);
});

describe('project file: one key in two spellings', () => {
  it.each([
    ['a setting key', `${BASE}settings:\n  global:\n    mail.smtpServer: a\n    MAIL.smtpServer: b\n`, 'settings.global["MAIL.smtpServer"]', /the same setting as "mail\.smtpServer"/],
    ['a server under settings.local', `${BASE}settings:\n  local:\n    dc-01:\n      logging.level: info\n    DC-01:\n      logging.level: debug\n`, 'settings.local["DC-01"]', /the same server as "dc-01"/],
  ])('%s differing only in case is a duplicate', async (_what, text, p, message) => {
    const r = await loadProject(write(text), {});
    expect(errors(r.diagnostics)).toMatchObject([{ code: 'PROJECT_DUPLICATE_KEY', path: p, message: expect.stringMatching(message) }]);
  });
});
