/**
 * The command line: one commander program, every command of the contract, and `run()` —
 * argv and the outside world in, an exit code out. Tests call `run()` directly.
 */
import { Command, CommanderError } from 'commander';
import { reportError } from './error-boundary.js';
import { setCommand } from './interrupt.js';
import type { CliIO } from './io.js';
import { projectOrDefault, type CommandContext } from './shared.js';
import { TOOL_VERSION } from './version.js';
import { registerInit } from './commands/index.js';
import { registerInspect } from './commands/index.js';
import { registerPlan } from './commands/index.js';
import { registerMigrate } from './commands/index.js';
import { registerApply } from './commands/index.js';
import { registerScript } from './commands/index.js';
import { registerReport } from './commands/index.js';
import { registerRollout } from './commands/index.js';
import { registerVerify } from './commands/index.js';
import { registerRuns } from './commands/index.js';
import { registerUndo } from './commands/index.js';
import { registerPreflight } from './commands/index.js';

export function buildProgram(ctx: CommandContext): Command {
  const program = new Command('procall-migrate');
  program
    .description('Migrate estos ProCall Enterprise configuration exports into a ProCall DataCenter multi-server database.')
    .version(TOOL_VERSION, '-V, --version', 'print the version')
    .option('--debug', 'print stack traces of unexpected errors')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(s),
      // The error boundary prints usage errors as one line; commander must not print them too.
      outputError: () => {},
      getOutHelpWidth: () => 100,
      getErrHelpWidth: () => 100,
    })
    .showSuggestionAfterError(true)
    // Ctrl-C names the command it interrupted (interrupt.ts).
    .hook('preAction', (_program, action) => setCommand(action.name()))
    // `-p` defaults to ./procall-migrate.yaml (apply takes the plan's project, report --plan too).
    .hook('preAction', (_program, action) => {
      if (!action.options.some((o) => o.long === '--project') || action.name() === 'apply') return;
      const flags = action.opts<{ project?: string; plan?: string }>();
      if (action.name() === 'report' && flags.plan !== undefined) return;
      action.setOptionValue('project', projectOrDefault(ctx.io, flags.project));
    })
    .addHelpText(
      'after',
      `
Typical flow:
  $ procall-migrate inspect exports/*.zip
  $ procall-migrate init exports/*.zip --out procall-migrate.yaml
  $ procall-migrate plan -p procall-migrate.yaml
  $ procall-migrate report -p procall-migrate.yaml --out report.html
  $ procall-migrate preflight -p procall-migrate.yaml
  $ procall-migrate migrate -p procall-migrate.yaml
  $ procall-migrate verify -p procall-migrate.yaml
  $ procall-migrate rollout -p procall-migrate.yaml --out rollout/

Exit codes: 0 ok, 1 error, 2 changes present (--detailed-exitcode), 3 refused by validation.`,
    );
  registerInit(program, ctx);
  registerInspect(program, ctx);
  registerPlan(program, ctx);
  registerMigrate(program, ctx);
  registerApply(program, ctx);
  registerScript(program, ctx);
  registerReport(program, ctx);
  registerRollout(program, ctx);
  registerVerify(program, ctx);
  registerRuns(program, ctx);
  registerUndo(program, ctx);
  registerPreflight(program, ctx);
  return program;
}

/** Runs one command line; never throws; returns the exit code. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const json = argv.includes('--json') || /^json$/.test(argv[argv.indexOf('--format') + 1] ?? '');
  const debug = argv.includes('--debug');
  let exitCode = 0;
  const ctx: CommandContext = { io, setExit: (code) => (exitCode = code) };
  try {
    await buildProgram(ctx).parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version were printed already; `procall-migrate` alone printed help to stderr.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      if (error.code === 'commander.help') return error.exitCode;
    }
    return reportError(error, io, { json, debug });
  }
}
