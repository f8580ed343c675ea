/**
 * One pass over the project file's YAML nodes, before any value is used (issue 9): where every
 * value sits, duplicate keys (the yaml library's own check is quadratic, so it is off and this
 * one uses a set per mapping), reserved names, aliases that refer to nothing or to their own
 * container, nesting too deep, and the open decisions `init` wrote (a `TODO` value or a `# TODO`
 * comment on a value). Iterative: no recursion over user data.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import { diag, type Diagnostic } from '../model/index.js';
import { formatProjectPath, isTodoValue, RESERVED_NAMES, type ProjectCode } from './schema.js';

type PathKey = string | number;

/** Deeper than this, a project file is refused (the real one nests 4 levels). */
export const MAX_PROJECT_DEPTH = 32;

export interface OpenDecision {
  path: PathKey[];
  line?: number;
  column?: number;
  /** `TODO` as the value, or the text of the `# TODO` comment. */
  marker: string;
  /** True for a `TODO` value (no real value to use); false for a commented value (a placeholder). */
  isValue: boolean;
}

export interface ProjectScan {
  /** Formatted path → position of the key (map entry) or item (list item). */
  positions: Map<string, { line: number; column: number }>;
  /** Formatted path → position of the value (a block value may start on the next line). */
  valuePositions: Map<string, { line: number; column: number }>;
  problems: Diagnostic<ProjectCode>[];
  openDecisions: OpenDecision[];
  /** Line of the first alias, for a resource-exhaustion refusal from `toJS`. */
  firstAliasLine?: number;
}

interface Frame {
  node: unknown;
  path: PathKey[];
  /** formatProjectPath(path), built one segment at a time (formatting whole paths per node costs seconds at 50,000 keys). */
  formatted: string;
  parent?: Frame;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** formatProjectPath's notation, appended: `a` + `b` → `a.b`, + 0 → `a.b[0]`, + `x.y` → `a.b["x.y"]`. */
function appendSegment(formatted: string, k: PathKey): string {
  if (typeof k === 'number') return `${formatted}[${k}]`;
  if (formatted === '') return k;
  return IDENTIFIER.test(k) ? `${formatted}.${k}` : `${formatted}["${k}"]`;
}

const keyText = (k: unknown): string => (isScalar(k) ? String(k.value) : String(k));

export function scanProjectDocument(doc: Document, lc: LineCounter, file: string): ProjectScan {
  const positions = new Map<string, { line: number; column: number }>();
  const valuePositions = new Map<string, { line: number; column: number }>();
  const problems: Diagnostic<ProjectCode>[] = [];
  const openDecisions: OpenDecision[] = [];
  let firstAliasLine: number | undefined;
  const posOf = (n: unknown): { line: number; column: number } | undefined => {
    const start = (n as Node | null)?.range?.[0];
    if (start === undefined) return undefined;
    const p = lc.linePos(start);
    return { line: p.line, column: p.col };
  };
  const problem = (code: ProjectCode, message: string, path: PathKey[], n: unknown, hint?: string) =>
    problems.push(
      diag(code, 'error', message, {
        file,
        ...posOf(n),
        path: formatProjectPath(path),
        ...(hint === undefined ? {} : { hint }),
        subject: formatProjectPath(path),
        // The last step of the path is the key (or name) the finding is about.
        params: { file, path: formatProjectPath(path), key: String(path.at(-1) ?? ''), name: String(path.at(-1) ?? '') },
      }),
    );
  const todoComment = (n: unknown): string | undefined => {
    const c = (n as { comment?: string | null } | null)?.comment;
    return typeof c === 'string' && /^\s*TODO\b/.test(c) ? c.trim() : undefined;
  };
  const noteValue = (n: unknown, path: PathKey[]) => {
    const where = posOf(n);
    if (isScalar(n) && isTodoValue(n.value)) {
      openDecisions.push({ path, ...where, marker: String(n.value).trim(), isValue: true });
      return;
    }
    // A trailing `# TODO` on a scalar or a flow list (`replaces: [a]   # TODO`); block
    // collections carry no trailing comment of their own.
    const comment = todoComment(n);
    if (comment !== undefined && (isScalar(n) || ((isSeq(n) || isMap(n)) && n.flow === true))) {
      openDecisions.push({ path, ...where, marker: comment, isValue: false });
    }
  };

  const stack: Frame[] = [{ node: doc.contents, path: [], formatted: '' }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { node, path } = frame;
    if (path.length > MAX_PROJECT_DEPTH) {
      problem('PROJECT_SYNTAX', `nested more than ${MAX_PROJECT_DEPTH} levels deep; a project file never is`, path, node);
      break;
    }
    if (isAlias(node)) {
      const where = posOf(node);
      firstAliasLine ??= where?.line;
      const target = node.resolve(doc);
      if (target === undefined) {
        problem('PROJECT_ALIAS', `alias *${node.source} refers to no anchor &${node.source} before it`, path, node);
        continue;
      }
      for (let f: Frame | undefined = frame.parent; f !== undefined; f = f.parent) {
        if (f.node === target) {
          problem('PROJECT_ALIAS', `alias *${node.source} refers to the value that contains it (a circular alias)`, path, node);
          break;
        }
      }
      continue;
    }
    if (isMap(node)) {
      const seen = new Map<string, number>();
      const children: Frame[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = keyText(pair.key);
        const p = [...path, key];
        const kpos = posOf(pair.key) ?? posOf(pair.value);
        if (RESERVED_NAMES.has(key)) {
          problem('PROJECT_RESERVED_NAME', `${formatProjectPath(p)}: "${key}" cannot be used as a name in the project file`, p, pair.key);
          continue;
        }
        const first = seen.get(key);
        if (first !== undefined) {
          problem('PROJECT_DUPLICATE_KEY', `${formatProjectPath(p)}: "${key}" is given twice (first on line ${first}); one of them would be ignored`, p, pair.key, 'keep one of them');
          continue;
        }
        seen.set(key, kpos?.line ?? 0);
        const formatted = appendSegment(frame.formatted, key);
        if (kpos !== undefined) positions.set(formatted, kpos);
        const vpos = posOf(pair.value);
        if (vpos !== undefined) valuePositions.set(formatted, vpos);
        noteValue(pair.value, p);
        children.push({ node: pair.value, path: p, formatted, parent: frame });
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
      continue;
    }
    if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i];
        const p = [...path, i];
        const formatted = appendSegment(frame.formatted, i);
        const ipos = posOf(item);
        if (ipos !== undefined) {
          positions.set(formatted, ipos);
          valuePositions.set(formatted, ipos);
        }
        noteValue(item, p);
        stack.push({ node: item, path: p, formatted, parent: frame });
      }
    }
  }
  openDecisions.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { positions, valuePositions, problems, openDecisions, ...(firstAliasLine === undefined ? {} : { firstAliasLine }) };
}
