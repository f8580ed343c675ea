/**
 * The migration ledger in the database (ledger.md): the per-database hash key, the base rows the
 * next plan compares against, and recording one `dc.MigrationChange` per row change of an apply,
 * in the apply's transaction. JSON is built here (never FOR JSON); rows go in by bulk load.
 */
import { randomBytes } from 'node:crypto';
import type { TableName } from '../../model/index.js';
import { TABLES, findTable, qualified, tableDef, type TableDef } from '../../model/index.js';
import { MigrateError } from '../../model/index.js';
import type { Plan, RowChange } from '../../model/index.js';
import {
  isHash,
  ledgerCell,
  ledgerHasher,
  ledgerKey,
  ledgerKeyId,
  ledgerRow,
  type LedgerCell,
  type LedgerRow,
  type SecretHasher,
} from '../../plan/index.js';
import type { BaseRow, LedgerBase } from '../../plan/index.js';
import { readSchemaVersion } from './bootstrap.js';
import type { Db, TempColumn } from './db.js';
import { quoteIdent, tableRef as ledgerRef, tableIdSql as ledgerTableIdSql } from './sql-names.js';
import { rowFromDb, selectTableSql } from './read.js';

type Row = Record<string, unknown>;

/** Whether the ledger's tables exist (SchemaVersion 2 bootstrapped). */
export async function ledgerExists(db: Db): Promise<boolean> {
  const rows = await db.query<{ change: number | null; key: number | null }>(
    `SELECT ${ledgerTableIdSql('MigrationChange')} AS [change], ${ledgerTableIdSql('LedgerKey')} AS [key];`,
  );
  return rows[0]?.change != null && rows[0]?.key != null;
}

/** The database's hash key, or undefined before the first apply with the ledger. */
export async function readLedgerKey(db: Db): Promise<string | undefined> {
  const rows = await db.query<{ KeyHex: string }>(`SELECT [KeyHex] FROM ${ledgerRef('LedgerKey')} WHERE [Id] = 1;`);
  const key = rows[0]?.KeyHex?.trim();
  return key && /^[0-9a-f]{64}$/i.test(key) ? key.toLowerCase() : undefined;
}

/** Makes the key when there is none (inside the apply's transaction, under the lock) and returns it. */
export async function ensureLedgerKey(tx: Db, now: Date, newKey: () => string = () => randomBytes(32).toString('hex')): Promise<string> {
  const existing = await readLedgerKey(tx);
  if (existing) return existing;
  await tx.execute(
    `INSERT INTO ${ledgerRef('LedgerKey')} ([Id], [KeyHex], [CreatedAt]) SELECT 1, @key, @now WHERE NOT EXISTS (SELECT 1 FROM ${ledgerRef('LedgerKey')});`,
    { key: { type: 'char(64)', value: newKey() }, now: { type: 'datetime2', value: now } },
  );
  const made = await readLedgerKey(tx);
  if (!made) throw new Error('the ledger key could not be stored');
  return made;
}

// A hasher that is never used for a real comparison: a ledger without rows has no base.
const NO_KEY = '0'.repeat(64);

/**
 * The base rows for the next plan: per row, the After (or Base) of its latest change of an applied
 * run that was not undone (ordered by RunSeq, then Seq). Undo runs restore an earlier state and are
 * no base themselves: after an undo the base is what it was before the undone run.
 * Undefined for a database the tool never seeded (plan two-way, silently); an empty base for a
 * seeded database without ledger rows (every row planned two-way, said per table).
 */
export async function readLedgerBase(db: Db): Promise<LedgerBase | undefined> {
  try {
    return await readBase(db);
  } catch (error) {
    if (error instanceof MigrateError) throw error;
    throw new MigrateError('DB_QUERY_FAILED', `reading the migration ledger of ${db.description} failed: ${(error as Error).message ?? String(error)}`, { cause: error });
  }
}

async function readBase(db: Db): Promise<LedgerBase | undefined> {
  if ((await readSchemaVersion(db)) === 0) return undefined;
  if (!(await ledgerExists(db))) return { hash: ledgerHasher(NO_KEY), tables: {} };
  const key = await readLedgerKey(db);
  if (!key) return { hash: ledgerHasher(NO_KEY), tables: {} };
  if (await writtenWithoutLedgerSince(db)) return { hash: ledgerHasher(key), tables: {} };
  const rows = await db.query<RecordedBaseRow>(
    `SELECT c.[TableName] AS [TableName], c.[RowKey] AS [RowKey], c.[Action] AS [Action], COALESCE(c.[Base], c.[After]) AS [Cells], r.[RunId] AS [RunId]
FROM ${ledgerRef('MigrationChange')} AS c
INNER JOIN ${ledgerRef('MigrationRun')} AS r ON r.[RunId] = c.[RunId]
WHERE r.[Status] = N'applied' AND r.[UndoOf] IS NULL
  AND NOT EXISTS (SELECT 1 FROM ${ledgerRef('MigrationRun')} AS u WHERE u.[UndoOf] = r.[RunId] AND u.[Status] = N'applied')
ORDER BY r.[RunSeq], c.[Seq];`,
  );
  return baseFromRecorded(rows, ledgerHasher(key));
}

/**
 * Whether a run recorded no ledger rows after the latest run that did (a DBA script: it records
 * its run, not its rows). Its writes would look like admin edits against the older base, so every
 * row is planned two-way instead (the plan says so per table), as before the ledger.
 */
async function writtenWithoutLedgerSince(db: Db): Promise<boolean> {
  const found = await db.query<{ n: number }>(
    `SELECT COUNT(*) AS n FROM ${ledgerRef('MigrationRun')} AS s
WHERE s.[Status] = N'applied' AND s.[RunSeq] IS NULL
  AND NOT EXISTS (SELECT 1 FROM ${ledgerRef('MigrationChange')} AS c WHERE c.[RunId] = s.[RunId])
  AND s.[StartedAt] > (SELECT MAX(r.[StartedAt]) FROM ${ledgerRef('MigrationRun')} AS r WHERE r.[Status] = N'applied' AND r.[RunSeq] IS NOT NULL);`,
  );
  return Number(found[0]?.n ?? 0) > 0;
}

/** One recorded change as the base query returns it (`Cells` = COALESCE(Base, After)). */
export interface RecordedBaseRow {
  TableName: string;
  RowKey: string;
  Action: string;
  Cells: string | null;
  RunId: string;
}

/** The base from recorded changes in applied order: per row the latest wins; a delete leaves no base. */
export function baseFromRecorded(rows: readonly RecordedBaseRow[], hash: SecretHasher): LedgerBase {
  const base: LedgerBase = { hash, tables: {} };
  for (const row of rows) {
    const def = findTable(row.TableName);
    if (!def) continue;
    const map = (base.tables[def.name] ??= new Map<string, BaseRow | null>());
    const id = ledgerKeyId(def, parseRow(row.RowKey) ?? {});
    const cells = row.Action === 'delete' ? null : parseRow(row.Cells);
    map.set(id, cells ? { runId: String(row.RunId).toLowerCase(), cells } : null);
  }
  return base;
}


export function parseRow(json: string | null | undefined): LedgerRow | null {
  if (json === null || json === undefined || json === '') return null;
  const value = JSON.parse(json) as unknown;
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as LedgerRow) : null;
}

/** One dc.MigrationChange row, in ledger form. */
export interface LedgerEntry {
  table: TableName;
  rowKey: LedgerRow;
  action: 'create' | 'update' | 'delete';
  before: LedgerRow | null;
  after: LedgerRow | null;
  /** The next plan's base when it differs from After (columns kept for an admin edit). */
  base: LedgerRow | null;
}

/**
 * The rows (by ledger key id) of every table the plan updates or deletes, read before writing.
 * With `deletesAsPlanned` (the target was checked to be what the plan was made against) a table
 * the plan only deletes from is not read: each delete's before-image in the plan is the row (an
 * undo of 100,000 users held the target twice for it).
 */
export async function readRowsBefore(
  tx: Db,
  changes: readonly RowChange[],
  hash: SecretHasher,
  opts: { deletesAsPlanned?: boolean } = {},
): Promise<Map<TableName, Map<string, Row>>> {
  const needed = (c: RowChange): boolean => c.action === 'update' || (c.action === 'delete' && !(opts.deletesAsPlanned && c.before));
  const tables = new Set(changes.filter(needed).map((c) => c.table));
  const out = new Map<TableName, Map<string, Row>>();
  for (const name of tables) {
    const def = tableDef(name);
    const rows = await tx.query<Row>(selectTableSql(def));
    const byKey = new Map<string, Row>();
    for (const raw of rows) {
      const cells = rowFromDb(def, raw);
      byKey.set(ledgerKeyId(def, ledgerKey(def, cells, hash)), cells);
    }
    out.set(name, byKey);
  }
  return out;
}

/**
 * The ledger entries of a plan's row changes, in plan order. `before` holds the rows as read in
 * the transaction before anything was written; a row's kept admin edits (a `kept` change of the
 * same row) keep their earlier base in `base`.
 */
export function ledgerEntries(plan: Pick<Plan, 'changes'>, before: ReadonlyMap<TableName, ReadonlyMap<string, Row>>, hash: SecretHasher): LedgerEntry[] {
  return [...eachLedgerEntry(plan, before, hash)];
}

/**
 * The entries of {@link ledgerEntries} one at a time, for the apply: at 50,000 users a plan has
 * 200,000 row changes, and built all at once their ledger rows held about 150 MB at the peak of
 * `migrate`; the apply writes them a chunk at a time.
 */
export function* eachLedgerEntry(plan: Pick<Plan, 'changes'>, before: ReadonlyMap<TableName, ReadonlyMap<string, Row>>, hash: SecretHasher): Generator<LedgerEntry> {
  const keptBase = new Map<string, Record<string, LedgerCell>>();
  for (const c of plan.changes) {
    if (c.action !== 'kept' || !c.kept) continue;
    const def = tableDef(c.table);
    const cols: Record<string, LedgerCell> = {};
    for (const [name, k] of Object.entries(c.kept)) {
      const col = def.columns.find((x) => x.name === name);
      if (col) cols[name] = ledgerCell(col, k.base, hash);
    }
    keptBase.set(`${c.table}\u0001${ledgerKeyId(def, ledgerKey(def, c.key, hash))}`, cols);
  }
  for (const c of plan.changes) {
    if (c.action === 'kept') continue;
    const def = tableDef(c.table);
    const rowKey = ledgerKey(def, c.key, hash);
    const id = ledgerKeyId(def, rowKey);
    switch (c.action) {
      case 'create':
        yield { table: c.table, rowKey, action: 'create', before: null, after: ledgerRow(def, c.after ?? {}, hash), base: null };
        break;
      case 'delete': {
        const old = before.get(c.table)?.get(id) ?? c.before ?? {};
        yield { table: c.table, rowKey, action: 'delete', before: ledgerRow(def, old, hash), after: null, base: null };
        break;
      }
      case 'update': {
        const fromChanges: Row = { ...c.key };
        for (const [name, fc] of Object.entries(c.changes ?? {})) fromChanges[name] = fc.from;
        const old = before.get(c.table)?.get(id) ?? fromChanges;
        const written: Row = { ...old };
        for (const [name, fc] of Object.entries(c.changes ?? {})) written[name] = fc.to;
        const after = ledgerRow(def, written, hash);
        const kept = keptBase.get(`${c.table}\u0001${id}`);
        const previous = hashedLikeAfter(def, ledgerRow(def, old, hash), after, hash);
        yield { table: c.table, rowKey, action: 'update', before: previous, after, base: kept ? { ...after, ...kept } : null };
        break;
      }
      default: {
        const _exhaustive: never = c.action;
        return _exhaustive;
      }
    }
  }
}

/**
 * A setting that becomes `secret` in this update (Type text → secret) may keep its text as the
 * new secret: then the Before must not hold that text in plain either. Where After holds a keyed
 * hash and Before the plain text with that very hash, Before gets the hash (undo leaves it, as
 * any secret). An earlier text that differs from the new secret stays restorable.
 */
export function hashedLikeAfter(def: TableDef, before: LedgerRow, after: LedgerRow, hash: SecretHasher): LedgerRow {
  const out: LedgerRow = { ...before };
  for (const col of def.columns) {
    const b = out[col.name];
    const a = after[col.name];
    if (col.kind === 'secretOrText' && isHash(a) && typeof b === 'string' && !isHash(b) && hash(b) === a) out[col.name] = a;
  }
  return out;
}

/** dc.MigrationChange's columns, as the apply bulk-loads them. */
export const LEDGER_COLUMNS: readonly TempColumn[] = [
  { name: 'RunId', sqlType: 'uniqueidentifier', nullable: false },
  { name: 'Seq', sqlType: 'int', nullable: false },
  { name: 'TableName', sqlType: 'nvarchar(128)', nullable: false },
  { name: 'RowKey', sqlType: 'nvarchar(max)', nullable: false },
  { name: 'Action', sqlType: 'nvarchar(16)', nullable: false },
  { name: 'Before', sqlType: 'nvarchar(max)', nullable: true },
  { name: 'After', sqlType: 'nvarchar(max)', nullable: true },
  { name: 'Base', sqlType: 'nvarchar(max)', nullable: true },
];

const json = (row: LedgerRow | null): string | null => (row === null ? null : JSON.stringify(row));

/**
 * Inserts the entries as dc.MigrationChange rows of `runId` (Seq 1, 2, … in plan order), bulk-loaded
 * straight into the table: at 50,000 users a run records 200,000 row changes, and staging them
 * first and copying them with INSERT … SELECT wrote each twice (12 of 25 seconds of the apply on a
 * TDS server). The entries are made as the load takes them (a batch of `bulkBatchRows` at a time),
 * so a run's ledger rows are never all in memory. Returns the number of rows recorded.
 */
export async function insertLedgerEntries(tx: Db, runId: string, entries: Iterable<LedgerEntry>, onBatch?: (loaded: number) => void): Promise<number> {
  let expected = 0;
  const rows = (function* () {
    for (const e of entries) {
      expected++;
      yield [runId, expected, qualified(e.table), JSON.stringify(e.rowKey), e.action, json(e.before), json(e.after), json(e.base)];
    }
  })();
  const inserted = await tx.bulkInsert(ledgerRef('MigrationChange'), LEDGER_COLUMNS, rows, onBatch);
  if (inserted !== expected) throw new Error(`the ledger recorded ${inserted} of ${expected} row changes`);
  return inserted;
}

/** Gives the run its place in the order of applied runs (under the lock) and its UndoOf. */
export async function markRun(tx: Db, runId: string, undoOf: string | undefined): Promise<number> {
  const next = await tx.query<{ n: number | string | null }>(`SELECT ISNULL(MAX([RunSeq]), 0) + 1 AS [n] FROM ${ledgerRef('MigrationRun')};`);
  const seq = Number(next[0]?.n ?? 1);
  await tx.execute(`UPDATE ${ledgerRef('MigrationRun')} SET [RunSeq] = @seq, [UndoOf] = @undoOf WHERE [RunId] = @runId;`, {
    seq: { type: 'bigint', value: seq },
    undoOf: { type: 'uniqueidentifier', value: undoOf ?? null },
    runId: { type: 'uniqueidentifier', value: runId },
  });
  return seq;
}

