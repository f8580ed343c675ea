/**
 * The result of `preflight --json` (migration-project.md, "Preflight"), read back for the report:
 * validated with zod, shown on the setup sheets, and used to tick the checklist items on Redis
 * and the multi-server database.
 */
import { preflightResultSchema, type PreflightCheck, type PreflightResult } from '../preflight/index.js';

export type { PreflightCheck, PreflightResult } from '../preflight/index.js';

/** The parsed file, or one plain sentence per problem (`checks[2].result: …`). */
export function parsePreflight(text: string): { ok: true; value: PreflightResult } | { ok: false; problems: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`not JSON (${(error as Error).message})`] };
  }
  const parsed = preflightResultSchema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.slice(0, 5).map((i) => `${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(file)'}: ${i.message}`),
  };
}

/** What preflight says about one area: undefined when it did not test it (no check, or only skips). */
export function areaOutcome(result: PreflightResult | undefined, area: PreflightCheck['area']): { passed: number; total: number; failed: PreflightCheck[] } | undefined {
  const checks = (result?.checks ?? []).filter((c) => c.area === area && c.result !== 'skip');
  if (checks.length === 0) return undefined;
  return { passed: checks.filter((c) => c.result === 'pass').length, total: checks.length, failed: checks.filter((c) => c.result === 'fail') };
}
