/**
 * Invisible characters in the project file (issue 20): a right-to-left override (U+202E) or a
 * zero-width space in a server's name, a display name or a setting's value makes it read other
 * than it is, in the plan, the rollout files and DataCenter. The importer warns about exports
 * (invisible-characters.ts); this warns about the project file: the field by its path, the
 * position and the character — never the value (it may be a secret).
 */
import { diag, type Diagnostic } from '../model/index.js';
import type { ProjectCode } from './schema.js';
import { firstInvisible } from '../io/index.js';
import { DiagnosticCap } from '../io/index.js';

type PathKey = string | number;
type Where = (pathKeys: PathKey[], key?: string) => { file: string; line?: number; column?: number; path: string };

/**
 * A PROJECT_INVISIBLE_CHARACTER warning for each key and string value of `raw` (the project as
 * read) holding a bidi control or zero-width character; at most the cap's number, then one count.
 */
export function reportProjectInvisibleCharacters(raw: unknown, at: Where, out: Diagnostic<ProjectCode>[]): void {
  const cap = new DiagnosticCap();
  const warn = (pathKeys: PathKey[], text: string, ofKey: boolean): void => {
    const found = firstInvisible(text);
    if (found === undefined) return;
    const where = ofKey ? at(pathKeys.slice(0, -1), String(pathKeys[pathKeys.length - 1])) : at(pathKeys);
    const field = ofKey ? `the key ${where.path}` : where.path;
    cap.push(
      out as Diagnostic[],
      diag('PROJECT_INVISIBLE_CHARACTER', 'warning', `${field}: holds the invisible character ${found.codePoint} at position ${found.position}; it is used as it is and shown as ⟨${found.codePoint}⟩`, {
        ...where,
        hint: 'remove it from the project file (it can make a name read differently, e.g. right-to-left, or two names look alike); or accept the warning',
        subject: where.path,
        params: { path: where.path, codePoint: found.codePoint, position: found.position },
      }),
    );
  };
  // Iterative: a deep document is refused before this (project-scan.ts), but no recursion is needed.
  const stack: { value: unknown; pathKeys: PathKey[] }[] = [{ value: raw, pathKeys: [] }];
  while (stack.length > 0) {
    const { value, pathKeys } = stack.pop() as { value: unknown; pathKeys: PathKey[] };
    if (typeof value === 'string') warn(pathKeys, value, false);
    else if (Array.isArray(value)) for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], pathKeys: [...pathKeys, i] });
    else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        warn([...pathKeys, key], key, true);
        stack.push({ value: (value as Record<string, unknown>)[key], pathKeys: [...pathKeys, key] });
      }
    }
  }
}
