/**
 * Error codes of the database writer (documented in docs/database.md and docs/diagnostics.md).
 * Codes never change once released.
 */
export const DB_CODES = {
  /** The connection string / MSSQL_URL cannot be parsed. */
  DB_URL_INVALID: 'the database URL or connection string cannot be read',
  /** sql/ntlm authentication without a password (passwordEnv unset and nothing prompted). */
  DB_PASSWORD_MISSING: 'the password for the target database is not set',
  /** `authentication: default` (Windows integrated) is not available with the tedious driver. */
  DB_AUTH_UNSUPPORTED: 'the authentication method is not supported on this platform',
  /** The server cannot be reached (network, TLS, timeout). */
  DB_CONNECT_FAILED: 'the database server cannot be reached',
  /** The server refused the login. */
  DB_LOGIN_FAILED: 'the database server refused the login',
  /** A read or a statement outside of apply failed. */
  DB_QUERY_FAILED: 'a database statement failed',
  /** The database was seeded by a newer tool (its SchemaVersion is higher than this tool's). */
  DB_SCHEMA_NEWER: 'the database schema is newer than this tool',
  /** `target.collation` names a collation the server does not offer (the message names ones it does). */
  DB_COLLATION_MISSING: 'the server does not offer the collation of target.collation',
  /** Another run holds the migration lock. */
  DB_LOCKED: 'another procall-migrate run is writing to this database',
  /** sp_getapplock failed for another reason (deadlock victim, cancelled, bad call). */
  DB_LOCK_FAILED: 'the migration lock could not be taken',
  /** A row the plan expected to exist (or not to exist) did not: the target changed since the plan. */
  DB_PLAN_STALE: 'the target changed since the plan was made',
  /** A secret arrived as its `(sensitive)` placeholder (e.g. a plan read back from JSON). */
  DB_SECRET_UNAVAILABLE: 'a secret value is not available to write',
  /** The connection broke in the COMMIT's own round trip: the run applied completely or not at all, unknown which; `runs` and the next run tell. */
  DB_OUTCOME_UNKNOWN: 'the connection broke while committing; the outcome is unknown until the next run',
  /** Applying the plan failed; everything was rolled back. */
  DB_APPLY_FAILED: 'applying the plan failed and was rolled back',
  /** `undo`: the target has no run with that id. */
  DB_RUN_NOT_FOUND: 'the target has no run with that id',
  /** `undo`: the run failed, was already undone, or recorded nothing in the ledger (exit 3). */
  DB_RUN_NOT_UNDOABLE: 'the run cannot be undone (failed, already undone, or not in the ledger)',
} as const;

export type DbCode = keyof typeof DB_CODES;
