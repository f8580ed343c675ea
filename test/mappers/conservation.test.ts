/**
 * Conservation (docs/conservation.md): every entity and association of the checked-in samples is
 * in the desired model or named by a finding; and the check itself sees a row gone missing.
 */
import { describe, expect, it } from 'vitest';
import { importExports } from '../../src/importers/index.js';
import { loadHomeServerMapping } from '../../src/project/home-server-mapping.js';
import { loadProject } from '../../src/project/load.js';
import { checkConservation, CONSERVED_KINDS } from '../../src/mappers/conservation.js';
import { mapToDataCenter } from '../../src/mappers/index.js';
import { diag } from '../../src/model/diagnostics.js';
import { SAMPLES, samplePath } from '../samples/expected.js';
import { exp, group, line, lineGroup, project, user } from './build.js';

describe('conservation on the samples', () => {
  it.each(Object.keys(SAMPLES) as (keyof typeof SAMPLES)[])('%s: nothing lost without a line', async (name) => {
    const loaded = await loadProject(samplePath(SAMPLES[name].project), {});
    const p = loaded.project!;
    const imported = await importExports(p.sourcePaths);
    const mapping = p.mappingPath === undefined ? undefined : (await loadHomeServerMapping(p.mappingPath)).entries;
    const r = mapToDataCenter({ project: p, exports: imported.exports, ...(mapping ? { mapping } : {}) });
    const c = checkConservation(imported.exports, r.model, [...imported.diagnostics, ...r.diagnostics]);
    expect(c.losses).toEqual([]);
    expect(c.counts.user.exported).toBeGreaterThan(0);
    for (const k of CONSERVED_KINDS) expect(c.counts[k].kept + c.counts[k].named).toBe(c.counts[k].exported);
  });
});

describe('the check', () => {
  const e = exp('ucs-a', {
    users: [user('anna', { phoneNumber: '+4930123', monitorLines: [{ phoneNumber: '+4930124', pos: { file: 'users.xml', line: 9, column: 1 } }] }), user('anna.schmidt')],
    lineGroups: [lineGroup('G', [line('+4930123'), line('+4930124')])],
    groups: [group('Sales', ['anna', 'anna.schmidt'])],
  });
  const mapped = mapToDataCenter({ project: project(), exports: [e] });

  it('holds on a consistent mapping', () => {
    expect(checkConservation([e], mapped.model, mapped.diagnostics).losses).toEqual([]);
  });

  it('finds a user, a membership and a monitored line dropped without a word', () => {
    const model = {
      ...mapped.model,
      UserAccount: mapped.model.UserAccount.filter((u) => u.UserName !== 'anna'),
      UserGroupMember: mapped.model.UserGroupMember.filter((m) => m.UserName !== 'anna.schmidt'),
      UserMonitorLine: [],
    };
    const losses = checkConservation([e], model, mapped.diagnostics).losses;
    expect(losses).toEqual(
      expect.arrayContaining([
        { kind: 'user', source: 'ucs-a', key: 'anna' },
        { kind: 'ownLine', source: 'ucs-a', key: 'anna → +4930123' },
        { kind: 'membership', source: 'ucs-a', key: 'Sales → anna.schmidt' },
        { kind: 'monitoredLine', source: 'ucs-a', key: 'anna → +4930124' },
      ]),
    );
  });

  it('accepts a finding that names what is missing, and not one naming a longer name', () => {
    const model = { ...mapped.model, UserAccount: mapped.model.UserAccount.filter((u) => u.UserName !== 'anna') };
    const longer = diag('MAP_USER_DUPLICATE', 'error', 'user "anna.schmidt" is in two sources');
    expect(checkConservation([e], model, [longer]).losses.map((l) => l.key)).toContain('anna');
    const named = diag('MAP_USER_DUPLICATE', 'error', 'user "anna" is in two sources');
    expect(checkConservation([e], model, [named]).losses.filter((l) => l.kind === 'user')).toEqual([]);
  });
});
