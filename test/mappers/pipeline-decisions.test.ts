/**
 * The decide loop through the pipeline, on fixture exports written to a temp dir: a wrong-typed
 * export value decided under `settings:`, `accept:` making `--strict` pass (and an unused entry
 * warning), and open decisions that refuse the run while import and mapping still happen.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { sampleProjectWith } from '../cli/helpers.js';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDecisions, prepareDesired, runPipeline } from '../../src/pipeline.js';
import { hasErrors } from '../../src/model/diagnostics.js';
import { baselineExport, BIND_PASSWORD, fixtureDir, LICENSE_KEY, positionOf, writeExportFolder } from '../helpers/export-fixture.js';

const fx = fixtureDir('pm-pipeline-decisions-');
afterAll(() => fx.cleanup());

/** A project folder with one baseline export whose ucserver.xml gets `extraSettings`; returns the project file. */
function projectWith(yaml: string, extraSettings = ''): string {
  const dir = fx.next('case');
  mkdirSync(dir);
  const files = baselineExport();
  files['config/ucserver.xml'] = String(files['config/ucserver.xml']).replace('  </Settings>', `${extraSettings}  </Settings>`);
  writeExportFolder(path.join(dir, 'exports', 'ucs-ber-01'), files);
  const file = path.join(dir, 'procall-migrate.yaml');
  writeFileSync(
    file,
    `name: Test
sources: [exports/ucs-ber-01]
userStore: mssql
servers:
  - name: dc-01
    fqdn: dc-01.corp.example
    replaces: [ucs-ber-01.corp.example]
homeServers:
  balance: true
${yaml}`,
  );
  return file;
}

const run = (projectFile: string, strict = false) => prepareDesired({ projectFile, env: {}, toolVersion: 't', strict });

describe('a wrong-typed export value', () => {
  const bad = '    <Setting key="journal.deleteAfterDays" type="int" value="neunzig"/>\n';

  it('names key, value, file and line, and blocks', async () => {
    const r = await run(projectWith('', bad));
    const found = r.diagnostics.filter((d) => d.code === 'IMPORT_WRONG_VALUE_TYPE');
    expect(found).toMatchObject([{ severity: 'error', file: 'config/ucserver.xml', message: expect.stringMatching(/journal\.deleteAfterDays.*"neunzig"/) }]);
    expect(r.refused).toBe(true);
  });

  it('decided under settings: becomes a note naming the decision', async () => {
    const r = await run(projectWith('settings:\n  global:\n    journal.deleteAfterDays: 90\n', bad));
    expect(r.diagnostics.filter((d) => d.code === 'IMPORT_WRONG_VALUE_TYPE')).toMatchObject([
      { severity: 'info', message: expect.stringContaining('decided by settings.global["journal.deleteAfterDays"] = “90” (procall-migrate.yaml:12)') },
    ]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.mapped!.model.Setting.find((s) => s.Key === 'journal.deleteAfterDays')).toMatchObject({ Scope: 'global', Value: '90', Type: 'int' });
  });
});

describe('accept:', () => {
  const unclassified = '    <Setting key="voicemail.greetingPath" type="text" value="x"/>\n';

  it('an accepted warning is shown with its reason and --strict passes; without it --strict refuses', async () => {
    const strictOpen = await run(projectWith('', unclassified), true);
    expect(strictOpen.refused).toBe(true);

    const accepted = await run(
      projectWith(
        'accept:\n  - code: MAP_SETTING_UNCLASSIFIED\n    match: voicemail\n    reason: only Berlin has voicemail, confirmed in the workshop\n' +
          '  - code: MAP_CREDENTIAL_MISSING\n    reason: bob gets a new password at the cutover\n',
        unclassified,
      ),
      true,
    );
    const warnings = accepted.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.find((d) => d.code === 'MAP_SETTING_UNCLASSIFIED')).toMatchObject({ accepted: { reason: 'only Berlin has voicemail, confirmed in the workshop' } });
    expect(warnings.filter((d) => d.accepted === undefined)).toEqual([]);
    expect(accepted.refused).toBe(false);
    expect(hasErrors(accepted.diagnostics, true)).toBe(false);
  });

  it('an entry that matches nothing is a warning with its line', async () => {
    const r = await run(projectWith('accept:\n  - code: MAP_LICENSE_DUPLICATE\n    match: "…9999"\n    reason: moved\n'));
    expect(r.diagnostics.filter((d) => d.code === 'PROJECT_ACCEPT_UNUSED')).toMatchObject([
      { severity: 'warning', line: 11, path: 'accept[0]', message: 'accept[0]: no warning MAP_LICENSE_DUPLICATE containing "…9999" in this run' },
    ]);
  });

  it('an unused entry with a misspelt code names the right one', async () => {
    const r = await run(projectWith('accept:\n  - code: MAP_LICENCE_DUPLICATE\n    reason: moved\n'));
    expect(r.diagnostics.filter((d) => d.code === 'PROJECT_ACCEPT_UNUSED')).toMatchObject([
      { message: expect.stringContaining('MAP_LICENCE_DUPLICATE is no code of this tool (did you mean MAP_LICENSE_DUPLICATE?)') },
    ]);
  });

  it('an entry naming an error leaves it an error, with a note', async () => {
    const r = await run(projectWith('accept:\n  - code: IMPORT_WRONG_VALUE_TYPE\n    reason: we know\n', '    <Setting key="journal.deleteAfterDays" type="int" value="neunzig"/>\n'));
    expect(r.refused).toBe(true);
    expect(r.diagnostics.filter((d) => d.code === 'IMPORT_WRONG_VALUE_TYPE')).toMatchObject([{ severity: 'error' }]);
    expect(r.diagnostics.filter((d) => d.code === 'PROJECT_ACCEPT_ERROR')).toMatchObject([{ severity: 'info', line: 11 }]);
  });
});

describe('open decisions', () => {
  it('refuse the run, one error per decision with its line, but import and mapping still run (for report --draft)', async () => {
    const file = projectWith('settings:\n  global:\n    chat.deleteAfterDays: TODO   # sources disagree\n');
    const text = (await import('node:fs')).readFileSync(file, 'utf8').replace('fqdn: dc-01.corp.example', 'fqdn: dc-01.corp.example   # TODO: the real name');
    writeFileSync(file, text);
    const r = await run(file);
    expect(r.refused).toBe(true);
    expect(openDecisions(r.diagnostics)).toMatchObject([
      { severity: 'error', line: positionOf(text, 'fqdn').line, path: 'servers[0].fqdn' },
      { severity: 'error', line: positionOf(text, 'chat.').line, path: 'settings.global["chat.deleteAfterDays"]' },
    ]);
    expect(r.mapped?.model.UserAccount.length).toBeGreaterThan(0);
    // The TODO value decides nothing: no setting row with the word TODO.
    expect(r.mapped!.model.Setting.filter((s) => s.Value === 'TODO')).toEqual([]);
  });

  it('a setting left TODO is that one finding: no conflict or UNC error for the same key besides it', async () => {
    // Alpen-Handel's sources disagree on both keys and one share is not UNC: the project leaves both open.
    const file = sampleProjectWith('alpen-handel', '');
    const text = readFileSync(file, 'utf8')
      .replace(/contentsharing\.fileLocation: .*/, 'contentsharing.fileLocation: TODO')
      .replace(/chat\.deleteAfterDays: .*/, 'chat.deleteAfterDays: TODO');
    writeFileSync(file, text);
    const r = await run(file);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.path])).toEqual([
      ['PROJECT_OPEN_DECISION', 'settings.global["contentsharing.fileLocation"]'],
      ['PROJECT_OPEN_DECISION', 'settings.global["chat.deleteAfterDays"]'],
    ]);
    // Left open, neither key gets a row from one source's value.
    expect(r.mapped!.model.Setting.filter((s) => s.Key === 'chat.deleteAfterDays' || s.Key === 'contentsharing.fileLocation')).toEqual([]);
  });

  it('runPipeline never connects to the target nor applies', async () => {
    const file = projectWith(
      'target:\n  server: sql01\n  database: ProCallDC\n  user: migrator\n  passwordEnv: PM_PW\n',
    );
    writeFileSync(file, (await import('node:fs')).readFileSync(file, 'utf8').replace('balance: true', 'balance: true   # TODO: check'));
    let connected = false;
    const r = await runPipeline({
      projectFile: file,
      env: { PM_PW: 'x' },
      toolVersion: 't',
      connect: async () => {
        connected = true;
        throw new Error('must not connect');
      },
      confirmApply: async () => true,
    });
    expect(connected).toBe(false);
    expect(r.refused).toBe(true);
    expect(r.applied).toBe(false);
    expect(openDecisions(r.diagnostics)).toHaveLength(1);
  });

  it('no secret or full licence key in any diagnostic of these runs', async () => {
    const r = await run(projectWith('settings:\n  global:\n    mail.smtpServer: TODO\n'));
    const text = JSON.stringify(r.diagnostics);
    expect(text).not.toContain(BIND_PASSWORD);
    expect(text).not.toContain(LICENSE_KEY);
  });
});
