/**
 * Applying the first decide option of every finding, mechanically, gives a project that plans
 * with no error (issue 18). Messy two- and three-site customers — a shared line group, a location
 * defined differently, mixed user management, a setting the sites disagree on, a re-export of one
 * server — each from a bare project that decides nothing (every server lists every line group it
 * holds, no userStore): a fixed walk over every combination, so a failure names its case.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareDesired, runPipeline } from '../../src/pipeline.js';
import { applyDecision } from '../../src/project/apply-decision.js';
import { baselineExport, fixtureDir, writeExportFolder, type ExportFiles } from '../helpers/export-fixture.js';
import { secondSite } from './fixtures.js';

const fx = fixtureDir('pm-decide-first-');
afterAll(() => fx.cleanup());

interface Messy {
  locationDiffers: boolean;
  fileBased: boolean;
  settingDiffers: boolean;
  reExport: boolean;
  lineGroupDiffers: boolean;
}

const cases: Messy[] = [];
for (let bits = 0; bits < 32; bits++) {
  cases.push({ locationDiffers: (bits & 1) !== 0, fileBased: (bits & 2) !== 0, settingDiffers: (bits & 4) !== 0, reExport: (bits & 8) !== 0, lineGroupDiffers: (bits & 16) !== 0 });
}
const title = (m: Messy) => Object.entries(m).filter(([, v]) => v).map(([k]) => k).join('+') || 'plain';

function edit(files: ExportFiles, from: string, to: string): ExportFiles {
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? v.replace(from, to) : v]));
}

/** Writes the customer and its bare project; returns the project file. */
function customer(m: Messy): string {
  const dir = fx.next(title(m));
  let muc = secondSite('ucs-muc-01.corp.example', { sameRule: !m.locationDiffers });
  if (m.fileBased) muc = edit(muc, '<Setting key="usermanager.mode" type="int" value="1"/>', '<Setting key="usermanager.mode" type="int" value="0"/>');
  if (m.settingDiffers) muc = edit(muc, 'key="logging.maxFileSizeMB" type="int" value="50"', 'key="logging.maxFileSizeMB" type="int" value="80"');
  if (m.lineGroupDiffers) muc = edit(muc, 'kind="ECSTA"', 'kind="TAPI"');
  writeExportFolder(path.join(dir, 'ber'), baselineExport('ucs-ber-01.corp.example'));
  writeExportFolder(path.join(dir, 'muc'), muc);
  const sources = ['ber', 'muc'];
  if (m.reExport) {
    writeExportFolder(path.join(dir, 'ber-old'), edit(baselineExport('ucs-ber-01.corp.example'), 'exportedAt="2026-10-02T09:14:00Z"', 'exportedAt="2025-01-01T00:00:00Z"'));
    sources.push('ber-old');
  }
  const file = path.join(dir, 'procall-migrate.yaml');
  writeFileSync(
    file,
    [
      `name: ${title(m)}`,
      `sources: [${sources.join(', ')}]`,
      'servers:',
      '  - { name: dc-ber, fqdn: dc-ber.corp.example, replaces: [ucs-ber-01.corp.example], lineGroups: [ECSTA Avaya Berlin] }',
      '  - { name: dc-muc, fqdn: dc-muc.corp.example, replaces: [ucs-muc-01.corp.example], lineGroups: [ECSTA Avaya Berlin] }',
      '',
    ].join('\n'),
  );
  return file;
}

describe('the first decide option of every finding settles it', () => {
  it.each(cases.map((m) => [title(m), m] as const))('%s', async (_name, m) => {
    const file = customer(m);
    const opts = { projectFile: file, env: {}, toolVersion: 'test' };
    let result = await prepareDesired(opts);
    const seen = new Set<string>();
    for (let round = 0; round < 8 && result.diagnostics.some((d) => d.severity !== 'info' && d.accepted === undefined); round++) {
      let text = readFileSync(file, 'utf8');
      for (const d of result.diagnostics.filter((x) => x.severity !== 'info' && x.accepted === undefined)) {
        expect(d.decide?.length ?? 0, `${d.code}: ${d.message}`).toBeGreaterThan(0);
        const first = d.decide![0]!;
        const key = `${first.path} ${JSON.stringify(first.value)}`;
        if (seen.has(key) && first.path.endsWith('[]')) continue;
        seen.add(key);
        text = applyDecision(text, first);
      }
      writeFileSync(file, text);
      result = await prepareDesired(opts);
    }
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const planned = await runPipeline({ ...opts, noTarget: true });
    expect(planned.refused).toBe(false);
    expect(planned.plan?.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
