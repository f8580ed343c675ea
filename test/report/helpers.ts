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
  const r = await prepareDesired({ projectFile: samplePath(SAMPLES[name].project), env: {}, toolVersion: '0.0.0-test' });
  if (!r.project || !r.imported || !r.mapped) throw new Error(`sample ${name} did not map: ${JSON.stringify(r.diagnostics.filter((d) => d.severity === 'error'))}`);
  return {
    project: r.project,
    exports: r.imported.exports,
    mapped: r.mapped,
    diagnostics: r.diagnostics,
    invariants: checkInvariants(r.mapped.model),
    toolVersion: '0.0.0-test',
    generatedAt: NOW,
    projectDir: r.loaded.projectDir,
  };
}
