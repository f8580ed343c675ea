/**
 * Decide rules for what the consultant wrote (docs/decide.md): a key the project file does not
 * know, a setting key nobody knows (rename it to the did-you-mean key, or remove it), and the
 * home-server mapping CSV (a row the run cannot use: do without the mapping file; the row
 * itself is corrected in the CSV, which is the consultant's own file, not the customer's export).
 */
import type { DecideOption, Diagnostic } from '../model/index.js';
import { option } from './decide-option.js';
import { valueAt, type DecideContext } from './decide-context.js';
import { formatDecidePath, parseDecidePath } from './decide-path.js';

type Rule = (d: Diagnostic, ctx: DecideContext) => DecideOption[];

/** The did-you-mean name of a finding (`params.suggestion`; the message is never parsed). */
const suggestion = (d: Diagnostic): string | undefined => {
  const p = d.params?.['suggestion'];
  return typeof p === 'string' ? p : undefined;
};

/**
 * The key at `path` renamed to the did-you-mean `to`, or removed. `parent`: the parent mapping
 * rewritten with the key renamed, order kept (one edit; only for the schema's own sections,
 * whose values are names and switches — a password is never a key there). `own`: in a settings
 * map, whose other values are the customer's, only the key's own value is written under `to`
 * (the misspelt key is then removed by the next finding's first option: two edits, but no other
 * value copied into the finding). At the file's top level a key can only be removed.
 */
function renameOrRemove(d: Diagnostic, ctx: DecideContext, path: string | undefined, what: string, mode: 'parent' | 'own'): DecideOption[] {
  const steps = path === undefined ? undefined : parseDecidePath(path);
  if (steps === undefined || typeof steps[steps.length - 1] !== 'string') return [];
  const key = steps[steps.length - 1] as string;
  const parentSteps = steps.slice(0, -1);
  const to = suggestion(d);
  const out: DecideOption[] = [];
  const parent = parentSteps.length === 0 ? undefined : valueAt(ctx, formatDecidePath(parentSteps));
  if (to !== undefined && parent !== null && typeof parent === 'object' && !Array.isArray(parent) && key in parent) {
    const entries = Object.entries(parent as Record<string, unknown>);
    const taken = entries.some(([k]) => k === to);
    if (taken) out.push(option(`remove "${key}" (${to} is written already)`, steps, null));
    else if (mode === 'parent') out.push(option(`write it as ${to}`, parentSteps, Object.fromEntries(entries.map(([k, v]) => [k === key ? to : k, v]))));
    else out.push(option(`write it as ${to} (then remove "${key}")`, [...parentSteps, to], (parent as Record<string, unknown>)[key]));
  }
  const atRoot = parentSteps.length === 0 && to !== undefined ? ` (if ${to} was meant, write its content there)` : '';
  if (!out.some((o) => o.value === null)) out.push(option(`remove ${what} "${key}"${atRoot}`, steps, null));
  return out;
}

/** Without the mapping file: the users are placed by the other rules (u8sHomeServer, line groups, balance). */
const withoutMapping: Rule = (d, ctx) => {
  const home = valueAt(ctx, 'homeServers');
  if (home === null || typeof home !== 'object' || Array.isArray(home) || !('mapping' in home)) return [];
  const rest = Object.fromEntries(Object.entries(home as Record<string, unknown>).filter(([k]) => k !== 'mapping'));
  const fromMapping = d.code.startsWith('MAPPING_') || d.code.startsWith('MAP_MAPPING_');
  const where = !fromMapping || d.file === undefined ? 'the mapping' : `${d.file}${d.line === undefined ? '' : `:${d.line}`}`;
  return [option(`do without the home-server mapping (users are placed by the other rules; or correct ${where} and keep it)`, 'homeServers', rest)];
};

export const KEY_RULES: Readonly<Record<string, Rule>> = {
  PROJECT_UNKNOWN_KEY: (d, ctx) => renameOrRemove(d, ctx, d.path, 'the key', 'parent'),
  PROJECT_UNKNOWN_SERVER: (d, ctx) => renameOrRemove(d, ctx, d.path, 'the settings of', 'own'),
  MAP_PROJECT_SETTING_UNKNOWN: (d, ctx) => renameOrRemove(d, ctx, d.subject ?? d.path, 'the setting', 'own'),
  MAPPING_FILE_UNREADABLE: withoutMapping,
  MAPPING_FILE_ENCODING: withoutMapping,
  MAPPING_ROW_INVALID: withoutMapping,
  MAPPING_DUPLICATE_USER: withoutMapping,
  MAP_MAPPING_UNKNOWN_SERVER: withoutMapping,
  MAP_MAPPING_MEDIASERVER: withoutMapping,
  MAP_MAPPING_UNKNOWN_USER: withoutMapping,
  MAP_HOME_LINE_MISMATCH: withoutMapping,
};
