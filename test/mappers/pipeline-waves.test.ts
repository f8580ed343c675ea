/**
 * runPipeline with a target: the target is read before mapping, so a migration wave's home
 * servers count the users earlier waves left there; the run still only reads.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UserAccountRow } from '../../src/model/datacenter.js';
import { prepareDesired, runPipeline, type StepRunner } from '../../src/pipeline.js';
import { recordingSeam } from '../cli/helpers.js';
import { REPO_ROOT } from '../samples/expected.js';

const SAMPLE = path.join(REPO_ROOT, 'samples', 'alpen-handel');
const BER = 'ucs-ber-01.alpen-handel.de';
const MUC = 'ucs-muc-01.alpen-handel.de';
const TARGET = 'target:\n  server: sql01.example\n  database: ProCallDC\n  user: migrator\n  passwordEnv: PM_TEST_SQL_PASSWORD\n';

/** The sample's project as the München wave: only München's export, with a target. */
function munichWave(): string {
  const text = readFileSync(path.join(SAMPLE, 'procall-migrate.yaml'), 'utf8')
    .split('\n')
    .filter((l) => !/^\s*-\s+exports\//.test(l) || l.includes(MUC))
    .map((l) => l.replace(/^(\s*-\s+)(exports\/\S+)/, (_m, lead: string, rel: string) => `${lead}${JSON.stringify(path.join(SAMPLE, rel))}`))
    .join('\n');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pm-pipeline-wave-')), 'procall-migrate.yaml');
  writeFileSync(file, `${text}\n${TARGET}`);
  return file;
}

/** `n` users of the Berlin wave that live on dc-ah-muc-01 (e.g. moved there by a mapping file). */
function berlinUsersOnMunich(n: number, like: UserAccountRow): Record<string, unknown>[] {
  return Array.from({ length: n }, (_v, i) => {
    const name = `ber-user-${String(i + 1).padStart(3, '0')}`;
    return { ...like, UserName: name, SipUri: `sip:${name}@alpen-handel.de`, PhoneNumber: '', PhoneSecondary: '', Credential: null, Origin: BER };
  });
}

function recordSteps(): { step: StepRunner; titles: string[] } {
  const titles: string[] = [];
  return { titles, step: (title, fn) => (titles.push(title), fn(() => {})) };
}

describe('runPipeline against a target holding an earlier wave', () => {
  it('reads the target before mapping and refuses a server the two waves together put over maxUsers, without writing', async () => {
    const projectFile = munichWave();
    const alone = await prepareDesired({ projectFile, env: {}, toolVersion: 't' });
    const munich = alone.mapped!.homeServers.filter((h) => h.server === 'dc-ah-muc-01').length;
    expect(munich).toBe(18);
    const like = alone.mapped!.model.UserAccount[0]!;

    const seam = recordingSeam({ UserAccount: berlinUsersOnMunich(85, like) });
    const { step, titles } = recordSteps();
    const r = await runPipeline({ projectFile, env: { PM_TEST_SQL_PASSWORD: 'x' }, toolVersion: 't', step, connect: async () => seam.db, confirmApply: async () => true });

    expect(titles).toEqual(['Import exports', 'Read target database', 'Map to DataCenter']);
    expect(r.refused).toBe(true);
    expect(r.applied).toBe(false);
    expect(r.diagnostics.filter((d) => d.code === 'MAP_SERVER_OVER_CAPACITY')).toMatchObject([
      { severity: 'error', message: 'server "dc-ah-muc-01" gets 18 users from this run + 85 already in the database (other waves), more than its maxUsers 100' },
    ]);
    expect(r.actual?.UserAccount).toHaveLength(85);
    expect(seam.statements.length).toBeGreaterThan(0);
    expect(seam.writes).toEqual([]);
    expect(seam.closed()).toBe(true);
  });

  it('a re-run of the wave does not count its own rows: 18 of this run + 80 of another wave fit, and the plan is made', async () => {
    const projectFile = munichWave();
    const alone = await prepareDesired({ projectFile, env: {}, toolVersion: 't' });
    const own = alone.mapped!.model.UserAccount.map((u) => ({ ...u, Credential: null }));
    const seam = recordingSeam({ UserAccount: [...own, ...berlinUsersOnMunich(80, own[0]!)] });
    const { step, titles } = recordSteps();
    const r = await runPipeline({ projectFile, env: { PM_TEST_SQL_PASSWORD: 'x' }, toolVersion: 't', step, connect: async () => seam.db });

    expect(titles).toEqual(['Import exports', 'Read target database', 'Map to DataCenter', 'Plan changes']);
    expect(r.diagnostics.filter((d) => d.code === 'MAP_SERVER_OVER_CAPACITY')).toEqual([]);
    expect(r.mapped!.decisions.find((d) => d.id === 'home-servers.user.existing')).toMatchObject({ affected: ['dc-ah-muc-01: 80'] });
    expect(r.plan).toBeDefined();
    expect(seam.writes).toEqual([]);
  });
});
