/**
 * Issue 8 items 2, 3 and 8: the project's settings are checked like an export's (type, spelling
 * with a did-you-mean, names that refer to nothing), and a value the project decides turns the
 * finding it decides into a note naming the decision — so `--strict` can pass.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/project/load.js';
import { mapToDataCenter } from '../../src/mappers/index.js';
import type { EnterpriseExport } from '../../src/model/enterprise.js';
import type { Project } from '../../src/project/schema.js';
import { fixtureDir } from '../helpers/export-fixture.js';
import { exp, find, lineGroup, setting, line as telLine } from '../mappers/build.js';

const fx = fixtureDir('pm-project-decisions-');
afterAll(() => fx.cleanup());

const HEAD = `name: Test
sources: [exports/a, exports/b]
userStore: ad
servers:
  - name: dc-01
    fqdn: dc-01.corp.example
    replaces: [ucs-a]
  - name: dc-02
    fqdn: dc-02.corp.example
    replaces: [ucs-b]
`;

/** Loads `HEAD + yaml` from a file, so every project diagnostic has its real line. */
async function load(yaml: string, head = HEAD): Promise<Project> {
  const dir = fx.next('project');
  mkdirSync(dir);
  const file = path.join(dir, 'procall-migrate.yaml');
  writeFileSync(file, `${head}${yaml}`);
  const r = await loadProject(file, {});
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.project!;
}

/** An export of `source` whose settings are the baseline's (the AD connection) plus `over.settings`. */
const withSettings = (source: string) => (over: Partial<EnterpriseExport> = {}) => exp(source, { ...over, settings: [...exp(source).settings, ...(over.settings ?? [])] });
const A = withSettings('ucs-a');
const B = withSettings('ucs-b');

describe('project settings are checked like export settings', () => {
  it.each([
    ['a misspelt key', 'mail.smtpServr: mail.corp.example', 'MAP_PROJECT_SETTING_UNKNOWN', /"mail\.smtpServr" is a setting key neither the catalog nor any source knows \(did you mean mail\.smtpServer\?\)/],
    ['a misspelt key of an open family', 'journal.deleteAftrDays: 90', 'MAP_PROJECT_SETTING_UNKNOWN', /did you mean journal\.deleteAfterDays\?/],
    ['a key nobody knows', 'foo.barBaz: 1', 'MAP_PROJECT_SETTING_UNKNOWN', /neither the catalog nor any source knows$/],
    ['a wrong type (int)', 'journal.deleteAfterDays: neunzig', 'MAP_PROJECT_SETTING_TYPE', /"neunzig" is not a whole number \(the key is of type int\)/],
    ['a wrong type (bool)', 'contentsharing.enabled: vielleicht', 'MAP_PROJECT_SETTING_TYPE', /"vielleicht" is not true or false/],
    ['a boolean for an int', 'mail.smtpPort: true', 'MAP_PROJECT_SETTING_TYPE', /is not a whole number/],
    ['a key only a source knows, wrong-typed like the source', 'custom.retries: many', 'MAP_PROJECT_SETTING_TYPE', /"many" is not a whole number/],
  ])('%s is an error with the project line', async (_what, entry, code, message) => {
    const project = await load(`settings:\n  global:\n    ${entry}\n`);
    const r = mapToDataCenter({ project, exports: [A({ settings: [setting('custom.retries', '3', 'int')] }), B()] });
    expect(find(r.diagnostics, code)).toMatchObject([{ severity: 'error', file: 'procall-migrate.yaml', line: 13, message: expect.stringMatching(message) }]);
    expect(r.blocked).toBe(true);
  });

  it.each([
    ['a known key', 'mail.smtpPort: 25'],
    ['a key of an open family', 'rights.global.allowVideo: 1'],
    ['a key a source has', 'custom.retries: 5'],
    ['a bool written 1', 'contentsharing.enabled: 1'],
  ])('%s passes', async (_what, entry) => {
    const project = await load(`settings:\n  global:\n    ${entry}\n`);
    const r = mapToDataCenter({ project, exports: [A({ settings: [setting('custom.retries', '3', 'int')] }), B()] });
    expect(r.diagnostics.filter((d) => d.code.startsWith('MAP_PROJECT_SETTING'))).toEqual([]);
  });

  it('a non-UNC share path in the project is an error at its line', async () => {
    const project = await load('settings:\n  global:\n    contentsharing.fileLocation: D:\\share\n');
    const r = mapToDataCenter({ project, exports: [A(), B()] });
    expect(find(r.diagnostics, 'MAP_CONTENTSHARING_NOT_UNC')).toMatchObject([{ severity: 'error', line: 13, file: 'procall-migrate.yaml' }]);
  });
});

describe('names that refer to nothing are errors naming the closest one', () => {
  it('a misspelt replaces (its export is left unreplaced)', async () => {
    const project = await load('', HEAD.replace('replaces: [ucs-b]', 'replaces: [ucs-wien.alpenland.de]'));
    const r = mapToDataCenter({ project, exports: [A(), exp('ucs-wien.alpenland.at')] });
    expect(find(r.diagnostics, 'MAP_REPLACES_UNKNOWN_SOURCE')).toMatchObject([
      { severity: 'error', line: 10, path: 'servers[1].replaces[0]', message: expect.stringContaining('(did you mean ucs-wien.alpenland.at?)') },
    ]);
  });

  it('a replaces of another migration wave (every export of the run is replaced) stays a warning', async () => {
    const project = await load('', HEAD.replace('replaces: [ucs-b]', 'replaces: [ucs-b, ucs-c]'));
    const r = mapToDataCenter({ project, exports: [A(), B()] });
    expect(find(r.diagnostics, 'MAP_REPLACES_UNKNOWN_SOURCE')).toMatchObject([{ severity: 'warning', path: 'servers[1].replaces[1]' }]);
  });

  it('a misspelt lineGroups entry', async () => {
    const project = await load('', HEAD.replace('    replaces: [ucs-b]\n', '    replaces: [ucs-b]\n    lineGroups: [ECSTA Avaya Berln]\n'));
    const groups = [lineGroup('ECSTA Avaya Berlin', [telLine('+4930123451234')])];
    const r = mapToDataCenter({ project, exports: [A({ lineGroups: groups }), B()] });
    expect(find(r.diagnostics, 'MAP_LINEGROUP_UNKNOWN')).toMatchObject([{ severity: 'error', line: 11, message: expect.stringContaining('(did you mean ECSTA Avaya Berlin?)') }]);
  });

  it('a misspelt server under settings.local (loader)', async () => {
    const file = fx.next('p.yaml');
    writeFileSync(file, `${HEAD}settings:\n  local:\n    dc-0l:\n      logging.level: info\n`);
    const r = await loadProject(file, {});
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toMatchObject([
      { code: 'PROJECT_UNKNOWN_SERVER', line: 14, message: 'settings.local["dc-0l"]: "dc-0l" is not a server of this project (did you mean dc-01?)' },
    ]);
  });

  it('a misspelt server in the mapping CSV', async () => {
    const project = await load('');
    const r = mapToDataCenter({ project, exports: [A(), B()], mapping: [{ userName: 'x', server: 'dc-2', file: 'm.csv', line: 3 }] });
    expect(find(r.diagnostics, 'MAP_MAPPING_UNKNOWN_SERVER')).toMatchObject([{ severity: 'error', line: 3, message: expect.stringContaining('(did you mean dc-02?)') }]);
  });
});

describe('a value the project decides turns the finding into a note naming the decision', () => {
  it('a conflict between sources', async () => {
    const exports = [A({ settings: [setting('chat.deleteAfterDays', '90', 'int')] }), B({ settings: [setting('chat.deleteAfterDays', '30', 'int')] })];
    const open = mapToDataCenter({ project: await load(''), exports });
    expect(find(open.diagnostics, 'MAP_GLOBAL_SETTING_CONFLICT')).toMatchObject([{ severity: 'error' }]);
    const decided = mapToDataCenter({ project: await load('settings:\n  global:\n    chat.deleteAfterDays: 90\n'), exports });
    expect(find(decided.diagnostics, 'MAP_GLOBAL_SETTING_CONFLICT')).toMatchObject([
      { severity: 'info', message: expect.stringMatching(/differs between sources: .*; decided by settings\.global\["chat\.deleteAfterDays"\] = “90” \(procall-migrate\.yaml:13\)$/) },
    ]);
    expect(decided.diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toEqual([]);
  });

  it('an unclassified key given a scope: a note, and no local copy when made global', async () => {
    const exports = [A({ settings: [setting('voicemail.greetingPath', '\\\\fs\\greet')] }), B()];
    const open = mapToDataCenter({ project: await load(''), exports, strict: true });
    expect(find(open.diagnostics, 'MAP_SETTING_UNCLASSIFIED')).toMatchObject([{ severity: 'warning' }]);
    const decided = mapToDataCenter({ project: await load('settings:\n  global:\n    voicemail.greetingPath: \\\\fs\\greet\n'), exports, strict: true });
    expect(find(decided.diagnostics, 'MAP_SETTING_UNCLASSIFIED')).toMatchObject([
      { severity: 'info', source: 'ucs-a', message: expect.stringContaining('decided by settings.global["voicemail.greetingPath"]') },
    ]);
    expect(decided.model.Setting.filter((s) => s.Key === 'voicemail.greetingPath').map((s) => s.Scope)).toEqual(['global']);
    expect(decided.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('both sources set a share path, one not UNC: the message says so (not "no fileLocation is set")', async () => {
    const exports = [
      A({ settings: [setting('contentsharing.enabled', '1', 'bool'), setting('contentsharing.fileLocation', 'D:\\ProCall\\Share')] }),
      B({ settings: [setting('contentsharing.enabled', '1', 'bool'), setting('contentsharing.fileLocation', '\\\\fs\\share')] }),
    ];
    const r = mapToDataCenter({ project: await load(''), exports });
    const notUnc = find(r.diagnostics, 'MAP_CONTENTSHARING_NOT_UNC');
    expect(notUnc).toHaveLength(1);
    expect(notUnc[0]!.message).toContain('differs between the sources and ucs-a\'s “D:\\ProCall\\Share” is not a UNC path');
    expect(notUnc[0]!.message).not.toContain('no contentsharing.fileLocation is set');

    const decided = mapToDataCenter({ project: await load('settings:\n  global:\n    contentsharing.fileLocation: \\\\fs01\\procall$\\share\n'), exports });
    expect(find(decided.diagnostics, 'MAP_CONTENTSHARING_NOT_UNC')).toMatchObject([
      { severity: 'info', source: 'ucs-a', message: expect.stringContaining('decided by settings.global["contentsharing.fileLocation"] = “\\\\fs01\\procall$\\share”') },
    ]);
    expect(decided.diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toEqual([]);
  });
});
