/**
 * The last steps over the whole model: text lengths against the schema catalog, text columns
 * never null, and a deterministic order of every table (by its key) so the same input gives
 * byte-identical output.
 */
import type { DataCenterModel } from '../model/index.js';
import { TABLES } from '../model/index.js';
import { cmp, type MapContext } from './context.js';

function keyText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v).padStart(12, '0');
  return String(v);
}

/** Every text column within its `length`; a longer value is an error naming row and column. */
export function checkTextLengths(ctx: MapContext, model: DataCenterModel): void {
  for (const table of TABLES) {
    const rows = model[table.name] as unknown as Record<string, unknown>[];
    const textColumns = table.columns.filter((c) => c.kind === 'text');
    for (const row of rows) {
      for (const col of textColumns) {
        const v = row[col.name];
        if (v === null || v === undefined) {
          if (!col.nullable) row[col.name] = ''; // text columns are never null except the nullable ones
          continue;
        }
        if (col.length !== undefined && typeof v === 'string' && v.length > col.length) {
          const key = table.key.map((k) => `${k}=${keyText(row[k])}`).join(', ');
          ctx.error('MAP_TEXT_TOO_LONG', `dc.${table.name} (${key}): ${col.name} has ${v.length} characters, the column holds ${col.length}`, {
            ...(typeof row['Origin'] === 'string' && row['Origin'] !== 'project' ? { source: row['Origin'] } : {}),
            hint: 'shorten the value in the source',
            subject: `dc.${table.name}:${key}`,
            params: { table: `dc.${table.name}`, key, column: col.name, length: v.length, max: col.length },
          });
        }
      }
    }
  }
}

/** Sorts every table by its key columns (case-insensitive, then exact); keys computed once per row. */
export function sortModel(model: DataCenterModel): void {
  for (const table of TABLES) {
    const rows = model[table.name] as unknown as Record<string, unknown>[];
    const keyed = rows.map((row) => {
      const exact = table.key.map((k) => keyText(row[k]));
      return { row, lower: exact.map((v) => v.toLowerCase()), exact };
    });
    keyed.sort((a, b) => {
      for (let i = 0; i < a.exact.length; i++) {
        const c = cmp(a.lower[i]!, b.lower[i]!) || cmp(a.exact[i]!, b.exact[i]!);
        if (c !== 0) return c;
      }
      return 0;
    });
    keyed.forEach((k, i) => (rows[i] = k.row));
  }
}
