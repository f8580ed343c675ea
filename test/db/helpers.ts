/**
 * The real-server suite's helpers: a fresh, uniquely named database per test (dropped after),
 * desired models from the samples, planning, and comparing models with secrets revealed.
 * Runs only with MSSQL_URL (e.g. mssql://sa:…@localhost:1433/master?trustServerCertificate=true).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataCenterModel } from '../../src/model/datacenter.js';
import { TABLES } from '../../src/model/dc-schema.js';
import type { Plan } from '../../src/model/plan.js';
import { LicenseKey, Sensitive } from '../../src/model/sensitive.js';
import { importExports } from '../../src/importers/index.js';
import { loadHomeServerMapping } from '../../src/project/home-server-mapping.js';
import { loadProject } from '../../src/project/load.js';
import { mapToDataCenter } from '../../src/mappers/index.js';
import { connectUrl, type ConnectOptions, type Db } from '../../src/writers/mssql/db.js';
import { fingerprintModel, planDigest, sourceDigest } from '../../src/plan/digest.js';
import { planChanges, type PlanOptions } from '../../src/plan/planner.js';
import type { ApplyOptions } from '../../src/writers/mssql/apply.js';

export const MSSQL_URL = process.env.MSSQL_URL;
/**
 * A TDS server without Microsoft's default collation (Latin1_General_100_CI_AS_SC) runs the suite
 * with one it has: MSSQL_COLLATION=… (what `target.collation` does for a project).
 */
export const MSSQL_COLLATION = process.env.MSSQL_COLLATION || undefined;
export const TOOL_VERSION = '0.0.0-test';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A fixed clock: tests never depend on the time. */
export const clock = (): Date => new Date('2025-01-15T09:30:00.000Z');

export interface TestDatabase {
  name: string;
  db: Db;
  /** Another pool on the same database (a second, concurrent run), with other connect options if given. */
  open(appName?: string, options?: ConnectOptions): Promise<Db>;
  drop(): Promise<void>;
}

/** A freshly started container accepts TCP before it accepts logins; tests wait this long for it. */
const SERVER_READY_TIMEOUT_MS = 90_000;
/** The first login to a cold container can take several seconds. */
const CONNECT_TIMEOUT_MS = 30_000;
let serverReady: Promise<void> | undefined;

/**
 * Waits (once per test file) until the server of MSSQL_URL accepts a login and a query. Meant for
 * `beforeAll` (hookTimeout 120 s), so a slow first start does not eat the 60 s of the first test.
 */
export function waitForServer(): Promise<void> {
  serverReady ??= (async () => {
    if (!MSSQL_URL) throw new Error('MSSQL_URL is not set');
    const deadline = Date.now() + SERVER_READY_TIMEOUT_MS;
    for (;;) {
      try {
        const admin = await connectUrl(MSSQL_URL, { appName: 'procall-migrate tests (admin)', connectionTimeoutMs: CONNECT_TIMEOUT_MS });
        try {
          await admin.query('SELECT 1 AS ok;');
          return;
        } finally {
          await admin.close();
        }
      } catch (error) {
        // While SQL Server starts (recovery, script upgrade) logins fail too, not only connects.
        const code = (error as { code?: string }).code;
        if ((code !== 'DB_CONNECT_FAILED' && code !== 'DB_LOGIN_FAILED') || Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  })();
  return serverReady;
}

async function admin<T>(url: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const a = await connectUrl(url, { appName: 'procall-migrate tests (admin)', connectionTimeoutMs: CONNECT_TIMEOUT_MS });
  try {
    return await fn(a);
  } finally {
    await a.close();
  }
}

/** Creates `pm_test_<random>` on the server of MSSQL_URL and connects to it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!MSSQL_URL) throw new Error('MSSQL_URL is not set');
  const url = MSSQL_URL;
  await waitForServer();
  const name = `pm_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  // CREATE/ALTER/DROP DATABASE cannot run inside a transaction: plain autocommit batches.
  await admin(url, (a) => a.execute(`CREATE DATABASE [${name}];`));
  const pools: Db[] = [];
  const open = async (appName = 'procall-migrate tests', options: ConnectOptions = {}): Promise<Db> => {
    const db = await connectUrl(url, {
      database: name,
      appName,
      connectionTimeoutMs: CONNECT_TIMEOUT_MS,
      ...(MSSQL_COLLATION === undefined ? {} : { collation: MSSQL_COLLATION }),
      ...options,
    });
    pools.push(db);
    return db;
  };
  const drop = async (): Promise<void> => {
    for (const p of pools) await p.close().catch(() => {});
    await admin(url, async (a) => {
      // SINGLE_USER ends sessions a test left open; a server may refuse it (not every TDS server
      // has it), then a plain DROP after the pools above were closed.
      try {
        await a.execute(`IF DB_ID(N'${name}') IS NOT NULL BEGIN ALTER DATABASE [${name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [${name}]; END;`);
      } catch {
        await a.execute(`IF DB_ID(N'${name}') IS NOT NULL DROP DATABASE [${name}];`);
      }
    });
  };
  let db: Db;
  try {
    db = await open();
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
  return { name, db, open, drop };
}

/** Runs `fn` against a fresh database and always drops it. */
export async function withDatabase(fn: (t: TestDatabase) => Promise<void>): Promise<void> {
  const t = await createTestDatabase();
  try {
    await fn(t);
  } finally {
    await t.drop();
  }
}

export interface Desired {
  model: DataCenterModel;
  sources: string[];
}

/**
 * A sample's desired model: project → import → map, the stages the pipeline runs. Import
 * findings that the project resolves (file-based user management with `userStore: mssql`) do not
 * stop it here; a mapping error does.
 */
export async function sampleDesired(sample: string): Promise<Desired> {
  const loaded = await loadProject(path.join(root, 'samples', sample, 'procall-migrate.yaml'), {});
  const project = loaded.project;
  if (!project) throw new Error(`sample ${sample}: project not loaded: ${loaded.diagnostics.map((d) => d.code).join(', ')}`);
  const mapping = project.mappingPath ? await loadHomeServerMapping(project.mappingPath) : { entries: [], diagnostics: [] };
  const imported = await importExports(project.sourcePaths);
  const mapped = mapToDataCenter({ project, exports: imported.exports, mapping: mapping.entries });
  const errors = mapped.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`sample ${sample} did not map: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  return { model: mapped.model, sources: imported.exports.map((e) => e.source) };
}

/** What a test plan records of its inputs: a fixed project, the sources without files, the target's fingerprint. */
export function planMeta(sources: readonly string[], actual: DataCenterModel): PlanOptions['meta'] {
  return {
    toolVersion: TOOL_VERSION,
    project: { path: '/tests/procall-migrate.yaml', sha256: '0'.repeat(64) },
    sources: sources.map((s) => ({ server: s, path: `exports/${s}`, files: [] })),
    targetFingerprint: fingerprintModel(actual),
    diagnostics: [],
  };
}

/** The planner, as the pipeline calls it. */
export function plan(desired: DataCenterModel, actual: DataCenterModel, sources: readonly string[], prune = false): Plan {
  return planChanges(desired, actual, { sources, prune, meta: planMeta(sources, actual) });
}

export function applyOptions(p: Plan, extra: Partial<ApplyOptions> = {}): ApplyOptions {
  return {
    runId: randomUUID(),
    clock,
    operator: 'db-test',
    toolVersion: TOOL_VERSION,
    sourceDigest: sourceDigest(p),
    planDigest: planDigest(p),
    ...extra,
  };
}

/** The model with secrets revealed, catalog columns only (undefined as null), rows sorted: for exact comparisons in tests only. */
export function revealed(model: DataCenterModel): Record<string, Record<string, unknown>[]> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const def of TABLES) {
    out[def.name] = (model[def.name] as unknown as Record<string, unknown>[])
      .map((row) =>
        Object.fromEntries(
          def.columns.map((c) => {
            const v = row[c.name];
            return [c.name, v instanceof Sensitive || v instanceof LicenseKey ? v.reveal() : (v ?? null)];
          }),
        ),
      )
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  }
  return out;
}

/**
 * Splits a DBA script into batches the way sqlcmd does: on `GO` lines of the script as written,
 * `:commands` dropped. sqlcmd recognises GO and `:commands` on the raw lines and puts scripting
 * variables' values in only when it sends a batch (Microsoft's go-sqlcmd: pkg/sqlcmd/batch.go
 * reads commands from the unsubstituted line; sqlcmd.go getRunnableQuery replaces `$(NAME)` in
 * the finished batch, one pass, the value not read again) — see docs/readme-database-tests.md.
 */
export function scriptBatches(script: string): string[] {
  return script
    .split(/^GO[ \t]*$/m)
    .map((b) =>
      b
        .split('\n')
        .filter((l) => !l.startsWith(':'))
        .join('\n')
        .trim(),
    )
    .filter((b) => b !== '' && !/^(--[^\n]*\n?)*$/.test(b));
}

/** `$(NAME)` → the variable's value, one pass (a value holding `$(` is not read again), as sqlcmd does. */
export function substituteVariables(batch: string, variables: ReadonlyMap<string, string>): string {
  return batch.replace(/\$\((\w+)\)/g, (whole, name: string) => {
    const value = variables.get(name);
    if (value === undefined) throw new Error(`'${name}' scripting variable not defined.`);
    return value;
  });
}

/**
 * Runs a DBA script on one connection, batch by batch (inside a test transaction so the session
 * stays the same), as sqlcmd does with `-v` variables: split first, then substitute. With
 * `order: 'substitute-first'` the other order (a client that substitutes before it splits):
 * the script must give the same database either way.
 */
export async function runScript(db: Db, script: string, variables: ReadonlyMap<string, string> = new Map(), order: 'split-first' | 'substitute-first' = 'split-first'): Promise<void> {
  const batches = order === 'split-first' ? scriptBatches(script).map((b) => substituteVariables(b, variables)) : scriptBatches(substituteVariables(script, variables));
  await db.transaction(async (tx) => {
    for (const batch of batches) await tx.execute(batch);
    // The script's SET NOCOUNT ON / NOEXEC stay with the pooled session: leave it as found.
    await tx.execute('SET NOEXEC OFF; SET NOCOUNT OFF;');
  });
}

/** The suite's collation for artifacts made outside a connection (the DBA script). */
export const scriptCollation = (): { collation?: string } => (MSSQL_COLLATION === undefined ? {} : { collation: MSSQL_COLLATION });

export async function migrationRuns(db: Db): Promise<{ RunId: string; Status: string; Error: string | null }[]> {
  return db.query(`SELECT [RunId], [Status], [Error] FROM [dc].[MigrationRun] ORDER BY [StartedAt], [Status];`);
}
