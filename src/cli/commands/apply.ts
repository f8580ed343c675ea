/**
 * `apply PLAN.json`: applies exactly a saved plan. The file masks secrets, so the plan is made
 * again from its project and sources and applied only if it is the same plan against the same
 * target (checkSavedPlan); otherwise refused as stale.
 */
import type { Command } from 'commander';
import { loadProject } from '../../importers/project-file.js';
import { ExitCode, MigrateError } from '../../model/errors.js';
import type { Plan } from '../../model/plan.js';
import { runPipeline } from '../../pipeline.js';
import { readPlanFile } from '../../writers/plan/plan-file.js';
import { checkSavedPlan } from '../../writers/plan/stale.js';
import { totals } from '../../writers/plan/summary.js';
import { confirm } from './migrate.js';
import { note, pipelineOptions, refuse, requireExisting, type CommandContext } from '../shared.js';

const noTarget = () =>
  new MigrateError('CLI_NO_TARGET', 'the plan\'s project names no target database (no `target:` section); nothing was written', {
    hint: 'add a target: section to the project and plan again, or give the DBA a script: `procall-migrate script -p FILE --out seed.sql`',
  });

export function registerApply(program: Command, ctx: CommandContext): void {
  program
    .command('apply')
    .description('apply a plan saved with `plan --out`; refuses it when the target, project or exports changed since')
    .argument('<plan.json>', 'the saved plan')
    .option('-y, --yes', 'apply without asking (needed when not on a terminal)')
    .addHelpText(
      'after',
      `
Example:
  $ procall-migrate plan -p procall-migrate.yaml --out plan.json
  $ procall-migrate apply plan.json --yes`,
    )
    .action(async (planArg: string, flags: { yes?: boolean }) => {
      const saved = await readPlanFile(requireExisting(ctx.io, planArg, 'plan file'));
      const checkFresh = (fresh: Plan) => {
        const check = checkSavedPlan(saved, fresh);
        if (!check.ok) throw new MigrateError(check.code, `${check.message} Nothing was written.`, { hint: check.hint, exitCode: ExitCode.refused });
      };
      // Before a long import: a plan whose project names no database cannot be applied anywhere.
      const loaded = await loadProject(requireExisting(ctx.io, saved.project.path, 'the plan\'s project file'), ctx.io.env);
      if (loaded.project && !loaded.project.target) throw noTarget();
      const options = await pipelineOptions(ctx, saved.project.path, { prune: saved.prune });
      options.confirmApply = async (fresh) => {
        checkFresh(fresh);
        const t = totals(fresh.changes);
        return confirm(ctx, `Apply the saved plan (${t.create} creates, ${t.update} updates, ${t.delete} deletes)?`, flags.yes);
      };
      const result = await runPipeline(options);
      if (result.refused || !result.plan) return refuse(ctx, result.diagnostics, false);
      if (!result.project?.target) throw noTarget();
      checkFresh(result.plan);
      if (result.applied) note(ctx, false, `applied ${planArg}`);
      else if (result.plan.changes.length === 0) note(ctx, false, 'nothing to apply: the plan has no changes');
      else {
        note(ctx, false, 'not applied: nothing was written');
        ctx.setExit(ExitCode.error);
      }
    });
}
