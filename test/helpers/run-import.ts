/** Shared by the importer tests: write a fixture export, import it, find diagnostics. */
import type { Diagnostic } from '../../src/model/diagnostics.js';
import type { ImportResult } from '../../src/model/enterprise.js';
import { importExports } from '../../src/importers/index.js';
import type { ExportFiles } from './export-fixture.js';
import { writeExportFolder, writeExportZip } from './export-fixture.js';

export async function importFiles(next: (name: string) => string, files: ExportFiles, form: 'zip' | 'folder'): Promise<ImportResult> {
  const path = form === 'zip' ? writeExportZip(next('export.zip'), files) : writeExportFolder(next('export'), files);
  return importExports([path]);
}

export function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}

/** Replaces exactly one occurrence; fails loudly when a fixture edit no longer applies. */
export function edit(text: string | Uint8Array | undefined, from: string, to: string): string {
  if (typeof text !== 'string' || !text.includes(from)) throw new Error(`fixture edit: ${JSON.stringify(from)} not found`);
  return text.replace(from, to);
}
