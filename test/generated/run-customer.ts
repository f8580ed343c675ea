/**
 * One generated customer through the tool as a consultant would take it (issue 18): `init` →
 * only open decisions; `report --draft` renders; the first `decide` option of every finding
 * applied, mechanically, until `plan` passes; conservation holds; the same inputs planned twice
 * give byte-identical plans; no secret of the customer in any output. Returns what went wrong
 * (empty: all held) and the findings per code, for the property test and `npm run customers`.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli, tempDir } from '../cli/helpers.js';
import { loadProject } from '../../src/project/load.js';
import { checkConservation } from '../../src/mappers/conservation.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { prepareDesired } from '../../src/pipeline.js';
import { applyDecision } from '../../src/project/apply-decision.js';
import { withReasons } from '../project/consultant-reasons.js';
import { buildCustomer, writeCustomer, type CustomerSpec } from './customer.js';

export interface CustomerOutcome {
  /** Each property that did not hold, in a sentence (empty: the customer passed). */
  problems: string[];
  /** Findings of the first plan (before any decision), per code. */
  findings: Record<string, number>;
  /** Rounds of decisions applied before the plan passed. */
  rounds: number;
}

/** Environment the settled project may name (`{ env: … }` secrets): set, so no plan is refused for it. */
const ENV_FOR_SECRETS = (text: string): Record<string, string> =>
  Object.fromEntries([...text.matchAll(/env:\s*([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => [m[1]!, 'set-by-test']));

const MAX_ROUNDS = 6;

export async function runCustomer(spec: CustomerSpec, opts: { keepDir?: boolean } = {}): Promise<CustomerOutcome & { dir: string }> {
  const customer = buildCustomer(spec);
  const dir = tempDir('pm-customer-');
  const problems: string[] = [];
  const outputs: string[] = [];
  const findings: Record<string, number> = {};
  const paths = writeCustomer(path.join(dir, 'exports'), customer);
  const proj = path.join(dir, 'procall-migrate.yaml');
  const cli = async (argv: string[], env: Record<string, string> = {}) => {
    const r = await runCli(argv, { cwd: dir, env });
    outputs.push(r.stdout, r.stderr);
    return r;
  };

  // init → a project whose only errors are its open decisions.
  const init = await cli(['init', ...paths, '--out', proj]);
  if (init.code !== 0) problems.push(`init exited ${init.code}: ${init.stderr.slice(-300)}`);
  let text = readFileSync(proj, 'utf8');
  outputs.push(text);
  const loaded = await loadProject(proj, {});
  const notOpen = loaded.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'PROJECT_OPEN_DECISION');
  if (notOpen.length > 0) problems.push(`init wrote a project with errors other than open decisions: ${notOpen.map((d) => `${d.code} ${d.message}`).join('; ')}`);

  // report --draft renders whatever the project holds.
  const draftFile = path.join(dir, 'draft.md');
  const draft = await cli(['report', '--draft', '-p', proj, '--out', draftFile]);
  if (draft.code !== 0) problems.push(`report --draft exited ${draft.code}: ${draft.stderr.slice(-300)}`);
  else outputs.push(readFileSync(draftFile, 'utf8'));

  // The first decide option of every finding, until the plan passes.
  let rounds = 0;
  let passed = false;
  let settledPlan = '';
  for (; rounds <= MAX_ROUNDS; rounds++) {
    const plan = await cli(['plan', '-p', proj, '--json'], ENV_FOR_SECRETS(text));
    const body = JSON.parse(plan.stdout) as { status?: string; diagnostics?: Diagnostic[] };
    const diagnostics = body.diagnostics ?? [];
    if (rounds === 0) for (const d of diagnostics) if (d.severity !== 'info') findings[d.code] = (findings[d.code] ?? 0) + 1;
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (plan.code !== 3 && errors.length === 0) {
      passed = plan.code === 0 || plan.code === 2;
      if (!passed) problems.push(`plan exited ${plan.code}: ${plan.stderr.slice(-300)}`);
      settledPlan = plan.stdout;
      break;
    }
    const before = text;
    for (const d of diagnostics) {
      if (d.severity === 'info' || d.accepted !== undefined) continue;
      const first = d.decide?.[0];
      if (first === undefined) {
        if (d.severity === 'error') problems.push(`round ${rounds}: ${d.code} has no decide option: ${d.message}`);
        continue;
      }
      try {
        text = applyDecision(text, withReasons(first));
      } catch (e) {
        problems.push(`round ${rounds}: ${d.code}: its first option does not apply (${first.path}): ${(e as Error).message}`);
      }
    }
    writeFileSync(proj, text);
    outputs.push(text);
    if (text === before) {
      problems.push(`round ${rounds}: still refused, and no decision changes the project: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}`);
      break;
    }
  }
  if (!passed && problems.length === 0) problems.push(`the plan still fails after ${MAX_ROUNDS} rounds of decisions`);

  if (passed) {
    const env = ENV_FOR_SECRETS(text);
    // Conservation: every entity and association in the model or named by a finding.
    const desired = await prepareDesired({ projectFile: proj, env, toolVersion: 'test' });
    if (desired.imported && desired.mapped) {
      const c = checkConservation(desired.imported.exports, desired.mapped.model, desired.diagnostics);
      for (const l of c.losses.slice(0, 10)) problems.push(`conservation: ${l.kind} ${l.key} of ${l.source} is neither planned nor named by a finding`);
    } else {
      problems.push('conservation: the settled project did not map');
    }
    // Byte-identical plans from the same inputs: the settled plan, and once more to a file.
    const again = await cli(['plan', '-p', proj, '--json'], env);
    if (again.stdout !== settledPlan) problems.push('the same inputs planned twice gave different plans');
  }

  // No secret of the customer in any output.
  const all = outputs.join('\n');
  for (const s of customer.secrets) if (all.includes(s)) problems.push(`a secret of the customer appears in an output (${s.slice(0, 4)}…)`);
  if (!opts.keepDir) rmSync(dir, { recursive: true, force: true });
  return { problems, findings, rounds, dir };
}
