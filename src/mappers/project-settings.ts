/**
 * The project's `settings:` checked like an export's (migration-project.md, "Settings in the
 * project are checked like settings in an export"): a key must be one the catalog or a source
 * knows — otherwise an error naming the closest known key — and its value must have the key's
 * type (the catalog's, else the sources'), with the project file's line. Rules on values (UNC
 * path, at most 25 MB) are datacenter-rules.ts's, which point at the same line.
 */
import type { SourcePosition } from '../model/index.js';
import { closestName } from '../model/index.js';
import type { Project, ResolvedProjectSetting } from '../project/index.js';
import { Sensitive } from '../model/index.js';
import { inOpenFamily, KNOWN_SETTINGS, knownSetting, type KnownSettingType } from '../model/index.js';
import { lc, type MapContext } from './context.js';

/** Suggestions are searched for this many unknown keys; beyond that the message names none (bounded work). */
const MAX_SUGGESTIONS = 200;

/** Where a project setting is written, for a diagnostic. */
export function projectSettingWhere(s: ResolvedProjectSetting): SourcePosition {
  return { path: s.path, ...(s.file === undefined ? {} : { file: s.file }), ...(s.line === undefined ? {} : { line: s.line }), ...(s.column === undefined ? {} : { column: s.column }) };
}

/** A project path (`servers[0].replaces[1]`) with the project file's line where the loader knows it. */
export function projectWhere(project: Project, path: string): SourcePosition {
  const pos = project.positions?.at.get(path);
  return { path, ...(pos === undefined || project.positions === undefined ? {} : { file: project.positions.file, line: pos.line, column: pos.column }) };
}

export function checkProjectSettings(ctx: MapContext): void {
  // The sources' keys (their spelling and type), known because a source has them; a key any source holds as a secret is one.
  const sourceKeys = sourceKeyIndex(ctx);
  const candidates = [...Object.keys(KNOWN_SETTINGS), ...[...sourceKeys.values()].map((s) => s.key)];
  let suggested = 0;
  const suggest = (key: string): string | undefined => (suggested++ < MAX_SUGGESTIONS ? closestName(key, candidates) : undefined);

  const check = (key: string, s: ResolvedProjectSetting): void => {
    const known = knownSetting(key) ?? sourceKeys.get(lc(key));
    if (known === undefined) {
      const near = suggest(key);
      // An open family accepts a key it does not list, unless it is a near miss of one it does.
      if (inOpenFamily(key) && near === undefined) return;
      ctx.error('MAP_PROJECT_SETTING_UNKNOWN', `${s.path}: "${key}" is a setting key neither the catalog nor any source knows${near === undefined ? '' : ` (did you mean ${near}?)`}`, {
        ...projectSettingWhere(s),
        hint: near === undefined ? 'check the spelling against the setting catalog (docs) and the sources (`inspect`)' : `write ${near}`,
        subject: s.path,
        params: { key, path: s.path, ...(near === undefined ? {} : { suggestion: near }) },
      });
      return;
    }
    if (known.key !== key) {
      // Keys compare case-insensitively: the row is written in the known spelling (settings.ts), said once here.
      const whose = knownSetting(key) === undefined ? "the sources'" : "the catalog's";
      ctx.info('MAP_PROJECT_SETTING_SPELLING', `${s.path}: "${key}" is written as ${known.key} (${whose} spelling; setting keys ignore case)`, {
        ...projectSettingWhere(s),
        hint: `write ${known.key} in the project file`,
        subject: s.path,
        params: { key, spelling: known.key, path: s.path },
      });
    }
    // The catalog's or any source's `secret` type makes the key a secret: only { env: … } may give it.
    const type: KnownSettingType = known.type === 'secret' || sourceKeys.get(lc(key))?.type === 'secret' ? 'secret' : known.type;
    const problem = typeProblem(type, s);
    if (problem !== undefined) {
      ctx.error('MAP_PROJECT_SETTING_TYPE', `${s.path}: ${problem}`, {
        ...projectSettingWhere(s),
        hint: type === 'secret' ? 'write { env: VARIABLE } and set that variable' : `write a value of type ${type}`,
        subject: s.path,
        params: { key, type, path: s.path },
      });
    }
  };
  for (const [key, s] of Object.entries(ctx.project.settings.global)) check(key, s);
  for (const m of Object.values(ctx.project.settings.local)) for (const [key, s] of Object.entries(m)) check(key, s);
}

/** Why the project's value does not fit `type`, or undefined. A secret's value is never quoted. */
function typeProblem(type: KnownSettingType, s: ResolvedProjectSetting): string | undefined {
  if (s.written === 'env' || typeof s.value !== 'string') return undefined;
  const v = s.value.trim();
  const shown = s.type === 'secret' || type === 'secret' ? 'the value' : `${JSON.stringify(s.value.length > 60 ? `${s.value.slice(0, 60)}…` : s.value)}`;
  switch (type) {
    case 'int':
      return s.written === 'boolean' || !/^[+-]?\d+$/.test(v) ? `${shown} is not a whole number (the key is of type int)` : undefined;
    case 'bool':
      return /^(0|1|true|false)$/i.test(v) ? undefined : `${shown} is not true or false (the key is of type bool)`;
    case 'list':
    case 'text':
      return undefined;
    case 'secret':
      // The loader refuses a literal for a key named or catalogued as a password; a source's `secret` type is known only here.
      return 'a secret may not be written in the project file (the key is of type secret); its value is not shown';
    default: {
      const exhaustive: never = type;
      return exhaustive;
    }
  }
}

/** A key as the sources write it: their spelling, and `secret` when any source holds it as one. */
export interface SourceKey {
  key: string;
  type: KnownSettingType;
}

export function sourceKeyIndex(ctx: MapContext): Map<string, SourceKey> {
  const out = new Map<string, SourceKey>();
  for (const e of ctx.exports) {
    for (const s of e.settings) {
      const had = out.get(lc(s.key));
      const secret = s.type === 'secret' || s.value instanceof Sensitive;
      if (had === undefined) out.set(lc(s.key), { key: s.key, type: secret ? 'secret' : s.type });
      else if (secret) had.type = 'secret';
    }
  }
  return out;
}
