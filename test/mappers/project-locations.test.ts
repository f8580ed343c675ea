/**
 * Findings about the project file point into it the same way whichever stage finds them: the
 * file's name, line and column (walkthrough: a missing source, maxUsers, a setting in the wrong
 * scope had no place or a different file naming).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diagnosticLocation } from '../../src/cli/render-diagnostics.js';
import { prepareDesired } from '../../src/pipeline.js';
import { baselineExport, fixtureDir, positionOf, writeExportFolder } from '../helpers/export-fixture.js';

const fx = fixtureDir('pm-project-locations-');
afterAll(() => fx.cleanup());

/** A project folder with one baseline export (two users); `servers` and `extra` are YAML. */
function projectFile(opts: { sources?: string; maxUsers?: number; extra?: string } = {}): { file: string; text: string } {
  const dir = fx.next('case');
  mkdirSync(dir);
  writeExportFolder(path.join(dir, 'exports', 'ucs-ber-01'), baselineExport());
  const text = `name: Test
sources:
  - exports/ucs-ber-01
${opts.sources ?? ''}userStore: mssql
servers:
  - name: dc-01
    fqdn: dc-01.corp.example
    replaces: [ucs-ber-01.corp.example]
${opts.maxUsers === undefined ? '' : `    maxUsers: ${opts.maxUsers}\n`}homeServers:
  balance: true
${opts.extra ?? ''}`;
  const file = path.join(dir, 'procall-migrate.yaml');
  writeFileSync(file, text);
  return { file, text };
}

const run = (file: string) => prepareDesired({ projectFile: file, env: {}, toolVersion: 't' });

describe('project findings carry the project file, line and column', () => {
  it('a sources: entry that does not exist points at its line, not only the missing path', async () => {
    const { file, text } = projectFile({ sources: '  - exports/ucs-vie-01\n' });
    const r = await run(file);
    const d = r.diagnostics.find((x) => x.code === 'IMPORT_INPUT_NOT_FOUND');
    const at = positionOf(text, 'exports/ucs-vie-01');
    expect(d).toMatchObject({ severity: 'error', file: 'procall-migrate.yaml', path: 'sources[1]', line: at.line });
    expect(diagnosticLocation(d!)).toMatch(new RegExp(`^procall-migrate\\.yaml:${at.line}:\\d+$`));
    expect(d!.message).toContain('ucs-vie-01');
  });

  it('MAP_SERVER_OVER_CAPACITY points at the server\'s maxUsers line', async () => {
    const { file, text } = projectFile({ maxUsers: 1 });
    const r = await run(file);
    const d = r.diagnostics.find((x) => x.code === 'MAP_SERVER_OVER_CAPACITY');
    expect(d).toMatchObject({ severity: 'error', file: 'procall-migrate.yaml', path: 'servers[0].maxUsers', line: positionOf(text, 'maxUsers').line });
    expect(diagnosticLocation(d!)).toBe(`procall-migrate.yaml:${positionOf(text, 'maxUsers').line}:5`);
  });

  it('the mapping CSV is named relative to the project folder; a misspelt user there is an error naming the user meant', async () => {
    const { file } = projectFile({ extra: 'homeServers:\n  mapping: maps/home-servers.csv\n' });
    writeFileSync(file, readFileSync(file, 'utf8').replace('homeServers:\n  balance: true\n', ''));
    mkdirSync(path.join(path.dirname(file), 'maps'));
    writeFileSync(path.join(path.dirname(file), 'maps', 'home-servers.csv'), 'userName,server\nana.schmidt,dc-01\n');
    const d = (await run(file)).diagnostics.find((x) => x.code === 'MAP_MAPPING_UNKNOWN_USER');
    expect(d).toMatchObject({ severity: 'error', file: 'maps/home-servers.csv', line: 2 });
    expect(d!.message).toContain('(did you mean anna.schmidt?)');
  });

  it('a loader error and a mapper error on the same file read alike: name:line:column', async () => {
    const typo = projectFile({ extra: 'settings:\n  global:\n    logging.level: info\n' });
    const scope = (await run(typo.file)).diagnostics.find((x) => x.code === 'MAP_PROJECT_SETTING_SCOPE');
    const line = positionOf(typo.text, 'logging.level').line;
    expect(diagnosticLocation(scope!)).toBe(`procall-migrate.yaml:${line}:5`);

    const unknown = projectFile({ extra: 'homeserver: {}\n' });
    const key = (await run(unknown.file)).diagnostics.find((x) => x.code === 'PROJECT_UNKNOWN_KEY');
    expect(diagnosticLocation(key!)).toBe(`procall-migrate.yaml:${positionOf(unknown.text, 'homeserver:').line}:1`);
  });
});
