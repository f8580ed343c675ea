/**
 * The plan's JSON form and canonical JSON: the one conversion every output and digest reads,
 * so the preview, the saved file and the digest can never disagree.
 */
import path from 'node:path';
import { qualified } from '../../model/dc-schema.js';
import type { Plan, RowChange } from '../../model/plan.js';
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
  const out: Record<string, Cell> = {};
  for (const [k, v] of Object.entries(row)) out[k] = jsonCell(v);
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
    out.changes = {};
    for (const [col, { from, to }] of Object.entries(change.changes)) out.changes[col] = { from: jsonCell(from), to: jsonCell(to) };
  }
  for (const [field, value] of Object.entries(change)) {
    if (!KNOWN_FIELDS.has(field) && value !== undefined) (out as Record<string, unknown>)[field] = jsonValue(value);
  }
  return out;
}

export interface PlanJsonOptions {
  /**
   * The folder the plan file is saved in: the project and source paths are written relative to
   * it (with `/`), so a folder holding project, exports and plan can be copied and applied
   * elsewhere. Absent: absolute paths (a plan printed to stdout).
   */
  relativeTo?: string;
}

/** `p` relative to `dir`, with `/` separators (the plan may be applied on another OS). */
export function relativePath(dir: string, p: string): string {
  return (path.relative(dir, p) || '.').split(path.sep).join('/');
}

/** The saved form of a plan, given its digest (see digest.ts). */
export function planToJson(
  plan: Plan,
  planDigest: string,
  changes: ChangeJson[] = plan.changes.map(changeToJson),
  opts: PlanJsonOptions = {},
): PlanJson {
  const place = (p: string) => (opts.relativeTo === undefined || !path.isAbsolute(p) ? p : relativePath(opts.relativeTo, p));
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
 * A list produced one element at a time (e.g. the plan's changes converted to JSON as they are
 * hashed): {@link feedCanonical} treats it as an array without ever holding it whole.
 */
export class LazyList<T = unknown> {
  constructor(readonly items: Iterable<T>) {}
}

/**
 * The text {@link canonicalJson} gives, fed piece by piece to `push` in the same order, so a
 * digest of a large plan needs no string of the whole plan. The two must agree byte for byte
 * (a test checks it for every sample).
 */
export function feedCanonical(value: unknown, push: (piece: string) => void): void {
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
