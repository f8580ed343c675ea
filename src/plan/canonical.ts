/**
 * The plan's JSON form and canonical JSON: the one conversion every output and digest reads,
 * so the preview, the saved file and the digest can never disagree.
 */
import path from 'node:path';
import { qualified } from '../model/index.js';
import type { Plan, RowChange } from '../model/index.js';
import type { ChangeJson, PlanJson } from './plan-schema.js';
import { summarizeByServer } from './summary.js';

type Cell = string | number | boolean | null;

/** A cell as JSON: secrets and licence keys through their own masked `toJSON`. */
export function jsonCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return jsonCell(withToJson.toJSON());
  return String(value);
}

function jsonRow(row: Record<string, unknown>): Record<string, Cell> {
  // Object.keys + index: no [key, value] pair per cell (this runs for every cell of a large plan).
  const out: Record<string, Cell> = {};
  const keys = Object.keys(row);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    const v = row[k];
    out[k] = v === null || v === undefined ? null : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : jsonCell(v);
  }
  return out;
}

/**
 * Any value as JSON data, for the fields of a change this file does not know by name
 * (provenance, kept values, …): arrays and plain objects field by field, secrets and licence
 * keys through their masked `toJSON`, `undefined` fields left out.
 */
export function jsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(jsonValue);
  if (typeof value !== 'object') return jsonCell(value);
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return jsonValue(withToJson.toJSON());
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = jsonValue(v);
  return out;
}

/** The fields of a RowChange written in this order; any other field follows, converted generically. */
const KNOWN_FIELDS: ReadonlySet<string> = new Set(['table', 'key', 'action', 'server', 'after', 'before', 'changes']);

export function changeToJson(change: RowChange): ChangeJson {
  const out: ChangeJson = { table: qualified(change.table), key: jsonRow(change.key), action: change.action };
  if (change.server !== undefined) out.server = change.server;
  if (change.after) out.after = jsonRow(change.after);
  if (change.before) out.before = jsonRow(change.before);
  if (change.changes) {
    const changes: NonNullable<ChangeJson['changes']> = {};
    const cols = Object.keys(change.changes);
    for (let i = 0; i < cols.length; i++) {
      const col = cols[i] as string;
      const { from, to } = change.changes[col] as { from: unknown; to: unknown };
      changes[col] = { from: jsonCell(from), to: jsonCell(to) };
    }
    out.changes = changes;
  }
  const fields = Object.keys(change);
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as string;
    const value = (change as unknown as Record<string, unknown>)[field];
    if (!KNOWN_FIELDS.has(field) && value !== undefined) (out as Record<string, unknown>)[field] = jsonValue(value);
  }
  return out;
}

export interface PlanJsonOptions {
  /**
   * The folder the plan file is saved in: the project and source paths are written relative to
   * it (with `/`), so a folder holding project, exports and plan can be copied and applied
   * elsewhere. On stdout the working directory (`plan --json > plan.json`). Absent: paths as they are.
   */
  relativeTo?: string;
}

/** `p` relative to `dir`, with `/` separators (the plan may be applied on another OS). */
export function relativePath(dir: string, p: string): string {
  return (path.relative(dir, p) || '.').split(path.sep).join('/');
}

/**
 * A path as a plan saved in `relativeTo` writes it (see {@link PlanJsonOptions}); the digest
 * covers this form, so it is the same whether computed before writing or from the file read back.
 */
export function placePath(p: string, relativeTo: string | undefined): string {
  return relativeTo === undefined || !path.isAbsolute(p) ? p : relativePath(relativeTo, p);
}

/** The saved form of a plan, given its digest (see digest.ts). */
export function planToJson(
  plan: Plan,
  planDigest: string,
  changes: ChangeJson[] = plan.changes.map(changeToJson),
  opts: PlanJsonOptions = {},
): PlanJson {
  const place = (p: string) => placePath(p, opts.relativeTo);
  return {
    formatVersion: plan.formatVersion,
    toolVersion: plan.toolVersion,
    planDigest,
    project: { ...plan.project, path: place(plan.project.path) },
    sources: plan.sources.map((s) => ({ ...s, path: place(s.path) })),
    targetFingerprint: plan.targetFingerprint,
    prune: plan.prune,
    ...(plan.overwriteAdminEdits ? { overwriteAdminEdits: true } : {}),
    diagnostics: plan.diagnostics.map((d) => ({ ...d })),
    summary: plan.summary,
    serverSummary: summarizeByServer(plan.changes),
    changes,
  };
}

/** JSON with object keys sorted at every level and no whitespace: equal data, equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * The text {@link canonicalJson} gives, built as one string with as few intermediate arrays as
 * possible (it runs for every change of a plan's digest). `skipKey` leaves out that key of the
 * top-level object only (the digest leaves out a change's provenance). Keys are sorted by UTF-16
 * code units, as canonicalJson's comparison does; a test checks both agree.
 */
export function canonicalText(value: unknown, skipKey?: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i > 0 ? ',' : '') + canonicalText(value[i]);
    return `${text}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let text = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    const v = obj[k];
    if (v === undefined || k === skipKey) continue;
    text += `${first ? '' : ','}${JSON.stringify(k)}:${canonicalText(v)}`;
    first = false;
  }
  return `${text}}`;
}

/**
 * A list produced one element at a time (e.g. the plan's changes converted to JSON as they are
 * hashed): {@link feedCanonical} treats it as an array without ever holding it whole.
 */
export class LazyList<T = unknown> {
  constructor(readonly items: Iterable<T>) {}
}

/**
 * A list whose canonical text its owner pushes itself, brackets and commas included (the plan's
 * changes, one text per change): no object and no generator step per element.
 */
export class CanonicalFeed {
  constructor(readonly feed: (push: (piece: string) => void) => void) {}
}

/** Canonical text rendered already (by {@link canonicalText}): {@link feedCanonical} pushes it as it is. */
export class CanonicalPiece {
  constructor(readonly text: string) {}
}

/**
 * The text {@link canonicalJson} gives, fed piece by piece to `push` in the same order, so a
 * digest of a large plan needs no string of the whole plan. The two must agree byte for byte
 * (a test checks it for every sample).
 */
export function feedCanonical(value: unknown, push: (piece: string) => void): void {
  if (value instanceof CanonicalPiece) return push(value.text);
  if (value instanceof CanonicalFeed) return value.feed(push);
  if (value instanceof LazyList) {
    push('[');
    let first = true;
    for (const item of value.items as Iterable<unknown>) {
      if (!first) push(',');
      first = false;
      feedCanonical(item, push);
    }
    push(']');
    return;
  }
  if (value === null || typeof value !== 'object') return push(JSON.stringify(value ?? null));
  if (Array.isArray(value)) {
    push('[');
    value.forEach((item: unknown, i) => {
      if (i > 0) push(',');
      feedCanonical(item, push);
    });
    push(']');
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  push('{');
  entries.forEach(([k, v], i) => {
    push(`${i > 0 ? ',' : ''}${JSON.stringify(k)}:`);
    feedCanonical(v, push);
  });
  push('}');
}
