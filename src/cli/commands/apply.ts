/**
 * `apply PLAN.json`: applies exactly a saved plan. The file masks secrets, so the plan is made
 * again from its project and sources and applied only if it is the same plan against the same
 * target (checkSavedPlan); otherwise refused as stale.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadProject } from '../../project/index.js';
import { ExitCode, MigrateError } from '../../model/index.js';
import type { Plan } from '../../model/index.js';
import { runPipeline } from '../../pipeline.js';
import { planProjectPath, readPlanFile } from '../../plan/saved/index.js';
import type { PlanJson } from '../../plan/index.js';
import { checkSavedInputs, checkSavedPlan, type SavedPlanCheck } from '../../plan/index.js';
import { hasChangesToWrite, totals } from '../../plan/index.js';
import { hasErrors } from '../../model/index.js';
import { requirePlannable } from '../gate.js';
import { confirm } from './migrate.js';
import { note, pipelineOptions, refuse, requireExisting, type CommandContext } from '../shared.js';
import { DATABASE_HEAP_GROWING_PERCENT, tuneHeap } from '../heap.js';

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

/**
 * The exports to import: the project's own `sources:` when they are all there; else, when the
 * project moved on its own, the saved plan's (relative to the plan file's folder) when those are
 * all there — the digests still refuse any changed file. Says which ones it used.
 */
function resolveSources(ctx: CommandContext, saved: PlanJson, planFile: string, projectSources: readonly string[]): string[] | undefined {
  const missing = projectSources.filter((p) => !existsSync(p));
  if (missing.length === 0) return undefined;
  const planDir = path.dirname(planFile);
  const fromPlan = saved.sources.map((s) => path.resolve(planDir, s.path));
  if (fromPlan.length === 0 || !fromPlan.every((p) => existsSync(p))) return undefined;
  note(ctx, false, `the project's exports are not where it says (${missing[0]}${missing.length > 1 ? ` and ${missing.length - 1} more` : ''}); using the plan's, relative to ${planDir}:`);
  for (const p of fromPlan) note(ctx, false, `  ${p}`);
  return fromPlan;
}

/** Refuses (exit 3) a saved plan whose inputs changed: a Stale check that failed. */
function refuseStale(check: SavedPlanCheck): void {
  if (!check.ok) throw new MigrateError(check.code, `${check.message} Nothing was written.`, { hint: check.hint, exitCode: ExitCode.refused });
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
exports and plan to the jump host and apply it there. With --project, the exports are the
project's sources:, or, when those paths lead nowhere, the plan's (it prints which). A changed
project or export is refused (exit 3) before connecting.`,
    )
    .action(async (planArg: string, flags: { yes?: boolean; project?: string }) => {
      // It writes to a database: a tighter heap, the driver's buffers come on top (heap.ts).
      tuneHeap(DATABASE_HEAP_GROWING_PERCENT);
      const planFile = requireExisting(ctx.io, planArg, 'plan file');
      const saved = await readPlanFile(planFile);
      // The same line `report --plan` prints and the signed report shows: compare before applying.
      note(ctx, false, `plan digest: ${saved.planDigest}`);
      const projectFile = resolveProject(ctx, saved, planFile, flags.project);
      const checkFresh = (fresh: Plan) => refuseStale(checkSavedPlan(saved, fresh));
      // Before a long import: a plan whose project names no database cannot be applied anywhere,
      // and a project changed since the plan is refused offline, before any connection or prompt.
      const loaded = await loadProject(projectFile, ctx.io.env);
      refuseStale(checkSavedInputs(saved, { project: { path: loaded.projectPath, sha256: loaded.sha256 } }));
      if (loaded.project && !loaded.project.target) throw noTarget();
      note(ctx, false, `applying ${planArg} with the project ${projectFile}`);
      const sourcePaths = loaded.project ? resolveSources(ctx, saved, planFile, loaded.project.sourcePaths) : undefined;
      const options = await pipelineOptions(ctx, projectFile, { prune: saved.prune });
      options.overwriteAdminEdits = saved['overwriteAdminEdits'] === true;
      if (sourcePaths) options.sourcePaths = sourcePaths;
      // The exports' digests, offline too: after the import, before the target is reached.
      options.checkSources = (imported) =>
        refuseStale(
          checkSavedInputs(saved, {
            project: { path: loaded.projectPath, sha256: loaded.sha256 },
            sources: imported.exports.map((e) => ({ server: e.source, path: e.inputPath, files: e.files.map((f) => ({ path: f.path, sha256: f.sha256 })) })),
          }),
        );
      options.confirmApply = async (fresh) => {
        checkFresh(fresh);
        const t = totals(fresh.changes);
        return confirm(ctx, `Apply the saved plan (${t.create} creates, ${t.update} updates, ${t.delete} deletes)?`, flags.yes);
      };
      // Earlier attempts found interrupted (their client died): said once, after the run.
      const interrupted: string[] = [];
      if (options.run) options.run = { ...options.run, onInterrupted: (notes) => interrupted.push(...notes) };
      const result = await runPipeline({ ...options, releaseImports: true, provenance: false });
      for (const n of interrupted) note(ctx, false, n);
      if (result.refused || !result.plan) {
        if (requirePlannable(ctx, result)) refuse(ctx, result.diagnostics, false);
        return;
      }
      if (!result.project?.target) throw noTarget();
      checkFresh(result.plan);
      // The planner refused (e.g. a row of another wave): the pipeline applied nothing; say why, exit 3.
      if (hasErrors(result.plan.diagnostics)) return refuse(ctx, result.plan.diagnostics, false, 'refused: the plan has errors (listed above); nothing was written');
      if (result.applied) note(ctx, false, `applied ${planArg}`);
      // Kept admin edits are shown, never written: a plan with only those has nothing to write (exit 0).
      else if (!hasChangesToWrite(result.plan)) note(ctx, false, `nothing to write: the plan has no changes${result.plan.changes.length > 0 ? ' (only admin edits it keeps)' : ''}`);
      else {
        note(ctx, false, 'not applied: nothing was written');
        ctx.setExit(ExitCode.error);
      }
    });
}
