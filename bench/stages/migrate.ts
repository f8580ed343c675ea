/**
 * `migrate --yes` of the generated project into an empty database, measured on the client side:
 * the real command (`run()`, with the CLI's heap setting) with the database seam
 * answered by test/cli/fake-target.ts: an empty target bootstrapped with the ledger that answers the reads and
 * the lock, records each statement's text and drops the rows of each bulk load. So this is
 * import, map, plan, the plan text the command shows, and the apply's own work (rows per table,
 * batches of `bulkBatchRows`, the ledger's rows: each row made, as the driver would take it, then
 * dropped); what the mssql driver and the server add is not in it. Prints one JSON line: rows
 * bulk-loaded (into `#temp` stages by `bulkLoad`, straight into tables by `bulkInsert`), batches,
 * statements.
 *
 * Compiled by tsc with the sources it imports (`tsc -p bench/tsconfig.migrate.json`, the same
 * options as dist/) into bench/out/build/, and run by plain node: under tsx its loader thread
 * alone added 50 MB to the peak.
 *
 *   node bench/out/build/bench/stages/migrate.js <project-file>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tuneHeap } from '../../src/cli/heap.js';
import { run } from '../../src/cli/program.js';
import type { Db } from '../../src/writers/mssql/db.js';
import { TEST_TARGET, TEST_TARGET_ENV } from '../../test/cli/helpers.js';
import { fakeTarget } from '../../test/cli/fake-target.js';

tuneHeap();

const projectFile = process.argv[2];
if (projectFile === undefined) throw new Error('usage: migrate.ts <project-file>');
// The generated project has no target; the copy beside it names one (its sources are relative to that folder).
const withTarget = path.join(path.dirname(projectFile), 'procall-migrate.bench-migrate.yaml');
writeFileSync(withTarget, `${readFileSync(projectFile, 'utf8')}\n${TEST_TARGET}\n  bulkBatchRows: 10000\n`);

// Bootstrapped with the ledger's tables and key (SchemaVersion 2), no rows: what `migrate` finds after `bootstrap`.
// Writes answer with the rows they would affect in an empty database (fake-target.ts).
const fake = fakeTarget({ ledger: { keyHex: 'a5'.repeat(32), base: [] }, affectsAsEmpty: true });
let rows = 0;
let batches = 0;
const counting: Db = {
  ...fake.db,
  transaction: (fn) =>
    fake.db.transaction((tx) =>
      fn({
        ...tx,
        bulkLoad: async (table, columns, loaded, onBatch) => {
          // As the writer's batches would go: bulkBatchRows rows at a time.
          for (let done = 0; done < loaded.length; done += 10000) {
            batches++;
            onBatch?.(Math.min(done + 10000, loaded.length), loaded.length);
          }
          rows += loaded.length;
          return tx.bulkLoad(table, columns, loaded);
        },
        // Creates and the ledger go straight into their tables: every row is taken from the
        // iterable (that is where the apply makes them) and counted, in batches as the writer's.
        bulkInsert: async (table, columns, inserted, onBatch) => {
          let n = 0;
          const counted = function* (): Generator<readonly unknown[]> {
            for (const row of inserted) {
              n++;
              if (n % 10000 === 0) {
                batches++;
                onBatch?.(n);
              }
              yield row;
            }
            if (n % 10000 !== 0) {
              batches++;
              onBatch?.(n);
            }
          };
          await tx.bulkInsert(table, columns, counted());
          rows += n;
          return n;
        },
      }),
    ),
};

const sink = { write: () => true };
const code = await run(['migrate', '-p', withTarget, '--yes'], {
  cwd: process.cwd(),
  env: { ...TEST_TARGET_ENV, NO_COLOR: '1' },
  stdout: sink,
  stderr: { write: (s: string) => void process.stderr.write(s) },
  isTTY: false,
  connect: async () => counting,
});
process.exitCode = code;
process.stdout.write(`${JSON.stringify({ exit: code, rowsBulkLoaded: rows, batches, statements: fake.writes.length })}\n`);
