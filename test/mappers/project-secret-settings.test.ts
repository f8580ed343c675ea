/**
 * The project's settings and secrets: a key the catalog or any source types `secret` may only be
 * given as `{ env: VAR }` (a literal is refused at its line, without its value), its row is a
 * secret whatever scope the sources hold it in, and no note shows the value. A key written in
 * another case is written in the catalog's (or the sources') spelling, with a note saying so.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/project/load.js';
import { mapToDataCenter } from '../../src/mappers/index.js';
import type { MapResult } from '../../src/mappers/types.js';
import type { EnterpriseExport } from '../../src/model/enterprise.js';
import type { Project } from '../../src/project/schema.js';
import { Sensitive } from '../../src/model/sensitive.js';
import { fixtureDir } from '../helpers/export-fixture.js';
import { exp, find, setting } from './build.js';

const fx = fixtureDir('pm-project-secrets-');
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

async function load(yaml: string, env: Record<string, string> = {}): Promise<Project> {
  const dir = fx.next('project');
  mkdirSync(dir);
  const file = path.join(dir, 'procall-migrate.yaml');
  writeFileSync(file, `${HEAD}${yaml}`);
  const r = await loadProject(file, env);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.project!;
}

const withSettings = (source: string) => (over: Partial<EnterpriseExport> = {}) => exp(source, { ...over, settings: [...exp(source).settings, ...(over.settings ?? [])] });
const A = withSettings('ucs-a');
const B = withSettings('ucs-b');
const token = () => setting('crm.apiToken', 'tokAAA111', 'secret');

/** Everything the mapper hands on: rows, findings, decisions. */
function everything(r: MapResult): string {
  return [JSON.stringify(r.model), JSON.stringify(r.diagnostics), JSON.stringify(r.decisions), inspect(r.model, { depth: null }), inspect(r.diagnostics, { depth: null })].join('\n');
}

function tokenRows(r: MapResult) {
  return r.model.Setting.filter((s) => s.Key.toLowerCase() === 'crm.apitoken');
}

describe('a literal value for a key the sources type secret', () => {
  it.each([
    ['under settings.global, both sources holding it', 'settings:\n  global:\n    crm.apiToken: LiteralTok999\n', 'settings.global["crm.apiToken"]', () => [A({ settings: [token()] }), B({ settings: [token()] })]],
    ['under settings.local, its source holding it', 'settings:\n  local:\n    dc-01:\n      crm.apiToken: LiteralTok999\n', 'settings.local["dc-01"]["crm.apiToken"]', () => [A({ settings: [token()] }), B()]],
    // The source holding the secret is replaced by another server: its type still counts.
    ['under settings.local of a server whose sources lack it', 'settings:\n  local:\n    dc-02:\n      crm.apiToken: LiteralTok999\n', 'settings.local["dc-02"]["crm.apiToken"]', () => [A({ settings: [token()] }), B()]],
    ['under settings.global, one source holding it as a secret and one as text', 'settings:\n  global:\n    crm.apiToken: LiteralTok999\n', 'settings.global["crm.apiToken"]', () => [A({ settings: [setting('crm.apiToken', 'plain', 'text')] }), B({ settings: [token()] })]],
  ])('%s: refused at its line, the row is a secret and the value appears nowhere', async (_what, yaml, where, exports) => {
    const r = mapToDataCenter({ project: await load(yaml), exports: exports() });
    const errors = find(r.diagnostics, 'MAP_PROJECT_SETTING_TYPE');
    expect(errors).toMatchObject([{ severity: 'error', file: 'procall-migrate.yaml', message: expect.stringContaining(`${where}: a secret may not be written in the project file`), hint: expect.stringContaining('{ env: VARIABLE }') }]);
    expect(errors[0]!.line).toBeGreaterThanOrEqual(13);
    expect(r.blocked).toBe(true);
    const rows = tokenRows(r).filter((s) => s.Origin === 'project');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.Type).toBe('secret');
      expect(row.Value).toBeInstanceOf(Sensitive);
    }
    expect(everything(r)).not.toContain('LiteralTok999');
    expect(everything(r)).not.toContain('tokAAA111');
  });

  it('the note on the unclassified key names the decision without its value', async () => {
    const r = mapToDataCenter({ project: await load('settings:\n  local:\n    dc-01:\n      crm.apiToken: LocalLit777\n'), exports: [A({ settings: [token()] }), B()] });
    const notes = find(r.diagnostics, 'MAP_SETTING_UNCLASSIFIED');
    expect(notes).toMatchObject([{ severity: 'info', message: expect.stringContaining('decided by settings.local["dc-01"]["crm.apiToken"] = (sensitive)') }]);
    expect(everything(r)).not.toContain('LocalLit777');
  });

  it('{ env: VAR } is accepted and written as a secret', async () => {
    const project = await load('settings:\n  global:\n    crm.apiToken: { env: CRM_TOKEN }\n', { CRM_TOKEN: 'EnvTok555' });
    const r = mapToDataCenter({ project, exports: [A({ settings: [token()] }), B({ settings: [token()] })] });
    expect(find(r.diagnostics, 'MAP_PROJECT_SETTING_TYPE')).toEqual([]);
    expect(tokenRows(r)).toMatchObject([{ Scope: 'global', Type: 'secret', Origin: 'project' }]);
    expect(everything(r)).not.toContain('EnvTok555');
  });

  it('the loader refuses a literal for a key the catalog types secret (PROJECT_PASSWORD_IN_FILE, without the value)', async () => {
    const file = path.join(fx.next('p'), 'procall-migrate.yaml');
    mkdirSync(path.dirname(file));
    writeFileSync(file, `${HEAD}settings:\n  global:\n    mail.password: Geheim123\n`);
    const r = await loadProject(file, {});
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toMatchObject([{ code: 'PROJECT_PASSWORD_IN_FILE', line: 13 }]);
    expect(JSON.stringify(r.diagnostics)).not.toContain('Geheim123');
  });
});

describe('a project setting key in another case', () => {
  it.each([
    ['a catalog key', 'Mail.SmtpServer: smtp.x.de', 'mail.smtpServer', "the catalog's", () => [A({ settings: [setting('mail.smtpServer', 'smtp.corp.example')] }), B({ settings: [setting('mail.smtpServer', 'smtp.corp.example')] })]],
    ['a key only the sources know', 'CUSTOM.Retries: 5', 'custom.retries', "the sources'", () => [A({ settings: [setting('custom.retries', '3', 'int')] }), B()]],
  ])('%s is written in the known spelling, with a note at its line', async (_what, entry, spelled, whose, exports) => {
    const r = mapToDataCenter({ project: await load(`settings:\n  global:\n    ${entry}\n`), exports: exports() });
    const rows = r.model.Setting.filter((s) => s.Key.toLowerCase() === spelled.toLowerCase() && s.Scope === 'global');
    expect(rows).toMatchObject([{ Key: spelled, Origin: 'project' }]);
    expect(r.model.Setting.filter((s) => s.Key === entry.split(':')[0])).toEqual([]);
    expect(find(r.diagnostics, 'MAP_PROJECT_SETTING_SPELLING')).toMatchObject([
      { severity: 'info', line: 13, message: expect.stringContaining(`is written as ${spelled} (${whose} spelling`) },
    ]);
    expect(r.blocked).toBe(false);
  });

  it('a key in the right case gets no note', async () => {
    const r = mapToDataCenter({ project: await load('settings:\n  global:\n    mail.smtpServer: smtp.x.de\n'), exports: [A(), B()] });
    expect(find(r.diagnostics, 'MAP_PROJECT_SETTING_SPELLING')).toEqual([]);
  });
});
