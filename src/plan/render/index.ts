/** The entry to plan/render/: what code outside this folder uses of it. */
export { DEFAULT_DETAIL_LIMIT, displayValue, keyLabel, plural } from './format.js';
export type { DetailLimit } from './format.js';
export { renderPlanMarkdown } from './render-markdown.js';
export type { MarkdownRenderOptions } from './render-markdown.js';
export { renderPlanText } from './render-text.js';
export type { TextRenderOptions } from './render-text.js';
