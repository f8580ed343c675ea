/**
 * `accept:` through the CLI (issue 8 item 6): accepted warnings are shown with their reason in the
 * text and JSON plan, `--strict` counts only unaccepted ones, and an entry that matches nothing
 * is itself a warning (which `--strict` counts again).
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/writers/mssql/db.js';
import type { SqlParams } from '../../src/writers/mssql/values.js';
import { recordingSeam, runCli, sampleProjectWith } from './helpers.js';

const ACCEPT = `accept:
  - code: MAP_LICENSE_DUPLICATE
    match: "…7788"
    reason: licence moved from Vienna to Berlin in 2025, confirmed with estos
  - code: MAP_SERVER_LICENSES_SHORT
    reason: the MediaServer licence is ordered (PO 4711)
  - code: MAP_SETTING_UNCLASSIFIED
    match: voicemail.greetingPath
    reason: only München has voicemail
`;

describe('accept: and --strict', () => {
  it('without accept:, --strict refuses the sample on its warnings and says how to go on', async () => {
    const r = await runCli(['plan', '-p', sampleProjectWith('alpen-handel', ''), '--strict']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('refused: --strict counts the 3 warnings above (accept them in the project with accept:, or fix them); nothing was written');
    expect(r.stderr).not.toContain('fix the errors above');
  });

  it('accepted warnings are shown with their reason and --strict passes; the JSON plan carries the reason', async () => {
    const project = sampleProjectWith('alpen-handel', ACCEPT);
    const text = await runCli(['plan', '-p', project, '--strict']);
    expect(text.code).toBe(0);
    expect(text.stderr).toMatch(/warning \(accepted\)\s+MAP_LICENSE_DUPLICATE\s+licence …7788 .*\n\s+accepted: licence moved from Vienna to Berlin in 2025, confirmed with estos/);
    expect(text.stderr).toContain('3 warnings (3 accepted)');
    const json = await runCli(['plan', '-p', project, '--strict', '--json']);
    const plan = JSON.parse(json.stdout) as { diagnostics: { code: string; accepted?: { reason: string } }[] };
    expect(plan.diagnostics.find((d) => d.code === 'MAP_SERVER_LICENSES_SHORT')?.accepted).toEqual({ reason: 'the MediaServer licence is ordered (PO 4711)' });
    const md = await runCli(['plan', '-p', project, '--strict', '--format', 'markdown']);
    expect(md.stdout).toContain('warning (accepted: the MediaServer licence is ordered (PO 4711))');
  });

  it('an entry matching nothing is a warning with its line, and --strict counts it', async () => {
    const project = sampleProjectWith('alpen-handel', `${ACCEPT}  - code: MAP_LICENSE_DUPLICATE\n    match: "…0000"\n    reason: stale\n`);
    const r = await runCli(['plan', '-p', project, '--strict']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/procall-migrate\.yaml:\d+:\d+ {2}warning {2}PROJECT_ACCEPT_UNUSED {2}accept\[3\]: no warning MAP_LICENSE_DUPLICATE containing "…0000" in this run/);
    expect((await runCli(['plan', '-p', project])).code).toBe(0);
  });
});

/**
 * A target seeded by this tool (SchemaInfo version 2) but never migrated into: the plan is
 * three-way, so an unused `decisions:` entry is the planner warning PLAN_DECISION_UNUSED.
 */
function seededTarget(): Db {
  const { db } = recordingSeam({});
  return {
    ...db,
    async query<T>(sql: string, params?: SqlParams): Promise<T[]> {
      if (/OBJECT_ID\(N'\[dc\]\.\[SchemaInfo\]', N'U'\) AS id/.test(sql)) return [{ id: 1 }] as T[];
      if (/MAX\(\[SchemaVersion\]\)/.test(sql)) return [{ v: 2 }] as T[];
      return db.query<T>(sql, params);
    },
  };
}

const TARGET = 'target:\n  server: sql01.example\n  database: ProCallDC\n  authentication: sql\n  user: migrator\n  passwordEnv: PM_PW\n';
const DECISION = 'decisions:\n  - table: dc.UserAccount\n    key: { UserName: nobody }\n    keep: datacenter\n';

describe('accept: for planner warnings', () => {
  const plan = (extra: string, strict = true) =>
    runCli(['plan', '-p', sampleProjectWith('alpen-handel', `${TARGET}${DECISION}${ACCEPT}${extra}`), ...(strict ? ['--strict'] : [])], { env: { PM_PW: 'x' }, connect: async () => seededTarget() });

  it('an entry for PLAN_DECISION_UNUSED accepts it, once, and --strict passes', { timeout: 60_000 }, async () => {
    const r = await plan('  - code: PLAN_DECISION_UNUSED\n    match: nobody\n    reason: the row comes with the next wave\n');
    expect(r.stderr).toMatch(/warning \(accepted\)\s+PLAN_DECISION_UNUSED\s+decisions\[0\].*\n\s+accepted: the row comes with the next wave/);
    expect(r.stderr.match(/PLAN_DECISION_UNUSED/g)).toHaveLength(1);
    expect(r.stderr).not.toContain('PROJECT_ACCEPT_UNUSED');
    expect(r.code, r.stderr).toBe(0);
  });

  it('without the entry --strict refuses on the planner warning; an entry matching no planner warning is reported unused once', { timeout: 60_000 }, async () => {
    expect((await plan('')).code).toBe(3);
    const r = await plan('  - code: PLAN_ORIGIN_CONFLICT\n    reason: stale\n', false);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.match(/PROJECT_ACCEPT_UNUSED {2}accept\[3\]: no warning PLAN_ORIGIN_CONFLICT in this run/g)).toHaveLength(1);
  });
});
