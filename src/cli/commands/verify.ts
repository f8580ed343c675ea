/** `verify -p FILE`: reads the target and checks every invariant of the database contract. */
import { Option, type Command } from 'commander';
import { ExitCode, MigrateError } from '../../model/index.js';
import { checkInvariants, type InvariantResult } from '../../model/index.js';
import { connect as mssqlConnect, readActual } from '../../writers/mssql/index.js';
import { createStepRunner, progressMode } from '../progress.js';
import { projectInputs, writeOutput } from '../output-file.js';
import { chooseFormat } from '../output-format.js';
import { note, projectTarget, resolveFrom, type CommandContext } from '../shared.js';

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
    .option('-p, --project <file>', 'the project file; its target: names the database (default: ./procall-migrate.yaml)')
    .option('--json', 'print the results as JSON')
    .addOption(new Option('--format <format>', 'text or json (default: text; with --out: from the file name)').choices(['text', 'json']))
    .option('--out <file>', 'write the results to a file instead of stdout (.json or .txt; folders are created)')
    .addHelpText(
      'after',
      `
Example:
  $ PROCALL_SQL_PASSWORD=… procall-migrate verify -p procall-migrate.yaml
  exit 0 when every invariant holds, 1 otherwise`,
    )
    .action(async (flags: { project: string; json?: boolean; format?: string; out?: string }) => {
      const format = chooseFormat(flags, ['text', 'json'], flags.out === undefined ? 'text' : 'json');
      const opened = await projectTarget(ctx, flags.project, {
        json: flags.json,
        noTarget: 'the project names no target database to verify (no `target:` section)',
        hint: 'add a target: section to the project file (see the comments `procall-migrate init` writes)',
      });
      if (!opened) return;
      const { target, env } = opened;
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
      const body = format === 'json' ? `${JSON.stringify({ status: ok ? 'ok' : 'failed', invariants: results }, null, 2)}\n` : renderInvariants(results);
      if (flags.out === undefined) ctx.io.stdout.write(body);
      else {
        await writeOutput(resolveFrom(ctx.io, flags.out), body, projectInputs(opened.projectPath, opened.project));
        note(ctx, flags.json, `wrote ${flags.out}: ${ok ? 'every invariant holds' : 'invariants fail'}`);
      }
      ctx.setExit(ok ? ExitCode.ok : ExitCode.error);
    });
}
