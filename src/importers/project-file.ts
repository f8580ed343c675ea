/**
 * Loads the migration project file (YAML or JSON): validates it with the schema and the
 * cross-field rules, reports every problem with its path AND file/line, resolves paths against
 * the file's folder and reads passwords from the environment only.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { diag, type Diagnostic } from '../model/diagnostics.js';
import {
  findPasswordKeys,
  formatProjectPath,
  projectFileSchema,
  projectRules,
  type Project,
  type ProjectCode,
  type ProjectFile,
  type ProjectSettingValue,
  type ResolvedProjectSetting,
} from '../model/project.js';
import { Sensitive } from '../model/sensitive.js';
import { looksLikeSecretKey } from '../model/setting-catalog.js';

export interface LoadProjectResult {
  project?: Project;
  projectPath: string;
  projectDir: string;
  /** sha256 hex of the file's bytes (the plan carries it). */
  sha256: string;
  diagnostics: Diagnostic<ProjectCode>[];
}

type Env = Record<string, string | undefined>;
type PathKey = string | number;

/** Reads, validates and resolves a project file. Never throws for a problem in the file. */
export async function loadProject(file: string, env: Env): Promise<LoadProjectResult> {
  const projectPath = path.resolve(file);
  const projectDir = path.dirname(projectPath);
  let bytes: Buffer;
  try {
    bytes = await readFile(projectPath);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String((err as Error).message);
    return {
      projectPath,
      projectDir,
      sha256: '',
      diagnostics: [diag('PROJECT_FILE_UNREADABLE', 'error', `cannot read the project file: ${reason}`, { file: projectPath })],
    };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const result = parseProjectText(bytes.toString('utf8').replace(/^\uFEFF/, ''), { file: projectPath, projectDir, env });
  return { ...result, projectPath, projectDir, sha256 };
}

/** The pure part of loadProject: text → validated, resolved project and its diagnostics. */
function parseProjectText(
  text: string,
  opts: { file: string; projectDir: string; env: Env },
): { project?: Project; diagnostics: Diagnostic<ProjectCode>[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const diagnostics: Diagnostic<ProjectCode>[] = [];
  const at = (pathKeys: PathKey[], key?: string): { file: string; line?: number; column?: number; path: string } => {
    const pos = positionOf(doc, lineCounter, pathKeys, key);
    return { file: opts.file, ...pos, path: formatProjectPath(key === undefined ? pathKeys : [...pathKeys, key]) };
  };
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const pos = lineCounter.linePos(e.pos[0]);
      diagnostics.push(
        diag('PROJECT_SYNTAX', 'error', `not valid YAML/JSON: ${e.message.split('\n')[0]}`, { file: opts.file, line: pos.line, column: pos.col }),
      );
    }
    return { diagnostics };
  }
  const raw: unknown = doc.toJS();
  for (const p of findPasswordKeys(raw)) {
    diagnostics.push(
      diag('PROJECT_PASSWORD_IN_FILE', 'error', `${formatProjectPath(p)}: a password may not be written in the project file`, {
        ...at(p),
        hint: 'name an environment variable with passwordEnv instead (passwords come only from the environment or a prompt)',
      }),
    );
  }
  const parsed = projectFileSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // A `password:` key is already reported above as what it is, not as an unknown key.
      if (issue.code === 'unrecognized_keys') {
        const keys = issue.keys.filter((k) => k.toLowerCase() !== 'password');
        if (keys.length > 0) diagnostics.push(...issueDiagnostics({ ...issue, keys }, at));
        continue;
      }
      diagnostics.push(...issueDiagnostics(issue, at));
    }
    return { diagnostics };
  }
  for (const issue of projectRules(parsed.data)) {
    const where = at(issue.path);
    diagnostics.push(
      diag(issue.code, 'error', `${where.path}: ${issue.message}`, issue.hint === undefined ? where : { ...where, hint: issue.hint }),
    );
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const project = resolveProject(parsed.data, opts.projectDir, opts.env, (code, message, p) =>
    diagnostics.push(diag(code, 'info', `${formatProjectPath(p)}: ${message}`, at(p))),
  );
  return { project, diagnostics };
}

/**
 * Turns a schema-valid file into a Project: resolves paths against `projectDir`, reads every
 * `passwordEnv` and `{ env: NAME }` from `env` and wraps it (a password is never kept as text).
 */
export function resolveProject(
  file: ProjectFile,
  projectDir: string,
  env: Env,
  report: (code: ProjectCode, message: string, path: PathKey[]) => void = () => {},
): Project {
  const secretFromEnv = (name: string, p: PathKey[], code: ProjectCode): Sensitive | undefined => {
    const v = env[name];
    if (v === undefined || v === '') {
      report(code, `environment variable ${name} is not set`, p);
      return undefined;
    }
    return new Sensitive(v);
  };
  const resolveSetting = (key: string, value: ProjectSettingValue, p: PathKey[]): ResolvedProjectSetting => {
    const where = formatProjectPath(p);
    if (typeof value === 'object') {
      return { value: secretFromEnv(value.env, p, 'PROJECT_SETTING_ENV_UNSET'), type: 'secret', path: where };
    }
    if (typeof value === 'boolean') return { value: value ? '1' : '0', type: 'bool', path: where };
    if (typeof value === 'number') return { value: String(value), type: Number.isInteger(value) ? 'int' : 'text', path: where };
    return { value, type: looksLikeSecretKey(key) ? 'secret' : 'text', path: where };
  };
  const resolveMap = (m: Record<string, ProjectSettingValue>, base: PathKey[]): Record<string, ResolvedProjectSetting> =>
    Object.fromEntries(Object.entries(m).map(([k, v]) => [k, resolveSetting(k, v, [...base, k])]));
  const { settings, target, redis, ...rest } = file;
  return {
    ...rest,
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
            password:
              redis.passwordEnv === undefined ? undefined : secretFromEnv(redis.passwordEnv, ['redis', 'passwordEnv'], 'PROJECT_PASSWORD_ENV_UNSET'),
          },
  };
}

type At = (p: PathKey[], key?: string) => { file: string; line?: number; column?: number; path: string };

/** One plain-language diagnostic per zod issue (one per key for unknown keys). */
function issueDiagnostics(issue: z.core.$ZodIssue, at: At): Diagnostic<ProjectCode>[] {
  const p = issue.path.filter((k): k is PathKey => typeof k !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const where = at(p, key);
      return diag('PROJECT_UNKNOWN_KEY', 'error', `${where.path}: unknown key "${key}"`, {
        ...where,
        hint: 'check the spelling against the project file reference; unknown keys are never ignored',
      });
    });
  }
  const where = at(p);
  let message = issue.message;
  if (issue.code === 'invalid_type' && issue.input === undefined) message = 'required';
  else if (issue.code === 'invalid_type' && message.startsWith('Invalid input')) message = `expected ${issue.expected}`;
  return [diag('PROJECT_INVALID', 'error', `${where.path}: ${message}`, where)];
}

/** Line/column of the node at `pathKeys` (or of the key `key` inside it); nearest existing ancestor otherwise. */
function positionOf(doc: Document, lc: LineCounter, pathKeys: PathKey[], key?: string): { line?: number; column?: number } {
  let node: unknown = doc.contents;
  let best: Node | undefined = isNode(node) ? node : undefined;
  const keys = key === undefined ? pathKeys : [...pathKeys, key];
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const last = i === keys.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((it) => (isScalar(it.key) ? String(it.key.value) : String(it.key)) === String(k));
      if (pair === undefined) break;
      // An unknown key points at the key itself; a bad value at its value.
      const target: unknown = last && key !== undefined ? pair.key : (pair.value ?? pair.key);
      if (isNode(target)) best = target;
      node = pair.value;
    } else if (isSeq(node) && typeof k === 'number') {
      const item: unknown = node.items[k];
      if (!isNode(item)) break;
      best = item;
      node = item;
    } else break;
  }
  const start = best?.range?.[0];
  if (start === undefined) return {};
  const pos = lc.linePos(start);
  return { line: pos.line, column: pos.col };
}

function isNode(n: unknown): n is Node {
  return n !== null && typeof n === 'object' && 'range' in n;
}
