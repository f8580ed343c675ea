/**
 * `preflight` with `userStore: ad` through the CLI: the export's own `usermanager.ad.*` say where
 * the directory is, the project only names the password's variable; every user of the export is
 * looked up in a real slapd; text, --json and `report --preflight` carry the findings.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePreflight } from '../../src/report/preflight.js';
import { runCli } from '../cli/helpers.js';
import { baselineExport, BIND_PASSWORD as EXPORT_BIND_PASSWORD, writeExportFolder } from '../helpers/export-fixture.js';
import { stopAll, tempDir } from './redis-harness.js';
import { BIND_DN, BIND_PASSWORD, HAVE_SLAPD, SUFFIX, guidBytes, startSlapd, stopSlapds, type Slapd } from './slapd-harness.js';

const BASE = `ou=Benutzer,ou=KWS,${SUFFIX}`;
const ANNA = '095f3e3d-6e2d-5964-b199-ab8498fcfce8';

let slapd: Slapd;

/** The baseline export in AD mode, pointing at the test slapd; anna linked by GUID, bob by name only. */
function projectFile(port: number): string {
  const dir = tempDir('pm-dir-cli-');
  const files = baselineExport('ucs-kws-01.kws.local');
  files['config/ucserver.xml'] = (files['config/ucserver.xml'] as string).replace(
    '<Setting key="usermanager.ad.domain" type="text" value="corp.example"/>',
    [
      '<Setting key="usermanager.ad.domain" type="text" value="kws.local"/>',
      '<Setting key="usermanager.ad.hostName" type="text" value="127.0.0.1"/>',
      `<Setting key="usermanager.ad.hostPort" type="int" value="${port}"/>`,
      `<Setting key="usermanager.ad.baseDnUsers" type="text" value="${BASE}"/>`,
      `<Setting key="usermanager.ad.bindUser" type="text" value="${BIND_DN}"/>`,
    ].join('\n    '),
  );
  files['users.xml'] = (files['users.xml'] as string)
    .replace('u8sSAMAccountName="" u8sobjectGUID=""', `u8sSAMAccountName="anna.schmidt" u8sobjectGUID="${ANNA}"`)
    .replace('u8sPhoneNumber="91299"/>', 'u8sPhoneNumber="91299" u8sSAMAccountName="bob.meyer"/>');
  writeExportFolder(path.join(dir, 'exports', 'ucs-kws-01'), files);
  const file = path.join(dir, 'procall-migrate.yaml');
  writeFileSync(
    file,
    [
      'name: KWS',
      'sources: [exports/ucs-kws-01]',
      'userStore: ad',
      'servers:',
      '  - { name: UC01, fqdn: localhost, replaces: [ucs-kws-01.kws.local] }',
      'directory:',
      '  passwordEnv: PROCALL_AD_PASSWORD',
      '',
    ].join('\n'),
  );
  return file;
}

describe.skipIf(!HAVE_SLAPD)('preflight directory (CLI, real slapd)', () => {
  beforeAll(async () => {
    slapd = await startSlapd([{ cn: 'Anna Schmidt', ou: 'ou=Benutzer,ou=KWS', sam: 'anna.schmidt', guid: guidBytes(ANNA) }]);
  }, 60_000);
  afterAll(async () => {
    await stopSlapds();
    await stopAll();
  });

  it('--json: area directory from the export settings; bob is not in the directory, with his decision; the report reads it back', async () => {
    const r = await runCli(['preflight', '-p', projectFile(slapd.port), '--json'], { env: { PROCALL_AD_PASSWORD: BIND_PASSWORD } });
    const out = JSON.parse(r.stdout) as { checks: { area: string; name: string; result: string; code?: string; params?: Record<string, unknown>; decide?: { path: string; value: unknown }[] }[] };
    const dir = out.checks.filter((c) => c.area === 'directory');
    expect(dir.map((c) => [c.name, c.result])).toEqual([
      ['connect', 'pass'],
      ['tls', 'warn'],
      ['bind', 'pass'],
      ['base dn', 'pass'],
      // bob is disabled in the export too: a warning, not a failure.
      ['users', 'warn'],
      ['user bob.meyer', 'warn'],
    ]);
    expect(dir.find((c) => c.name === 'users')?.params).toMatchObject({ total: 2, found: 1, notFound: 1 });
    expect(dir.find((c) => c.name === 'user bob.meyer')?.decide?.[0]).toEqual(
      expect.objectContaining({ path: 'overrides[]', value: expect.objectContaining({ source: 'ucs-kws-01.kws.local', key: 'bob.meyer', field: 'enabled', value: false }) }),
    );
    // The areas in the contract's order.
    expect([...new Set(out.checks.map((c) => c.area))]).toEqual(['sql', 'redis', 'directory', 'names', 'share']);
    expect(parsePreflight(r.stdout).ok).toBe(true);
    expect(r.stdout).not.toContain(BIND_PASSWORD);
    // The export's own bind password is never used nor shown.
    expect(r.stdout).not.toContain(EXPORT_BIND_PASSWORD);
    expect(r.code).toBe(0);
  });

  it('text: the directory lines, each finding with its decide: line', async () => {
    const r = await runCli(['preflight', '-p', projectFile(slapd.port)], { env: { PROCALL_AD_PASSWORD: BIND_PASSWORD } });
    expect(r.stdout).toContain(`PASS  directory: bind: ${BIND_DN} is accepted with the password from PROCALL_AD_PASSWORD.`);
    expect(r.stdout).toMatch(/^WARN  directory: user bob\.meyer: bob\.meyer \(ucs-kws-01\.kws\.local\): no account with sAMAccountName "bob\.meyer" under/m);
    expect(r.stdout).toMatch(/^ {6}decide: migrate the user disabled .*: overrides:\n {16}- source: ucs-kws-01\.kws\.local/m);
    expect(r.stderr).toContain('Check the directory');
  });

  it('without the password variable: one plain sentence naming it, exit 3', async () => {
    const r = await runCli(['preflight', '-p', projectFile(slapd.port), '--json']);
    const out = JSON.parse(r.stdout) as { checks: { area: string; name: string; result: string; message: string }[] };
    expect(out.checks.find((c) => c.area === 'directory' && c.name === 'bind')).toMatchObject({
      result: 'fail',
      message: 'The environment variable PROCALL_AD_PASSWORD (the bind password) is not set, so the bind was not tried.',
    });
    expect(r.code).toBe(3);
  });
});
