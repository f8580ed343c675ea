import { beforeAll, describe, expect, it } from 'vitest';
import { emptyModel } from '../../src/model/datacenter.js';
import { applyPlan } from '../../src/writers/mssql/apply.js';
import { readActual } from '../../src/writers/mssql/read.js';
import { renderSqlScript } from '../../src/writers/mssql/script.js';
import { MSSQL_URL, applyOptions, plan, revealed, runScript, withDatabase, waitForServer } from './helpers.js';
import { desiredModel } from './model.js';

const TRICKY = "O'Brien ]; DROP TABLE x;-- Grüße 😀 $(VAR)\r\nGO\n:r evil.sql";

describe.skipIf(!MSSQL_URL)('the DBA script on a real server', () => {
  // A cold container may take a while to accept logins: wait in the hook, not in the first test.
  beforeAll(() => waitForServer());

  it('seeds what apply seeds except secrets and licences, runs twice, and apply completes it', async () => {
    await withDatabase(async ({ db }) => {
      const desired = desiredModel(['src-a', 'wa', 4, TRICKY]);
      const p = plan(desired, emptyModel(), ['src-a']);
      const script = renderSqlScript(p, { planDigest: 'a'.repeat(64), sourceDigest: 'b'.repeat(64), runId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' });
      await runScript(db, script);
      const afterOnce = revealed(await readActual(db));
      await runScript(db, script);
      expect(revealed(await readActual(db))).toEqual(afterOnce);

      const rest = plan(desired, await readActual(db), ['src-a']);
      for (const c of rest.changes) {
        const ok =
          (c.table === 'UserAccount' && c.action === 'update' && Object.keys(c.changes ?? {}).join() === 'Credential') ||
          (c.table === 'Setting' && c.action === 'create' && c.after?.['Type'] === 'secret') ||
          (c.table === 'License' && c.action === 'create');
        expect(ok, `${c.table} ${c.action} ${JSON.stringify(c.key)}`).toBe(true);
      }
      expect(rest.changes.length).toBe(4 + 1 + 1);
      await applyPlan(db, rest, applyOptions(rest));
      const actual = await readActual(db);
      expect(revealed(actual)).toEqual(revealed(desired));
      const runs = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM [dc].[MigrationRun];`);
      expect(runs[0]?.n).toBe(2);
    });
  });
});
