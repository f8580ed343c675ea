/** Small helpers every command uses: paths against cwd, file checks, pipeline wiring, output. */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { ExitCode, MigrateError } from '../model/index.js';
import type { Diagnostic } from '../model/index.js';
import { loadProject } from '../project/index.js';
import type { Project } from '../project/index.js';
import type { PipelineOptions } from '../pipeline.js';
import type { CliIO } from './io.js';
import { createStepRunner, progressMode } from './progress.js';
import { diagnosticCounts, renderDiagnostics } from './render-diagnostics.js';
import { TOOL_VERSION } from './version.js';

export interface CommandContext {
  io: CliIO;
  /** The command's exit code (the boundary handles thrown errors). */
  setExit(code: number): void;
}

export function resolveFrom(io: CliIO, p: string): string {
  return path.resolve(io.cwd, p);
}

/** A missing input is a plain one-line error, never a stack trace. */
export function requireExisting(io: CliIO, p: string, what: string): string {
  const abs = resolveFrom(io, p);
  if (!existsSync(abs)) {
    throw new MigrateError('CLI_FILE_NOT_FOUND', `${what} not found: ${p}`, { hint: `check the path (relative to ${io.cwd})` });
  }
  return abs;
}

/** The project file a command uses when `-p` is not given: this one, in the working directory. */
export const DEFAULT_PROJECT_FILE = 'procall-migrate.yaml';

/**
 * `-p FILE` when given, else ./procall-migrate.yaml when it exists; otherwise a usage error
 * (exit 1) that says to pass -p or create the file with `init`.
 */
export function projectOrDefault(io: CliIO, given: string | undefined): string {
  if (given !== undefined) return given;
  if (existsSync(resolveFrom(io, DEFAULT_PROJECT_FILE))) return DEFAULT_PROJECT_FILE;
  throw new MigrateError('CLI_USAGE', `no project file: pass -p FILE (there is no ${DEFAULT_PROJECT_FILE} in ${io.cwd})`, {
    hint: `or create one here with \`procall-migrate init EXPORTS... --out ${DEFAULT_PROJECT_FILE}\``,
  });
}

/** `--limit N|all`: how many changes per table the text plan shows (commander argument parser). */
export function parseLimit(value: string): number | 'all' {
  if (/^all$/i.test(value)) return 'all';
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a number of rows or "all", got "${value}"`);
  return Number(value);
}

/** Colour for stdout: the terminal allows it and the command line did not say --no-color. */
export function useColor(io: CliIO, flag: boolean | undefined): boolean {
  return flag !== false && io.color === true;
}

/** Diagnostics to stderr (text mode only), with a one-line count. */
export function printDiagnostics(io: CliIO, diagnostics: readonly Diagnostic[], limit?: number | 'all'): void {
  if (diagnostics.length === 0) return;
  io.stderr.write(renderDiagnostics(diagnostics, limit));
  io.stderr.write(`${diagnosticCounts(diagnostics)}\n`);
}

/** Refused by validation: the diagnostics, then exit 3 (`{status:"refused"}` with --json); `why` replaces the closing line. */
export function refuse(ctx: CommandContext, diagnostics: readonly Diagnostic[], json: boolean | undefined, why = 'refused: fix the errors above; nothing was written'): void {
  if (json) {
    ctx.io.stdout.write(`${JSON.stringify({ status: 'refused', code: 'VALIDATION', diagnostics }, null, 2)}\n`);
  } else {
    printDiagnostics(ctx.io, diagnostics);
    ctx.io.stderr.write(`${why}\n`);
  }
  ctx.setExit(ExitCode.refused);
}

/**
 * The environment for a run: when the project's target names a passwordEnv that is not set
 * and a person is at the terminal, ask for the password (hidden) — never from argv. Without a
 * terminal it stops here, before a long import, naming the variable to set.
 */
export async function envWithPassword(io: CliIO, projectFile: string): Promise<Record<string, string | undefined>> {
  const target = (await loadProject(projectFile, io.env)).project?.target;
  const name = target?.passwordEnv;
  if (!target || !name || io.env[name] !== undefined || target.authentication === 'default') return io.env;
  if (io.isTTY && io.ask) {
    const password = await io.ask(`Password for ${target.user ?? 'the login'} on ${target.server}/${target.database} (${name} is not set): `, { secret: true });
    return { ...io.env, [name]: password };
  }
  throw new MigrateError('CLI_PASSWORD_MISSING', `no password for the target database ${target.server}/${target.database}: ${name} is not set`, {
    hint: `set ${name} in the environment (or run on a terminal to be asked); passwords never come from the project file or the command line`,
  });
}

/** The pipeline options every project command shares. */
export async function pipelineOptions(
  ctx: CommandContext,
  projectArg: string,
  flags: { json?: boolean; prune?: boolean; strict?: boolean; needsPassword?: boolean; noTarget?: boolean },
): Promise<PipelineOptions> {
  const projectFile = requireExisting(ctx.io, projectArg, 'project file');
  const offline = flags.noTarget === true || flags.needsPassword === false;
  const opts: PipelineOptions = {
    projectFile,
    env: offline ? ctx.io.env : await envWithPassword(ctx.io, projectFile),
    step: createStepRunner(ctx.io, progressMode(ctx.io, flags.json)),
    prune: flags.prune ?? false,
    strict: flags.strict ?? false,
    toolVersion: TOOL_VERSION,
    run: { runId: randomUUID(), operator: operatorName(ctx.io) },
  };
  if (flags.noTarget) opts.noTarget = true;
  if (ctx.io.connect) opts.connect = ctx.io.connect;
  if (ctx.io.now) opts.now = ctx.io.now;
  return opts;
}

/**
 * `--target` / `--no-target` as commander gives it: `target: false` means `--no-target` was passed
 * (plan against an empty database, never connect, never ask for a password).
 */
export function noTargetFlag(flags: { target?: boolean }): boolean {
  return flags.target === false;
}

/** Writes a text line to stderr unless --json (status lines never go to stdout). */
export function note(ctx: CommandContext, json: boolean | undefined, line: string): void {
  if (!json) ctx.io.stderr.write(`${line}\n`);
}

/** Who ran the migration, for dc.MigrationRun (the OS account; never a credential). */
function operatorName(io: CliIO): string {
  const fromEnv = io.env.USERNAME ?? io.env.USER;
  if (fromEnv) return io.env.USERDOMAIN ? `${io.env.USERDOMAIN}\\${fromEnv}` : fromEnv;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/**
 * The project's target for a command that only talks to the database (verify, runs): the project
 * file checked (its errors refuse, said here: undefined), the password asked for when needed.
 * `noTarget` is the message when the project has no `target:` section.
 */
export async function projectTarget(
  ctx: CommandContext,
  projectFlag: string,
  opts: { json?: boolean | undefined; noTarget: string; hint: string },
): Promise<{ target: NonNullable<Project['target']>; env: Record<string, string | undefined>; project: Project; projectPath: string } | undefined> {
  const projectFile = requireExisting(ctx.io, projectFlag, 'project file');
  const env = await envWithPassword(ctx.io, projectFile);
  const loaded = await loadProject(projectFile, env);
  if (!loaded.project || loaded.diagnostics.some((d) => d.severity === 'error')) return void refuse(ctx, loaded.diagnostics, opts.json);
  const target = loaded.project.target;
  if (!target) throw new MigrateError('CLI_NO_TARGET', opts.noTarget, { hint: opts.hint });
  return { target, env, project: loaded.project, projectPath: loaded.projectPath };
}
