/**
 * The import stage: exports (ZIP files or folders) → EnterpriseExport[] + diagnostics.
 * Exports are read one after another (memory holds one file at a time), then the rules that
 * need every export of the run (references, duplicate servers) run over all of them.
 */
import { endPrefetch } from './prefetch.js';
import type { Diagnostic } from '../model/index.js';
import { diag } from '../model/index.js';
import type { ImportResult, ProgressFn } from '../model/index.js';
import { noProgress } from '../model/index.js';
import { heldExports } from './held-exports.js';
import { readExport } from './read-export.js';
import { importDiag } from './xml-doc.js';
import type { RunExport } from './rules-run.js';
import { RUN_RULES } from './rules-run.js';

export { inspectImport, inspectSummary } from './inspect.js';
export type { ImportCode } from './codes.js';
export { IMPORT_CODES } from './codes.js';

export interface ImportOptions {
  onProgress?: ProgressFn;
  /**
   * A folder that is not an export but holds exports one level down: `expand` reads each of them
   * (`inspect`, `init`; an info says so); `refuse` (default, a project's `sources:`) reads none and
   * reports `PROJECT_SOURCE_HOLDS_EXPORTS` listing them.
   */
  heldExports?: 'expand' | 'refuse';
}

export async function importExports(inputs: string[], opts: ImportOptions = {}): Promise<ImportResult> {
  const onProgress = opts.onProgress ?? noProgress;
  const early: Diagnostic[] = [];
  const paths: string[] = [];
  for (const input of inputs) {
    const held = await heldExports(input);
    const exportsWord = `export${held?.length === 1 ? '' : 's'}`;
    if (held === undefined) paths.push(input);
    else if (opts.heldExports === 'expand') {
      // `inspect exports/ exports/a.zip` reads a.zip once.
      paths.push(...held.filter((p) => !paths.includes(p) && !inputs.includes(p)));
      early.push({ ...importDiag('IMPORT_INPUT_HOLDS_EXPORTS', `${input} is not an export but holds ${held.length} ${exportsWord}: ${held.join(', ')}; each is read as an export of its own`, { subject: `input:${input}`, params: { input, count: held.length, values: held } }), source: input });
    } else {
      early.push({
        ...diag('PROJECT_SOURCE_HOLDS_EXPORTS', 'error', `${input} is not an export but holds ${held.length} ${exportsWord} (${held.join(', ')}); none is read`, {
          hint: 'list each export under sources: on its own line, so each source is chosen on purpose',
          subject: `input:${input}`,
          params: { input, count: held.length, values: held },
        }),
        source: input,
      });
    }
  }
  const reads = [];
  try {
    for (const [i, path] of paths.entries()) {
      onProgress({ stage: 'import', message: `reading ${path}`, done: i, total: paths.length });
      reads.push(await readExport(path, onProgress));
    }
  } finally {
    // The warming threads' memory (about 70 MB) is given back before the map and plan peak.
    await endPrefetch();
  }
  const run: RunExport[] = reads.flatMap((r) => (r.exp ? [{ exp: r.exp, invalidUserNames: r.invalidUserNames, diagnostics: r.diagnostics }] : []));
  for (const rule of RUN_RULES) rule(run);
  onProgress({ stage: 'import', message: 'read all exports', done: paths.length, total: paths.length });

  const diagnostics: Diagnostic[] = [...early];
  for (const r of reads) {
    // An export without a readable manifest is named by its input path.
    const source = r.exp?.source ?? r.inputPath;
    for (const d of r.diagnostics) diagnostics.push(d.source === undefined ? { ...d, source } : d);
  }
  return { exports: run.map((r) => r.exp), diagnostics };
}
export { atProjectSource } from './held-exports.js';
export { renormalizeNumbers } from './phone-numbers.js';
export type { InspectExport } from './inspect.js';
