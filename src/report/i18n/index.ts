/** The entry to report/i18n/: what code outside this folder uses of it. */
export { DEFAULT_LANG, LANGS, fill, formatIsoDate, parseLang, translator } from './catalog.js';
export type { Lang, MessageKey, Params, Translator } from './catalog.js';
export { moreFindings, renderFinding } from './findings-text.js';
