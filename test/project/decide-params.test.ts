/**
 * The decide registry reads a finding's `params`, never its message (issue 23): the project
 * loader's findings get the options a consultant expects from the values they carry, and a
 * mapper finding whose message says nothing useful still gets its options from its params.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/project/load.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { projectDocument, type DecideContext } from '../../src/project/decide-context.js';
import { decideFor } from '../../src/project/decide.js';
import { fixtureDir } from '../helpers/export-fixture.js';

const fx = fixtureDir('pm-decide-params-');
afterAll(() => fx.cleanup());

const BASE = ['name: params', 'sources: [ber]', 'userStore: mssql', 'servers:', '  - { name: dc-a, fqdn: dc-a.corp.example, maxUsers: 100, lineGroups: [LG-Berlin] }'];

/** The project's findings of `code`, each with the options the registry gives it. */
async function optionsFor(name: string, lines: string[], code: string) {
  const text = [...BASE, ...lines].join('\n') + '\n';
  const file = path.join(fx.dir, `${name}.yaml`);
  writeFileSync(file, text);
  const loaded = await loadProject(file, {});
  const ctx: DecideContext = { exports: [], doc: projectDocument(text)! };
  const found = loaded.diagnostics.filter((d) => d.code === code);
  expect(found, `${code} in ${loaded.diagnostics.map((d) => d.code).join(', ')}`).toHaveLength(1);
  return decideFor(found[0]!, ctx).map((o) => ({ label: o.label, path: o.path, value: o.value }));
}

describe('project findings: options from their params', () => {
  it('a line group two servers manage: either server keeps it', async () => {
    const options = await optionsFor('dup-group', ['  - { name: dc-b, fqdn: dc-b.corp.example, lineGroups: [LG-Berlin, LG-Hamburg] }'], 'PROJECT_DUPLICATE_LINE_GROUP');
    expect(options).toEqual([
      { label: 'dc-a manages "LG-Berlin" (remove it from dc-b)', path: 'servers[1].lineGroups', value: ['LG-Hamburg'] },
      { label: 'dc-b manages "LG-Berlin" (remove it from dc-a)', path: 'servers[0].lineGroups', value: [] },
    ]);
  });

  it('settings of a misspelt server are written under the server meant', async () => {
    const options = await optionsFor('unknown-server', ['settings:', '  local:', '    dc-aa: { chat.deleteAfterDays: 90 }'], 'PROJECT_UNKNOWN_SERVER');
    expect(options[0]).toEqual({ label: 'write it as dc-a (then remove "dc-aa")', path: 'settings.local["dc-a"]', value: { 'chat.deleteAfterDays': 90 } });
  });

  it('a number in quotes, a yes for a boolean and a value in capitals are written as the schema expects', async () => {
    expect(await optionsFor('quoted', ['  - { name: dc-b, fqdn: dc-b.corp.example, maxUsers: "60" }'], 'PROJECT_INVALID')).toEqual([{ label: 'the number 60', path: 'servers[1].maxUsers', value: 60 }]);
    expect(await optionsFor('yes', ['homeServers: { balance: "yes" }'], 'PROJECT_INVALID')).toEqual([{ label: 'the boolean yes', path: 'homeServers.balance', value: true }]);
    expect(await optionsFor('capitals', ['  - { name: dc-b, fqdn: dc-b.corp.example, role: UCServer }'], 'PROJECT_INVALID')).toEqual([{ label: 'write ucserver', path: 'servers[1].role', value: 'ucserver' }]);
  });
});

describe('mapper findings: options from their params, whatever the message says', () => {
  const text = [...BASE, '  - { name: dc-b, fqdn: dc-b.corp.example }'].join('\n') + '\n';
  const ctx: DecideContext = { exports: [], doc: projectDocument(text)! };
  const finding = (code: string, path: string | undefined, params: Diagnostic['params']): Diagnostic => ({ code, severity: 'error', message: 'a message the registry does not read', ...(path === undefined ? {} : { path }), params });

  it('a server over capacity: maxUsers raised to the users it gets (this run and earlier waves)', () => {
    const d = finding('MAP_SERVER_OVER_CAPACITY', 'servers[0].maxUsers', { target: 'dc-a', count: 230, fromRun: 180, existing: 50, max: 100 });
    expect(decideFor(d, ctx).map((o) => [o.path, o.value])).toEqual([['servers[0].maxUsers', 230]]);
  });

  it('a SIP URI two users have: the second gets one of its own, or is left out', () => {
    const d = finding('MAP_SIPURI_DUPLICATE', undefined, { sipUri: 'sip:anna@corp.example', user: 'bert@corp.example', other: 'anna@corp.example', servers: ['ucs-ber', 'ucs-ham'] });
    const options = decideFor(d, ctx);
    expect(options[0]?.value).toEqual({ source: 'ucs-ham', entity: 'user', key: 'bert@corp.example', field: 'sipUri', value: 'sip:bert@corp.example' });
    expect(options[1]?.label).toBe('leave user bert@corp.example of ucs-ham out of the migration');
  });

  it('one number on two lines: either line is left out', () => {
    const d = finding('MAP_LINE_CONFLICT', undefined, { number: '+49301234', lines: ['tel:100', 'tel:200'], servers: ['ucs-ber', 'ucs-ham'] });
    expect(decideFor(d, ctx).map((o) => o.label)).toEqual(['number +49301234 stays on line tel:100: leave line tel:200 of ucs-ham out', 'number +49301234 goes to line tel:200: leave line tel:100 of ucs-ber out']);
  });

  it('a Jet journal database on a project server: SQLite for that server', () => {
    const d = finding('MAP_DATABASE_ENGINE_JET', undefined, { server: 'dc-b', key: 'database.engine', value: 'jet' });
    expect(decideFor(d, ctx).map((o) => [o.path, o.value])).toEqual([['settings.local["dc-b"]["database.engine"]', 'sqlite']]);
  });

  it('a warning is accepted by a match the accept: entry selects it with (its subject or path, else a value of it)', () => {
    const warning = (params: Diagnostic['params'], subject?: string): Diagnostic => ({ code: 'MAP_X', severity: 'warning', message: 'user "jdoe" has no e-mail address', params, ...(subject === undefined ? {} : { subject }) });
    expect(decideFor(warning({ user: 'jdoe' }, 'user:jdoe'), ctx)[0]?.value).toEqual({ code: 'MAP_X', match: 'jdoe', reason: expect.any(String) });
    expect(decideFor(warning({}, 'user:jdoe'), ctx)[0]?.value).toEqual({ code: 'MAP_X', match: 'user "jdoe" has no e-mail address', reason: expect.any(String) });
  });
});
