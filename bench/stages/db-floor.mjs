/**
 * The real-server floor (issue 21): a bare bulk load of the rows the plan creates into the same
 * tables on the same server. In the database named on the command line (created empty by
 * bench.ts, dropped by it afterwards), the DataCenter tables are created with the tool's own DDL;
 * the plan is made in-process from the generated project (no target: every row is a create) and
 * each create turned into the values the writer would load (`bulkCreateRow`). Then, timed: one
 * transaction, the `mssql` driver directly, batches of 10,000 rows per table in FK order,
 * `table.create = false`, the driver's default bulk options (no constraint checks, no triggers),
 * and the commit. Everything before the transaction begins (pipeline, values, DDL, the driver's
 * batch tables) is outside the time. Prints one JSON line.
 *
 * A plain .mjs against the built tool (dist/, or $BENCH_DIST: bench.ts's `--dist`): the rows come
 * from the same build `db-migrate` runs, and nothing of the test folders is needed (unlike
 * stages/migrate.ts, which is compiled for its fake target).
 *
 *   MSSQL_URL=… [MSSQL_COLLATION=…] node bench/stages/db-floor.mjs <project-file> <database>
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = process.env.BENCH_DIST || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const load = (file) => import(pathToFileURL(path.join(dist, file)).href);
const { tableDef, TABLES } = await load('model/index.js');
const { runPipeline } = await load('pipeline.js');
const { parseConnectionString } = await load('writers/mssql/connection-string.js');
const { mssqlType, toMssqlConfig } = await load('writers/mssql/db.js');
const { createSchemaSql, createTablesSql } = await load('writers/mssql/ddl.js');
const { tableRef, TEXT_COLLATION } = await load('writers/mssql/sql-names.js');
const { bulkCreateColumns, bulkCreateRow } = await load('writers/mssql/statements.js');

const BATCH_ROWS = 10_000;
const [projectFile, database] = process.argv.slice(2);
const url = process.env.MSSQL_URL;
if (!projectFile || !database || !url) throw new Error('usage: MSSQL_URL=… node db-floor.mjs <project-file> <database>');
const collation = process.env.MSSQL_COLLATION || TEXT_COLLATION;
// The same driver the tool loads (mssql is CommonJS).
const sql = createRequire(import.meta.url)('mssql');

/**
 * The driver's batch tables, per table in FK order (as the apply goes). A function, so the plan
 * is garbage once they are made and the collector does not walk it during the timed load.
 */
async function prepareBatches() {
  const result = await runPipeline({ projectFile, env: {}, noTarget: true, releaseImports: true, provenance: false, toolVersion: 'bench' });
  if (!result.plan) throw new Error(`no plan: ${result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('; ')}`);
  const now = new Date();
  const batches = [];
  const tables = {};
  let rows = 0;
  for (const { name } of TABLES) {
    const def = tableDef(name);
    const creates = result.plan.changes.filter((c) => c.table === name && c.action === 'create');
    if (creates.length === 0) continue;
    const columns = bulkCreateColumns(def);
    const types = columns.map((c) => mssqlType(c.sqlType));
    for (let start = 0; start < creates.length; start += BATCH_ROWS) {
      const table = new sql.Table(tableRef(name));
      table.create = false;
      columns.forEach((c, i) => table.columns.add(c.name, types[i], { nullable: c.nullable }));
      for (const change of creates.slice(start, start + BATCH_ROWS)) {
        table.rows.add(...bulkCreateRow(def, change, now).map((v) => (v === undefined ? null : v)));
      }
      batches.push(table);
    }
    tables[name] = creates.length;
    rows += creates.length;
  }
  return { batches, tables, rows };
}

const t0 = performance.now();
const { batches, tables, rows } = await prepareBatches();
const prepareMs = Math.round(performance.now() - t0);

const pool = new sql.ConnectionPool({ ...toMssqlConfig(parseConnectionString(url), { database, appName: 'procall-migrate bench floor' }), pool: { min: 0, max: 1 } });
pool.on('error', () => {});
await pool.connect();
try {
  // The tables as the tool creates them (outside the time, but shown: the apply's setup creates them too).
  const ddlStarted = performance.now();
  await pool.request().batch(createSchemaSql());
  for (const ddl of createTablesSql(collation)) await pool.request().batch(ddl);
  const ddlMs = Math.round(performance.now() - ddlStarted);

  const started = performance.now();
  const tx = new sql.Transaction(pool);
  await tx.begin();
  let loaded = 0;
  for (const table of batches) loaded += (await new sql.Request(tx).bulk(table)).rowsAffected;
  const loadedAt = performance.now();
  await tx.commit();
  const done = performance.now();
  process.stdout.write(`${JSON.stringify({
    rows,
    loaded,
    batches: batches.length,
    tables,
    prepareMs,
    ddlMs,
    loadMs: Math.round(loadedAt - started),
    commitMs: Math.round(done - loadedAt),
    totalMs: Math.round(done - started),
  })}\n`);
} finally {
  await pool.close();
}
