/**
 * Decide rules for mistakes in the project file itself (docs/decide.md) that have one mechanical
 * fix: a field a mediaserver cannot have, a key written twice, a reserved name, an override
 * that does not fit, a folder of exports under `sources:`, a project setting in a scope
 * DataCenter does not allow (or read from an unset variable), a name no export knows.
 * `null` as a value removes the key (applyDecision).
 */
import type { DecideOption, Diagnostic } from '../model/index.js';
import { option } from './decide-option.js';
import { valueAt, type DecideContext } from './decide-context.js';
import { formatDecidePath, parseDecidePath } from './decide-path.js';

type Rule = (d: Diagnostic, ctx: DecideContext) => DecideOption[];

/** Remove the key at the finding's path (or subject). */
const removeAt =
  (label: string): Rule =>
  (d) => {
    const p = d.path !== undefined && parseDecidePath(d.path) !== undefined ? d.path : d.subject;
    const steps = p === undefined ? undefined : parseDecidePath(p);
    if (steps === undefined || typeof steps[steps.length - 1] !== 'string') return [];
    return [option(label, steps, null)];
  };

/**
 * `list[j]` removed (`servers[0].replaces[2]`, `overrides[3]`): `null` at the item's own path,
 * never the list rewritten without it — that would echo every other entry into the finding (a
 * password written by mistake in another override, say). Removing several items of one list in
 * one go shifts the later ones: applied one at a time, as a consultant does, each is exact.
 */
function withoutListItem(d: Diagnostic, ctx: DecideContext, label: string, itemPath = d.path, keepOne = false): DecideOption[] {
  const steps = itemPath === undefined ? undefined : parseDecidePath(itemPath);
  let at = -1;
  steps?.forEach((s, k) => {
    if (typeof s === 'number') at = k;
  });
  if (steps === undefined || at < 0) return [];
  const list = valueAt(ctx, formatDecidePath(steps.slice(0, at)));
  if (!Array.isArray(list) || (steps[at] as number) >= list.length || (keepOne && list.length < 2)) return [];
  return [option(label, steps.slice(0, at + 1), null)];
}

/** A folder holding exports under `sources:`: each export it holds, listed on its own. */
const expandHeldExports: Rule = (d, ctx) => {
  // `params.values`: the exports the folder holds, as the message lists them.
  const heldNames = d.params?.['values'];
  const i = /^sources\[(\d+)\]$/.exec(d.path ?? '')?.[1];
  const written = valueAt(ctx, 'sources');
  if (!Array.isArray(heldNames) || heldNames.length === 0 || i === undefined || !Array.isArray(written)) return [];
  const folder = String(written[Number(i)]).replace(/[\\/]+$/, '');
  const held = heldNames.map((p) => `${folder}/${p.replace(/[\\/]+$/, '').split(/[\\/]/).pop()}`);
  const next = [...written.slice(0, Number(i)), ...held, ...written.slice(Number(i) + 1)];
  return [option(`list the ${held.length} exports ${folder} holds, each on its own`, 'sources', next)];
};

export const PROJECT_FILE_RULES: Readonly<Record<string, Rule>> = {
  PROJECT_MEDIASERVER_FIELD: removeAt('remove it: a mediaserver has no users, lines or line groups'),
  PROJECT_DUPLICATE_KEY: removeAt('remove this one (the other stays)'),
  PROJECT_RESERVED_NAME: (d, ctx) => {
    const m = /^servers\[(\d+)\]\.name$/.exec(d.path ?? '');
    if (!m) return removeAt('remove it (a reserved name is never a key)')(d, ctx);
    return [option(`a name of its own: server-${Number(m[1]) + 1}`, d.path!, `server-${Number(m[1]) + 1}`)];
  },
  PROJECT_OVERRIDE_INVALID: (d, ctx) => withoutListItem(d, ctx, 'remove the override (the export keeps its value)', /^overrides\[\d+\]/.exec(d.path ?? '')?.[0]),
  PROJECT_SOURCE_HOLDS_EXPORTS: expandHeldExports,
  // An accept: entry nothing matches any more (its warning was settled): remove it, rather than accept that too.
  PROJECT_ACCEPT_UNUSED: (d, ctx) => withoutListItem(d, ctx, 'remove the accept: entry (no warning of the run matches it)', typeof d.params?.['path'] === 'string' ? d.params['path'] : d.subject),
  MAP_PROJECT_SETTING_SCOPE: removeAt("remove it from the project (the sources' value, or DataCenter's default, applies)"),
  MAP_PROJECT_SETTING_UNSET: removeAt("remove it from the project (the sources' value applies), or set the variable it names"),
};

/** A name the project writes that no export has and that is close to none: remove it from its list. */
export const removeListItem =
  (label: string, keepOne = false): Rule =>
  (d, ctx) =>
    withoutListItem(d, ctx, label, d.path, keepOne);
