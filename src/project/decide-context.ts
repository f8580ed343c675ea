/**
 * What the decide registry knows besides the finding: the loaded project (when it loaded), the
 * imported exports, and the project file as a YAML document (its current values and comments).
 */
import { isTodoValue, type Project } from './schema.js';
import type { EnterpriseExport } from '../model/index.js';
import { parseDocument, type Document } from 'yaml';
import { parseDecidePath, type PathStep } from './decide-path.js';

export interface DecideContext {
  project?: Project;
  exports: readonly EnterpriseExport[];
  doc?: Document;
}

/** The project file's text as a document, or undefined when it is no YAML. */
export function projectDocument(text: string | undefined): Document | undefined {
  if (text === undefined) return undefined;
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { uniqueKeys: false });
  return doc.errors.length > 0 ? undefined : doc;
}

type KeyStep = Exclude<PathStep, { append: true }>;
const keySteps = (path: string): KeyStep[] | undefined => {
  const steps = parseDecidePath(path);
  return steps === undefined || steps.some((s) => typeof s === 'object') ? undefined : (steps as KeyStep[]);
};

/** The plain value at `path` in the project file (collections as plain JSON). */
export function valueAt(ctx: DecideContext, path: string): unknown {
  const steps = keySteps(path);
  if (ctx.doc === undefined || steps === undefined) return undefined;
  const v = ctx.doc.getIn(steps) as unknown;
  return v !== null && typeof v === 'object' && 'toJSON' in v ? (v as { toJSON: () => unknown }).toJSON() : v;
}

/** The trailing comment on the value at `path` (`# e.g. 25`), without `#`. */
export function commentAt(ctx: DecideContext, path: string): string | undefined {
  const steps = keySteps(path);
  if (ctx.doc === undefined || steps === undefined) return undefined;
  const n = ctx.doc.getIn(steps, true) as { comment?: string | null } | undefined;
  return typeof n?.comment === 'string' ? n.comment.trim() : undefined;
}

/** The project's servers as written (`servers:` of the file; the loaded project's when the file is not at hand). */
export function writtenServers(ctx: DecideContext): Record<string, unknown>[] {
  const v = valueAt(ctx, 'servers');
  if (Array.isArray(v)) return v.filter((s): s is Record<string, unknown> => s !== null && typeof s === 'object');
  return (ctx.project?.servers ?? []).map((s) => ({ ...s }));
}

export { isTodoValue };
