/** `script -p FILE --out seed.sql`: the same change as one T-SQL script for a DBA to review and run. */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { runPipeline } from '../../pipeline.js';
import { planDigest, sourceDigest } from '../../writers/plan/digest.js';
import { countStatements, renderSqlScript } from '../../writers/mssql/index.js';
import { note, pipelineOptions, printDiagnostics, refuse, resolveFrom, type CommandContext } from '../shared.js';

export function registerScript(program: Command, ctx: CommandContext): void {
  program
    .command('script')
    .description('write the planned change as one T-SQL script (one transaction) for a DBA to review and run')
    .requiredOption('-p, --project <file>', 'the project file')
    .requiredOption('--out <seed.sql>', 'where to write the script')
    .option('--prune', 'also remove rows of these sources that the exports no longer hold')
    .option('--strict', 'treat warnings as errors')
    .addHelpText(
      'after',
      `
Example:
  $ procall-migrate script -p samples/alpen-handel/procall-migrate.yaml --out seed.sql
  $ sqlcmd -S sql01.corp.example -d ProCallDC -i seed.sql   # run by the DBA`,
    )
    .action(async (flags: { project: string; out: string; prune?: boolean; strict?: boolean }) => {
      const result = await runPipeline(await pipelineOptions(ctx, flags.project, { prune: flags.prune, strict: flags.strict }));
      if (result.refused || !result.plan) return refuse(ctx, result.diagnostics, false);
      printDiagnostics(ctx.io, result.plan.diagnostics);
      const plan = result.plan;
      const sql = renderSqlScript(plan, {
        planDigest: planDigest(plan),
        sourceDigest: sourceDigest(plan),
        generatedAt: (ctx.io.now ?? (() => new Date()))(),
      });
      await writeFile(resolveFrom(ctx.io, flags.out), sql, 'utf8');
      const count = countStatements(plan);
      note(ctx, false, `wrote ${flags.out}: ${count.rows} row changes in ${count.statements} statements, one transaction`);
    });
}
