/**
 * The plan: typed row changes from desired vs actual (contract: migration-project.md, "A plan").
 * In memory rows keep their Sensitive/LicenseKey wrappers, so `JSON.stringify(plan)` already
 * shows `(sensitive)` and masked licence keys; the SQL writer alone calls `reveal()`.
 */
import type { Diagnostic } from './diagnostics.js';
import type { TableName } from './datacenter.js';

export const PLAN_FORMAT_VERSION = 1;

export type ChangeAction = 'create' | 'update' | 'delete';

export interface FieldChange {
  from: unknown;
  to: unknown;
}

/**
 * Where a planned row's values came from (ledger.md §1): a position in an export, a line of the
 * project file, or a rule of the mapper.
 */
export type Provenance =
  | { source: string; file: string; line: number; column: number }
  | { source: 'project'; file: string; line: number; column: number }
  | { source: 'rule'; rule: string; detail?: string };

export interface RowChange {
  /** Contract table name without schema (`UserAccount`); rendered as `dc.UserAccount`. */
  table: TableName;
  /** Key columns and their values. */
  key: Record<string, unknown>;
  action: ChangeAction;
  /** Whole new row, for create. */
  after?: Record<string, unknown>;
  /** Whole old row, for delete. */
  before?: Record<string, unknown>;
  /** Changed columns only, for update. */
  changes?: Record<string, FieldChange>;
  /** The server the row belongs to (home/management server, setting's server), for per-server summaries. */
  server?: string;
  /** Where the desired row's values came from (ledger.md §1); absent for a delete. */
  provenance?: Provenance[];
}

export interface PlanSource {
  /** The manifest's server. */
  server: string;
  /** Input path as given in the project file. */
  path: string;
  files: { path: string; sha256: string }[];
}

/** How many rows one table (or one server) gets created, updated, deleted. */
export interface ActionCounts {
  create: number;
  update: number;
  delete: number;
}

/** Keyed by qualified table name (`dc.UserAccount`), every table of the catalog, in catalog order. */
export type PlanSummary = Record<string, ActionCounts>;

export interface Plan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  toolVersion: string;
  /** Absolute path of the project file the plan was made from, and its sha256. */
  project: { path: string; sha256: string };
  sources: PlanSource[];
  /** Fingerprint of the target's state the plan was computed against (`empty` for no target). */
  targetFingerprint: string;
  /** Whether deletes were planned (`--prune`). */
  prune: boolean;
  diagnostics: Diagnostic[];
  /** Per qualified table (`dc.UserAccount`): counts per action. */
  summary: PlanSummary;
  changes: RowChange[];
}
