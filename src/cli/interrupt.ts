/**
 * Ctrl-C: one line saying what was interrupted and what that means for the user's files and
 * database, temporary output files removed, exit 130. The command and the step in progress are
 * recorded here as the run goes (the step runner and the commands call `setActivity`).
 */
import { rmSync } from 'node:fs';

const tempFiles = new Set<string>();
let command: string | undefined;
let step: string | undefined;

export function rememberTempFile(file: string): void {
  tempFiles.add(file);
}

export function forgetTempFile(file: string): void {
  tempFiles.delete(file);
}

/** The command being run (`plan`, `apply`, …); a new command clears the step. */
export function setCommand(name: string): void {
  command = name;
  step = undefined;
}

/** The step in progress (`Import exports`, `Apply to target database`, …), or none. */
export function setStep(title: string | undefined): void {
  step = title;
}

/** The step title during which the tool holds an open write transaction. */
export const APPLY_STEP = 'Apply to target database';

/** The one line Ctrl-C prints. */
export function interruptMessage(): string {
  const what = command ? `procall-migrate ${command}` : 'procall-migrate';
  const where = step ? ` during "${step}"` : '';
  const outcome =
    step === APPLY_STEP
      ? 'the database transaction was rolled back (never committed); nothing was written'
      : 'nothing was written';
  return `interrupted: ${what}${where}; ${outcome}`;
}

/** Removes every temporary output file still being written (synchronously: the process is about to exit). */
export function removeTempFiles(): number {
  let removed = 0;
  for (const file of tempFiles) {
    try {
      rmSync(file, { force: true });
      removed++;
    } catch {
      // Best effort: the process is exiting; a leftover `.tmp` is never mistaken for the output.
    }
  }
  tempFiles.clear();
  return removed;
}

/** What the real process does on SIGINT (main.ts installs it); returns the exit code. */
export function onInterrupt(stderr: { write(s: string): unknown; isTTY?: boolean }): number {
  removeTempFiles();
  // listr2 hides the cursor while drawing; give it back.
  if (stderr.isTTY) stderr.write('\u001b[?25h\n');
  stderr.write(`${interruptMessage()}\n`);
  return 130;
}
