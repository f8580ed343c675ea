/** Exit codes of `plan`/`migrate --detailed-exitcode` (migration-project.md). */
import { hasErrors } from '../model/index.js';
import { ExitCode } from '../model/index.js';
import type { Plan } from '../model/index.js';

/**
 * 3 when an error diagnostic refuses the plan, else with `detailedExitcode` 2 for changes
 * present and 0 for none; 0 without it. (1, an error, comes from the CLI's error boundary.)
 */
export function planExitCode(plan: Pick<Plan, 'diagnostics' | 'changes'>, opts: { detailedExitcode: boolean; strict?: boolean }): ExitCode {
  // --strict: an unaccepted warning refuses too, the planner's own (PLAN_…) included.
  if (hasErrors(plan.diagnostics, opts.strict ?? false)) return ExitCode.refused;
  // Kept admin edits are shown, never written: a plan with only those has no changes.
  if (opts.detailedExitcode && plan.changes.some((c) => c.action !== 'kept')) return ExitCode.changesPresent;
  return ExitCode.ok;
}
