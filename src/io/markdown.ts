/**
 * The one Markdown escaper (issue 20): the report's `.md`, the plan's `--format markdown` and the
 * rollout README put every value through these, so a `|` cannot break a table, `[x](javascript:…)`
 * never becomes a link and `<script>` stays text. Invisible characters are shown (display.ts).
 */
import { showInvisible } from './display.js';

/** Plain text: escapes what Markdown would read as markup (a backslash only before punctuation), on one line. */
export function mdText(value: string): string {
  return showInvisible(value.replace(/\r\n?|\n/g, ' '))
    .replace(/\\(?=[!-/:-@[-`{-~])/g, '\\\\')
    .replace(/([*_`[\]|~])/g, '\\$1')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/^(\s*)([#>+=-])(?=\s|$)/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2');
}

/** A code span holding `value` as written; in a table a pipe is `\|` (GFM reads it as part of the span). */
export function mdCode(value: string, inTable = true): string {
  const v = showInvisible(value.replace(/\r\n?|\n/g, ' '));
  const ticks = Math.max(0, ...[...v.matchAll(/`+/g)].map((m) => m[0].length)) + 1;
  const fence = '`'.repeat(ticks);
  const pad = v.startsWith('`') || v.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${inTable ? v.replace(/\|/g, '\\|') : v}${pad}${fence}`;
}
