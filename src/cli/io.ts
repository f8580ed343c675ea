/**
 * What a command may touch of the outside world, passed in so tests call `run()` directly
 * (unjs/citty style): working directory, environment, output streams, terminal-ness, the
 * database seam and the interactive prompt.
 */
import type { Connect } from '../pipeline.js';

export interface TextSink {
  write(chunk: string): unknown;
}

export interface CliIO {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: TextSink;
  stderr: TextSink;
  /** True when a person sits at a terminal: progress is drawn, questions may be asked. */
  isTTY: boolean;
  /** True when stdout is a terminal that may be coloured (not piped, NO_COLOR unset). Default false. */
  color?: boolean;
  /** Opens the target database; tests pass a recording seam. Default: the mssql writer's `connect`. */
  connect?: Connect;
  /** Asks one question on the terminal (hidden input when `secret`); only called when `isTTY`. */
  ask?: (question: string, options?: { secret?: boolean }) => Promise<string>;
  /** The clock, for run records; default `() => new Date()`. */
  now?: () => Date;
}

/** Options every command has. */
export interface CommonOptions {
  json?: boolean;
  debug?: boolean;
}
