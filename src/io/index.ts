/** The entry to io/: what code outside this folder uses of it. */
export { splitCsvLine } from './csv-line.js';
export { decodeText } from './decode.js';
export { DiagnosticCap, cappedCount } from './diagnostic-cap.js';
export { codePointLabel, firstInvisible, showInvisible } from './display.js';
export { SERVER_NAME_PATTERN, hostNameMessage, hostNameProblem, hostOrIpProblem } from './host-name.js';
export { LineIndex } from './line-index.js';
export { mdCode, mdText } from './markdown.js';
export { MAX_CA_FILE_BYTES, readGuarded, readGuardedText } from './read-guard.js';
export { nonRegularKind } from './regular-file.js';
