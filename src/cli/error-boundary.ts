/**
 * The one error boundary: every error a command throws ends here and becomes one plain line
 * (plus a hint) or `{status:"error", code, message}` with `--json`, and an exit code.
 * Anything that is not a MigrateError, a usage error or a file-system error is a bug and says so.
 */
import { CommanderError } from 'commander';
import { ExitCode, MigrateError } from '../model/index.js';
import type { CliIO } from './io.js';

export interface BoundaryOptions {
  json: boolean;
  debug: boolean;
}

interface ErrorView {
  code: string;
  message: string;
  hint?: string;
  exitCode: number;
}

const FS_CODES: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  EEXIST: 'already exists',
  ENOSPC: 'no space left on device',
};

function viewOf(error: unknown): ErrorView | undefined {
  if (error instanceof MigrateError) {
    const view: ErrorView = { code: error.code, message: error.message, exitCode: error.exitCode };
    if (error.hint !== undefined) view.hint = error.hint;
    return view;
  }
  if (error instanceof CommanderError) {
    return {
      code: 'CLI_USAGE',
      message: error.message.replace(/^error:\s*/i, '').split('\n')[0] ?? error.message,
      hint: 'run with --help to see the options and an example',
      exitCode: ExitCode.error,
    };
  }
  const errno = error as NodeJS.ErrnoException | undefined;
  if (errno && typeof errno.code === 'string' && FS_CODES[errno.code] && typeof errno.path === 'string') {
    return { code: 'CLI_FILE', message: `${errno.path}: ${FS_CODES[errno.code]}`, exitCode: ExitCode.error };
  }
  return undefined;
}

/** Writes the error and returns the exit code. Never throws. */
export function reportError(error: unknown, io: CliIO, options: BoundaryOptions): number {
  const view = viewOf(error);
  if (view) {
    if (options.json) {
      const out: Record<string, unknown> = { status: 'error', code: view.code, message: view.message };
      if (view.hint !== undefined) out.hint = view.hint;
      io.stdout.write(`${JSON.stringify(out)}\n`);
    } else {
      io.stderr.write(`error: ${view.message}\n`);
      if (view.hint) io.stderr.write(`hint: ${view.hint}\n`);
    }
    if (options.debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return view.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  const text = `this is a bug in procall-migrate: ${message.split('\n')[0]}`;
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ status: 'error', code: 'BUG', message: text })}\n`);
  } else {
    io.stderr.write(`error: ${text}\n`);
    io.stderr.write(
      options.debug && error instanceof Error && error.stack
        ? `${error.stack}\n`
        : 'hint: please report it with the command you ran; --debug shows the stack trace\n',
    );
  }
  return ExitCode.error;
}
