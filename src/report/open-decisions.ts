/**
 * The draft's open decisions (`PROJECT_OPEN_DECISION`) in terms the workshop can decide on: what is
 * to be decided (a setting, a server's host name, the user store) and what the old servers hold
 * for it, taken from the sources' conflict finding (`MAP_*_SETTING_CONFLICT` carries every
 * source's value in its params; secrets are already masked there and are masked again here by
 * their type). Nothing here reads a finding's message.
 */
import type { Diagnostic } from '../model/index.js';
import { isTodoValue, type Project } from '../project/index.js';
import { SENSITIVE_MARK } from '../model/index.js';

export interface SourceValue {
  source: string;
  value: string;
  /** The setting's type in that source (`int`, `bool`, `text`, …), when known. */
  type?: string;
}

export interface OpenItem {
  kind: 'setting' | 'localSetting' | 'fqdn' | 'serverField' | 'lineGroups' | 'userStore' | 'override' | 'location' | 'other';
  /** The setting key, the server field or the raw path (`other`). */
  what: string;
  /** The new server concerned (local setting, host name, server field). */
  server?: string;
  /** For a new server: the old servers it replaces. */
  replaces?: string[];
  sourceValues: SourceValue[];
  /** The value the project proposes, marked `# TODO` to be confirmed (absent when the value is `TODO`). */
  proposed?: string;
  /** An `overrides[n]` entry: what it changes (its value is `proposed`, unless secret or TODO). */
  override?: { source: string; entity: string; key: string; field: string };
  /** A `locations.X` choice: each source's definition of the location (report-data fills it from the exports). */
  locations?: LocationDefinition[];
  /** A server's `lineGroups`: each line group another new server could manage too, with those servers. */
  contested?: { lineGroup: string; others: string[] }[];
  /** The project path, file name and line (the consultant's columns). */
  path: string;
  file?: string;
  line?: number;
}

/** One source's definition of a location: its number, extension range and rule count. */
export interface LocationDefinition {
  source: string;
  number: string;
  extFrom: string;
  extTo: string;
  rules: number;
}

/** A field whose value may be a secret: never shown, even as a proposal. */
const SECRET_FIELD = /pass|secret|credential|pin|licen[cs]e|key$/i;

/** A conflict finding's values per source, in order (its params `sources`, `values`, `types`). */
export function conflictValues(d: Pick<Diagnostic, 'params'>): SourceValue[] {
  const list = (name: string): string[] => {
    const v = d.params?.[name];
    return Array.isArray(v) ? v : [];
  };
  const values = list('values');
  const types = list('types');
  return list('sources').map((source, i) => {
    const type = types[i];
    const value = values[i] ?? '';
    return { source, value: type === 'secret' ? SENSITIVE_MARK : value, ...(type === undefined ? {} : { type }) };
  });
}

/** The setting key a conflict finding is about (its params `key`). */
function conflictKey(d: Pick<Diagnostic, 'params'>): string | undefined {
  const key = d.params?.['key'];
  return typeof key === 'string' ? key : undefined;
}

const CONFLICT = new Set(['MAP_GLOBAL_SETTING_CONFLICT', 'MAP_LOCAL_SETTING_CONFLICT']);

export function openItems(open: readonly Diagnostic[], all: readonly Diagnostic[], project: Project): OpenItem[] {
  const conflicts = all.filter((d) => CONFLICT.has(d.code));
  const valuesOf = (key: string, global: boolean) => {
    const c = conflicts.find((d) => (d.code === 'MAP_GLOBAL_SETTING_CONFLICT') === global && conflictKey(d)?.toLowerCase() === key.toLowerCase());
    return c ? conflictValues(c) : [];
  };
  return open.map((d) => {
    const p = d.path ?? '';
    const base = { path: p, ...(d.file ? { file: d.file } : {}), ...(d.line !== undefined ? { line: d.line } : {}) };
    let m = /^settings\.global\["(.+)"\]$|^settings\.global\.([A-Za-z_][\w]*)$/.exec(p);
    if (m) {
      const key = m[1] ?? m[2]!;
      return { ...base, kind: 'setting', what: key, sourceValues: valuesOf(key, true) };
    }
    m = /^settings\.local(?:\.([A-Za-z_]\w*)|\["([^"]+)"\])(?:\["(.+)"\]|\.([A-Za-z_]\w*))$/.exec(p);
    if (m) {
      const key = m[3] ?? m[4]!;
      return { ...base, kind: 'localSetting', what: key, server: m[1] ?? m[2]!, sourceValues: valuesOf(key, false) };
    }
    m = /^servers\[(\d+)\]\.(\w+)$/.exec(p);
    const server = m ? project.servers[Number(m[1])] : undefined;
    if (m && server && m[2] !== 'lineGroups') {
      const replaces = [...server.replaces];
      const value = (server as unknown as Record<string, unknown>)[m[2]!];
      const proposed = typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
      return {
        ...base,
        kind: m[2] === 'fqdn' ? 'fqdn' : 'serverField',
        what: m[2]!,
        server: server.name,
        replaces,
        sourceValues: [],
        ...(proposed !== undefined && !isTodoValue(proposed) ? { proposed } : {}),
      };
    }
    if (m && m[2] === 'lineGroups') return { ...base, kind: 'lineGroups', what: m[2], server: server?.name ?? '', replaces: [...(server?.replaces ?? [])], sourceValues: [] };
    if (p === 'userStore') return { ...base, kind: 'userStore', what: p, sourceValues: [] };
    m = /^overrides\[(\d+)\]/.exec(p);
    const o = m ? project.overrides?.[Number(m[1])] : undefined;
    if (o) {
      const value = String(o.value);
      const shownValue = !isTodoValue(value) && !SECRET_FIELD.test(o.field) ? { proposed: value } : {};
      return { ...base, kind: 'override', what: p, override: { source: o.source, entity: o.entity, key: String(o.key), field: o.field }, sourceValues: [], ...shownValue };
    }
    m = /^locations(?:\.(.+)|\["(.+)"\])$/.exec(p);
    if (m) {
      const name = m[1] ?? m[2]!;
      const choice = project.locations?.[name] as { from?: string } | undefined;
      return { ...base, kind: 'location', what: name, sourceValues: [], ...(typeof choice?.from === 'string' && !isTodoValue(choice.from) ? { proposed: choice.from } : {}) };
    }
    return { ...base, kind: 'other', what: p || (d.subject ?? d.code), sourceValues: [] };
  });
}
