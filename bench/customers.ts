/**
 * The longer run of the generated customers (issue 18; `npm test` runs 200 from a fixed seed):
 *
 *   npm run customers -- --count 2000 [--seed 12345]
 *
 * Each customer goes through init → draft → first decisions → plan, with conservation,
 * repeatable plans and no secret in any output checked (test/generated/run-customer.ts). Prints
 * the count, the seed, the time and the findings per code; a failure is shrunk by fast-check and
 * printed as a spec to keep in test/generated/regressions.ts. Exit 1 when a customer fails.
 */
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { customerArb, type CustomerSpec } from '../test/generated/customer.js';
import { runCustomer } from '../test/generated/run-customer.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '2000' }, seed: { type: 'string' } } });
const count = Number(values.count);
// A fresh seed each run explores new customers; the one printed reproduces them.
const seed = values.seed === undefined ? Date.now() % 2_147_483_647 : Number(values.seed);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run customers -- --count N [--seed S]');
  process.exit(1);
}

const findings: Record<string, number> = {};
let customers = 0;
let lastProblems: string[] = [];
const started = process.hrtime.bigint();
const elapsed = (): number => Number(process.hrtime.bigint() - started) / 1e9;

/** The count, seed, time and findings so far (also when stopped with Ctrl+C). */
function summary(): void {
  console.log(`customers: ${customers} (seed ${seed}), ${elapsed().toFixed(1)} s`);
  console.log('findings per code (first plan, before decisions):');
  for (const [code, n] of Object.entries(findings).sort(([a], [b]) => (a < b ? -1 : 1))) console.log(`  ${code.padEnd(40)} ${n}`);
}
process.once('SIGINT', () => {
  summary();
  console.log('stopped before the end: every customer above held');
  process.exit(130);
});
process.once('SIGTERM', () => {
  summary();
  console.log('stopped before the end: every customer above held');
  process.exit(143);
});

const result = await fc.check(
  fc.asyncProperty(customerArb, async (spec: CustomerSpec) => {
    customers++;
    const r = await runCustomer(spec);
    for (const [code, n] of Object.entries(r.findings)) findings[code] = (findings[code] ?? 0) + n;
    if (customers % 100 === 0) process.stderr.write(`${customers} customers, ${elapsed().toFixed(0)} s\n`);
    lastProblems = r.problems;
    return r.problems.length === 0;
  }),
  { numRuns: count, seed },
);

summary();
if (result.failed) {
  console.log(`FAILED after ${result.numRuns} customers, shrunk ${result.numShrinks} times; keep it in test/generated/regressions.ts:`);
  console.log(JSON.stringify(result.counterexample?.[0], null, 2));
  console.log(`problems of the last customer run: ${JSON.stringify(lastProblems, null, 2)}`);
  process.exit(1);
}
console.log('every customer held: only open decisions after init, draft rendered, decisions planned, nothing lost, plans repeated, no secret shown');
