/**
 * Setting values inside findings in the customer's words (german review #6): a finding about a
 * switch says „ja“/„nein“, as the settings table does, never `0`/`1`; a number says `25`, not
 * `025`. Applied to a finding's params before its sentence is rendered (findings-*.ts read the
 * params as they get them), so the same fact reads the same everywhere in the report. The
 * consultant's appendix keeps the finding as it is.
 */
import type { Diagnostic, ParamValue } from '../model/index.js';
import { knownSetting } from '../model/index.js';
import type { Translator } from './i18n/index.js';
import { valueWords } from './consequence-blocks.js';
import { settingLabel } from './setting-labels.js';

/** A value of a setting of `type` as the reader reads it. */
export function settingValueWords(tr: Translator, value: string, type: string | undefined, key?: string): string {
  if (type === 'int' && /^[+-]?\d+$/.test(value.trim())) return String(BigInt(value.trim()));
  if (type === 'bool') return valueWords(tr, value.trim().toLowerCase(), 'bool', key);
  return key !== undefined && tr.has(`settingValue.${key}.${value}`) ? valueWords(tr, value, type, key) : value;
}

const strings = (v: ParamValue | undefined): string[] | undefined => (Array.isArray(v) ? v : undefined);

/**
 * The finding with its setting values worded: `values` by `types` (a conflict's per-source
 * values), `decided` and `value` by the key's type (its catalog type, else the one type every
 * source agrees on). A finding about no setting is returned as it is.
 */
export function withWordedValues<D extends Pick<Diagnostic, 'params'>>(tr: Translator, d: D): D {
  const p = d.params;
  if (p === undefined) return d;
  const key = typeof p['key'] === 'string' ? p['key'] : undefined;
  const types = strings(p['types']);
  const values = strings(p['values']);
  const agreed = types !== undefined && types.length > 0 && types.every((t) => t === types[0]) ? types[0] : undefined;
  const keyType = (key !== undefined ? knownSetting(key)?.type : undefined) ?? agreed;
  if (key === undefined || (keyType === undefined && types === undefined)) return d;
  const out: Record<string, ParamValue> = { ...p };
  if (values !== undefined && types !== undefined) out['values'] = values.map((v, i) => settingValueWords(tr, v, types[i] ?? keyType, key));
  for (const name of ['decided', 'value']) {
    const v = p[name];
    if (typeof v === 'string') out[name] = settingValueWords(tr, v, keyType, key);
  }
  return { ...d, params: out };
}

/**
 * A finding about a setting names it by its label with the key beside it (review #5):
 * „Chatverläufe löschen nach Tagen (chat.deleteAfterDays)“. Only for codes about settings (their
 * `key` is a setting key; elsewhere `key` may be a user) and keys that have a label.
 */
export function withSettingLabel<D extends Pick<Diagnostic, 'code' | 'params'>>(tr: Translator, d: D): D {
  const key = d.params?.['key'];
  if (typeof key !== 'string' || !/SETTING/.test(d.code)) return d;
  const named = settingLabel(tr, key);
  return named === undefined ? d : { ...d, params: { ...d.params, key: `${named} (${key})` } };
}
