/**
 * The whole flow in one screen: project → import → read target → map → plan → (apply). The target
 * is read before mapping because a migration wave places its users next to the ones earlier
 * waves left there (balance and maxUsers count them); reading is all a dry run does to it.
 * Every step runs through a StepRunner (the CLI draws progress with it; tests pass none), the
 * database is reached only through the injected `connect`, and nothing here renders text.
 */
import { randomUUID } from 'node:crypto';
import { dirname, relative, sep } from 'node:path';
import { importExports } from './importers/index.js';
import { atProjectSource, renormalizeNumbers } from './importers/index.js';
import { loadProject, type LoadProjectResult } from './project/index.js';
import { loadHomeServerMapping } from './project/index.js';
import { existingLoad, mapToDataCenter } from './mappers/index.js';
import type { MapResult } from './mappers/index.js';
import { emptyModel, type DataCenterModel } from './model/index.js';
import { MigrateError } from './model/index.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from './model/index.js';
import { applyAccepts } from './project/index.js';
import { isUnsetSecret } from './model/index.js';
import { IMPORT_CODES } from './importers/index.js';
import { MAP_CODES } from './mappers/index.js';
import { PROJECT_CODES } from './project/index.js';
import { PLAN_CODES } from './plan/index.js';
import { DB_CODES } from './writers/mssql/index.js';
import { pushAll } from './model/index.js';

/** Every diagnostic code, so an `accept:` entry with a misspelt code is told the right one. */
const KNOWN_CODES: readonly string[] = [IMPORT_CODES, MAP_CODES, PROJECT_CODES, PLAN_CODES, DB_CODES].flatMap((table) => Object.keys(table));
import { decideImportFinding } from './project/index.js';
import type { ImportResult, ProgressFn } from './model/index.js';
import type { Plan, PlanSource } from './model/index.js';
import type { MappingEntry, Project } from './project/index.js';
import { planChanges } from './plan/index.js';
import { withProvenance } from './plan/index.js';
import { hasChangesToWrite } from './plan/index.js';
import { fingerprintModel, planDigest, sourceDigest } from './plan/index.js';
import { applyPlan, connect as mssqlConnect, readActual, type ApplyResult, type Db, type TargetCheck } from './writers/mssql/index.js';
import { readLedgerBase } from './writers/mssql/index.js';
import { attachDecisions } from './project/index.js';
import { projectDocument, type DecideContext } from './project/index.js';
import { applyOverrides, type AppliedOverride } from './project/index.js';
import { addOverrideProvenance } from './mappers/index.js';
import { draftProject } from './project/index.js';
import { applyExclusions } from './project/index.js';
import { decidedAfterMapping } from './project/index.js';

/** Runs one named step; `onProgress` reports inside it. Default: just run it. */
export type StepRunner = <T>(title: string, fn: (onProgress: ProgressFn) => Promise<T>) => Promise<T>;
export const runQuietly: StepRunner = (_title, fn) => fn(() => {});

export type TargetConfig = NonNullable<Project['target']>;
/** Opens the target database (the seam). Tests pass a recording one. */
export type Connect = (target: TargetConfig, env: Record<string, string | undefined>) => Promise<Db>;

export interface PipelineOptions {
  projectFile: string;
  env: Record<string, string | undefined>;
  step?: StepRunner;
  connect?: Connect;
  prune?: boolean;
  /** Plan against an empty database even when the project names a target; never connect (`--no-target`). */
  noTarget?: boolean;
  /** Warnings refuse like errors. */
  strict?: boolean;
  /**
   * `report --draft`: map whatever the project holds, past its errors (a project the loader
   * refuses is read leniently, src/project/draft-project.ts); the result is still `refused`.
   */
  draft?: boolean;
  /** `--overwrite-admin-edits`: plan the sources' values over admin edits in DataCenter (ledger.md §2). */
  overwriteAdminEdits?: boolean;
  /**
   * Import these exports instead of the project's `sources:` (absolute paths, same order): `apply`
   * passes the saved plan's, found relative to the plan file, when the project moved on its own.
   */
  sourcePaths?: string[];
  /** Called after the import, before the target is reached: `apply` checks the saved plan's digests offline here (throw to stop). */
  checkSources?: (imported: ImportResult) => void | Promise<void>;
  /** Called with the plan when there is something to apply; resolve true to apply it. Absent: never apply. */
  confirmApply?: (plan: Plan) => Promise<boolean>;
  now?: () => Date;
  /**
   * Only the plan is wanted (`plan`): the imported exports are let go once mapped, before the
   * plan is made, and the result has no `imported` (at 50,000 users about 90 MB less at the peak);
   * once planned, the mapped model and its provenance index go too (`mapped.model` is empty).
   */
  releaseImports?: boolean;
  /**
   * Attach the mapper's provenance to the plan's changes (ledger.md §1; default true): what
   * `plan --explain` and the saved plan show. `migrate`, `apply` and `script` show neither and
   * leave it out (at 50,000 users 200,000 lists, about 40 MB while the apply runs); the plan's
   * digest never covers it.
   */
  provenance?: boolean;
  /** Recorded in the plan and in dc.MigrationRun. */
  toolVersion: string;
  /** dc.MigrationRun: the run's id (a UUID, passed in) and who ran it. */
  run?: { runId: string; operator: string; onInterrupted?: (notes: string[]) => void };
}

export interface PipelineResult {
  loaded: LoadProjectResult;
  project?: Project;
  imported?: ImportResult;
  mapped?: MapResult;
  actual?: DataCenterModel;
  plan?: Plan;
  /** Every diagnostic so far (project, mapping file, import, map). */
  diagnostics: Diagnostic[];
  /**
   * Validation refused the run (errors, open decisions, or unaccepted warnings with strict):
   * nothing was written to the target (a refusal by the mapper comes after the target was read;
   * with open decisions the target is never reached, but import and mapping still ran).
   */
  refused: boolean;
  applied: boolean;
  /** The applied run: its id, counts and where its time went (when `applied`). */
  run?: ApplyResult;
}

/**
 * An export with file-based user management is refused on its own (`inspect` exits 3), but a
 * project that chose `userStore` has decided it: the mapper moves the users there. The finding
 * stays in the output, as a note.
 */
export function decidedByProject(d: Diagnostic, project: Project): Diagnostic {
  if (d.code === 'IMPORT_FILE_BASED_USER_MANAGEMENT' && d.severity === 'error' && project.openValues?.some((v) => v.kind === 'userStore') === true) {
    // `userStore: TODO` is the open decision on it: counted once, as that.
    return { ...d, severity: 'info', message: `${d.message}; the project's userStore is still an open decision (TODO)` };
  }
  if (d.code !== 'IMPORT_FILE_BASED_USER_MANAGEMENT' || d.severity !== 'error' || project.userStore === undefined) return decideImportFinding(d, project);
  return { ...d, severity: 'info', message: `${d.message}; the project decides it: users go to userStore ${project.userStore}`, params: { ...d.params, decided: project.userStore, decidedBy: 'userStore' } };
}

/**
 * Import findings the mapper states again, more precisely (it names the target server): import
 * code → the mapper's code. `inspect` runs no mapper and keeps the import one.
 */
const RESTATED_BY_MAPPER: Readonly<Record<string, string>> = {
  IMPORT_SETTING_UNCLASSIFIED: 'MAP_SETTING_UNCLASSIFIED',
};

/** `diagnostics` without the import findings the mapper restates (same code pair, same source, file and line), so a plan lists each finding once. */
export function dropRestated(diagnostics: readonly Diagnostic[], mapDiagnostics: readonly Diagnostic[]): Diagnostic[] {
  const place = (code: string | undefined, d: Diagnostic) => JSON.stringify([code, d.source, d.file, d.line]);
  const restated = new Set(mapDiagnostics.map((d) => place(d.code, d)));
  return diagnostics.filter((d) => {
    const mapCode = RESTATED_BY_MAPPER[d.code];
    return mapCode === undefined || !restated.has(place(mapCode, d));
  });
}

/**
 * The project's open decisions (`PROJECT_OPEN_DECISION`: a `TODO` value or `# TODO` comment),
 * in file order. Any of them refuses plan, migrate, apply, script, rollout and report, but import
 * and mapping still run so `report --draft` can show them first.
 */
export function openDecisions(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.code === 'PROJECT_OPEN_DECISION');
}

/**
 * The `PROJECT_SETTING_ENV_UNSET` warnings as errors for a command that writes the values
 * (migrate, apply), each naming its variable. Plan, report, script and rollout keep the warning.
 */
export function unsetSecretErrors(diagnostics: readonly Diagnostic[], project: Project): Diagnostic[] {
  const envOf = new Map<string, string>();
  const scopes = [project.settings.global, ...Object.values(project.settings.local)];
  for (const m of scopes) for (const s of Object.values(m)) if (isUnsetSecret(s.value)) envOf.set(s.path, s.value.envName);
  return diagnostics
    .filter((d) => d.code === 'PROJECT_SETTING_ENV_UNSET')
    .map(({ accepted: _accepted, ...d }) => {
      const name = envOf.get(d.path ?? '') ?? 'named in { env: … }';
      return {
        ...d,
        severity: 'error' as const,
        message: `${d.path ?? 'a setting'}: environment variable ${name} is not set; this command writes the secret and needs it (the database was not reached, nothing was written)`,
        hint: `set ${name} and run again (\`plan\`, \`report\`, \`script\` and \`rollout\` do without it)`,
      };
    });
}

/** Errors that stop the run before mapping: every error except an open decision. */
const stopsBeforeMapping = (diagnostics: readonly Diagnostic[]): boolean => hasErrors(diagnostics.filter((d) => d.code !== 'PROJECT_OPEN_DECISION'));

/** Project, mapping file and exports: all the mapper needs besides the target. */
interface Sources extends PipelineResult {
  mapping?: MappingEntry[];
  /** Mapping rows of users no export holds, beyond the kept sample: counted only (issue 20). */
  mappingUnknownCounted?: number;
  /** The exports the mapper gets: the imported ones without what `exclude:` leaves out (`imported` stays as read). */
  mapExports?: ImportResult['exports'];
  /** The overrides applied to the imported exports (their provenance is added after mapping). */
  overrides?: AppliedOverride[];
  /** What the decide registry reads: the project file as a document. */
  decideDoc?: DecideContext['doc'];
}

const decideDocs = new WeakMap<LoadProjectResult, DecideContext['doc']>();

/**
 * The project file as a document for the decide registry, parsed once from the very text
 * loadProject read (undefined when it was unreadable) — never read from disk a second time.
 */
function decideDocOf(loaded: LoadProjectResult): DecideContext['doc'] {
  if (!decideDocs.has(loaded)) decideDocs.set(loaded, projectDocument(loaded.text));
  return decideDocs.get(loaded);
}

/** Every warning and error with its decide options (docs/decide.md): the one place they are attached. */
function withDecisions<D extends Diagnostic>(diagnostics: readonly D[], sources: { project?: Project | undefined; imported?: ImportResult | undefined; decideDoc?: DecideContext['doc'] }): D[] {
  if (!diagnostics.some((d) => d.severity !== 'info')) return [...diagnostics];
  return attachDecisions(diagnostics, {
    ...(sources.project === undefined ? {} : { project: sources.project }),
    exports: sources.imported?.exports ?? [],
    ...(sources.decideDoc === undefined ? {} : { doc: sources.decideDoc }),
  });
}

/** Project → mapping file → import. Stops (refused) at the first stage with errors. */
async function readSources(opts: PipelineOptions): Promise<Sources> {
  const step = opts.step ?? runQuietly;
  const loaded = await loadProject(opts.projectFile, opts.env);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const decideDoc = diagnostics.length > 0 || opts.draft === true ? decideDocOf(loaded) : undefined;
  // A draft renders whatever the project holds: a refused file is read leniently.
  const project = loaded.project ?? (opts.draft === true ? await draftProject(opts.projectFile, opts.env) : undefined);
  const stops = (list: readonly Diagnostic[]): boolean => opts.draft !== true && stopsBeforeMapping(list);
  const done = (refused: boolean, extra: Partial<Sources> = {}): Sources => ({ loaded, diagnostics, refused, applied: false, ...(decideDoc === undefined ? {} : { decideDoc }), ...extra });
  if (!project || stops(diagnostics)) return done(true);

  // A folder holding several exports is refused as a source: each is listed on purpose.
  const sourcePaths = opts.sourcePaths ?? project.sourcePaths;
  const imported = await step('Import exports', (onProgress) => importExports(sourcePaths, { onProgress, heldExports: 'refuse' }));
  pushAll(diagnostics, imported.diagnostics.map((d) => atProjectSource(decidedByProject(d, project), sourcePaths, loaded.projectPath, project.positions)));
  // overrides: correct imported values between import and mapping (src/project/overrides.ts).
  const overrides = applyOverrides(project, imported.exports);
  pushAll(diagnostics, overrides.diagnostics);
  // A corrected rule, location or number must reach the numbers the import already normalised.
  const touched = new Set(overrides.applied.filter((a) => ['rule', 'location', 'user', 'computer'].includes(a.entry.entity.toLowerCase())).map((a) => a.source));
  for (const e of imported.exports) if (touched.has(e.source)) renormalizeNumbers(e);
  // The mapping CSV is read after the import (issue 20): only rows of users the exports hold (after
  // overrides) are kept, plus a sample of the others for their findings; the rest is counted, so a
  // mapping of 1,000,000 rows costs its known users, not 1,000,000 entries.
  // It is named relative to the project's folder, as the project file is named by its name.
  const knownUsers = new Set(imported.exports.flatMap((e) => e.users.map((u) => u.userName.toLowerCase())));
  const mapping = project.mappingPath
    ? await loadHomeServerMapping(project.mappingPath, relative(dirname(loaded.projectPath), project.mappingPath).split(sep).join('/'), { knownUsers })
    : { entries: [], diagnostics: [], unknownUsersCounted: 0 };
  pushAll(diagnostics, mapping.diagnostics);
  // exclude: leave entities out, after overrides (src/project/exclude.ts); their mapping rows go with them.
  const excluded = applyExclusions(project, imported.exports, mapping.entries);
  pushAll(diagnostics, excluded.diagnostics);
  const refused = stopsBeforeMapping(diagnostics) || (opts.draft === true && hasErrors(loaded.diagnostics));
  if (stops(diagnostics) || refused) {
    return done(true, { project, imported, mapExports: excluded.exports, mapping: excluded.mapping, mappingUnknownCounted: mapping.unknownUsersCounted, overrides: overrides.applied, ...(decideDoc === undefined ? { decideDoc: decideDocOf(loaded) } : {}) });
  }
  return done(false, { project, imported, mapExports: excluded.exports, mapping: excluded.mapping, mappingUnknownCounted: mapping.unknownUsersCounted, overrides: overrides.applied });
}

/** The mapping step; `actual` (the target as read) makes balance and maxUsers count the other waves' users. */
async function mapSources(opts: PipelineOptions, sources: Sources, actual: DataCenterModel | undefined): Promise<PipelineResult> {
  const { mapping, mappingUnknownCounted, overrides, decideDoc, mapExports, ...result } = sources;
  const { project, imported } = result;
  const decideFrom = { project, imported, decideDoc };
  // A draft maps past the errors (it is still refused); anything else stops before mapping.
  if ((result.refused && opts.draft !== true) || !project || !imported) {
    // Stopped before mapping: accepted warnings still show as accepted; "unused" proves nothing yet.
    if (!project) return { ...result, diagnostics: withDecisions(result.diagnostics, decideFrom) };
    const accepted = applyAccepts(result.diagnostics, project.accept, { file: project.positions?.file ?? result.loaded.projectPath, ...(project.positions === undefined ? {} : { positions: project.positions }), reportUnused: false });
    return { ...result, diagnostics: withDecisions(accepted, decideFrom) };
  }
  const step = opts.step ?? runQuietly;
  const mapped = await step('Map to DataCenter', async () =>
    mapToDataCenter({
      project,
      exports: mapExports ?? imported.exports,
      mapping: mapping ?? [],
      ...(mappingUnknownCounted ? { mappingUnknownCounted } : {}),
      strict: opts.strict ?? false,
      ...(actual === undefined ? {} : { existingLoad: existingLoad(actual, mapExports ?? imported.exports) }),
    }),
  );
  addOverrideProvenance(mapped.model, mapped.provenance, overrides ?? []);
  // accept: marks the warnings the consultant acknowledged; planner codes are checked by no one here.
  const accepted = applyAccepts([...dropRestated(result.diagnostics, mapped.diagnostics), ...mapped.diagnostics.map((d) => decidedAfterMapping(d, project))], project.accept, {
    knownCodes: KNOWN_CODES,
    ...(project.positions === undefined ? {} : { positions: project.positions }),
    file: project.positions?.file ?? result.loaded.projectPath,
    reportUnused: true,
  });
  const needsDoc = decideDoc === undefined && accepted.some((d) => d.severity !== 'info');
  const all = withDecisions(accepted, needsDoc ? { ...decideFrom, decideDoc: decideDocOf(result.loaded) } : decideFrom);
  const refused = hasErrors(all, opts.strict) || result.refused;
  return { ...result, mapped: { ...mapped, blocked: refused }, diagnostics: all, refused };
}

/**
 * The desired state: project → import → map, without touching any database (report, script
 * tests). Pass `actual`, the target as read, to map a migration wave the way `runPipeline` does.
 * Stops (refused) at the first stage with errors.
 */
export async function prepareDesired(opts: PipelineOptions, actual?: DataCenterModel): Promise<PipelineResult> {
  return mapSources(opts, await readSources(opts), actual);
}

/** What the plan records of the imported exports (a function, so no local of the caller holds them). */
function sourcesOfPlan(imported: ImportResult): { planSources: string[]; planSourceFiles: PlanSource[] } {
  return {
    planSources: imported.exports.map((e) => e.source),
    planSourceFiles: imported.exports.map((e) => ({ server: e.source, path: e.inputPath, files: e.files.map((f) => ({ path: f.path, sha256: f.sha256 })) })),
  };
}

/**
 * The target once more, under the apply's lock: an admin edit made while the plan was read (at
 * the prompt) must not be overwritten silently. One read of the target, as `undo` does.
 */
async function refuseChangedTarget(target: TargetCheck, planned: string): Promise<void> {
  if ((await target.fingerprint()) === planned) return;
  throw new MigrateError('DB_PLAN_STALE', 'the target changed since it was read for this plan (while it was shown, or at the prompt); nothing was written (rolled back)', {
    hint: 'plan again: the new plan shows what changed in the target, then confirm again',
  });
}

/** The whole run: desired state, actual state (or empty without a target), plan, and apply when confirmed. */
export async function runPipeline(opts: PipelineOptions): Promise<PipelineResult> {
  const step = opts.step ?? runQuietly;
  const sources = await readSources(opts);
  if (sources.imported && opts.checkSources) await opts.checkSources(sources.imported);
  // Open decisions: mapped for the draft, but the target is never reached.
  if (sources.refused || !sources.project || openDecisions(sources.diagnostics).length > 0) return mapSources(opts, sources, undefined);
  const { project } = sources;
  // Only migrate and apply write a secret's value: an unset variable refuses them before connecting.
  const unset = opts.confirmApply === undefined ? [] : unsetSecretErrors(sources.diagnostics, project);
  if (unset.length > 0) {
    const { mapping: _mapping, mappingUnknownCounted: _counted, ...result } = sources;
    return { ...result, diagnostics: [...sources.diagnostics.filter((d) => d.code !== 'PROJECT_SETTING_ENV_UNSET'), ...unset], refused: true };
  }

  // Only reads until the plan is confirmed: a dry run and a refused run write nothing.
  const db = project.target && !opts.noTarget ? await (opts.connect ?? mssqlConnect)(project.target, opts.env) : undefined;
  try {
    const read = db ? await step('Read target database', () => readActual(db)) : undefined;
    // The migration ledger's base rows make the plan three-way (ledger.md §2).
    const base = db ? await readLedgerBase(db) : undefined;
    const desired = await mapSources(opts, sources, read);
    const { loaded, mapped, diagnostics } = desired;
    if (desired.refused || !desired.imported || !mapped) return { ...desired, ...(read === undefined ? {} : { actual: read }) };
    const { planSources, planSourceFiles } = sourcesOfPlan(desired.imported);
    const imported = opts.releaseImports ? undefined : desired.imported;
    if (opts.releaseImports) {
      // Nothing below reads the exports: drop every reference so the collector may take them.
      delete sources.imported;
      delete sources.mapExports;
      delete desired.imported;
    }
    const actual = read ?? emptyModel();
    // Provenance is attached after planning (ledger.md §1): the planner itself never sees it.
    const planned = await step('Plan changes', async () =>
      withProvenance(planChanges(mapped.model, actual, {
        sources: planSources,
        prune: opts.prune ?? false,
        ...(base === undefined ? {} : { base }),
        decisions: project.decisions,
        ...(project.positions === undefined ? {} : { projectPositions: project.positions }),
        overwriteAdminEdits: opts.overwriteAdminEdits ?? false,
        meta: {
          toolVersion: opts.toolVersion,
          project: { path: loaded.projectPath, sha256: loaded.sha256 },
          sources: planSourceFiles,
          targetFingerprint: fingerprintModel(actual),
          diagnostics,
        },
      }), mapped.model, opts.provenance === false ? undefined : mapped.provenance),
    );
    if (opts.releaseImports) {
      // Only the plan is wanted: the mapper's provenance index is attached (or not wanted), and its
      // rows are not needed again (the plan's changes hold their own copies): about 50 MB at
      // 50,000 users while `migrate` applies. The result's `mapped.model` is empty.
      delete mapped.provenance;
      mapped.model = emptyModel();
    }
    // accept: entries for planner warnings (PLAN_…), applied and judged now that the planner ran.
    const plan = { ...planned, diagnostics: sortDiagnostics(withDecisions(applyAccepts(planned.diagnostics, project.accept, {
      stage: 'plan',
      knownCodes: KNOWN_CODES,
      ...(project.positions === undefined ? {} : { positions: project.positions }),
      file: project.positions?.file ?? loaded.projectPath,
      reportUnused: true,
    }), { project, imported: desired.imported ?? sources.imported, decideDoc: sources.decideDoc ?? (planned.diagnostics.some((d) => d.severity !== 'info') ? decideDocOf(loaded) : undefined) })) };
    // The planner can refuse too (e.g. a row owned by another migration wave): never apply then.
    const planRefused = hasErrors(plan.diagnostics, opts.strict);
    let applied: ApplyResult | undefined;
    if (db && !planRefused && opts.confirmApply && hasChangesToWrite(plan) && (await opts.confirmApply(plan))) {
      // Each run needs its own id (dc.MigrationRun's key); callers normally pass one.
      const run = opts.run ?? { runId: randomUUID(), operator: 'unknown' };
      applied = await step('Apply to target database', (onProgress) =>
        applyPlan(db, plan, {
          ...run,
          onProgress,
          clock: opts.now ?? (() => new Date()),
          toolVersion: opts.toolVersion,
          sourceDigest: sourceDigest(plan),
          planDigest: planDigest(plan),
          beforeWrite: (_tx, target) => refuseChangedTarget(target, plan.targetFingerprint),
        }),
      );
    }
    return {
      loaded,
      project,
      ...(imported === undefined ? {} : { imported }),
      mapped,
      actual,
      plan,
      diagnostics,
      refused: false,
      applied: applied !== undefined,
      ...(applied === undefined ? {} : { run: applied }),
    };
  } finally {
    await db?.close();
  }
}
