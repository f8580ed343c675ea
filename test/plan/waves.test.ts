/**
 * Wave migrations, as a consultant runs them: the three-site customer migrated one site at a
 * time with the same project file (only `sources` changes). The second wave must neither be
 * blocked by rows the first wave shares with it nor touch the first wave's rows.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareDesired } from '../../src/pipeline.js';
import { emptyModel, type DataCenterModel } from '../../src/model/datacenter.js';
import { TABLES } from '../../src/model/dc-schema.js';
import type { Plan } from '../../src/model/plan.js';
import { planChanges } from '../../src/plan/index.js';
import { REPO_ROOT } from '../samples/expected.js';

const SAMPLE = path.join(REPO_ROOT, 'samples', 'alpen-handel');
const BER = 'ucs-ber-01.alpen-handel.de';
const MUC = 'ucs-muc-01.alpen-handel.de';
const VIE = 'ucs-vie-01.alpen-handel.at';

/** The sample's project with only `keep` as sources (absolute paths), optionally edited. */
function waveProject(keep: string[], edit: (yaml: string) => string = (y) => y): string {
  const lines = readFileSync(path.join(SAMPLE, 'procall-migrate.yaml'), 'utf8').split('\n');
  const kept = lines
    .filter((l) => !/^\s*-\s+exports\//.test(l) || keep.some((k) => l.includes(k)))
    .map((l) => l.replace(/^(\s*-\s+)(exports\/\S+)/, (_m, lead: string, rel: string) => `${lead}${JSON.stringify(path.join(SAMPLE, rel))}`));
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pm-wave-')), 'procall-migrate.yaml');
  writeFileSync(file, edit(kept.join('\n')));
  return file;
}

async function desired(projectFile: string): Promise<{ model: DataCenterModel; sources: string[] }> {
  const r = await prepareDesired({ projectFile, env: {}, toolVersion: '0.0.0-test' });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  expect(errors).toEqual([]);
  return { model: r.mapped!.model, sources: r.imported!.exports.map((e) => e.source) };
}

function plan(want: { model: DataCenterModel; sources: string[] }, actual: DataCenterModel, prune = false): Plan {
  const meta = { toolVersion: 't', project: { path: 'p', sha256: 'x' }, sources: [], targetFingerprint: 'f', diagnostics: [] };
  return planChanges(want.model, actual, { sources: want.sources, prune, meta });
}

describe('wave migrations of the three-site sample', () => {
  it('a second wave plans only its own rows: no conflict over rows both sites share, nothing of wave 1 touched even with --prune', async () => {
    const wave1 = await desired(waveProject([BER]));
    const wave2 = await desired(waveProject([MUC]));
    // The target after wave 1 was applied is exactly wave 1's desired state.
    for (const prune of [false, true]) {
      const p = plan(wave2, wave1.model, prune);
      expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(p.changes.filter((c) => c.action !== 'create')).toEqual([]);
      expect(p.changes.every((c) => c.after?.['Origin'] === MUC || c.after?.['Origin'] === 'project')).toBe(true);
      expect(p.changes.filter((c) => c.table === 'UserAccount')).toHaveLength(18);
    }
  });

  it('a global value the second wave sees differently is a PLAN_ORIGIN_CONFLICT naming the first wave, not a silent overwrite', async () => {
    // Without the project's decision, Berlin keeps chats 90 days and Wien 30.
    const undecided = (yaml: string) => yaml.replace(/^\s*chat\.deleteAfterDays:.*\n/m, '');
    const wave1 = await desired(waveProject([BER], undecided));
    const wave2 = await desired(waveProject([VIE], undecided));
    const p = plan(wave2, wave1.model);
    const conflicts = p.diagnostics.filter((d) => d.code === 'PLAN_ORIGIN_CONFLICT');
    expect(conflicts.map((d) => d.path)).toEqual(['dc.Setting[global / chat.deleteAfterDays]']);
    expect(conflicts[0]?.message).toContain(BER);
    expect(p.changes.some((c) => c.table === 'Setting' && c.key['Key'] === 'chat.deleteAfterDays')).toBe(false);
  });

  it('a wave balances its users around the ones earlier waves left in the target', async () => {
    // Wien's server replaces nothing: its one user without a line is placed by balance.
    const unreplaced = (yaml: string) => yaml.replace(/^\s*replaces: \[ucs-vie-01\.alpen-handel\.at\]\n/m, '');
    const wave1 = await desired(waveProject([BER]));
    const file = waveProject([VIE], unreplaced);
    const balanced = async (actual?: DataCenterModel) => {
      const r = await prepareDesired({ projectFile: file, env: {}, toolVersion: '0.0.0-test' }, actual);
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      return r.mapped!.homeServers.filter((h) => h.rule === 'balance').map((h) => h.server);
    };
    // Against an empty target Berlin's server ties with München's and wins by name ...
    expect(await balanced()).toEqual(['dc-ah-ber-01']);
    // ... but wave 1 left its 22 users there.
    expect(await balanced(wave1.model)).toEqual(['dc-ah-muc-01']);
  });

  it('re-running the first wave after the second changes nothing, even with --prune', async () => {
    const wave1 = await desired(waveProject([BER]));
    const wave2 = await desired(waveProject([MUC]));
    const second = plan(wave2, wave1.model);
    // The target after both waves: wave 1's rows plus the rows wave 2 created.
    const applied = emptyModel();
    for (const def of TABLES) {
      const keyOf = (row: Record<string, unknown>) => JSON.stringify(def.key.map((k) => String(row[k]).toLowerCase()));
      const created = new Set(second.changes.filter((c) => c.table === def.name && c.action === 'create').map((c) => keyOf(c.key)));
      const rows = [...(wave1.model[def.name] as object[]), ...(wave2.model[def.name] as object[]).filter((r) => created.has(keyOf(r as Record<string, unknown>)))];
      (applied[def.name] as object[]).push(...rows);
    }
    const rerun = plan(wave1, applied, true);
    expect(rerun.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(rerun.changes).toEqual([]);
  });
});
