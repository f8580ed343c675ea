/**
 * What one export may cost in memory and time (issue 9: twelve client-content entries of 450 MB
 * of spaces, 5.5 MB as a ZIP, took 5.6 GB and killed the process). Every file is checked against
 * its own limit and against the export's budget before it is inflated (from the size the ZIP
 * declares) and again while it is (a declared size can lie). The numbers: docs/spec-extensions.md.
 */
import type { Diagnostic } from '../model/index.js';
import type { ExportEntry, ExportSource, ReadResult } from './export-source.js';
import { MAX_CLIENT_CONTENT_BYTES, MAX_CLIENT_CONTENT_TOTAL_BYTES, MAX_ENTRY_BYTES, MAX_EXPORT_BYTES } from './export-source.js';
import { importDiag } from './xml-doc.js';

/** `keptWhole`: client content and ClientUpdate.xml, whose text stays in memory until mapped. */
export type EntryKind = 'file' | 'keptWhole';

/**
 * Elements one export's files may hold in total, and one client-content file: the parsed tree,
 * the model and a diagnostic or two cost 1 to 3 kB per element (a ZIP of 200 kB inflated to 1.7
 * million `<Member>` elements took 1.8 GB; 480,000 duplicate users 2.8 GB). A real export of
 * 50,000 users (users, monitored lines, group members, lines, computers) holds about 200,000.
 */
export const MAX_ELEMENTS_PER_EXPORT = 300_000;
export const MAX_ELEMENTS_KEPT_FILE = 50_000;

const MB = 1024 * 1024;
const inMb = (bytes: number): string => `${Math.ceil(bytes / MB)} MB`;

export class ReadBudget {
  /** Bytes read (inflated) so far from this export. */
  used = 0;
  /** Elements of the files read into the model so far. */
  elements = 0;
  /** Text kept whole so far (client content, ClientUpdate.xml: it stays in memory until the mapper writes it). */
  kept = 0;

  constructor(
    readonly total = MAX_EXPORT_BYTES,
    readonly keptTotal = MAX_CLIENT_CONTENT_TOTAL_BYTES,
    readonly elementsTotal = MAX_ELEMENTS_PER_EXPORT,
  ) {}

  /**
   * Whether a decoded file may be parsed: its elements (counted before the parser builds a tree)
   * within the export's element budget, or the kept-file limit. A refusal is reported.
   */
  admitElements(file: string, text: string, kind: EntryKind, out: Diagnostic[]): boolean {
    const limit = kind === 'keptWhole' ? MAX_ELEMENTS_KEPT_FILE : Math.max(0, this.elementsTotal - this.elements);
    const count = countElements(text, limit + 1);
    if (count <= limit) {
      if (kind === 'file') this.elements += count;
      return true;
    }
    out.push(
      kind === 'keptWhole'
        ? importDiag('IMPORT_FILE_TOO_LARGE', `${file} holds more than ${MAX_ELEMENTS_KEPT_FILE} elements; it is not read`, { file, subject: `file:${file}`, params: { file, max: MAX_ELEMENTS_KEPT_FILE } })
        : importDiag('IMPORT_EXPORT_TOO_LARGE', `${file} would take this export past ${this.elementsTotal} XML elements in total (${this.elements} read so far); it is not read`, {
            file,
            subject: `file:${file}`,
            params: { file, max: this.elementsTotal, count: this.elements },
            hint: 'an export holds about 3 elements per user (a 50,000-user export about 160,000): this many means a damaged or generated file; export the UCServer again, or ask for a build with a higher MAX_ELEMENTS_PER_EXPORT',
          }),
    );
    return false;
  }

  /**
   * Reads an entry within its limit and the export's budget; a refusal is reported (file and
   * size) and yields undefined.
   */
  async read(source: ExportSource, entry: ExportEntry, kind: EntryKind, out: Diagnostic[]): Promise<Buffer | undefined> {
    const own = kind === 'keptWhole' ? MAX_CLIENT_CONTENT_BYTES : MAX_ENTRY_BYTES;
    const remaining = Math.max(0, this.total - this.used);
    const refuse = (message: string) => out.push(importDiag('IMPORT_EXPORT_TOO_LARGE', message, { file: entry.name, subject: `file:${entry.name}`, params: { file: entry.name } }));
    const overBudget = (size: string) =>
      refuse(`${entry.name} (${size}) would take this export past ${inMb(this.total)} inflated in total (${inMb(this.used)} read so far); it is not read`);
    const keepable = kind === 'keptWhole' ? Math.max(0, this.keptTotal - this.kept) : Infinity;
    // The declared size (ZIP) decides before anything is inflated; a folder's file is checked by its own size.
    if (entry.size >= 0 && entry.size <= own) {
      if (entry.size > remaining) return void overBudget(`${entry.size} bytes`);
      if (entry.size > keepable) return void refuse(`${entry.name} (${entry.size} bytes) would take the text kept whole from this export (client content, ClientUpdate.xml) past ${inMb(this.keptTotal)}; it is not imported`);
    }
    // Over its own limit: the source refuses it by that limit, from the declared size.
    const limit = entry.size > own ? own : Math.min(own, remaining, keepable);
    const read: ReadResult = await source.read(entry, limit);
    if (!read.ok) {
      if (read.tooLarge === true && limit < own) {
        if (limit === keepable) refuse(`${entry.name} would take the text kept whole from this export (client content, ClientUpdate.xml) past ${inMb(this.keptTotal)}; it is not imported`);
        else overBudget('its size');
      } else {
        out.push(importDiag(read.code, read.message, { file: entry.name, subject: `file:${entry.name}`, params: { file: entry.name } }));
      }
      return undefined;
    }
    this.used += read.bytes.length;
    return read.bytes;
  }

  /** Counts text that stays in memory (a client content or ClientUpdate.xml that was imported). */
  keep(text: string): void {
    this.kept += text.length;
  }
}

/** Start tags in `text` (a `<` before a name), counted up to `stop`: an upper bound of the elements a parser would build. */
export function countElements(text: string, stop: number): number {
  let n = 0;
  for (let i = text.indexOf('<'); i >= 0 && n < stop; i = text.indexOf('<', i + 1)) {
    const c = text.charCodeAt(i + 1);
    // A name starts with a letter, `_`, `:` or a non-ASCII character; `/`, `!` and `?` do not count.
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x3a || c > 0x7f) n++;
  }
  return n;
}
