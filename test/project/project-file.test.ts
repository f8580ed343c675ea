import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHomeServerMapping, parseHomeServerMapping } from '../../src/project/home-server-mapping.js';
import { loadProject } from '../../src/project/load.js';
import { Sensitive } from '../../src/model/sensitive.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pm-project-'));
let n = 0;
function write(text: string, ext = 'yaml'): string {
  const file = path.join(dir, `p${n++}.${ext}`);
  writeFileSync(file, text);
  return file;
}

const VALID = `name: Contoso DataCenter
sources:
  - exports/ucs-ber-01.zip
  - exports/ucs-muc-01/
userStore: mssql
servers:
  - name: dc-ucs-01
    fqdn: dc-ucs-01.corp.example
    site: Berlin
    replaces: [ucs-ber-01.corp.example]
    lineGroups: [ECSTA Avaya Berlin]
    maxUsers: 5000
  - name: dc-ucs-02
    fqdn: dc-ucs-02.corp.example
    replaces: [ucs-muc-01.corp.example]
  - name: dc-ms-01
    fqdn: dc-ms-01.corp.example
    role: mediaserver
homeServers:
  mapping: home-servers.csv
  balance: true
monitor:
  everyoneSeesEveryone: perGroup
  groupLimit: 250
settings:
  global:
    contentsharing.fileLocation: \\\\fs01\\procall$\\share
    usermanager.ad.bindPassword: { env: AD_BIND }
  local:
    dc-ucs-01:
      logging.retentionHours: 48
target:
  server: sql01.corp.example
  port: 1433
  database: ProCallDC
  authentication: sql
  user: migrator
  passwordEnv: PROCALL_SQL_PASSWORD
  encrypt: true
  trustServerCertificate: false
`;

describe('loadProject', () => {
  it('loads the contract example: defaults, resolved paths, passwords only as Sensitive', async () => {
    const file = write(VALID);
    const r = await loadProject(file, { PROCALL_SQL_PASSWORD: 'S3cret!', AD_BIND: 'bind-pw' });
    expect(r.diagnostics).toEqual([]);
    const p = r.project!;
    expect(p.sourcePaths).toEqual([path.join(dir, 'exports/ucs-ber-01.zip'), path.join(dir, 'exports/ucs-muc-01')]);
    expect(p.mappingPath).toBe(path.join(dir, 'home-servers.csv'));
    expect(p.servers.map((s) => s.role)).toEqual(['ucserver', 'ucserver', 'mediaserver']);
    expect(p.servers[1]!.replaces).toEqual(['ucs-muc-01.corp.example']);
    expect(p.servers[1]!.lineGroups).toEqual([]);
    expect(p.target!.password).toBeInstanceOf(Sensitive);
    expect(p.target!.password!.reveal()).toBe('S3cret!');
    expect(p.settings.global['contentsharing.fileLocation']!.value).toBe('\\\\fs01\\procall$\\share');
    expect(p.settings.global['usermanager.ad.bindPassword']!.type).toBe('secret');
    expect(p.settings.local['dc-ucs-01']!['logging.retentionHours']).toMatchObject({ value: '48', type: 'int' });
    expect(JSON.stringify(p)).not.toContain('S3cret!');
    expect(JSON.stringify(p)).not.toContain('bind-pw');
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports an unset passwordEnv as info (the CLI may prompt), an unset secret setting as a warning naming its variable', async () => {
    const r = await loadProject(write(VALID), {});
    expect(r.project?.target?.password).toBeUndefined();
    expect(r.diagnostics.find((d) => d.code === 'PROJECT_SETTING_ENV_UNSET')?.message).toMatch(/environment variable \w+ is not set: apply\/migrate will need it/);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([
      ['PROJECT_SETTING_ENV_UNSET', 'warning', 'settings.global["usermanager.ad.bindPassword"]'],
      ['PROJECT_PASSWORD_ENV_UNSET', 'info', 'target.passwordEnv'],
    ]);
  });

  it('reads JSON too, with lines', async () => {
    const json = JSON.stringify({ name: 'X', sources: ['a'], servers: [{ name: 's', fqdn: 's.x', maxUsers: 0 }] }, null, 2);
    const r = await loadProject(write(json, 'json'), {});
    expect(r.diagnostics.map((d) => [d.path, d.line, d.message])).toEqual([['servers[0].maxUsers', 10, 'servers[0].maxUsers: expected a positive integer']]);
  });

  const base = (servers: string, extra = ''): string => `name: X\nsources: [a]\nservers:\n${servers}${extra}`;
  const S = (name: string, more = ''): string => `  - name: ${name}\n    fqdn: ${name}.corp.example\n${more}`;

  it.each([
    ['a non-positive maxUsers', base(S('a') + S('b') + S('c', '    maxUsers: -5\n')), 'PROJECT_INVALID', 'servers[2].maxUsers', 10, 'servers[2].maxUsers: expected a positive integer'],
    ['a typo key', base(S('a', '    replace: [x]\n')), 'PROJECT_UNKNOWN_KEY', 'servers[0].replace', 6, 'servers[0].replace: unknown key "replace" (did you mean replaces?)'],
    ['an unknown top-level key', base(S('a'), 'homeserver: {}\n'), 'PROJECT_UNKNOWN_KEY', 'homeserver', 6, 'homeserver: unknown key "homeserver" (did you mean homeServers?)'],
    ['a wrong role', base(S('a', '    role: gateway\n')), 'PROJECT_INVALID', 'servers[0].role', 6, 'servers[0].role: expected ucserver or mediaserver'],
    ['a missing fqdn', base('  - name: a\n'), 'PROJECT_INVALID', 'servers[0].fqdn', 4, 'servers[0].fqdn: required'],
    ['file-based userStore', base(S('a'), 'userStore: integrated\n'), 'PROJECT_INVALID', 'userStore', 6, 'userStore: expected mssql or ad (file-based user management is not supported by DataCenter)'],
    ['duplicate server names', base(S('a') + S('A')), 'PROJECT_DUPLICATE_SERVER', 'servers[1].name', 6, 'servers[1].name: server name "A" is already used by servers[0]'],
    ['a source replaced twice', base(S('a', '    replaces: [ucs-1]\n') + S('b', '    replaces: [UCS-1]\n')), 'PROJECT_DUPLICATE_REPLACES', 'servers[1].replaces[0]', 9, undefined],
    ['a line group on two servers', base(S('a', '    lineGroups: [G]\n') + S('b', '    lineGroups: [g]\n')), 'PROJECT_DUPLICATE_LINE_GROUP', 'servers[1].lineGroups[0]', 9, undefined],
    ['a mediaserver with replaces', base(S('a') + S('m', '    role: mediaserver\n    replaces: [x]\n')), 'PROJECT_MEDIASERVER_FIELD', 'servers[1].replaces', 9, undefined],
    ['only mediaservers', base(S('m', '    role: mediaserver\n')), 'PROJECT_NO_UCSERVER', 'servers', 4, undefined],
    ['a password in target', base(S('a'), 'target:\n  server: s\n  database: d\n  user: u\n  password: hunter2\n'), 'PROJECT_PASSWORD_IN_FILE', 'target.password', 10, undefined],
    ['a password-like setting literal', base(S('a'), 'settings:\n  global:\n    mail.password: hunter2\n'), 'PROJECT_PASSWORD_IN_FILE', 'settings.global["mail.password"]', 8, undefined],
    ['local settings of an unknown server', base(S('a'), 'settings:\n  local:\n    dc-99:\n      logging.level: info\n'), 'PROJECT_UNKNOWN_SERVER', 'settings.local["dc-99"]', 9, undefined],
    ['sql auth without passwordEnv', base(S('a'), 'target:\n  server: s\n  database: d\n  user: u\n'), 'PROJECT_AUTH_INCOMPLETE', 'target.passwordEnv', 7, undefined],
  ])('refuses %s with path and line', async (_what, text, code, p, line, message) => {
    const r = await loadProject(write(text), {});
    expect(r.project).toBeUndefined();
    const d = r.diagnostics.find((x) => x.code === code);
    expect(d, JSON.stringify(r.diagnostics)).toBeDefined();
    expect(d!.severity).toBe('error');
    expect(d!.path).toBe(p);
    expect(d!.line).toBe(line);
    expect(d!.file).toBe(`p${n - 1}.yaml`); // named as the mapper and the plan name it, with line and column
    expect(d!.column).toBeGreaterThan(0);
    if (message !== undefined) expect(d!.message).toBe(message);
    expect(d!.message.startsWith(`${p}: `)).toBe(true);
    expect(JSON.stringify(r.diagnostics)).not.toContain('hunter2');
    expect(r.diagnostics.filter((x) => x.path === p)).toHaveLength(1); // one problem, one diagnostic
  });

  it('reports YAML syntax errors with a line', async () => {
    const r = await loadProject(write('name: X\nsources: [a\nservers: []\n'), {});
    expect(r.diagnostics[0]).toMatchObject({ code: 'PROJECT_SYNTAX', severity: 'error' });
    expect(r.diagnostics[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('reports a missing file', async () => {
    const r = await loadProject(path.join(dir, 'nope.yaml'), {});
    expect(r.diagnostics).toMatchObject([{ code: 'PROJECT_FILE_UNREADABLE', severity: 'error' }]);
  });
});

describe('home-server mapping CSV', () => {
  it.each([
    ['with header and BOM', '\uFEFFuserName,server\nanna,dc-01\nbob,dc-02\n', [['anna', 'dc-01', 2], ['bob', 'dc-02', 3]]],
    ['without header, CRLF, blank lines', 'anna,dc-01\r\n\r\nbob , dc-02\r\n', [['anna', 'dc-01', 1], ['bob', 'dc-02', 3]]],
    ['";"-separated, as Excel writes it in a German locale', '# Zuordnung\r\nuserName;server\r\nanna;dc-01\r\nbob;dc-02\r\n', [['anna', 'dc-01', 3], ['bob', 'dc-02', 4]]],
  ])('reads %s', (_what, text, rows) => {
    const r = parseHomeServerMapping(text, 'm.csv');
    expect(r.diagnostics).toEqual([]);
    expect(r.entries.map((e) => [e.userName, e.server, e.line])).toEqual(rows);
  });

  it.each([
    ['a row with one value', 'userName,server\nanna\n', 'MAPPING_ROW_INVALID', 2],
    ['a row with three values', 'anna,dc-01,x\n', 'MAPPING_ROW_INVALID', 1],
    ['one user on two servers', 'anna,dc-01\nbob,dc-01\nANNA,dc-02\n', 'MAPPING_DUPLICATE_USER', 3],
  ])('reports %s with its line', (_what, text, code, line) => {
    const r = parseHomeServerMapping(text, 'm.csv');
    expect(r.diagnostics).toMatchObject([{ code, severity: 'error', file: 'm.csv', line }]);
  });

  it('refuses a CSV saved as Windows-1252 (Excel "CSV (Trennzeichen-getrennt)"), naming the line of the first bad byte', async () => {
    const file = path.join(dir, 'cp1252.csv');
    // "müller" with ü as the single byte 0xFC: read as UTF-8 it would silently become an unknown user.
    writeFileSync(file, Buffer.concat([Buffer.from('userName;server\r\nanna;dc-01\r\nm'), Buffer.from([0xfc]), Buffer.from('ller;dc-02\r\n')]));
    const r = await loadHomeServerMapping(file);
    expect(r.entries).toEqual([]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'MAPPING_FILE_ENCODING', severity: 'error', file, line: 3, column: 2, hint: expect.stringContaining('CSV UTF-8') }),
    ]);
  });

  it('reads a CSV saved as "CSV UTF-8" (with BOM) with umlauts', async () => {
    const file = path.join(dir, 'utf8.csv');
    writeFileSync(file, '\uFEFFuserName;server\r\nmüller;dc-02\r\n');
    const r = await loadHomeServerMapping(file);
    expect(r.diagnostics).toEqual([]);
    expect(r.entries.map((e) => e.userName)).toEqual(['müller']);
  });

  it('reports an unreadable file', async () => {
    const r = await loadHomeServerMapping(path.join(dir, 'missing.csv'));
    expect(r.diagnostics).toMatchObject([{ code: 'MAPPING_FILE_UNREADABLE' }]);
  });
});

describe('a project file that is no mapping', () => {
  it.each([
    ['empty', '', /is empty; it must be a mapping with name:, sources: and servers:/],
    ['only a comment', '# nothing yet\n', /is empty/],
    ['a list', '- name: X\n', /is a YAML list/],
    ['a scalar', 'procall\n', /holds only a string/],
  ])('%s: one plain error, not "(root): required"', async (_what, text, message) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pm-empty-project-'));
    const file = path.join(dir, 'procall-migrate.yaml');
    writeFileSync(file, text);
    const r = await loadProject(file, {});
    expect(r.project).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['PROJECT_INVALID']);
    expect(r.diagnostics[0]!.message).toMatch(message);
    expect(r.diagnostics[0]!.message).not.toContain('required');
  });
});
