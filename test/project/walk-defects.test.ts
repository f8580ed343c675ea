/**
 * Defects a consultant's walkthrough on an unseen customer found in the decisions (numbers as in
 * the walk report): a corrected location rule reaches the users' numbers (1), a rule whose
 * numbers are no lines is settled by correcting it first, accepting it last (2), and an accept
 * option's reason is an open decision until the consultant writes one (3), a project setting of
 * the wrong type offers the sources' values (9), a location conflict's first option covers the
 * most lines (10), and an over-full server's maxUsers is what it gets, not 100 (17).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareDesired } from '../../src/pipeline.js';
import { applyDecision } from '../../src/project/apply-decision.js';
import { isTodoValue } from '../../src/project/schema.js';
import { mapToDataCenter } from '../../src/mappers/index.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { projectDocument, type DecideContext } from '../../src/project/decide-context.js';
import { decideFor } from '../../src/project/decide.js';
import { exp, find, line, lineGroup, location, project, setting } from '../mappers/build.js';
import { baselineExport, fixtureDir, writeExportFolder } from '../helpers/export-fixture.js';

const fx = fixtureDir('pm-walk-defects-');
afterAll(() => fx.cleanup());

const SOURCE = 'ucs-ber-01.corp.example';

/** The baseline export with Berlin's rule missing a digit (`91299` → `+493012341299`, the line is `+4930123451299`). */
function brokenRuleProject(extra: string[] = []): string {
  const dir = fx.next('rule');
  const files = baselineExport(SOURCE);
  files['config/locations.xml'] = String(files['config/locations.xml']).replace('Replace="+493012345\\1"', 'Replace="+49301234\\1"');
  writeExportFolder(path.join(dir, 'ber'), files);
  const file = path.join(dir, 'procall-migrate.yaml');
  writeFileSync(file, ['name: walk', 'sources: [ber]', 'userStore: mssql', 'servers:', `  - { name: dc-ber, fqdn: dc-ber.corp.example, replaces: [${SOURCE}] }`, ...extra, ''].join('\n'));
  return file;
}

const desired = (file: string) => prepareDesired({ projectFile: file, env: {}, toolVersion: 'test' });
const bobsNumber = (r: Awaited<ReturnType<typeof desired>>) => r.mapped?.model.UserAccount.find((u) => u.UserName === 'bob.meyer')?.PhoneNumber;

describe('a location rule corrected by overrides: (defect 1)', () => {
  it('re-normalises the numbers the rule rewrote: the users have their lines, no MAP_LOCATION_RULE_NO_LINE', async () => {
    const before = await desired(brokenRuleProject());
    expect(before.diagnostics.filter((d) => d.code === 'MAP_LOCATION_RULE_NO_LINE')).toHaveLength(1);
    expect(bobsNumber(before)).toBe('+493012341299');

    const file = brokenRuleProject(['overrides:', `  - { source: ${SOURCE}, entity: rule, key: 'Berlin#1', field: replace, value: '+493012345\\1', reason: a digit was missing }`]);
    const after = await desired(file);
    expect(after.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(after.diagnostics.filter((d) => d.code === 'MAP_LOCATION_RULE_NO_LINE')).toEqual([]);
    expect(bobsNumber(after)).toBe('+4930123451299');
  });

  it('a user whose number is overridden keeps no stale rewrite: the rule warning goes', async () => {
    const file = brokenRuleProject(['overrides:', `  - { source: ${SOURCE}, entity: user, key: bob.meyer, field: phoneNumber, value: '+4930123451299' }`]);
    const after = await desired(file);
    expect(after.diagnostics.filter((d) => d.code === 'MAP_LOCATION_RULE_NO_LINE')).toEqual([]);
    expect(bobsNumber(after)).toBe('+4930123451299');
  });
});

describe('MAP_LOCATION_RULE_NO_LINE is settled by correcting the rule (defect 2)', () => {
  it('first option: the rule’s Replace the lines fit; then the users’ numbers; accept last', async () => {
    const file = brokenRuleProject();
    const r = await desired(file);
    const w = r.diagnostics.find((d) => d.code === 'MAP_LOCATION_RULE_NO_LINE')!;
    const options = w.decide ?? [];
    expect(options[0]).toMatchObject({ path: 'overrides[]', value: { source: SOURCE, entity: 'rule', key: 'Berlin#1', field: 'replace', value: '+493012345\\1' } });
    expect(options[1]).toMatchObject({ path: 'overrides[]', value: { source: SOURCE, entity: 'user', key: 'bob.meyer', field: 'phoneNumber', value: '+4930123451299' } });
    expect(options[options.length - 1]?.path).toBe('accept[]');

    // Applied as it stands, the first option clears the warning and gives bob his line.
    writeFileSync(file, applyDecision(readFileSync(file, 'utf8'), options[0]!));
    const settled = await desired(file);
    expect(settled.diagnostics.filter((d) => d.code === 'MAP_LOCATION_RULE_NO_LINE' || d.severity === 'error')).toEqual([]);
    expect(bobsNumber(settled)).toBe('+4930123451299');
  });
});

describe('an accept: option leaves the reason to the consultant (defect 3)', () => {
  it('its reason is a TODO: plan refuses (PROJECT_OPEN_DECISION) until a reason is written', async () => {
    const file = brokenRuleProject();
    const w = (await desired(file)).diagnostics.find((d) => d.code === 'MAP_LOCATION_RULE_NO_LINE')!;
    const accept = w.decide!.find((o) => o.path === 'accept[]')!;
    expect(isTodoValue((accept.value as { reason: string }).reason)).toBe(true);

    const text = applyDecision(readFileSync(file, 'utf8'), accept);
    writeFileSync(file, text);
    const open = await desired(file);
    expect(open.refused).toBe(true);
    expect(open.diagnostics.find((d) => d.code === 'PROJECT_OPEN_DECISION')).toMatchObject({ severity: 'error', path: 'accept[0].reason' });

    expect(text).toContain('TODO: why this is fine for the customer');
    writeFileSync(file, text.replace('TODO: why this is fine for the customer', 'Berlin numbers are corrected on the new server'));
    const decided = await desired(file);
    expect(decided.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(decided.diagnostics.find((d) => d.code === 'MAP_LOCATION_RULE_NO_LINE')?.accepted).toMatchObject({ reason: 'Berlin numbers are corrected on the new server' });
  });
});

describe('a project setting of the wrong type (defect 9)', () => {
  it('chat.deleteAfterDays: dreißig offers each source’s number, then removing it', () => {
    const text = ['name: t', 'sources: [a]', 'settings:', '  global:', '    chat.deleteAfterDays: dreißig', ''].join('\n');
    const ctx: DecideContext = {
      exports: [exp('ucs-a', { settings: [setting('chat.deleteAfterDays', '30', 'int')] }), exp('ucs-b', { settings: [setting('chat.deleteAfterDays', '90', 'int')] }), exp('ucs-c', { settings: [setting('chat.deleteAfterDays', '30', 'int')] })],
      doc: projectDocument(text)!,
    };
    const path = 'settings.global["chat.deleteAfterDays"]';
    const d: Diagnostic = { code: 'MAP_PROJECT_SETTING_TYPE', severity: 'error', message: 'x', path, subject: path, params: { key: 'chat.deleteAfterDays', type: 'int', path } };
    expect(decideFor(d, ctx).map((o) => [o.path, o.value])).toEqual([
      [path, 30],
      [path, 90],
      [path, null],
    ]);
  });

  it('the mapper’s finding for it carries those options through the pipeline’s registry', () => {
    const e = exp('ucs-a', { settings: [setting('chat.deleteAfterDays', '30', 'int')] });
    const r = mapToDataCenter({ project: project({ settings: { global: { 'chat.deleteAfterDays': 'dreißig' } } }), exports: [e] });
    const [d] = find(r.diagnostics, 'MAP_PROJECT_SETTING_TYPE');
    expect(d).toBeDefined();
    const text = ['name: t', 'sources: [a]', 'settings:', '  global:', '    chat.deleteAfterDays: dreißig', ''].join('\n');
    expect(decideFor(d!, { exports: [e], doc: projectDocument(text)! }).map((o) => o.value)).toEqual([30, null]);
  });
});

describe('a location two sources define differently (defect 10)', () => {
  const freiburg = (extFrom: string, extTo: string) => location('Freiburg', { cityCode: '761', localNumber: '456', extFrom, extTo });
  const linesAt = (from: number, n: number) => Array.from({ length: n }, (_x, i) => line(`+49761456${from + i}`, { location: 'Freiburg' }));

  it('first option: the definition covering the most lines; each label says how many it covers', () => {
    const lager = exp('ucs-lager', { locations: [freiburg('100', '199')], lineGroups: [lineGroup('LG-Lager', linesAt(100, 3), { location: 'Freiburg' })] });
    const zentrale = exp('ucs-zentrale', { locations: [freiburg('100', '299')], lineGroups: [lineGroup('LG-Zentrale', linesAt(200, 13), { location: 'Freiburg' })] });
    const p = project({ servers: [{ name: 'dc-01', fqdn: 'dc-01.corp.example', replaces: ['ucs-lager', 'ucs-zentrale'] }] });
    const [d] = find(mapToDataCenter({ project: p, exports: [lager, zentrale] }).diagnostics, 'MAP_LOCATION_CONFLICT');
    const options = d?.decide ?? [];
    expect(options[0]?.value).toEqual({ from: 'ucs-zentrale' });
    expect(options[0]?.label).toContain('covers 16 of 16 line(s)');
    expect(options[1]?.value).toEqual({ from: 'ucs-lager' });
    expect(options[1]?.label).toContain('covers 3 of 16 line(s)');
  });

  it('two ranges neither of which covers all: first a definition spanning both', () => {
    const a = exp('ucs-a', { locations: [freiburg('100', '199')], lineGroups: [lineGroup('LG-A', linesAt(100, 3), { location: 'Freiburg' })] });
    const b = exp('ucs-b', { locations: [freiburg('200', '299')], lineGroups: [lineGroup('LG-B', linesAt(200, 5), { location: 'Freiburg' })] });
    const p = project({ servers: [{ name: 'dc-01', fqdn: 'dc-01.corp.example', replaces: ['ucs-a', 'ucs-b'] }] });
    const [d] = find(mapToDataCenter({ project: p, exports: [a, b] }).diagnostics, 'MAP_LOCATION_CONFLICT');
    const first = d?.decide?.[0];
    expect(first?.value).toMatchObject({ define: { cityCode: '761', localNumber: '456', extFrom: '100', extTo: '299' } });
    expect(first?.label).toContain('covers 8 of 8 line(s)');
    expect(d?.decide?.[1]).toMatchObject({ value: { from: 'ucs-b' } });
  });
});

describe('a server over capacity (defect 17)', () => {
  it.each([
    [13, 15],
    [12, 15],
    [51, 60],
    [230, 230],
    [1234, 1300],
  ])('%i users: maxUsers %i', (count, max) => {
    const text = ['name: t', 'sources: [a]', 'servers:', '  - { name: dc-a, fqdn: dc-a.corp.example, maxUsers: 12 }', ''].join('\n');
    const d: Diagnostic = { code: 'MAP_SERVER_OVER_CAPACITY', severity: 'error', message: 'x', path: 'servers[0].maxUsers', params: { target: 'dc-a', count, fromRun: count, existing: 0, max: 12 } };
    expect(decideFor(d, { exports: [], doc: projectDocument(text)! }).map((o) => [o.path, o.value])).toEqual([['servers[0].maxUsers', max]]);
  });
});

describe('a project from an earlier version (defect 3)', () => {
  it('an accept: reason still the old placeholder is an open decision, not a reason', async () => {
    const file = brokenRuleProject(['accept:', '  - { code: MAP_LOCATION_RULE_NO_LINE, match: "Berlin#1", reason: "reviewed: <why this is fine for the customer>" }']);
    const r = await desired(file);
    expect(r.refused).toBe(true);
    expect(r.diagnostics.find((d) => d.code === 'PROJECT_OPEN_DECISION')).toMatchObject({ path: 'accept[0].reason' });
  });
});
