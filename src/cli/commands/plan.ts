/** `plan -p FILE`: the dry run — import, map, read the target (or assume it empty), show the diff. */
import { Option, type Command } from 'commander';
import { runPipeline } from '../../pipeline.js';
import { planExitCode } from '../../writers/plan/exit-code.js';
import { writePlanFile } from '../../writers/plan/plan-file.js';
import { renderPlanJson } from '../../writers/plan/render-json.js';
import { renderPlanMarkdown } from '../../writers/plan/render-markdown.js';
import { renderPlanText } from '../../writers/plan/render-text.js';
import type { Plan } from '../../model/plan.js';
import type { DetailLimit } from '../../writers/plan/format.js';
import { note, parseLimit, pipelineOptions, printDiagnostics, refuse, resolveFrom, useColor, type CommandContext } from '../shared.js';

export type PlanFormat = 'text' | 'json' | 'markdown';

export function renderPlan(plan: Plan, format: PlanFormat, opts: { color: boolean; limit?: DetailLimit }): string {
  const limit = opts.limit !== undefined ? { limit: opts.limit } : {};
  switch (format) {
    case 'text':
      return renderPlanText(plan, { color: opts.color, ...limit });
    case 'json':
      return renderPlanJson(plan);
    case 'markdown':
      return renderPlanMarkdown(plan, limit);
    default: {
      const exhaustive: never = format;
      return exhaustive;
    }
  }
}

interface PlanFlags {
  project: string;
  format: PlanFormat;
  json?: boolean;
  out?: string;
  detailedExitcode?: boolean;
  prune?: boolean;
  strict?: boolean;
  limit?: DetailLimit;
  color?: boolean;
}

export function registerPlan(program: Command, ctx: CommandContext): void {
  program
    .command('plan')
    .description('import, map, read the target (or assume it empty) and show what would change; writes nothing to the database')
    .requiredOption('-p, --project <file>', 'the project file (procall-migrate.yaml)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('--json', 'same as --format json')
    .option('--out <plan.json>', 'also save the plan (JSON) for `apply`')
    .option('--detailed-exitcode', 'exit 2 when there are changes, 0 when none')
    .option('--prune', 'also remove rows of these sources that the exports no longer hold')
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
  $ procall-migrate plan -p procall-migrate.yaml --limit all | less -R`,
    )
    .action(async (flags: PlanFlags) => {
      const format: PlanFormat = flags.json ? 'json' : flags.format;
      const json = format === 'json';
      const result = await runPipeline(await pipelineOptions(ctx, flags.project, { json, prune: flags.prune, strict: flags.strict }));
      if (result.refused || !result.plan) return refuse(ctx, result.diagnostics, json);
      const plan = result.plan;
      if (!json) printDiagnostics(ctx.io, plan.diagnostics, flags.limit);
      const limit = flags.limit !== undefined ? { limit: flags.limit } : {};
      ctx.io.stdout.write(renderPlan(plan, format, { color: useColor(ctx.io, flags.color), ...limit }));
      if (flags.out) {
        const out = resolveFrom(ctx.io, flags.out);
        await writePlanFile(out, plan);
        note(ctx, json, `plan saved to ${flags.out}; apply it with: procall-migrate apply ${flags.out}`);
      }
      ctx.setExit(planExitCode(plan, { detailedExitcode: flags.detailedExitcode ?? false }));
    });
}
