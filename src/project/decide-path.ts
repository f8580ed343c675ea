/**
 * The project paths a decide option addresses (docs/decide.md): dotted keys, `[n]` for a list
 * item, `["a.b"]` for a key that is no identifier, and a trailing `[]` to append to a list
 * (`accept[]`, `overrides[]`). The same notation as every project diagnostic's `path`
 * (formatProjectPath), so a finding's own path can be an option's path.
 */

/** One step of a path: a key, a list index, or `append` (only last). */
export type PathStep = string | number | { append: true };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `settings.global["mail.smtpPort"]` → ['settings', 'global', 'mail.smtpPort']; undefined when it is no path. */
export function parseDecidePath(path: string): PathStep[] | undefined {
  const steps: PathStep[] = [];
  let i = 0;
  while (i < path.length) {
    const c = path[i]!;
    if (c === '.') {
      if (steps.length === 0) return undefined;
      i++;
      continue;
    }
    if (c === '[') {
      if (path[i + 1] === ']') {
        steps.push({ append: true });
        i += 2;
        continue;
      }
      if (path[i + 1] === '"') {
        // A quoted key: JSON string rules (a key with `"` or `\` is written escaped).
        let j = i + 2;
        while (j < path.length && path[j] !== '"') j += path[j] === '\\' ? 2 : 1;
        if (path[j + 1] !== ']') return undefined;
        try {
          steps.push(JSON.parse(path.slice(i + 1, j + 1)) as string);
        } catch {
          return undefined;
        }
        i = j + 2;
        continue;
      }
      const m = /^\[(\d+)\]/.exec(path.slice(i));
      if (!m) return undefined;
      steps.push(Number(m[1]));
      i += m[0].length;
      continue;
    }
    const m = /^[^.[\]]+/.exec(path.slice(i));
    if (!m) return undefined;
    steps.push(m[0]);
    i += m[0].length;
  }
  // An append is only meaningful at the end.
  if (steps.slice(0, -1).some((s) => typeof s === 'object')) return undefined;
  return steps.length === 0 ? undefined : steps;
}

/** The notation back: ['settings', 'global', 'mail.smtpPort'] → `settings.global["mail.smtpPort"]`. */
export function formatDecidePath(steps: readonly PathStep[]): string {
  let out = '';
  for (const s of steps) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'object') out += '[]';
    else out += out === '' && IDENTIFIER.test(s) ? s : IDENTIFIER.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
  }
  return out;
}
