#!/usr/bin/env node
/** The `procall-migrate` binary: the real process's streams and environment, then `run()`. */
import { createInterface } from 'node:readline';
import { setFlagsFromString } from 'node:v8';
import { run } from './program.js';
import { onInterrupt } from './interrupt.js';
import { detectTerminal } from './terminal.js';

// V8 lets the heap grow to about four times what survived the last full collection before it
// collects again; a plan of 50,000 users then peaked anywhere between 540 and 650 MB, depending
// on when the collector happened to run. Growing by at most 100 % (twice what survived) keeps the
// peak near 520 MB for about 4 % more time (issue 14, bench/README.md). V8 reads the factor at
// every collection, so it applies when set here; a Node that refuses it runs as before.
try {
  setFlagsFromString('--heap-growing-percent=100');
} catch {
  // the default growth: more memory, same result
}

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
