/**
 * What lets the writer run on any TDS server (issue 14): bulk loads cut into batches, a
 * configurable collation checked on connect. Real server only (MSSQL_URL).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyModel } from '../../src/model/datacenter.js';
import { TABLES } from '../../src/model/dc-schema.js';
import type { MigrateError } from '../../src/model/errors.js';
import type { ProgressFn } from '../../src/model/enterprise.js';
import { applyPlan } from '../../src/writers/mssql/apply.js';
import { TEXT_COLLATION } from '../../src/writers/mssql/ddl.js';
import { readActual } from '../../src/writers/mssql/read.js';
import { MSSQL_COLLATION, MSSQL_URL, applyOptions, plan, revealed, waitForServer, withDatabase } from './helpers.js';
import { desiredModel } from './model.js';

describe.skipIf(!MSSQL_URL)('any TDS server (real SQL Server)', () => {
  beforeAll(() => waitForServer());

  it('loads a staged set in batches smaller than the rows, reporting each batch, with the same result', async () => {
    await withDatabase(async ({ open }) => {
      const db = await open('procall-migrate batches', { bulkBatchRows: 7 });
      const desired = desiredModel(['src-a', 'wa', 40]);
      const p = plan(desired, emptyModel(), ['src-a']);
      const events: Parameters<ProgressFn>[0][] = [];
      await applyPlan(db, p, applyOptions(p, { bulkThreshold: 0, onProgress: (e) => events.push(e) }));
      const actual = await readActual(db);
      expect(plan(desired, actual, ['src-a']).changes).toEqual([]);
      expect(revealed(actual)).toEqual(revealed(desired));
      // 40 users in batches of 7: six partial counts before the whole, for that table.
      const staged = events.map((e) => e.message).filter((m) => m.startsWith('dc.UserAccount') && m.includes('rows staged'));
      expect(staged).toContain('dc.UserAccount: 40 create (bulk): 7 of 40 rows staged');
      expect(staged.length).toBe(Math.ceil(40 / 7));
    });
  });

  it('refuses a collation the server does not offer, naming ones it does', async () => {
    await withDatabase(async ({ open }) => {
      const error = (await open('procall-migrate collation', { collation: 'No_Such_Collation_CI_AS' }).catch((e: unknown) => e)) as MigrateError;
      expect(error.code).toBe('DB_COLLATION_MISSING');
      expect(error.message).toContain('No_Such_Collation_CI_AS');
      expect(error.hint).toMatch(/set target\.collation to one the server offers, e\.g\. \w+/);
    });
  });

  it('creates every text column with the configured collation', async () => {
    await withDatabase(async ({ db, open }) => {
      const offered = (await db.query<{ name: string }>('SELECT name FROM sys.fn_helpcollations();')).map((r) => r.name);
      const other = MSSQL_COLLATION ?? offered.find((n) => /^Latin1_General_CI_AS$/i.test(n)) ?? offered.find((n) => /_CI_AS$/i.test(n) && n !== TEXT_COLLATION);
      expect(other).toBeDefined();
      const withOther = await open('procall-migrate collation', { collation: other! });
      const desired = desiredModel(['src-a', 'wa', 3]);
      const p = plan(desired, emptyModel(), ['src-a']);
      await applyPlan(withOther, p, applyOptions(p, { bulkThreshold: 0 }));
      // The name the server reports for a column made with that collation: Babelfish reports its
      // own (latin1_general_ci_as → bbf_unicode_cp1_ci_as), SQL Server the name as written.
      expect(other).toMatch(/^[A-Za-z0-9_]+$/);
      await db.execute(`CREATE TABLE [dbo].[pm_collation_ref] ([x] nvarchar(10) COLLATE ${other!} NULL);`);
      const ref = await db.query<{ collation_name: string | null }>(
        `SELECT c.collation_name AS [collation_name] FROM sys.columns c WHERE c.object_id = OBJECT_ID(N'[dbo].[pm_collation_ref]');`,
      );
      const expected = ref[0]?.collation_name?.toLowerCase();
      expect(expected).toBeTruthy();
      const cols = await db.query<{ name: string; collation_name: string | null }>(
        `SELECT c.name AS [name], c.collation_name AS [collation_name] FROM sys.columns c WHERE c.object_id = OBJECT_ID(N'[dc].[UserAccount]') AND c.collation_name IS NOT NULL;`,
      );
      // Every text column of the catalog's UserAccount (bit columns have no collation).
      expect(cols.length).toBe(TABLES.find((t) => t.name === 'UserAccount')!.columns.filter((c) => /char/i.test(c.sqlType)).length);
      for (const c of cols) expect(`${c.name} ${c.collation_name?.toLowerCase()}`).toBe(`${c.name} ${expected}`);
      expect(revealed(await readActual(withOther))).toEqual(revealed(desired));
    });
  });
});
