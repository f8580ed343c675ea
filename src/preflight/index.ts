/**
 * `preflight`: the target environment before the cutover (migration-project.md, "Preflight").
 * SQL Server, Redis, the directory (userStore ad), names, the content-sharing share, in that
 * order; each area one step of the progress. Writes nothing anywhere; never throws for what it
 * finds (a finding is a check).
 */
import type { Project } from '../project/index.js';
import { runQuietly, type StepRunner } from '../pipeline.js';
import { directoryChecks, type DirectoryInputs } from './directory-checks.js';
import { adSettingsOf } from './directory-plan-users.js';
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
  /**
   * The plan's users and `usermanager.ad.*` for the directory area (directory-plan-users.ts
   * `loadDirectoryInputs`); called only when the project's user store is `ad`.
   */
  directory?: () => Promise<DirectoryInputs>;
  /** The project file's folder (`directory.caFile` is relative to it); default: the working directory. */
  projectDir?: string;
}

/** The directory is checked when the users go to Active Directory, or the project names one. */
export const checksDirectory = (project: Project): boolean => project.userStore === 'ad' || project.directory !== undefined;

export async function runPreflight(project: Project, opts: PreflightOptions): Promise<PreflightResult> {
  const step = opts.step ?? runQuietly;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_PREFLIGHT_TIMEOUT_MS;
  const sql = await step('Check the SQL Server', () => sqlChecks(project.target, opts.env, { timeoutMs, ...(opts.connect ? { connect: opts.connect } : {}) }));
  const redis = await step('Check Redis', () => redisChecks(project.redis, { timeoutMs }));
  // The sources are imported and mapped first, as steps of their own (as `plan` shows them).
  const inputs: DirectoryInputs | undefined = !checksDirectory(project)
    ? undefined
    : opts.directory
      ? await opts.directory()
      : { adSettings: adSettingsOf(project, [], undefined), users: undefined, usersProblem: 'the sources were not read' };
  const directory = inputs
    ? await step('Check the directory', () => directoryChecks(project, inputs, { timeoutMs, env: opts.env, projectDir: opts.projectDir ?? process.cwd() }))
    : [];
  const names = await step('Resolve the names', () => nameChecks(project, { timeoutMs, ...(opts.lookup ? { lookup: opts.lookup } : {}) }));
  return { checks: [...sql, ...redis, ...directory, ...names, shareCheck(project)] };
}
export { loadDirectoryInputs } from './directory-plan-users.js';
export type { SqlConnect } from './sql-checks.js';
