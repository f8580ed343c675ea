/** The planner stage: desired vs actual → Plan, its renderings, digests and saved-plan checks. */
export { planChanges, type PlanOptions } from './planner.js';
export { summarizeChanges, summarizeByServer, destructiveChanges, totals, NO_SERVER } from './summary.js';
export { renderPlanText, type TextRenderOptions } from './render-text.js';
export { renderPlanJson, toPlanJson } from './render-json.js';
export { renderPlanMarkdown, type MarkdownRenderOptions } from './render-markdown.js';
export { DEFAULT_DETAIL_LIMIT, type DetailLimit } from './format.js';
export { planDigest, sourceDigest, fingerprintModel, EMPTY_FINGERPRINT } from './digest.js';
export { writePlanFile, readPlanFile, parsePlanJson } from './plan-file.js';
export { planJsonSchema, type PlanJson, type ChangeJson } from './plan-schema.js';
export { checkSavedPlan, type SavedPlanCheck, type StaleReason } from './stale.js';
export { planExitCode } from './exit-code.js';
export { PLAN_CODES, type PlanCode } from './codes.js';
