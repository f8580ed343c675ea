/**
 * The result of `preflight` (migration-project.md, "Preflight"): a flat list of checks, each
 * `pass | warn | fail | skip` with one plain sentence. `--json` prints exactly `{ checks }`;
 * `report --preflight result.json` reads it back with `preflightResultSchema`.
 */
import { z } from 'zod';
import { decideOptionSchema, paramValueSchema, type DecideOption, type ParamValue } from '../model/index.js';

export const PREFLIGHT_AREAS = ['sql', 'redis', 'directory', 'names', 'share'] as const;
export const CHECK_RESULTS = ['pass', 'warn', 'fail', 'skip'] as const;

export type PreflightArea = (typeof PREFLIGHT_AREAS)[number];
export type CheckResult = (typeof CHECK_RESULTS)[number];

export interface PreflightCheck {
  area: PreflightArea;
  /** Short, stable name of what was checked (`login`, `tls wildcard`, `sentinel host:26379`, a host name). */
  name: string;
  result: CheckResult;
  /** One plain sentence; never a secret. */
  message: string;
  /** Stable code (area `directory`: directory-codes.ts); the report renders code + params in its language. */
  code?: string;
  /** The values the message is made of (user, counts, host, …). */
  params?: Record<string, ParamValue>;
  /** The entity it is about (`user:anna.schmidt`). */
  subject?: string;
  /** How the project settles it, first option first (docs/decide.md). */
  decide?: DecideOption[];
}

export interface PreflightResult {
  checks: PreflightCheck[];
}

export const preflightCheckSchema = z.strictObject({
  area: z.enum(PREFLIGHT_AREAS),
  name: z.string().min(1),
  result: z.enum(CHECK_RESULTS),
  message: z.string(),
  code: z.string().optional(),
  params: z.record(z.string(), paramValueSchema).optional(),
  subject: z.string().optional(),
  decide: z.array(decideOptionSchema).optional(),
});

/** The `--json` shape, for readers of a saved preflight (the report). */
export const preflightResultSchema = z.strictObject({ checks: z.array(preflightCheckSchema) });

export function check(area: PreflightArea, name: string, result: CheckResult, message: string): PreflightCheck {
  return { area, name, result, message };
}

/** A check with its stable code and the values its sentence is made of (the report renders them in its language). */
export function coded(
  area: PreflightArea,
  name: string,
  result: CheckResult,
  code: string,
  message: string,
  params: Record<string, ParamValue> = {},
): PreflightCheck {
  return { area, name, result, message, code, params };
}

/** Exit code of a preflight: 0 when nothing failed, 3 otherwise (the contract). */
export function preflightExitCode(result: PreflightResult): 0 | 3 {
  return result.checks.some((c) => c.result === 'fail') ? 3 : 0;
}

/** Checks of one code shown one by one in text; the rest are counted (all of them are in --json). */
export const TEXT_CHECKS_PER_CODE = 25;

/** The text output: one line per check (and its decide: lines), then a count. */
export function renderPreflightText(result: PreflightResult): string {
  const lines: string[] = [];
  const shown = new Map<string, number>();
  const hidden = new Map<string, number>();
  for (const c of result.checks) {
    // Per-user findings: at 10,000 users the text stays readable; --json has every one.
    if (c.subject !== undefined && c.code !== undefined) {
      const n = (shown.get(c.code) ?? 0) + 1;
      shown.set(c.code, n);
      if (n > TEXT_CHECKS_PER_CODE) {
        hidden.set(c.code, (hidden.get(c.code) ?? 0) + 1);
        continue;
      }
    }
    lines.push(`${c.result.toUpperCase().padEnd(4)}  ${c.area}: ${c.name}: ${c.message}`);
    for (const d of c.decide ?? []) lines.push(`      decide: ${d.label}: ${d.yaml.replace(/\n/g, '\n              ')}`);
  }
  for (const [code, n] of hidden) lines.push(`      … and ${n} more ${code} (every one in --json)`);
  const count = (r: CheckResult) => result.checks.filter((c) => c.result === r).length;
  lines.push(`${count('pass')} passed, ${count('warn')} warnings, ${count('fail')} failed, ${count('skip')} skipped`);
  return `${lines.join('\n')}\n`;
}

/** Runs `fn` and never lets it hang longer than `ms`: the check fails with `onTimeout`'s sentence. */
export async function withTimeout<T>(ms: number, fn: () => Promise<T>, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
    timer.unref();
  });
  try {
    return await Promise.race([fn(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The first line of an error's message, for a check's sentence (callers scrub secrets first). */
export function errorText(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  return (raw.split('\n')[0] ?? '').trim().replace(/[.\s]+$/, '');
}
