/** `verify -p FILE`: reads the target and checks every invariant of the database contract. */
import type { Command } from 'commander';
import { loadProject } from '../../importers/project-file.js';
import { ExitCode, MigrateError } from '../../model/errors.js';
import { checkInvariants, type InvariantResult } from '../../model/invariants.js';
import { connect as mssqlConnect, readActual } from '../../writers/mssql/index.js';
import { createStepRunner, progressMode } from '../progress.js';
import { envWithPassword, refuse, requireExisting, type CommandContext } from '../shared.js';

const SHOWN_ROWS = 20;

export function renderInvariants(results: readonly InvariantResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    out.push(`${r.ok ? 'pass' : 'FAIL'}  ${r.id}  ${r.description}`);
    for (const row of r.offending.slice(0, SHOWN_ROWS)) out.push(`      ${row}`);
    if (r.offending.length > SHOWN_ROWS) out.push(`      … and ${r.offending.length - SHOWN_ROWS} more`);
  }
  const failed = results.filter((r) => !r.ok).length;
  out.push(failed === 0 ? `all ${results.length} invariants hold` : `${failed} of ${results.length} invariants fail`);
  return `${out.join('\n')}\n`;
}

export function registerVerify(program: Command, ctx: CommandContext): void {
  program
    .command('verify')
    .description('read the target database and check every invariant of the multi-server database contract')
    .requiredOption('-p, --project <file>', 'the project file (its target: section names the database)')
    .option('--json', 'print the results as JSON')
    .addHelpText(
      'after',
      `
Example:
  $ PROCALL_SQL_PASSWORD=… procall-migrate verify -p procall-migrate.yaml
  exit 0 when every invariant holds, 1 otherwise`,
    )
    .action(async (flags: { project: string; json?: boolean }) => {
      const projectFile = requireExisting(ctx.io, flags.project, 'project file');
      const env = await envWithPassword(ctx.io, projectFile);
      const loaded = await loadProject(projectFile, env);
      if (!loaded.project || loaded.diagnostics.some((d) => d.severity === 'error')) return refuse(ctx, loaded.diagnostics, flags.json);
      const target = loaded.project.target;
      if (!target) {
        throw new MigrateError('CLI_NO_TARGET', 'the project names no target database to verify (no `target:` section)', { hint: 'add a target: section to the project file (see the comments `procall-migrate init` writes)' });
      }
      const step = createStepRunner(ctx.io, progressMode(ctx.io, flags.json));
      const db = await (ctx.io.connect ?? mssqlConnect)(target, env);
      let results: InvariantResult[];
      try {
        const actual = await step('Read target database', () => readActual(db));
        results = checkInvariants(actual);
      } finally {
        await db.close();
      }
      const ok = results.every((r) => r.ok);
      if (flags.json) ctx.io.stdout.write(`${JSON.stringify({ status: ok ? 'ok' : 'failed', invariants: results }, null, 2)}\n`);
      else ctx.io.stdout.write(renderInvariants(results));
      ctx.setExit(ok ? ExitCode.ok : ExitCode.error);
    });
}
