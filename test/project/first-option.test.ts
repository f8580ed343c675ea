/**
 * Applying the first decide option of every finding, mechanically, gives a project that plans
 * with no error (issue 18). Messy two- and three-site customers — a shared line group, a location
 * defined differently, mixed user management, a setting the sites disagree on, a re-export of one
 * server — each from a bare project that decides nothing (every server lists every line group it
 * holds, no userStore): a fixed walk over every combination, so a failure names its case. Then
 * the traits whose only remedy used to be the export: a user two sources hold, no user licence,
 * a display name too long for its column, a mapping CSV row for a user no export holds — alone,
 * together, and with every earlier trait.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareDesired, runPipeline } from '../../src/pipeline.js';
import { applyDecision } from '../../src/project/apply-decision.js';
import { withReasons } from './consultant-reasons.js';
import { baselineExport, fixtureDir, writeExportFolder, type ExportFiles } from '../helpers/export-fixture.js';
import { duplicateUserSite, secondSite } from './fixtures.js';

const fx = fixtureDir('pm-decide-first-');
afterAll(() => fx.cleanup());

interface Messy {
  locationDiffers: boolean;
  fileBased: boolean;
  settingDiffers: boolean;
  reExport: boolean;
  lineGroupDiffers: boolean;
  duplicateUser?: boolean;
  unlicensed?: boolean;
  tooLong?: boolean;
  mappingUnknownUser?: boolean;
}

const cases: Messy[] = [];
for (let bits = 0; bits < 32; bits++) {
  cases.push({ locationDiffers: (bits & 1) !== 0, fileBased: (bits & 2) !== 0, settingDiffers: (bits & 4) !== 0, reExport: (bits & 8) !== 0, lineGroupDiffers: (bits & 16) !== 0 });
}
const NEW_TRAITS = ['duplicateUser', 'unlicensed', 'tooLong', 'mappingUnknownUser'] as const;
const allNew = Object.fromEntries(NEW_TRAITS.map((t) => [t, true]));
for (const t of NEW_TRAITS) cases.push({ ...cases[0]!, [t]: true });
cases.push({ ...cases[0]!, ...allNew }, { ...cases[31]!, ...allNew }, { ...cases[10]!, ...allNew });
const title = (m: Messy) => Object.entries(m).filter(([, v]) => v).map(([k]) => k).join('+') || 'plain';

function edit(files: ExportFiles, from: string | RegExp, to: string): ExportFiles {
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? v.replace(from, to) : v]));
}

/** Writes the customer and its bare project; returns the project file. */
function customer(m: Messy): string {
  const dir = fx.next(title(m));
  let muc = (m.duplicateUser ? duplicateUserSite : secondSite)('ucs-muc-01.corp.example', { sameRule: !m.locationDiffers });
  let ber = baselineExport('ucs-ber-01.corp.example');
  if (m.unlicensed) {
    muc = edit(muc, /<License [^>]*type="user"[^>]*\/>/, '');
    ber = edit(ber, /<License [^>]*type="user"[^>]*\/>/, '');
  }
  if (m.tooLong) ber = edit(ber, 'u8sDisplayName="Schmidt, Anna"', `u8sDisplayName="Schmidt, Anna (${'Vertrieb Außendienst '.repeat(14).trim()})"`);
  if (m.fileBased) muc = edit(muc, '<Setting key="usermanager.mode" type="int" value="1"/>', '<Setting key="usermanager.mode" type="int" value="0"/>');
  if (m.settingDiffers) muc = edit(muc, 'key="logging.maxFileSizeMB" type="int" value="50"', 'key="logging.maxFileSizeMB" type="int" value="80"');
  if (m.lineGroupDiffers) muc = edit(muc, 'kind="ECSTA"', 'kind="TAPI"');
  writeExportFolder(path.join(dir, 'ber'), ber);
  // A row one letter from a user the exports hold: an error (a misspelling), not a warning.
  if (m.mappingUnknownUser) writeFileSync(path.join(dir, 'mapping.csv'), 'userName,server\nanna.schmit,dc-ber\n');
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
      ...(m.mappingUnknownUser ? ['homeServers: { mapping: mapping.csv }'] : []),
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
    const met = new Set<string>();
    for (let round = 0; round < 8 && result.diagnostics.some((d) => d.severity !== 'info' && d.accepted === undefined); round++) {
      let text = readFileSync(file, 'utf8');
      for (const d of result.diagnostics.filter((x) => x.severity !== 'info' && x.accepted === undefined)) {
        met.add(`${d.code}:${d.severity}`);
        expect(d.decide?.length ?? 0, `${d.code}: ${d.message}`).toBeGreaterThan(0);
        const first = d.decide![0]!;
        const key = `${first.path} ${JSON.stringify(first.value)}`;
        if (seen.has(key) && first.path.endsWith('[]')) continue;
        seen.add(key);
        text = applyDecision(text, withReasons(first));
      }
      writeFileSync(file, text);
      result = await prepareDesired(opts);
    }
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Each trait met the finding it is there for (else the case would prove nothing about it).
    const expected = { duplicateUser: 'MAP_USER_DUPLICATE:error', unlicensed: 'MAP_NO_USER_LICENSE:error', tooLong: 'MAP_TEXT_TOO_LONG:error', mappingUnknownUser: 'MAP_MAPPING_UNKNOWN_USER:error' };
    for (const t of NEW_TRAITS) if (m[t]) expect([...met]).toContain(expected[t]);
    const planned = await runPipeline({ ...opts, noTarget: true });
    expect(planned.refused).toBe(false);
    expect(planned.plan?.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
