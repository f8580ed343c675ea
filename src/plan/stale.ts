/**
 * `apply plan.json`: the saved file masks secrets, so apply re-derives the plan from the same
 * project and target and applies only if it is the plan that was signed off.
 */
import type { Plan, PlanSource } from '../model/index.js';
import type { PlanCode } from './codes.js';
import { adoptSignedForm, planDigest } from './digest.js';
import type { PlanJson } from './plan-schema.js';

export type StaleReason = 'stale-target' | 'sources-changed' | 'project-changed' | 'plan-differs';

export type SavedPlanCheck =
  | { ok: true }
  | { ok: false; reason: StaleReason; code: PlanCode; message: string; hint: string };

const refusal = (projectPath: string) => (reason: StaleReason, code: PlanCode, message: string): SavedPlanCheck => ({
  ok: false,
  reason,
  code,
  message,
  hint: `Run \`procall-migrate plan -p ${projectPath} --out plan.json\` again and have it signed off again.`,
});

/**
 * The offline part of the check: the project file's digest, and (when given) the exports' file
 * digests. `apply` runs it before it connects, so a changed file is refused even where the
 * database cannot be reached.
 */
export function checkSavedInputs(
  saved: Pick<PlanJson, 'project' | 'sources'>,
  now: { project: { path: string; sha256: string }; sources?: readonly PlanSource[] },
): SavedPlanCheck {
  const refuse = refusal(now.project.path);
  if (saved.project.sha256 !== now.project.sha256) {
    return refuse('project-changed', 'PLAN_PROJECT_CHANGED', `The project file ${now.project.path} changed since the plan was made.`);
  }
  const changedFiles = now.sources === undefined ? [] : diffSourceFiles(saved.sources, now.sources);
  if (changedFiles.length > 0) {
    const shown = changedFiles.slice(0, 5).join(', ');
    const more = changedFiles.length > 5 ? ` and ${changedFiles.length - 5} more` : '';
    return refuse('sources-changed', 'PLAN_SOURCES_CHANGED', `Source exports changed since the plan was made: ${shown}${more}.`);
  }
  return { ok: true };
}

/**
 * Compares a saved plan with the one derived now; the first difference found is the reason.
 * The recomputed plan's digest is taken as the saved plan computed it (its format version, the
 * paths as it writes them — the file's own digest vouches for those): paths differ where the
 * folder was copied or `--project` named the project elsewhere, contents may not. When it
 * matches, the recomputed plan keeps that form (`adoptSignedForm`), so the database records the
 * digest that was signed off.
 */
export function checkSavedPlan(saved: PlanJson, recomputed: Plan): SavedPlanCheck {
  const refuse = refusal(recomputed.project.path);
  const inputs = checkSavedInputs(saved, recomputed);
  if (!inputs.ok) return inputs;
  if (saved.targetFingerprint !== recomputed.targetFingerprint) {
    return refuse(
      'stale-target',
      'PLAN_STALE_TARGET',
      `The target database changed since the plan was made (fingerprint ${short(saved.targetFingerprint)} then, ${short(recomputed.targetFingerprint)} now).`,
    );
  }
  const matches = (withSourcePaths: boolean): boolean => {
    adoptSignedForm(recomputed, saved, withSourcePaths);
    return saved.planDigest === planDigest(recomputed);
  };
  if (!matches(false) && !(saved.formatVersion === 1 && matches(true))) {
    const toolNote = saved.toolVersion === recomputed.toolVersion ? '' : ` (made with version ${saved.toolVersion}, applied with ${recomputed.toolVersion})`;
    return refuse('plan-differs', 'PLAN_DIFFERS', `Planning again from the same inputs gives a different plan${toolNote}.`);
  }
  return { ok: true };
}

/** A source's server and its files' digests, as a plan records them. */
type SourceFiles = { server: string; files: readonly { path: string; sha256: string }[] };

/** `server:file (changed|added|removed)` for every source file whose digest is not the same. */
export function diffSourceFiles(saved: readonly SourceFiles[], now: readonly SourceFiles[]): string[] {
  const index = (sources: readonly SourceFiles[]) =>
    new Map(sources.flatMap((s) => s.files.map((f) => [`${s.server}:${f.path}`, f.sha256] as const)));
  const before = index(saved);
  const after = index(now);
  const out: string[] = [];
  for (const [file, sha] of after) {
    const old = before.get(file);
    if (old === undefined) out.push(`${file} (added)`);
    else if (old !== sha) out.push(`${file} (changed)`);
  }
  for (const file of before.keys()) if (!after.has(file)) out.push(`${file} (removed)`);
  return out;
}

const short = (fingerprint: string): string => (fingerprint.length > 12 ? `${fingerprint.slice(0, 12)}…` : fingerprint);
