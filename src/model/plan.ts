/**
 * The plan: typed row changes from desired vs actual (contract: migration-project.md, "A plan").
 * In memory rows keep their Sensitive/LicenseKey wrappers, so `JSON.stringify(plan)` already
 * shows `(sensitive)` and masked licence keys; the SQL writer alone calls `reveal()`.
 */
import type { Diagnostic } from './diagnostics.js';
import type { TableName } from './datacenter.js';

/**
 * 2: the plan digest covers the project's and sources' paths as the saved plan writes them
 * (issue 20). Version-1 files are still read (`READ_PLAN_FORMAT_VERSIONS`).
 */
export const PLAN_FORMAT_VERSION = 2;

/** The plan file versions this tool reads: the current one and version 1 (digest without paths). */
export const READ_PLAN_FORMAT_VERSIONS: readonly number[] = [1, PLAN_FORMAT_VERSION];

/**
 * `kept` (ledger.md §2): an admin edit in DataCenter since the last run that the plan does not
 * overwrite. It is shown and counted, never written: only create/update/delete are changes to apply.
 */
export type ChangeAction = 'create' | 'update' | 'delete' | 'kept';

/** One kept column: what the last run wrote, what DataCenter holds now, what the sources want now. */
export interface KeptValue {
  base: unknown;
  actual: unknown;
  desired: unknown;
  /** Kept because the project's `decisions:` said `keep: datacenter`. */
  decided?: true;
}

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
  /** For `kept`: per kept column, the three values (ledger.md §2). */
  kept?: Record<string, KeptValue>;
  /**
   * The row was deleted in DataCenter since the last run: on `kept`, it is not re-created; on a
   * `create`, it is re-created over that delete (`--overwrite-admin-edits` or `keep: source`).
   */
  deletedInDataCenter?: true;
  /** For `kept`, and for an update or create that overwrites an admin edit: the run that wrote the base. */
  baseRun?: string;
  /** For an update (or re-create) that overwrites admin edits (`--overwrite-admin-edits` or a decision): those columns. */
  overwritesAdminEdit?: string[];
}

export interface PlanSource {
  /** The manifest's server. */
  server: string;
  /** Input path as given in the project file. */
  path: string;
  files: { path: string; sha256: string }[];
}

/** How many rows one table (or one server) gets created, updated, deleted (and admin edits kept, when any). */
export interface ActionCounts {
  create: number;
  update: number;
  delete: number;
  /** Admin edits kept (ledger.md §2); present only when there are any. */
  kept?: number;
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
  /** Planned with `--overwrite-admin-edits` (ledger.md §2); absent otherwise. */
  overwriteAdminEdits?: true;
  diagnostics: Diagnostic[];
  /** Per qualified table (`dc.UserAccount`): counts per action. */
  summary: PlanSummary;
  changes: RowChange[];
}
