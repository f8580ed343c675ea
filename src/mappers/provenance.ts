/**
 * Where each desired row's values came from (ledger.md §1), recorded while mapping: positions in
 * the exports (the entity's own `pos`), lines of the project file, and the rules that made a
 * value. Keyed by the row object itself, so recording costs no key computation; the planner's
 * case-insensitive keys are applied once, after planning (src/writers/plan/provenance.ts).
 *
 * Memory at 50,000 users (~200k rows, ~27 MB measured): one small object per row and a Map entry;
 * a list only for rows with more than one origin. Source and file strings are the importer's own
 * (shared); rule entries are interned, so 50,000 users placed by one rule share one object.
 */
import type { Pos } from '../model/index.js';
import type { Provenance } from '../model/index.js';
import type { ProjectPositions } from '../project/index.js';

/** One row's provenance: a single entry, or a list when several exports, the project or rules contributed. */
export type RowProvenance = Provenance | readonly Provenance[];

/** Desired row object → its provenance. Valid for the model of the same MapResult only. */
export type RowProvenanceIndex = ReadonlyMap<object, RowProvenance>;

/** The rule names provenance shows (`rule home server by lines (…)`). */
export const PROVENANCE_RULES = {
  homeServer: (rule: string): string => `home server by ${rule}`,
  managementServer: 'management server of the line group',
  groupFromGlobal: 'group-level setting from a global one',
  dataCenterDefault: 'DataCenter default',
  dataCenterMaximum: 'DataCenter maximum',
  userStore: 'user store',
  clientContentServer: "the user's home server",
  /** A number a location rule rewrote; the detail names the rule (`Berlin#1: ^9(…)$ → +4930…\\1`). */
  phoneNumberByLocation: 'phone number by location',
} as const;

export class ProvenanceRecorder {
  readonly #byRow = new Map<object, Provenance | Provenance[]>();
  readonly #rules = new Map<string, Provenance>();

  constructor(readonly positions?: ProjectPositions) {}

  /** The index handed out with the MapResult. */
  get index(): RowProvenanceIndex {
    return this.#byRow;
  }

  /** A position in an export (the element the row was made from). */
  fromExport(row: object, source: string, pos: Pos | undefined): void {
    if (pos === undefined) return;
    this.#add(row, { source, file: pos.file, line: pos.line, column: pos.column });
  }

  /** A line of the project file, by its path (`servers[0]`, `settings.global.smtp.host`); nothing when unknown. */
  fromProject(row: object, projectPath: string): void {
    const p = this.projectPosition(projectPath);
    if (p !== undefined) this.#add(row, p);
  }

  /** The project position of a path, shareable between rows. */
  projectPosition(projectPath: string): Provenance | undefined {
    const at = this.positions?.at.get(projectPath);
    if (at === undefined || this.positions === undefined) return undefined;
    return { source: 'project', file: this.positions.file, line: at.line, column: at.column };
  }

  /** A value a rule produced; entries with the same rule and detail are one shared object. */
  byRule(row: object, rule: string, detail?: string): void {
    this.#add(row, this.rule(rule, detail));
  }

  /** The one shared entry for a rule and detail. */
  rule(rule: string, detail?: string): Provenance {
    const id = detail === undefined ? rule : `${rule}\u0000${detail}`;
    let entry = this.#rules.get(id);
    if (entry === undefined) {
      entry = detail === undefined ? { source: 'rule', rule } : { source: 'rule', rule, detail };
      this.#rules.set(id, entry);
    }
    return entry;
  }

  /** Adds an already built entry (e.g. one project position shared by many rows). */
  add(row: object, entry: Provenance): void {
    this.#add(row, entry);
  }

  /** What was recorded for a row so far (a copy of the list). */
  of(row: object): Provenance[] {
    const v = this.#byRow.get(row);
    return v === undefined ? [] : Array.isArray(v) ? [...v] : [v as Provenance];
  }

  #add(row: object, entry: Provenance): void {
    const prev = this.#byRow.get(row);
    if (prev === undefined) {
      this.#byRow.set(row, entry);
      return;
    }
    if (!Array.isArray(prev)) {
      // A literal of two: pushing onto a one-element list would reserve room for 17.
      if (!sameProvenance(prev as Provenance, entry)) this.#byRow.set(row, [prev as Provenance, entry]);
      return;
    }
    if (!prev.some((p) => sameProvenance(p, entry))) prev.push(entry);
  }
}

function sameProvenance(a: Provenance, b: Provenance): boolean {
  if (a === b) return true;
  if ('rule' in a || 'rule' in b) return 'rule' in a && 'rule' in b && a.rule === b.rule && a.detail === b.detail;
  return a.source === b.source && a.file === b.file && a.line === b.line && a.column === b.column;
}
