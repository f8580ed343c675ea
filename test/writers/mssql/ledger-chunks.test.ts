/**
 * The ledger's rows go to the database a chunk at a time (issue 14): each chunk bulk-loaded into
 * a staging table and copied into dc.MigrationChange by one INSERT … SELECT for the run, with Seq
 * running on across chunks. Checked here on a recording Db; test/db/ledger.test.ts runs the same
 * against a server.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../src/writers/mssql/db.js';
import { insertLedgerEntries, LEDGER_STAGE, LEDGER_STAGE_COLUMNS, type LedgerEntry } from '../../../src/writers/mssql/ledger.js';

const RUN = '6f1c2a9e-4a3b-4c55-9d11-0123456789ab';

function recordingDb(opts: { lose?: number } = {}) {
  const events: string[] = [];
  const loads: unknown[][][] = [];
  let staged = 0;
  const db: Db = {
    query: async () => [],
    execute: async (sql, params) => {
      events.push(`execute ${sql.includes(`FROM [${LEDGER_STAGE}]`) ? 'copy' : sql} ${JSON.stringify(params)}`);
      return staged - (opts.lose ?? 0);
    },
    transaction: async (fn) => fn(db),
    bulkLoad: async (table, columns, rows) => {
      expect(columns).toBe(LEDGER_STAGE_COLUMNS);
      events.push(`bulk ${table} ${rows.length}`);
      loads.push(rows.map((r) => [...r]));
      staged = rows.length;
      return rows.length;
    },
    dropTemp: async (table) => void events.push(`drop ${table}`),
    inTransaction: true,
    description: 'recording',
    close: async () => {},
  };
  return { db, events, loads };
}

function entry(i: number): LedgerEntry {
  return { table: 'UserAccount', rowKey: { UserName: `user${i}` }, action: 'create', before: null, after: { UserName: `user${i}`, Enabled: true }, base: null };
}

/** 25 entries, counting how many were made when each chunk was loaded. */
function* entries(made: { n: number }): Generator<LedgerEntry> {
  for (let i = 1; i <= 25; i++) {
    made.n = i;
    yield entry(i);
  }
}

describe('ledger rows in chunks', () => {
  it('bulk-loads each chunk, copies it for the run and drops the staging table once', async () => {
    const { db, events, loads } = recordingDb();
    const made = { n: 0 };
    expect(await insertLedgerEntries(db, RUN, entries(made), 10)).toBe(3);
    const copy = `execute copy ${JSON.stringify({ RunId: { type: 'uniqueidentifier', value: RUN } })}`;
    expect(events).toEqual([`bulk ${LEDGER_STAGE} 10`, copy, `bulk ${LEDGER_STAGE} 10`, copy, `bulk ${LEDGER_STAGE} 5`, copy, `drop ${LEDGER_STAGE}`]);
    // Seq runs 1…25 across the chunks, in plan order; the row is JSON as the ledger stores it.
    expect(loads.flat().map((r) => r[0])).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(loads[2]![4]).toEqual([25, 'dc.UserAccount', '{"UserName":"user25"}', 'create', null, '{"UserName":"user25","Enabled":true}', null]);
  });

  it('makes the entries as it goes: one chunk held at a time', async () => {
    const made = { n: 0 };
    const seen: number[] = [];
    const { db } = recordingDb();
    const load = db.bulkLoad.bind(db);
    db.bulkLoad = async (table, columns, rows) => {
      seen.push(made.n);
      return load(table, columns, rows);
    };
    await insertLedgerEntries(db, RUN, entries(made), 10);
    expect(seen).toEqual([10, 20, 25]);
  });

  it('refuses when the database copied fewer rows than were staged', async () => {
    const { db } = recordingDb({ lose: 1 });
    await expect(insertLedgerEntries(db, RUN, entries({ n: 0 }), 10)).rejects.toThrow('the ledger recorded 9 of 10 row changes');
  });

  it('writes nothing for a run without row changes', async () => {
    const { db, events } = recordingDb();
    expect(await insertLedgerEntries(db, RUN, [], 10)).toBe(0);
    expect(events).toEqual([]);
  });
});
