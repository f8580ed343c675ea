/**
 * The one sort order for anything whose order decides what is read, kept or printed: code-unit
 * (ordinal) order, the same on every machine. `localeCompare` follows the machine's locale, so two
 * consultants could read a different one of two duplicate entries.
 */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
