/** Saved plans: `plan --out plan.json` writes one, `apply plan.json` reads it back (validated). */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ExitCode, MigrateError } from '../../model/index.js';
import { PLAN_FORMAT_VERSION, READ_PLAN_FORMAT_VERSIONS, type Plan } from '../../model/index.js';
import { digestOf } from '../digest.js';
import { readGuarded } from '../../io/index.js';
import { catalogProblems, forbiddenKeyProblems, planJsonSchema, type PlanJson } from '../plan-schema.js';
import { renderPlanJson } from './render-json.js';
import { NO_SERVER } from '../summary.js';
import { summaryMismatch } from '../summary-check.js';

/** Writes a plan file in one piece (library use; the CLI streams it through its atomic writer). */
export async function writePlanFile(file: string, plan: Plan): Promise<void> {
  await writeFile(file, renderPlanJson(plan, { relativeTo: path.dirname(file) }), 'utf8');
}

/**
 * The project file a saved plan names, as an absolute path: the plan stores it relative to its
 * own folder (older plans stored it absolute, which `path.resolve` keeps as it is).
 */
export function planProjectPath(saved: Pick<PlanJson, 'project'>, planFile: string): string {
  return path.resolve(path.dirname(planFile), saved.project.path);
}

/**
 * The largest plan file read: below V8's longest string (512 MiB), far above a real plan (50,000
 * users give about 60 MB). A 2 GiB sparse file or `/dev/zero` is refused unread (issue 20).
 */
export const MAX_PLAN_FILE_BYTES = 500 * 1024 * 1024;

/**
 * Reads and validates a saved plan through the one read guard (regular file, size, time); any
 * problem is a MigrateError with a PLAN_FILE_* code (a FIFO, device or folder: exit 1, at once).
 */
export async function readPlanFile(path: string, maxBytes = MAX_PLAN_FILE_BYTES): Promise<PlanJson> {
  const read = await readGuarded(path, { maxBytes });
  if (!read.ok) {
    throw new MigrateError('PLAN_FILE_UNREADABLE', `Cannot read the plan file ${path}: it ${read.kind === 'not-found' ? 'does not exist' : read.problem}; nothing was done.`, {
      hint: 'Name the plan.json that `procall-migrate plan -p FILE --out plan.json` wrote.',
      meta: { path },
    });
  }
  return parsePlanJson(read.bytes.toString('utf8'), path);
}

/** Validates the text of a saved plan (see {@link readPlanFile}); `path` only names it in errors. */
export function parsePlanJson(text: string, path: string): PlanJson {
  const remake = 'Make the plan again with `procall-migrate plan -p FILE --out plan.json`.';
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new MigrateError('PLAN_FILE_UNREADABLE', `The plan file ${path} is not JSON.`, { hint: remake, meta: { path }, cause });
  }
  const version = (data as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version !== 'number' || !READ_PLAN_FORMAT_VERSIONS.includes(version)) {
    throw new MigrateError(
      'PLAN_FILE_VERSION',
      `The plan file ${path} has formatVersion ${JSON.stringify(version ?? null)}; this tool reads formatVersion ${READ_PLAN_FORMAT_VERSIONS.join(' and ')}.`,
      { hint: remake, exitCode: ExitCode.refused, meta: { path } },
    );
  }
  // Before the schema copies anything: a `__proto__` key is refused, never merged (issue 20).
  const forbidden = forbiddenKeyProblems(data);
  if (forbidden.length > 0) throw invalid(path, forbidden, remake);
  const parsed = planJsonSchema.safeParse(data);
  if (!parsed.success) {
    throw new MigrateError('PLAN_FILE_INVALID', `The plan file ${path} is not a valid plan:\n${z.prettifyError(parsed.error)}`, {
      hint: remake,
      exitCode: ExitCode.refused,
      meta: { path },
    });
  }
  // Tables and columns only from the catalog: a forged change to `dc.Evil` is never rendered or signed.
  const unknown = catalogProblems(parsed.data);
  if (unknown.length > 0) throw invalid(path, unknown, remake);
  // The digest covers the paths as written (version 2); a version-1 plan carries the older digest
  // (without paths, or, written before that, over the sources' paths).
  if (!savedDigestMatches(parsed.data)) {
    throw new MigrateError('PLAN_FILE_TAMPERED', `The plan file ${path} was changed after it was written (its planDigest does not match).`, {
      hint: `A plan is applied as signed off, never edited. ${remake}`,
      exitCode: ExitCode.refused,
      meta: { path },
    });
  }
  // The digest does not cover the counts: a report signs them, so they must be the changes' own.
  const mismatch = summaryMismatch(parsed.data, NO_SERVER);
  if (mismatch !== undefined) {
    throw new MigrateError('PLAN_FILE_TAMPERED', `The plan file ${path} was changed after it was written (its counts do not match its changes: ${mismatch}).`, {
      hint: `A plan is applied as signed off, never edited. ${remake}`,
      exitCode: ExitCode.refused,
      meta: { path },
    });
  }
  return parsed.data;
}

/** Whether a saved plan's `planDigest` is its own (see digest.ts for what each version covers). */
export function savedDigestMatches(saved: PlanJson): boolean {
  if (digestOf(saved) === saved.planDigest) return true;
  return saved.formatVersion === 1 && digestOf(saved, { withSourcePaths: true }) === saved.planDigest;
}

/** PLAN_FILE_INVALID (exit 3) listing what is wrong, one problem a line. */
function invalid(path: string, problems: readonly string[], remake: string): MigrateError {
  return new MigrateError('PLAN_FILE_INVALID', `The plan file ${path} is not a valid plan:\n  ${problems.join('\n  ')}`, {
    hint: remake,
    exitCode: ExitCode.refused,
    meta: { path },
  });
}
