/**
 * Generated customers (issue 18, docs/conservation.md): every customer the generator draws goes
 * through init → draft → decisions → plan as a consultant would, and every promise holds
 * (test/generated/run-customer.ts). 200 customers from a fixed seed on every run, so a failure
 * is reproducible; `npm run customers -- --count 2000` draws more with a fresh seed.
 */
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { customerArb } from './customer.js';
import { REGRESSIONS } from './regressions.js';
import { runCustomer } from './run-customer.js';

const COUNT = Number(process.env['CUSTOMERS_COUNT'] ?? 200);
const SEED = Number(process.env['CUSTOMERS_SEED'] ?? 20261207);

const findings: Record<string, number> = {};
let customers = 0;

afterAll(() => {
  const perCode = Object.entries(findings).sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, n]) => `${c} ${n}`).join(', ');
  console.log(`generated customers: ${customers} (seed ${SEED}); findings per code: ${perCode}`);
});

describe('regressions: customers that once failed', () => {
  it.each(Object.entries(REGRESSIONS))('%s', async (_name, spec) => {
    const r = await runCustomer(spec);
    expect(r.problems).toEqual([]);
  }, 60_000);
});

describe('generated customers', () => {
  test.prop([customerArb], { numRuns: COUNT, seed: SEED })(
    'init → only open decisions, draft renders, first decisions plan, nothing lost, plans repeat, no secret shown',
    async (spec) => {
      customers++;
      const r = await runCustomer(spec);
      for (const [code, n] of Object.entries(r.findings)) findings[code] = (findings[code] ?? 0) + n;
      expect(r.problems).toEqual([]);
    },
    // A safety bound for a slow shared machine, not a timing assertion.
    900_000,
  );
});
