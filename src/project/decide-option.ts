/**
 * Builds one decide option (docs/decide.md): the label, the project path, the JSON value and the
 * same edit as a YAML snippet to paste. The snippet nests the value under its keys from the last
 * list item on (a list item cannot be pasted by position): `servers[1].lineGroups` is shown as
 * `# in servers[1]:` and `lineGroups: [...]`.
 */
import { stringify } from 'yaml';
import type { DecideOption } from '../model/index.js';
import { formatDecidePath, parseDecidePath, type PathStep } from './decide-path.js';

const PLAIN = /^[A-Za-z_][A-Za-z0-9_./@-]*$/;
const KEYWORD = /^(true|false|null|yes|no|on|off|y|n)$/i;

/** One scalar as YAML: plain when nothing can misread it, else JSON's double quotes (valid YAML). */
function fastScalar(v: unknown): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === 'boolean') return String(v);
  if (typeof v !== 'string') return undefined;
  return PLAIN.test(v) && !KEYWORD.test(v) ? v : JSON.stringify(v);
}

/**
 * The common snippets (a scalar, a flat list or mapping of scalars, nested under keys) written
 * directly: a run with 50,000 findings renders 50,000 snippets, and the yaml library takes about
 * 0.1 ms each. Anything else: undefined (the library renders it).
 */
function fastYaml(keys: readonly PathStep[], value: unknown, indent = ''): string | undefined {
  if (keys.length > 0) {
    const [k, ...rest] = keys;
    if (typeof k === 'number') return undefined;
    if (typeof k === 'object') {
      const items = Array.isArray(value) ? value : [value];
      const out: string[] = [];
      for (const item of items) {
        const body = fastYaml(rest, item, `${indent}  `);
        if (body === undefined) return undefined;
        out.push(`${indent}- ${body.slice(indent.length + 2)}`);
      }
      return out.join('\n');
    }
    const key = fastScalar(k);
    if (key === undefined) return undefined;
    const scalar = rest.length === 0 ? fastScalar(value) : undefined;
    if (scalar !== undefined) return `${indent}${key}: ${scalar}`;
    const body = fastYaml(rest, value, `${indent}  `);
    return body === undefined ? undefined : `${indent}${key}:\n${body}`;
  }
  const scalar = fastScalar(value);
  if (scalar !== undefined) return `${indent}${scalar}`;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return undefined;
    const out: string[] = [];
    for (const [k, v] of entries) {
      const line = fastYaml([k], v, indent);
      if (line === undefined) return undefined;
      out.push(line);
    }
    return out.join('\n');
  }
  if (Array.isArray(value) && value.length > 0) {
    const out: string[] = [];
    for (const v of value) {
      const s = fastScalar(v);
      if (s === undefined) return undefined;
      out.push(`${indent}- ${s}`);
    }
    return out.join('\n');
  }
  return undefined;
}

/** The YAML snippet of `value` at `steps`. */
export function decideYaml(steps: readonly PathStep[], value: unknown): string {
  // From the last list index on: what can be pasted in place.
  let cut = 0;
  steps.forEach((s, i) => {
    if (typeof s === 'number') cut = i + 1;
  });
  let nested: unknown = value;
  const keys = steps.slice(cut);
  for (let i = keys.length - 1; i >= 0; i--) {
    const k = keys[i]!;
    // An append of a list appends each of its items (applyDecision does the same).
    nested = typeof k === 'object' ? (Array.isArray(nested) ? nested : [nested]) : { [k as string]: nested };
  }
  const body = fastYaml(keys, value) ?? (keys.length === 0 ? stringify(value, { lineWidth: 0 }) : stringify(nested, { lineWidth: 0, flowCollectionPadding: false }));
  const where = cut === 0 ? '' : `# in ${formatDecidePath(steps.slice(0, cut))}:\n`;
  return `${where}${body}`.trimEnd();
}

/** An option for `path` (project notation); the path is normalised to the notation. */
export function option(label: string, path: string | readonly PathStep[], value: unknown): DecideOption {
  const steps = typeof path === 'string' ? parseDecidePath(path) : path;
  if (steps === undefined) throw new Error(`decide: not a project path: ${String(path)}`);
  // `null` removes the key (applyDecision): no value of the project is null.
  if (value === null) return { label, path: formatDecidePath(steps), value, yaml: `# remove ${formatDecidePath(steps)}` };
  return { label, path: formatDecidePath(steps), value, yaml: decideYaml(steps, value) };
}
