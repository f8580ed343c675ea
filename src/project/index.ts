/** The entry to project/: what code outside this folder uses of it. */
export { applyAccepts } from './accept.js';
export { applyDecision } from './apply-decision.js';
export { projectDocument } from './decide-context.js';
export type { DecideContext } from './decide-context.js';
export { option } from './decide-option.js';
export { attachDecisions, decideFor } from './decide.js';
export { decidedAfterMapping } from './decided-after-mapping.js';
export { draftProject } from './draft-project.js';
export { excludeOption } from './exclude-option.js';
export { applyExclusions } from './exclude.js';
export { loadHomeServerMapping } from './home-server-mapping.js';
export { MAX_PROJECT_FILE_BYTES, loadProject } from './load.js';
export type { LoadProjectResult } from './load.js';
export { applyOverrides } from './overrides.js';
export type { AppliedOverride } from './overrides.js';
export { PROJECT_CODES, formatProjectPath, isTodoValue } from './schema.js';
export type { LocationChoice, MappingEntry, Project, ProjectCode, ProjectDecision, ProjectPositions, ProjectServer, ResolvedProjectSetting } from './schema.js';
export { decideImportFinding, decisionParams, decisionText, isOpenSetting, projectSettingFor } from './settings-lookup.js';
