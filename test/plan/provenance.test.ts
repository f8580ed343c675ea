/**
 * Attaching provenance to a plan (ledger.md §1) and showing it: keys match the way the planner
 * matches them, deletes carry none, `--explain` prints it, and without `--explain` every
 * rendering and the plan digest are exactly what they were without provenance.
 */
import { describe, expect, it } from 'vitest';
import type { Plan, Provenance } from '../../src/model/plan.js';
import { LicenseKey } from '../../src/model/sensitive.js';
import { planChanges, planDigest, renderPlanJson, renderPlanMarkdown, renderPlanText } from '../../src/plan/index.js';
import { attachProvenance, formatProvenance, provenanceIndex, withProvenance } from '../../src/plan/provenance.js';
import { license, model, options, setting, user } from './fixtures.js';

const at = (line: number): Provenance => ({ source: 'ucs-ber-01.corp.example', file: 'users.xml', line, column: 3 });
const byLines: Provenance = { source: 'rule', rule: 'home server by lines', detail: 'line group "PBX" on dc-ucs-01' };
const decided: Provenance = { source: 'project', file: 'procall-migrate.yaml', line: 12, column: 5 };

const anna = user('anna', { DisplayName: 'Anna S.' });
const bob = user('bob');
const maxSize = setting('contentsharing.maxFileSizeMB', '25');
const lic = license('LIC-AAAA-BBBB-CCCC-0001', { Count: 250 });
const desired = model({ UserAccount: [anna, bob], Setting: [maxSize], License: [lic] });
const actual = model({ UserAccount: [user('ANNA'), user('gone')], License: [license('lic-aaaa-bbbb-cccc-0001')] });
const byRow = new Map<object, Provenance | Provenance[]>([
  [anna, [at(42), byLines]],
  [bob, at(43)],
  [maxSize, decided],
  [lic, { source: 'ucs-ber-01.corp.example', file: 'config/ucserver.xml', line: 7, column: 5 }],
]);
const bare = planChanges(desired, actual, options({ prune: true }));
const explained = attachProvenance(bare, provenanceIndex(desired, byRow));

describe('attachProvenance', () => {
  it('puts each desired row’s provenance on its create or update (keys case-insensitive, licence keys by value); deletes carry none', () => {
    const of = (table: string, action: string) => explained.changes.find((c) => c.table === table && c.action === action);
    expect(of('UserAccount', 'update')).toMatchObject({ key: { UserName: 'anna' }, provenance: [at(42), byLines] });
    expect(of('UserAccount', 'create')).toMatchObject({ key: { UserName: 'bob' }, provenance: [at(43)] });
    expect(of('Setting', 'create')?.provenance).toEqual([decided]);
    expect(of('License', 'update')?.provenance).toHaveLength(1);
    expect(of('UserAccount', 'delete')).toBeDefined();
    expect(of('UserAccount', 'delete')?.provenance).toBeUndefined();
  });

  it('is pure: the plan it was given keeps no provenance', () => {
    expect(bare.changes.some((c) => c.provenance !== undefined)).toBe(false);
    expect(attachProvenance(bare, new Map())).toEqual(bare);
  });

  it('withProvenance (the pipeline’s call) gives the plan it just made the same provenance, in place', () => {
    const fresh = planChanges(desired, actual, options({ prune: true }));
    expect(withProvenance(fresh, desired, byRow)).toBe(fresh);
    expect(fresh).toEqual(explained);
    expect(withProvenance(planChanges(desired, actual, options({ prune: true })), desired, undefined).changes.some((c) => c.provenance)).toBe(false);
  });

  it('matches a change whose key differs in case from the desired row, as the planner does', () => {
    const index = provenanceIndex(model({ UserAccount: [anna] }), byRow);
    const shouted: Plan = { ...bare, changes: [{ table: 'UserAccount', key: { UserName: 'ANNA' }, action: 'update', changes: {} }] };
    expect(attachProvenance(shouted, index).changes[0]?.provenance).toEqual([at(42), byLines]);
    const licIndex = provenanceIndex(model({ License: [lic] }), byRow);
    const upper: Plan = { ...bare, changes: [{ table: 'License', key: { LicenseKey: new LicenseKey('LIC-AAAA-BBBB-CCCC-0001'.toLowerCase()) }, action: 'update', changes: {} }] };
    expect(attachProvenance(upper, licIndex).changes[0]?.provenance).toHaveLength(1);
  });
});

describe('showing provenance', () => {
  it.each([
    [at(42), 'ucs-ber-01.corp.example users.xml:42:3'],
    [decided, 'project procall-migrate.yaml:12:5'],
    [byLines, 'rule home server by lines (line group "PBX" on dc-ucs-01)'],
    [{ source: 'rule', rule: 'DataCenter default' } as Provenance, 'rule DataCenter default'],
  ])('%j reads %s', (p, text) => {
    expect(formatProvenance(p)).toBe(text);
  });

  it('text --explain: every origin on its own line under the change', () => {
    const text = renderPlanText(explained, { color: false, explain: true });
    expect(text).toContain(
      ['      DisplayName: "ANNA" → "Anna S."', '      from ucs-ber-01.corp.example users.xml:42:3', '      from rule home server by lines (line group "PBX" on dc-ucs-01)', '  + bob  @ dc-ucs-01'].join('\n'),
    );
    expect(text).toContain('      from project procall-migrate.yaml:12:5');
    expect(text).not.toContain('from undefined');
  });

  it('markdown --explain: a From column with every origin', () => {
    const md = renderPlanMarkdown(explained, { explain: true });
    expect(md).toContain('| Action | Key | Server | Details | From |');
    expect(md).toMatch(/\| change \| anna \|[^\n]*\| ucs-ber-01\.corp\.example users\.xml:42:3<br>rule home server by lines \(line group "PBX" on dc-ucs-01\) \|/);
  });

  it('JSON carries provenance on creates and updates', () => {
    const json = JSON.parse(renderPlanJson(explained)) as { changes: { action: string; provenance?: unknown }[] };
    expect(json.changes.filter((c) => c.action !== 'delete').every((c) => Array.isArray(c.provenance))).toBe(true);
    expect(json.changes.filter((c) => c.action === 'delete').every((c) => c.provenance === undefined)).toBe(true);
  });

  it('without --explain, text, markdown and the plan digest are exactly those of the plan without provenance', () => {
    expect(renderPlanText(explained, { color: false })).toBe(renderPlanText(bare, { color: false }));
    expect(renderPlanMarkdown(explained)).toBe(renderPlanMarkdown(bare));
    expect(planDigest(explained)).toBe(planDigest(bare));
    expect(renderPlanText(explained, { color: false, explain: true })).not.toBe(renderPlanText(bare, { color: false }));
  });
});
