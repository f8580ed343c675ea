/**
 * Text in report data is either a catalog message (key + parameters) or a value from the
 * customer's data, shown as it is. The data stays free of language; renderers resolve it.
 */
import type { MessageKey, Params, Translator } from './i18n/index.js';

export type Txt = { key: MessageKey; params?: Params } | { value: string };

export const msg = (key: MessageKey, params?: Params): Txt => (params ? { key, params } : { key });
export const lit = (value: string): Txt => ({ value });

export function resolve(tr: Translator, text: Txt): string {
  return 'key' in text ? tr.t(text.key, text.params) : text.value;
}
