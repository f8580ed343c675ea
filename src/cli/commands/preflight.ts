/** `preflight -p FILE [--json]`: checks the customer's SQL Server, Redis, directory and names before the migration evening. */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { loadProject } from '../../project/index.js';
import { checksDirectory, DEFAULT_PREFLIGHT_TIMEOUT_MS, preflightExitCode, renderPreflightText, runPreflight } from '../../preflight/index.js';
import { loadDirectoryInputs } from '../../preflight/index.js';
import type { SqlConnect } from '../../preflight/index.js';
import { createStepRunner, progressMode } from '../progress.js';
import { projectInputs, writeOutput } from '../output-file.js';
import { chooseFormat } from '../output-format.js';
import { note, refuse, requireExisting, resolveFrom, type CommandContext } from '../shared.js';
import type { CliIO } from '../io.js';

function parseSeconds(value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0 || Number(value) > 120) {
    throw new InvalidArgumentError(`expected seconds between 0 and 120, got "${value}"`);
  }
  return Number(value);
}

/**
 * On a terminal, asks (hidden) for each password the project names by a variable that is not
 * set — SQL Server, Redis and the directory's bind account. Elsewhere the checks say which variable is missing.
 */
async function envWithPasswords(io: CliIO, projectFile: string): Promise<Record<string, string | undefined>> {
  const project = (await loadProject(projectFile, io.env)).project;
  if (!project || !io.isTTY || !io.ask) return io.env;
  const env = { ...io.env };
  const t = project.target;
  if (t?.passwordEnv && t.authentication !== 'default' && env[t.passwordEnv] === undefined) {
    env[t.passwordEnv] = await io.ask(`Password for ${t.user ?? 'the login'} on ${t.server}/${t.database} (${t.passwordEnv} is not set): `, { secret: true });
  }
  const r = project.redis;
  if (r?.passwordEnv && env[r.passwordEnv] === undefined) {
    env[r.passwordEnv] = await io.ask(`Password for Redis (${r.passwordEnv} is not set): `, { secret: true });
  }
  const d = project.directory;
  if (d?.passwordEnv && checksDirectory(project) && env[d.passwordEnv] === undefined) {
    env[d.passwordEnv] = await io.ask(`Password for the directory's bind account${d.bindUser ? ` ${d.bindUser}` : ''} (${d.passwordEnv} is not set): `, { secret: true });
  }
  return env;
}

export function registerPreflight(program: Command, ctx: CommandContext): void {
  program
    .command('preflight')
    .description("check the customer's SQL Server, Redis, Active Directory and names before the migration (writes nothing)")
    .option('-p, --project <file>', 'the project file with its target: and redis: sections (default: ./procall-migrate.yaml)')
    .option('--json', 'print { "checks": [ … ] }')
    .addOption(new Option('--format <format>', 'text or json (default: text; with --out: from the file name)').choices(['text', 'json']))
    .option('--out <file>', 'write the results to a file (.json for `report --preflight`, or .txt; folders are created)')
    .option('--timeout <seconds>', 'per network operation', parseSeconds, DEFAULT_PREFLIGHT_TIMEOUT_MS / 1000)
    .addHelpText(
      'after',
      `
Example:
  $ PROCALL_SQL_PASSWORD=… PROCALL_REDIS_PASSWORD=… PROCALL_AD_PASSWORD=… procall-migrate preflight -p procall-migrate.yaml --out preflight.json
  $ procall-migrate report -p procall-migrate.yaml --preflight preflight.json --out report.html
  exit 0 when no check fails, 3 otherwise`,
    )
    .action(async (flags: { project: string; json?: boolean; format?: string; out?: string; timeout: number }) => {
      const format = chooseFormat(flags, ['text', 'json'], flags.out === undefined ? 'text' : 'json');
      const projectFile = requireExisting(ctx.io, flags.project, 'project file');
      const env = await envWithPasswords(ctx.io, projectFile);
      const loaded = await loadProject(projectFile, env);
      if (!loaded.project || loaded.diagnostics.some((d) => d.severity === 'error')) return refuse(ctx, loaded.diagnostics, flags.json);
      const ioConnect = ctx.io.connect;
      const connect: SqlConnect | undefined = ioConnect ? (target, e) => ioConnect(target, e) : undefined;
      const step = createStepRunner(ctx.io, progressMode(ctx.io, flags.json));
      const project = loaded.project;
      const result = await runPreflight(project, {
        env,
        step,
        projectDir: loaded.projectDir,
        // userStore ad: every user of the plan is looked up, so the sources are read and mapped as `plan` does.
        directory: () => loadDirectoryInputs(loaded.projectPath, project, env, step),
        timeoutMs: Math.round(flags.timeout * 1000),
        ...(connect ? { connect } : {}),
      });
      const body = format === 'json' ? `${JSON.stringify({ checks: result.checks }, null, 2)}\n` : renderPreflightText(result);
      if (flags.out === undefined) ctx.io.stdout.write(body);
      else {
        await writeOutput(resolveFrom(ctx.io, flags.out), body, projectInputs(loaded.projectPath, loaded.project));
        note(ctx, flags.json, `wrote ${flags.out}: ${result.checks.filter((c) => c.result === 'fail').length} failed check(s)`);
      }
      ctx.setExit(preflightExitCode(result));
    });
}
