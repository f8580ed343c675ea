/**
 * Diagnostics are data: every stage collects them (never throws them one by one) and only
 * `src/cli/` renders them to text. One shape for importers, mappers and writers.
 */

import { z } from 'zod';
import { cmp } from './order.js';

export const severitySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof severitySchema>;

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

/** A value a message is made of: rendered by a catalog, never parsed back out of `message`. */
export const paramValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);
export type ParamValue = z.infer<typeof paramValueSchema>;

/**
 * One way the project settles a finding (docs/decide.md): `path` addresses the project file
 * (`servers[1].lineGroups`, `settings.global["mail.smtpPort"]`, `overrides[]` appends to a list),
 * `value` is the JSON value to put there, `yaml` the same edit as a snippet to paste.
 */
export const decideOptionSchema = z.object({
  label: z.string(),
  path: z.string(),
  value: z.unknown(),
  yaml: z.string(),
});
export type DecideOption = z.infer<typeof decideOptionSchema>;

/**
 * The one definition of a finding: the TypeScript type and the saved plan's schema are this.
 * A field added here reaches saved plans; a field missing here is refused by the type checker.
 */
export const diagnosticSchema = z.object({
  /** Stable machine-readable code, e.g. `IMPORT_XML_MALFORMED`. Never changes once released. */
  code: z.string(),
  severity: severitySchema,
  /** One plain English sentence saying what is wrong (the consultant's log). Never contains a secret value. */
  message: z.string(),
  /** What to do about it. */
  hint: z.string().optional(),
  source: z.string().optional(),
  file: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  path: z.string().optional(),
  /** The entity it is about: `dc.UserAccount:jdoe`, `location:Munich`, or a project path. */
  subject: z.string().optional(),
  /** The values its message is made of; catalogs render any language from `code` + `params`. */
  params: z.record(z.string(), paramValueSchema).optional(),
  /** How the project settles it, first option first. */
  decide: z.array(decideOptionSchema).optional(),
  /** A warning the project's `accept:` acknowledges: shown with the reason, not counted by `--strict`. */
  accepted: z.object({ reason: z.string() }).optional(),
});

export type Diagnostic<Code extends string = string> = Omit<z.infer<typeof diagnosticSchema>, 'code'> & { code: Code };

/** Builds a diagnostic; a tiny helper so call sites stay one line. */
export function diag<Code extends string>(
  code: Code,
  severity: Severity,
  message: string,
  where: SourcePosition & { hint?: string; subject?: string; params?: Diagnostic['params']; decide?: DecideOption[] } = {},
): Diagnostic<Code> {
  const d: Diagnostic<Code> = { code, severity, message };
  if (where.source !== undefined) d.source = where.source;
  if (where.file !== undefined) d.file = where.file;
  if (where.line !== undefined) d.line = where.line;
  if (where.column !== undefined) d.column = where.column;
  if (where.path !== undefined) d.path = where.path;
  if (where.hint !== undefined) d.hint = where.hint;
  if (where.subject !== undefined) d.subject = where.subject;
  if (where.params !== undefined) d.params = where.params;
  if (where.decide !== undefined && where.decide.length > 0) d.decide = where.decide;
  return d;
}

/** Errors block; with `strict`, warnings too, unless the project accepted them. */
export function hasErrors(diagnostics: readonly Diagnostic[], strict = false): boolean {
  return diagnostics.some((d) => d.severity === 'error' || (strict && d.severity === 'warning' && d.accepted === undefined));
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };


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
