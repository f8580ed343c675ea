/**
 * A finding in the customer's words, rendered from its `code` + `params` (never from its English
 * `message`, which is the consultant's log). Each language has one sentence per code
 * (`findings-de.ts`, `findings-en.ts`); the type checker makes both name every code.
 *
 * A sentence reads its values through `FindingParams`: a value it needs and the finding does not
 * carry (a plan saved before findings had params) makes the whole sentence fall back to the
 * generic one of its severity, so a customer never reads a half-filled sentence.
 */
import type { Diagnostic, ParamValue } from '../../model/index.js';
import type { ImportCode } from '../../importers/index.js';
import type { MapCode } from '../../mappers/index.js';
import type { PlanCode } from '../../plan/index.js';
import type { DbCode } from '../../writers/mssql/index.js';
import type { ProjectCode } from '../../project/index.js';

/** Every code a customer can meet in a report, a plan or a preflight. */
export type FindingCode = ImportCode | MapCode | PlanCode | ProjectCode | DbCode;

/** The values a sentence reads; each getter records a value the finding lacks. */
export interface FindingParams {
  /** A text value (a name, a key, a file). */
  s(name: string): string;
  /** A number. */
  n(name: string): number;
  /** A list of texts (at least one). */
  list(name: string): string[];
  /** An optional text value: undefined when absent (never a fallback). */
  opt(name: string): string | undefined;
  /** An optional number. */
  optN(name: string): number | undefined;
  /** An optional list (empty when absent). */
  optList(name: string): string[];
  /** The finding's severity: a sentence may read differently for a note than for an error. */
  severity: Diagnostic['severity'];
}

export type FindingSentence = (p: FindingParams) => string;

export interface FindingCatalog {
  /** One sentence per code. */
  sentences: Record<FindingCode, FindingSentence>;
  /** When a finding lacks a value its sentence needs (or its code is unknown): per severity, with the server if known. */
  generic(severity: Diagnostic['severity'], server: string | undefined): string;
  /** `… and 12 more findings of this kind` (the customer table shows a few examples per kind). */
  more(n: number): string;
  /** Formats a number the way the language writes it. */
  num(n: number): string;
}

class Missing extends Error {}

function accessor(params: Readonly<Record<string, ParamValue>>, d: Pick<Diagnostic, 'source' | 'severity'>): FindingParams {
  // The server a finding points at is its `source` unless its params name another one.
  const value = (name: string): ParamValue | undefined => params[name] ?? (name === 'server' ? d.source : undefined);
  const text = (v: ParamValue | undefined): string | undefined =>
    typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : Array.isArray(v) && v.length > 0 ? v.join(', ') : undefined;
  return {
    severity: d.severity,
    s(name) {
      const v = text(value(name));
      if (v === undefined || v === '') throw new Missing(name);
      return v;
    },
    n(name) {
      const v = value(name);
      const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : undefined;
      if (n === undefined) throw new Missing(name);
      return n;
    },
    list(name) {
      const v = value(name);
      const l = Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : [];
      if (l.length === 0) throw new Missing(name);
      return l;
    },
    opt(name) {
      const v = text(value(name));
      return v === '' ? undefined : v;
    },
    optN(name) {
      const v = value(name);
      return typeof v === 'number' ? v : undefined;
    },
    optList(name) {
      const v = value(name);
      return Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : [];
    },
  };
}

/** The sentence for `d` in `catalog`; the generic sentence when a value it needs is missing. */
export function renderWith(catalog: FindingCatalog, d: Pick<Diagnostic, 'code' | 'severity' | 'source' | 'params'>): string {
  // The one finding a cap keeps for the rest of its code (src/io/diagnostic-cap.ts): it counts them.
  const more = d.params?.['more'];
  if (typeof more === 'number' && typeof d.params?.['listed'] === 'number') return catalog.more(more);
  const sentence = (catalog.sentences as Record<string, FindingSentence | undefined>)[d.code];
  if (sentence === undefined) return catalog.generic(d.severity, d.source);
  try {
    return sentence(accessor(d.params ?? {}, d));
  } catch (e) {
    if (e instanceof Missing) return catalog.generic(d.severity, d.source);
    throw e;
  }
}

/** The values `d`'s sentence needs and `d` lacks (empty: it renders its own sentence, not the generic one). */
export function missingParams(catalog: FindingCatalog, d: Pick<Diagnostic, 'code' | 'severity' | 'source' | 'params'>): string[] {
  if (typeof d.params?.['more'] === 'number' && typeof d.params['listed'] === 'number') return [];
  const sentence = (catalog.sentences as Record<string, FindingSentence | undefined>)[d.code];
  if (sentence === undefined) return [`(no sentence for ${d.code})`];
  try {
    sentence(accessor(d.params ?? {}, d));
    return [];
  } catch (e) {
    if (e instanceof Missing) return [e.message];
    throw e;
  }
}

/**
 * Renders a code with made-up values for every name its sentence reads (for tests: every
 * sentence renders, and leaves no placeholder). `count` is the number each number param gets,
 * so the singular and the plural forms can both be checked. Returns the names of the text
 * values it read too (each shows up in the sentence as `<name>-sample`).
 */
export function probe(catalog: FindingCatalog, code: FindingCode, count: number, severity: Diagnostic['severity'] = 'warning'): { text: string; names: string[] } {
  const names = new Set<string>();
  const sample = (name: string) => {
    names.add(name);
    return `${name}-sample`;
  };
  const items = (name: string) => Array.from({ length: Math.max(1, count) }, (_, i) => `${sample(name)}${i + 1}`);
  const p: FindingParams = {
    severity,
    s: sample,
    n: () => count,
    list: items,
    opt: sample,
    optN: () => count,
    optList: items,
  };
  return { text: catalog.sentences[code](p), names: [...names].sort() };
}
