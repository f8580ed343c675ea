/**
 * The settings split: every source setting is classified with the catalog
 * (src/model/setting-catalog.ts) and becomes a global row (once, all sources agreeing), a local
 * row of the server replacing its source, or group-level (monitor.everyoneSeesEveryone, see
 * groups.ts). The project's `settings.global` / `settings.local` decide conflicts and override.
 */
import { PROJECT_ORIGIN, type SettingRow, type SettingTypeDb } from '../model/index.js';
import type { SourcePosition } from '../model/index.js';
import type { Pos, Setting } from '../model/index.js';
import type { ResolvedProjectSetting } from '../project/index.js';
import { Sensitive } from '../model/index.js';
import { findCatalogEntry, knownSetting, sameTypedValue, suggestedValue } from '../model/index.js';
import { at, cmpName, lc, pushTo, type MapContext } from './context.js';
import { decisionParams, decisionText, isOpenSetting } from '../project/index.js';
import { option } from '../project/index.js';
import type { DecideOption } from '../model/index.js';
import { projectSettingWhere, sourceKeyIndex, type SourceKey } from './project-settings.js';

export const USER_MANAGER_MODE = 'usermanager.mode';
export const EVERYONE_SEES_EVERYONE = 'monitor.everyoneSeesEveryone';

/** A setting of one source, kept with where it came from. */
export interface SourcedSetting {
  source: string;
  setting: Setting;
}

export interface SettingsSplit {
  /** Global and server-scoped rows (group rows are added by groups.ts). */
  rows: SettingRow[];
  /** Where each row's value came from, so later rules can point at the file and line. */
  where: Map<SettingRow, SourcePosition>;
  /** The sources' `monitor.everyoneSeesEveryone`, which DataCenter does not allow globally. */
  everyoneSeesEveryone: SourcedSetting[];
}

/**
 * A value in messages, as written between “…” (a UNC path keeps its single backslashes, which
 * JSON quoting would double); only control characters are escaped, so a message stays one line.
 * Secrets never appear.
 */
export function showValue(v: string | Sensitive | undefined): string {
  if (typeof v !== 'string') return '(sensitive)';
  const visible = v.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `“${visible}”`;
}

/** A source's value among all sources' values of one key: when any source holds it as a secret, none is shown. */
function showValueOf(c: SourcedSetting, all: readonly SourcedSetting[]): string {
  return all.some((o) => o.setting.type === 'secret' || o.setting.value instanceof Sensitive) ? showValue(undefined) : showValue(c.setting.value);
}

/** A conflict's params: the key, each source with its value (as shown: a secret masked) and type; the project server for a local key. */
function conflictParams(key: string, candidates: readonly SourcedSetting[], ref: ScopeRef): Record<string, string | string[]> {
  const shown = (c: SourcedSetting) => {
    const v = showValueOf(c, candidates);
    return v.startsWith('“') ? v.slice(1, -1) : v;
  };
  return {
    key,
    sources: candidates.map((c) => c.source),
    values: candidates.map(shown),
    types: candidates.map((c) => c.setting.type),
    ...(ref.scope === 'global' ? {} : { target: ref.serverName }),
  };
}

/** One option per distinct source value (never for a secret: its value comes from the environment). */
function conflictOptions(key: string, candidates: readonly SourcedSetting[], ref: ScopeRef): DecideOption[] {
  if (candidates.some((c) => c.setting.type === 'secret' || c.setting.value instanceof Sensitive)) return [];
  const path = ref.scope === 'global' ? ['settings', 'global', key] : ['settings', 'local', ref.serverName, key];
  const seen = new Set<string>();
  const out: DecideOption[] = [];
  // A list first as every element any source has (issue 18: a suggestion never drops a domain).
  if (candidates.every((c) => c.setting.type === 'list')) {
    const union = suggestedValue(key, 'list', candidates.map((c) => String(c.setting.value)));
    seen.add(union);
    out.push(option('every element any source has', path, union));
  }
  for (const c of candidates) {
    const v = c.setting.value;
    if (typeof v !== 'string' || seen.has(v)) continue;
    seen.add(v);
    // A whole number is written as one (YAML `90`, not `"90"`).
    out.push(option(`keep the value of ${c.source}`, path, c.setting.type === 'int' && /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v));
  }
  return out;
}

/**
 * Two sources agree when their values are the same value of the key's type (`25` = `025` for an
 * int, `true` = `1` for a bool, a set-like list in any order): the catalog's type where it names
 * the key, else the sources' when they agree on it.
 */
function sameSetting(a: Setting, b: Setting): boolean {
  if (a.value instanceof Sensitive || b.value instanceof Sensitive) return a.value instanceof Sensitive && a.value.equals(b.value);
  const type = knownSetting(a.key)?.type ?? (a.type === b.type ? a.type : undefined);
  if (type === undefined) return false;
  return sameTypedValue(a.key, type, a.value, b.value);
}

function posText(pos: Pos): string {
  return `${pos.file}:${pos.line}`;
}

/** Splits every source setting by scope and resolves conflicts and project overrides. */
export function splitSettings(ctx: MapContext): SettingsSplit {
  const global = new Map<string, SourcedSetting[]>();
  const local = new Map<string, Map<string, SourcedSetting[]>>();
  const everyone: SourcedSetting[] = [];
  // The project's settings by lower-case key (and server), built once: 20,000 servers must not mean 20,000 scans.
  const projectGlobal = new Map(Object.entries(ctx.project.settings.global).map(([key, v]) => [lc(key), v]));
  // Every source's spelling and type of a key, whatever its scope: a project value is written like them.
  const sourceKeys = sourceKeyIndex(ctx);
  const projectLocal = new Map(
    Object.entries(ctx.project.settings.local).map(([srv, m]) => [lc(srv), new Map(Object.entries(m).map(([key, v]) => [lc(key), { key: knownSpelling(key, sourceKeys), setting: v }]))]),
  );

  for (const e of ctx.exports) {
    const server = ctx.replacing(e.source);
    for (const setting of e.settings) {
      const k = lc(setting.key);
      const sourced = { source: e.source, setting };
      if (k === lc(USER_MANAGER_MODE)) continue; // user-store.ts writes it from the environment's user store
      if (k === lc(EVERYONE_SEES_EVERYONE)) {
        everyone.push(sourced);
        continue;
      }
      const entry = findCatalogEntry(setting.key);
      if (entry?.scope === 'global') {
        pushTo(global, k, sourced);
        continue;
      }
      if (entry === undefined) {
        // An unclassified key the project gives a scope is decided: a note naming the decision.
        const decidedGlobally = projectGlobal.get(k);
        const decided = decidedGlobally ?? (server === undefined ? undefined : projectLocal.get(lc(server.name))?.get(k)?.setting);
        if (decided !== undefined) {
          const masked = sourceKeys.get(k)?.type === 'secret';
          ctx.info('MAP_SETTING_UNCLASSIFIED', `setting "${setting.key}" is not in the catalog; decided by ${decisionText(decided, masked)}`, {
            ...at(e.source, setting.pos),
            subject: `setting:${setting.key}`,
            params: { key: setting.key, ...decisionParams(decided, masked) },
          });
          if (decidedGlobally !== undefined) continue; // the project made it global: no local copy of the source's value
        } else {
          ctx.warn(
            'MAP_SETTING_UNCLASSIFIED',
            `setting "${setting.key}" is not in the catalog: carried as a local setting of ${server ? `"${server.name}"` : 'no server (its source is not replaced)'}`,
            {
              ...at(e.source, setting.pos),
              hint: 'check it is meant for one server only; set it under settings.global in the project to make it global',
              subject: `setting:${setting.key}`,
              params: { key: setting.key, ...(server ? { target: server.name } : {}) },
            },
          );
        }
      }
      if (server === undefined) continue; // reported once per source by checkSources
      const perServer = local.get(lc(server.name)) ?? new Map<string, SourcedSetting[]>();
      local.set(lc(server.name), perServer);
      pushTo(perServer, k, sourced);
    }
  }

  const rows: SettingRow[] = [];
  const where = new Map<SettingRow, SourcePosition>();
  const globalByKey = new Map(Object.entries(ctx.project.settings.global).map(([key, v]) => [lc(key), { key: knownSpelling(key, sourceKeys), setting: v }]));
  resolveScope(ctx, { scope: 'global', serverName: '' }, global, globalByKey, rows, where, sourceKeys);
  for (const s of ctx.servers) {
    resolveScope(ctx, { scope: 'server', serverName: s.name }, local.get(lc(s.name)) ?? new Map(), projectLocal.get(lc(s.name)) ?? new Map(), rows, where, sourceKeys);
  }
  return { rows, where, everyoneSeesEveryone: everyone };
}

interface ScopeRef {
  scope: 'global' | 'server';
  serverName: string;
}

function resolveScope(
  ctx: MapContext,
  ref: ScopeRef,
  fromSources: Map<string, SourcedSetting[]>,
  projectByKey: ReadonlyMap<string, { key: string; setting: ResolvedProjectSetting }>,
  rows: SettingRow[],
  where: Map<SettingRow, SourcePosition>,
  sourceKeys: ReadonlyMap<string, SourceKey>,
): void {
  const keys = [...new Set([...fromSources.keys(), ...projectByKey.keys()])].sort(cmpName);
  const scopeName = ref.scope === 'global' ? 'global' : `local setting of "${ref.serverName}"`;
  for (const k of keys) {
    const candidates = fromSources.get(k) ?? [];
    const decided = projectByKey.get(k);
    if (decided !== undefined) {
      if (!projectScopeAllowed(ctx, ref, decided.key, decided.setting)) continue;
      const row = projectRow(ref, decided.key, decided.setting, candidates[0]?.setting.type ?? sourceKeys.get(k)?.type, sourceKeys.get(k)?.type === 'secret');
      if (row === undefined) {
        ctx.error('MAP_PROJECT_SETTING_UNSET', `${decided.setting.path}: the environment variable holding this value is not set`, {
          ...projectSettingWhere(decided.setting),
          hint: 'set the variable named in { env: … } before running the migration',
          subject: decided.setting.path,
          params: { key: decided.key, path: decided.setting.path },
        });
        continue;
      }
      rows.push(row);
      where.set(row, projectSettingWhere(decided.setting));
      const first = candidates[0];
      if (first !== undefined && candidates.some((c) => !sameSetting(c.setting, first.setting))) {
        // The conflict is decided: it stays visible, as a note naming the decision.
        const list = candidates.map((c) => `${c.source}=${showValueOf(c, candidates)} (${c.setting.type}, ${posText(c.setting.pos)})`).join(', ');
        ctx.info(
          ref.scope === 'global' ? 'MAP_GLOBAL_SETTING_CONFLICT' : 'MAP_LOCAL_SETTING_CONFLICT',
          `${scopeName} "${decided.key}" differs between sources: ${list}; decided by ${decisionText(decided.setting, row.Type === 'secret')}`,
          {
            ...at(first.source, first.setting.pos),
            subject: ref.scope === 'global' ? `setting:${decided.key}` : `setting:${ref.serverName}:${decided.key}`,
            params: { ...conflictParams(decided.key, candidates, ref), ...decisionParams(decided.setting, row.Type === 'secret') },
          },
        );
      }
      ctx.provenance.fromProject(row, decided.setting.path);
      if (candidates.length > 0) {
        const before = candidates.map((c) => `${c.source}=${showValueOf(c, candidates)}`).join(', ');
        ctx.decide(
          'settings.project-override',
          `${scopeName} "${decided.key}" = ${showValue(row.Value)} (from the project)`,
          `the project's ${decided.setting.path} decides it; the sources had ${before}`,
          [decided.key, ...candidates.map((c) => c.source)],
        );
      }
      continue;
    }
    const first = candidates[0];
    if (first === undefined) continue;
    const differing = candidates.filter((c) => !sameSetting(c.setting, first.setting));
    if (differing.length > 0) {
      // The project's value is still TODO: that open decision is the one finding for the key.
      if (isOpenSetting(ctx.project, first.setting.key, ref.scope === 'global' ? undefined : ref.serverName)) continue;
      const list = candidates.map((c) => `${c.source}=${showValueOf(c, candidates)} (${c.setting.type}, ${posText(c.setting.pos)})`).join(', ');
      const projectPath = ref.scope === 'global' ? 'settings.global' : `settings.local.${ref.serverName}`;
      ctx.error(
        ref.scope === 'global' ? 'MAP_GLOBAL_SETTING_CONFLICT' : 'MAP_LOCAL_SETTING_CONFLICT',
        `${scopeName} "${first.setting.key}" differs between sources: ${list}`,
        {
          ...at(first.source, first.setting.pos),
          hint: `decide it in the project file: ${projectPath}: { ${first.setting.key}: <value> }`,
          subject: ref.scope === 'global' ? `setting:${first.setting.key}` : `setting:${ref.serverName}:${first.setting.key}`,
          params: conflictParams(first.setting.key, candidates, ref),
          decide: conflictOptions(first.setting.key, candidates, ref),
        },
      );
      continue;
    }
    const row: SettingRow = {
      Scope: ref.scope,
      ServerName: ref.serverName,
      Key: first.setting.key,
      ObjectName: '',
      Type: first.setting.type,
      Value: first.setting.value,
      Origin: first.source,
    };
    rows.push(row);
    where.set(row, at(first.source, first.setting.pos));
    // A global value every source agrees on lists each source's position.
    for (const c of candidates) ctx.provenance.fromExport(row, c.source, c.setting.pos);
  }
}

/** DataCenter decides where a key may live; the project cannot move a global key to one server or back. */
function projectScopeAllowed(ctx: MapContext, ref: ScopeRef, key: string, s: ResolvedProjectSetting): boolean {
  const scope = findCatalogEntry(key)?.scope;
  let problem: string | undefined;
  if (lc(key) === lc(USER_MANAGER_MODE)) problem = 'the user management mode follows userStore; set userStore: mssql or userStore: ad instead';
  else if (lc(key) === lc(EVERYONE_SEES_EVERYONE)) problem = 'DataCenter allows this only per group; use monitor.everyoneSeesEveryone: perGroup';
  else if (ref.scope === 'global' && scope === 'local') problem = `"${key}" is a local setting in DataCenter; set it under settings.local.<server>`;
  else if (ref.scope === 'server' && scope === 'global') problem = `"${key}" is a global setting in DataCenter; set it under settings.global`;
  if (problem === undefined) return true;
  ctx.error('MAP_PROJECT_SETTING_SCOPE', `${s.path}: ${problem}`, { ...projectSettingWhere(s), subject: s.path, params: { key, path: s.path, scope: ref.scope } });
  return false;
}


/** The catalog's spelling of a key, else the sources', else the project's (checkProjectSettings notes a difference). */
function knownSpelling(key: string, sourceKeys: ReadonlyMap<string, SourceKey>): string {
  return knownSetting(key)?.key ?? sourceKeys.get(lc(key))?.key ?? key;
}

/**
 * The project's value as a row: typed like the sources' value of the key where they have it (in
 * this scope first, else in any), and a secret when any source holds the key as one.
 */
function projectRow(ref: ScopeRef, key: string, s: ResolvedProjectSetting, sourceType: SettingTypeDb | undefined, secret = false): SettingRow | undefined {
  if (s.value === undefined) return undefined;
  const type: SettingTypeDb = s.type === 'secret' || secret || knownSetting(key)?.type === 'secret' ? 'secret' : (sourceType ?? s.type);
  let value: string | Sensitive = s.value;
  if (type === 'secret' && typeof value === 'string') value = new Sensitive(value);
  if (type === 'bool' && typeof value === 'string') value = /^(1|true|yes|on)$/i.test(value.trim()) ? '1' : value.trim() === '' ? '' : /^(0|false|no|off)$/i.test(value.trim()) ? '0' : value;
  return { Scope: ref.scope, ServerName: ref.serverName, Key: key, ObjectName: '', Type: type, Value: value, Origin: PROJECT_ORIGIN };
}
