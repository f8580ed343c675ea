/**
 * The consequences (consequences.ts) in the customer's words: a table with each consequence and
 * its count (none written as „keine“: an answer, not an omission), then, for each that happens,
 * a sentence with the count, why, what to do, and the names.
 */
import { cell, txt, type Block, type Inline, type InlineKind } from './document.js';
import type { MessageKey, Params, Translator } from './i18n/index.js';
import { ALWAYS_SHOWN, CONSEQUENCE_KINDS, type Affected, type Consequence } from './consequences.js';
import { settingSentence } from './setting-labels.js';
import { knownSetting } from '../model/index.js';

/** Names listed per consequence; the rest are counted (the user table lists everyone). */
export const MAX_NAMES = 400;

/** A setting value as the customer reads it: ja/nein for a switch, a named mode for a coded one, „(leer)“ for empty text. */
export function valueWords(tr: Translator, value: string, type?: string, key?: string): string {
  // Exports write keys in any case: the catalog's spelling finds the value's name (`usermanager.mode` 0).
  const named = key === undefined ? '' : `settingValue.${knownSetting(key)?.key ?? key}.${value.trim()}`;
  if (named !== '' && tr.has(named)) return tr.t(named);
  if (type === 'bool' || (type === undefined && (value === 'true' || value === 'false'))) {
    if (value === '1' || value === 'true') return tr.t('value.yes');
    if (value === '0' || value === 'false') return tr.t('value.no');
  }
  return value === '' ? tr.t('value.emptyText') : value;
}

/**
 * A message whose `code` parameters are technical values (a setting key, a path): those become
 * monospace runs, the rest of the sentence stays text. Keys and paths are never read as words.
 */
export function fillInline(tr: Translator, key: MessageKey, params: Params, code: Partial<Record<string, InlineKind>>): Inline[] {
  const marked: Record<string, string | number> = { ...params };
  for (const name of Object.keys(code)) marked[name] = `\u0001${name}\u0001`;
  return tr
    .t(key, marked)
    .split('\u0001')
    .map((part, i) => (i % 2 === 1 && code[part] !== undefined ? txt(String(params[part] ?? ''), code[part]) : txt(part)))
    .filter((x) => x.text !== '');
}

function itemInline(tr: Translator, a: Affected, types: ReadonlyMap<string, string>): Inline[] {
  if (a.move) return [txt(tr.t('consequence.item.move', { name: a.name, from: a.move.from, to: a.move.to }))];
  if (a.setting) {
    const type = types.get(a.name.toLowerCase());
    const scope = a.setting.server === '' ? tr.t('consequence.scope.all') : tr.t('consequence.scope.server', { server: a.setting.server });
    const from = a.setting.from.map((f) => tr.t('consequence.item.valueAt', { value: valueWords(tr, f.value, type, a.name), source: f.source })).join(', ');
    return settingSentence(tr, 'consequence.item.settingNamed', 'consequence.item.setting', a.name, { scope, from, to: valueWords(tr, a.setting.to, type, a.name) });
  }
  if (a.directory) return [txt(tr.t('consequence.item.directory', { name: a.name, reason: tr.t(`consequence.directory.${a.directory.reason}`) }))];
  if (a.file) return fillInline(tr, 'consequence.item.file', { path: a.name, source: a.file.source, kind: tr.t(`consequence.fileKind.${a.file.kind}` as MessageKey) }, { path: 'path' });
  return [txt(a.name)];
}

/** The section's blocks; `types`: setting key (lowercase) → type, to word switches. */
export function consequenceBlocks(tr: Translator, list: readonly Consequence[], types: ReadonlyMap<string, string>): Block[] {
  const t = tr.t;
  const byKind = new Map(list.map((c) => [c.kind, c]));
  const counted = (c: Consequence | undefined) => (c === undefined ? 0 : c.items.length + (c.unnamed ?? 0));
  const blocks: Block[] = [
    { type: 'p', inl: [txt(t('consequences.intro'))] },
    {
      type: 'table',
      head: [t('consequences.what'), t('consequences.count')],
      rows: CONSEQUENCE_KINDS.filter((k) => ALWAYS_SHOWN.has(k) || byKind.has(k)).map((k) => {
        const n = counted(byKind.get(k));
        return [cell(t(`consequence.label.${k}` as MessageKey)), n === 0 ? cell(t('consequences.none'), 'muted') : cell(tr.num(n), 'strong')];
      }),
      numeric: [1],
      widths: [80, 20],
      empty: t('value.none'),
    },
  ];
  for (const c of list) {
    const n = counted(c);
    if (n === 0) continue;
    const body: Block[] = [];
    for (const r of c.reasons) body.push({ type: 'p', inl: [txt(t(`consequence.reason.${r.reason}` as MessageKey, { n: r.count }))] });
    body.push({ type: 'p', inl: [txt(tr.plural(`consequence.todo.${c.kind}` as MessageKey, n))] });
    const shownItems = c.items.slice(0, MAX_NAMES);
    const more = n > shownItems.length ? ` ${t('value.more', { n: n - shownItems.length })}` : '';
    if (c.kind === 'settingChanges' || c.kind === 'notMigrated') {
      // One line each: a setting or a file says more than a name.
      const lines = shownItems.flatMap((a, i) => [...(i === 0 ? [] : [txt('', 'br')]), ...itemInline(tr, a, types)]);
      body.push({ type: 'p', inl: more ? [...lines, txt(more, 'muted')] : lines, cls: 'names' });
    } else {
      const names = shownItems.map((a) => itemInline(tr, a, types).map((x) => x.text).join('')).join(', ');
      body.push({ type: 'p', inl: [txt(t('consequences.names'), 'muted'), txt(' '), txt(names), ...(more ? [txt(more, 'muted')] : [])], cls: 'names' });
    }
    blocks.push({ type: 'group', title: [txt(tr.plural(`consequence.title.${c.kind}` as MessageKey, n), 'strong')], blocks: body });
  }
  return blocks;
}
