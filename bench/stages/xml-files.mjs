/** Every `*.xml` file below the given folders, in a stable order (shared by the floor and reader stages). */
import { readdirSync } from 'node:fs';
import path from 'node:path';

export function xmlFiles(dirs) {
  const files = [];
  for (const dir of dirs) {
    for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (e.isFile() && e.name.toLowerCase().endsWith('.xml')) files.push(path.join(e.parentPath ?? e.path, e.name));
    }
  }
  return files;
}
