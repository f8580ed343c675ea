import { beforeAll, describe, expect, it } from 'vitest';
import { emptyModel } from '../../src/model/datacenter.js';
import { applyPlan } from '../../src/writers/mssql/apply.js';
import { readActual } from '../../src/writers/mssql/read.js';
import { buildSqlScript, secretVariableValue, type ScriptVariable } from '../../src/writers/mssql/script.js';
import { MSSQL_URL, applyOptions, plan, revealed, runScript, sampleDesired, scriptCollation, withDatabase, waitForServer } from './helpers.js';
import { desiredModel } from './model.js';

/** Every character that could change a script around a secret: a quote, `]`, `$(`, a line break, a line `GO`, `:r`. */
const TRICKY = "O'Brien ]; DROP TABLE x;-- Grüße 😀 $(VAR)\r\nGO\n:r evil.sql";

/** What the DBA gives with `sqlcmd -v PM_SECRET_n=…`: the hex digits the script's header tells how to make. */
function variablesOf(variables: readonly ScriptVariable[]): Map<string, string> {
  return new Map(variables.map((v) => [v.name, secretVariableValue(v.value.reveal())]));
}
// The suite's collation reaches the script too (a server without Microsoft's default has another).
const OPTS = { planDigest: 'a'.repeat(64), sourceDigest: 'b'.repeat(64), runId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427', ...scriptCollation() };

/** The rows with every credential cleared: what a script can give (credentials never go into one). */
function withoutCredentials(rows: ReturnType<typeof revealed>): ReturnType<typeof revealed> {
  return { ...rows, UserAccount: (rows.UserAccount ?? []).map((r) => ({ ...r, Credential: null })) };
}

describe.skipIf(!MSSQL_URL)('the DBA script on a real server', () => {
  // A cold container may take a while to accept logins: wait in the hook, not in the first test.
  beforeAll(() => waitForServer());

  it.each(['split-first', 'substitute-first'] as const)(
    'with its variables seeds what apply seeds except credentials, runs twice, and apply completes it (sqlcmd order: %s)',
    async (order) => {
      await withDatabase(async ({ db }) => {
        const desired = desiredModel(['src-a', 'wa', 4, TRICKY]);
        const p = plan(desired, emptyModel(), ['src-a']);
        const built = buildSqlScript(p, OPTS);
        // The secret setting holds every dangerous character; the script never holds it.
        expect(built.variables.some((v) => v.value.reveal() === `pw-${TRICKY}`)).toBe(true);
        expect(built.sql).not.toContain("pw-O'");
        expect(built.sql).not.toContain("pw-O''");
        const variables = variablesOf(built.variables);
        await runScript(db, built.sql, variables, order);
        const afterOnce = revealed(await readActual(db));
        // The secret round-trips exactly (read back as text, compared by value).
        const secret = (afterOnce.Setting ?? []).find((r) => r['Key'] === 'wa.password');
        expect(secret?.['Value']).toBe(`pw-${TRICKY}`);
        await runScript(db, built.sql, variables, order);
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
    },
  );

  it('stops before writing anything when a variable is not hex digits (a value given as plain text)', async () => {
    await withDatabase(async ({ db }) => {
      const p = plan(desiredModel(['src-a', 'wa', 2, 'plain']), emptyModel(), ['src-a']);
      const built = buildSqlScript(p, OPTS);
      const plain = new Map(built.variables.map((v) => [v.name, 'not-hex']));
      await expect(runScript(db, built.sql, plain)).rejects.toThrow(/not hex digits|PM_SECRET_n/);
      expect((await db.query<{ id: number | null }>(`SELECT SCHEMA_ID(N'dc') AS id;`))[0]?.id).toBeNull();
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
        await runScript(db, built.sql, variablesOf(built.variables));
        expect(revealed(await readActual(db))).toEqual(withoutCredentials(applied));
        const rest = plan(model, await readActual(db), sources);
        expect(rest.changes.length).toBe(built.credentialsLeftOut);
        if (rest.changes.length > 0) await applyPlan(db, rest, applyOptions(rest));
        expect(revealed(await readActual(db))).toEqual(applied);
      });
    },
  );
});
