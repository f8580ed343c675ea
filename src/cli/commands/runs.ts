/** `runs -p FILE [--json]`: the runs recorded in the target, so the consultant can pick one to undo. */
import type { Command } from 'commander';
import { MigrateError } from '../../model/index.js';
import { connect as mssqlConnect } from '../../writers/mssql/index.js';
import { listRuns, shownStatus, type RunInfo } from '../../writers/mssql/index.js';
import { lockIsFree } from '../../writers/mssql/index.js';
import { projectTarget, type CommandContext } from '../shared.js';

const when = (d: Date | null): string => (d ? d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '-');

const INTERRUPTED_NOTE = 'interrupted: the client stopped before the run finished; nothing was changed';

/**
 * One line per run, oldest first: id, when, who, status, +/~/- counts, undo relations.
 * `statuses`: the status to show per run (shownStatus: an unfinished announced run is `running`
 * or `interrupted`); default the recorded one.
 */
export function renderRuns(runs: readonly RunInfo[], statuses: readonly string[] = runs.map((r) => r.status)): string {
  if (runs.length === 0) return 'No runs recorded in the target.\n';
  const rows = runs.map((r, i) => [
    r.runId,
    when(r.startedAt),
    r.host ? `${r.operator}@${r.host}` : r.operator,
    statuses[i] ?? r.status,
    statuses[i] === 'interrupted' ? '-' : `+${r.counts.create} ~${r.counts.update} -${r.counts.delete}`,
    [
      r.undoOf ? `undoes ${r.undoOf}` : '',
      r.undoneBy ? `undone by ${r.undoneBy}` : '',
      r.status === 'applied' && r.changes === 0 ? 'not in the ledger' : '',
      statuses[i] === 'interrupted' ? INTERRUPTED_NOTE : statuses[i] === 'running' ? 'holds the migration lock now' : (r.error ?? ''),
    ]
      .filter((s) => s !== '')
      .join('; '),
  ]);
  const head = ['RUN', 'STARTED (UTC)', 'OPERATOR', 'STATUS', 'ROWS', 'NOTE'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return `${[line(head), ...rows.map(line)].join('\n')}\n`;
}

/** `runs --json`: each run with the status shown (an interrupted attempt: `changed: false` and the note). */
export function runsJson(runs: readonly RunInfo[], statuses: readonly string[]): Record<string, unknown>[] {
  return runs.map((r, i) => ({
    ...r,
    host: r.host ?? null,
    status: statuses[i] ?? r.status,
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    ...(statuses[i] === 'interrupted' ? { changed: false, note: INTERRUPTED_NOTE } : {}),
  }));
}

export function registerRuns(program: Command, ctx: CommandContext): void {
  program
    .command('runs')
    .description('list the runs recorded in the target database (id, when, who, status, counts, undone by)')
    .option('-p, --project <file>', 'the project file; its target: names the database (default: ./procall-migrate.yaml)')
    .option('--json', 'print the runs as JSON')
    .addHelpText(
      'after',
      `
Example:
  $ procall-migrate runs -p procall-migrate.yaml
  $ procall-migrate undo RUN_ID -p procall-migrate.yaml --dry-run`,
    )
    .action(async (flags: { project: string; json?: boolean }) => {
      const opened = await projectTarget(ctx, flags.project, {
        json: flags.json,
        noTarget: 'the project names no target database (no `target:` section): there are no runs to list',
        hint: 'add a target: section to the project file',
      });
      if (!opened) return;
      const { target, env } = opened;
      const db = await (ctx.io.connect ?? mssqlConnect)(target, env);
      let runs: RunInfo[];
      let statuses: string[];
      try {
        runs = await listRuns(db);
        // Only an unfinished announcement needs the lock's state (announce.ts).
        statuses = shownStatus(runs, runs.some((r) => r.status === 'started') ? await lockIsFree(db) : true);
      } catch (error) {
        if (error instanceof MigrateError) throw error;
        throw new MigrateError('DB_QUERY_FAILED', `reading the runs of ${db.description} failed: ${(error as Error).message ?? String(error)}`, { cause: error });
      } finally {
        await db.close();
      }
      if (flags.json) {
        ctx.io.stdout.write(`${JSON.stringify({ status: 'ok', runs: runsJson(runs, statuses) }, null, 2)}\n`);
      } else ctx.io.stdout.write(renderRuns(runs, statuses));
    });
}
