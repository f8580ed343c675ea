/**
 * The project's `accept:` (migration-project.md, "Acknowledged warnings"): a warning whose code
 * is an entry's `code` and whose message, path or file contains its `match` is shown as accepted
 * with the reason and no longer counts for `--strict`. Errors cannot be accepted: an entry that
 * names one leaves it an error and says so. An entry that matches nothing is itself a warning.
 */
import { diag, type Diagnostic } from '../model/index.js';
import { didYouMean } from '../model/index.js';
import type { AcceptEntry, ProjectCode, ProjectPositions } from './schema.js';

export interface AcceptOptions {
  /** Where the entries are written (their line), when the project came from a file. */
  positions?: ProjectPositions;
  /** The project file's path as the other project diagnostics name it. */
  file?: string;
  /** Report entries that matched nothing (only once every stage ran: a partial run proves nothing). */
  reportUnused: boolean;
  /** Every diagnostic code the tool has, so an unused entry with a misspelt code names the right one. */
  knownCodes?: readonly string[];
  /**
   * `plan`: the second pass, over the plan's diagnostics once the planner ran: only the entries
   * for planner codes (`PLAN_…`) are applied and judged, so the first pass's notes are not repeated.
   * Default: every other entry (an entry for a PLAN_ or DB_ code is not judged then).
   */
  stage?: 'map' | 'plan';
}

/** Entries the planner's findings answer: applied and judged only in the `plan` pass. */
const isPlanEntry = (code: string): boolean => /^PLAN_/.test(code.trim());

const contains = (text: string | undefined, part: string): boolean => text !== undefined && text.toLowerCase().includes(part);

/** True when an entry's `match` selects `d`: its message, path or file contains it (case-insensitive). The decide registry writes matches that do. */
export const acceptMatchSelects = (d: Pick<Diagnostic, 'message' | 'path' | 'file'>, match: string): boolean => {
  const part = match.toLowerCase();
  return contains(d.message, part) || contains(d.path, part) || contains(d.file, part);
};

/** `diagnostics` with accepted warnings marked, plus notes and warnings about the entries themselves. */
export function applyAccepts(diagnostics: readonly Diagnostic[], entries: readonly AcceptEntry[], opts: AcceptOptions): Diagnostic[] {
  if (entries.length === 0) return [...diagnostics];
  const used = entries.map(() => ({ warnings: 0, errors: 0 }));
  const byCode = new Map<string, number[]>();
  const planPass = opts.stage === 'plan';
  entries.forEach((e, i) => {
    if (planPass !== isPlanEntry(e.code)) return;
    const list = byCode.get(e.code.trim()) ?? [];
    list.push(i);
    byCode.set(e.code.trim(), list);
  });
  const out = diagnostics.map((d) => {
    const candidates = byCode.get(d.code);
    if (candidates === undefined) return d;
    for (const i of candidates) {
      const e = entries[i]!;
      if (e.match !== undefined && !acceptMatchSelects(d, e.match)) continue;
      if (d.severity === 'error') {
        used[i]!.errors++;
        continue;
      }
      used[i]!.warnings++;
      return d.severity === 'warning' ? { ...d, accepted: { reason: e.reason } } : d;
    }
    return d;
  });
  entries.forEach((e, i) => {
    if (planPass !== isPlanEntry(e.code)) return;
    const where = entryPosition(i, opts);
    const u = used[i]!;
    if (u.errors > 0) {
      out.push(
        diag<ProjectCode>('PROJECT_ACCEPT_ERROR', 'info', `accept[${i}]: ${e.code} is an error here (${u.errors} of them); errors cannot be accepted and stay errors`, {
          ...where,
          hint: 'fix the cause, or decide it in the project (settings:, userStore, …)',
          subject: `accept[${i}]`,
          params: { path: `accept[${i}]`, code: e.code, count: u.errors },
        }),
      );
    } else if (u.warnings === 0 && opts.reportUnused && !/^DB_/.test(e.code)) {
      // (Planner findings are judged in the plan pass; database findings come at apply time and are not judged.)
      out.push(
        diag<ProjectCode>('PROJECT_ACCEPT_UNUSED', 'warning', `accept[${i}]: no warning ${e.code}${e.match === undefined ? '' : ` containing "${e.match}"`} in this run${unknownCode(e.code, opts.knownCodes)}`, {
          ...where,
          hint: 'remove the entry, or correct its code or match',
          subject: `accept[${i}]`,
          params: { path: `accept[${i}]`, code: e.code, ...(e.match === undefined ? {} : { match: e.match }) },
        }),
      );
    }
  });
  return out;
}

/** `; MAP_LICENCE_DUPLICATE is no code of this tool (did you mean MAP_LICENSE_DUPLICATE?)`, or ''. */
function unknownCode(code: string, known: readonly string[] | undefined): string {
  if (known === undefined || known.includes(code.trim())) return '';
  return `; ${code} is no code of this tool${didYouMean(code, known)}`;
}

function entryPosition(i: number, opts: AcceptOptions): { file?: string; line?: number; column?: number; path: string } {
  const path = `accept[${i}]`;
  const pos = opts.positions?.at.get(path);
  return {
    ...(opts.file === undefined ? {} : { file: opts.file }),
    ...(pos === undefined ? {} : { line: pos.line, column: pos.column }),
    path,
  };
}
