/**
 * planChanges: desired vs actual (and, with the ledger, base) → Plan. Pure: no clock, no I/O;
 * everything it records about the run (tool version, digests, fingerprint, base rows) is passed in.
 */
import { PROJECT_ORIGIN, type DataCenterModel } from '../model/index.js';
import { qualified, TABLES, type TableDef } from '../model/index.js';
import { diag, sortDiagnostics, type Diagnostic } from '../model/index.js';
import { PLAN_FORMAT_VERSION, type Plan, type PlanSource, type RowChange } from '../model/index.js';
import type { ProjectDecision, ProjectPositions } from '../project/index.js';
import { withholdOrphans } from './deleted-parents.js';
import { diffTable } from './differ.js';
import { DecisionIndex, type LedgerBase } from './three-way.js';
import { plural } from './render/index.js';
import { summarizeChanges } from './summary.js';
import { pushAll } from '../model/index.js';

export interface PlanOptions {
  /** This run's source server names (manifest `server`): the Origins this run owns. */
  sources: readonly string[];
  /** Plan deletes of rows of this run's sources that the exports no longer hold. */
  prune: boolean;
  /**
   * The ledger's base rows (what the last runs wrote): with it the plan is three-way (ledger.md §2);
   * without it (no target, or a database without the ledger) two-way.
   */
  base?: LedgerBase;
  /** The project's `decisions:` for kept edits and conflicts. */
  decisions?: readonly ProjectDecision[];
  /** Where the project file's values sit: an unused decision is reported at its line. */
  projectPositions?: ProjectPositions;
  /** `--overwrite-admin-edits`: plan desired over every kept edit and conflict. */
  overwriteAdminEdits?: boolean;
  /** Undo only: rows with Origin `project` may be deleted too (the undone run created them). */
  deleteProjectRows?: boolean;
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
  // A project row is never this run's to delete, whatever the caller passed (undo aside: it
  // removes exactly the rows the undone run created).
  if (!opts.deleteProjectRows) sources.delete(PROJECT_ORIGIN);
  const serverOf = serverAttribution(desired, actual);

  const upserts: RowChange[] = [];
  const deletesPerTable: RowChange[][] = [];
  const diagnostics: Diagnostic[] = [...opts.meta.diagnostics];
  const decisions = new DecisionIndex(opts.decisions ?? []);
  const base = opts.base;
  for (const def of TABLES) {
    const diff = diffTable(def, desired[def.name], actual[def.name], {
      sources,
      prune: opts.prune,
      serverOf: serverOf(def),
      ...(base === undefined
        ? {}
        : { threeWay: { base: base.tables[def.name] ?? new Map(), hash: base.hash, decisions, overwrite: opts.overwriteAdminEdits ?? false } }),
    });
    pushAll(upserts, diff.upserts);
    deletesPerTable.push(diff.deletes);
    pushAll(diagnostics, diff.diagnostics);
    if (diff.keptWithoutPrune > 0) {
      diagnostics.push(
        diag(
          'PLAN_PRUNE_SKIPPED',
          'info',
          `${plural(diff.keptWithoutPrune, 'row')} of ${qualified(def.name)} from this run's sources ${diff.keptWithoutPrune === 1 ? 'is' : 'are'} no longer in the exports and ${diff.keptWithoutPrune === 1 ? 'is' : 'are'} kept.`,
          { path: qualified(def.name), hint: 'Plan with --prune to remove them.', subject: qualified(def.name), params: { table: qualified(def.name), count: diff.keptWithoutPrune } },
        ),
      );
    }
    if (diff.withoutBase > 0) {
      diagnostics.push(
        diag(
          'PLAN_NO_BASE',
          'info',
          `${plural(diff.withoutBase, 'row')} of ${qualified(def.name)} ${diff.withoutBase === 1 ? 'has' : 'have'} no entry in the migration ledger (written before the ledger, by a DBA script or by hand) and ${diff.withoutBase === 1 ? 'is' : 'are'} planned two-way: admin edits there cannot be told from source changes.`,
          { path: qualified(def.name), subject: qualified(def.name), params: { table: qualified(def.name), count: diff.withoutBase } },
        ),
      );
    }
  }
  if (base !== undefined) pushAll(diagnostics, decisions.unusedDiagnostics(opts.projectPositions));
  // A new child of a row kept deleted would fail on its foreign key at apply: withheld, said.
  const orphans = base === undefined ? { upserts, diagnostics: [] } : withholdOrphans(upserts);
  pushAll(diagnostics, orphans.diagnostics);
  const changes = [...orphans.upserts, ...deletesPerTable.reverse().flat()];

  return {
    formatVersion: PLAN_FORMAT_VERSION,
    toolVersion: opts.meta.toolVersion,
    project: opts.meta.project,
    sources: opts.meta.sources,
    targetFingerprint: opts.meta.targetFingerprint,
    prune: opts.prune,
    ...(opts.overwriteAdminEdits ? { overwriteAdminEdits: true as const } : {}),
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
