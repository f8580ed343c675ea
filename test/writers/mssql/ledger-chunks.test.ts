/**
 * The ledger's rows go straight into dc.MigrationChange by bulk load (issue 21), made as the load
 * takes them: the Db pulls a batch at a time, so a run's ledger rows are never all in memory
 * (issue 14). Checked here on a recording Db that pulls like the real one; test/db/ledger.test.ts
 * runs the same against a server.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../src/writers/mssql/db.js';
import { insertLedgerEntries, LEDGER_COLUMNS, type LedgerEntry } from '../../../src/writers/mssql/ledger.js';

const RUN = '6f1c2a9e-4a3b-4c55-9d11-0123456789ab';

/** A Db whose bulkInsert takes rows in batches of `batch`, as MssqlDb does, noting each batch. */
function recordingDb(made: { n: number }, opts: { lose?: number; batch?: number } = {}) {
  const events: string[] = [];
  const batches: unknown[][][] = [];
  const madeAtBatch: number[] = [];
  const db: Db = {
    query: async () => [],
    execute: async (sql) => {
      events.push(`execute ${sql}`);
      return 0;
    },
    transaction: async (fn) => fn(db),
    bulkLoad: async (table) => {
      events.push(`bulkLoad ${table}`);
      return 0;
    },
    bulkInsert: async (table, columns, rows) => {
      expect(columns).toBe(LEDGER_COLUMNS);
      let current: unknown[][] = [];
      const flush = () => {
        events.push(`bulkInsert ${table} ${current.length}`);
        madeAtBatch.push(made.n);
        batches.push(current);
        current = [];
      };
      for (const row of rows) {
        current.push([...row]);
        if (current.length === (opts.batch ?? 10)) flush();
      }
      if (current.length > 0) flush();
      return batches.flat().length - (opts.lose ?? 0);
    },
    dropTemp: async (table) => void events.push(`drop ${table}`),
    inTransaction: true,
    description: 'recording',
    close: async () => {},
  };
  return { db, events, batches, madeAtBatch };
}

function entry(i: number): LedgerEntry {
  return { table: 'UserAccount', rowKey: { UserName: `user${i}` }, action: 'create', before: null, after: { UserName: `user${i}`, Enabled: true }, base: null };
}

/** 25 entries, counting how many were made. */
function* entries(made: { n: number }): Generator<LedgerEntry> {
  for (let i = 1; i <= 25; i++) {
    made.n = i;
    yield entry(i);
  }
}

describe('ledger rows by bulk load', () => {
  it('loads every row of the run straight into dc.MigrationChange, Seq 1… in plan order', async () => {
    const made = { n: 0 };
    const { db, events, batches } = recordingDb(made);
    expect(await insertLedgerEntries(db, RUN, entries(made))).toBe(25);
    // One load, no staging table, no copy.
    expect(events).toEqual(['bulkInsert [dc].[MigrationChange] 10', 'bulkInsert [dc].[MigrationChange] 10', 'bulkInsert [dc].[MigrationChange] 5']);
    const rows = batches.flat();
    expect(rows.map((r) => r[1])).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(rows.every((r) => r[0] === RUN)).toBe(true);
    expect(rows[24]).toEqual([RUN, 25, 'dc.UserAccount', '{"UserName":"user25"}', 'create', null, '{"UserName":"user25","Enabled":true}', null]);
  });

  it('makes the entries as the load takes them: one batch held at a time', async () => {
    const made = { n: 0 };
    const { db, madeAtBatch } = recordingDb(made);
    await insertLedgerEntries(db, RUN, entries(made));
    expect(madeAtBatch).toEqual([10, 20, 25]);
  });

  it('refuses when the database took fewer rows than the run made', async () => {
    const made = { n: 0 };
    const { db } = recordingDb(made, { lose: 1 });
    await expect(insertLedgerEntries(db, RUN, entries(made))).rejects.toThrow('the ledger recorded 24 of 25 row changes');
  });

  it('writes nothing for a run without row changes', async () => {
    const { db, events } = recordingDb({ n: 0 });
    expect(await insertLedgerEntries(db, RUN, [])).toBe(0);
    expect(events).toEqual([]);
  });
});
