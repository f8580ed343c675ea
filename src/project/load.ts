/**
 * Loads the migration project file (YAML or JSON): validates it with the schema and the
 * cross-field rules, reports every problem with its path AND file/line, resolves paths against
 * the file's folder and reads passwords from the environment only.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { diag, type Diagnostic } from '../model/index.js';
import {
  findPasswordKeys,
  formatProjectPath,
  projectFileSchema,
  projectRules,
  type Project,
  type ProjectCode,
  type ProjectFile,
  type ProjectPositions,
  type OpenValue,
  type ProjectSettingValue,
  type ResolvedProjectSetting,
} from './schema.js';
import { closestName, didYouMean } from '../model/index.js';
import { Sensitive } from '../model/index.js';
import { UnsetSecret } from '../model/index.js';
import { knownSetting, looksLikeSecretKey } from '../model/index.js';
import { decodeText } from '../io/index.js';
import { MAX_PROJECT_DEPTH, scanProjectDocument, type OpenDecision, type ProjectScan } from './scan.js';
import { readGuarded } from '../io/index.js';
import { reportProjectInvisibleCharacters } from './invisible-characters.js';

export interface LoadProjectResult {
  project?: Project;
  projectPath: string;
  projectDir: string;
  /** sha256 hex of the file's bytes (the plan carries it). */
  sha256: string;
  diagnostics: Diagnostic<ProjectCode>[];
  /** Line and column of every key of a valid project file (provenance of the values it decides). */
  positions?: ProjectPositions;
  /** The UTF-8 text the project was read from (no BOM): what the decide registry edits, never read twice. */
  text?: string;
}

type Env = Record<string, string | undefined>;
type PathKey = string | number;

/** A project file larger than this is refused unread (50,000 settings take about 2 MB). */
export const MAX_PROJECT_FILE_BYTES = 64 * 1024 * 1024;
/** How many values YAML aliases may expand to in total: far above any real file, far below a bomb. */
export const MAX_ALIAS_COUNT = 1000;

/** Reads, validates and resolves a project file. Never throws for a problem in the file. */
export async function loadProject(file: string, env: Env): Promise<LoadProjectResult> {
  const projectPath = path.resolve(file);
  const projectDir = path.dirname(projectPath);
  // Findings inside the file name it as the mapper's findings, the plan and the report do: by its
  // name (relative to the project's folder), with line and column, so artifacts that travel carry
  // no local path. Only a file that cannot be read at all is named by its full path.
  const shown = path.basename(projectPath);
  const refused = (code: ProjectCode, message: string, where: { line?: number; column?: number; hint?: string } = {}): LoadProjectResult => ({
    projectPath,
    projectDir,
    sha256: '',
    diagnostics: [diag(code, 'error', message, { file: code === 'PROJECT_FILE_UNREADABLE' ? projectPath : shown, subject: 'project', params: { file: shown }, ...where })],
  });
  // The one read guard: a FIFO or /dev/urandom would hang the read, /dev/zero grow without end.
  const read = await readGuarded(projectPath, { maxBytes: MAX_PROJECT_FILE_BYTES });
  if (!read.ok) {
    return refused('PROJECT_FILE_UNREADABLE', read.kind === 'not-found' ? 'cannot read the project file: file not found' : `the project file ${read.problem}; nothing was read`);
  }
  const bytes = read.bytes;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const decoded = decodeText(bytes);
  if (!decoded.ok || decoded.encoding === 'utf-16le' || decoded.encoding === 'utf-16be') {
    const what = decoded.ok ? `UTF-16 (${decoded.encoding === 'utf-16le' ? 'LE' : 'BE'})` : decoded.message;
    const at: { line?: number; column?: number } =
      decoded.ok || decoded.line === undefined ? {} : { line: decoded.line, ...(decoded.column === undefined ? {} : { column: decoded.column }) };
    return {
      ...refused('PROJECT_FILE_ENCODING', `the project file is ${what}${at.line === undefined ? '' : ` (line ${at.line})`}; it must be UTF-8, nothing in it is read`, {
        ...at,
        hint: 'save it as UTF-8 (a byte-order mark is fine); Windows-1252 umlauts such as "München" are the usual cause',
      }),
      sha256,
    };
  }
  const text = decoded.text.replace(/^\uFEFF/, '');
  const result = parseProjectText(text, { file: shown, projectDir, env });
  return { ...result, projectPath, projectDir, sha256, text };
}

type Parsed = { project?: Project; positions?: ProjectPositions; diagnostics: Diagnostic<ProjectCode>[] };

const TOO_DEEP = /Maximum call stack size exceeded|too much recursion/i;

/** Nesting too deep for the parser (thousands of `[` or indentation levels): one plain error, with the line where it gave up. */
function tooDeep(file: string, line?: number, column?: number): Diagnostic<ProjectCode> {
  return diag('PROJECT_SYNTAX', 'error', `the project file is nested too deep (limit ${MAX_PROJECT_DEPTH} levels); nothing in it is used`, {
    file,
    ...(line === undefined ? {} : { line }),
    ...(column === undefined ? {} : { column }),
    hint: 'a project file nests a few levels (servers › settings › value): this one is damaged or generated',
    params: { limit: MAX_PROJECT_DEPTH },
  });
}

/** The pure part of loadProject: text → validated, resolved project and its diagnostics. Never throws. */
function parseProjectText(text: string, opts: { file: string; projectDir: string; env: Env }): Parsed {
  try {
    return parseProjectDocument(text, opts);
  } catch (err) {
    // The yaml library or the schema gave up on something this loader did not foresee: still a plain refusal.
    const message = String((err as Error)?.message ?? err).split('\n')[0];
    if (TOO_DEEP.test(message ?? '')) return { diagnostics: [tooDeep(opts.file)] };
    return { diagnostics: [diag('PROJECT_SYNTAX', 'error', `the project file cannot be read: ${message}`, { file: opts.file, subject: 'project', params: { file: opts.file } })] };
  }
}

function parseProjectDocument(text: string, opts: { file: string; projectDir: string; env: Env }): Parsed {
  const lineCounter = new LineCounter();
  // uniqueKeys off: its check is quadratic in the keys of a mapping; scanProjectDocument does it with a set.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const diagnostics: Diagnostic<ProjectCode>[] = [];
  if (doc.errors.length > 0) {
    for (const e of doc.errors.slice(0, 20)) {
      const pos = lineCounter.linePos(e.pos[0]);
      // The parser recurses per level: thousands of levels end its stack (issue 20), said plainly, once.
      if (TOO_DEEP.test(e.message)) {
        return { diagnostics: [tooDeep(opts.file, pos.line, pos.col)] };
      }
      diagnostics.push(
        diag('PROJECT_SYNTAX', 'error', `not valid YAML/JSON: ${e.message.split('\n')[0]}`, { file: opts.file, line: pos.line, column: pos.col, subject: 'project', params: { file: opts.file } }),
      );
    }
    return { diagnostics };
  }
  const scan = scanProjectDocument(doc, lineCounter, opts.file);
  if (scan.problems.length > 0) return { diagnostics: scan.problems };
  const at = (pathKeys: PathKey[], key?: string): { file: string; line?: number; column?: number; path: string } => {
    const full = key === undefined ? pathKeys : [...pathKeys, key];
    return { file: opts.file, ...positionOf(scan, full, key !== undefined), path: formatProjectPath(full) };
  };
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    const message = String((err as Error).message);
    const bomb = /alias count|resource exhaustion/i.test(message);
    return {
      diagnostics: [
        diag(
          'PROJECT_ALIAS',
          'error',
          bomb ? `the YAML aliases expand to more than ${MAX_ALIAS_COUNT} values (an alias bomb?); nothing in the file is used` : `a YAML alias cannot be resolved: ${message.split('\n')[0]}`,
          {
            file: opts.file,
            ...(scan.firstAliasLine === undefined ? {} : { line: scan.firstAliasLine }),
            hint: 'write the values out instead of using anchors (&) and aliases (*)',
            subject: 'project',
            params: { file: opts.file, path: `line ${scan.firstAliasLine ?? 1}`, ...(bomb ? { limit: MAX_ALIAS_COUNT } : {}) },
          },
        ),
      ],
    };
  }
  const open = scan.openDecisions.map((d) => openDecisionDiagnostic(d, opts.file));
  const openValues = dropTodoValues(raw, scan.openDecisions);
  for (const p of findPasswordKeys(raw)) {
    diagnostics.push(
      diag('PROJECT_PASSWORD_IN_FILE', 'error', `${formatProjectPath(p)}: a password may not be written in the project file`, {
        ...at(p),
        hint: 'name an environment variable with passwordEnv instead (passwords come only from the environment or a prompt)',
        subject: formatProjectPath(p),
        params: { path: formatProjectPath(p) },
      }),
    );
  }
  // An empty file or a list is no project: say so instead of `(root): required`.
  if (raw === null || raw === undefined || typeof raw !== 'object' || Array.isArray(raw)) {
    const what = raw === null || raw === undefined ? 'is empty' : Array.isArray(raw) ? 'is a YAML list' : `holds only a ${typeof raw}`;
    diagnostics.push(
      diag('PROJECT_INVALID', 'error', `the project file ${what}; it must be a mapping with name:, sources: and servers:`, {
        ...at([]),
        hint: 'start one with `procall-migrate init <export…> --out procall-migrate.yaml`',
        subject: 'project',
        params: { file: opts.file, path: '(root)' },
      }),
    );
    return { diagnostics };
  }
  // A file with no project key at all is not a project (`-p /etc/passwd`, or a plan naming such a file): one
  // error, and none of its lines echoed back as an "unknown key" (issue 20).
  const topKeys = Object.keys(raw);
  const known = new Set(knownKeysAt(projectFileSchema, []));
  if (topKeys.length > 0 && !topKeys.some((k) => known.has(k))) {
    return {
      diagnostics: [
        diag('PROJECT_NOT_A_PROJECT', 'error', `the file is not a procall-migrate project file: none of its ${topKeys.length} top-level keys is a project key (name:, sources:, servers:, …); nothing in it is shown or used`, {
          file: opts.file,
          hint: 'check the path given with -p (or the project the plan names); a project file starts with name:, sources: and servers:',
          params: { keys: topKeys.length },
        }),
      ],
    };
  }
  // Bidi controls and zero-width characters in any key or value: warned with path and position (issue 20).
  reportProjectInvisibleCharacters(raw, at, diagnostics);
  // reportInput: an issue tells a missing value from a wrong one (`maxUsers: "60"` is text, not absent).
  const parsed = projectFileSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const said = new Set<string>();
    for (const issue of parsed.error.issues.slice(0, 1000)) {
      // A `password:` key is already reported above as what it is, not as an unknown key.
      if (issue.code === 'unrecognized_keys') {
        const keys = issue.keys.filter((k) => k.toLowerCase() !== 'password');
        if (keys.length > 0) diagnostics.push(...issueDiagnostics({ ...issue, keys }, at));
        continue;
      }
      // One value can fail two checks with the same words (`.int()` and `.max()` on 10^20): said once.
      for (const d of issueDiagnostics(issue, at)) {
        const key = `${d.path ?? ''}\u0000${d.message}`;
        if (!said.has(key)) diagnostics.push(d);
        said.add(key);
      }
    }
    return { diagnostics: [...diagnostics, ...open] };
  }
  for (const issue of projectRules(parsed.data)) {
    const where = at(issue.path);
    diagnostics.push(
      diag(issue.code, 'error', `${where.path}: ${issue.message}`, {
        ...where,
        ...(issue.hint === undefined ? {} : { hint: issue.hint }),
        subject: where.path,
        params: { path: where.path, ...issue.params },
      }),
    );
  }
  // Open decisions refuse every command that produces something, but the project is still
  // returned so import and mapping can run for `report --draft`.
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics: [...diagnostics, ...open] };
  const positions: ProjectPositions = { file: path.basename(opts.file), at: scan.positions };
  const project = resolveProject(
    parsed.data,
    opts.projectDir,
    opts.env,
    (code, message, p, extra) =>
      diagnostics.push(
        diag(code, extra?.severity ?? 'info', `${formatProjectPath(p)}: ${message}`, {
          ...at(p),
          ...(extra?.hint === undefined ? {} : { hint: extra.hint }),
          subject: formatProjectPath(p),
          params: { path: formatProjectPath(p), ...extra?.params },
        }),
      ),
    positions,
  );
  return { project: openValues.length === 0 ? project : { ...project, openValues }, positions, diagnostics: [...diagnostics, ...open] };
}

/** `servers[0].fqdn: open decision …` with the line of the value. */
function openDecisionDiagnostic(d: OpenDecision, file: string): Diagnostic<ProjectCode> {
  const where = formatProjectPath(d.path);
  const message = d.isValue ? `${where}: open decision: the value is still ${d.marker}` : `${where}: open decision: marked "# ${d.marker}"`;
  return diag('PROJECT_OPEN_DECISION', 'error', message, {
    file,
    ...(d.line === undefined ? {} : { line: d.line }),
    ...(d.column === undefined ? {} : { column: d.column }),
    path: where,
    subject: where,
    params: { path: where, marker: d.marker },
    hint: d.isValue
      ? 'write the decided value in place of TODO; until then only `report --draft` renders'
      : 'check the value, then delete the "# TODO" comment; until then only `report --draft` renders',
  });
}

/**
 * A setting (or userStore) whose value is `TODO` has no value yet: it is left out, so the draft
 * shows the sources' finding it is to decide instead of deciding it with the word TODO.
 */
function dropTodoValues(raw: unknown, open: readonly OpenDecision[]): OpenValue[] {
  const dropped: OpenValue[] = [];
  for (const d of open) {
    if (!d.isValue) continue;
    const inSettings = d.path[0] === 'settings' && (d.path.length === 3 || d.path.length === 4);
    if (!inSettings && !(d.path.length === 1 && d.path[0] === 'userStore')) continue;
    if (!inSettings) dropped.push({ kind: 'userStore' });
    else if (d.path.length === 3 && d.path[1] === 'global') dropped.push({ kind: 'setting', key: String(d.path[2]) });
    else if (d.path.length === 4 && d.path[1] === 'local') dropped.push({ kind: 'setting', key: String(d.path[3]), server: String(d.path[2]) });
    let parent: unknown = raw;
    for (const k of d.path.slice(0, -1)) parent = parent !== null && typeof parent === 'object' ? (parent as Record<PathKey, unknown>)[k] : undefined;
    if (parent !== null && typeof parent === 'object' && !Array.isArray(parent)) delete (parent as Record<PathKey, unknown>)[d.path[d.path.length - 1]!];
  }
  return dropped;
}

/**
 * Turns a schema-valid file into a Project: resolves paths against `projectDir`, reads every
 * `passwordEnv` and `{ env: NAME }` from `env` and wraps it (a password is never kept as text).
 */
export function resolveProject(
  file: ProjectFile,
  projectDir: string,
  env: Env,
  report: (code: ProjectCode, message: string, path: PathKey[], extra?: { severity?: 'info' | 'warning'; hint?: string; params?: Record<string, string> }) => void = () => {},
  positions?: ProjectPositions,
): Project {
  const secretFromEnv = (name: string, p: PathKey[], code: ProjectCode): Sensitive | undefined => {
    const v = env[name];
    if (v === undefined || v === '') {
      report(code, `environment variable ${name} is not set`, p, { params: { env: name } });
      return undefined;
    }
    return new Sensitive(v);
  };
  const resolveSetting = (key: string, value: ProjectSettingValue, p: PathKey[]): ResolvedProjectSetting => {
    const where = formatProjectPath(p);
    const pos = positions?.at.get(where);
    const origin = positions === undefined ? {} : { file: positions.file, ...(pos === undefined ? {} : { line: pos.line, column: pos.column }) };
    if (typeof value === 'object') {
      // Unset: planned with a stand-in (plan, report, script and rollout need no secret); migrate and apply refuse.
      const v = env[value.env];
      if (v === undefined || v === '') {
        report('PROJECT_SETTING_ENV_UNSET', `environment variable ${value.env} is not set: apply/migrate will need it (plan, report, script and rollout go on without it)`, p, {
          severity: 'warning',
          hint: `set ${value.env} on the machine that runs migrate or apply; the SQL script takes the value as a sqlcmd variable instead`,
          params: { key, env: value.env },
        });
        return { value: new UnsetSecret(value.env), type: 'secret', path: where, written: 'env', ...origin };
      }
      return { value: new Sensitive(v), type: 'secret', path: where, written: 'env', ...origin };
    }
    if (typeof value === 'boolean') return { value: value ? '1' : '0', type: 'bool', path: where, written: 'boolean', ...origin };
    if (typeof value === 'number') return { value: String(value), type: Number.isInteger(value) ? 'int' : 'text', path: where, written: 'number', ...origin };
    return { value, type: looksLikeSecretKey(key) || knownSetting(key)?.type === 'secret' ? 'secret' : 'text', path: where, written: 'text', ...origin };
  };
  const resolveMap = (m: Record<string, ProjectSettingValue>, base: PathKey[]): Record<string, ResolvedProjectSetting> =>
    Object.fromEntries(Object.entries(m).map(([k, v]) => [k, resolveSetting(k, v, [...base, k])]));
  const { settings, target, redis, ...rest } = file;
  return {
    ...rest,
    ...(positions === undefined ? {} : { positions }),
    sourcePaths: file.sources.map((s) => path.resolve(projectDir, s)),
    mappingPath: file.homeServers.mapping === undefined ? undefined : path.resolve(projectDir, file.homeServers.mapping),
    settings: {
      global: resolveMap(settings.global, ['settings', 'global']),
      local: Object.fromEntries(Object.entries(settings.local).map(([srv, m]) => [srv, resolveMap(m, ['settings', 'local', srv])])),
    },
    target:
      target === undefined
        ? undefined
        : {
            ...target,
            password:
              target.passwordEnv === undefined ? undefined : secretFromEnv(target.passwordEnv, ['target', 'passwordEnv'], 'PROJECT_PASSWORD_ENV_UNSET'),
          },
    redis:
      redis === undefined
        ? undefined
        : {
            ...redis,
            ...(redis.caFile === undefined ? {} : { caFile: path.resolve(projectDir, redis.caFile) }),
            password:
              redis.passwordEnv === undefined ? undefined : secretFromEnv(redis.passwordEnv, ['redis', 'passwordEnv'], 'PROJECT_PASSWORD_ENV_UNSET'),
          },
  };
}

type At = (p: PathKey[], key?: string) => { file: string; line?: number; column?: number; path: string };

type SchemaNode = { maxValue?: number | null; _zod?: { def: { type: string; innerType?: SchemaNode; in?: SchemaNode; shape?: Record<string, SchemaNode>; element?: SchemaNode; valueType?: SchemaNode; options?: SchemaNode[] } } } | undefined;

/**
 * The schema node at `path`, through optional, default and pipe wrappers (they hold the schema
 * that has the shape); `records`: also into a record's values. Undefined where the path leaves the schema.
 */
function schemaNodeAt(schema: z.ZodType, path: readonly PathKey[], records: boolean): SchemaNode {
  let node = schema as unknown as SchemaNode;
  const unwrap = (): void => {
    for (let i = 0; i < 10; i++) {
      const def = node?._zod?.def;
      if (def?.innerType) node = def.innerType;
      else if (def?.type === 'pipe' && def.in) node = def.in;
      else return;
    }
  };
  unwrap();
  for (const key of path) {
    const def = node?._zod?.def;
    if (def?.type === 'object') node = def.shape?.[String(key)];
    else if (def?.type === 'array') node = def.element;
    else if (records && def?.type === 'record') node = def.valueType;
    else return undefined;
    unwrap();
  }
  return node;
}

/** The keys the project schema knows at `path` (`servers[0]` → name, fqdn, …), for a did-you-mean. */
export function knownKeysAt(schema: z.ZodType, path: readonly PathKey[]): string[] {
  const def = schemaNodeAt(schema, path, false)?._zod?.def;
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

/** The largest number the schema accepts at `path` (its `.max()`), or 2^53 − 1 for a number without one; undefined when no number is expected there. */
function numberLimitAt(schema: z.ZodType, path: readonly PathKey[]): number | undefined {
  const node = schemaNodeAt(schema, path, true);
  const def = node?._zod?.def;
  if (def?.type === 'number') return typeof node?.maxValue === 'number' && Number.isFinite(node.maxValue) ? node.maxValue : Number.MAX_SAFE_INTEGER;
  if (def?.type === 'union' && def.options?.some((o) => o?._zod?.def.type === 'number')) return Number.MAX_SAFE_INTEGER;
  return undefined;
}

/** One plain-language diagnostic per zod issue (one per key for unknown keys). */
function issueDiagnostics(issue: z.core.$ZodIssue, at: At): Diagnostic<ProjectCode>[] {
  const p = issue.path.filter((k): k is PathKey => typeof k !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const where = at(p, key);
      const suggestion = closestName(key, knownKeysAt(projectFileSchema, p));
      return diag('PROJECT_UNKNOWN_KEY', 'error', `${where.path}: unknown key "${key}"${didYouMean(key, knownKeysAt(projectFileSchema, p))}`, {
        ...where,
        subject: where.path,
        params: { key, path: where.path, ...(suggestion === undefined ? {} : { suggestion }) },
        hint: 'check the spelling against the project file reference; unknown keys are never ignored',
      });
    });
  }
  const where = at(p);
  let message = issue.message;
  // 400 digits parse as Infinity (or past 2^53): "too large", with the field's own limit (issue 20).
  const tooLargeFor = typeof issue.input === 'number' ? numberLimitAt(projectFileSchema, p) : undefined;
  if (tooLargeFor !== undefined && typeof issue.input === 'number' && (!Number.isFinite(issue.input) || Math.abs(issue.input) > tooLargeFor)) {
    message = `too large (at most ${tooLargeFor})`;
  } else if (issue.code === 'invalid_type' && issue.input === undefined) message = 'required';
  else if (issue.code === 'invalid_type' && issue.expected === 'number' && typeof issue.input === 'string') {
    // A number written in quotes: say plainly what to change (the text itself may be anything, so it is not repeated).
    message = /^\s*-?\d+(\.\d+)?\s*$/.test(issue.input) ? `${message}: a number, not text — write ${issue.input.trim()} without quotes` : `${message}: a number, not text`;
  } else if (issue.code === 'invalid_type' && message.startsWith('Invalid input')) message = `expected ${issue.expected}`;
  else if (issue.code === 'invalid_value' && typeof issue.input === 'string') {
    // `userStore: MSSQL`: the right word in the wrong case is not "file-based … not supported".
    const input = issue.input;
    const meant = issue.values.find((v): v is string => typeof v === 'string' && v.toLowerCase() === input.trim().toLowerCase());
    if (meant !== undefined) message = `expected ${meant} in lower case, not "${input}"`;
  }
  // What the schema expected, as data: a type (`number`), or the values it allows.
  const expected: Record<string, string | string[]> =
    issue.code === 'invalid_type' ? { expected: String(issue.expected) } : issue.code === 'invalid_value' ? { values: issue.values.filter((v): v is string => typeof v === 'string') } : {};
  return [diag('PROJECT_INVALID', 'error', `${where.path}: ${message}`, { ...where, subject: where.path, params: { path: where.path, reason: message, ...expected } })];
}

/** Line/column of the value at `pathKeys` (or of its key, for an unknown key); nearest known ancestor otherwise. */
function positionOf(scan: ProjectScan, pathKeys: PathKey[], ofKey: boolean): { line?: number; column?: number } {
  for (let n = pathKeys.length; n >= 0; n--) {
    const p = formatProjectPath(pathKeys.slice(0, n));
    const pos = (ofKey && n === pathKeys.length ? scan.positions : scan.valuePositions).get(p) ?? scan.positions.get(p);
    if (pos !== undefined) return { line: pos.line, column: pos.column };
  }
  return {};
}
