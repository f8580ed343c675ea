/**
 * Characters a reader cannot see (issue 8): bidirectional controls turn `gnp.exe` into
 * `exe.png` on screen, zero-width characters make two names look equal that are not. Reports
 * and plans show each as `⟨U+202E⟩`, never raw; the importers warn where one came in
 * (importers/invisible-characters.ts).
 */

/**
 * Bidi controls (U+061C, U+200E/F, U+202A–E, U+2066–9), zero-width and invisible operators
 * (U+200B–D, U+2060–4, U+FEFF inside a text), and C0/C1 controls other than tab and line ends.
 */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** `U+202E` for a character. */
export function codePointLabel(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The text with every invisible character shown as `⟨U+202E⟩` (everything else as it is). */
export function showInvisible(text: string): string {
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(text) ? text.replace(INVISIBLE, (ch) => `⟨${codePointLabel(ch)}⟩`) : text;
}

/** Bidi and zero-width characters only (what a name may carry unseen; controls are found elsewhere). */
const BIDI_OR_ZERO_WIDTH = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

/** The first bidi or zero-width character of `text`: its 1-based position and label; undefined when none. */
export function firstInvisible(text: string): { position: number; codePoint: string } | undefined {
  const m = BIDI_OR_ZERO_WIDTH.exec(text);
  return m === null ? undefined : { position: m.index + 1, codePoint: codePointLabel(m[0]) };
}
