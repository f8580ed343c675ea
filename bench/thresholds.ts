/**
 * The acceptance figures of issue 14, checked against a benchmark's medians. Ratios to the floor
 * hold for any size; the absolute memory limits are the for 50,000 and 100,000 users.
 */

/** One stage's summary at one size (medians over the runs; peak RSS is the largest seen). */
export interface Measured {
  stage: string;
  users: number;
  ok: boolean;
  error?: string;
  runs: number;
  wallMs?: number;
  minMs?: number;
  maxMs?: number;
  cpuMs?: number;
  peakRssMB?: number;
  info?: Record<string, unknown>;
}

export interface Verdict {
  stage: string;
  users: number;
  text: string;
  pass: boolean;
}

interface Rule {
  stage: string;
  /** Only at this size (absolute limits); every size when absent. */
  users?: number;
  maxFloorRatio?: number;
  maxRssMB?: number;
  /** Wall time at most this many times the same stage's at `users / 2` (scaling). */
  maxHalfSizeRatio?: number;
  /** Wall time (median) at most this many seconds. */
  maxWallS?: number;
}

export const RULES: readonly Rule[] = [
  { stage: 'import', maxFloorRatio: 1.5 },
  { stage: 'plan-json', maxFloorRatio: 2.0 },
  { stage: 'plan-json', users: 50_000, maxRssMB: 600 },
  { stage: 'plan-json', users: 100_000, maxRssMB: 1100, maxHalfSizeRatio: 2.2 },
  // The figures for `migrate` on a real server; the stage has no server (stages/migrate.ts),
  // so passing them here is necessary, not sufficient.
  { stage: 'migrate', users: 50_000, maxWallS: 30, maxRssMB: 700 },
];

const round2 = (x: number): number => Math.round(x * 100) / 100;

export function judge(results: readonly Measured[]): Verdict[] {
  const verdicts: Verdict[] = [];
  const find = (stage: string, users: number) => results.find((r) => r.stage === stage && r.users === users && r.ok);
  for (const rule of RULES) {
    for (const m of results) {
      if (m.stage !== rule.stage || !m.ok || (rule.users !== undefined && m.users !== rule.users)) continue;
      const floor = find('floor', m.users);
      if (rule.maxFloorRatio !== undefined && floor?.wallMs && m.wallMs !== undefined) {
        const r = round2(m.wallMs / floor.wallMs);
        verdicts.push({ stage: m.stage, users: m.users, text: `${r}× floor ${r <= rule.maxFloorRatio ? '≤' : '>'} ${rule.maxFloorRatio}×`, pass: r <= rule.maxFloorRatio });
      }
      if (rule.maxRssMB !== undefined && m.peakRssMB !== undefined) {
        const pass = m.peakRssMB <= rule.maxRssMB;
        verdicts.push({ stage: m.stage, users: m.users, text: `RSS ${m.peakRssMB} ${pass ? '≤' : '>'} ${rule.maxRssMB} MB`, pass });
      }
      if (rule.maxWallS !== undefined && m.wallMs !== undefined) {
        const secs = round2(m.wallMs / 1000);
        verdicts.push({ stage: m.stage, users: m.users, text: `${secs} s ${secs <= rule.maxWallS ? '≤' : '>'} ${rule.maxWallS} s`, pass: secs <= rule.maxWallS });
      }
      const half = find(m.stage, m.users / 2);
      if (rule.maxHalfSizeRatio !== undefined && half?.wallMs && m.wallMs !== undefined) {
        const r = round2(m.wallMs / half.wallMs);
        verdicts.push({ stage: m.stage, users: m.users, text: `${r}× the ${half.users}-user time ${r <= rule.maxHalfSizeRatio ? '≤' : '>'} ${rule.maxHalfSizeRatio}×`, pass: r <= rule.maxHalfSizeRatio });
      }
    }
  }
  return verdicts;
}
