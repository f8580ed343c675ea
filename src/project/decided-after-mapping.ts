/**
 * Mapping findings the project file decides (docs/decide.md), restated as notes naming the
 * decision, as `decidedByProject` does for import findings: `licences: { addLater: true }` — the
 * licences are entered in the DataCenter administration after the migration — turns
 * MAP_NO_USER_LICENSE into a note. The finding stays in the plan and the report, so the
 * customer still reads that the licences are missing.
 */
import type { Diagnostic } from '../model/index.js';
import type { Project } from './schema.js';

export function decidedAfterMapping<D extends Diagnostic>(d: D, project: Project): D {
  if (d.code === 'MAP_NO_USER_LICENSE' && d.severity === 'error' && project.licences?.addLater === true) {
    return { ...d, severity: 'info', message: `${d.message}; the project decides it (licences.addLater): the licences are entered in the DataCenter administration after the migration, before clients connect` };
  }
  return d;
}
