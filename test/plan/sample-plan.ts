/**
 * A sample customer's plan against a target (empty by default), with fixed placeholder digests
 * and a fixed tool version, so renderings change only when the plan does.
 */
import path from 'node:path';
import { importExports } from '../../src/importers/index.js';
import { loadHomeServerMapping } from '../../src/project/home-server-mapping.js';
import { loadProject } from '../../src/project/load.js';
import { mapToDataCenter } from '../../src/mappers/index.js';
import { emptyModel, type DataCenterModel } from '../../src/model/datacenter.js';
import type { Plan } from '../../src/model/plan.js';
import { fingerprintModel, planChanges } from '../../src/plan/index.js';
import { REPO_ROOT, SAMPLES, samplePath, type SampleName } from '../samples/expected.js';

const PLACEHOLDER = '0'.repeat(64);

export async function desiredOf(name: SampleName): Promise<{ model: DataCenterModel; sources: string[]; paths: string[] }> {
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

export async function samplePlan(name: SampleName, actual: DataCenterModel = emptyModel()): Promise<Plan> {
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
