/** The entry to cli/init/: what code outside this folder uses of it. */
export { pickNewestExports, renderInitProject } from './project-template.js';
export { settleInitProject } from './settle-open.js';
