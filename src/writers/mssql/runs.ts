/**
 * The runs recorded in the target (`dc.MigrationRun`) and the row changes one run recorded
 * (`dc.MigrationChange`): what `runs` lists and `undo` plans from.
 */
import type { UndoneChange } from '../../plan/index.js';
import type { Db } from './db.js';
import { findTable } from '../../model/index.js';
import { ledgerExists, parseRow } from './ledger.js';
import { tableIdSql, tableRef } from './sql-names.js';
import type { SqlParams } from './values.js';

type Row = Record<string, unknown>;

/** One dc.MigrationRun row as `runs` and `undo` show it. */
export interface RunInfo {
  runId: string;
  startedAt: Date | null;
  finishedAt: Date | null;
  operator: string;
  status: string;
  /** Rows created, updated, deleted (summed over tables from dc.MigrationRun.Summary). */
  counts: { create: number; update: number; delete: number };
  undoOf: string | null;
  /** The applied run that undid this one. */
  undoneBy: string | null;
  /** dc.MigrationChange rows recorded for it (0 for a run before the ledger or from a DBA script). */
  changes: number;
  error: string | null;
  /** The host the run came from (HOST_NAME() at its announcement); null for runs before announcements. */
  host?: string | null;
}

/**
 * What `runs` shows: Status, except for an announced run that never finished: `running` while it
 * holds the lock (the latest one announced), `interrupted` when its lock is free (its client
 * died; nothing was changed). `lockFree` is the lock's state as read just now.
 */
export function shownStatus(runs: readonly RunInfo[], lockFree: boolean): string[] {
  const latestStarted = runs.reduce((at, r, i) => (r.status === 'started' ? i : at), -1);
  return runs.map((r, i) => (r.status !== 'started' ? r.status : !lockFree && i === latestStarted ? 'running' : 'interrupted'));
}

function countsOf(summary: unknown): RunInfo['counts'] {
  const out = { create: 0, update: 0, delete: 0 };
  try {
    const parsed = JSON.parse(String(summary ?? '{}')) as Record<string, Partial<RunInfo['counts']>>;
    for (const c of Object.values(parsed)) {
      out.create += Number(c?.create ?? 0);
      out.update += Number(c?.update ?? 0);
      out.delete += Number(c?.delete ?? 0);
    }
  } catch {
    // A Summary this tool did not write: counts stay 0.
  }
  return out;
}

const lowerId = (v: unknown): string | null => (v === null || v === undefined ? null : String(v).toLowerCase());

/** Every run recorded in the target, oldest first; `runId` narrows it to one. Empty without dc.MigrationRun. */
export async function listRuns(db: Db, runId?: string): Promise<RunInfo[]> {
  const table = await db.query<{ id: number | null }>(`SELECT ${tableIdSql('MigrationRun')} AS [id];`);
  if (table[0]?.id == null) return [];
  const ledger = await ledgerExists(db);
  const where = runId === undefined ? '' : 'WHERE r.[RunId] = @runId';
  const params: SqlParams = runId === undefined ? {} : { runId: { type: 'uniqueidentifier', value: runId } };
  const extra = ledger
    ? `r.[UndoOf] AS [UndoOf],
  (SELECT MIN(CONVERT(nvarchar(36), u.[RunId])) FROM ${tableRef('MigrationRun')} AS u WHERE u.[UndoOf] = r.[RunId] AND u.[Status] = N'applied') AS [UndoneBy],
  (SELECT COUNT(*) FROM ${tableRef('MigrationChange')} AS c WHERE c.[RunId] = r.[RunId]) AS [Changes]`
    : 'NULL AS [UndoOf], NULL AS [UndoneBy], 0 AS [Changes]';
  const order = ledger ? 'r.[StartedAt], r.[RunSeq], r.[RunId]' : 'r.[StartedAt], r.[RunId]';
  const host = await hasRunColumn(db, 'Host');
  const rows = await db.query<Row>(
    `SELECT ${host ? 'r.[Host]' : 'NULL'} AS [Host], r.[RunId] AS [RunId], r.[StartedAt] AS [StartedAt], r.[FinishedAt] AS [FinishedAt], r.[Operator] AS [Operator], r.[Status] AS [Status], r.[Summary] AS [Summary], r.[Error] AS [Error],
  ${extra}
FROM ${tableRef('MigrationRun')} AS r
${where}
ORDER BY ${order};`,
    params,
  );
  return rows.map((r) => ({
    runId: String(r['RunId']).toLowerCase(),
    startedAt: r['StartedAt'] instanceof Date ? r['StartedAt'] : null,
    finishedAt: r['FinishedAt'] instanceof Date ? r['FinishedAt'] : null,
    operator: String(r['Operator'] ?? ''),
    status: String(r['Status'] ?? ''),
    counts: countsOf(r['Summary']),
    undoOf: lowerId(r['UndoOf']),
    undoneBy: lowerId(r['UndoneBy']),
    changes: Number(r['Changes'] ?? 0),
    error: r['Error'] === null || r['Error'] === undefined ? null : String(r['Error']),
    host: r['Host'] === null || r['Host'] === undefined ? null : String(r['Host']),
  }));
}

/** Whether dc.MigrationRun has the column (names compared in lower case: Babelfish keeps them so). */
async function hasRunColumn(db: Db, name: string): Promise<boolean> {
  const rows = await db.query<{ n: number }>(
    `SELECT COUNT(*) AS [n] FROM sys.columns WHERE [object_id] = ${tableIdSql('MigrationRun')} AND LOWER([name]) = @name;`,
    { name: { type: 'nvarchar(128)', value: name.toLowerCase() } },
  );
  return Number(rows[0]?.n ?? 0) > 0;
}

/** The changes run `runId` recorded, in the order it wrote them (parsed, for the undo planner). */
export async function readRunChanges(db: Db, runId: string): Promise<UndoneChange[]> {
  const rows = await db.query<{ Seq: number; TableName: string; RowKey: string; Action: string; Before: string | null; After: string | null }>(
    `SELECT [Seq], [TableName], [RowKey], [Action], [Before], [After] FROM ${tableRef('MigrationChange')} WHERE [RunId] = @runId ORDER BY [Seq];`,
    { runId: { type: 'uniqueidentifier', value: runId } },
  );
  const out: UndoneChange[] = [];
  for (const r of rows) {
    const def = findTable(r.TableName);
    const action = r.Action.toLowerCase();
    if (!def || (action !== 'create' && action !== 'update' && action !== 'delete')) continue;
    out.push({ seq: Number(r.Seq), table: def.name, rowKey: parseRow(r.RowKey) ?? {}, action, before: parseRow(r.Before), after: parseRow(r.After) });
  }
  return out;
}
