/**
 * The benchmark generator: same seed → byte-identical exports; what it writes is a valid export
 * set (references intact, counts as it reports them) with a project file that names it.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { generateWithCounts, type GenerateOptions } from '../../bench/generate.js';
import { crc32 } from '../../bench/zip-writer.js';
import { exportFacts } from './export-facts.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'procall-gen-'));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** sha256 of every file under dir, by relative path. */
async function digests(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath, e.name);
    out[path.relative(dir, full)] = createHash('sha256').update(await readFile(full)).digest('hex');
  }
  return out;
}

describe('crc32', () => {
  it('matches the IEEE check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });
});

describe.each(['zip', 'folder'] as const)('generateExports (%s)', (form) => {
  const opts = (outDir: string, seed = 7): GenerateOptions => ({ users: 240, servers: 3, seed, outDir, form });

  it('writes byte-identical files for the same seed, different ones for another seed', async () => {
    const [a, b, c] = [await tempDir(), await tempDir(), await tempDir()];
    await generateWithCounts(opts(a));
    await generateWithCounts(opts(b));
    await generateWithCounts(opts(c, 8));
    const da = await digests(a);
    expect(Object.keys(da).length).toBeGreaterThan(3);
    expect(await digests(b)).toEqual(da);
    expect(await digests(c)).not.toEqual(da);
  });

  it('writes valid exports holding what it reports, and a project file naming them', async () => {
    const dir = await tempDir();
    const result = await generateWithCounts(opts(dir));
    expect(result).toHaveLength(3);
    expect(new Set(result.map((r) => r.server)).size).toBe(3);
    let users = 0;
    for (const r of result) {
      const f = await exportFacts(r.path);
      expect(f.problems).toEqual([]);
      expect(f.server).toBe(r.server);
      expect(f.mode).toBe('1');
      expect(f.counts).toEqual(r.counts);
      expect(f.counts.clientContent).toBe(f.counts.users);
      // every user has a line; trunks and computers add more
      expect(f.counts.lines).toBeGreaterThan(f.counts.users + f.counts.computers);
      expect(f.notMigrated).toEqual(r.notMigrated);
      expect(f.unclassified).toEqual([]);
      users += f.counts.users;
    }
    expect(users).toBe(240);
    // global settings agree across exports, so they consolidate without conflicts
    const all = await Promise.all(result.map((r) => exportFacts(r.path)));
    expect(all[0]!.globals.size).toBeGreaterThan(0); // else the loop below checks nothing
    for (const [k, v] of all[0]!.globals) for (const f of all) expect(f.globals.get(k), k).toBe(v);
    const project = parseYaml(await readFile(path.join(dir, 'procall-migrate.yaml'), 'utf8'));
    expect(project.userStore).toBe('ad');
    expect(project.homeServers.balance).toBe(true);
    expect(project.sources.map((s: string) => path.resolve(dir, s))).toEqual(result.map((r) => path.resolve(r.path)));
    expect(project.servers.map((s: { replaces: string[] }) => s.replaces)).toEqual(result.map((r) => [r.server]));
    expect(project.servers.map((s: { lineGroups: string[] }) => s.lineGroups)).toEqual(result.map((r) => r.lineGroups));
  });
});
