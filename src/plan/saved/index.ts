/** The entry to plan/saved/: what code outside this folder uses of it. */
export { parsePlanJson, planProjectPath, readPlanFile, writePlanFile } from './plan-file.js';
export { renderPlanJson, toPlanJson, writePlanJson } from './render-json.js';
