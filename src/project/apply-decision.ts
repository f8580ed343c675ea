/**
 * Applies one decide option to the project file's text, mechanically (docs/decide.md): sets the
 * value at the option's path (the `# TODO` comment of the value it replaces goes with it), or
 * appends it to the list a trailing `[]` names, creating the list (a list value appends each of
 * its items: no list of the project holds lists). Every other line, comment and key order of the
 * file stays as it was; a `null` value removes the key. Used by the tests that apply the first option of every finding, and by
 * `init` to write what it cannot decide as an open decision (`todo`: a `# TODO` comment on it).
 */
import { isSeq, parseDocument, type Document, type YAMLSeq } from 'yaml';
import type { DecideOption } from '../model/index.js';
import { parseDecidePath, type PathStep } from './decide-path.js';

type KeyStep = Exclude<PathStep, { append: true }>;

const isScalar = (v: unknown): boolean => v === null || typeof v !== 'object';

/** A list of scalars, or a mapping of scalars, is written in flow style (`[a, b]`, `{ from: x }`), as `init` writes them. */
function node(doc: Document, value: unknown, todo: string | undefined) {
  const flow = (Array.isArray(value) && value.every(isScalar)) || (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every(isScalar));
  const n = doc.createNode(value, { flow });
  // A trailing comment is an open decision only on a scalar or a flow collection (project-scan.ts).
  if (todo !== undefined && (flow || isScalar(value))) n.comment = ` TODO: ${todo.replace(/[\r\n]+/g, ' ')}`;
  return n;
}

/**
 * The project text with `option` applied; with `todo`, the value is marked `# TODO: <todo>` (an
 * open decision init leaves to the consultant). Throws when the path is no project path.
 */
export function applyDecision(projectYamlText: string, option: Pick<DecideOption, 'path' | 'value'>, opts: { todo?: string } = {}): string {
  const steps = parseDecidePath(option.path);
  if (steps === undefined) throw new Error(`applyDecision: not a project path: ${option.path}`);
  const doc = parseDocument(projectYamlText, { uniqueKeys: false });
  if (doc.errors.length > 0) throw new Error(`applyDecision: the project text is not valid YAML: ${doc.errors[0]!.message}`);
  const last = steps[steps.length - 1]!;
  if (typeof last === 'object') {
    const parent = steps.slice(0, -1) as KeyStep[];
    const items = Array.isArray(option.value) ? option.value : [option.value];
    ensureParents(doc, parent);
    const list = doc.getIn(parent, true);
    if (isSeq(list) && !(list.flow === true && list.items.length === 0)) {
      for (const item of items) list.add(node(doc, item, opts.todo));
    } else {
      // Absent, or an empty `[]`: a block list reads best for entries.
      const seq = doc.createNode([]) as YAMLSeq;
      for (const item of items) seq.add(node(doc, item, opts.todo));
      doc.setIn(parent, seq);
    }
  } else if (option.value === null) {
    // `null` removes the key (no value of the project is null): a misspelt key, a setting left to the sources.
    doc.deleteIn(steps as KeyStep[]);
  } else {
    const keys = steps as KeyStep[];
    ensureParents(doc, keys);
    doc.setIn(keys, node(doc, option.value, opts.todo));
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** A parent that is no collection (`accept:` left empty, `settings:` with nothing under it) becomes one. */
function ensureParents(doc: Document, keys: readonly KeyStep[]): void {
  for (let i = 1; i < keys.length; i++) {
    const at = doc.getIn(keys.slice(0, i), true) as unknown;
    const isCollection = at !== null && typeof at === 'object' && 'items' in (at as object);
    if (at !== undefined && !isCollection) doc.setIn(keys.slice(0, i), doc.createNode(typeof keys[i] === 'number' ? [] : {}));
  }
}
