/**
 * The announced, unfinished runs in the run history (`dc.MigrationRun` rows with Status
 * `started`): the runs that died (interrupted) and, while the migration lock is held, the run
 * holding it. The lock names its holder from here and the announcer marks the dead ones; this file
 * imports neither.
 */
import type { Db } from './db.js';
import { tableIdSql, tableRef } from './sql-names.js';

/** An attempt that was announced and never finished (its client died), or the one running now. */
export interface InterruptedRun {
  runId: string;
  startedAt: Date | null;
  operator: string;
  host: string | null;
}

const valueOf = (row: Record<string, unknown>, name: string): unknown => {
  // Babelfish may return catalog-made names in another case than written.
  const key = Object.keys(row).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : row[key];
};

function asAnnounced(row: Record<string, unknown>): InterruptedRun {
  const host = valueOf(row, 'Host');
  const started = valueOf(row, 'StartedAt');
  return {
    runId: String(valueOf(row, 'RunId')).toLowerCase(),
    startedAt: started instanceof Date ? started : null,
    operator: String(valueOf(row, 'Operator') ?? ''),
    host: host === null || host === undefined ? null : String(host),
  };
}

/**
 * The announced, unfinished runs, oldest first (`SELECT *`: a run table without the Host column
 * still reads). Read uncommitted: the holder's write transaction has the row locked on SQL Server.
 */
export async function startedRuns(db: Db): Promise<InterruptedRun[]> {
  const exists = await db.query<{ id: number | null }>(`SELECT ${tableIdSql('MigrationRun')} AS id;`);
  if (exists[0]?.id == null) return [];
  const rows = await db.query<Record<string, unknown>>(
    `SELECT * FROM ${tableRef('MigrationRun')} WITH (NOLOCK) WHERE [Status] = N'started' ORDER BY [StartedAt], [RunId];`,
  );
  return rows.map(asAnnounced);
}

/** The latest announced, unfinished run: while the lock is held, the run holding it. */
export async function findAnnouncedRun(db: Db): Promise<InterruptedRun | undefined> {
  try {
    const runs = await startedRuns(db);
    return runs[runs.length - 1];
  } catch {
    return undefined;
  }
}

/** `run <id>, by <operator>, on <host>, started <when>` (the parts that are known). */
export function describeAnnounced(r: InterruptedRun): string {
  return [`run ${r.runId}`, `by ${r.operator}`, r.host ? `on ${r.host}` : undefined, r.startedAt ? `started ${r.startedAt.toISOString()}` : undefined]
    .filter((p) => p !== undefined)
    .join(', ');
}
