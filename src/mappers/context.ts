/**
 * What every mapping step shares: the project's servers looked up case-insensitively, the
 * source → server relation, and the collectors for diagnostics and decisions.
 */
import type { ServerRole } from '../model/index.js';
import { diag, type Diagnostic, type Severity, type SourcePosition } from '../model/index.js';
import { DiagnosticCap } from '../io/index.js';
import type { EnterpriseExport, Pos } from '../model/index.js';
import type { Project, ProjectServer } from '../project/index.js';
import type { MapCode } from './codes.js';
import type { Decision } from './types.js';
import { ProvenanceRecorder } from './provenance.js';
import { cmp } from '../model/index.js';

export const lc = (s: string): string => s.toLowerCase();

/** Ordinal order (model/order.ts): deterministic on every machine. */
export { cmp };

/** Case-insensitive order with a case-sensitive tie-break (names compare case-insensitively in the DB). */
export function cmpName(a: string, b: string): number {
  return cmp(lc(a), lc(b)) || cmp(a, b);
}

/** Sorts by a name (cmpName order), lowercasing each name once: the tables hold 50,000 rows. */
export function sortByName<T>(items: readonly T[], name: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, exact: name(item), lower: lc(name(item)) }))
    .sort((a, b) => cmp(a.lower, b.lower) || cmp(a.exact, b.exact))
    .map((k) => k.item);
}

/** Adds `value` to the list under `key` (pushed, never copied: lists may hold 50,000 users). */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Diagnostic position of an element of an export. */
export function at(source: string, pos: Pos | undefined, path?: string): SourcePosition {
  const where: SourcePosition = { source };
  if (pos !== undefined) {
    where.file = pos.file;
    where.line = pos.line;
    where.column = pos.column;
  }
  if (path !== undefined) where.path = path;
  return where;
}

/** At most `max` names, then "and N more": keeps messages readable at 50,000 users. */
export function listNames(names: readonly string[], max = 10): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** Where a finding is, what it is about (`subject`), the values its message is made of (`params`) and how the project settles it (`decide`). */
export type FindingWhere = SourcePosition & Pick<Diagnostic, 'hint' | 'subject' | 'params' | 'decide'>;

export class MapContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly decisions: Decision[] = [];
  readonly servers: readonly ProjectServer[];
  readonly #byName = new Map<string, ProjectServer>();
  readonly #bySource = new Map<string, ProjectServer>();
  /** By FQDN too: u8sHomeServer and mapping rows often name the FQDN, and 20,000 servers must not mean a scan each. */
  readonly #byFqdn = new Map<string, ProjectServer>();
  /** Where each desired row's values came from (ledger.md §1). */
  readonly provenance: ProvenanceRecorder;

  constructor(
    readonly project: Project,
    readonly exports: readonly EnterpriseExport[],
  ) {
    this.servers = project.servers;
    this.provenance = new ProvenanceRecorder(project.positions);
    for (const s of project.servers) {
      this.#byName.set(lc(s.name), s);
      if (!this.#byFqdn.has(lc(s.fqdn))) this.#byFqdn.set(lc(s.fqdn), s);
      for (const src of s.replaces) if (!this.#bySource.has(lc(src))) this.#bySource.set(lc(src), s);
    }
  }

  /** At most MAX_PER_CODE findings of one code, then one counted summary (issue 20: 1,000,000 mapping rows). */
  private readonly cap = new DiagnosticCap();
  report(code: MapCode, severity: Severity, message: string, where: FindingWhere = {}): void {
    this.cap.push(this.diagnostics, diag(code, severity, message, where));
  }
  error(code: MapCode, message: string, where: FindingWhere = {}): void {
    this.report(code, 'error', message, where);
  }
  warn(code: MapCode, message: string, where: FindingWhere = {}): void {
    this.report(code, 'warning', message, where);
  }
  /** `n` warnings like this one, counted into the code's summary once the cap is reached (rows counted, not kept). */
  warnCounted(code: MapCode, message: string, where: FindingWhere, n: number): void {
    this.cap.pushCounted(this.diagnostics, diag(code, 'warning', message, where), n);
  }
  info(code: MapCode, message: string, where: FindingWhere = {}): void {
    this.report(code, 'info', message, where);
  }
  decide(id: string, what: string, why: string, affected: string[]): void {
    this.decisions.push({ id, what, why, affected });
  }

  /** A project server by name (case-insensitive). */
  server(name: string): ProjectServer | undefined {
    return this.#byName.get(lc(name));
  }
  /** A project server by name or FQDN (for values written by people: mapping rows, u8sHomeServer). */
  serverByNameOrFqdn(nameOrFqdn: string): ProjectServer | undefined {
    return this.server(nameOrFqdn) ?? this.#byFqdn.get(lc(nameOrFqdn));
  }
  role(name: string): ServerRole | undefined {
    return this.server(name)?.role;
  }
  /** The server whose `replaces` holds the source (the project allows at most one). */
  replacing(source: string): ProjectServer | undefined {
    return this.#bySource.get(lc(source));
  }
  /** The ucservers in name order. */
  ucservers(): ProjectServer[] {
    return this.servers.filter((s) => s.role === 'ucserver').sort((a, b) => cmpName(a.name, b.name));
  }
}
