/**
 * Small builders for mapper tests: EnterpriseExport objects and Projects straight from objects,
 * so a test states only what it is about.
 */
import { resolveProject } from '../../src/project/load.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import type {
  Computer, EnterpriseExport, Group, Line, LineGroup, License, Location, Pos, Setting, SettingType, User, UserManagement,
} from '../../src/model/enterprise.js';
import { projectFileSchema, type Project } from '../../src/project/schema.js';
import { LicenseKey, Sensitive } from '../../src/model/sensitive.js';
import type { z } from 'zod';

let lineNo = 1;
export const pos = (file = 'users.xml'): Pos => ({ file, line: lineNo++, column: 3 });

export function user(userName: string, over: Partial<User> = {}): User {
  return {
    enabled: true,
    userName,
    sipUri: `sip:${userName.toLowerCase()}@corp.example`,
    firstName: userName,
    lastName: 'Test',
    displayName: `Test, ${userName}`,
    email: `${userName}@corp.example`,
    profile: 'Standard',
    phoneNumber: '',
    phoneSecondary: '',
    password: new Sensitive(`{PBKDF2}hash-of-${userName}`),
    dnPath: '',
    samAccountName: userName,
    objectGuid: '',
    homeServer: '',
    monitorLines: [],
    pos: pos('users.xml'),
    ...over,
  };
}

export function line(phoneNumber: string, over: Partial<Line> = {}): Line {
  return {
    uri: `tel:${phoneNumber}`,
    phoneNumber,
    internalNumber: phoneNumber.slice(-3),
    name: `Line ${phoneNumber}`,
    trunk: false,
    journal: true,
    private: false,
    location: 'Berlin',
    lineGroup: '',
    pos: pos('config/lines.xml'),
    ...over,
  };
}

export function lineGroup(name: string, lines: Line[], over: Partial<LineGroup> = {}): LineGroup {
  return {
    name,
    kind: 'ECSTA',
    location: 'Berlin',
    createLinesAutomatically: true,
    journalAllLines: false,
    lines: lines.map((l) => ({ ...l, lineGroup: name })),
    pos: pos('config/lines.xml'),
    ...over,
  };
}

export function setting(key: string, value: string, type: SettingType = 'text'): Setting {
  return { key, type, value: type === 'secret' ? new Sensitive(value) : value, pos: pos('config/ucserver.xml') };
}

export function group(name: string, members: string[], over: Partial<Group> = {}): Group {
  return {
    enabled: true,
    name,
    sipUri: `sip:${name.toLowerCase().replace(/\W+/g, '.')}@corp.example`,
    leader: '',
    coLeader: '',
    settingsActive: true,
    everyoneSeesEveryone: false,
    members: members.map((userName) => ({ userName, pos: pos('groups.xml') })),
    pos: pos('groups.xml'),
    ...over,
  };
}

export function computer(name: string, over: Partial<Computer> = {}): Computer {
  return { enabled: true, name, phoneNumber: '', phoneSecondary: '', pos: pos('computers.xml'), ...over };
}

export function license(key: string, kind: 'user' | 'server', count: number): License {
  return { key: new LicenseKey(key), kind, count, pos: pos('config/ucserver.xml') };
}

export function location(name: string, over: Partial<Location> = {}): Location {
  return {
    name,
    countryCode: '49',
    cityCode: '30',
    localNumber: '12345',
    extFrom: '100',
    extTo: '599',
    rules: [{ search: '^9(.*)$', replace: '+4930\\1', matchReplace: false, pos: pos('config/locations.xml') }],
    pos: pos('config/locations.xml'),
    ...over,
  };
}

/** An export of `source`; licences default to one user and one server licence per source. */
/** `userManagement` 'none' stands for an export without usermanager.mode. */
export function exp(source: string, over: Partial<EnterpriseExport> = {}, userManagement: UserManagement | 'none' = 'ad'): EnterpriseExport {
  const tag = source.replace(/\W+/g, '').toUpperCase().slice(0, 8);
  return {
    source,
    inputPath: `/exports/${source}`,
    inputKind: 'folder',
    manifest: { product: 'ProCall Enterprise', version: '8.5.2.1234', server: source, exportedAt: '2026-10-02T09:14:00Z', includesInactive: true, pos: pos('manifest.xml') },
    userManagement: userManagement === 'none' ? undefined : userManagement,
    settings: [
      setting('usermanager.ad.hostName', 'dc01.corp.example'),
      setting('usermanager.ad.domain', 'CORP'),
    ],
    licenses: [license(`PCE8-USR-${tag}-0100`, 'user', 100), license(`PCE8-SRV-${tag}-0001`, 'server', 1)],
    locations: [],
    lineGroups: [],
    users: [],
    groups: [],
    computers: [],
    clientContent: [],
    clientUpdate: undefined,
    databaseFiles: [],
    notMigrated: [],
    files: [],
    ...over,
  };
}

type ProjectInput = z.input<typeof projectFileSchema>;

/** A Project from a project-file object (defaults applied, as loadProject would), env given. */
export function project(raw: Partial<ProjectInput> = {}, env: Record<string, string> = {}): Project {
  const file = projectFileSchema.parse({
    name: 'Test DataCenter',
    sources: ['exports/a'],
    servers: [{ name: 'dc-01', fqdn: 'dc-01.corp.example', replaces: ['ucs-a'] }],
    ...raw,
  });
  return resolveProject(file, '/projects/test', env);
}

export function codes(diagnostics: readonly Diagnostic[], severity?: Diagnostic['severity']): string[] {
  return diagnostics.filter((d) => severity === undefined || d.severity === severity).map((d) => d.code);
}

export function find(diagnostics: readonly Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}
