/** The customer's migration report: build the data once, render it as HTML or Markdown. */
export { buildReportData, type ReportData, type ReportInput } from './report-data.js';
export { renderReportHtml } from './render-html.js';
export { renderReportMarkdown } from './render-markdown.js';
export { homeServerChartSvg } from './chart-svg.js';
export { postInstallChecklist, type InvariantView } from './checklist.js';
export { setupSheets } from './setup-sheet.js';
