/** `plan -p FILE`: the dry run — import, map, read the target (or assume it empty), show the diff. */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { runPipeline, type PipelineOptions } from '../../pipeline.js';
import { hasErrors } from '../../model/index.js';
import { planExitCode } from '../../plan/index.js';
import { renderPlanJson, writePlanJson } from '../../plan/saved/index.js';
import { renderPlanMarkdown } from '../../plan/render/index.js';
import { renderPlanText } from '../../plan/render/index.js';
import type { Plan } from '../../model/index.js';
import type { DetailLimit } from '../../plan/render/index.js';
import { requirePlannable } from '../gate.js';
import { streamSink, writeOutput } from '../output-file.js';
import { chooseFormat, formatChoices } from '../output-format.js';
import { noTargetFlag, note, parseLimit, pipelineOptions, printDiagnostics, resolveFrom, useColor, type CommandContext } from '../shared.js';

export type PlanFormat = 'text' | 'json' | 'markdown';

/**
 * The plan in `format`. `folder` is where the output goes (the `--out` file's folder, or the
 * working directory for stdout): paths and the digest are those of the plan saved there, so
 * `--out plan.json`, `--format markdown --out plan.md` and `--json > plan.json` in one folder
 * show one digest (docs/plan-format.md, "planDigest").
 */
export function renderPlan(plan: Plan, format: PlanFormat, opts: { color: boolean; folder: string; limit?: DetailLimit; explain?: boolean }): string {
  // `explain` (where each value came from) is for people: the JSON plan always carries provenance.
  const detail = { ...(opts.limit !== undefined ? { limit: opts.limit } : {}), ...(opts.explain ? { explain: true } : {}) };
  switch (format) {
    case 'text':
      return renderPlanText(plan, { color: opts.color, ...detail });
    case 'json':
      return renderPlanJson(plan, { relativeTo: opts.folder });
    case 'markdown':
      return renderPlanMarkdown(plan, { ...detail, relativeTo: opts.folder });
    default: {
      const exhaustive: never = format;
      return exhaustive;
    }
  }
}

interface PlanFlags {
  project: string;
  format?: string;
  json?: boolean;
  out?: string;
  detailedExitcode?: boolean;
  prune?: boolean;
  overwriteAdminEdits?: boolean;
  strict?: boolean;
  limit?: DetailLimit;
  color?: boolean;
  target?: boolean;
  explain?: boolean;
}

const PLAN_FORMATS: readonly PlanFormat[] = ['text', 'json', 'markdown'];

/** Writes the plan to stdout in `format`; JSON is streamed change by change. */
/** Stdout goes to the working directory (`> plan.json`): paths relative to it, the digest of a plan saved there. */
async function printPlan(ctx: CommandContext, plan: Plan, format: PlanFormat, opts: { color: boolean; limit?: DetailLimit; explain?: boolean }): Promise<void> {
  const folder = path.resolve(ctx.io.cwd);
  if (format === 'json') await writePlanJson(plan, streamSink(ctx.io.stdout), { relativeTo: folder });
  else ctx.io.stdout.write(renderPlan(plan, format, { ...opts, folder }));
}

/** Saves the plan to `--out`: JSON (for `apply`, paths relative to the file's folder) streamed, or text/markdown. */
async function savePlan(file: string, plan: Plan, format: PlanFormat, opts: { limit?: DetailLimit; explain?: boolean }): Promise<void> {
  // What the plan was made from: never written over (`--out procall-migrate.yaml` by mistake).
  const inputs = [{ path: plan.project.path, what: 'the project file' }, ...plan.sources.map((s) => ({ path: s.path, what: `the export of ${s.server}` }))];
  if (format === 'json') await writeOutput(file, (sink) => writePlanJson(plan, sink, { relativeTo: path.dirname(file) }), inputs);
  else await writeOutput(file, renderPlan(plan, format, { color: false, folder: path.dirname(file), ...opts }), inputs);
}

/**
 * The pipeline's plan alone, or undefined when the gate refused (it has said why). Only the plan
 * is kept: the imported exports and the mapped model (about 200 MB of heap at 50,000 users) can
 * be collected before the plan is printed and saved.
 */
async function planOnly(ctx: CommandContext, options: PipelineOptions, gate: { json: boolean; strict: boolean }): Promise<Plan | undefined> {
  const result = await runPipeline({ ...options, releaseImports: true });
  // Refused (errors, open decisions, --strict warnings): the gate says so the same way everywhere.
  // The planner's own errors (PLAN_ORIGIN_CONFLICT, PLAN_ADMIN_EDIT_CONFLICT) too: nothing is saved.
  if (result.refused || !result.plan || hasErrors(result.plan.diagnostics, gate.strict)) return void requirePlannable(ctx, result, gate);
  return result.plan;
}

export function registerPlan(program: Command, ctx: CommandContext): void {
  program
    .command('plan')
    .description('import, map, read the target (or assume it empty) and show what would change; writes nothing to the database')
    .option('-p, --project <file>', 'the project file (default: ./procall-migrate.yaml)')
    .addOption(new Option('--format <format>', 'output format (default: text; with --out: from the file name, else json)').choices(formatChoices(PLAN_FORMATS)))
    .option('--json', 'same as --format json')
    .option('--out <file>', 'save the plan: plan.json for `apply` (also .md, .txt); folders are created')
    .option('--no-target', 'plan against an empty database even when the project names a target; never connects')
    .option('--explain', 'under each change, where its values came from: export file:line:column, project file line, or the rule')
    .option('--detailed-exitcode', 'exit 2 when there are changes, 0 when none')
    .option('--prune', 'also remove rows of these sources that the exports no longer hold')
    .option('--overwrite-admin-edits', 'plan the sources\' values over admin edits made in DataCenter since the last run (and over conflicts)')
    .option('--strict', 'treat warnings as errors')
    .option('--limit <n|all>', 'changes shown per table in text (default 50) and markdown (default all)', parseLimit)
    .option('--no-color', 'no colours, even on a terminal (also: NO_COLOR=1)')
    .addHelpText(
      'after',
      `
Example:
  $ procall-migrate plan -p samples/alpen-handel/procall-migrate.yaml
  $ procall-migrate plan -p procall-migrate.yaml --format markdown > plan.md
  $ procall-migrate plan -p procall-migrate.yaml --out plan.json --detailed-exitcode
  $ procall-migrate plan -p procall-migrate.yaml --no-target --out review/plan.md
  $ procall-migrate plan -p procall-migrate.yaml --limit all | less -R
  $ procall-migrate plan -p procall-migrate.yaml --explain`,
    )
    .action(async (flags: PlanFlags) => {
      // Usage errors before a long import.
      const format = chooseFormat({ ...flags, out: undefined }, PLAN_FORMATS, 'text') as PlanFormat;
      const fileFormat = flags.out === undefined ? undefined : (chooseFormat(flags, PLAN_FORMATS, 'json') as PlanFormat);
      const json = format === 'json';
      const options = await pipelineOptions(ctx, flags.project, { json, prune: flags.prune, strict: flags.strict, noTarget: noTargetFlag(flags) });
      options.overwriteAdminEdits = flags.overwriteAdminEdits ?? false;
      const plan = await planOnly(ctx, options, { json, strict: flags.strict ?? false });
      if (!plan) return;
      if (!json) printDiagnostics(ctx.io, plan.diagnostics, flags.limit);
      const detail = { ...(flags.limit !== undefined ? { limit: flags.limit } : {}), ...(flags.explain ? { explain: true } : {}) };
      await printPlan(ctx, plan, format, { color: useColor(ctx.io, flags.color), ...detail });
      if (flags.out !== undefined && fileFormat !== undefined) {
        const out = resolveFrom(ctx.io, flags.out);
        await savePlan(out, plan, fileFormat, detail);
        note(
          ctx,
          json,
          fileFormat === 'json'
            ? `plan saved to ${flags.out}; apply it with: procall-migrate apply ${flags.out}`
            : `wrote ${flags.out} (${fileFormat}); to apply later, save the plan as JSON: --out plan.json`,
        );
      }
      ctx.setExit(planExitCode(plan, { detailedExitcode: flags.detailedExitcode ?? false, strict: flags.strict ?? false }));
    });
}
