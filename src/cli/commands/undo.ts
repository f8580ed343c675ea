/**
 * `undo RUN_ID -p FILE`: restores what one run changed (ledger.md §3). Planned and shown with the
 * same renderer as `migrate`, asked, applied in one transaction under the lock, recorded as a run
 * with `UndoOf`. Refused (exit 3) when a row the run wrote changed since, unless `--force`.
 */
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { loadProject } from '../../project/index.js';
import { hasErrors } from '../../model/index.js';
import { ExitCode, MigrateError } from '../../model/index.js';
import { planDigest, sourceDigest } from '../../plan/index.js';
import type { DetailLimit } from '../../plan/render/index.js';
import { renderPlanText } from '../../plan/render/index.js';
import { hasChangesToWrite, totals } from '../../plan/index.js';
import { connect as mssqlConnect } from '../../writers/mssql/index.js';
import { applyRunUndo, planRunUndo } from '../../writers/mssql/index.js';
import { confirm } from './migrate.js';
import { note, parseLimit, pipelineOptions, printDiagnostics, useColor, type CommandContext } from '../shared.js';
import { DATABASE_HEAP_GROWING_PERCENT, tuneHeap } from '../heap.js';

/** The form of every run id (`randomUUID()`), checked offline. */
const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface UndoFlags {
  project: string;
  dryRun?: boolean;
  yes?: boolean;
  force?: boolean;
  limit?: DetailLimit;
  color?: boolean;
}

export function registerUndo(program: Command, ctx: CommandContext): void {
  program
    .command('undo')
    .description('restore what one run changed (rows it created removed, updated rows given their previous values, deleted rows back), in one transaction')
    .argument('<runId>', 'the run to undo (`procall-migrate runs -p FILE` lists them)')
    .option('-p, --project <file>', 'the project file; its target: names the database (default: ./procall-migrate.yaml)')
    .option('--dry-run', 'show what the undo would change; write nothing')
    .option('-y, --yes', 'undo without asking (needed when not on a terminal)')
    .option('--force', 'restore rows that a later run or an admin changed since, too')
    .option('--limit <n|all>', 'changes shown per table (default 50)', parseLimit)
    .option('--no-color', 'no colours, even on a terminal (also: NO_COLOR=1)')
    .addHelpText(
      'after',
      `
Example:
  $ procall-migrate runs -p procall-migrate.yaml
  $ procall-migrate undo 3f0c…-… -p procall-migrate.yaml --dry-run
  $ procall-migrate undo 3f0c…-… -p procall-migrate.yaml --yes

Secrets (passwords, secret settings, licence keys) are in the ledger only as keyed hashes: an undo
cannot bring back their previous values, leaves them as they are and lists them.`,
    )
    .action(async (runId: string, flags: UndoFlags) => {
      // It writes to a database: a tighter heap, the driver's buffers come on top (heap.ts).
      tuneHeap(DATABASE_HEAP_GROWING_PERCENT);
      const options = await pipelineOptions(ctx, flags.project, {});
      // A run id is a UUID (`runs` lists them): `undo 1234` is a typo, told before the project is read or the database reached.
      if (!RUN_ID.test(runId.trim())) {
        throw new MigrateError('CLI_USAGE', `"${runId}" is not a run id: a run id looks like 3f0c2a9e-7b1d-4c55-9e0a-1f2b3c4d5e6f`, {
          hint: 'list the runs with `procall-migrate runs -p FILE` and copy the id',
        });
      }
      const loaded = await loadProject(options.projectFile, options.env);
      const target = loaded.project?.target;
      if (!loaded.project || !target) {
        throw new MigrateError('CLI_NO_TARGET', 'the project names no target database (no `target:` section): there is no run to undo', {
          hint: 'undo works on the database the project\'s target: section names',
        });
      }
      const db = await (ctx.io.connect ?? mssqlConnect)(target, options.env);
      try {
        const step = options.step ?? ((_t, fn) => fn(() => {}));
        const undo = await step('Plan the undo', () =>
          planRunUndo(db, runId.trim(), {
            force: flags.force ?? false,
            meta: { toolVersion: options.toolVersion, project: { path: loaded.projectPath, sha256: loaded.sha256 } },
          }),
        );
        const plan = undo.plan;
        printDiagnostics(ctx.io, plan.diagnostics, flags.limit);
        ctx.io.stdout.write(renderPlanText(plan, { color: useColor(ctx.io, flags.color), undoOf: undo.run.runId, ...(flags.limit !== undefined ? { limit: flags.limit } : {}) }));
        const secretsNote = () => {
          if (undo.secretsNotRestored.length > 0) {
            note(ctx, false, `${undo.secretsNotRestored.length} secret value(s) cannot be restored (the ledger keeps only keyed hashes) and stay as they are: re-enter them in the DataCenter administration:`);
            for (const s of undo.secretsNotRestored) note(ctx, false, `  ${s}`);
          }
        };
        if (hasErrors(plan.diagnostics)) {
          note(ctx, false, `refused: ${undo.changedSince.length} row(s) run ${undo.run.runId} wrote changed since (listed above); nothing was written. Check them, or undo with --force to restore them anyway.`);
          ctx.setExit(ExitCode.refused);
          return;
        }
        if (flags.dryRun) {
          secretsNote();
          note(ctx, false, 'dry run: nothing was written');
          return;
        }
        if (!hasChangesToWrite(plan)) {
          secretsNote();
          note(ctx, false, `nothing to undo: the target already holds what it held before run ${undo.run.runId}`);
          return;
        }
        const t = totals(plan.changes);
        if (!(await confirm(ctx, `Undo run ${undo.run.runId} (${t.create} creates, ${t.update} updates, ${t.delete} deletes)?`, flags.yes))) {
          note(ctx, false, 'not undone: nothing was written');
          ctx.setExit(ExitCode.error);
          return;
        }
        const run = options.run ?? { runId: randomUUID(), operator: 'unknown' };
        // Earlier attempts found interrupted (their client died): said once, after the undo.
        const interrupted: string[] = [];
        await step('Undo in the target database', (onProgress) =>
          applyRunUndo(db, undo, {
            ...run,
            onProgress,
            clock: options.now ?? (() => new Date()),
            toolVersion: options.toolVersion,
            sourceDigest: sourceDigest(plan),
            planDigest: planDigest(plan),
            onInterrupted: (notes) => interrupted.push(...notes),
          }),
        );
        for (const n of interrupted) note(ctx, false, n);
        secretsNote();
        note(ctx, false, `undone: run ${undo.run.runId}, recorded as run ${run.runId}${flags.force && undo.changedSince.length > 0 ? ` (${undo.changedSince.length} row(s) changed since were restored anyway: --force)` : ''}`);
      } finally {
        await db.close();
      }
    });
}
