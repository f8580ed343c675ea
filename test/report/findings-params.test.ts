/**
 * The findings the stages really make carry the values their sentence needs: each sample's import
 * and mapping findings render in both languages from their params, none falls back to the generic
 * sentence (which is only for plans saved before findings had params), and each names its subject.
 */
import { describe, expect, it } from 'vitest';
import { importExports } from '../../src/importers/index.js';
import { loadHomeServerMapping } from '../../src/project/home-server-mapping.js';
import { loadProject } from '../../src/project/load.js';
import { mapToDataCenter } from '../../src/mappers/index.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { LANGS } from '../../src/report/i18n/catalog.js';
import { FINDING_CATALOGS } from '../../src/report/i18n/findings-text.js';
import { missingParams } from '../../src/report/i18n/findings-render.js';
import { SAMPLES, samplePath, type SampleName } from '../samples/expected.js';

async function findingsOf(name: SampleName): Promise<Diagnostic[]> {
  const loaded = await loadProject(samplePath(SAMPLES[name].project), {});
  const project = loaded.project;
  if (project === undefined) return loaded.diagnostics;
  const mapping = project.mappingPath ? await loadHomeServerMapping(project.mappingPath) : { entries: [], diagnostics: [] };
  const imported = await importExports(project.sourcePaths);
  const mapped = mapToDataCenter({ project, exports: imported.exports, mapping: mapping.entries });
  return [...loaded.diagnostics, ...mapping.diagnostics, ...imported.diagnostics, ...mapped.diagnostics];
}

describe.each(Object.keys(SAMPLES) as SampleName[])('the findings of sample %s', (name) => {
  it('render from their params in both languages, each about a subject', async () => {
    const findings = await findingsOf(name);
    expect(findings.length).toBeGreaterThan(0);
    const lacking = findings.flatMap((d) =>
      LANGS.flatMap((lang) => {
        const missing = missingParams(FINDING_CATALOGS[lang], d);
        return missing.length === 0 ? [] : [`${lang} ${d.code} lacks ${missing.join(', ')}: ${d.message}`];
      }),
    );
    expect(lacking).toEqual([]);
    expect(findings.filter((d) => d.subject === undefined).map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  });
});
