/**
 * One view of an export, whether it is a ZIP or a folder: list its entries, read one entry's
 * bytes. Entries are read one at a time, so memory holds one file, not the whole export.
 */
import { stat } from 'node:fs/promises';
import { openFolderSource } from './folder-source.js';
import type { OpenResult } from './source-types.js';
import { nonRegularKind } from '../io/index.js';
import { openZipSource } from './zip-source.js';

export type { ExportEntry, ExportSource, OpenResult, ReadResult, SourceProblem } from './source-types.js';
export { MAX_CLIENT_CONTENT_BYTES, MAX_CLIENT_CONTENT_TOTAL_BYTES, MAX_ENTRY_BYTES, MAX_EXPORT_BYTES } from './source-types.js';

/** Opens a ZIP (`*.zip`) or a folder. */
export async function openExportSource(inputPath: string): Promise<OpenResult> {
  const info = await stat(inputPath).catch(() => undefined);
  if (info === undefined) return { ok: false, code: 'IMPORT_INPUT_NOT_FOUND', message: `${inputPath} does not exist` };
  if (info.isDirectory()) return openFolderSource(inputPath);
  // A FIFO or device is refused by what it is, before anything opens it (opening a FIFO blocks).
  const kind = nonRegularKind(info);
  if (kind !== undefined) return { ok: false, code: 'IMPORT_NOT_A_REGULAR_FILE', message: `${inputPath} is ${kind}, not a regular file; it is not read`, hint: 'give the export ZIP or the folder it was unpacked into' };
  if (/\.zip$/i.test(inputPath)) return openZipSource(inputPath);
  return { ok: false, code: 'IMPORT_INPUT_NOT_FOUND', message: `${inputPath} is neither a folder nor a .zip file` };
}
