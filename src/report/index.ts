/** The customer's migration report: build the data once, render it in one language for one audience as HTML or Markdown. */
import { buildDocument } from './build-document.js';
import type { Audience } from './document.js';
import { DEFAULT_LANG, translator, type Lang } from './i18n/index.js';
import type { ReportData } from './report-data.js';
import { renderDocumentHtml } from './render-html.js';
import { renderDocumentMarkdown } from './render-markdown.js';

export { buildReportData, OPEN_DECISION, type ReportData, type ReportInput, type ReportDiagnostic } from './report-data.js';
export { homeServerChartSvg } from './chart-svg.js';
export { postInstallChecklist, type InvariantView } from './checklist.js';
export { setupSheets } from './setup-sheet.js';
export { parsePreflight, type PreflightResult } from './preflight.js';
export { keptEdits, signOffFromPlan, type PlanForReport } from './signoff.js';
export { LANGS, DEFAULT_LANG, parseLang, translator, type Lang } from './i18n/index.js';
export type { Audience } from './document.js';

export interface RenderOptions {
  /** Default `de`. */
  lang?: Lang;
  /** Default `customer`: plain words, no codes, hints or local paths. */
  audience?: Audience;
  /** Time zone of the dates shown, always named next to the time (default: Europe/Berlin, the customers' zone). */
  timeZone?: string;
}

const doc = (d: ReportData, o: RenderOptions) =>
  buildDocument(d, translator(o.lang ?? DEFAULT_LANG, o.timeZone ? { timeZone: o.timeZone } : {}), { audience: o.audience ?? 'customer' });

export function renderReportHtml(d: ReportData, options: RenderOptions = {}): string {
  return renderDocumentHtml(doc(d, options));
}

export function renderReportMarkdown(d: ReportData, options: RenderOptions = {}): string {
  return renderDocumentMarkdown(doc(d, options));
}
