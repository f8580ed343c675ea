/** `script -p FILE --out seed.sql`: the same change as one T-SQL script for a DBA to review and run. */
import path from 'node:path';
import type { Command } from 'commander';
import { runPipeline } from '../../pipeline.js';
import { planDigest, sourceDigest } from '../../plan/index.js';
import { countStatements, sqlcmdVariablesArgument, writeSqlScript, type SqlScriptInfo } from '../../writers/mssql/index.js';
import { requirePlannable } from '../gate.js';
import { projectInputs, writeOutput } from '../output-file.js';
import { noTargetFlag, note, pipelineOptions, printDiagnostics, resolveFrom, type CommandContext } from '../shared.js';

interface ScriptFlags {
  project: string;
  out: string;
  prune?: boolean;
  overwriteAdminEdits?: boolean;
  strict?: boolean;
  target?: boolean;
}

/** What the DBA must know besides the file: the variables to give and the credentials `apply` writes afterwards. */
export function scriptNotes(out: string, script: SqlScriptInfo): string[] {
  const lines: string[] = [];
  if (script.variables.length > 0) {
    lines.push(`the script needs ${script.variables.length} sqlcmd variable${script.variables.length === 1 ? '' : 's'} (secret values are never written into it):`);
    for (const v of script.variables) lines.push(`  ${v.name.padEnd(14)} ${v.what}`);
  }
  lines.push(`run it with: sqlcmd -S <server> -d <database> -f 65001 -b -i ${out}${sqlcmdVariablesArgument(script.variables)}`);
  if (script.credentialsLeftOut > 0) {
    const n = script.credentialsLeftOut;
    lines.push(
      `${n} user credential${n === 1 ? ' (password hash) is' : 's (password hashes) are'} not in the script: run \`procall-migrate apply\` or \`procall-migrate migrate\` afterwards to write ${n === 1 ? 'it' : 'them'}`,
    );
  }
  return lines;
}

export function registerScript(program: Command, ctx: CommandContext): void {
  program
    .command('script')
    .description('write the planned change as one T-SQL script (one transaction) for a DBA to review and run with sqlcmd')
    .option('-p, --project <file>', 'the project file (default: ./procall-migrate.yaml)')
    .requiredOption('--out <seed.sql>', 'where to write the script (folders are created)')
    .option('--no-target', 'script against an empty database even when the project names a target; never connects')
    .option('--prune', 'also remove rows of these sources that the exports no longer hold')
    .option('--overwrite-admin-edits', 'plan the sources\' values over admin edits made in DataCenter since the last run (and over conflicts)')
    .option('--strict', 'treat warnings as errors')
    .addHelpText(
      'after',
      `
Example:
  $ procall-migrate script -p samples/alpen-handel/procall-migrate.yaml --out seed.sql
  $ sqlcmd -S sql01.corp.example -d ProCallDC -f 65001 -b -i seed.sql -v PM_SECRET_1=<hex> # run by the DBA

Secret settings and licence keys are sqlcmd variables (PM_SECRET_1, …): the command lists what
each one is. User credentials (password hashes) are never in a script: \`apply\` writes them.`,
    )
    .action(async (flags: ScriptFlags) => {
      const options = await pipelineOptions(ctx, flags.project, { prune: flags.prune, strict: flags.strict, noTarget: noTargetFlag(flags) });
      options.overwriteAdminEdits = flags.overwriteAdminEdits ?? false;
      const result = await runPipeline({ ...options, releaseImports: true, provenance: false });
      // The gate: a script only from a project `plan` accepts (open decisions, errors, --strict warnings).
      if (!requirePlannable(ctx, result, { strict: flags.strict ?? false }) || !result.plan) return;
      printDiagnostics(ctx.io, result.plan.diagnostics);
      const plan = result.plan;
      const collation = result.project?.target?.collation;
      const out = resolveFrom(ctx.io, flags.out);
      const scriptOptions = {
        // The digest of the plan saved beside the script (docs/plan-format.md): seed.sql and plan.json in one folder agree.
        planDigest: planDigest(plan, { relativeTo: path.dirname(out) }),
        sourceDigest: sourceDigest(plan),
        generatedAt: (ctx.io.now ?? (() => new Date()))(),
        ...(collation === undefined ? {} : { collation }),
      };
      // Streamed: the script of 50,000 users is 140 MB, never held as one string.
      let script: SqlScriptInfo = { variables: [], credentialsLeftOut: 0 };
      await writeOutput(
        out,
        async (sink) => {
          script = await writeSqlScript(plan, scriptOptions, { write: (chunk) => sink.write(chunk) });
        },
        projectInputs(result.loaded.projectPath, result.project),
      );
      const count = countStatements(plan);
      note(ctx, false, `wrote ${flags.out}: ${count.rows} row changes in ${count.statements} statements, one transaction`);
      for (const line of scriptNotes(flags.out, script)) note(ctx, false, line);
    });
}
