/**
 * `preflight`: the target environment before the cutover (migration-project.md, "Preflight").
 * SQL Server, Redis, names, the content-sharing share, in that order; each area one step of the
 * progress. Writes nothing anywhere; never throws for what it finds (a finding is a check).
 */
import type { Project } from '../model/project.js';
import { runQuietly, type StepRunner } from '../pipeline.js';
import { nameChecks, type LookupFn } from './name-checks.js';
import { redisChecks } from './redis-checks.js';
import type { PreflightResult } from './result.js';
import { shareCheck } from './share-check.js';
import { sqlChecks, type SqlConnect } from './sql-checks.js';

export { preflightExitCode, preflightResultSchema, renderPreflightText, type PreflightCheck, type PreflightResult } from './result.js';

/** Long enough for a server across a VPN, short enough that a dead one does not stall the evening. */
export const DEFAULT_PREFLIGHT_TIMEOUT_MS = 5000;

export interface PreflightOptions {
  env: Record<string, string | undefined>;
  step?: StepRunner;
  /** Per network operation (connect, command, lookup). */
  timeoutMs?: number;
  connect?: SqlConnect;
  lookup?: LookupFn;
}

export async function runPreflight(project: Project, opts: PreflightOptions): Promise<PreflightResult> {
  const step = opts.step ?? runQuietly;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_PREFLIGHT_TIMEOUT_MS;
  const sql = await step('Check the SQL Server', () => sqlChecks(project.target, opts.env, { timeoutMs, ...(opts.connect ? { connect: opts.connect } : {}) }));
  const redis = await step('Check Redis', () => redisChecks(project.redis, { timeoutMs }));
  const names = await step('Resolve the names', () => nameChecks(project, { timeoutMs, ...(opts.lookup ? { lookup: opts.lookup } : {}) }));
  return { checks: [...sql, ...redis, ...names, shareCheck(project)] };
}
