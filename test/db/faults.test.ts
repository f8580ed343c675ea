/**
 * Faults survived, counted (issue 24): the seeded campaign of fault-campaign.ts through the
 * cutting proxy. The short version runs with the suite (at least 50 cuts over every step); the
 * full one (FAULTS_FULL=1, at least 500 cuts; FAULTS_CUTS, FAULTS_SEED to vary) is `npm run
 * faults` (docs/readme-database-tests.md). It prints its figures.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeFigures, runCampaign } from './fault-campaign.js';
import { MSSQL_URL, waitForServer } from './helpers.js';

const FULL = process.env.FAULTS_FULL === '1';
const CUTS = Number(process.env.FAULTS_CUTS ?? (FULL ? 500 : 52));
const SEED = Number(process.env.FAULTS_SEED ?? 24);

describe.skipIf(!MSSQL_URL)('a connection cut at every step (cutting proxy, real server)', () => {
  beforeAll(() => waitForServer());

  it(
    `${CUTS} seeded cuts (seed ${SEED}): always exactly before or after, history agreeing, the command completing when run again`,
    async () => {
      const figures = await runCampaign(CUTS, SEED, process.env.FAULTS_LOG === '1' ? (l) => console.log(l) : undefined);
      console.log(`fault campaign: ${describeFigures(figures)}`);
      expect(figures.failures).toEqual([]);
      expect(figures.between).toBe(0);
      expect(figures.cuts).toBeGreaterThanOrEqual(CUTS);
      expect(figures.before + figures.after + figures.unknownThenResolved).toBe(figures.cuts);
      // At 50 cuts and more, every kind of cut happened (seeded: a few cuts may miss some): inside
      // the run's steps, in the COMMIT's round trip, by bytes; and a died client's attempt was shown.
      if (CUTS >= 50) {
        for (const step of ['bytes', 'commit-reply', 'table']) expect(figures.byStep[step] ?? 0).toBeGreaterThan(0);
        expect(figures.unknownThenResolved).toBeGreaterThan(0);
        expect(figures.interruptedShown).toBeGreaterThan(0);
      }
    },
    FULL ? 6 * 60 * 60_000 : 30 * 60_000,
  );
});
