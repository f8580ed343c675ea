/**
 * The import stage: exports (ZIP files or folders) → EnterpriseExport[] + diagnostics.
 * Exports are read one after another (memory holds one file at a time), then the rules that
 * need every export of the run (references, duplicate servers) run over all of them.
 */
import type { Diagnostic } from '../model/diagnostics.js';
import type { ImportResult, ProgressFn } from '../model/enterprise.js';
import { noProgress } from '../model/enterprise.js';
import { readExport } from './read-export.js';
import type { RunExport } from './rules-run.js';
import { RUN_RULES } from './rules-run.js';

export { inspectImport, inspectSummary } from './inspect.js';
export type { ImportCode } from './codes.js';
export { IMPORT_CODES } from './codes.js';

export async function importExports(paths: string[], opts: { onProgress?: ProgressFn } = {}): Promise<ImportResult> {
  const onProgress = opts.onProgress ?? noProgress;
  const reads = [];
  for (const [i, path] of paths.entries()) {
    onProgress({ stage: 'import', message: `reading ${path}`, done: i, total: paths.length });
    reads.push(await readExport(path, onProgress));
  }
  const run: RunExport[] = reads.flatMap((r) => (r.exp ? [{ exp: r.exp, invalidUserNames: r.invalidUserNames, diagnostics: r.diagnostics }] : []));
  for (const rule of RUN_RULES) rule(run);
  onProgress({ stage: 'import', message: 'read all exports', done: paths.length, total: paths.length });

  const diagnostics: Diagnostic[] = [];
  for (const r of reads) {
    // An export without a readable manifest is named by its input path.
    const source = r.exp?.source ?? r.inputPath;
    for (const d of r.diagnostics) diagnostics.push(d.source === undefined ? { ...d, source } : d);
  }
  return { exports: run.map((r) => r.exp), diagnostics };
}
