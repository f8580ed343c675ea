/**
 * Findings only editing the export could clear, settled in the project (issue 18): users AD
 * cannot link get their sAMAccountName from `overrides:` (shown as decided, the value's
 * provenance the project line), a misspelt override is an error naming the right word, and a
 * location two sources define differently is decided by `locations:`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareDesired, runPipeline } from '../../src/pipeline.js';
import { applyDecision } from '../../src/project/apply-decision.js';
import { baselineExport, fixtureDir, writeExportFolder } from '../helpers/export-fixture.js';
import { runCli } from '../cli/helpers.js';
import { twoSites } from './fixtures.js';

const fx = fixtureDir('pm-decide-overrides-');
afterAll(() => fx.cleanup());

const opts = (projectFile: string) => ({ projectFile, env: {}, toolVersion: 'test' });

/** One AD export (anna.schmidt and bob.meyer have no sAMAccountName) and a project on it. */
function adProject(extra: string[]): string {
  const dir = fx.next('ad');
  writeExportFolder(path.join(dir, 'ber'), baselineExport('ucs-ber-01.corp.example'));
  const file = path.join(dir, 'procall-migrate.yaml');
  writeFileSync(
    file,
    [
      'name: AD',
      'sources: [ber]',
      'userStore: ad',
      'servers:',
      '  - { name: dc-ber, fqdn: dc-ber.corp.example, replaces: [ucs-ber-01.corp.example] }',
      'settings:',
      '  global:',
      '    usermanager.ad.hostName: corp.example',
      ...extra,
      '',
    ].join('\n'),
  );
  return file;
}

describe('overrides:', () => {
  it('MAP_AD_SAM_MISSING is settled by an overrides entry: decided in plan and --explain, provenance the project line', async () => {
    const bare = adProject([]);
    const before = await prepareDesired(opts(bare));
    const missing = before.diagnostics.find((d) => d.code === 'MAP_AD_SAM_MISSING');
    expect(missing?.severity).toBe('error');
    const first = missing!.decide![0]!;
    expect(first.path).toBe('overrides[]');
    expect(first.value).toEqual([
      { source: 'ucs-ber-01.corp.example', entity: 'user', key: 'anna.schmidt', field: 'samAccountName', value: 'anna.schmidt' },
      { source: 'ucs-ber-01.corp.example', entity: 'user', key: 'bob.meyer', field: 'samAccountName', value: 'bob.meyer' },
    ]);
    expect(first.yaml).toContain('overrides:\n  - source: ucs-ber-01.corp.example');

    const file = adProject([
      'overrides:',
      '  - { source: ucs-ber-01.corp.example, entity: user, key: anna.schmidt, field: samAccountName, value: aschmidt, reason: AD name }',
      '  - { source: ucs-ber-01.corp.example, entity: user, key: bob.meyer, field: u8sSAMAccountName, value: bmeyer }',
    ]);
    const result = await runPipeline({ ...opts(file), noTarget: true });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const notes = result.diagnostics.filter((d) => d.code === 'PROJECT_OVERRIDE_APPLIED');
    expect(notes.map((d) => d.message)).toEqual([
      'user anna.schmidt of ucs-ber-01.corp.example: samAccountName "" → "aschmidt", decided by overrides[0] (procall-migrate.yaml:10): AD name',
      'user bob.meyer of ucs-ber-01.corp.example: samAccountName "" → "bmeyer", decided by overrides[1] (procall-migrate.yaml:11)',
    ]);
    const anna = result.plan!.changes.find((c) => c.table === 'UserAccount' && c.key['UserName'] === 'anna.schmidt');
    expect(anna?.after?.['SamAccountName'] ?? anna?.after?.['SAMAccountName']).toBe('aschmidt');
    expect(anna?.provenance).toContainEqual({ source: 'project', file: 'procall-migrate.yaml', line: 10, column: expect.any(Number) });

    const explained = await runCli(['plan', '-p', file, '--explain', '--no-target']);
    expect(explained.code, explained.stderr).toBe(0);
    expect(explained.stdout + explained.stderr).toContain('procall-migrate.yaml:10');
  });

  it('a misspelt field, entity, key or source is an error naming the right one, with that as its decision', async () => {
    const file = adProject([
      'overrides:',
      '  - { source: ucs-ber-01.corp.example, entity: user, key: anna.schmidt, field: samAcountName, value: aschmidt }',
      '  - { source: ucs-ber-01.corp.example, entity: usr, key: bob.meyer, field: samAccountName, value: bmeyer }',
      '  - { source: ucs-ber-01.corp.example, entity: user, key: bob.meier, field: samAccountName, value: bmeyer }',
      '  - { source: ucs-ber-02.corp.example, entity: user, key: bob.meyer, field: samAccountName, value: bmeyer }',
    ]);
    const result = await prepareDesired(opts(file));
    const unknown = result.diagnostics.filter((d) => d.code === 'PROJECT_OVERRIDE_UNKNOWN');
    expect(unknown.map((d) => [d.path, d.line, /did you mean (\S+)\?/.exec(d.message)?.[1], d.decide?.[0]?.value])).toEqual([
      ['overrides[0].field', 10, 'samAccountName', 'samAccountName'],
      ['overrides[1].entity', 11, 'user', 'user'],
      ['overrides[2].key', 12, 'bob.meyer', 'bob.meyer'],
      ['overrides[3].source', 13, 'ucs-ber-01.corp.example', 'ucs-ber-01.corp.example'],
    ]);
    expect(result.refused).toBe(true);
  });

  it('an override is checked like an export value: a wrong type and a secret are errors', async () => {
    const file = adProject([
      'overrides:',
      '  - { source: ucs-ber-01.corp.example, entity: user, key: anna.schmidt, field: enabled, value: vielleicht }',
      '  - { source: ucs-ber-01.corp.example, entity: user, key: anna.schmidt, field: password, value: geheim }',
      '  - { source: ucs-ber-01.corp.example, entity: location, key: Berlin, field: cityCode, value: "3O" }',
    ]);
    const result = await prepareDesired(opts(file));
    const invalid = result.diagnostics.filter((d) => d.code === 'PROJECT_OVERRIDE_INVALID');
    expect(invalid.map((d) => d.path)).toEqual(['overrides[0].value', 'overrides[1].field', 'overrides[2].value']);
    expect(invalid[1]!.message).toContain('secret');
    expect(JSON.stringify(result.diagnostics)).not.toContain('geheim');
  });
});

describe('locations:', () => {
  it('MAP_LOCATION_CONFLICT offers each definition and settles when the project picks one or defines its own', async () => {
    const dir = fx.next('loc');
    twoSites(dir);
    const file = path.join(dir, 'procall-migrate.yaml');
    const base = [
      'name: Two sites',
      'sources: [ber, muc]',
      'userStore: mssql',
      'servers:',
      '  - { name: dc-ber, fqdn: dc-ber.corp.example, replaces: [ucs-ber-01.corp.example], lineGroups: [ECSTA Avaya Berlin] }',
      '  - { name: dc-muc, fqdn: dc-muc.corp.example, replaces: [ucs-muc-01.corp.example] }',
      '',
    ].join('\n');
    writeFileSync(file, base);
    const conflict = (await prepareDesired(opts(file))).diagnostics.find((d) => d.code === 'MAP_LOCATION_CONFLICT');
    expect(conflict?.severity).toBe('error');
    expect(conflict!.decide!.map((o) => [o.path, o.value])).toEqual([
      ['locations.Berlin', { from: 'ucs-ber-01.corp.example' }],
      ['locations.Berlin', { from: 'ucs-muc-01.corp.example' }],
      ['locations.Berlin', { define: expect.objectContaining({ countryCode: '49', cityCode: '30' }) }],
    ]);

    writeFileSync(file, applyDecision(base, conflict!.decide![1]!));
    const picked = await prepareDesired(opts(file));
    expect(picked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(picked.mapped!.model.LocationRule.find((r) => r.LocationName === 'Berlin')?.Replace).toBe('+493012346\\1');

    writeFileSync(
      file,
      applyDecision(base, {
        path: 'locations.Berlin',
        value: { define: { countryCode: '49', cityCode: '30', localNumber: '12345', extFrom: '100', extTo: '599', rules: [{ search: '^9([1-9][0-9][0-9][0-9])$', replace: '+493012345\\1' }] } },
      }),
    );
    const defined = await prepareDesired(opts(file));
    expect(defined.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(defined.mapped!.model.Location.find((l) => l.Name === 'Berlin')?.Origin).not.toBe('ucs-muc-01.corp.example');

    writeFileSync(file, applyDecision(base, { path: 'locations.Berlin', value: { from: 'ucs-muc-02.corp.example' } }));
    const typo = (await prepareDesired(opts(file))).diagnostics.find((d) => d.code === 'PROJECT_LOCATION_UNKNOWN');
    expect(typo?.message).toContain('did you mean ucs-muc-01.corp.example?');
  });
});
