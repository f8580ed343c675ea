/**
 * How the CLI process collects garbage (issue 14). V8 lets the heap grow to about four times
 * what survived the last full collection before it collects again; a plan of 50,000 users then
 * peaked anywhere between 540 and 650 MB, depending on when the collector happened to run.
 * Growing by at most 200 % (three times what survived) keeps the peak at 505–520 MB in the same
 * time; 100 % gave the same peak about 5 % slower, 300 % 550–570 MB (bench/README.md, measured
 * back to back). V8 reads the factor at every collection, so it applies when set at
 * start-up. The flag is V8's own (Node 20 to 24 have it); a V8 without it would print
 * "unrecognized flag" once and run with its default growth.
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 200;

/**
 * For the commands that write to a database (migrate, apply, undo): the driver's buffers come on
 * top of the heap, and the apply's staging rows and ledger chunks outlive a young collection; at
 * 200 % `migrate` of 50,000 users peaked at 679 MB before any driver, at 100 % at 500–580 MB.
 */
export const DATABASE_HEAP_GROWING_PERCENT = 100;

/** Sets how far the heap may grow between full collections (at start-up; a command may tighten it). */
export function tuneHeap(percent: number = HEAP_GROWING_PERCENT): void {
  try {
    setFlagsFromString(`--heap-growing-percent=${percent}`);
  } catch {
    // flags frozen by the embedder: the default growth, more memory, the same result
  }
}
