/**
 * The migration ledger on a real server (ledger.md §2 and "Schema"): every apply records its row
 * changes, the next plan is three-way (source changes, kept admin edits, conflicts), decisions
 * settle conflicts, the ledger holds no secret, and a version-1 database is upgraded.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyModel, type DataCenterModel } from '../../src/model/datacenter.js';
import type { Plan } from '../../src/model/plan.js';
import type { ProjectDecision } from '../../src/project/schema.js';
import { LicenseKey, Sensitive } from '../../src/model/sensitive.js';
import { applyPlan } from '../../src/writers/mssql/apply.js';
import type { Db } from '../../src/writers/mssql/db.js';
import { readLedgerBase } from '../../src/writers/mssql/ledger.js';
import { buildSqlScript, secretVariableValue } from '../../src/writers/mssql/script.js';
import { listRuns } from '../../src/writers/mssql/runs.js';
import { readActual } from '../../src/writers/mssql/read.js';
import { planChanges } from '../../src/plan/planner.js';
import { hasChangesToWrite } from '../../src/plan/summary.js';
import { MSSQL_URL, applyOptions, plan, planMeta, revealed, runScript, sampleDesired, scriptCollation, waitForServer, withDatabase } from './helpers.js';
import { desiredModel } from './model.js';

/** The pipeline's plan: desired vs the target as read, with the ledger's base. */
async function plan3(db: Db, desired: DataCenterModel, sources: string[], extra: { decisions?: ProjectDecision[]; overwrite?: boolean; prune?: boolean } = {}): Promise<Plan> {
  const actual = await readActual(db);
  const base = await readLedgerBase(db);
  return planChanges(desired, actual, {
    sources,
    prune: extra.prune ?? false,
    ...(base === undefined ? {} : { base }),
    decisions: extra.decisions ?? [],
    overwriteAdminEdits: extra.overwrite ?? false,
    meta: planMeta(sources, actual),
  });
}

function clone(m: DataCenterModel): DataCenterModel {
  return Object.fromEntries(Object.entries(m).map(([t, rows]) => [t, (rows as object[]).map((r) => ({ ...r }))])) as unknown as DataCenterModel;
}

/** Every secret value of a model (secret settings, credentials, licence keys). */
function secretsOf(m: DataCenterModel): string[] {
  const out: string[] = [];
  for (const rows of Object.values(m)) {
    for (const row of rows as Record<string, unknown>[]) {
      for (const v of Object.values(row)) if (v instanceof Sensitive || v instanceof LicenseKey) out.push(v.reveal());
    }
  }
  return out;
}

async function ledgerText(db: Db): Promise<string> {
  const rows = await db.query<Record<string, string | null>>(`SELECT [TableName], [RowKey], [Before], [After], [Base] FROM [dc].[MigrationChange];`);
  return rows.map((r) => Object.values(r).join('\n')).join('\n');
}

describe.skipIf(!MSSQL_URL)('the migration ledger (real SQL Server)', () => {
  beforeAll(() => waitForServer());

  it('records one change per row; the next plan keeps admin edits, plans source changes, names conflicts; a decision settles them', async () => {
    await withDatabase(async ({ db }) => {
      const wave1 = desiredModel(['src-a', 'wa', 4]);
      const p1 = await plan3(db, wave1, ['src-a']);
      const o1 = applyOptions(p1);
      await applyPlan(db, p1, o1);
      const recorded = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM [dc].[MigrationChange] WHERE [RunId] = @id;`, { id: { type: 'uniqueidentifier', value: o1.runId } });
      expect(recorded[0]?.n).toBe(p1.changes.length);
      expect((await plan3(db, wave1, ['src-a'])).changes).toEqual([]);

      // Admin edits, straight in SQL: a display name (kept), an e-mail address (will conflict).
      await db.execute(`UPDATE [dc].[UserAccount] SET [DisplayName] = N'Edited by admin' WHERE [UserName] = N'wa-user-0';`);
      await db.execute(`UPDATE [dc].[UserAccount] SET [Email] = N'admin-set@corp.example' WHERE [UserName] = N'WA-USER-1';`);
      // The export changes: a display name of another user (source change), the conflicting e-mail,
      // and wa-user-0's e-mail (a column merge with the admin's display name).
      const wave2 = clone(wave1);
      const user = (name: string) => wave2.UserAccount.find((u) => u.UserName === name) as DataCenterModel['UserAccount'][number];
      user('wa-user-2').DisplayName = 'Renamed in the export';
      user('wa-user-1').Email = 'export-set@corp.example';
      user('wa-user-0').Email = 'new-mail@corp.example';

      const p2 = await plan3(db, wave2, ['src-a']);
      const users = p2.changes.filter((c) => c.table === 'UserAccount').map((c) => `${c.action} ${String(c.key['UserName'])} ${Object.keys(c.changes ?? c.kept ?? {}).join(',')}`);
      expect(users).toEqual(['update wa-user-0 Email', 'kept wa-user-0 DisplayName', 'update wa-user-2 DisplayName']);
      const conflict = p2.diagnostics.find((d) => d.code === 'PLAN_ADMIN_EDIT_CONFLICT');
      expect(conflict?.path).toBe('dc.UserAccount[UserName=wa-user-1]');
      for (const v of ['Email', 'wa-user-1@corp.example', 'admin-set@corp.example', 'export-set@corp.example', o1.runId]) expect(conflict?.message.toLowerCase()).toContain(v.toLowerCase());

      // A decision keeps DataCenter's value: no error, and the plan applies.
      const decisions: ProjectDecision[] = [{ table: 'dc.UserAccount', key: { UserName: 'wa-user-1' }, column: 'Email', keep: 'datacenter' }];
      const p3 = await plan3(db, wave2, ['src-a'], { decisions });
      expect(p3.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
      await applyPlan(db, p3, applyOptions(p3));
      const actual = await readActual(db);
      const byName = new Map(actual.UserAccount.map((u) => [u.UserName, u]));
      expect(byName.get('wa-user-0')).toMatchObject({ DisplayName: 'Edited by admin', Email: 'new-mail@corp.example' });
      expect(byName.get('wa-user-1')?.Email).toBe('admin-set@corp.example');
      expect(byName.get('wa-user-2')?.DisplayName).toBe('Renamed in the export');

      // Re-plan: nothing to write; the admin edits are still shown as kept, not overwritten later.
      const p4 = await plan3(db, wave2, ['src-a'], { decisions });
      expect(hasChangesToWrite(p4)).toBe(false);
      expect(p4.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
      expect(p4.changes.map((c) => `${c.action} ${String(c.key['UserName'])}`)).toEqual(['kept wa-user-0', 'kept wa-user-1']);

      // --overwrite-admin-edits writes the sources' values back.
      const p5 = await plan3(db, wave2, ['src-a'], { overwrite: true });
      expect(p5.changes.filter((c) => c.action === 'update').map((c) => c.overwritesAdminEdit)).toEqual([['DisplayName'], ['Email']]);
    });
  });

  it('a row deleted in DataCenter stays deleted (kept), and rows without a ledger entry are planned two-way', async () => {
    await withDatabase(async ({ db }) => {
      const wave = desiredModel(['src-a', 'wa', 3]);
      const p1 = await plan3(db, wave, ['src-a']);
      await applyPlan(db, p1, applyOptions(p1));
      await db.execute(`DELETE FROM [dc].[UserGroupMember] WHERE [UserName] = N'wa-user-2';`);
      // A row the tool never wrote (a DBA's insert) holds other values than the export.
      await db.execute(`DELETE FROM [dc].[MigrationChange] WHERE [TableName] = N'dc.Computer';`);
      await db.execute(`UPDATE [dc].[Computer] SET [Enabled] = 1;`);
      const p2 = await plan3(db, wave, ['src-a']);
      expect(p2.changes.find((c) => c.table === 'UserGroupMember')).toMatchObject({ action: 'kept', deletedInDataCenter: true });
      expect(p2.changes.find((c) => c.table === 'Computer')).toMatchObject({ action: 'update', changes: { Enabled: { from: true, to: false } } });
      expect(p2.diagnostics.filter((d) => d.code === 'PLAN_NO_BASE').map((d) => d.path)).toEqual(['dc.Computer']);
    });
  });

  it('holds no secret value of any sample, before or after a rotation', async () => {
    await withDatabase(async ({ db }) => {
      const samples = await Promise.all(['kanzlei-huber', 'mueller-logistik', 'alpen-handel'].map((s) => sampleDesired(s)));
      const secrets = new Set<string>();
      for (const [i, sample] of samples.entries()) {
        for (const s of secretsOf(sample.model)) secrets.add(s);
        if (i > 0) continue; // one sample per database; the others are checked below on their own
        const p = await plan3(db, sample.model, sample.sources);
        await applyPlan(db, p, applyOptions(p));
        // Rotate every secret: the old values go into Before, the new into After.
        const rotated = clone(sample.model);
        for (const u of rotated.UserAccount) if (u.Credential) u.Credential = new Sensitive(`${u.Credential.reveal()}-rotated`);
        for (const s of rotated.Setting) if (s.Value instanceof Sensitive) s.Value = new Sensitive(`${s.Value.reveal()}-rotated`);
        for (const s of secretsOf(rotated)) secrets.add(s);
        const p2 = await plan3(db, rotated, sample.sources);
        await applyPlan(db, p2, applyOptions(p2));
      }
      const text = (await ledgerText(db)).toLowerCase();
      expect(text.length).toBeGreaterThan(0);
      for (const secret of secrets) if (secret.length >= 4) expect(text).not.toContain(secret.toLowerCase());
      expect(text).toMatch(/hmac:[0-9a-f]{64}/);
    });
    for (const sample of ['mueller-logistik', 'alpen-handel']) {
      await withDatabase(async ({ db }) => {
        const desired = await sampleDesired(sample);
        const p = await plan3(db, desired.model, desired.sources);
        await applyPlan(db, p, applyOptions(p));
        const text = (await ledgerText(db)).toLowerCase();
        for (const secret of secretsOf(desired.model)) if (secret.length >= 4) expect(text).not.toContain(secret.toLowerCase());
      });
    }
  });

  it('records large runs in batches (bulk-created tables too) and orders runs by RunSeq', async () => {
    await withDatabase(async ({ open }) => {
      // Rows and ledger rows bulk-loaded in batches of 30: several of each.
      const db = await open('procall-migrate ledger batches', { bulkBatchRows: 30 });
      const wave = desiredModel(['src-a', 'wa', 300]);
      const p1 = await plan3(db, wave, ['src-a']);
      const o1 = applyOptions(p1, { bulkThreshold: 50 });
      expect(p1.changes.length).toBeGreaterThan(250);
      await applyPlan(db, p1, o1);
      const n = await db.query<{ n: number; top: number; low: number; seqs: number }>(
        `SELECT COUNT(*) AS [n], MAX([Seq]) AS [top], MIN([Seq]) AS [low], COUNT(DISTINCT [Seq]) AS [seqs] FROM [dc].[MigrationChange];`,
      );
      expect(n[0]).toEqual({ n: p1.changes.length, top: p1.changes.length, low: 1, seqs: p1.changes.length });
      for (const u of wave.UserAccount) u.Enabled = !u.Enabled;
      const p2 = await plan3(db, wave, ['src-a']);
      await applyPlan(db, p2, applyOptions(p2, { bulkThreshold: 50 }));
      const runs = await listRuns(db);
      expect(runs.map((r) => [r.status, r.changes])).toEqual([
        ['applied', p1.changes.length],
        ['applied', p2.changes.length],
      ]);
      expect((await plan3(db, wave, ['src-a'])).changes).toEqual([]);
    });
  });

  it('upgrades a version-1 database in the first apply that needs it', async () => {
    await withDatabase(async ({ db }) => {
      const wave = desiredModel(['src-a', 'wa', 2]);
      const p1 = plan(wave, emptyModel(), ['src-a']);
      const o1 = applyOptions(p1);
      await applyPlan(db, p1, o1);
      // Back to what a version-1 tool left: no ledger tables, no new columns, SchemaVersion 1.
      await db.execute(`DROP TABLE [dc].[MigrationChange]; DROP TABLE [dc].[LedgerKey];`);
      // One column per ALTER TABLE: Babelfish refuses a list of columns.
      await db.execute(`ALTER TABLE [dc].[MigrationRun] DROP COLUMN [UndoOf];`);
      await db.execute(`ALTER TABLE [dc].[MigrationRun] DROP COLUMN [RunSeq];`);
      await db.execute(`DELETE FROM [dc].[SchemaInfo] WHERE [SchemaVersion] = 2;`);
      await db.execute(`INSERT INTO [dc].[SchemaInfo] ([SchemaVersion], [InstalledAt], [ToolVersion]) SELECT 1, SYSUTCDATETIME(), N'0.0.1' WHERE NOT EXISTS (SELECT 1 FROM [dc].[SchemaInfo] WHERE [SchemaVersion] = 1);`);
      expect((await listRuns(db)).map((r) => [r.runId, r.changes])).toEqual([[o1.runId.toLowerCase(), 0]]);

      const p2 = await plan3(db, desiredModel(['src-a', 'wa', 3]), ['src-a']);
      expect(p2.diagnostics.some((d) => d.code === 'PLAN_NO_BASE')).toBe(true);
      const o2 = applyOptions(p2);
      const result = await applyPlan(db, p2, o2);
      expect(result.bootstrap).toMatchObject({ fromVersion: 1, upgraded: true });
      expect((await db.query<{ v: number }>(`SELECT MAX([SchemaVersion]) AS v FROM [dc].[SchemaInfo];`))[0]?.v).toBe(2);
      const runs = await listRuns(db);
      expect(runs.map((r) => [r.runId, r.status, r.changes > 0])).toEqual([
        [o1.runId.toLowerCase(), 'applied', false],
        [o2.runId.toLowerCase(), 'applied', true],
      ]);
      expect(revealed(await readActual(db))).toEqual(revealed(desiredModel(['src-a', 'wa', 3])));
    });
  });

  it('after a DBA script (no ledger rows) rows are planned two-way: its writes are no admin edits', async () => {
    await withDatabase(async ({ db }) => {
      const first = desiredModel(['src-a', 'wa', 3]);
      const p1 = await plan3(db, first, ['src-a']);
      await applyPlan(db, p1, applyOptions(p1));
      // The DBA runs a script that renames a user; its run is recorded, its rows are not.
      const second = clone(first);
      second.UserAccount[0]!.DisplayName = 'Per Skript umbenannt';
      const built = buildSqlScript(plan(second, await readActual(db), ['src-a']), { planDigest: 'a'.repeat(64), sourceDigest: 'b'.repeat(64), ...scriptCollation() });
      await runScript(db, built.sql, new Map(built.variables.map((v) => [v.name, secretVariableValue(v.value.reveal())])));
      expect((await readLedgerBase(db))?.tables).toEqual({});
      // The source changes the same column: against the older base that would be a conflict.
      const third = clone(second);
      third.UserAccount[0]!.DisplayName = 'In der Quelle geändert';
      const p3 = await plan3(db, third, ['src-a']);
      expect(p3.diagnostics.filter((d) => d.code === 'PLAN_ADMIN_EDIT_CONFLICT')).toEqual([]);
      expect(p3.changes.filter((c) => c.action === 'kept')).toEqual([]);
      expect(p3.changes.filter((c) => c.action === 'update' && c.table === 'UserAccount')).toHaveLength(1);
    });
  });
});
