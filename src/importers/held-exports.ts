/**
 * A folder that is not itself an export but holds exports one level down (the customer's
 * `exports/` with `ucs-ber-01.zip` and `ucs-muc-01/`): issue 8 found it read as one export, the
 * other site's ZIP listed as "not migrated". `inspect` and `init` read each export it holds;
 * a project's `sources:` must list them one by one (`PROJECT_SOURCE_HOLDS_EXPORTS`).
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../model/index.js';
import type { ProjectPositions } from '../project/index.js';
import { entryKey } from './entry-path.js';
import type { ExportSource } from './export-source.js';
import { openExportSource } from './export-source.js';
import { FILES } from './format.js';
import type { Layout } from './layout.js';
import { looksLikeExport } from './layout.js';
import { importDiag } from './xml-doc.js';

const CONTRACT_FILES = new Set<string>(Object.values(FILES));

/** Lowercase keys of a folder's own files and of its `config/` folder's: enough to tell an export's root. */
async function rootKeys(dir: string): Promise<string[] | undefined> {
  const listing = await readdir(dir, { withFileTypes: true }).catch(() => undefined);
  if (listing === undefined) return undefined;
  const keys: string[] = [];
  for (const d of listing) {
    if (d.isFile()) keys.push(entryKey(d.name));
    else if (d.isDirectory() && entryKey(d.name) === 'config') {
      const config = await readdir(join(dir, d.name), { withFileTypes: true }).catch(() => [] as Dirent[]);
      for (const c of config) if (c.isFile()) keys.push(`config/${entryKey(c.name)}`);
    }
  }
  return keys;
}

/** Whether a ZIP one level down is an export (its table of contents names a contract file); a broken one counts, so its error is shown. */
async function zipIsExport(path: string): Promise<boolean> {
  const opened = await openExportSource(path);
  if (opened.ok) await opened.source.close();
  return opened.ok || opened.code !== 'IMPORT_NOT_AN_EXPORT';
}

/**
 * The exports `inputPath` holds one level down, sorted; undefined when it is no folder, is an
 * export itself (a contract file at its root), or holds a single export folder and no export
 * ZIP (that is an export wrapped in its folder, read as one).
 */
export async function heldExports(inputPath: string): Promise<string[] | undefined> {
  const info = await stat(inputPath).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) return undefined;
  const own = await rootKeys(inputPath);
  if (own === undefined || own.some((k) => CONTRACT_FILES.has(k))) return undefined;
  const listing = await readdir(inputPath, { withFileTypes: true }).catch(() => [] as Dirent[]);
  const zips: string[] = [];
  const folders: string[] = [];
  for (const d of listing.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const child = join(inputPath, d.name);
    if (d.isFile() && /\.zip$/i.test(d.name)) {
      if (await zipIsExport(child)) zips.push(child);
    } else if (d.isDirectory()) {
      const keys = await rootKeys(child);
      if (keys !== undefined && looksLikeExport(keys)) folders.push(child);
    }
  }
  if (zips.length === 0 && folders.length < 2) return undefined;
  return [...zips, ...folders].sort();
}

/** Points a `PROJECT_SOURCE_HOLDS_EXPORTS` (or a missing source, `IMPORT_INPUT_NOT_FOUND`) at the project file and its `sources[i]` entry, with its line when known (other diagnostics pass through). */
export function atProjectSource<D extends Diagnostic>(d: D, sourcePaths: readonly string[], projectFile: string, positions?: ProjectPositions): D {
  const i = sourcePaths.indexOf(d.source ?? '');
  // A `sources:` entry that names nothing is the project file's mistake: its line, not the missing path.
  const missingSource = d.code === 'IMPORT_INPUT_NOT_FOUND' && d.file === undefined && i >= 0;
  if (d.code !== 'PROJECT_SOURCE_HOLDS_EXPORTS' && !missingSource) return d;
  const { source: _input, ...rest } = d;
  const path = i < 0 ? undefined : `sources[${i}]`;
  const at = path === undefined ? undefined : positions?.at.get(path);
  return { ...rest, file: positions?.file ?? projectFile, ...(path === undefined ? {} : { path }), ...(at === undefined ? {} : { line: at.line, column: at.column }) } as D;
}

/**
 * A ZIP at the root of a folder export that is an export itself (the other site's export saved
 * into this one's folder): reported as a nested export instead of "not migrated" content.
 * Only folder exports are looked into: a ZIP inside a ZIP would have to be inflated to tell.
 */
export async function reportNestedZipExports(source: ExportSource, layout: Layout, out: Diagnostic[]): Promise<void> {
  if (source.kind !== 'folder') return;
  for (const name of [...layout.notMigrated]) {
    if (name.includes('/') || !/\.zip$/i.test(name) || !(await zipIsExport(join(source.inputPath, name)))) continue;
    layout.notMigrated.splice(layout.notMigrated.indexOf(name), 1);
    layout.nestedExports.push(name);
    const listed = out.findIndex((d) => d.code === 'IMPORT_NOT_MIGRATED' && d.file === name);
    if (listed >= 0) out.splice(listed, 1);
    out.push(importDiag('IMPORT_NESTED_EXPORT', `${name} is an export of its own; it is not read as part of this export`, { file: name, subject: `file:${name}`, params: { file: name }, hint: 'give that export as an input of its own (inspect and init read a folder holding several exports)' }));
  }
}
