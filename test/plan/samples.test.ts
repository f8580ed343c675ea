/**
 * The plans of the three sample customers against an empty target: what a consultant and a DBA
 * would read first. Digests are fixed placeholders so the snapshots change only with the plan.
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_FINGERPRINT, renderPlanJson, renderPlanMarkdown, renderPlanText } from '../../src/plan/index.js';
import { ALL_EXPORTS, ALL_SECRETS, SAMPLES, type SampleName } from '../samples/expected.js';
import { desiredOf, samplePlan } from './sample-plan.js';

describe.each(Object.keys(SAMPLES) as SampleName[])('sample %s', (name) => {
  it('plans against an empty target (text)', async () => {
    const plan = await samplePlan(name);
    expect(plan.targetFingerprint).toBe(EMPTY_FINGERPRINT);
    expect(plan.changes.every((c) => c.action === 'create')).toBe(true);
    expect(renderPlanText(plan, { color: false })).toMatchSnapshot();
  });

  it('plans against an empty target (markdown)', async () => {
    expect(renderPlanMarkdown(await samplePlan(name))).toMatchSnapshot();
  });

  it('has no changes against a target that already holds it', async () => {
    const { model } = await desiredOf(name);
    const plan = await samplePlan(name, model);
    expect(plan.changes).toEqual([]);
    expect(plan.diagnostics).toEqual([]);
  });

  it('never shows a secret, a password hash or a full licence key', async () => {
    const plan = await samplePlan(name);
    const outputs = [renderPlanText(plan, { color: false, limit: 'all' }), renderPlanMarkdown(plan, { limit: 'all' }), renderPlanJson(plan)];
    const keys = ALL_EXPORTS.filter((e) => e.sample === name).flatMap((e) => e.licenseKeys);
    for (const out of outputs) {
      for (const secret of [...ALL_SECRETS, ...keys]) expect(out).not.toContain(secret);
      expect(out).not.toContain('{PBKDF2}');
    }
  });
});
