/**
 * The home-server mapping CSV (`userName,server`, header optional, BOM ok, `;` as Excel writes it
 * in many locales): the first home-server rule, which wins over every other. Every bad row is
 * reported with its line. The file must be UTF-8: Excel's plain "CSV" is Windows-1252, where an
 * umlaut would otherwise turn into U+FFFD and the user into an unknown one without a word.
 */
import { readFile, stat } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { diag, type Diagnostic } from '../model/diagnostics.js';
import type { MappingEntry, ProjectCode } from '../model/project.js';
import { decodeText } from './decode.js';
import { regularFileProblem } from './regular-file.js';

/** 50,000 users at ~60 bytes a row are 3 MB; far more is not a mapping file. */
export const MAX_MAPPING_BYTES = 64 * 1024 * 1024;

export interface HomeServerMappingResult {
  entries: MappingEntry[];
  diagnostics: Diagnostic<ProjectCode>[];
}

/**
 * Reads the mapping CSV at `file` (already resolved against the project's folder). Its findings
 * and rows name it `shownAs` (the pipeline passes its path relative to the project's folder, as
 * the project file itself is named); a file that cannot be read at all by its full path.
 */
export async function loadHomeServerMapping(file: string, shownAs: string = file): Promise<HomeServerMappingResult> {
  // A FIFO or device would hang or grow without end (issue 9): refused by what it is, unread.
  const problem = await regularFileProblem(file);
  if (problem !== undefined) {
    const message = problem === 'not found' ? 'cannot read the home-server mapping: file not found' : `the home-server mapping ${problem}; nothing was read`;
    return { entries: [], diagnostics: [diag('MAPPING_FILE_UNREADABLE', 'error', message, { file })] };
  }
  let bytes: Buffer;
  try {
    const size = (await stat(file)).size;
    if (size > MAX_MAPPING_BYTES) {
      return { entries: [], diagnostics: [diag('MAPPING_FILE_UNREADABLE', 'error', `the home-server mapping is ${size} bytes, more than the ${MAX_MAPPING_BYTES} it may have; nothing was read`, { file })] };
    }
    bytes = await readFile(file);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message;
    return { entries: [], diagnostics: [diag('MAPPING_FILE_UNREADABLE', 'error', `cannot read the home-server mapping: ${reason}`, { file })] };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    const at = decoded.line === undefined ? '' : ` (line ${decoded.line}, column ${decoded.column})`;
    return {
      entries: [],
      diagnostics: [
        diag('MAPPING_FILE_ENCODING', 'error', `the home-server mapping is ${decoded.message}${at}; no row is read`, {
          file: shownAs,
          ...(decoded.line === undefined ? {} : { line: decoded.line, column: decoded.column }),
          hint: 'in Excel, save it with "Save as" › file type "CSV UTF-8 (comma delimited)" (the plain "CSV" type writes Windows-1252)',
        }),
      ],
    };
  }
  return parseHomeServerMapping(decoded.text, shownAs);
}

/** The pure part: CSV text → entries with their line numbers. */
export function parseHomeServerMapping(text: string, file: string): HomeServerMappingResult {
  const diagnostics: Diagnostic<ProjectCode>[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  const body = text.replace(/^\uFEFF/, '');
  // Excel with a German (or other `,`-decimal) locale saves CSV with ";": accept it when the first row says so.
  const firstRow = body.split(/\r?\n/).find((l) => l.trim() !== '' && !l.trimStart().startsWith('#')) ?? '';
  const delimiter = firstRow.includes(';') && !firstRow.includes(',') ? ';' : ',';
  try {
    records = parse(body, {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      comment: '#',
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const e = err as { message: string; lines?: number };
    return {
      entries: [],
      diagnostics: [diag('MAPPING_ROW_INVALID', 'error', `the mapping is not valid CSV: ${e.message}`, { file, ...(e.lines === undefined ? {} : { line: e.lines }) })],
    };
  }
  const entries: MappingEntry[] = [];
  const seen = new Map<string, MappingEntry>();
  records.forEach(({ record, info }, i) => {
    const line = info.lines;
    const [userName = '', server = ''] = record;
    if (i === 0 && userName.toLowerCase() === 'username' && server.toLowerCase() === 'server') return;
    if (record.length !== 2 || userName === '' || server === '') {
      diagnostics.push(
        diag('MAPPING_ROW_INVALID', 'error', `line ${line}: expected two values "userName,server", found ${record.length} value(s)`, { file, line }),
      );
      return;
    }
    const prev = seen.get(userName.toLowerCase());
    if (prev !== undefined) {
      if (prev.server.toLowerCase() !== server.toLowerCase()) {
        diagnostics.push(
          diag('MAPPING_DUPLICATE_USER', 'error', `line ${line}: user "${userName}" is already mapped to "${prev.server}" on line ${prev.line}`, { file, line }),
        );
      }
      return;
    }
    const entry: MappingEntry = { userName, server, file, line };
    seen.set(userName.toLowerCase(), entry);
    entries.push(entry);
  });
  return { entries, diagnostics };
}
