/**
 * Issue 9, export side: every hostile export ends in bounded time and memory with a plain
 * diagnostic naming the file. ZIP bombs are built from a few MB (test/helpers/zip-bomb.ts): the
 * 450 MB entries are never inflated, only refused. Per-case timeouts only catch a hang.
 */
import { execFileSync } from 'node:child_process';
import { truncateSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openExportSource } from '../../src/importers/export-source.js';
import { importExports } from '../../src/importers/index.js';
import { countElements, ReadBudget } from '../../src/importers/read-budget.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { runCli } from '../cli/helpers.js';
import { baselineExport, fixtureDir, writeExportFolder, writeExportZip } from '../helpers/export-fixture.js';
import { bombBody, type BombBody, type BombEntry, writeBombZip } from '../helpers/zip-bomb.js';

const tmp = fixtureDir('procall-hostile-');
const servers: Server[] = [];
afterAll(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
  tmp.cleanup();
});

const HANG = { timeout: 120_000 };
const USERS = Array.from({ length: 12 }, (_, i) => `user${i}`);

/** The baseline export with twelve more users, as small ZIP entries, plus `extra`. */
function bombExport(extra: BombEntry[]): BombEntry[] {
  const base = baselineExport();
  base['users.xml'] = (base['users.xml'] as string).replace('</Users>', `${USERS.map((n) => `  <User u8sUserName="${n}" u8sSIPURI="sip:${n}@corp.example"/>\n`).join('')}</Users>`);
  const small = Object.entries(base).flatMap(([name, data]) => (typeof data === 'string' ? [{ name, data }] : []));
  return [...small, ...extra];
}

const only = (ds: readonly Diagnostic[], code: string) => ds.filter((d) => d.code === code);

describe('ZIP bombs', () => {
  let spaces450: BombBody;
  beforeAll(async () => {
    spaces450 = await bombBody(450);
  }, HANG.timeout);

  it('twelve client-content entries of 450 MB of spaces (5.5 MB of ZIP) are refused before inflating, by file and size', HANG, async () => {
    const zip = writeBombZip(tmp.next('bomb.zip'), bombExport(USERS.map((n) => ({ name: `config/users/${n}_clientcontent.xml`, data: spaces450 }))));
    const r = await importExports([zip]);
    const refused = only(r.diagnostics, 'IMPORT_FILE_TOO_LARGE');
    expect(refused.map((d) => d.file).sort()).toEqual(USERS.map((n) => `config/users/${n}_clientcontent.xml`).sort());
    expect(refused[0]).toMatchObject({ severity: 'error', message: expect.stringContaining(`${450 * 1024 * 1024} bytes`) });
    // The rest of the export is read as usual.
    expect(r.exports[0]!.users).toHaveLength(14);
    expect(r.exports[0]!.clientContent.map((c) => c.userName)).toEqual(['anna.schmidt']);
  });

  it('entries that declare 1,000 bytes and inflate to 450 MB are stopped while inflating (a size lie)', HANG, async () => {
    const zip = writeBombZip(tmp.next('lie.zip'), bombExport(USERS.map((n) => ({ name: `config/users/${n}_clientcontent.xml`, data: spaces450, declared: 1000 }))));
    const r = await importExports([zip]);
    const refused = only(r.diagnostics, 'IMPORT_FILE_TOO_LARGE');
    expect(refused).toHaveLength(12);
    expect(refused[0]!.message).toMatch(/declares 1000 bytes but inflates to more/);
  });

  it('a users.xml lying about its size is refused, and the export with it', HANG, async () => {
    const entries = bombExport([]).map((e) => (e.name === 'users.xml' ? { ...e, data: spaces450, declared: 4096 } : e));
    const r = await importExports([writeBombZip(tmp.next('users-lie.zip'), entries)]);
    expect(only(r.diagnostics, 'IMPORT_FILE_TOO_LARGE')).toEqual([expect.objectContaining({ file: 'users.xml', severity: 'error' })]);
  });

  it('inspect --json on a bomb prints valid JSON and exits 3', HANG, async () => {
    const zip = writeBombZip(tmp.next('bomb-cli.zip'), bombExport(USERS.slice(0, 3).map((n) => ({ name: `config/users/${n}_clientcontent.xml`, data: spaces450 }))));
    const r = await runCli(['inspect', zip, '--json']);
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout) as { exports: { diagnostics: { code: string }[] }[] };
    expect(report.exports[0]!.diagnostics.filter((d) => d.code === 'IMPORT_FILE_TOO_LARGE')).toHaveLength(3);
  });
});

describe('the export budget', () => {
  it.each(['zip', 'folder'] as const)('files past the budget are refused by name (%s)', async (form) => {
    const files = baselineExport();
    const input = form === 'zip' ? writeExportZip(tmp.next('budget.zip'), files) : writeExportFolder(tmp.next('budget'), files);
    const opened = await openExportSource(input);
    if (!opened.ok) throw new Error(opened.message);
    const budget = new ReadBudget(1500);
    const out: Diagnostic[] = [];
    const read: string[] = [];
    for (const entry of opened.source.entries) if ((await budget.read(opened.source, entry, 'file', out)) !== undefined) read.push(entry.name);
    await opened.source.close();
    expect(budget.used).toBeLessThanOrEqual(1500);
    expect(read.length).toBeGreaterThan(0);
    expect(out.length).toBeGreaterThan(0);
    expect(out.every((d) => d.code === 'IMPORT_EXPORT_TOO_LARGE' && d.severity === 'error' && d.message.startsWith(d.file!))).toBe(true);
    expect([...read, ...out.map((d) => d.file)].sort()).toEqual(opened.source.entries.map((e) => e.name).sort());
  });

  it('client content past what one export may keep in memory is refused by name', async () => {
    const files = baselineExport();
    const opened = await openExportSource(writeExportZip(tmp.next('kept.zip'), files));
    if (!opened.ok) throw new Error(opened.message);
    const entry = opened.source.entries.find((e) => e.name.endsWith('_clientcontent.xml'))!;
    const budget = new ReadBudget(10_000, entry.size + 10);
    const out: Diagnostic[] = [];
    const first = await budget.read(opened.source, entry, 'keptWhole', out);
    budget.keep(first!.toString('utf8'));
    expect(await budget.read(opened.source, entry, 'keptWhole', out)).toBeUndefined();
    await opened.source.close();
    expect(out).toEqual([expect.objectContaining({ code: 'IMPORT_EXPORT_TOO_LARGE', file: entry.name, message: expect.stringContaining('kept whole') })]);
  });

  it('files of a folder export over their limit are refused from their size, unread (sparse files)', async () => {
    const dir = writeExportFolder(tmp.next('sparse'), baselineExport());
    truncateSync(join(dir, 'computers.xml'), 300 * 1024 * 1024);
    truncateSync(join(dir, 'config/users/anna.schmidt_clientcontent.xml'), 20 * 1024 * 1024);
    const r = await importExports([dir]);
    expect(only(r.diagnostics, 'IMPORT_FILE_TOO_LARGE').map((d) => [d.file, d.message.match(/is (\d+) bytes/)?.[1]])).toEqual([
      ['computers.xml', String(300 * 1024 * 1024)],
      ['config/users/anna.schmidt_clientcontent.xml', String(20 * 1024 * 1024)],
    ]);
  });
});

describe('the element budget', () => {
  it('a groups.xml of 310,000 members (a ZIP of a few hundred kB) is refused before it is parsed', HANG, async () => {
    const files = baselineExport();
    files['groups.xml'] = `<Groups>\n  <Group u8sGroupName="g" u8sSIPURI="sip:g@corp.example">\n${'    <Member u8sUserName="anna.schmidt"/>\n'.repeat(310_000)}  </Group>\n</Groups>\n`;
    const r = await importExports([writeExportZip(tmp.next('members.zip'), files)]);
    expect(only(r.diagnostics, 'IMPORT_EXPORT_TOO_LARGE')).toEqual([expect.objectContaining({ file: 'groups.xml', severity: 'error', message: expect.stringContaining('300000 XML elements') })]);
    expect(r.exports[0]!.groups).toEqual([]);
    expect(r.exports[0]!.users).toHaveLength(2);
  });

  it('a client-content file of more than 50,000 elements is refused, the rest kept', HANG, async () => {
    const files = baselineExport();
    files['config/users/bob.meyer_clientcontent.xml'] = `<ClientContent u8sVersion="2">${'<Item/>'.repeat(50_001)}</ClientContent>`;
    const r = await importExports([writeExportZip(tmp.next('items.zip'), files)]);
    expect(only(r.diagnostics, 'IMPORT_FILE_TOO_LARGE')).toEqual([expect.objectContaining({ file: 'config/users/bob.meyer_clientcontent.xml', message: expect.stringContaining('50000 elements') })]);
    expect(r.exports[0]!.clientContent.map((c) => c.userName)).toEqual(['anna.schmidt']);
  });

  it.each([
    ['<a><b/><!-- <c> --><?pi?></a>', 3],
    ['<![CDATA[x]]></a> < b', 0],
    ['<_x><:y><ü/>', 3],
  ])('countElements(%j) = %i (start tags, an upper bound)', (text, n) => {
    expect(countElements(text, 100)).toBe(n);
  });
});

describe('only regular files are read', () => {
  const mkfifo = (path: string) => execFileSync('mkfifo', [path]);
  const socketAt = (path: string) =>
    new Promise<void>((resolve) => {
      const s = createServer();
      servers.push(s);
      s.listen(path, () => resolve());
    });

  it('a FIFO and a socket in a folder export are refused by name at once; the rest is read', HANG, async () => {
    const dir = writeExportFolder(tmp.next('special'), baselineExport());
    mkfifo(join(dir, 'config', 'users', 'bob.meyer_clientcontent.xml'));
    mkfifo(join(dir, 'pipe.log'));
    await socketAt(join(dir, 'ucserver.sock'));
    const r = await importExports([dir]);
    const refused = only(r.diagnostics, 'IMPORT_NOT_A_REGULAR_FILE').map((d) => [d.file!, d.severity, d.message.slice(`${d.file} is `.length).split(',')[0]]);
    expect(refused.sort((a, b) => (a[0]! < b[0]! ? -1 : 1))).toEqual([
      ['config/users/bob.meyer_clientcontent.xml', 'error', 'a FIFO (named pipe)'],
      ['pipe.log', 'error', 'a FIFO (named pipe)'],
      ['ucserver.sock', 'error', 'a socket'],
    ]);
    expect(r.exports[0]!.users).toHaveLength(2);
  });

  it.each([
    ['/dev/zero', () => '/dev/zero', 'a character device'],
    ['/dev/urandom', () => '/dev/urandom', 'a character device'],
    ['a FIFO named like a ZIP', () => {
      const p = tmp.next('export.zip');
      mkfifo(p);
      return p;
    }, 'a FIFO'],
  ])('an input that is %s is refused by name at once', HANG, async (_what, make, kind) => {
    const input = make();
    const r = await importExports([input]);
    expect(r.exports).toEqual([]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'IMPORT_NOT_A_REGULAR_FILE', severity: 'error', source: input, message: expect.stringContaining(`${input} is ${kind}`) })]);
  });

  it('inspect /dev/zero exits 3 with the reason', HANG, async () => {
    const r = await runCli(['inspect', '/dev/zero']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('/dev/zero is a character device, not a regular file');
  });
});
