/** Moved to the one read guard (src/io/regular-file.ts, issue 20); kept for the importers that name it here. */
export { nonRegularKind, regularFileProblem, type FileTypeInfo } from '../io/regular-file.js';
