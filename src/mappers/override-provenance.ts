/**
 * An overridden value's provenance is the project line that decided it (`procall-migrate.yaml:42`),
 * besides the export element it was read from: added to the mapped row after mapping, so the
 * mapper itself needs no knowledge of overrides (`plan --explain` and the saved plan show it).
 */
import type { DataCenterModel } from '../model/index.js';
import type { Provenance } from '../model/index.js';
import type { RowProvenance, RowProvenanceIndex } from './provenance.js';
import type { AppliedOverride } from '../project/index.js';

const same = (a: unknown, b: unknown): boolean => (typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b);

export function addOverrideProvenance(model: DataCenterModel, index: RowProvenanceIndex | undefined, applied: readonly AppliedOverride[]): void {
  if (index === undefined) return;
  const byRow = index as Map<object, RowProvenance>;
  for (const o of applied) {
    if (o.row === undefined || o.file === undefined || o.line === undefined) continue;
    const rows = (model as unknown as Record<string, Record<string, unknown>[] | undefined>)[o.row.table] ?? [];
    const key = Object.entries(o.row.key);
    const row = rows.find((r) => key.every(([k, v]) => same(r[k], v)));
    if (row === undefined) continue;
    const entry: Provenance = { source: 'project', file: o.file, line: o.line, column: o.column ?? 1 };
    const prev = byRow.get(row);
    byRow.set(row, prev === undefined ? entry : Array.isArray(prev) ? [...(prev as readonly Provenance[]), entry] : [prev as Provenance, entry]);
  }
}
