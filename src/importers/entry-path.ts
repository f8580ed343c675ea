/**
 * Paths inside an export: `\` and `/` both separate folders, names compare case-insensitively,
 * and nothing may point outside the export (the ZIP-slip rule).
 */
export type EntryPath =
  | { ok: true; name: string; key: string; isDirectory: boolean }
  | { ok: false; name: string; reason: string };

export function normalizeEntryPath(raw: string): EntryPath {
  const slashed = raw.replace(/\\/g, '/');
  if (slashed.includes('\0')) return { ok: false, name: slashed, reason: 'has a NUL character in its name' };
  if (slashed.startsWith('/')) return { ok: false, name: slashed, reason: 'is an absolute path' };
  if (/^[a-zA-Z]:/.test(slashed)) return { ok: false, name: slashed, reason: 'starts with a drive letter' };
  const segments = slashed.split('/');
  if (segments.includes('..')) return { ok: false, name: slashed, reason: 'leads out of the export ("..")' };
  const isDirectory = slashed.endsWith('/');
  const name = segments.filter((s) => s !== '' && s !== '.').join('/');
  return { ok: true, name, key: entryKey(name), isDirectory: isDirectory || name === '' };
}

/** The case-insensitive key two entries clash on. */
export function entryKey(name: string): string {
  return name.toLowerCase();
}
