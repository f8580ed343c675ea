/**
 * What a path is, when it is not a regular file (issue 9): a FIFO or `/dev/urandom` would hang a
 * read, `/dev/zero` grow without end, a folder fail with EISDIR deep inside a parser. The read
 * guard (read-guard.ts) asks here; folder walkers ask with the `Dirent` they already have.
 */
import { stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';

/** What `stat` or `readdir` tells about a path's type (Stats and Dirent both have it). */
export type FileTypeInfo = Pick<Stats, 'isFile' | 'isDirectory' | 'isFIFO' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket'>;

/** What a path is when it is not a regular file (`a FIFO`, `a character device`, …), in words. */
export function nonRegularKind(st: FileTypeInfo): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** `undefined` for a regular file (symlinks followed); otherwise what it is, or why it cannot be read. */
export async function regularFileProblem(path: string): Promise<string | undefined> {
  let st: Stats;
  try {
    st = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'not found' : `cannot be read (${code ?? 'unknown error'})`;
  }
  const kind = nonRegularKind(st);
  return kind === undefined ? undefined : `is ${kind}, not a regular file`;
}
