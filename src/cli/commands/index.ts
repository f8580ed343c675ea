/** The entry to cli/commands/: what code outside this folder uses of it. */
export { registerApply } from './apply.js';
export { registerInit } from './init.js';
export { registerInspect } from './inspect.js';
export { registerMigrate } from './migrate.js';
export { registerPlan } from './plan.js';
export { registerPreflight } from './preflight.js';
export { registerReport } from './report.js';
export { registerRollout } from './rollout.js';
export { registerRuns } from './runs.js';
export { registerScript } from './script.js';
export { registerUndo } from './undo.js';
export { registerVerify } from './verify.js';
