/**
 * A target database behind the CLI seam that answers what plan, migrate and apply ask (schema
 * version 2, the lock, the tables' rows, optionally a migration ledger) and records every write
 * statement. `onTransaction` runs when the apply's transaction opens: an admin's edit made
 * while the prompt waited.
 */
import { TABLES } from '../../src/model/dc-schema.js';
import type { Db } from '../../src/writers/mssql/db.js';
import type { RecordedBaseRow } from '../../src/writers/mssql/ledger.js';

type Row = Record<string, unknown>;

export interface FakeTargetOptions {
  /** Raw database rows per table (`UserAccount`, …): what readActual reads. */
  tables?: Record<string, Row[]>;
  /** A ledger: its hash key and the recorded changes the base is read from. */
  ledger?: { keyHex: string; base: RecordedBaseRow[] };
  onTransaction?: (tables: Record<string, Row[]>) => void;
  /**
   * Answer each write with the rows it would affect in a database that has none of the plan's
   * rows yet (one per statement, one per VALUES row, all staged rows for a statement over a
   * staging table), so that an apply's row checks pass: `migrate` then goes through. Without it
   * every write affects 0 rows (an apply is refused as stale after its first statement).
   */
  affectsAsEmpty?: boolean;
}

export function fakeTarget(opts: FakeTargetOptions = {}): { db: Db; writes: string[]; transactions: () => number } {
  const tables: Record<string, Row[]> = { ...opts.tables };
  const writes: string[] = [];
  let transactions = 0;
  let staged = 0;
  const affected = (sql: string): number => {
    if (!opts.affectsAsEmpty) return 0;
    if (/FROM \[?#/.test(sql)) return staged;
    return /\bVALUES\b/.test(sql) ? (sql.match(/\),\s*\(/g)?.length ?? 0) + 1 : 1;
  };
  const answer = (sql: string): Row[] => {
    if (/sp_getapplock/.test(sql)) return [{ result: 0 }];
    if (/AS \[change\]/.test(sql)) return opts.ledger ? [{ change: 1, key: 2 }] : [{ change: null, key: null }];
    if (/OBJECT_ID\(N'\[dc\]\.\[SchemaInfo\]', N'U'\) AS id/.test(sql)) return [{ id: 1 }];
    if (/MAX\(\[SchemaVersion\]\)/.test(sql)) return [{ v: 2 }];
    if (/sys\.tables/.test(sql)) return TABLES.map((t) => ({ name: t.name }));
    if (/SCHEMA_ID\(N'dc'\) AS id/.test(sql)) return [{ id: 1 }];
    if (/FROM \[dc\]\.\[LedgerKey\]/.test(sql)) return opts.ledger ? [{ KeyHex: opts.ledger.keyHex }] : [];
    if (/COUNT\(\*\) AS n FROM \[dc\]\.\[MigrationRun\]/.test(sql)) return [{ n: 0 }];
    if (/FROM \[dc\]\.\[MigrationChange\] AS c/.test(sql)) return (opts.ledger?.base ?? []) as unknown as Row[];
    const table = /^\s*SELECT [^;]* FROM \[dc\]\.\[(\w+)\] ORDER BY/.exec(sql)?.[1];
    return (table && tables[table]) || [];
  };
  const make = (inTransaction: boolean): Db => ({
    async query<T>(sql: string): Promise<T[]> {
      if (/^\s*(INSERT|UPDATE|DELETE)\b/im.test(sql)) writes.push(sql);
      return answer(sql) as T[];
    },
    async execute(sql: string) {
      writes.push(sql);
      return affected(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      if (inTransaction) return fn(make(true));
      transactions++;
      opts.onTransaction?.(tables);
      return fn(make(true));
    },
    async bulkLoad(table: string, _columns, rows) {
      writes.push(`bulk load ${table}`);
      staged = rows.length;
      return 0;
    },
    // Rows are made (as the real load takes them) and counted, then dropped.
    async bulkInsert(table: string, _columns, rows) {
      writes.push(`bulk load ${table}`);
      let n = 0;
      for (const _ of rows) n++;
      return n;
    },
    async dropTemp() {},
    inTransaction,
    description: 'fake-target:1433/ProCallDC',
    async close() {},
  });
  return { db: make(false), writes, transactions: () => transactions };
}

/** The write statements that touch a DataCenter table's rows (not the lock, DDL or the ledger's run record). */
export function dataWrites(writes: readonly string[]): string[] {
  const names = TABLES.map((t) => t.name).join('|');
  const data = new RegExp(`^\\s*(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+\\[dc\\]\\.\\[(${names})\\]`, 'im');
  return writes.filter((w) => data.test(w) || w.startsWith('bulk load'));
}
