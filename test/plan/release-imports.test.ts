/**
 * `plan` asks the pipeline for the plan alone (`releaseImports`): the imported exports are let go
 * before planning, so at 50,000 users they can be collected while the plan is made and written.
 * The plan must be the same, byte for byte and digest for digest, as with the exports kept.
 */
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline.js';
import { planDigest } from '../../src/plan/digest.js';
import { renderPlanJson } from '../../src/plan/saved/render-json.js';
import { SAMPLES, samplePath, type SampleName } from '../samples/expected.js';

describe.each(Object.keys(SAMPLES) as SampleName[])('the %s plan without the imported exports', (name) => {
  it('is the same plan, and the result holds no imported exports', async () => {
    const opts = { projectFile: samplePath(SAMPLES[name].project), env: {}, toolVersion: '0.0.0-test', now: () => new Date(0) };
    const kept = await runPipeline(opts);
    const released = await runPipeline({ ...opts, releaseImports: true });
    expect(kept.plan).toBeDefined();
    expect(kept.imported).toBeDefined();
    expect(released.imported).toBeUndefined();
    expect(released.mapped).toBeDefined();
    expect(renderPlanJson(released.plan!)).toBe(renderPlanJson(kept.plan!));
    expect(planDigest(released.plan!)).toBe(planDigest(kept.plan!));
  });
});
