/**
 * `exclude:` leaves an entity out of the migration without touching the export (issue 18,
 * docs/decide.md): the user who left the company is gone from the plan, and the note names them
 * and everything that went with them (memberships, leader role, client content, mapping row); a
 * misspelt entry names the closest source, entity or key; the second copy of a user two sources
 * hold is left out by the duplicate's first decide option, and the user keeps the memberships the
 * other source gives them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { checkConservation } from '../../src/mappers/conservation.js';
import { prepareDesired } from '../../src/pipeline.js';
import { applyDecision } from '../../src/project/apply-decision.js';
import { baselineExport, fixtureDir, writeExportFolder } from '../helpers/export-fixture.js';
import { duplicateUserSite } from './fixtures.js';

const fx = fixtureDir('pm-exclude-');
afterAll(() => fx.cleanup());

const codes = (list: readonly Diagnostic[], code: string) => list.filter((d) => d.code === code);

function oneSite(exclude: string[], mapping?: string): string {
  const dir = fx.next('one');
  writeExportFolder(path.join(dir, 'ber'), baselineExport('ucs-ber-01.corp.example'));
  if (mapping !== undefined) writeFileSync(path.join(dir, 'mapping.csv'), mapping);
  const file = path.join(dir, 'procall-migrate.yaml');
  writeFileSync(
    file,
    [
      'name: exclude',
      'sources: [ber]',
      'userStore: mssql',
      'servers:',
      '  - { name: dc-ber, fqdn: dc-ber.corp.example, replaces: [ucs-ber-01.corp.example] }',
      ...(mapping === undefined ? [] : ['homeServers: { mapping: mapping.csv }']),
      'exclude:',
      ...exclude,
      '',
    ].join('\n'),
  );
  return file;
}

describe('exclude: leaves an entity out, and says what went with it', () => {
  it('a user who left: not planned, and the note names memberships, leader role, client content and mapping row', async () => {
    const file = oneSite(['  - { source: ucs-ber-01.corp.example, entity: user, key: anna.schmidt, reason: left the company }'], 'anna.schmidt,dc-ber\nbob.meyer,dc-ber\n');
    const result = await prepareDesired({ projectFile: file, env: {}, toolVersion: 'test' });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const model = result.mapped!.model;
    expect(model.UserAccount.map((u) => u.UserName)).toEqual(['bob.meyer']);
    expect(model.UserGroupMember.map((m) => m.UserName)).toEqual(['bob.meyer']);
    expect(model.UserGroup[0]!.LeaderUserName).toBe('');
    expect(model.ClientContent).toEqual([]);
    const [note] = codes(result.diagnostics, 'PROJECT_EXCLUDED');
    expect(note?.severity).toBe('info');
    expect(note?.subject).toBe('user:anna.schmidt');
    // The entry's own line in the project file.
    expect(note?.line).toBe(readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('key: anna.schmidt')) + 1);
    for (const part of ['left the company', 'membership in group "Sales Berlin"', 'leader of group "Sales Berlin"', 'client content', '1 monitored line(s)', 'home-server mapping row (mapping.csv:1)']) {
      expect(note?.message).toContain(part);
    }
    // The mapping row of the left-out user is no "unknown user" finding.
    expect(codes(result.diagnostics, 'MAP_MAPPING_UNKNOWN_USER')).toEqual([]);
    // Conservation: the exports as imported still hold anna; her note names her and what went with her.
    const kept = checkConservation(result.imported!.exports, model, result.diagnostics);
    expect(kept.losses).toEqual([]);
    expect(kept.counts.user).toEqual({ exported: 2, kept: 1, named: 1 });
    expect(kept.counts.membership.named).toBe(1);
    // The export on disk is unchanged.
    expect(readFileSync(path.join(path.dirname(file), 'ber', 'users.xml'), 'utf8')).toContain('anna.schmidt');
  });

  it('a line group: its lines go with it, each named', async () => {
    const file = oneSite(['  - { source: ucs-ber-01.corp.example, entity: lineGroup, key: ECSTA Avaya Berlin }']);
    const result = await prepareDesired({ projectFile: file, env: {}, toolVersion: 'test' });
    expect(result.mapped!.model.Line).toEqual([]);
    expect(codes(result.diagnostics, 'PROJECT_EXCLUDED')[0]?.message).toContain('its 2 line(s): tel:+4930123451234, tel:+4930123451299');
  });

  it.each([
    ['source', '  - { source: ucs-ber-01.corp.exampel, entity: user, key: anna.schmidt }', 'ucs-ber-01.corp.example'],
    ['entity', '  - { source: ucs-ber-01.corp.example, entity: usr, key: anna.schmidt }', 'user'],
    ['key', '  - { source: ucs-ber-01.corp.example, entity: user, key: anna.schmit }', 'anna.schmidt'],
  ])('a misspelt %s: an error naming the closest one, whose first option leaves the user out', async (field, line, near) => {
    const file = oneSite([line]);
    const opts = { projectFile: file, env: {}, toolVersion: 'test' };
    const result = await prepareDesired(opts);
    const [err] = codes(result.diagnostics, 'PROJECT_EXCLUDE_UNKNOWN');
    expect(err?.severity).toBe('error');
    expect(err?.path).toBe(`exclude[0].${field}`);
    expect(err?.message).toContain(`(did you mean ${near}?)`);
    expect(result.refused).toBe(true);
    writeFileSync(file, applyDecision(readFileSync(file, 'utf8'), err!.decide![0]!));
    const again = await prepareDesired(opts);
    expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(again.mapped!.model.UserAccount.map((u) => u.UserName)).toEqual(['bob.meyer']);
  });

  it('a user two sources hold: the first option leaves the second copy out; the user keeps the other source’s memberships', async () => {
    const dir = fx.next('dup');
    writeExportFolder(path.join(dir, 'ber'), baselineExport('ucs-ber-01.corp.example'));
    writeExportFolder(path.join(dir, 'muc'), duplicateUserSite('ucs-muc-01.corp.example'));
    const file = path.join(dir, 'procall-migrate.yaml');
    writeFileSync(
      file,
      [
        'name: dup',
        'sources: [ber, muc]',
        'userStore: mssql',
        'servers:',
        '  - { name: dc-ber, fqdn: dc-ber.corp.example, replaces: [ucs-ber-01.corp.example], lineGroups: [ECSTA Avaya Berlin] }',
        '  - { name: dc-muc, fqdn: dc-muc.corp.example, replaces: [ucs-muc-01.corp.example] }',
        'locations: { Berlin: { from: ucs-ber-01.corp.example } }',
        '',
      ].join('\n'),
    );
    const opts = { projectFile: file, env: {}, toolVersion: 'test' };
    const first = await prepareDesired(opts);
    const [dup] = codes(first.diagnostics, 'MAP_USER_DUPLICATE');
    expect(dup?.decide?.[0]?.path).toBe('exclude[]');
    expect(dup?.decide?.[0]?.value).toMatchObject({ source: 'ucs-muc-01.corp.example', entity: 'user', key: 'anna.schmidt' });
    expect(dup?.decide?.[1]?.value).toMatchObject({ source: 'ucs-ber-01.corp.example' });
    writeFileSync(file, applyDecision(readFileSync(file, 'utf8'), dup!.decide![0]!));
    const second = await prepareDesired(opts);
    expect(codes(second.diagnostics, 'MAP_USER_DUPLICATE')).toEqual([]);
    const note = codes(second.diagnostics, 'PROJECT_EXCLUDED')[0];
    expect(note?.message).toContain('another source still holds the user');
    const anna = second.mapped!.model.UserAccount.filter((u) => u.UserName === 'anna.schmidt');
    expect(anna.map((u) => u.Origin)).toEqual(['ucs-ber-01.corp.example']);
    // Both groups keep anna: the muc group's membership is not lost with the muc copy.
    expect(second.mapped!.model.UserGroupMember.filter((m) => m.UserName === 'anna.schmidt').map((m) => m.GroupName).sort()).toEqual(['Sales Berlin', 'Sales Muc']);
  });
});
