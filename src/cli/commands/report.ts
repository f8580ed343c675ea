/** `report -p FILE --out report.html|report.md`: the customer's migration report. */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { checkInvariants } from '../../model/invariants.js';
import { MigrateError } from '../../model/errors.js';
import { prepareDesired } from '../../pipeline.js';
import { buildReportData, renderReportHtml, renderReportMarkdown } from '../../report/index.js';
import { note, pipelineOptions, printDiagnostics, refuse, resolveFrom, type CommandContext } from '../shared.js';
import { TOOL_VERSION } from '../version.js';

export function registerReport(program: Command, ctx: CommandContext): void {
  program
    .command('report')
    .description('write the customer migration report (self-contained HTML, or Markdown for .md)')
    .requiredOption('-p, --project <file>', 'the project file')
    .requiredOption('--out <file>', 'report.html or report.md')
    .option('--strict', 'treat warnings as errors')
    .addHelpText(
      'after',
      `
Example:
  $ procall-migrate report -p samples/alpen-handel/procall-migrate.yaml --out report.html
  $ procall-migrate report -p procall-migrate.yaml --out report.md`,
    )
    .action(async (flags: { project: string; out: string; strict?: boolean }) => {
      const format = /\.(md|markdown)$/i.test(flags.out) ? 'markdown' : /\.html?$/i.test(flags.out) ? 'html' : undefined;
      if (!format) throw new MigrateError('CLI_USAGE', `--out must end in .html or .md, got ${flags.out}`);
      const options = await pipelineOptions(ctx, flags.project, { strict: flags.strict, needsPassword: false });
      const result = await prepareDesired(options);
      if (result.refused || !result.project || !result.imported || !result.mapped) return refuse(ctx, result.diagnostics, false);
      printDiagnostics(ctx.io, result.diagnostics);
      const data = buildReportData({
        project: result.project,
        exports: result.imported.exports,
        mapped: result.mapped,
        diagnostics: result.diagnostics,
        invariants: checkInvariants(result.mapped.model),
        toolVersion: TOOL_VERSION,
        projectDir: result.loaded.projectDir,
        generatedAt: (ctx.io.now ?? (() => new Date()))().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      });
      await writeFile(resolveFrom(ctx.io, flags.out), format === 'html' ? renderReportHtml(data) : renderReportMarkdown(data), 'utf8');
      note(ctx, false, `wrote ${flags.out}`);
    });
}
