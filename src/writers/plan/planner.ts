/**
 * planChanges: desired vs actual → Plan. Pure: no clock, no I/O; everything it records about
 * the run (tool version, digests, fingerprint) is passed in.
 */
import { PROJECT_ORIGIN, type DataCenterModel } from '../../model/datacenter.js';
import { qualified, TABLES, type TableDef } from '../../model/dc-schema.js';
import { diag, sortDiagnostics, type Diagnostic } from '../../model/diagnostics.js';
import { PLAN_FORMAT_VERSION, type Plan, type PlanSource, type RowChange } from '../../model/plan.js';
import { diffTable } from './differ.js';
import { plural } from './format.js';
import { summarizeChanges } from './summary.js';

export interface PlanOptions {
  /** This run's source server names (manifest `server`): the Origins this run owns. */
  sources: readonly string[];
  /** Plan deletes of rows of this run's sources that the exports no longer hold. */
  prune: boolean;
  meta: {
    toolVersion: string;
    project: { path: string; sha256: string };
    sources: PlanSource[];
    /** `fingerprintModel(actual)`, computed by the caller. */
    targetFingerprint: string;
    /** Diagnostics of the earlier stages (import, project, map), carried into the plan. */
    diagnostics: readonly Diagnostic[];
  };
}

/** Diffs every table of the catalog; creates/updates in FK order, deletes in reverse. */
export function planChanges(desired: DataCenterModel, actual: DataCenterModel, opts: PlanOptions): Plan {
  const sources = new Set(opts.sources.map((s) => s.toLowerCase()));
  // A project row is never this run's to delete, whatever the caller passed.
  sources.delete(PROJECT_ORIGIN);
  const serverOf = serverAttribution(desired, actual);

  const upserts: RowChange[] = [];
  const deletesPerTable: RowChange[][] = [];
  const diagnostics: Diagnostic[] = [...opts.meta.diagnostics];
  for (const def of TABLES) {
    const diff = diffTable(def, desired[def.name], actual[def.name], {
      sources,
      prune: opts.prune,
      serverOf: serverOf(def),
    });
    upserts.push(...diff.upserts);
    deletesPerTable.push(diff.deletes);
    diagnostics.push(...diff.diagnostics);
    if (diff.keptWithoutPrune > 0) {
      diagnostics.push(
        diag(
          'PLAN_PRUNE_SKIPPED',
          'info',
          `${plural(diff.keptWithoutPrune, 'row')} of ${qualified(def.name)} from this run's sources ${diff.keptWithoutPrune === 1 ? 'is' : 'are'} no longer in the exports and ${diff.keptWithoutPrune === 1 ? 'is' : 'are'} kept.`,
          { path: qualified(def.name), hint: 'Plan with --prune to remove them.' },
        ),
      );
    }
  }
  const changes = [...upserts, ...deletesPerTable.reverse().flat()];

  return {
    formatVersion: PLAN_FORMAT_VERSION,
    toolVersion: opts.meta.toolVersion,
    project: opts.meta.project,
    sources: opts.meta.sources,
    targetFingerprint: opts.meta.targetFingerprint,
    prune: opts.prune,
    diagnostics: sortDiagnostics(diagnostics),
    summary: summarizeChanges(changes),
    changes,
  };
}

type ServerOf = (cells: Record<string, unknown>) => string | undefined;

/**
 * Which server a row belongs to, from the catalog: the Server row itself, a server-scoped
 * setting, a column referencing `Server.Name`, or the home server of the user it references.
 */
function serverAttribution(desired: DataCenterModel, actual: DataCenterModel): (def: TableDef) => ServerOf {
  let userHome: Map<string, string> | undefined;
  const homeOf = (userName: unknown): string | undefined => {
    if (!userHome) {
      userHome = new Map();
      // Desired wins: a user moving servers counts where it goes.
      for (const u of [...actual.UserAccount, ...desired.UserAccount]) userHome.set(u.UserName.toLowerCase(), u.HomeServer);
    }
    return userHome.get(String(userName ?? '').toLowerCase());
  };
  const nonEmpty = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

  return (def) => {
    if (def.name === 'Server') return (cells) => nonEmpty(cells['Name']);
    if (def.name === 'Setting') return (cells) => (cells['Scope'] === 'server' ? nonEmpty(cells['ServerName']) : undefined);
    const serverCol = def.columns.find((c) => c.references === 'Server.Name');
    if (serverCol) return (cells) => nonEmpty(cells[serverCol.name]);
    const userCol = def.columns.find((c) => c.references === 'UserAccount.UserName');
    if (userCol) return (cells) => homeOf(cells[userCol.name]);
    return () => undefined;
  };
}
