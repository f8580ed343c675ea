/**
 * Setting keys in the customer's words (german review #5): an IT manager cannot map
 * `chat.deleteAfterDays` to the UCServer-Verwaltung. The common keys have a label in each catalog
 * (`setting.<key>`); the key itself stays next to it, in monospace, so the consultant finds it in
 * the project file. A key without a label is shown as the key alone, never guessed at.
 */
import { txt, type Inline, type InlineKind } from './document.js';
import type { MessageKey, Params, Translator } from './i18n/index.js';
import { knownSetting } from '../model/index.js';

/** The label of a setting key (case-insensitive: exports write keys in any case), or undefined. */
export function settingLabel(tr: Translator, key: string): string | undefined {
  const spelled = knownSetting(key)?.key ?? key;
  const id = `setting.${spelled}`;
  return tr.has(id) ? tr.t(id) : undefined;
}

/**
 * A message with placeholders filled by runs of inline text (a label and a key in monospace), the
 * rest plain text. `inlines` wins over `params` for a name in both.
 */
export function fillInlines(tr: Translator, key: MessageKey, params: Params, inlines: Readonly<Record<string, Inline[]>>): Inline[] {
  const marked: Record<string, string | number> = { ...params };
  for (const name of Object.keys(inlines)) marked[name] = `\u0001${name}\u0001`;
  return tr
    .t(key, marked)
    .split('\u0001')
    .flatMap((part, i) => (i % 2 === 1 && inlines[part] !== undefined ? inlines[part] : [txt(part)]))
    .filter((x) => x.text !== '' || x.kind === 'br');
}

/**
 * A sentence about a setting: `named` (with `{label}` and `{key}`) when the key has a label, else
 * `plain` (with `{key}`). The key is always monospace; `labelKind` styles the label (e.g. strong).
 */
export function settingSentence(tr: Translator, named: MessageKey, plain: MessageKey, key: string, params: Params = {}, labelKind: InlineKind = 'text'): Inline[] {
  const label = settingLabel(tr, key);
  const code = [txt(key, 'code')];
  return label === undefined
    ? fillInlines(tr, plain, params, { key: code })
    : fillInlines(tr, named, params, { key: code, label: [txt(label, labelKind)] });
}
