/** HTML escaping: every value that reaches the HTML report goes through this (Markdown: src/io/markdown.ts). */
import { showInvisible } from '../io/index.js';

export function escapeHtml(value: unknown): string {
  // Invisible characters (U+202E, zero-width) are shown as ⟨U+202E⟩, never passed on raw (issue 20).
  return showInvisible(String(value ?? ''))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
