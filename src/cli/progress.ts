/**
 * Progress for long steps (import, map, read target, plan, apply). On a terminal each step is a
 * listr2 task drawn on stderr; otherwise one plain line per step on stderr; with `--json`
 * nothing. The pipeline only ever sees a `StepRunner` and a `ProgressFn` (no listr2 outside cli/).
 */
import { Listr, ListrLogger, ProcessOutput } from 'listr2';
import type { ProgressFn } from '../model/index.js';
import type { StepRunner } from '../pipeline.js';
import type { CliIO } from './io.js';
import { setStep } from './interrupt.js';

export type ProgressMode = 'tty' | 'lines' | 'quiet';

export function progressMode(io: CliIO, json: boolean | undefined): ProgressMode {
  if (json) return 'quiet';
  return io.isTTY ? 'tty' : 'lines';
}

/** A StepRunner that shows each step according to the mode (and records it for Ctrl-C's message). */
export function createStepRunner(io: CliIO, mode: ProgressMode): StepRunner {
  const show = stepShower(io, mode);
  return async (title, fn) => {
    setStep(title);
    try {
      return await show(title, fn);
    } finally {
      setStep(undefined);
    }
  };
}

function stepShower(io: CliIO, mode: ProgressMode): StepRunner {
  switch (mode) {
    case 'quiet':
      return (_title, fn) => fn(() => {});
    case 'lines':
      return async (title, fn) => {
        io.stderr.write(`${title}…\n`);
        return fn(() => {});
      };
    case 'tty':
      return (title, fn) => runListrStep(io, title, fn);
    default: {
      const exhaustive: never = mode;
      return exhaustive;
    }
  }
}

async function runListrStep<T>(io: CliIO, title: string, fn: (onProgress: ProgressFn) => Promise<T>): Promise<T> {
  let result: T | undefined;
  const stream = io.stderr as NodeJS.WriteStream;
  const logger = new ListrLogger({ processOutput: new ProcessOutput(stream, stream) });
  const list = new Listr(
    [
      {
        title,
        task: async (_ctx, task) => {
          result = await fn((event) => {
            const count = event.total ? ` (${event.done ?? 0}/${event.total})` : '';
            task.output = `${event.message}${count}`;
          });
        },
      },
    ],
    {
      renderer: 'default',
      rendererOptions: { logger },
      fallbackRendererOptions: { logger },
      // Progress goes to stderr: stdout may be a pipe (`plan --format markdown > plan.md`) while stderr is the terminal.
      forceTTY: true,
      fallbackRendererCondition: false,
      silentRendererCondition: false,
      registerSignalListeners: false,
      exitOnError: true,
    },
  );
  await list.run();
  return result as T;
}
