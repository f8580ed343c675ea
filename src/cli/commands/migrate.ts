/** `migrate -p FILE`: plan, show, ask, apply — in one transaction. `--dry-run` writes nothing anywhere. */
import type { Command } from 'commander';
import { loadProject } from '../../project/index.js';
import { ExitCode, MigrateError } from '../../model/index.js';
import type { Plan } from '../../model/index.js';
import { runPipeline, type StepRunner } from '../../pipeline.js';
import type { ApplyResult } from '../../writers/mssql/index.js';
import { renderPlanText } from '../../plan/render/index.js';
import { hasChangesToWrite, totals } from '../../plan/index.js';
import { planExitCode } from '../../plan/index.js';
import { hasErrors } from '../../model/index.js';
import type { DetailLimit } from '../../plan/render/index.js';
import { requirePlannable } from '../gate.js';
import { note, parseLimit, pipelineOptions, printDiagnostics, refuse, requireExisting, useColor, type CommandContext } from '../shared.js';
import { DATABASE_HEAP_GROWING_PERCENT, tuneHeap } from '../heap.js';

interface MigrateFlags {
  project: string;
  dryRun?: boolean;
  yes?: boolean;
  prune?: boolean;
  overwriteAdminEdits?: boolean;
  strict?: boolean;
  detailedExitcode?: boolean;
  limit?: DetailLimit;
  explain?: boolean;
  color?: boolean;
  json?: boolean;
}

/** How long each step took (the pipeline's steps, in order), for the closing line and --json. */
interface StepTime {
  step: string;
  ms: number;
}

function timed(step: StepRunner, times: StepTime[]): StepRunner {
  return async (title, fn) => {
    const start = performance.now();
    try {
      return await step(title, fn);
    } finally {
      times.push({ step: title, ms: Math.round(performance.now() - start) });
    }
  };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** `import 5.1 s, map 2.1 s, …; apply 12.3 s (rows 6.0 s, ledger 4.0 s)`: where a run's time went. */
function describeTimes(times: readonly StepTime[], run: ApplyResult | undefined): string {
  const short: Record<string, string> = { 'Import exports': 'import', 'Read target database': 'read target', 'Map to DataCenter': 'map', 'Plan changes': 'plan', 'Apply to target database': 'apply' };
  const parts = times.map((t) => `${short[t.step] ?? t.step} ${seconds(t.ms)}`);
  const a = run?.timings;
  return a ? `${parts.join(', ')} (of the apply: rows ${seconds(a.rowsMs)}, ledger ${seconds(a.ledgerMs)}, lock and bootstrap ${seconds(a.setupMs)})` : parts.join(', ');
}

/** Asks on the terminal; without one, `--yes` is required. */
export async function confirm(ctx: CommandContext, question: string, yes: boolean | undefined): Promise<boolean> {
  if (yes) return true;
  if (!ctx.io.isTTY || !ctx.io.ask) {
    throw new MigrateError('CLI_CONFIRMATION_NEEDED', 'not a terminal, so nobody can confirm the changes; nothing was written', {
      hint: 'review the plan (`procall-migrate plan`) and pass --yes to apply without asking',
    });
  }
  const answer = await ctx.io.ask(`${question} [y/N] `);
  return /^y(es)?$/i.test(answer.trim());
}

export function registerMigrate(program: Command, ctx: CommandContext): void {
  program
    .command('migrate')
    .description('plan, show the changes, ask, then apply them to the target database in one transaction')
    .option('-p, --project <file>', 'the project file (default: ./procall-migrate.yaml)')
    .option('--dry-run', 'stop after showing the changes; writes nothing anywhere')
    .option('-y, --yes', 'apply without asking (needed when not on a terminal)')
    .option('--prune', 'also remove rows of these sources that the exports no longer hold')
    .option('--overwrite-admin-edits', 'plan the sources\' values over admin edits made in DataCenter since the last run (and over conflicts)')
    .option('--strict', 'treat warnings as errors')
    .option('--detailed-exitcode', 'with --dry-run: exit 2 when there are changes')
    .option('--limit <n|all>', 'show the change list, this many changes per table (default: a summary only)', parseLimit)
    .option('--explain', 'show the change list with where each value came from')
    .option('--no-color', 'no colours, even on a terminal (also: NO_COLOR=1)')
    .option('--json', 'print { "status", "runId", "changes", "timings" } instead of the plan (findings still on stderr)')
    .addHelpText(
      'after',
      `
Example:
  $ procall-migrate migrate -p samples/alpen-handel/procall-migrate.yaml --dry-run
  $ PROCALL_SQL_PASSWORD=… procall-migrate migrate -p procall-migrate.yaml --yes
  $ PROCALL_SQL_PASSWORD=… procall-migrate migrate -p procall-migrate.yaml --yes --json > run.json`,
    )
    .action(async (flags: MigrateFlags) => {
      // It writes to a database: a tighter heap, the driver's buffers come on top (heap.ts).
      tuneHeap(DATABASE_HEAP_GROWING_PERCENT);
      const projectFile = requireExisting(ctx.io, flags.project, 'project file');
      if (!flags.dryRun) {
        const loaded = await loadProject(projectFile, ctx.io.env);
        if (loaded.project && !loaded.project.target) {
          throw new MigrateError('CLI_NO_TARGET', 'the project names no target database to migrate into (no `target:` section); nothing was written', {
            hint: 'add a target: section, or write a script for the DBA with `procall-migrate script -p FILE --out seed.sql`',
          });
        }
      }
      let shown = false;
      const show = (plan: Plan) => {
        if (shown) return;
        shown = true;
        printDiagnostics(ctx.io, plan.diagnostics, flags.limit);
        if (flags.json) return;
        const limit = flags.limit !== undefined ? { limit: flags.limit } : {};
        // A summary by default (counts, destructive rows): the change list of 160,000 rows took
        // 3 s to print and nobody reads it before a migrate (issue 21); `plan` shows it.
        const list = flags.limit !== undefined || flags.explain ? { explain: flags.explain ?? false } : { changeList: false };
        ctx.io.stdout.write(renderPlanText(plan, { color: useColor(ctx.io, flags.color), ...limit, ...list }));
      };
      const options = await pipelineOptions(ctx, flags.project, { prune: flags.prune, strict: flags.strict, json: flags.json });
      const times: StepTime[] = [];
      if (options.step) options.step = timed(options.step, times);
      options.overwriteAdminEdits = flags.overwriteAdminEdits ?? false;
      if (!flags.dryRun) {
        options.confirmApply = async (plan) => {
          show(plan);
          const t = totals(plan.changes);
          return confirm(ctx, `Apply ${t.create} creates, ${t.update} updates, ${t.delete} deletes?`, flags.yes);
        };
      }
      // Earlier attempts found interrupted (their client died): said once, after the run.
      const interrupted: string[] = [];
      if (options.run) options.run = { ...options.run, onInterrupted: (notes) => interrupted.push(...notes) };
      const result = await runPipeline({ ...options, releaseImports: true, provenance: flags.explain ?? false });
      for (const n of interrupted) note(ctx, false, n);
      // The gate's words: open decisions first, with how to go on (report --draft); --strict warnings as such.
      if (result.refused || !result.plan) {
        if (requirePlannable(ctx, result, { strict: flags.strict ?? false, json: flags.json ?? false })) refuse(ctx, result.diagnostics, flags.json);
        return;
      }
      show(result.plan);
      const plan = result.plan;
      const finish = (status: 'dry-run' | 'refused' | 'applied' | 'nothing-to-apply' | 'not-applied', line: string, exit?: ExitCode) => {
        if (flags.json) {
          const t = totals(plan.changes);
          const out = {
            status,
            // Refused as `refuse` says it before a plan: the same code and the findings.
            ...(status === 'refused' ? { code: 'VALIDATION', diagnostics: plan.diagnostics } : {}),
            ...(result.run ? { runId: result.run.runId } : {}),
            changes: { create: t.create, update: t.update, delete: t.delete, kept: t.kept },
            timings: { steps: times, ...(result.run ? { apply: result.run.timings } : {}) },
          };
          ctx.io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        } else note(ctx, false, line);
        if (exit !== undefined) ctx.setExit(exit);
      };
      if (flags.dryRun) {
        finish('dry-run', 'dry run: nothing was written', planExitCode(plan, { detailedExitcode: flags.detailedExitcode ?? false }));
      } else if (hasErrors(plan.diagnostics, flags.strict)) {
        finish('refused', 'refused: the plan has errors (listed above); nothing was written', ExitCode.refused);
      } else if (result.run) {
        finish('applied', `applied run ${result.run.runId}: the target database now matches the plan\n  ${describeTimes(times, result.run)}`);
      } else if (!hasChangesToWrite(plan)) {
        finish('nothing-to-apply', 'nothing to apply: the target already matches');
      } else {
        finish('not-applied', 'not applied: nothing was written', ExitCode.error);
      }
    });
}
