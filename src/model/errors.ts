/**
 * Errors that cross a stage boundary carry a code and an exit code; `src/cli/` turns any error
 * into text or `{status:"error", code}`. Anything not a MigrateError is "a bug".
 */

/** The contract's exit codes (migration-project.md). */
export const ExitCode = {
  ok: 0,
  error: 1,
  changesPresent: 2,
  refused: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class MigrateError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly exitCode: ExitCode;
  readonly meta: Record<string, unknown>;
  constructor(
    code: string,
    message: string,
    options: { hint?: string; exitCode?: ExitCode; meta?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MigrateError';
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? ExitCode.error;
    this.meta = options.meta ?? {};
  }
}
