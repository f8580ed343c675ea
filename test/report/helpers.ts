/** Report inputs from the checked-in samples (the pipeline up to the mapper, no database). */
import { checkInvariants } from '../../src/model/invariants.js';
import { prepareDesired } from '../../src/pipeline.js';
import type { ReportInput } from '../../src/report/index.js';
import { SAMPLES, samplePath } from '../samples/expected.js';

export type SampleName = keyof typeof SAMPLES;
export const SAMPLE_NAMES = Object.keys(SAMPLES) as SampleName[];

/** The clock every report test passes in: 30 Nov 2026, 14:05 UTC. */
export const NOW = new Date('2026-11-30T14:05:00Z');

export async function sampleInput(name: SampleName): Promise<ReportInput> {
  return projectInput(samplePath(SAMPLES[name].project));
}

/** The report input of any project file (a sample edited in a temp dir): the pipeline up to the mapper. */
export async function projectInput(projectFile: string, extra: Partial<ReportInput> = {}): Promise<ReportInput> {
  const r = await prepareDesired({ projectFile, env: {}, toolVersion: '0.0.0-test' });
  if (!r.project || !r.imported || !r.mapped) throw new Error(`${projectFile} did not map: ${JSON.stringify(r.diagnostics.filter((d) => d.severity === 'error'))}`);
  return {
    project: r.project,
    exports: r.imported.exports,
    mapped: r.mapped,
    diagnostics: r.diagnostics,
    invariants: checkInvariants(r.mapped.model),
    toolVersion: '0.0.0-test',
    generatedAt: NOW,
    projectDir: r.loaded.projectDir,
    ...extra,
  };
}
