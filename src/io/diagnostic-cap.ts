/**
 * At most N findings of one code, then one line with the count (issue 20: a mapping CSV of
 * 1,000,000 unknown users printed 1,000,000 warnings and took 1.6 GB). Applied where findings
 * are collected (the mapper's context, the importers), so the rest is never built; renderers
 * cap what they show on their own (cli/render-diagnostics.ts).
 */
import type { Diagnostic } from '../model/index.js';

/**
 * Findings of one code kept per run (or per export, per file) before the rest is only counted:
 * enough for the report to show every real case (50,000 users rarely share a problem 100 times),
 * few enough that a generated file cannot fill the memory with them.
 */
export const MAX_PER_CODE = 100;

/** Codes never capped: each open decision is a line the consultant must edit. */
export const NEVER_CAPPED: ReadonlySet<string> = new Set(['PROJECT_OPEN_DECISION']);

const count = (n: number): string => n.toLocaleString('en-US');

/** `… and 999,980 more MAP_MAPPING_UNKNOWN_USER like these (the first 20 are listed)`. */
function summaryMessage(code: string, more: number, kept: number): string {
  return `… and ${count(more)} more ${code} like ${kept === 1 ? 'this' : 'these'} (the first ${kept} are listed)`;
}

/**
 * Admits findings into a list, at most `perCode` of each code; from the next one on, one summary
 * finding (same code and severity, `params.more`) stands for all the rest and is counted up.
 */
export class DiagnosticCap {
  private readonly seen = new Map<string, { n: number; summary?: Diagnostic }>();

  constructor(
    readonly perCode = MAX_PER_CODE,
    readonly exempt: ReadonlySet<string> = NEVER_CAPPED,
  ) {}

  /** Pushes `d` onto `list`, or counts it into its code's summary line. */
  push(list: Diagnostic[], d: Diagnostic): void {
    if (this.exempt.has(d.code)) {
      list.push(d);
      return;
    }
    const key = `${d.code}\u0000${d.severity}`;
    const entry = this.seen.get(key) ?? { n: 0 };
    this.seen.set(key, entry);
    entry.n++;
    if (entry.n <= this.perCode) {
      list.push(d);
      return;
    }
    const more = entry.n - this.perCode;
    if (entry.summary === undefined) {
      entry.summary = {
        code: d.code,
        severity: d.severity,
        message: summaryMessage(d.code, more, this.perCode),
        ...(d.source === undefined ? {} : { source: d.source }),
        ...(d.file === undefined ? {} : { file: d.file }),
        params: { code: d.code, more, listed: this.perCode },
      };
      list.push(entry.summary);
    } else {
      entry.summary.message = summaryMessage(d.code, more, this.perCode);
      entry.summary.params = { code: d.code, more, listed: this.perCode };
    }
  }

  /**
   * As `n` pushes of `d`, without building `n` findings: for rows a reader counted but did not
   * keep (issue 20: a mapping's 999,900 unknown users beyond its sample).
   */
  pushCounted(list: Diagnostic[], d: Diagnostic, n: number): void {
    let left = n;
    while (left > 0 && (this.exempt.has(d.code) || (this.seen.get(`${d.code}\u0000${d.severity}`)?.n ?? 0) < this.perCode)) {
      this.push(list, d);
      left--;
    }
    if (left <= 0) return;
    this.push(list, d); // makes (or updates) the summary line
    const entry = this.seen.get(`${d.code}\u0000${d.severity}`);
    if (entry?.summary === undefined || left === 1) return;
    entry.n += left - 1;
    const more = entry.n - this.perCode;
    entry.summary.message = summaryMessage(d.code, more, this.perCode);
    entry.summary.params = { code: d.code, more, listed: this.perCode };
  }

  /** How many findings of `code` were offered (listed and counted). */
  offered(code: string): number {
    let n = 0;
    for (const [key, entry] of this.seen) if (key.startsWith(`${code}\u0000`)) n += entry.n;
    return n;
  }
}

/** The list with at most `perCode` findings of each code and one summary line per capped code (order kept). */
export function capDiagnostics<D extends Diagnostic>(diagnostics: readonly D[], perCode = MAX_PER_CODE): D[] {
  const cap = new DiagnosticCap(perCode);
  const out: Diagnostic[] = [];
  for (const d of diagnostics) cap.push(out, d);
  return out as D[];
}

/** The summary line a cap made (`… and 999,980 more …`): how many it stands for, else undefined. */
export function cappedCount(d: Diagnostic): number | undefined {
  const more = d.params?.['more'];
  return typeof more === 'number' && typeof d.params?.['listed'] === 'number' && d.params?.['code'] === d.code ? more : undefined;
}
