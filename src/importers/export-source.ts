/**
 * One view of an export, whether it is a ZIP or a folder: list its entries, read one entry's
 * bytes. Entries are read one at a time, so memory holds one file, not the whole export.
 */
import { stat } from 'node:fs/promises';
import type { ImportCode } from './codes.js';
import { openFolderSource } from './folder-source.js';
import { openZipSource } from './zip-source.js';

export interface ExportEntry {
  /** Path inside the export as written there (original case, `/` separators). */
  name: string;
  /** Lowercase name: what the layout and duplicate checks compare. */
  key: string;
  size: number;
}

/** A problem found while listing entries; it names the entry, never aborts the listing. */
export interface SourceProblem {
  code: ImportCode;
  message: string;
  file?: string;
}

export type ReadResult = { ok: true; bytes: Buffer } | { ok: false; code: ImportCode; message: string };

export interface ExportSource {
  readonly kind: 'zip' | 'folder';
  readonly inputPath: string;
  readonly entries: readonly ExportEntry[];
  readonly problems: readonly SourceProblem[];
  read(entry: ExportEntry): Promise<ReadResult>;
  close(): Promise<void>;
}

/** Largest single file the importer reads (a users.xml of 50,000 users is about 25 MB). */
export const MAX_ENTRY_BYTES = 512 * 1024 * 1024;

export type OpenResult = { ok: true; source: ExportSource } | { ok: false; code: ImportCode; message: string; hint?: string };

/** Opens a ZIP (`*.zip`) or a folder. */
export async function openExportSource(inputPath: string): Promise<OpenResult> {
  const info = await stat(inputPath).catch(() => undefined);
  if (info === undefined) return { ok: false, code: 'IMPORT_INPUT_NOT_FOUND', message: `${inputPath} does not exist` };
  if (info.isDirectory()) return openFolderSource(inputPath);
  if (info.isFile() && /\.zip$/i.test(inputPath)) return openZipSource(inputPath);
  return { ok: false, code: 'IMPORT_INPUT_NOT_FOUND', message: `${inputPath} is neither a folder nor a .zip file` };
}
