/**
 * The samples are the shared test data of every stage: this proves they are well-formed, keep the
 * export contract's references intact, and hold exactly what samples/README.md and expected.ts say.
 * It reads the files with fast-xml-parser directly, not with the project's importer.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';
import { ALL_EXPORTS, REPO_ROOT, SAMPLES, samplePath, type ExpectedExport, type SampleName } from './expected.js';
import { exportFacts } from './export-facts.js';
import { decodeXml, findFile, parseXml, readExportFiles, type Xml } from './read-export.js';

const MODES: Record<string, ExpectedExport['userManagement']> = { '0': 'integrated', '1': 'ad', '2': 'mssql' };

/** The rows of the markdown table whose header row starts with `| <first> |`. */
function readmeTable(md: string, first: string): string[][] {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`| ${first} |`));
  const rows: string[][] = [];
  for (const l of lines.slice(start + 2)) {
    if (!l.startsWith('|')) break;
    rows.push(l.split('|').slice(1, -1).map((c) => c.trim()));
  }
  return rows;
}
const ticks = (cell: string) => [...cell.matchAll(/`([^`]*)`/g)].map((m) => m[1] ?? '');

describe.each(ALL_EXPORTS)('sample export $sample/$key', (e) => {
  it('holds only well-formed XML in the expected encoding', async () => {
    const files = await readExportFiles(samplePath(e.path));
    const xml = [...files].filter(([p]) => p.toLowerCase().endsWith('.xml'));
    expect(xml.length).toBeGreaterThanOrEqual(6);
    for (const [p, buf] of xml) {
      expect(XMLValidator.validate(decodeXml(buf)), `${e.path}/${p}`).toBe(true);
      const utf16 = buf[0] === 0xff && buf[1] === 0xfe;
      expect(utf16, `${p} encoding`).toBe(e.encoding === 'utf-16le-bom-crlf');
      if (utf16) expect(decodeXml(buf)).toContain('\r\n');
    }
  });

  it('matches expected.ts', async () => {
    const f = await exportFacts(samplePath(e.path));
    expect(f.problems).toEqual([]);
    expect(f.server).toBe(e.server);
    expect(MODES[f.mode ?? '']).toBe(e.userManagement);
    expect(f.counts).toEqual(e.counts);
    expect(f.secrets.sort()).toEqual([...e.secrets].sort());
    expect(f.passwords).toHaveLength(e.passwordHashes);
    for (const p of f.passwords) expect(p).toMatch(/^\{PBKDF2\}/);
    expect(f.licenseKeys).toEqual(e.licenseKeys);
    expect(f.notMigrated).toEqual(e.notMigrated);
    expect(f.unclassified).toEqual(e.unclassifiedSettings);
    expect(f.refused).toEqual(e.refusedSettings);
  });
});

describe('samples/README.md', () => {
  it('states the same counts as expected.ts', async () => {
    const md = await readFile(path.join(REPO_ROOT, 'samples/README.md'), 'utf8');
    const rows = readmeTable(md, 'sample | export');
    expect(rows).toHaveLength(ALL_EXPORTS.length);
    for (const e of ALL_EXPORTS) {
      const row = rows.find((r) => r[0] === e.sample && ticks(r[1] ?? '')[0] === e.key);
      expect(row, `${e.sample}/${e.key} in README`).toBeDefined();
      const [, , form, server, mode, ...nums] = row ?? [];
      expect([form, ticks(server ?? '')[0], mode]).toEqual([e.form, e.server, e.userManagement]);
      const c = e.counts;
      expect(nums.map(Number)).toEqual([c.users, c.enabledUsers, c.groups, c.computers, c.lineGroups, c.lines, c.clientContent]);
    }
  });

  it('states the same secrets, not-migrated paths and setting scopes as expected.ts', async () => {
    const md = await readFile(path.join(REPO_ROOT, 'samples/README.md'), 'utf8');
    const rows = readmeTable(md, 'export | secrets');
    expect(rows).toHaveLength(ALL_EXPORTS.length);
    for (const e of ALL_EXPORTS) {
      const row = rows.find((r) => ticks(r[0] ?? '')[0] === e.key);
      expect(row, `${e.key} in README`).toBeDefined();
      const [, secrets, notMigrated, unclassified, refused] = (row ?? []).map((c) => ticks(c));
      expect(secrets).toEqual(e.secrets);
      expect(notMigrated).toEqual(e.notMigrated);
      expect(unclassified).toEqual(e.unclassifiedSettings);
      expect(refused).toEqual(e.refusedSettings);
    }
  });
});

describe.each(Object.entries(SAMPLES) as Array<[SampleName, (typeof SAMPLES)[SampleName]]>)('sample %s', (name, sample) => {
  it('has a project file whose sources, replaces and lineGroups name what the exports hold', async () => {
    const file = samplePath(sample.project);
    const project = parseYaml(await readFile(file, 'utf8'));
    expect(project.target).toBeUndefined();
    const sources = (project.sources as string[]).map((s) => path.resolve(path.dirname(file), s));
    const exports = Object.values(sample.exports);
    expect(sources.map((s) => s.replace(/\/$/, ''))).toEqual(exports.map((e) => samplePath(e.path)));
    const servers = new Set(exports.map((e) => e.server));
    const lineGroupNames = new Set<string>();
    for (const e of exports) {
      const files = await readExportFiles(samplePath(e.path));
      const lg = parseXml(findFile(files, 'config/lines.xml')!).LineConfig.LineGroup as Xml[];
      for (const g of lg) lineGroupNames.add(g.name);
    }
    for (const s of project.servers as Xml[]) {
      for (const r of s.replaces ?? []) expect(servers, `${s.name}.replaces`).toContain(r);
      for (const g of s.lineGroups ?? []) expect(lineGroupNames, `${s.name}.lineGroups`).toContain(g);
    }
    if (name === 'kanzlei-huber') expect(project.userStore).toBe('mssql');
    if (project.homeServers?.mapping) {
      const csv = await readFile(path.resolve(path.dirname(file), project.homeServers.mapping), 'utf8');
      const [header, ...rows] = csv.trim().split('\n');
      expect(header).toBe('userName,server');
      const dcNames = new Set((project.servers as Xml[]).map((s) => s.name));
      for (const r of rows) expect(dcNames).toContain(r.split(',')[1]);
    }
  });

  it('has the stated duplicate licence keys and global conflicts across its exports', async () => {
    const all = await Promise.all(Object.values(sample.exports).map((e) => exportFacts(samplePath(e.path))));
    const seen = new Map<string, number>();
    for (const f of all) for (const k of new Set(f.licenseKeys)) seen.set(k, (seen.get(k) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([k]) => k)).toEqual(sample.duplicateLicenseKeys);
    const keys = new Set(all.flatMap((f) => [...f.globals.keys()]));
    const conflicts = [...keys].filter((k) => new Set(all.map((f) => f.globals.get(k))).size > 1).sort();
    expect(conflicts).toEqual(sample.globalConflicts);
  });
});
