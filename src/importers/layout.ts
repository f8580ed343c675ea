/**
 * Sorts an export's entries into the contract's layout: the named files by role, the per-user
 * client content, the file databases, and everything else (listed as not migrated, never dropped).
 */
import type { Diagnostic } from '../model/index.js';
import type { ExportEntry, OpenResult } from './source-types.js';
import type { FileRole } from './format.js';
import { CLIENT_CONTENT_FILE, DATABASE_FILE, FILES, REQUIRED_FILES } from './format.js';
import { importDiag } from './xml-doc.js';

export interface Layout {
  files: Partial<Record<FileRole, ExportEntry>>;
  clientContent: { entry: ExportEntry; userName: string }[];
  databaseFiles: string[];
  notMigrated: string[];
  /** Folders inside the export that hold an export of their own (`ucs-muc-01/manifest.xml`): not read, not "not migrated". */
  nestedExports: string[];
}

const ROLE_BY_PATH = new Map<string, FileRole>(Object.entries(FILES).map(([role, path]) => [path, role as FileRole]));

/** The required files: an input holding none of them is not an export at all. */
const EXPORT_MARKERS = REQUIRED_FILES.map((role) => FILES[role]);

/**
 * Whether an input holds one of the contract's required files at its root or one folder down (a
 * wrapped export). Without any it is not an export (`inspect /tmp`, the wrong ZIP): one
 * diagnostic says so, instead of a line per unrelated file. `keys` are lowercase entry paths.
 */
export function looksLikeExport(keys: Iterable<string>): boolean {
  for (const key of keys) {
    for (const marker of EXPORT_MARKERS) {
      if (key === marker) return true;
      const slash = key.indexOf('/');
      if (slash > 0 && key.slice(slash + 1) === marker) return true;
    }
  }
  return false;
}

/** The one diagnostic for an input that holds none of the contract's required files. */
export function notAnExport(inputPath: string): OpenResult {
  return {
    ok: false,
    code: 'IMPORT_NOT_AN_EXPORT',
    message: `${inputPath} is not a ProCall Enterprise export: no ${EXPORT_MARKERS.slice(0, -1).join(', ')} or ${EXPORT_MARKERS.at(-1)}`,
    hint: 'give the ZIP written by UCServer Administration, File › Data export, or the folder it was unpacked into',
  };
}

/**
 * The folder the export's files sit in: '' (the contract's layout, files at the root), or the one
 * top-level folder holding `manifest.xml` when the root holds none of the contract's files (a
 * consultant's re-zip of the unpacked export usually wraps it in its folder). Entries keep their
 * real names, so diagnostics show the path inside the ZIP; only the layout looks through the folder.
 */
function exportRoot(entries: readonly ExportEntry[]): { root: string; candidates: string[] } {
  // Any contract file at the root means the layout is the contract's (a missing manifest is then reported as such).
  if (entries.some((e) => ROLE_BY_PATH.has(e.key))) return { root: '', candidates: [] };
  const candidates = entries
    .filter((e) => e.key.endsWith(`/${FILES.manifest}`) && e.key.split('/').length === 2)
    .map((e) => e.name.slice(0, e.name.length - FILES.manifest.length));
  return { root: candidates.length === 1 ? candidates[0]! : '', candidates };
}

/**
 * Top-level folders (below the export's root) holding a manifest.xml of their own: another
 * export saved inside this one. Lowercase, with the root and a trailing `/`.
 */
function nestedExportFolders(entries: readonly ExportEntry[], root: string): Set<string> {
  const prefix = root.toLowerCase();
  const nested = new Set<string>();
  for (const e of entries) {
    if (!e.key.startsWith(prefix)) continue;
    const parts = e.key.slice(prefix.length).split('/');
    if (parts.length === 2 && parts[1] === FILES.manifest && parts[0] !== 'config') nested.add(`${prefix}${parts[0]}/`);
  }
  return nested;
}

export function sortEntries(entries: readonly ExportEntry[], out: Diagnostic[]): Layout {
  const layout: Layout = { files: {}, clientContent: [], databaseFiles: [], notMigrated: [], nestedExports: [] };
  const { root, candidates } = exportRoot(entries);
  // With several candidate roots the input is no single export: that is reported below instead.
  const nested = candidates.length > 1 ? [] : [...nestedExportFolders(entries, root)];
  const seen = new Map<string, ExportEntry>();
  for (const entry of entries) {
    const first = seen.get(entry.key);
    if (first !== undefined) {
      out.push(importDiag('IMPORT_DUPLICATE_ENTRY', `${entry.name} is in the export twice (also as ${first.name}; names are case-insensitive); only the first is read`, { file: entry.name, subject: `file:${entry.name}`, params: { file: entry.name, first: first.name } }));
      continue;
    }
    seen.set(entry.key, entry);
    const nestedIn = nested.length === 0 ? undefined : nested.find((folder) => entry.key.startsWith(folder));
    if (nestedIn !== undefined) {
      // An export is never "not migrated" content of another: reported once per folder, not read.
      if (!layout.nestedExports.some((f) => f.toLowerCase() === nestedIn)) {
        const folder = entry.name.slice(0, nestedIn.length);
        layout.nestedExports.push(folder);
        out.push(importDiag('IMPORT_NESTED_EXPORT', `${folder} holds an export of its own (${folder}${FILES.manifest}); it is not read as part of this export`, { file: `${folder}${FILES.manifest}`, subject: `file:${folder}`, params: { file: folder }, hint: 'give that export as an input of its own (inspect and init read a folder holding several exports)' }));
      }
      continue;
    }
    const inside = root === '' || entry.key.startsWith(root.toLowerCase());
    const name = inside ? entry.name.slice(root.length) : entry.name;
    const role = inside ? ROLE_BY_PATH.get(name.toLowerCase()) : undefined;
    const clientContent = inside ? CLIENT_CONTENT_FILE.exec(name) : null;
    if (role !== undefined) layout.files[role] = entry;
    else if (clientContent) layout.clientContent.push({ entry, userName: clientContent[1]! });
    else {
      const database = inside && DATABASE_FILE.test(name);
      if (database) layout.databaseFiles.push(entry.name);
      layout.notMigrated.push(entry.name);
      out.push(importDiag('IMPORT_NOT_MIGRATED', `${entry.name} is not migrated (${database ? 'file database' : 'not part of the export format'}); it is listed in the report`, { file: entry.name, subject: `file:${entry.name}`, params: { file: entry.name, kind: database ? 'database' : 'unknown' } }));
    }
  }
  // Code-point order, stable across platforms and locales.
  layout.notMigrated.sort();
  layout.databaseFiles.sort();
  for (const role of REQUIRED_FILES) {
    if (layout.files[role] !== undefined) continue;
    const where: { file: string; hint?: string; subject: string; params: { file: string } } = { file: `${root}${FILES[role]}`, subject: `file:${FILES[role]}`, params: { file: FILES[role] } };
    if (role === 'manifest' && candidates.length > 1) {
      where.hint = `the input holds several exports (${candidates.map((c) => `${c}${FILES.manifest}`).join(', ')}); give each export folder or ZIP as its own input`;
    }
    out.push(importDiag('IMPORT_REQUIRED_FILE_MISSING', `the export has no ${FILES[role]}, which is required`, where));
  }
  return layout;
}
