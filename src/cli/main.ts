#!/usr/bin/env node
/** The `procall-migrate` binary: the real process's streams and environment, then `run()`. */
import { createInterface } from 'node:readline';
import { run } from './program.js';
import { tuneHeap } from './heap.js';
import { onInterrupt } from './interrupt.js';
import { detectTerminal } from './terminal.js';

tuneHeap();

// Ctrl-C: one line on what was interrupted, temporary output files removed, exit 130. An open
// database transaction is never committed: the connection closes with the process and the
// server rolls it back.
process.once('SIGINT', () => process.exit(onInterrupt(process.stderr)));

// `procall-migrate plan … | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

/** One question on the terminal; with `secret` the typed characters are not echoed. */
function ask(question: string, options: { secret?: boolean } = {}): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    if (options.secret) {
      const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
      out._writeToOutput = (s: string) => {
        if (s.includes(question)) process.stderr.write(s);
      };
    }
    rl.question(question, (answer) => {
      rl.close();
      if (options.secret) process.stderr.write('\n');
      resolve(answer);
    });
  });
}

const code = await run(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  ...detectTerminal(process, process.env),
  ask,
});
process.exitCode = code;
