/**
 * The floor (issue 14): one Node process reads every XML file of the unpacked export folders and
 * parses it with bare fast-xml-parser (no validation); the results are kept, as an importer keeps
 * its model. Files are read with readFileSync, the cheapest read Node has, so the floor is not
 * slowed by I/O overhead the importer could avoid. Prints one JSON line.
 *
 *   node bench/stages/floor.mjs <export-folder>…
 */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { xmlFiles } from './xml-files.mjs';

const t0 = performance.now();
const parser = new XMLParser({ ignoreAttributes: false });
const kept = [];
let bytes = 0;
for (const file of xmlFiles(process.argv.slice(2))) {
  const buf = readFileSync(file);
  bytes += buf.length;
  kept.push(parser.parse(buf.toString('utf8')));
}
const workMs = Math.round(performance.now() - t0);
process.stdout.write(`${JSON.stringify({ workMs, xmlFiles: kept.length, xmlMB: Math.round(bytes / 1048576) })}\n`);
