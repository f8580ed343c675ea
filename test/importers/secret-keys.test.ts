/**
 * One rule says which setting keys name a password (looksLikeSecretKey); the importer (a setting
 * in config/ucserver.xml typed text) and the project file (a literal under settings:) both use it.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/project/load.js';
import { Sensitive } from '../../src/model/sensitive.js';
import { looksLikeSecretKey } from '../../src/model/setting-catalog.js';
import { baselineExport, fixtureDir } from '../helpers/export-fixture.js';
import { edit, importFiles } from '../helpers/run-import.js';

const tmp = fixtureDir('procall-secret-keys-');
afterAll(() => tmp.cleanup());

/** [key, names a secret]: the last key segment decides. */
const KEYS: [string, boolean][] = [
  ['mail.password', true],
  ['usermanager.ad.bindPassword', true],
  ['database.passwd', true],
  ['mail.smtpPasswd', true],
  ['mail.smtpPwd', true],
  ['api.clientSecret', true],
  ['usermanager.ad.bindPasswordEncrypted', true],
  ['database.userPassword', true],
  ['MAIL.PASSWORD', true],
  ['security.usePassword', false],
  ['security.hasSecret', false],
  ['mail.passwordRequired', false],
  ['policy.minPasswordLength', false],
  ['mail.passwordMinLength', false],
  ['security.passwordMaxAge', false],
  ['password.minLength', false],
  ['logging.level', false],
  ['mail.smtpServer', false],
];

describe('looksLikeSecretKey', () => {
  it.each(KEYS)('%s → %s', (key, secret) => {
    expect(looksLikeSecretKey(key)).toBe(secret);
  });
});

describe('the importer and the project file agree', () => {
  // Keys where the two former rules (ends-with vs. contains) disagreed.
  const CASES: [string, boolean][] = [
    ['usermanager.ad.bindPasswordEncrypted', true],
    ['mail.smtpPasswd', true],
    ['security.usePassword', false],
    ['mail.passwordRequired', false],
  ];

  it.each(CASES)('config/ucserver.xml: %s typed text is a secret: %s', async (key, secret) => {
    const files = baselineExport();
    files['config/ucserver.xml'] = edit(files['config/ucserver.xml'], '  </Settings>', `    <Setting key="${key}" type="text" value="v-4711"/>\n  </Settings>`);
    const r = await importFiles(tmp.next, files, 'folder');
    const setting = r.exports[0]!.settings.find((s) => s.key === key)!;
    expect(setting.type).toBe(secret ? 'secret' : 'text');
    expect(setting.value instanceof Sensitive).toBe(secret);
    expect(r.diagnostics.some((d) => d.code === 'IMPORT_SECRET_NOT_MARKED' && d.message.includes(key))).toBe(secret);
  });

  it.each(CASES)('project settings: a literal for %s is refused: %s', async (key, secret) => {
    const file = tmp.next('project.yaml');
    writeFileSync(
      file,
      `name: t\nsources: [x]\nservers:\n  - name: a\n    fqdn: a.example\nsettings:\n  global:\n    ${key}: v-4711\n`,
    );
    const r = await loadProject(file, {});
    expect(r.diagnostics.some((d) => d.code === 'PROJECT_PASSWORD_IN_FILE')).toBe(secret);
  });
});
