/**
 * The folder form of an export. Links are not followed (a link could lead outside the export);
 * they are reported like an escaping ZIP entry. A folder that is not an export (`inspect /tmp`)
 * is recognised from its first two levels, before walking a tree that may be huge.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { prefetchFiles } from './prefetch.js';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { entryKey } from './entry-path.js';
import type { ExportEntry, ExportSource, OpenResult, ReadResult, SourceProblem } from './source-types.js';
import { MAX_ENTRY_BYTES } from './source-types.js';
import { looksLikeExport, notAnExport } from './layout.js';
import { nonRegularKind } from '../io/index.js';
import { cmp } from '../model/index.js';

export async function openFolderSource(inputPath: string): Promise<OpenResult> {
  const shallow = await shallowKeys(inputPath);
  if (shallow !== undefined && !looksLikeExport(shallow)) return notAnExport(inputPath);
  const entries: ExportEntry[] = [];
  const problems: SourceProblem[] = [];
  const pending = [inputPath];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    const listing = await readdir(dir, { withFileTypes: true }).catch((e: unknown) => e as Error);
    if (listing instanceof Error) {
      problems.push({ code: 'IMPORT_INPUT_NOT_FOUND', file: relName(inputPath, dir), message: `folder ${dir} cannot be read: ${listing.message}` });
      continue;
    }
    for (const d of listing.sort((a, b) => cmp(a.name, b.name))) {
      const full = join(dir, d.name);
      const name = relName(inputPath, full);
      if (d.isDirectory()) pending.push(full);
      else if (d.isSymbolicLink()) problems.push({ code: 'IMPORT_ENTRY_PATH_ESCAPES', file: name, message: `${name} is a link; links are not followed` });
      else if (d.isFile()) entries.push({ name, key: entryKey(name), size: -1 });
      // A FIFO, device or socket would hang the read or never end: refused by name, never opened.
      else problems.push({ code: 'IMPORT_NOT_A_REGULAR_FILE', file: name, message: `${name} is ${nonRegularKind(d) ?? 'not a regular file'}, not a regular file; it is not read` });
    }
  }
  entries.sort((a, b) => cmp(a.name, b.name));
  const warming = prefetchFiles(entries.map((e) => join(inputPath, ...e.name.split('/'))));
  return { ok: true, source: new FolderSource(inputPath, entries, problems, warming.stop) };
}

/**
 * The lowercase paths of the files `looksLikeExport` looks at: the root's, each top-level folder's,
 * and those of a `config/` folder at either level. Undefined when the root cannot be listed (the
 * walk then reports it).
 */
async function shallowKeys(inputPath: string): Promise<string[] | undefined> {
  const keys: string[] = [];
  const visit = async (rel: string, depth: number): Promise<boolean> => {
    const listing = await readdir(join(inputPath, rel), { withFileTypes: true }).catch(() => undefined);
    if (listing === undefined) return false;
    for (const d of listing) {
      const name = rel === '' ? d.name : `${rel}/${d.name}`;
      if (d.isFile()) keys.push(entryKey(name));
      else if (d.isDirectory() && (depth === 0 || (depth === 1 && entryKey(d.name) === 'config'))) await visit(name, depth + 1);
    }
    return true;
  };
  return (await visit('', 0)) ? keys : undefined;
}

function relName(root: string, full: string): string {
  return relative(root, full).split(sep).join('/');
}

class FolderSource implements ExportSource {
  readonly kind = 'folder' as const;
  constructor(
    readonly inputPath: string,
    readonly entries: readonly ExportEntry[],
    readonly problems: readonly SourceProblem[],
    /** Stops the page-cache warming of prefetch.ts. */
    private readonly stopPrefetch: () => void = () => {},
  ) {}

  async read(entry: ExportEntry, maxBytes = MAX_ENTRY_BYTES): Promise<ReadResult> {
    try {
      // O_NONBLOCK: a file replaced by a FIFO after the listing must not block the open.
      // Synchronous calls on purpose: an export has one small file per user, and each promise
      // call is a thread-pool round trip (open, stat, read, close); reading 50,000 files this
      // way measured 5–20× faster (bench/README.md). The caller yields to the event loop now and then.
      const fd = openSync(join(this.inputPath, ...entry.name.split('/')), constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        const st = fstatSync(fd);
        const kind = nonRegularKind(st);
        if (kind !== undefined) return { ok: false, code: 'IMPORT_NOT_A_REGULAR_FILE', message: `${entry.name} is ${kind}, not a regular file; it is not read` };
        if (st.size > maxBytes) return { ok: false, tooLarge: true, code: 'IMPORT_FILE_TOO_LARGE', message: `${entry.name} is ${st.size} bytes; at most ${maxBytes} are read` };
        // Read at most one byte past the limit: a file that grows while read is still bounded.
        const bytes = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1);
        let filled = 0;
        for (;;) {
          const bytesRead = readSync(fd, bytes, filled, bytes.length - filled, filled);
          if (bytesRead === 0) break;
          filled += bytesRead;
          if (filled === bytes.length) break;
        }
        if (filled > maxBytes) return { ok: false, tooLarge: true, code: 'IMPORT_FILE_TOO_LARGE', message: `${entry.name} grew past ${maxBytes} bytes while it was read; it is not read` };
        return { ok: true, bytes: bytes.subarray(0, filled) };
      } finally {
        closeSync(fd);
      }
    } catch (e) {
      return { ok: false, code: 'IMPORT_INPUT_NOT_FOUND', message: `${entry.name} cannot be read: ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  async close(): Promise<void> {
    this.stopPrefetch();
  }
}
