/**
 * Only real changes count (issue 19): a cumulative later wave names every source again, and the
 * global rows it shares with the first wave are now attributed to another of its sources. That
 * provenance move alone is no change to write, count or sign ("Einstellungen geändert 9").
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareDesired } from '../../src/pipeline.js';
import type { DataCenterModel } from '../../src/model/datacenter.js';
import { planChanges } from '../../src/plan/index.js';
import { REPO_ROOT } from '../samples/expected.js';

const SAMPLE = path.join(REPO_ROOT, 'samples', 'alpen-handel');
const BER = 'ucs-ber-01.alpen-handel.de';
const MUC = 'ucs-muc-01.alpen-handel.de';
const VIE = 'ucs-vie-01.alpen-handel.at';

/** The sample's project with only `keep` as sources, in the sample's order (Berlin first). */
function waveProject(keep: string[]): string {
  const lines = readFileSync(path.join(SAMPLE, 'procall-migrate.yaml'), 'utf8').split('\n');
  const kept = lines
    .filter((l) => !/^\s*-\s+exports\//.test(l) || keep.some((k) => l.includes(k)))
    .map((l) => l.replace(/^(\s*-\s+)(exports\/\S+)/, (_m, lead: string, rel: string) => `${lead}${JSON.stringify(path.join(SAMPLE, rel))}`));
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pm-origin-only-')), 'procall-migrate.yaml');
  writeFileSync(file, kept.join('\n'));
  return file;
}

async function desired(projectFile: string): Promise<{ model: DataCenterModel; sources: string[] }> {
  const r = await prepareDesired({ projectFile, env: {}, toolVersion: '0.0.0-test' });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { model: r.mapped!.model, sources: r.imported!.exports.map((e) => e.source) };
}

describe('a cumulative second wave (all three sources after Wien alone)', () => {
  it('plans no change whose only difference is Origin, and counts none', async () => {
    const wave1 = await desired(waveProject([VIE]));
    const all = await desired(waveProject([BER, MUC, VIE]));
    // Rows wave 1 wrote that the second wave now attributes to Berlin: the move the planner must ignore.
    const moved = all.model.Setting.filter((w) =>
      wave1.model.Setting.some((h) => h.Scope === w.Scope && h.Key === w.Key && h.ServerName === w.ServerName && h.Origin === VIE && w.Origin !== VIE && String(h.Value) === String(w.Value)),
    );
    expect(moved.length).toBeGreaterThan(0);
    const meta = { toolVersion: 't', project: { path: 'p', sha256: 'x' }, sources: [], targetFingerprint: 'f', diagnostics: [] };
    for (const prune of [false, true]) {
      const p = planChanges(all.model, wave1.model, { sources: all.sources, prune, meta });
      const updates = p.changes.filter((c) => c.action === 'update');
      expect(updates.filter((c) => Object.keys(c.changes ?? {}).every((k) => k === 'Origin'))).toEqual([]);
      for (const m of moved) expect(updates.some((c) => c.table === 'Setting' && c.key['Key'] === m.Key && c.key['ServerName'] === m.ServerName)).toBe(false);
      expect(p.summary['dc.Setting']?.update).toBe(updates.filter((c) => c.table === 'Setting').length);
    }
  });
});

describe('the undo dry-run header', () => {
  it('is titled as the undo of its run and never says "with --prune"', async () => {
    const { renderPlanText } = await import('../../src/plan/render/render-text.js');
    const wave = await desired(waveProject([VIE]));
    const meta = { toolVersion: 't', project: { path: 'p', sha256: 'x' }, sources: [], targetFingerprint: 'f', diagnostics: [] };
    // An undo plans with prune: it removes the rows the run created.
    const { emptyModel } = await import('../../src/model/datacenter.js');
    const undo = planChanges(emptyModel(), wave.model, { sources: wave.sources, prune: true, meta });
    const text = renderPlanText(undo, { color: false, undoOf: 'run-42' });
    expect(text.split('\n')[0]).toBe('Undo of run run-42: restores what the target held before it');
    expect(text).not.toContain('--prune');
    // A plan made with --prune still says so.
    expect(renderPlanText(undo, { color: false })).toContain(', with --prune');
  });
});
