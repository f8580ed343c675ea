/**
 * A Db wrapper that records every statement it passes on (for tests and for `--dry-run` checks:
 * "no write statement was sent"). It wraps a real Db; it is not a database.
 */
import type { Db, QueryParams, TempColumn } from './db.js';

export interface RecordedStatement {
  kind: 'query' | 'execute' | 'bulkLoad' | 'dropTemp' | 'begin' | 'commit' | 'rollback';
  sql: string;
  params?: QueryParams;
  rows?: number;
}

/** Statements that change data or schema (anything but SELECT / sp_getapplock reads). */
export function isWrite(s: RecordedStatement): boolean {
  if (s.kind === 'bulkLoad' || s.kind === 'dropTemp') return true;
  if (s.kind !== 'query' && s.kind !== 'execute') return false;
  return /\b(INSERT|UPDATE|DELETE|MERGE|CREATE|ALTER|DROP|TRUNCATE|EXEC\s*\(\s*N?'CREATE)\b/i.test(s.sql);
}

export function recordingDb(inner: Db, log: RecordedStatement[] = []): { db: Db; statements: RecordedStatement[] } {
  const wrap = (db: Db): Db => ({
    get inTransaction() {
      return db.inTransaction;
    },
    get description() {
      return db.description;
    },
    query<T>(sql: string, params?: QueryParams): Promise<T[]> {
      log.push(params === undefined ? { kind: 'query', sql } : { kind: 'query', sql, params });
      return db.query<T>(sql, params);
    },
    execute(sql: string, params?: QueryParams): Promise<number> {
      log.push(params === undefined ? { kind: 'execute', sql } : { kind: 'execute', sql, params });
      return db.execute(sql, params);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      log.push({ kind: 'begin', sql: 'BEGIN TRANSACTION' });
      try {
        const result = await db.transaction((tx) => fn(wrap(tx)));
        log.push({ kind: 'commit', sql: 'COMMIT' });
        return result;
      } catch (error) {
        log.push({ kind: 'rollback', sql: 'ROLLBACK' });
        throw error;
      }
    },
    bulkLoad(tempTable: string, columns: readonly TempColumn[], rows: readonly (readonly unknown[])[]): Promise<number> {
      log.push({ kind: 'bulkLoad', sql: tempTable, rows: rows.length });
      return db.bulkLoad(tempTable, columns, rows);
    },
    dropTemp(tempTable: string): Promise<void> {
      log.push({ kind: 'dropTemp', sql: tempTable });
      return db.dropTemp(tempTable);
    },
    close(): Promise<void> {
      return db.close();
    },
  });
  return { db: wrap(inner), statements: log };
}
