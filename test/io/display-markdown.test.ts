/** Issue 20: invisible characters shown, never raw; the one Markdown escaper keeps every value text. */
import { describe, expect, it } from 'vitest';
import { firstInvisible, showInvisible } from '../../src/io/display.js';
import { mdCode, mdText } from '../../src/io/markdown.js';
import { escapeHtml } from '../../src/report/escape.js';

describe('showInvisible', () => {
  it.each([
    ['right-to-left override', 'Anna\u202Egnp.exe', 'Anna⟨U+202E⟩gnp.exe'],
    ['zero-width space', 'an\u200Bna', 'an⟨U+200B⟩na'],
    ['byte-order mark inside a name', 'x\uFEFFy', 'x⟨U+FEFF⟩y'],
    ['NUL and ESC', 'a\u0000b\u001Bc', 'a⟨U+0000⟩b⟨U+001B⟩c'],
    ['umlauts and ß stay', 'Müller-Weiß', 'Müller-Weiß'],
  ])('%s', (_what, input, shown) => {
    expect(showInvisible(input)).toBe(shown);
  });

  it('finds the first bidi or zero-width character with its 1-based position', () => {
    expect(firstInvisible('ab\u202Ec')).toEqual({ position: 3, codePoint: 'U+202E' });
    expect(firstInvisible('Jürgen')).toBeUndefined();
  });

  it('the HTML report escaper shows them too', () => {
    expect(escapeHtml('<b>\u202E</b>')).toBe('&lt;b&gt;⟨U+202E⟩&lt;/b&gt;');
  });
});

describe('mdText', () => {
  it.each([
    ['a link', '[x](javascript:alert(1))', '\\[x\\](javascript:alert(1))'],
    ['a pipe', 'a|b', 'a\\|b'],
    ['raw HTML', '<script>alert(1)</script>', '&lt;script>alert(1)&lt;/script>'],
    ['an entity that would decode to U+202E', '&#x202E;', '&amp;#x202E;'],
    ['a line break', 'a\r\n# b', 'a # b'],
    ['a heading at the start', '# x', '\\# x'],
    ['a numbered item at the start', '1. x', '1\\. x'],
    ['emphasis', '*x* _y_ ~z~', '\\*x\\* \\_y\\_ \\~z\\~'],
    ['a UNC path', '\\\\fs01\\share', '\\\\\\fs01\\share'],
    ['a bidi override', 'a\u202Eb', 'a⟨U+202E⟩b'],
  ])('%s stays text', (_what, input, md) => {
    expect(mdText(input)).toBe(md);
  });

  it('mdCode keeps the value as written, pipes escaped in tables, backticks fenced', () => {
    expect(mdCode('a|b')).toBe('`a\\|b`');
    expect(mdCode('a`b', false)).toBe('``a`b``');
    expect(mdCode('x\ny')).toBe('`x y`');
  });
});
