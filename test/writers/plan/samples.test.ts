/**
 * The plans of the three sample customers against an empty target: what a consultant and a DBA
 * would read first. Digests are fixed placeholders so the snapshots change only with the plan.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importExports } from '../../../src/importers/index.js';
import { loadHomeServerMapping } from '../../../src/importers/home-server-mapping.js';
import { loadProject } from '../../../src/importers/project-file.js';
import { mapToDataCenter } from '../../../src/mappers/index.js';
import { emptyModel, type DataCenterModel } from '../../../src/model/datacenter.js';
import {
  EMPTY_FINGERPRINT,
  fingerprintModel,
  planChanges,
  renderPlanJson,
  renderPlanMarkdown,
  renderPlanText,
} from '../../../src/writers/plan/index.js';
import { ALL_EXPORTS, ALL_SECRETS, REPO_ROOT, SAMPLES, samplePath, type SampleName } from '../../samples/expected.js';

const PLACEHOLDER = '0'.repeat(64);

async function desiredOf(name: SampleName): Promise<{ model: DataCenterModel; sources: string[]; paths: string[] }> {
  const loaded = await loadProject(samplePath(SAMPLES[name].project), {});
  const project = loaded.project;
  if (!project) throw new Error(`sample ${name} has no valid project: ${JSON.stringify(loaded.diagnostics)}`);
  const mapping = project.mappingPath ? await loadHomeServerMapping(project.mappingPath) : { entries: [] };
  const imported = await importExports(project.sourcePaths);
  const mapped = mapToDataCenter({ project, exports: imported.exports, mapping: mapping.entries });
  return {
    model: mapped.model,
    sources: imported.exports.map((e) => e.source),
    paths: imported.exports.map((e) => path.relative(REPO_ROOT, e.inputPath)),
  };
}

async function samplePlan(name: SampleName, actual: DataCenterModel = emptyModel()) {
  const { model, sources, paths } = await desiredOf(name);
  return planChanges(model, actual, {
    sources,
    prune: false,
    meta: {
      toolVersion: '0.0.0-test',
      project: { path: SAMPLES[name].project, sha256: PLACEHOLDER },
      sources: sources.map((server, i) => ({ server, path: paths[i] ?? '', files: [] })),
      targetFingerprint: fingerprintModel(actual),
      diagnostics: [],
    },
  });
}

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
