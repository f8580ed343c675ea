/** Shared between bench/bench.ts and bench/stage-runner.ts (which runs on import, so it exports nothing). */
export const STAGES = ['floor', 'import', 'import+map', 'plan'] as const;
export type Stage = (typeof STAGES)[number];

export interface StageResult {
  stage: Stage;
  available: boolean;
  /** Why the stage could not run (missing module/function, or an error it threw). */
  reason?: string;
  /** Wall time of the stage's work, module loading excluded. */
  ms?: number;
  /** Time per step inside the stage (import, map, plan). */
  steps?: Record<string, number>;
  /** process.resourceUsage().maxRSS at the end, in MB. */
  peakRssMB?: number;
  /** What the stage produced (counts), to show the work was real. */
  info?: Record<string, unknown>;
}

