/**
 * Sorts an export's entries into the contract's layout: the named files by role, the per-user
 * client content, the file databases, and everything else (listed as not migrated, never dropped).
 */
import type { Diagnostic } from '../model/diagnostics.js';
import type { ExportEntry } from './export-source.js';
import type { FileRole } from './format.js';
import { CLIENT_CONTENT_FILE, DATABASE_FILE, FILES, REQUIRED_FILES } from './format.js';
import { importDiag } from './xml-doc.js';

export interface Layout {
  files: Partial<Record<FileRole, ExportEntry>>;
  clientContent: { entry: ExportEntry; userName: string }[];
  databaseFiles: string[];
  notMigrated: string[];
}

const ROLE_BY_PATH = new Map<string, FileRole>(Object.entries(FILES).map(([role, path]) => [path, role as FileRole]));

export function sortEntries(entries: readonly ExportEntry[], out: Diagnostic[]): Layout {
  const layout: Layout = { files: {}, clientContent: [], databaseFiles: [], notMigrated: [] };
  const seen = new Map<string, ExportEntry>();
  for (const entry of entries) {
    const first = seen.get(entry.key);
    if (first !== undefined) {
      out.push(importDiag('IMPORT_DUPLICATE_ENTRY', `${entry.name} is in the export twice (also as ${first.name}; names are case-insensitive); only the first is read`, { file: entry.name }));
      continue;
    }
    seen.set(entry.key, entry);
    const role = ROLE_BY_PATH.get(entry.key);
    const clientContent = CLIENT_CONTENT_FILE.exec(entry.name);
    if (role !== undefined) layout.files[role] = entry;
    else if (clientContent) layout.clientContent.push({ entry, userName: clientContent[1]! });
    else {
      if (DATABASE_FILE.test(entry.name)) layout.databaseFiles.push(entry.name);
      layout.notMigrated.push(entry.name);
      out.push(importDiag('IMPORT_NOT_MIGRATED', `${entry.name} is not migrated (${DATABASE_FILE.test(entry.name) ? 'file database' : 'not part of the export format'}); it is listed in the report`, { file: entry.name }));
    }
  }
  // Code-point order, stable across platforms and locales.
  layout.notMigrated.sort();
  layout.databaseFiles.sort();
  for (const role of REQUIRED_FILES) {
    if (layout.files[role] === undefined) out.push(importDiag('IMPORT_REQUIRED_FILE_MISSING', `the export has no ${FILES[role]}, which is required`, { file: FILES[role] }));
  }
  return layout;
}
