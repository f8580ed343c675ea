/**
 * The tool's import stage: `importExports` (from dist/) on the unpacked export folders.
 * Prints one JSON line with what it read, so the work is seen to be real.
 *
 *   node bench/stages/import.mjs <export-folder>…
 */
import { importExports } from '../../dist/importers/index.js';

const t0 = performance.now();
const result = await importExports(process.argv.slice(2));
const workMs = Math.round(performance.now() - t0);
const bySeverity = {};
for (const d of result.diagnostics) bySeverity[d.severity] = (bySeverity[d.severity] ?? 0) + 1;
const users = result.exports.reduce((n, e) => n + e.users.length, 0);
const files = result.exports.reduce((n, e) => n + e.files.length, 0);
process.stdout.write(`${JSON.stringify({ workMs, exports: result.exports.length, users, files, diagnostics: bySeverity })}\n`);
