/**
 * "A value the project decides clears the finding it decides" (migration-project.md): the
 * project setting that decides a key for a source, and the words a note uses to name it
 * (`decided by settings.global["chat.deleteAfterDays"] = 90 (procall-migrate.yaml:12)`) — and
 * the same as the note's `params` (`decided`, `decidedBy`), which catalogs render; nothing here
 * reads a finding's message.
 */
import type { Diagnostic } from '../model/index.js';
import { isTodoValue, type Project, type ResolvedProjectSetting } from './schema.js';
import { SENSITIVE_MARK, Sensitive } from '../model/index.js';

const lc = (s: string): string => s.toLowerCase();

/** The project's setting for `key`: global, or local of the server replacing `source`. */
export function projectSettingFor(project: Project, key: string, source?: string): ResolvedProjectSetting | undefined {
  const k = lc(key);
  const find = (m: Record<string, ResolvedProjectSetting>) => Object.entries(m).find(([name]) => lc(name) === k)?.[1];
  const global = find(project.settings.global);
  if (global !== undefined) return global;
  if (source === undefined) return undefined;
  const server = project.servers.find((s) => s.replaces.some((r) => lc(r) === lc(source)));
  if (server === undefined) return undefined;
  const local = Object.entries(project.settings.local).find(([name]) => lc(name) === lc(server.name))?.[1];
  return local === undefined ? undefined : find(local);
}

/**
 * Whether the project leaves `key` open (its value is still `TODO`) globally, or for the project
 * server `server`: the open decision is then the one finding, so the mapper raises no conflict or
 * rule error for the key besides it.
 */
export function isOpenSetting(project: Project, key: string, server?: string): boolean {
  return (project.openValues ?? []).some(
    (v) => v.kind === 'setting' && lc(v.key) === lc(key) && (v.server === undefined ? server === undefined : server !== undefined && lc(v.server) === lc(server)),
  );
}

/**
 * `settings.global["k"] = 90 (procall-migrate.yaml:12)`; a secret's value is never shown, nor
 * the value of a key written as a secret (`masked`: the catalog or a source types it `secret`).
 */
export function decisionText(s: ResolvedProjectSetting, masked = false): string {
  // Quoted like every value in a message (“…”, a UNC path keeps its single backslashes).
  const shown = decidedValue(s, masked);
  const value = typeof s.value === 'string' && s.type !== 'secret' && !masked ? `“${shown}”` : shown;
  const where = s.file === undefined ? '' : ` (${s.file}${s.line === undefined ? '' : `:${s.line}`})`;
  return `${s.path} = ${value}${where}`;
}

/** The decided value as a finding shows it: control characters escaped, a secret as `(sensitive)`. */
function decidedValue(s: ResolvedProjectSetting, masked: boolean): string {
  if (typeof s.value === 'string' && s.type !== 'secret' && !masked) {
    return s.value.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  return s.value instanceof Sensitive || s.type === 'secret' || masked ? SENSITIVE_MARK : '(not set)';
}

/** The params of a finding the project decides: the value shown (`decided`) and the project path deciding it (`decidedBy`). */
export function decisionParams(s: ResolvedProjectSetting, masked = false): { decided: string; decidedBy: string } {
  return { decided: decidedValue(s, masked), decidedBy: s.path };
}

/** The setting key an import finding is about (its `params.key`, set for a setting's value). */
function settingKeyOf(d: Diagnostic): string | undefined {
  const key = d.params?.['key'];
  return typeof key === 'string' && key !== '' ? key : undefined;
}

/**
 * An import error the project decides becomes a note naming the decision: a wrong-typed setting
 * value when `settings:` sets that key for its source. Anything else is returned as it is.
 */
export function decideImportFinding(d: Diagnostic, project: Project): Diagnostic {
  if (d.code !== 'IMPORT_WRONG_VALUE_TYPE' || d.severity === 'info') return d;
  const key = settingKeyOf(d);
  if (key === undefined) return d;
  const decided = projectSettingFor(project, key, d.source);
  if (decided === undefined || decided.value === undefined || isTodoValue(decided.value)) return d;
  const { hint: _hint, ...rest } = d;
  return { ...rest, severity: 'info', message: `${d.message}; decided by ${decisionText(decided)}`, params: { ...d.params, ...decisionParams(decided) } };
}
