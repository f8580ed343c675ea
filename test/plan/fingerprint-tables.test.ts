/**
 * The apply checks the target's fingerprint a table at a time (issue 21: an undo of 100,000 users
 * held the target twice). That digest must be the one the plan recorded from the whole model, or
 * every apply would be refused as stale — or, worse, a changed target let through.
 */
import { describe, expect, it } from 'vitest';
import { emptyModel, type DataCenterModel } from '../../src/model/datacenter.js';
import { EMPTY_FINGERPRINT, fingerprintModel, fingerprintTables } from '../../src/plan/index.js';
import { desiredOf } from './sample-plan.js';

const byTable = (model: DataCenterModel) => async (def: { name: string }) => (model as unknown as Record<string, Record<string, unknown>[]>)[def.name] ?? [];

describe('the fingerprint read a table at a time', () => {
  it('is the whole model\'s fingerprint, for a customer and for an empty target', async () => {
    const { model } = await desiredOf('alpen-handel');
    expect(await fingerprintTables(byTable(model))).toBe(fingerprintModel(model));
    expect(await fingerprintTables(byTable(emptyModel()))).toBe(EMPTY_FINGERPRINT);
    expect(fingerprintModel(emptyModel())).toBe(EMPTY_FINGERPRINT);
  });

  it('changes with any one value, and not with the order the rows come in', async () => {
    const { model } = await desiredOf('alpen-handel');
    const base = await fingerprintTables(byTable(model));
    const reversed = { ...model, UserAccount: [...model.UserAccount].reverse() };
    expect(await fingerprintTables(byTable(reversed))).toBe(base);
    const edited = { ...model, UserAccount: model.UserAccount.map((u, i) => (i === 0 ? { ...u, DisplayName: `${String(u.DisplayName)} (edited)` } : u)) };
    expect(await fingerprintTables(byTable(edited))).not.toBe(base);
  });
});
