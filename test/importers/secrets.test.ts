/** Secrets stay wrapped: no rendering of an imported export or its diagnostics shows them. */
import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectImport } from '../../src/importers/inspect.js';
import { Sensitive } from '../../src/model/sensitive.js';
import { baselineExport, BIND_PASSWORD, fixtureDir, LICENSE_KEY, USER_PASSWORD_HASH } from '../helpers/export-fixture.js';
import { edit, importFiles } from '../helpers/run-import.js';

const tmp = fixtureDir();
afterAll(() => tmp.cleanup());

const renderings = (value: unknown) => [JSON.stringify(value), inspect(value, { depth: Infinity }), String(inspect(value, { showHidden: true, depth: Infinity }))];

describe('secrets', () => {
  it('JSON.stringify and util.inspect of an imported export never show a secret', async () => {
    const result = await importFiles(tmp.next, baselineExport(), 'zip');
    const exp = result.exports[0]!;
    const secret = exp.settings.find((s) => s.key === 'usermanager.ad.bindPassword')!;
    expect(secret.value).toBeInstanceOf(Sensitive);
    expect((secret.value as Sensitive).reveal()).toBe(BIND_PASSWORD);
    expect(exp.users[0]!.password?.reveal()).toBe(USER_PASSWORD_HASH);
    expect(exp.licenses[0]!.key.reveal()).toBe(LICENSE_KEY);
    for (const text of [...renderings(result), ...renderings(inspectImport(result))]) {
      expect(text).not.toContain(BIND_PASSWORD);
      expect(text).not.toContain(USER_PASSWORD_HASH);
      expect(text).not.toContain(LICENSE_KEY);
    }
    // The licences are there, masked: the test would pass vacuously if they were dropped.
    for (const text of renderings(result)) expect(text).toContain('…0001');
  });

  it('a secret whose type is misspelt is not quoted in the diagnostic', async () => {
    const files = baselineExport();
    files['config/ucserver.xml'] = edit(files['config/ucserver.xml'], 'type="secret"', 'type="secrte"');
    files['config/ucserver.xml'] = edit(files['config/ucserver.xml'], 'type="text" value="corp.example"', 'type="int" value="corp.example"');
    const result = await importFiles(tmp.next, files, 'folder');
    const wrong = result.diagnostics.filter((d) => d.code === 'IMPORT_WRONG_VALUE_TYPE');
    expect(wrong).toHaveLength(2);
    for (const text of renderings(result)) expect(text).not.toContain(BIND_PASSWORD);
  });
});

describe('secrets in every place a diagnostic could quote them', () => {
  const SECRETS = ['Typo-Secret-1', 'Dup-Secret-2', 'Conflict-Secret-3', 'Attr-Secret-4', '{PBKDF2}invalid-row-hash', '{PBKDF2}unknown-attr-hash', 'Env-Secret-5', 'PCE8-DUP-AAAA-BBBB-9999'];

  it('no import diagnostic, inspect summary or mapping result of a messy export shows one', async () => {
    const { mapToDataCenter } = await import('../../src/mappers/index.js');
    const { project } = await import('../mappers/build.js');
    const files = baselineExport();
    const ucs = 'config/ucserver.xml';
    files[ucs] = edit(files[ucs], '</Settings>', [
      '  <Setting key="mail.password" type="secert" value="Typo-Secret-1"/>', // misspelt type: row refused
      '    <Setting key="mail.password" type="secret" value="Dup-Secret-2"/>',
      '    <Setting key="mail.password" type="text" value="Conflict-Secret-3"/>', // duplicate key, typed text
      '    <Setting key="database.password" type="int" value="Attr-Secret-4" oldValue="Attr-Secret-4"/>', // wrong type + unknown attribute
      '  </Settings>',
    ].join('\n'));
    files[ucs] = edit(files[ucs], '</Licenses>', '  <License key="PCE8-DUP-AAAA-BBBB-9999" type="user" count="1"/>\n    <License key="PCE8-DUP-AAAA-BBBB-9999" type="user" count="2"/>\n    <License key="PCE8-DUP-AAAA-BBBB-9999" type="seat" count="x"/>\n  </Licenses>');
    files['users.xml'] = edit(files['users.xml'], '</Users>', [
      '  <User iEnabled="maybe" u8sUserName="carl" u8sPassword="{PBKDF2}invalid-row-hash"/>',
      '  <User u8sUserName="dora" u8sPassword="{PBKDF2}ok" u8sPasswort="{PBKDF2}unknown-attr-hash"/>',
      '</Users>',
    ].join('\n'));
    const result = await importFiles(tmp.next, files, 'zip');
    expect(result.diagnostics.map((d) => d.code)).toEqual(
      expect.arrayContaining(['IMPORT_WRONG_VALUE_TYPE', 'IMPORT_DUPLICATE_SETTING', 'IMPORT_SECRET_NOT_MARKED', 'IMPORT_UNKNOWN_ATTRIBUTE', 'IMPORT_DUPLICATE_LICENSE_KEY']),
    );
    const p = project(
      { settings: { global: { 'mail.password': { env: 'MAIL_PW' } } }, target: { server: 'sql', database: 'db', user: 'u', passwordEnv: 'SQL_PW' } },
      { MAIL_PW: 'Env-Secret-5', SQL_PW: 'Env-Secret-5' },
    );
    const mapped = mapToDataCenter({ project: { ...p, servers: [{ ...p.servers[0]!, replaces: ['ucs-ber-01.corp.example'] }] }, exports: result.exports });
    for (const text of [...renderings(result), ...renderings(inspectImport(result)), ...renderings(mapped)]) {
      for (const s of SECRETS) expect(text).not.toContain(s);
    }
  });
});
