/**
 * A kept admin edit (signoff.ts `KeptEdit`) as a sentence the customer reads: „Einstellung
 * chat.deleteAfterDays (alle Server), Wert: in DataCenter auf 90 geändert, bleibt so“. No key
 * syntax (`Key=…`), no database column names: rows and fields are named in the report's words.
 */
import type { MessageKey, Translator } from './i18n/index.js';
import type { KeptEdit } from './signoff.js';
import { fillInline, valueWords } from './consequence-blocks.js';
import type { Inline } from './document.js';
import { settingLabel } from './setting-labels.js';
import { settingValueWords } from './finding-values.js';
import { knownSetting } from '../model/index.js';

/** The row in words: a setting by key and scope, a user by name, anything else by its table and key values. */
export function keptRowWords(tr: Translator, k: KeptEdit, tableLabel: (table: string) => string, keyMark = false): string {
  const key = k.key ?? {};
  const table = k.table.replace(/^dc\./i, '');
  const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  if (table === 'Setting') {
    const scope = str(key['Scope']);
    const where =
      scope === 'server' ? tr.t('consequence.scope.server', { server: str(key['ServerName']) })
        : scope === 'group' ? tr.t('kept.scope.group', { group: str(key['ObjectName']) })
          : tr.t('consequence.scope.all');
    // `keyMark`: the setting key marked for fillInline, so it is shown as a key, never read as words.
    const shownKey = keyMark ? '\u0001key\u0001' : str(key['Key']);
    // The setting's label first where it has one (review #5), the key beside it.
    const named = settingLabel(tr, str(key['Key']));
    return named === undefined ? tr.t('kept.row.Setting', { key: shownKey, scope: where }) : tr.t('kept.row.SettingNamed', { label: named, key: shownKey, scope: where });
  }
  if (table === 'UserAccount') return tr.t('kept.row.UserAccount', { name: str(key['UserName']) });
  const values = Object.values(key).map(str).filter((v) => v !== '');
  return tr.t('kept.row.generic', { table: tableLabel(k.table), name: values.join(' / ') });
}

/** A database column in the reader's words (never the column's name). */
export function columnWords(tr: Translator, column: string): string {
  const key = `dbColumn.${column}`;
  return tr.has(key) ? tr.t(key as MessageKey) : tr.t('dbColumn.other');
}

/** The whole edit in one sentence (values as written, in monospace), and the values it stands between in a second. */
export function keptSentence(tr: Translator, k: KeptEdit, tableLabel: (table: string) => string): { main: Inline[]; detail?: string } {
  const row = keptRowWords(tr, k, tableLabel, true);
  const key = String(k.key?.['Key'] ?? '');
  if (k.column === '') return { main: fillInline(tr, 'kept.deleted', { row, key }, { key: 'code' }) };
  // A switch's values read „ja“/„nein“ (review #6) when the key's type is known.
  const type = /(^|\.)Setting$/i.test(k.table) ? knownSetting(key)?.type : undefined;
  const v = (x: string) => (type === undefined ? valueWords(tr, x) : settingValueWords(tr, x, type, key));
  return {
    main: fillInline(tr, 'kept.edit', { row, key, field: columnWords(tr, k.column), actual: v(k.actual) }, { key: 'code', actual: 'code' }),
    detail: tr.t('kept.editDetail', { base: v(k.base), desired: v(k.desired) }),
  };
}
