/**
 * The home-server mapping CSV (`userName,server`, header optional, BOM ok, `;` as Excel writes it
 * in many locales): the first home-server rule, which wins over every other. Every bad row is
 * reported with its line. The file must be UTF-8: Excel's plain "CSV" is Windows-1252, where an
 * umlaut would otherwise turn into U+FFFD and the user into an unknown one without a word.
 */
import { splitCsvLine } from '../io/index.js';
import { diag, type Diagnostic } from '../model/index.js';
import type { MappingEntry, ProjectCode } from './schema.js';
import { decodeText } from '../io/index.js';
import { readGuarded } from '../io/index.js';
import { DiagnosticCap } from '../io/index.js';

/** 50,000 users at ~60 bytes a row are 3 MB; far more is not a mapping file. */
export const MAX_MAPPING_BYTES = 64 * 1024 * 1024;

export interface HomeServerMappingResult {
  entries: MappingEntry[];
  diagnostics: Diagnostic<ProjectCode>[];
  /**
   * Rows naming a user outside `knownUsers` beyond the kept sample: counted, not kept (issue 20),
   * so the mapper's "… and N more MAP_MAPPING_UNKNOWN_USER" line still carries the full count.
   */
  unknownUsersCounted: number;
}

/** Rows of users no export holds kept as they are, for the mapper's findings (misspellings among them); the rest is counted. */
export const UNKNOWN_USER_SAMPLE = 100;

export interface MappingReadOptions {
  /**
   * The user names of the exports, lower-cased. When given, only their rows and the first
   * {@link UNKNOWN_USER_SAMPLE} others are kept: a mapping of 1,000,000 rows must not hold
   * 1,000,000 entries when 50,000 users exist (issue 20). Without it every row is kept.
   */
  knownUsers?: ReadonlySet<string>;
  /** How many rows of unknown users to keep (default {@link UNKNOWN_USER_SAMPLE}). */
  unknownSample?: number;
}

/**
 * Reads the mapping CSV at `file` (already resolved against the project's folder). Its findings
 * and rows name it `shownAs` (the pipeline passes its path relative to the project's folder, as
 * the project file itself is named); a file that cannot be read at all by its full path.
 */
export async function loadHomeServerMapping(file: string, shownAs: string = file, opts: MappingReadOptions = {}): Promise<HomeServerMappingResult> {
  // The one read guard: a FIFO or device would hang or grow without end (issue 9), a huge file is refused unread.
  const read = await readGuarded(file, { maxBytes: MAX_MAPPING_BYTES });
  if (!read.ok) {
    const message = read.kind === 'not-found' ? 'cannot read the home-server mapping: file not found' : `the home-server mapping ${read.problem}; nothing was read`;
    const size: Record<string, number> = read.kind === 'too-large' ? { size: read.size, max: read.maxBytes } : {};
    return { entries: [], unknownUsersCounted: 0, diagnostics: [diag('MAPPING_FILE_UNREADABLE', 'error', message, { file, subject: 'mapping', params: { file, ...size } })] };
  }
  const bytes = read.bytes;
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    const at = decoded.line === undefined ? '' : ` (line ${decoded.line}, column ${decoded.column})`;
    return {
      entries: [],
      unknownUsersCounted: 0,
      diagnostics: [
        diag('MAPPING_FILE_ENCODING', 'error', `the home-server mapping is ${decoded.message}${at}; no row is read`, {
          file: shownAs,
          ...(decoded.line === undefined ? {} : { line: decoded.line, column: decoded.column }),
          subject: 'mapping',
          params: { file: shownAs },
          hint: 'in Excel, save it with "Save as" › file type "CSV UTF-8 (comma delimited)" (the plain "CSV" type writes Windows-1252)',
        }),
      ],
    };
  }
  return parseHomeServerMapping(decoded.text, shownAs, opts);
}

/**
 * The pure part: CSV text → entries with their line numbers. Rows are taken one at a time as the
 * parser reads them (none is kept as a record), and findings are capped per code (issue 20: a
 * mapping of 1,000,000 rows took 1.6 GB and printed 1,000,000 warnings). With `knownUsers`, rows of
 * other users beyond a sample are only counted; duplicates are found among the kept rows (the
 * known users and the sample), duplicates among the counted rows are counted, not listed.
 */
export function parseHomeServerMapping(text: string, file: string, opts: MappingReadOptions = {}): HomeServerMappingResult {
  const known = opts.knownUsers;
  let sampleLeft = opts.unknownSample ?? UNKNOWN_USER_SAMPLE;
  let unknownUsersCounted = 0;
  const diagnostics: Diagnostic<ProjectCode>[] = [];
  const cap = new DiagnosticCap();
  const report = (d: Diagnostic<ProjectCode>): void => cap.push(diagnostics, d);
  const body = text.replace(/^\uFEFF/, '');
  // Excel with a German (or other `,`-decimal) locale saves CSV with ";": accept it when the first row says so.
  const firstRow = firstDataLine(body);
  const delimiter = firstRow.includes(';') && !firstRow.includes(',') ? ';' : ',';
  const entries: MappingEntry[] = [];
  const seen = new Map<string, MappingEntry>();
  const servers = new Map<string, string>();
  let index = 0;
  const take = (record: string[], line: number): void => {
    const i = index++;
    const [userName = '', server = ''] = record;
    if (i === 0 && isHeader(userName, server)) return;
    if (record.length !== 2 || userName === '' || server === '') {
      report(
        diag('MAPPING_ROW_INVALID', 'error', `line ${line}: expected two values "userName,server", found ${record.length} value(s)`, { file, line, subject: 'mapping', params: { file, line, count: record.length } }),
      );
      return;
    }
    const key = userName.toLowerCase();
    const prev = seen.get(key);
    if (prev === undefined && known !== undefined && !known.has(key)) {
      // A user no export holds: the first few rows are kept for the mapper's findings, the rest counted.
      if (sampleLeft <= 0) {
        unknownUsersCounted++;
        return;
      }
      sampleLeft--;
    }
    if (prev !== undefined) {
      if (prev.server.toLowerCase() !== server.toLowerCase()) {
        report(
          diag('MAPPING_DUPLICATE_USER', 'error', `line ${line}: user "${userName}" is already mapped to "${prev.server}" on line ${prev.line}`, { file, line, subject: `user:${userName}`, params: { file, line, user: userName, servers: [prev.server, server] } }),
        );
      }
      return;
    }
    // A handful of servers named a million times: one string each, not one per row.
    const shared = servers.get(server) ?? (servers.set(server, server), server);
    const entry: MappingEntry = { userName, server: shared, file, line };
    seen.set(key, entry);
    entries.push(entry);
  };
  // Line by line over the text, each row split where it stands (csv.ts): no record list, no parser
  // context per row, so 1,000,000 rows cost their entries and little else (issue 20).
  let line = 0;
  for (let at = 0; at <= body.length; ) {
    const end = body.indexOf('\n', at);
    const raw = body.slice(at, end < 0 ? body.length : end);
    line++;
    at = end < 0 ? body.length + 1 : end + 1;
    const row = splitCsvLine(raw, delimiter);
    if (!row.ok) {
      report(diag('MAPPING_ROW_INVALID', 'error', `line ${line}: not valid CSV: ${row.problem}`, { file, line, subject: 'mapping', params: { file, line } }));
      continue;
    }
    if (row.fields.length === 0) continue;
    take(row.fields, line);
  }
  return { entries, diagnostics, unknownUsersCounted };
}

/** The first line that is neither empty nor a `#` comment, found without splitting the whole text. */
function firstDataLine(body: string): string {
  for (let start = 0; start < body.length; ) {
    const end = body.indexOf('\n', start);
    const line = body.slice(start, end < 0 ? body.length : end);
    if (line.trim() !== '' && !line.trimStart().startsWith('#')) return line;
    if (end < 0) break;
    start = end + 1;
  }
  return '';
}

/** Header words for the two columns, as consultants write them in English and German (`Benutzername;Server`). */
const USER_HEADER = new Set(['username', 'user', 'user name', 'u8susername', 'login', 'benutzer', 'benutzername', 'benutzer-name', 'anmeldename', 'kennung']);
const SERVER_HEADER = new Set(['server', 'homeserver', 'home server', 'home-server', 'heimserver', 'zielserver', 'ziel-server', 'ucserver']);

/** Whether the first row is a header, not a user: both cells are column names (case-insensitive). */
function isHeader(user: string, server: string): boolean {
  return USER_HEADER.has(user.trim().toLowerCase()) && SERVER_HEADER.has(server.trim().toLowerCase());
}
