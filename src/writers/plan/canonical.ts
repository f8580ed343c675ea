/**
 * The plan's JSON form and canonical JSON: the one conversion every output and digest reads,
 * so the preview, the saved file and the digest can never disagree.
 */
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

export function changeToJson(change: RowChange): ChangeJson {
  const out: ChangeJson = { table: qualified(change.table), key: jsonRow(change.key), action: change.action };
  if (change.server !== undefined) out.server = change.server;
  if (change.after) out.after = jsonRow(change.after);
  if (change.before) out.before = jsonRow(change.before);
  if (change.changes) {
    out.changes = {};
    for (const [col, { from, to }] of Object.entries(change.changes)) out.changes[col] = { from: jsonCell(from), to: jsonCell(to) };
  }
  return out;
}

/** The saved form of a plan, given its digest (see digest.ts). */
export function planToJson(plan: Plan, planDigest: string, changes: ChangeJson[] = plan.changes.map(changeToJson)): PlanJson {
  return {
    formatVersion: plan.formatVersion,
    toolVersion: plan.toolVersion,
    planDigest,
    project: plan.project,
    sources: plan.sources,
    targetFingerprint: plan.targetFingerprint,
    prune: plan.prune,
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
