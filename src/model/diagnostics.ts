/**
 * Diagnostics are data: every stage collects them (never throws them one by one) and only
 * `src/cli/` renders them to text. One shape for importers, mappers and writers.
 */

export type Severity = 'error' | 'warning' | 'info';

/** Where a value came from: the export (source server), the file inside it, line/column, an XPath-ish path. */
export interface SourcePosition {
  /** The export's source server (manifest `server`), or the input path when the manifest is unreadable. */
  source?: string;
  /** Path of the file: inside the export for export files (`config/lines.xml`), or on disk for project files. */
  file?: string;
  /** 1-based line. */
  line?: number;
  /** 1-based column. */
  column?: number;
  /** XPath-ish (`/Users/User[12]/@u8sSIPURI`) or project path (`servers[2].maxUsers`). */
  path?: string;
}

export interface Diagnostic<Code extends string = string> extends SourcePosition {
  /** Stable machine-readable code, e.g. `IMPORT_XML_MALFORMED`. Never changes once released. */
  code: Code;
  severity: Severity;
  /** One plain sentence saying what is wrong. Never contains a secret value. */
  message: string;
  /** What to do about it. */
  hint?: string;
  /** A warning the project's `accept:` acknowledges: shown with the reason, not counted by `--strict`. */
  accepted?: { reason: string };
}

/** Builds a diagnostic; a tiny helper so call sites stay one line. */
export function diag<Code extends string>(
  code: Code,
  severity: Severity,
  message: string,
  where: SourcePosition & { hint?: string } = {},
): Diagnostic<Code> {
  const d: Diagnostic<Code> = { code, severity, message };
  if (where.source !== undefined) d.source = where.source;
  if (where.file !== undefined) d.file = where.file;
  if (where.line !== undefined) d.line = where.line;
  if (where.column !== undefined) d.column = where.column;
  if (where.path !== undefined) d.path = where.path;
  if (where.hint !== undefined) d.hint = where.hint;
  return d;
}

/** Errors block; with `strict`, warnings too, unless the project accepted them. */
export function hasErrors(diagnostics: readonly Diagnostic[], strict = false): boolean {
  return diagnostics.some((d) => d.severity === 'error' || (strict && d.severity === 'warning' && d.accepted === undefined));
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Code-point order: the same on every machine (localeCompare follows the locale). */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Output order: severity, then source, file, line, column, code, and path and message so the
 * order is total — it never depends on the order the rules ran in.
 */
export function sortDiagnostics<D extends Diagnostic>(diagnostics: readonly D[]): D[] {
  return [...diagnostics].sort(
    (a, b) =>
      severityRank[a.severity] - severityRank[b.severity] ||
      cmp(a.source ?? '', b.source ?? '') ||
      cmp(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      cmp(a.code, b.code) ||
      cmp(a.path ?? '', b.path ?? '') ||
      cmp(a.message, b.message),
  );
}
