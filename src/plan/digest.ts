/**
 * Digests: of a plan (what was signed off), of its inputs, and of a target's state (to detect a
 * stale plan). sha256, lowercase hex, over canonical JSON.
 */
import { createHash, type Hash } from 'node:crypto';
import type { DataCenterModel } from '../model/index.js';
import { TABLES, type ColumnKind, type TableDef } from '../model/index.js';
import type { Plan, PlanSource, RowChange } from '../model/index.js';
import { LicenseKey, Sensitive } from '../model/index.js';
import { CanonicalFeed, CanonicalPiece, canonicalJson, canonicalText, feedCanonical, LazyList, placePath } from './canonical.js';
import { canonicalChangeText } from './canonical-change.js';
import type { ChangeJson } from './plan-schema.js';
import { compareKeyParts, keyColumns, keyedRow } from './values.js';

/** The fingerprint of a target with no rows (a new or bootstrapped-only database, or no target). */
export const EMPTY_FINGERPRINT = 'empty';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A sha256 fed with many small pieces, buffered so that hashing 100,000 changes stays cheap. */
function streamingSha256(): { push: (piece: string) => void; hex: () => string } {
  const hash = createHash('sha256');
  let buffer = '';
  return {
    push: (piece) => {
      buffer += piece;
      if (buffer.length >= 1 << 16) {
        hash.update(buffer);
        buffer = '';
      }
    },
    hex: () => hash.update(buffer).digest('hex'),
  };
}

/** What a plan digest covers: its changes in JSON form and what they were computed from. */
export interface DigestInput {
  formatVersion: number;
  project: { path: string; sha256: string };
  sources: readonly PlanSource[];
  targetFingerprint: string;
  /** The changes in JSON form; any iterable, so a large plan is converted one change at a time. */
  changes: Iterable<ChangeJson>;
}

export interface DigestOptions {
  /**
   * The folder the plan is saved in: the digest covers the project's and sources' paths as the
   * saved plan writes them, relative to it (canonical.ts, `placePath`). Absent: as they are.
   */
  relativeTo?: string;
  /**
   * formatVersion 1 only: the digest as the first tool versions computed it, over the sources'
   * absolute paths too. Later version-1 digests left every path out; a version-1 plan file still
   * reads (plan-file.ts) and applies (stale.ts) with either.
   */
  withSourcePaths?: boolean;
}

/**
 * Digest over the masked JSON form, so the same value comes from a Plan in memory and from its
 * saved file (which holds no secrets). Secret changes are covered by the source digests. Fed
 * piece by piece (feedCanonical): the text of the whole plan is never built.
 */
export function digestOf(p: DigestInput, opts: DigestOptions = {}): string {
  return digestOfPieces(p, new LazyList(withoutProvenance(p.changes)), opts);
}

/**
 * What the digest says of the project and its sources. From formatVersion 2 on: everything the
 * saved plan says of them, paths as it writes them — a `project.path` edited in a saved plan (to
 * make `report --plan` read another file, issue 20) no longer matches. Version 1 covered the
 * project file's digest and the sources' servers and files only (`withSourcePaths`: their paths too).
 */
function inputsPart(p: Omit<DigestInput, 'changes'>, opts: DigestOptions): { project: unknown; sources: unknown } {
  if (p.formatVersion === 1) {
    return { project: p.project.sha256, sources: opts.withSourcePaths ? p.sources : p.sources.map(({ server, files }) => ({ server, files })) };
  }
  const place = (file: string) => placePath(file, opts.relativeTo);
  return {
    project: { path: place(p.project.path), sha256: p.project.sha256 },
    sources: p.sources.map((s) => ({ server: s.server, path: place(s.path), files: s.files.map((f) => ({ path: f.path, sha256: f.sha256 })) })),
  };
}

/** The digest given each change's canonical text (the changes of a Plan are rendered straight from its RowChanges). */
function digestOfPieces(p: Omit<DigestInput, 'changes'>, changes: LazyList<CanonicalPiece> | CanonicalFeed, opts: DigestOptions): string {
  const hash = streamingSha256();
  feedCanonical({ formatVersion: p.formatVersion, ...inputsPart(p, opts), targetFingerprint: p.targetFingerprint, changes }, hash.push);
  return hash.hex();
}

/**
 * A change's canonical text, pushed to the hash as one piece. Provenance explains a change but is
 * not what is written (ledger.md §1): the digest leaves it out, so a plan's digest is the same
 * with or without it (and `--explain` never changes it).
 */
function* withoutProvenance(changes: Iterable<ChangeJson>): Generator<CanonicalPiece> {
  for (const change of changes) yield new CanonicalPiece(canonicalText(change, 'provenance'));
}

/** The changes as a canonical list, each as `withoutProvenance` gives it for the change's JSON form. */
function canonicalChanges(changes: readonly RowChange[]): CanonicalFeed {
  return new CanonicalFeed((push) => {
    push('[');
    for (let i = 0; i < changes.length; i++) {
      if (i > 0) push(',');
      push(canonicalChangeText(changes[i] as RowChange));
    }
    push(']');
  });
}

/**
 * How a recomputed plan was signed off: the saved plan it was checked against (stale.ts) — its
 * formatVersion and the paths as it writes them. Kept beside the plan, not in it, so renderers
 * never see it; `planDigest` of that plan is then the signed digest, the one `apply` records.
 */
interface SignedForm {
  formatVersion: number;
  project: string;
  sources: ReadonlyMap<string, string>;
  withSourcePaths: boolean;
}
const signedForms = new WeakMap<Plan, SignedForm>();

/**
 * Marks `plan` (recomputed from the same inputs) as the plan `saved` signed off: its digest is
 * computed as the saved plan's was (its format version, its paths). Sources are matched by server.
 */
export function adoptSignedForm(
  plan: Plan,
  saved: { formatVersion: number; project: { path: string }; sources: readonly { server: string; path: string }[] },
  withSourcePaths = false,
): void {
  signedForms.set(plan, {
    formatVersion: saved.formatVersion,
    project: saved.project.path,
    sources: new Map(saved.sources.map((s) => [s.server, s.path])),
    withSourcePaths,
  });
}

/** sha256 of the plan's canonical JSON (changes, project, sources, target fingerprint). */
export function planDigest(plan: Plan, opts: DigestOptions = {}): string {
  const signed = signedForms.get(plan);
  if (signed === undefined) return digestOfPieces(plan, canonicalChanges(plan.changes), opts);
  const asSigned = {
    formatVersion: signed.formatVersion,
    project: { path: signed.project, sha256: plan.project.sha256 },
    sources: plan.sources.map((s) => ({ ...s, path: signed.sources.get(s.server) ?? s.path })),
    targetFingerprint: plan.targetFingerprint,
  };
  return digestOfPieces(asSigned, canonicalChanges(plan.changes), { withSourcePaths: signed.withSourcePaths });
}

/** sha256 of the run's inputs (project file and every source file digest), for `MigrationRun.SourceDigest`. */
export function sourceDigest(plan: Pick<Plan, 'project' | 'sources'>): string {
  return sha256(canonicalJson({ project: plan.project.sha256, sources: plan.sources }));
}

/**
 * Fingerprint of a database state: sha256 over every table's rows, sorted by key, all columns.
 * It hashes revealed secrets (a digest does not disclose them) so that a changed password makes
 * a saved plan stale. A model without rows gives {@link EMPTY_FINGERPRINT}.
 */
export function fingerprintModel(actual: DataCenterModel): string {
  const hash = createHash('sha256');
  let rows = 0;
  for (const def of TABLES) rows += feedTable(hash, def, actual[def.name] as unknown as readonly Record<string, unknown>[]);
  return rows === 0 ? EMPTY_FINGERPRINT : hash.digest('hex');
}

/**
 * {@link fingerprintModel} of a target read a table at a time (`readTable` gives a table's rows as
 * the model holds them): the same digest, without the whole target in memory at once (an undo of
 * 100,000 users held the target twice).
 */
export async function fingerprintTables(readTable: (def: TableDef) => Promise<readonly Record<string, unknown>[]>): Promise<string> {
  const hash = createHash('sha256');
  let rows = 0;
  for (const def of TABLES) rows += feedTable(hash, def, await readTable(def));
  return rows === 0 ? EMPTY_FINGERPRINT : hash.digest('hex');
}

/** Feeds one table's rows, sorted by key, to the fingerprint; returns how many there were. */
function feedTable(hash: Hash, def: TableDef, tableRows: readonly Record<string, unknown>[]): number {
  const keyCols = keyColumns(def);
  const rows = tableRows.map((row) => keyedRow(def, keyCols, row)).sort((a, b) => compareKeyParts(a.parts, b.parts));
  hash.update(`${def.name}:${rows.length}\n`);
  for (const row of rows) {
    hash.update(JSON.stringify(def.columns.map((col) => fingerprintCell(col.kind, row.cells[col.name]))));
    hash.update('\n');
  }
  return rows.length;
}

function fingerprintCell(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Sensitive || value instanceof LicenseKey) return value.reveal();
  if (kind === 'int' || kind === 'bigint') return Number(value);
  if (kind === 'bit') return Boolean(Number(value));
  return value;
}
