/**
 * The mapper over every checked-in sample and the generated 50,000-user set: the database
 * contract's invariants hold, proved twice (checkInvariants and explicit checks), and the same
 * input gives byte-identical output.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateExports } from '../../bench/generate.js';
import { loadHomeServerMapping } from '../../src/project/home-server-mapping.js';
import { importExports } from '../../src/importers/index.js';
import { loadProject } from '../../src/project/load.js';
import { blocking, mapToDataCenter, type MapInput, type MapResult } from '../../src/mappers/index.js';
import { checkInvariants } from '../../src/model/invariants.js';
import type { Project } from '../../src/project/schema.js';
import { REPO_ROOT, SAMPLES } from '../samples/expected.js';
import { find } from './build.js';

async function loadInput(projectFile: string): Promise<MapInput> {
  const loaded = await loadProject(projectFile, {});
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const project = loaded.project!;
  const imported = await importExports(project.sourcePaths);
  // The importer flags file-based user management on its own; the project's userStore decides it (mapper).
  const decidedByProject = (code: string): boolean => code === 'IMPORT_FILE_BASED_USER_MANAGEMENT' && project.userStore !== undefined;
  expect(imported.diagnostics.filter((d) => d.severity === 'error' && !decidedByProject(d.code))).toEqual([]);
  const mapping = project.mappingPath === undefined ? undefined : await loadHomeServerMapping(project.mappingPath);
  expect(mapping?.diagnostics ?? []).toEqual([]);
  return { project, exports: imported.exports, ...(mapping ? { mapping: mapping.entries } : {}) };
}

/** The invariants, checked without checkInvariants: a second, independent proof. */
function expectDataCenterShape(r: MapResult): void {
  const m = r.model;
  const role = new Map(m.Server.map((s) => [s.Name.toLowerCase(), s.Role]));
  const home = new Map(m.UserAccount.map((u) => [u.UserName.toLowerCase(), u.HomeServer]));
  // every user exactly one home server, a ucserver
  expect(r.homeServers).toHaveLength(m.UserAccount.length);
  expect(new Set(r.homeServers.map((h) => h.userName.toLowerCase())).size).toBe(m.UserAccount.length);
  for (const h of r.homeServers) {
    expect(role.get(h.server.toLowerCase())).toBe('ucserver');
    expect(home.get(h.userName.toLowerCase())).toBe(h.server);
  }
  // owned lines managed by the owner's home server
  const lineByNumber = new Map(m.Line.map((l) => [l.PhoneNumber, l]));
  let owned = 0;
  for (const u of m.UserAccount) {
    for (const n of [u.PhoneNumber, u.PhoneSecondary]) {
      const l = lineByNumber.get(n);
      if (n === '' || l === undefined) continue;
      owned++;
      expect(l.ManagementServer).toBe(u.HomeServer);
    }
  }
  expect(owned).toBeGreaterThan(0);
  // client content on the home server
  expect(m.ClientContent.length).toBeGreaterThan(0);
  for (const c of m.ClientContent) expect(c.ServerName).toBe(home.get(c.UserName.toLowerCase()));
  // no global everyone-sees-everyone; the user store never file-based
  expect(m.Setting.filter((s) => s.Scope === 'global' && s.Key.toLowerCase() === 'monitor.everyoneseeseveryone')).toEqual([]);
  expect(m.Environment).toHaveLength(1);
  expect(['mssql', 'ad']).toContain(m.Environment[0]!.UserStore);
  expect(m.Setting.find((s) => s.Key === 'usermanager.mode')?.Value).not.toBe('0');
}

function expectInvariantsHold(r: MapResult): void {
  const failed = checkInvariants(r.model).filter((i) => !i.ok);
  expect(failed).toEqual([]);
}

describe.each(Object.entries(SAMPLES))('sample %s', (name, sample) => {
  let input: MapInput;
  let result: MapResult;
  beforeAll(async () => {
    input = await loadInput(path.join(REPO_ROOT, sample.project));
    result = mapToDataCenter(input);
  });

  it('maps without errors, and the invariants hold', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.blocked).toBe(false);
    expectInvariantsHold(result);
    expectDataCenterShape(result);
  });

  it('keeps the sample counts', () => {
    const all = Object.values(sample.exports);
    const sum = (k: keyof (typeof all)[number]['counts']): number => all.reduce((s, e) => s + e.counts[k], 0);
    expect(result.model.UserAccount).toHaveLength(sum('users'));
    expect(result.model.UserAccount.filter((u) => u.Enabled)).toHaveLength(sum('enabledUsers'));
    expect(result.model.Computer).toHaveLength(sum('computers'));
    expect(result.model.ClientContent).toHaveLength(sum('clientContent'));
    expect(result.licenses.enabledUsers).toBe(sum('enabledUsers'));
    // a duplicate licence key is counted once
    const keys = all.flatMap((e) => e.licenseKeys);
    expect(result.model.License).toHaveLength(new Set(keys).size);
    expect(find(result.diagnostics, 'MAP_LICENSE_DUPLICATE')).toHaveLength(sample.duplicateLicenseKeys.length);
  });

  it('never shows a secret, a credential or a full licence key', () => {
    const text = JSON.stringify(result);
    for (const e of Object.values(sample.exports)) {
      for (const s of e.secrets) expect(text).not.toContain(s);
      for (const k of e.licenseKeys) expect(text).not.toContain(k);
    }
    expect(text).not.toContain('{PBKDF2}');
  });

  it('gives byte-identical output for the same input', () => {
    expect(JSON.stringify(mapToDataCenter(input))).toBe(JSON.stringify(result));
  });

  it(`the project decides every global conflict (${sample.globalConflicts.join(', ') || 'none'})`, () => {
    const undecided: Project = { ...input.project, settings: { ...input.project.settings, global: {} } };
    const r = mapToDataCenter({ ...input, project: undecided });
    const conflicts = find(r.diagnostics, 'MAP_GLOBAL_SETTING_CONFLICT');
    expect(conflicts.map((d) => /"([^"]+)" differs/.exec(d.message)?.[1]).sort()).toEqual([...sample.globalConflicts].sort());
    for (const d of conflicts) {
      expect(d.severity).toBe('error');
      for (const source of Object.values(sample.exports).map((e) => e.server)) expect(d.message).toContain(`${source}=`);
    }
    for (const key of sample.globalConflicts) {
      expect(result.model.Setting.find((s) => s.Scope === 'global' && s.Key === key)).toMatchObject({ Origin: 'project' });
    }
  });
});

describe('alpen-handel specifics', () => {
  it('lists each source value of the conflicts; München\'s everyone-sees-everyone becomes group-level', async () => {
    const input = await loadInput(path.join(REPO_ROOT, SAMPLES['alpen-handel'].project));
    const undecided = mapToDataCenter({ ...input, project: { ...input.project, settings: { ...input.project.settings, global: {} } } });
    const chat = find(undecided.diagnostics, 'MAP_GLOBAL_SETTING_CONFLICT').find((d) => d.message.includes('chat.deleteAfterDays'))!;
    expect(chat.message).toContain('ucs-ber-01.alpen-handel.de=“90”');
    expect(chat.message).toContain('ucs-vie-01.alpen-handel.at=“30”');
    const share = find(undecided.diagnostics, 'MAP_GLOBAL_SETTING_CONFLICT').find((d) => d.message.includes('contentsharing.fileLocation'))!;
    // Values as written: a UNC path with its single backslashes, not JSON-escaped.
    expect(share.message).toContain('ucs-ber-01.alpen-handel.de=“D:\\ProCall\\Share”');
    expect(share.message).toContain('ucs-muc-01.alpen-handel.de=“\\\\ah-fs-muc.alpen-handel.local\\procall$\\share”');
    const r = mapToDataCenter(input);
    const decided = r.decisions.find((d) => d.id === 'settings.project-override' && d.what.includes('contentsharing.fileLocation'))!;
    expect(decided.what).toBe('global "contentsharing.fileLocation" = “\\\\ah-fs01.alpen-handel.local\\procall$\\share” (from the project)');
    expect(decided.why).toContain('ucs-muc-01.alpen-handel.de=“\\\\ah-fs-muc.alpen-handel.local\\procall$\\share”');
    const groupRows = r.model.Setting.filter((s) => s.Scope === 'group');
    expect(groupRows.length).toBeGreaterThan(0);
    for (const s of groupRows) expect(r.model.UserGroup.find((g) => g.Name === s.ObjectName)?.EveryoneSeesEveryone).toBe(true);
    expect(r.licenses.serversNeedingLicence).toBe(4); // three ucservers and the dedicated mediaserver
  });
});

describe('kanzlei-huber (integrated user management)', () => {
  it('is refused without userStore and accepted with userStore: mssql', async () => {
    const input = await loadInput(path.join(REPO_ROOT, SAMPLES['kanzlei-huber'].project));
    expect(input.project.userStore).toBe('mssql');
    const { userStore: _dropped, ...rest } = input.project;
    const refused = mapToDataCenter({ ...input, project: rest as Project });
    expect(find(refused.diagnostics, 'MAP_USERSTORE_REQUIRED')).toMatchObject([{ severity: 'error', source: 'ucs-kanzlei.kanzlei-huber.de' }]);
    expect(refused.blocked).toBe(true);
    const accepted = mapToDataCenter(input);
    expect(accepted.blocked).toBe(false);
    expect(accepted.model.Environment[0]!.UserStore).toBe('mssql');
    expect(accepted.model.UserAccount.filter((u) => u.Credential !== null)).toHaveLength(SAMPLES['kanzlei-huber'].exports['ucs-kanzlei.zip']?.passwordHashes ?? -1);
  });

  it('--strict: warnings block too', async () => {
    const input = await loadInput(path.join(REPO_ROOT, SAMPLES['kanzlei-huber'].project));
    const r = mapToDataCenter({ ...input, strict: true });
    const warnings = r.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.length).toBeGreaterThan(0); // the unclassified presence.autoAwayMinutes
    expect(r.blocked).toBe(true);
    expect(blocking(r.diagnostics, true)).toEqual(warnings);
    expect(blocking(r.diagnostics, false)).toEqual([]);
  });
});

describe('generated 50,000 users', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pm-gen50k-'));
  let input: MapInput;
  let result: MapResult;
  beforeAll(async () => {
    await generateExports({ users: 50_000, servers: 10, seed: 1, outDir: dir });
    input = await loadInput(path.join(dir, 'procall-migrate.yaml'));
    result = mapToDataCenter(input);
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('maps every user without errors; the invariants hold', () => {
    expect(result.model.UserAccount).toHaveLength(50_000);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expectInvariantsHold(result);
    expectDataCenterShape(result);
  });

  it('gives byte-identical output for the same input', () => {
    expect(JSON.stringify(mapToDataCenter(input))).toBe(JSON.stringify(result));
  }, 120_000);
});
