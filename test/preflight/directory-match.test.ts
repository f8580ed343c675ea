/** The pure parts of the directory check: objectGUID forms, the match rules, the text's limit per finding. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/project/load.js';
import { guidFromBytes, normalizeGuid } from '../../src/preflight/directory-guid.js';
import { DirectoryIndex, matchUser, type PlanUser } from '../../src/preflight/directory-match.js';
import { renderPreflightText, TEXT_CHECKS_PER_CODE, type PreflightCheck } from '../../src/preflight/result.js';
import { guidBytes } from './slapd-harness.js';

const GUID = '095f3e3d-6e2d-5964-b199-ab8498fcfce8';

describe('objectGUID', () => {
  it("AD's bytes read as the export's text form (first three groups little-endian)", () => {
    expect(guidFromBytes(Buffer.from('3d3e5f092d6e6459b199ab8498fcfce8', 'hex'))).toBe(GUID);
    expect(guidFromBytes(Buffer.alloc(15))).toBeUndefined();
  });

  it.each([
    [GUID, GUID],
    [`{${GUID.toUpperCase()}}`, GUID],
    [GUID.replace(/-/g, ''), GUID],
    [guidBytes(GUID).toString('base64'), GUID],
    ['', ''],
  ])('%s → %s', (input, expected) => expect(normalizeGuid(input)).toBe(expected));
});

const user = (over: Partial<PlanUser>): PlanUser => ({ userName: 'anna', source: 's1', enabled: true, samAccountName: 'anna', objectGuid: GUID, linked: true, ...over });

function index(...accounts: { sam: string; guid?: string; disabled?: boolean }[]): DirectoryIndex {
  const i = new DirectoryIndex();
  accounts.forEach((a, n) => i.add({ dn: `cn=${n}`, sam: a.sam, guid: a.guid, disabled: a.disabled ?? false }));
  return i;
}

describe('matchUser', () => {
  it.each<[string, Partial<PlanUser>, ReturnType<typeof index>, string]>([
    ['found by GUID, name in any case', { samAccountName: 'ANNA' }, index({ sam: 'anna', guid: GUID }), 'found'],
    ['found by name when the export has no GUID', { objectGuid: '' }, index({ sam: 'anna' }), 'found'],
    ['DOMAIN\\name is the name', { samAccountName: 'KWS\\anna', objectGuid: '' }, index({ sam: 'anna' }), 'found'],
    ['renamed: same GUID, other name', {}, index({ sam: 'anna.berger', guid: GUID }), 'renamed'],
    ['recreated: same name, other GUID', {}, index({ sam: 'anna', guid: '11111111-2222-3333-4444-555555555555' }), 'guidChanged'],
    ['disabled in AD, enabled in the plan', {}, index({ sam: 'anna', guid: GUID, disabled: true }), 'disabled'],
    ['disabled in both: nothing to decide', { enabled: false }, index({ sam: 'anna', guid: GUID, disabled: true }), 'found'],
    ['twice by name', { objectGuid: '' }, index({ sam: 'anna' }, { sam: 'Anna' }), 'duplicate'],
    ['by GUID, but the name twice', {}, index({ sam: 'anna', guid: GUID }, { sam: 'anna' }), 'duplicate'],
    ['not there', {}, index({ sam: 'bob' }), 'notFound'],
    ['file-based, account by user name', { linked: false, samAccountName: '', objectGuid: '', userName: 'anna@kws.local' }, index({ sam: 'anna' }), 'matchedByName'],
    ['file-based, sAMAccountName already right', { linked: false, objectGuid: '' }, index({ sam: 'anna' }), 'found'],
    ['file-based, no account', { linked: false, samAccountName: '', objectGuid: '' }, index({ sam: 'bob' }), 'noAccount'],
  ])('%s', (_name, over, idx, kind) => expect(matchUser(user(over), idx).kind).toBe(kind));
});

describe('renderPreflightText', () => {
  it(`shows ${TEXT_CHECKS_PER_CODE} findings of a code one by one and counts the rest`, () => {
    const checks: PreflightCheck[] = Array.from({ length: TEXT_CHECKS_PER_CODE + 3 }, (_, i) => ({
      area: 'directory',
      name: `user u${i}`,
      result: 'fail',
      message: `u${i} not found.`,
      code: 'PREFLIGHT_DIRECTORY_USER_NOT_FOUND',
      subject: `user:u${i}`,
    }));
    const text = renderPreflightText({ checks });
    expect(text).toContain(`user u${TEXT_CHECKS_PER_CODE - 1}:`);
    expect(text).not.toContain(`user u${TEXT_CHECKS_PER_CODE}:`);
    expect(text).toContain('… and 3 more PREFLIGHT_DIRECTORY_USER_NOT_FOUND (every one in --json)');
    expect(text).toMatch(/0 passed, 0 warnings, 28 failed, 0 skipped\n$/);
  });
});

describe('the project\'s directory: section', () => {
  const load = async (directory: string[]) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pm-dir-schema-'));
    const file = path.join(dir, 'procall-migrate.yaml');
    writeFileSync(file, ['name: KWS', 'sources: [exports/ucs.zip]', 'userStore: ad', 'servers:', '  - { name: UC01, fqdn: uc01.kws.local }', 'directory:', ...directory, ''].join('\n'));
    try {
      return await loadProject(file, {});
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('a password written into it is refused, naming where', async () => {
    const r = await load(['  url: ldaps://dc01.kws.local', '  password: Geheim-123']);
    expect(r.diagnostics.find((d) => d.code === 'PROJECT_PASSWORD_IN_FILE')?.message).toContain('directory.password');
    expect(JSON.stringify(r.diagnostics)).not.toContain('Geheim-123');
  });

  it('a url that is not ldap:// or ldaps:// is refused with what is expected', async () => {
    const r = await load(['  url: https://dc01.kws.local']);
    expect(r.diagnostics.map((d) => d.message).join('\n')).toContain('expected ldaps://HOST[:PORT] or ldap://HOST[:PORT]');
  });
});
