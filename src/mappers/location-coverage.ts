/**
 * How many of the exports' lines at a location each definition of it covers (walkthrough defect
 * 10): taking the first source's definition silently narrowed Freiburg to 100-199 while another
 * server's 13 Freiburg lines were 200-212. A line is covered when its number starts with the
 * location's `+<Country><City><Local>` and the rest (or its internal number) lies in Ext; a
 * definition without Ext covers every line under its number.
 */
import type { EnterpriseExport, LineGroup, Location } from '../model/index.js';
import { lc } from './context.js';

type Line = LineGroup['lines'][number];

/** The extension a line has under `l`, or undefined when its number is not under the location's. */
function extensionOf(l: Location, line: Line): string | undefined {
  const prefix = `+${l.countryCode}${l.cityCode}${l.localNumber}`;
  if (prefix.length > 1 && line.phoneNumber.startsWith(prefix)) return line.phoneNumber.slice(prefix.length);
  return line.internalNumber.trim() === '' ? undefined : line.internalNumber.trim();
}

export function covers(l: Location, line: Line): boolean {
  const ext = extensionOf(l, line);
  if (ext === undefined || !/^\d+$/.test(ext)) return false;
  if (!/^\d+$/.test(l.extFrom) || !/^\d+$/.test(l.extTo)) return true;
  const n = Number(ext);
  return n >= Number(l.extFrom) && n <= Number(l.extTo);
}

/** Every line of the run at location `name` (the line's own location, else its group's). */
export function linesAt(exports: readonly EnterpriseExport[], name: string): Line[] {
  const out: Line[] = [];
  for (const e of exports) {
    for (const g of e.lineGroups) for (const line of g.lines) if (lc((line.location.trim() || g.location).trim()) === lc(name)) out.push(line);
  }
  return out;
}

/**
 * One definition spanning all: the same number with the lowest ExtFrom and the highest ExtTo of
 * the definitions (rules of `base`), when they share the number and have numeric ranges.
 */
export function unionOf(defs: readonly Location[], base: Location): Location | undefined {
  const same = defs.every((d) => d.countryCode === base.countryCode && d.cityCode === base.cityCode && d.localNumber === base.localNumber);
  if (!same || !defs.every((d) => /^\d+$/.test(d.extFrom) && /^\d+$/.test(d.extTo))) return undefined;
  const from = [...defs].sort((a, b) => Number(a.extFrom) - Number(b.extFrom))[0]!.extFrom;
  const to = [...defs].sort((a, b) => Number(b.extTo) - Number(a.extTo))[0]!.extTo;
  return { ...base, extFrom: from, extTo: to };
}
