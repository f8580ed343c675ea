/**
 * The project's own XML reader alone on the floor's files (decode + parseXml from dist/, trees
 * kept): what the importer's parsing costs before any model is built. Prints one JSON line.
 *
 *   node bench/stages/reader.mjs <export-folder>…
 */
import { readFileSync } from 'node:fs';
import { decodeText } from '../../dist/importers/decode.js';
import { parseXml } from '../../dist/importers/xml.js';
import { xmlFiles } from './xml-files.mjs';

const t0 = performance.now();
const kept = [];
let failed = 0;
for (const file of xmlFiles(process.argv.slice(2))) {
  const decoded = decodeText(readFileSync(file));
  const parsed = decoded.ok ? parseXml(decoded.text) : undefined;
  if (parsed?.ok) kept.push(parsed.root);
  else failed++;
}
const workMs = Math.round(performance.now() - t0);
process.stdout.write(`${JSON.stringify({ workMs, xmlFiles: kept.length, failed })}\n`);
