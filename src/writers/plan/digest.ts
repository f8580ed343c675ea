/**
 * Digests: of a plan (what was signed off), of its inputs, and of a target's state (to detect a
 * stale plan). sha256, lowercase hex, over canonical JSON.
 */
import { createHash } from 'node:crypto';
import type { DataCenterModel } from '../../model/datacenter.js';
import { TABLES, type ColumnKind } from '../../model/dc-schema.js';
import type { Plan, PlanSource } from '../../model/plan.js';
import { LicenseKey, Sensitive } from '../../model/sensitive.js';
import { canonicalJson, changeToJson } from './canonical.js';
import type { ChangeJson } from './plan-schema.js';
import { compareKeyParts, keyColumns, keyedRow } from './values.js';

/** The fingerprint of a target with no rows (a new or bootstrapped-only database, or no target). */
export const EMPTY_FINGERPRINT = 'empty';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** What a plan digest covers: its changes in JSON form and what they were computed from. */
export interface DigestInput {
  formatVersion: number;
  project: { sha256: string };
  sources: readonly PlanSource[];
  targetFingerprint: string;
  changes: readonly ChangeJson[];
}

/**
 * Digest over the masked JSON form, so the same value comes from a Plan in memory and from its
 * saved file (which holds no secrets). Secret changes are covered by the source digests.
 */
export function digestOf(p: DigestInput): string {
  return sha256(
    canonicalJson({
      formatVersion: p.formatVersion,
      project: p.project.sha256,
      sources: p.sources,
      targetFingerprint: p.targetFingerprint,
      changes: p.changes,
    }),
  );
}

/** sha256 of the plan's canonical JSON (changes, sources, project, target fingerprint). */
export function planDigest(plan: Plan): string {
  return digestOf({ ...plan, changes: plan.changes.map(changeToJson) });
}

/** sha256 of the run's inputs (project file and every source file digest), for `MigrationRun.SourceDigest`. */
export function sourceDigest(plan: Pick<Plan, 'project' | 'sources'>): string {
  return sha256(canonicalJson({ project: plan.project.sha256, sources: plan.sources }));
}

/**
 * Fingerprint of a database state: sha256 over every table's rows, sorted by key, all columns.
 * It hashes revealed secrets (a digest does not disclose them) so that a changed password makes
 * a saved plan stale. A model without rows gives {@link EMPTY_FINGERPRINT}.
 */
export function fingerprintModel(actual: DataCenterModel): string {
  if (TABLES.every((def) => actual[def.name].length === 0)) return EMPTY_FINGERPRINT;
  const hash = createHash('sha256');
  for (const def of TABLES) {
    const keyCols = keyColumns(def);
    const rows = actual[def.name]
      .map((row) => keyedRow(def, keyCols, row))
      .sort((a, b) => compareKeyParts(a.parts, b.parts));
    hash.update(`${def.name}:${rows.length}\n`);
    for (const row of rows) {
      hash.update(JSON.stringify(def.columns.map((col) => fingerprintCell(col.kind, row.cells[col.name]))));
      hash.update('\n');
    }
  }
  return hash.digest('hex');
}

function fingerprintCell(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Sensitive || value instanceof LicenseKey) return value.reveal();
  if (kind === 'int' || kind === 'bigint') return Number(value);
  if (kind === 'bit') return Boolean(Number(value));
  return value;
}
