/**
 * A plan `plan` refuses is never saved (errors, the planner's own included; unaccepted warnings
 * with --strict), `report --plan` refuses a saved plan holding errors, and each refusal says why
 * in its own words: --strict names the warnings, open decisions point to `report --draft`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { desiredOf } from '../plan/sample-plan.js';
import { fakeTarget } from './fake-target.js';
import { recordingSeam, runCli, sampleProjectWith } from './helpers.js';

const TARGET = `target:
  server: sql01.example
  database: ProCallDC
  authentication: sql
  user: migrator
  passwordEnv: PM_PW
`;
const env = { PM_PW: 'x' };
const ACCEPT = `accept:
  - code: MAP_LICENSE_DUPLICATE
    reason: licence moved, confirmed with estos
  - code: MAP_SERVER_LICENSES_SHORT
    reason: ordered
  - code: MAP_SETTING_UNCLASSIFIED
    reason: only München has voicemail
`;

describe('plan --out saves no refused plan', () => {
  it('a row of another wave (PLAN_ORIGIN_CONFLICT): exit 3, the conflict shown, no file', { timeout: 60_000 }, async () => {
    const project = sampleProjectWith('alpen-handel', TARGET);
    const dir = path.dirname(project);
    const user = (await desiredOf('alpen-handel')).model.UserAccount[0]!;
    const seam = recordingSeam({ UserAccount: [{ ...user, Credential: null, DisplayName: 'Someone Else', Origin: 'ucs-old-01.example' }] });
    for (const [out, json] of [['plan.json', false], ['review/plan.md', false], ['plan.json', true]] as const) {
      const r = await runCli(['plan', '-p', project, '--out', out, ...(json ? ['--json'] : [])], { env, cwd: dir, connect: async () => seam.db });
      expect(r.code).toBe(3);
      expect(existsSync(path.join(dir, out))).toBe(false);
      if (json) expect(JSON.parse(r.stdout)).toMatchObject({ status: 'refused', diagnostics: expect.arrayContaining([expect.objectContaining({ code: 'PLAN_ORIGIN_CONFLICT' })]) });
      else {
        expect(r.stderr).toContain('PLAN_ORIGIN_CONFLICT');
        expect(r.stderr).toContain('nothing was written');
        expect(r.stderr).not.toContain('plan saved');
      }
    }
  });

  it('--strict with only a planner warning: exit 3, no file, and the refusal names the warning, not errors', { timeout: 60_000 }, async () => {
    const decision = 'decisions:\n  - table: dc.UserAccount\n    key: { UserName: nobody }\n    keep: datacenter\n';
    const project = sampleProjectWith('alpen-handel', `${TARGET}${decision}${ACCEPT}`);
    const dir = path.dirname(project);
    const io = { env, cwd: dir, connect: async () => fakeTarget().db };
    const r = await runCli(['plan', '-p', project, '--strict', '--out', 'plan.json'], io);
    expect(r.stderr).toContain('PLAN_DECISION_UNUSED');
    expect(r.code).toBe(3);
    expect(existsSync(path.join(dir, 'plan.json'))).toBe(false);
    expect(r.stderr).toContain('refused: --strict counts the 1 warning above (accept it in the project with accept:, or fix it); nothing was written');
    expect(r.stderr).not.toContain('fix the errors above');
    // Without --strict the warning is shown and the plan saved.
    expect((await runCli(['plan', '-p', project, '--out', 'plan.json'], io)).code).toBe(0);
    expect(existsSync(path.join(dir, 'plan.json'))).toBe(true);
  });
});

describe('report --plan', () => {
  it('refuses a saved plan holding errors (as older versions saved them): exit 3, no report', { timeout: 60_000 }, async () => {
    const project = sampleProjectWith('alpen-handel', '');
    const dir = path.dirname(project);
    expect((await runCli(['plan', '-p', project, '--out', 'plan.json'], { cwd: dir })).code).toBe(0);
    const file = path.join(dir, 'plan.json');
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { diagnostics: unknown[] };
    const conflict = { code: 'PLAN_ORIGIN_CONFLICT', severity: 'error', message: 'dc.UserAccount UserName=anna belongs to the wave of ucs-old-01' };
    writeFileSync(file, JSON.stringify({ ...saved, diagnostics: [...saved.diagnostics, conflict] }));
    const r = await runCli(['report', '--plan', 'plan.json', '--out', 'report.html'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('holds 1 error, so it cannot be signed off');
    expect(r.stderr).toContain('PLAN_ORIGIN_CONFLICT dc.UserAccount UserName=anna');
    expect(existsSync(path.join(dir, 'report.html'))).toBe(false);
  });
});

describe('migrate --dry-run with open decisions', () => {
  it('says how many decisions are open and that report --draft renders meanwhile', { timeout: 60_000 }, async () => {
    const project = sampleProjectWith('alpen-handel', TARGET);
    writeFileSync(project, readFileSync(project, 'utf8').replace(/fqdn: \S+/, 'fqdn: TODO'));
    const r = await runCli(['migrate', '-p', project, '--dry-run'], { env, connect: async () => recordingSeam().db });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('PROJECT_OPEN_DECISION');
    expect(r.stderr).toMatch(/1 open decision in the project \(TODO\): decide it and run again; `report --draft` renders the report for the workshop meanwhile/);
  });
});
