/** Calls the CLI's `run()` in-process with captured streams and an optional database seam. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli/program.js';
import type { CliIO } from '../../src/cli/io.js';
import type { Db } from '../../src/writers/mssql/db.js';
import { REPO_ROOT } from '../samples/expected.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], io: Partial<CliIO> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    cwd: REPO_ROOT,
    env: {},
    isTTY: false,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    ...io,
  });
  return { code, stdout, stderr };
}

export function tempDir(prefix = 'pm-cli-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/**
 * A database seam that records every statement and refuses anything but a read: a dry run that
 * tried to write would fail loudly here. Reads return no rows (an empty target).
 */
export function recordingSeam(
  /** Rows the target holds, per table (`Server`, …); absent: a database without the dc schema. */
  tables?: Record<string, Record<string, unknown>[]>,
): { db: Db; statements: string[]; writes: string[]; closed: () => boolean } {
  const statements: string[] = [];
  const writes: string[] = [];
  let closed = false;
  const isRead = (sql: string) => /^\s*(SELECT|WITH)\b/i.test(sql.replace(/^\s*(--[^\n]*\n\s*)*/g, ''));
  const check = (sql: string) => {
    statements.push(sql);
    if (!isRead(sql)) {
      writes.push(sql);
      throw new Error(`write statement reached the seam during a read-only run: ${sql.slice(0, 80)}`);
    }
  };
  const db: Db = {
    async query<T>(sql: string): Promise<T[]> {
      check(sql);
      return (tables ? targetRows(tables, sql) : []) as T[];
    },
    async execute(sql: string) {
      check(sql);
      return 0;
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      writes.push('BEGIN TRANSACTION');
      throw new Error('transaction opened during a read-only run');
      return fn(db);
    },
    async bulkLoad(table: string) {
      writes.push(`bulk load ${table}`);
      throw new Error('bulk load during a read-only run');
    },
    async bulkInsert(table: string) {
      writes.push(`bulk load ${table}`);
      throw new Error('bulk load during a read-only run');
    },
    async dropTemp(table: string) {
      writes.push(`drop ${table}`);
    },
    inTransaction: false,
    description: 'recording-seam:1433/ProCallDC',
    async close() {
      closed = true;
    },
  };
  return { db, statements, writes, closed: () => closed };
}

/** What readActual's queries get from a seeded target holding `tables`. */
function targetRows(tables: Record<string, Record<string, unknown>[]>, sql: string): Record<string, unknown>[] {
  if (/SCHEMA_ID\(N'dc'\) AS id/.test(sql) && !/sys\.tables/.test(sql)) return [{ id: 1 }];
  if (/OBJECT_ID\(/.test(sql)) return [{ id: null }];
  if (/sys\.tables/.test(sql)) return Object.keys(tables).map((name) => ({ name }));
  const table = /FROM \[dc\]\.\[(\w+)\]/.exec(sql)?.[1];
  return (table && tables[table]) || [];
}

/** A copy of a sample's project file in a temp dir, sources made absolute, with extra YAML appended. */
export function sampleProjectWith(sample: string, extraYaml: string): string {
  const dir = tempDir();
  const sampleDir = path.join(REPO_ROOT, 'samples', sample);
  const text = readFileSync(path.join(sampleDir, 'procall-migrate.yaml'), 'utf8').replace(
    /^(\s*-\s+)(exports\/\S+)/gm,
    (_m, lead: string, rel: string) => `${lead}${JSON.stringify(path.join(sampleDir, rel))}`,
  ).replace(/^(\s*mapping:\s*)(\S+)/m, (_m, lead: string, rel: string) => `${lead}${JSON.stringify(path.join(sampleDir, rel))}`);
  const file = path.join(dir, 'procall-migrate.yaml');
  writeFileSync(file, `${text}\n${extraYaml}\n`);
  return file;
}

/** A project's `target:` for the CLI tests (a recording seam or fake target answers for it), and its password. */
export const TEST_TARGET = `target:
  server: sql-dc.alpen-handel.local
  database: ProCallDC
  authentication: sql
  user: migrator
  passwordEnv: PM_TEST_SQL_PASSWORD`;
export const TEST_TARGET_ENV: Record<string, string> = { PM_TEST_SQL_PASSWORD: 'x' };
