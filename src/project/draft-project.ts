/**
 * `report --draft` renders whatever the project holds (docs/decide.md): when the loader refuses
 * the file (a duplicate line group, an unknown key, a typo in a value), the draft is made from
 * what of it is usable — each top-level section that passes the schema on its own, each server
 * that does — and the loader's errors are listed first in the report. A file that is not even
 * YAML gives a project with its name and no sources: the draft then lists only its errors.
 */
import { readGuardedText } from '../io/index.js';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { resolveProject } from './load.js';
import { projectFileSchema, serverSchema, type Project, type ProjectFile } from './schema.js';

type Env = Record<string, string | undefined>;

/** The usable part of the project file at `file`, resolved like a loaded project (never throws). */
export async function draftProject(file: string, env: Env): Promise<Project> {
  const projectPath = path.resolve(file);
  let raw: unknown;
  try {
    const doc = parseDocument((await readGuardedText(projectPath)).replace(/^\uFEFF/, ''), { uniqueKeys: false });
    raw = doc.errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: 1000 });
  } catch {
    raw = undefined;
  }
  const obj = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const shape = projectFileSchema.shape as Record<string, { safeParse: (v: unknown) => { success: boolean } }>;
  const usable: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'servers' && Array.isArray(value)) {
      usable['servers'] = value.filter((s) => serverSchema.safeParse(s).success);
      continue;
    }
    if (key in shape && shape[key]!.safeParse(value).success) usable[key] = value;
  }
  if (typeof usable['name'] !== 'string') usable['name'] = path.basename(projectPath).replace(/\.[^.]+$/, '');
  if (!Array.isArray(usable['sources']) || usable['sources'].length === 0) usable['sources'] = ['.'];
  if (!Array.isArray(usable['servers']) || usable['servers'].length === 0) usable['servers'] = [{ name: 'dc-01', fqdn: 'dc-01' }];
  // Settings values still TODO are no values.
  const parsed = projectFileSchema.safeParse(usable);
  const fileValue: ProjectFile = parsed.success ? parsed.data : projectFileSchema.parse({ name: usable['name'], sources: usable['sources'], servers: usable['servers'] });
  const project = resolveProject(fileValue, path.dirname(projectPath), env);
  // Without sources that could be read, nothing is imported: the draft lists the errors.
  return Array.isArray(obj['sources']) && obj['sources'].length > 0 ? project : { ...project, sourcePaths: [] };
}
