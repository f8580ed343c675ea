import { beforeAll, describe, expect, it } from 'vitest';
import { emptyModel } from '../../src/model/datacenter.js';
import { applyPlan } from '../../src/writers/mssql/apply.js';
import { readActual } from '../../src/writers/mssql/read.js';
import { buildSqlScript, type ScriptVariable } from '../../src/writers/mssql/script.js';
import { MSSQL_URL, applyOptions, plan, revealed, runScript, sampleDesired, withDatabase, waitForServer } from './helpers.js';
import { desiredModel } from './model.js';

const TRICKY = "O'Brien ]; DROP TABLE x;-- Grüße 😀 $(VAR)\r\nGO\n:r evil.sql";

/** What `sqlcmd -v PM_SECRET_1="…"` does: text substitution; the DBA doubles single quotes, as the script's header says. */
function withVariables(script: string, variables: readonly ScriptVariable[]): string {
  const values = new Map(variables.map((v) => [v.name, v.value.reveal()]));
  return script.replace(/\$\((PM_SECRET_\d+)\)/g, (whole, name: string) => values.get(name)?.replace(/'/g, "''") ?? whole);
}
const OPTS = { planDigest: 'a'.repeat(64), sourceDigest: 'b'.repeat(64), runId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' };

/** The rows with every credential cleared: what a script can give (credentials never go into one). */
function withoutCredentials(rows: ReturnType<typeof revealed>): ReturnType<typeof revealed> {
  return { ...rows, UserAccount: (rows.UserAccount ?? []).map((r) => ({ ...r, Credential: null })) };
}

describe.skipIf(!MSSQL_URL)('the DBA script on a real server', () => {
  // A cold container may take a while to accept logins: wait in the hook, not in the first test.
  beforeAll(() => waitForServer());

  it('with its variables seeds what apply seeds except credentials, runs twice, and apply completes it', async () => {
    await withDatabase(async ({ db }) => {
      const desired = desiredModel(['src-a', 'wa', 4, TRICKY]);
      const p = plan(desired, emptyModel(), ['src-a']);
      const built = buildSqlScript(p, OPTS);
      const script = withVariables(built.sql, built.variables);
      expect(script).not.toContain('$(PM_SECRET_');
      await runScript(db, script);
      const afterOnce = revealed(await readActual(db));
      await runScript(db, script);
      expect(revealed(await readActual(db))).toEqual(afterOnce);

      const rest = plan(desired, await readActual(db), ['src-a']);
      for (const c of rest.changes) {
        const ok = c.table === 'UserAccount' && c.action === 'update' && Object.keys(c.changes ?? {}).join() === 'Credential';
        expect(ok, `${c.table} ${c.action} ${JSON.stringify(c.key)}`).toBe(true);
      }
      expect(rest.changes.length).toBe(built.credentialsLeftOut);
      await applyPlan(db, rest, applyOptions(rest));
      const actual = await readActual(db);
      expect(revealed(actual)).toEqual(revealed(desired));
      const runs = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM [dc].[MigrationRun];`);
      expect(runs[0]?.n).toBe(2);
    });
  });

  it.each(['alpen-handel', 'kanzlei-huber', 'mueller-logistik'])(
    '%s: the script run batch by batch with its variables gives the database apply gives (credentials: apply afterwards)',
    async (sample) => {
      const { model, sources } = await sampleDesired(sample);
      const p = plan(model, emptyModel(), sources);
      let applied: ReturnType<typeof revealed> = {};
      await withDatabase(async ({ db }) => {
        await applyPlan(db, p, applyOptions(p));
        applied = revealed(await readActual(db));
      });
      await withDatabase(async ({ db }) => {
        const built = buildSqlScript(p, OPTS);
        await runScript(db, withVariables(built.sql, built.variables));
        expect(revealed(await readActual(db))).toEqual(withoutCredentials(applied));
        const rest = plan(model, await readActual(db), sources);
        expect(rest.changes.length).toBe(built.credentialsLeftOut);
        if (rest.changes.length > 0) await applyPlan(db, rest, applyOptions(rest));
        expect(revealed(await readActual(db))).toEqual(applied);
      });
    },
  );
});
