/**
 * Diagnostic and error codes of the planner stage (documented in docs/plan-format.md).
 * Codes never change once released.
 */
export const PLAN_CODES = {
  /** An update would change a row another wave (another source server) owns; not planned. */
  PLAN_ORIGIN_CONFLICT: 'a row owned by another wave would change; the update is not planned',
  /** Two desired rows share one key (keys compare case-insensitively); the later one is ignored. */
  PLAN_DUPLICATE_KEY: 'two desired rows have the same key',
  /** Rows of this run's sources are gone from the exports but stay, because --prune was not given. */
  PLAN_PRUNE_SKIPPED: 'rows no longer in the exports are kept (no --prune)',
  /** The plan file cannot be read or is not JSON. */
  PLAN_FILE_UNREADABLE: 'the plan file cannot be read',
  /** The plan file does not have the plan format. */
  PLAN_FILE_INVALID: 'the plan file is not a valid plan',
  /** The plan file was written by an unsupported format version. */
  PLAN_FILE_VERSION: 'the plan file has an unsupported formatVersion',
  /** The plan file's content does not match its own planDigest (edited by hand). */
  PLAN_FILE_TAMPERED: 'the plan file was changed after it was written',
  /** The target database changed since the plan was made. */
  PLAN_STALE_TARGET: 'the target changed since the plan was made',
  /** A source export changed since the plan was made. */
  PLAN_SOURCES_CHANGED: 'a source export changed since the plan was made',
  /** The project file changed since the plan was made. */
  PLAN_PROJECT_CHANGED: 'the project file changed since the plan was made',
  /** Re-deriving the plan gave different changes (tool version, mapping rules). */
  PLAN_DIFFERS: 'the re-derived plan differs from the saved one',
} as const;

export type PlanCode = keyof typeof PLAN_CODES;
