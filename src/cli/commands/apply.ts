/**
 * `apply PLAN.json`: applies exactly a saved plan. The file masks secrets, so the plan is made
 * again from its project and sources and applied only if it is the same plan against the same
 * target (checkSavedPlan); otherwise refused as stale.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadProject } from '../../importers/project-file.js';
import { ExitCode, MigrateError } from '../../model/errors.js';
import type { Plan } from '../../model/plan.js';
import { runPipeline } from '../../pipeline.js';
import { planProjectPath, readPlanFile } from '../../writers/plan/plan-file.js';
import type { PlanJson } from '../../writers/plan/plan-schema.js';
import { checkSavedPlan } from '../../writers/plan/stale.js';
import { hasChangesToWrite, totals } from '../../writers/plan/summary.js';
import { confirm } from './migrate.js';
import { note, pipelineOptions, refuse, requireExisting, type CommandContext } from '../shared.js';

const noTarget = () =>
  new MigrateError('CLI_NO_TARGET', 'the plan\'s project names no target database (no `target:` section); nothing was written', {
    hint: 'add a target: section to the project and plan again, or give the DBA a script: `procall-migrate script -p FILE --out seed.sql`',
  });

/**
 * The project file to apply with: `--project FILE` (relative to the working directory), else the
 * one the plan names (relative to the plan file's folder). A missing one names the resolved path.
 */
function resolveProject(ctx: CommandContext, saved: PlanJson, planFile: string, projectArg: string | undefined): string {
  if (projectArg !== undefined) return requireExisting(ctx.io, projectArg, 'project file (--project)');
  const file = planProjectPath(saved, planFile);
  if (!existsSync(file)) {
    throw new MigrateError('CLI_FILE_NOT_FOUND', `the plan's project file not found: ${file}`, {
      hint: `the plan names it as ${saved.project.path} (relative to the plan's folder ${path.dirname(planFile)}); if the project moved on its own, pass --project FILE`,
    });
  }
  return file;
}

export function registerApply(program: Command, ctx: CommandContext): void {
  program
    .command('apply')
    .description('apply a plan saved with `plan --out`; refuses it when the target, project or exports changed since')
    .argument('<plan.json>', 'the saved plan')
    .option('-p, --project <file>', "the project file, when it is no longer where the plan says (default: the plan's, relative to the plan file)")
    .option('-y, --yes', 'apply without asking (needed when not on a terminal)')
    .addHelpText(
      'after',
      `
Example:
  $ procall-migrate plan -p procall-migrate.yaml --out plan.json
  $ procall-migrate apply plan.json --yes
  $ procall-migrate apply signed-off/plan.json --project D:/migration/procall-migrate.yaml --yes

A plan names its project and exports relative to its own folder: copy the folder holding project,
exports and plan to the jump host and apply it there. Any changed file is still refused.`,
    )
    .action(async (planArg: string, flags: { yes?: boolean; project?: string }) => {
      const planFile = requireExisting(ctx.io, planArg, 'plan file');
      const saved = await readPlanFile(planFile);
      // The same line `report --plan` prints and the signed report shows: compare before applying.
      note(ctx, false, `plan digest: ${saved.planDigest}`);
      const projectFile = resolveProject(ctx, saved, planFile, flags.project);
      const checkFresh = (fresh: Plan) => {
        const check = checkSavedPlan(saved, fresh);
        if (!check.ok) throw new MigrateError(check.code, `${check.message} Nothing was written.`, { hint: check.hint, exitCode: ExitCode.refused });
      };
      // Before a long import: a plan whose project names no database cannot be applied anywhere.
      const loaded = await loadProject(projectFile, ctx.io.env);
      if (loaded.project && !loaded.project.target) throw noTarget();
      note(ctx, false, `applying ${planArg} with the project ${projectFile}`);
      const options = await pipelineOptions(ctx, projectFile, { prune: saved.prune });
      options.overwriteAdminEdits = saved['overwriteAdminEdits'] === true;
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
