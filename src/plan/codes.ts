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
  /** A saved plan holds errors (or unaccepted warnings with --strict): it cannot be signed off. */
  PLAN_FILE_REFUSED: 'the saved plan holds errors and cannot be signed off',
  /** The target database changed since the plan was made. */
  PLAN_STALE_TARGET: 'the target changed since the plan was made',
  /** A source export changed since the plan was made. */
  PLAN_SOURCES_CHANGED: 'a source export changed since the plan was made',
  /** The project file changed since the plan was made. */
  PLAN_PROJECT_CHANGED: 'the project file changed since the plan was made',
  /** Re-deriving the plan gave different changes (tool version, mapping rules). */
  PLAN_DIFFERS: 'the re-derived plan differs from the saved one',
  /** A column changed in DataCenter since the last run and in the sources, to different values (ledger.md §2). */
  PLAN_ADMIN_EDIT_CONFLICT: 'a column was changed both in DataCenter and in the sources since the last run',
  /** Rows without a base in the migration ledger are planned two-way (said once per table). */
  PLAN_NO_BASE: 'rows without a ledger entry are planned two-way',
  /** A project `decisions:` entry matched no kept edit or conflict. */
  PLAN_DECISION_UNUSED: 'a decision in the project matches nothing in the plan',
  /** A new row (or a reference update) points at a row kept deleted in DataCenter (or withheld itself); not planned. */
  PLAN_PARENT_DELETED: 'a row is not created because the row it references was deleted in DataCenter and stays deleted',
  /** Undo: a row the run wrote was changed since (by a later run or an admin); the undo is refused. */
  PLAN_UNDO_ROW_CHANGED: 'a row the run wrote was changed since; the undo is refused',
  /** Undo with --force: a row changed since the run is restored anyway. */
  PLAN_UNDO_FORCED: 'a row changed since the run is restored anyway (--force)',
  /** Undo: the ledger holds only a hash of a secret the run changed; it is left as it is. */
  PLAN_UNDO_SECRET_NOT_RESTORED: 'a secret the run changed cannot be restored and is left as it is',
} as const;

export type PlanCode = keyof typeof PLAN_CODES;
