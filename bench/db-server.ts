/**
 * The real server of the db-* stages (issue 21): a fresh database per run on the server named by
 * MSSQL_URL (created here, dropped afterwards), and the generated project's copy whose `target:`
 * points at it. The password travels in an environment variable (`passwordEnv`), as a user's would.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseConnectionString, type ConnectionSettings } from '../src/writers/mssql/connection-string.js';
import { connectUrl } from '../src/writers/mssql/db.js';

/** The variable the project copy's `target.passwordEnv` names. */
export const PASSWORD_ENV = 'PM_BENCH_SQL_PASSWORD';

export interface BenchServer {
  url: string;
  settings: ConnectionSettings;
  /** `target.collation` (MSSQL_COLLATION); absent: the tool's default. */
  collation: string | undefined;
}

/** The server from the environment, or why the db-* stages are skipped. */
export function benchServer(env: NodeJS.ProcessEnv): BenchServer | { skipped: string } {
  const url = env.MSSQL_URL;
  if (!url) return { skipped: 'MSSQL_URL is not set' };
  const settings = parseConnectionString(url);
  if (settings.authentication !== 'sql' || !settings.user) return { skipped: 'MSSQL_URL must name a SQL login (user and password) for the project copy' };
  if (settings.instanceName !== undefined) return { skipped: 'MSSQL_URL names an instance; target: takes a server and a port' };
  return { url, settings, collation: env.MSSQL_COLLATION || undefined };
}

/** A fresh, empty database: `pmbench_<users>u_<stage>_<random>` (the lead's and tests' names never start so). */
export async function createDatabase(server: BenchServer, users: number, stage: string): Promise<string> {
  const name = `pmbench_${users}u_${stage.replace(/\W/g, '_')}_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
  // CREATE/DROP DATABASE cannot run inside a transaction: plain autocommit batches on master.
  await onMaster(server, (db) => db.execute(`CREATE DATABASE [${name}];`));
  return name;
}

export async function dropDatabase(server: BenchServer, name: string): Promise<void> {
  if (!/^pmbench_\w+$/.test(name)) throw new Error(`not a bench database: ${name}`);
  await onMaster(server, async (db) => {
    // SINGLE_USER ends sessions a failed run left open; not every TDS server has it.
    try {
      await db.execute(`IF DB_ID(N'${name}') IS NOT NULL BEGIN ALTER DATABASE [${name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [${name}]; END;`);
    } catch {
      await db.execute(`IF DB_ID(N'${name}') IS NOT NULL DROP DATABASE [${name}];`);
    }
  });
}

async function onMaster(server: BenchServer, fn: (db: Awaited<ReturnType<typeof connectUrl>>) => Promise<unknown>): Promise<void> {
  const db = await connectUrl(server.url, { database: 'master', appName: 'procall-migrate bench' });
  try {
    await fn(db);
  } finally {
    await db.close();
  }
}

/**
 * Writes the generated project's copy with a `target:` naming `database`, beside the original (its
 * sources are relative to that folder), and returns its path and the environment its password
 * needs.
 */
export function projectWithTarget(server: BenchServer, projectFile: string, database: string): { file: string; env: Record<string, string> } {
  const s = server.settings;
  const q = (v: string): string => JSON.stringify(v); // a JSON string is a YAML string
  const target = [
    'target:',
    `  server: ${q(s.server)}`,
    ...(s.port === undefined ? [] : [`  port: ${s.port}`]),
    `  database: ${q(database)}`,
    '  authentication: sql',
    `  user: ${q(s.user ?? '')}`,
    `  passwordEnv: ${PASSWORD_ENV}`,
    `  encrypt: ${s.encrypt}`,
    `  trustServerCertificate: ${s.trustServerCertificate}`,
    ...(server.collation === undefined ? [] : [`  collation: ${q(server.collation)}`]),
    '  bulkBatchRows: 10000',
  ].join('\n');
  const file = path.join(path.dirname(projectFile), 'procall-migrate.bench-db.yaml');
  writeFileSync(file, `${readFileSync(projectFile, 'utf8').replace(/\n*$/, '\n')}${target}\n`);
  return { file, env: { [PASSWORD_ENV]: s.password?.reveal() ?? '' } };
}
