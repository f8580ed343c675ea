/**
 * `init` output is plannable or open (docs/decide.md): the project init wrote is loaded and
 * mapped against the exports it was written from, and every error that is not already an open
 * decision (a location two sources define differently, users AD cannot link, …) is written in
 * with its first decide option, marked `# TODO` so it stays the consultant's decision. Repeated
 * until nothing but open decisions remains (a decision may uncover the next finding).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadProject } from '../../project/index.js';
import { mapToDataCenter } from '../../mappers/index.js';
import type { Diagnostic } from '../../model/index.js';
import type { EnterpriseExport } from '../../model/index.js';
import { applyDecision } from '../../project/index.js';
import { decideFor } from '../../project/index.js';
import { projectDocument } from '../../project/index.js';
import { applyOverrides } from '../../project/index.js';
import { applyExclusions } from '../../project/index.js';
import { decidedAfterMapping } from '../../project/index.js';
import { decidedByProject } from '../../pipeline.js';

/** Rounds of settle-and-check; each decides at least one finding or stops. */
const MAX_ROUNDS = 6;

export interface Settled {
  text: string;
  /** Findings written in as open decisions. */
  settled: number;
  /** Errors no option could settle (left as they are; plan will name them). */
  unsettled: Diagnostic[];
}

/** The errors of `text` as a project in `projectDir`, besides its open decisions. */
async function errorsOf(text: string, projectDir: string, fileName: string, exports: readonly EnterpriseExport[], importErrors: readonly Diagnostic[]): Promise<{ errors: Diagnostic[]; project?: Awaited<ReturnType<typeof loadProject>>['project'] }> {
  // Loaded from a file in the project's own folder: its source paths resolve as they will.
  const tmp = mkdtempSync(path.join(projectDir, `.${fileName}.init-`));
  const file = path.join(tmp, '..', `${path.basename(tmp)}.yaml`);
  try {
    writeFileSync(file, text);
    const loaded = await loadProject(file, {});
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'PROJECT_OPEN_DECISION');
    if (loaded.project === undefined || errors.length > 0) return { errors, ...(loaded.project === undefined ? {} : { project: loaded.project }) };
    // Only the exports still under sources: (an export left out takes its import errors with it).
    const listed = new Set(loaded.project.sourcePaths.map((p) => path.resolve(p)));
    const inRun = exports.filter((e) => listed.has(path.resolve(e.inputPath)));
    const sources = new Set(inRun.map((e) => e.source.toLowerCase()));
    // As plan sees them: a finding the project decides (userStore for file-based user management) is a note.
    const imported = importErrors
      .filter((d) => d.source !== undefined && sources.has(d.source.toLowerCase()))
      .map((d) => decidedByProject(d, loaded.project!))
      .filter((d) => d.severity === 'error');
    if (imported.length > 0) return { errors: imported, project: loaded.project };
    // A copy of each export, so overrides of one round never leak into the next.
    const copies = inRun.map((e) => structuredCloneExport(e));
    const overrides = applyOverrides(loaded.project, copies).diagnostics.filter((d) => d.severity === 'error');
    const left = applyExclusions(loaded.project, copies);
    const excluded = left.diagnostics.filter((d) => d.severity === 'error');
    const mapped = mapToDataCenter({ project: loaded.project, exports: left.exports, mapping: [] });
    const mapErrors = mapped.diagnostics.map((d) => decidedAfterMapping(d, loaded.project!)).filter((d) => d.severity === 'error');
    return { errors: [...overrides, ...excluded, ...mapErrors], project: loaded.project };
  } finally {
    rmSync(file, { force: true });
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** A copy deep enough for overrides (entities are plain objects; secrets are shared, never changed). */
function structuredCloneExport(e: EnterpriseExport): EnterpriseExport {
  return {
    ...e,
    users: e.users.map((u) => ({ ...u })),
    lineGroups: e.lineGroups.map((g) => ({ ...g, lines: g.lines.map((l) => ({ ...l })) })),
    groups: e.groups.map((g) => ({ ...g })),
    computers: e.computers.map((c) => ({ ...c })),
    clientContent: [...e.clientContent],
    locations: e.locations.map((l) => ({ ...l, rules: l.rules.map((r) => ({ ...r })) })),
    settings: e.settings.map((s) => ({ ...s })),
    licenses: e.licenses.map((l) => ({ ...l })),
  };
}

export async function settleInitProject(
  text: string,
  opts: { projectDir: string; fileName: string; exports: readonly EnterpriseExport[]; importErrors?: readonly Diagnostic[] },
): Promise<Settled> {
  const importErrors = (opts.importErrors ?? []).filter((d) => d.severity === 'error');
  let settled = 0;
  let current = text;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const { errors, project } = await errorsOf(current, opts.projectDir, opts.fileName, opts.exports, importErrors);
    if (errors.length === 0) return { text: current, settled, unsettled: [] };
    const doc = projectDocument(current);
    const ctx = { ...(project === undefined ? {} : { project }), exports: opts.exports, ...(doc === undefined ? {} : { doc }) };
    const done = new Set<string>();
    let next = current;
    for (const d of errors) {
      const first = decideFor(d, ctx)[0];
      if (first === undefined) continue;
      const key = `${first.path}\u0000${JSON.stringify(first.value)}`;
      if (done.has(key)) continue;
      done.add(key);
      next = applyDecision(next, first, { todo: `${d.code}: ${first.label}` });
      settled++;
    }
    if (next === current) return { text: current, settled, unsettled: errors };
    current = next;
  }
  const { errors } = await errorsOf(current, opts.projectDir, opts.fileName, opts.exports, importErrors);
  return { text: current, settled, unsettled: errors };
}
