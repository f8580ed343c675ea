/**
 * What an export source is (a ZIP or a folder): its entries, read results and limits. Apart from
 * `export-source.ts` (which opens one) so the two kinds of source never import their opener.
 */
import type { ImportCode } from './codes.js';

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

/** `tooLarge`: the entry holds more than the `maxBytes` it was read with (its size is in the message). */
export type ReadResult = { ok: true; bytes: Buffer } | { ok: false; code: ImportCode; message: string; tooLarge?: boolean };

export interface ExportSource {
  readonly kind: 'zip' | 'folder';
  readonly inputPath: string;
  readonly entries: readonly ExportEntry[];
  readonly problems: readonly SourceProblem[];
  /** Reads one entry whole; more than `maxBytes` (default MAX_ENTRY_BYTES) is refused before and while inflating. */
  read(entry: ExportEntry, maxBytes?: number): Promise<ReadResult>;
  close(): Promise<void>;
}

/**
 * Largest single file the importer reads (a users.xml of 50,000 users is about 25 MB). With the
 * file's bytes and its text both in memory while it is parsed, this keeps one export under 1 GB.
 */
export const MAX_ENTRY_BYTES = 256 * 1024 * 1024;
/** Largest `<user>_clientcontent.xml` (a real one is a few kB; its text is kept until mapped). */
export const MAX_CLIENT_CONTENT_BYTES = 16 * 1024 * 1024;
/** Every file one export reads, inflated, in total (issue 9: a 5.5 MB ZIP inflated to 5.4 GB). */
export const MAX_EXPORT_BYTES = 2 * 1024 * 1024 * 1024;
/** Client content kept in memory per export, in total: its text is held until the mapper writes it. */
export const MAX_CLIENT_CONTENT_TOTAL_BYTES = 512 * 1024 * 1024;

export type OpenResult = { ok: true; source: ExportSource } | { ok: false; code: ImportCode; message: string; hint?: string };
