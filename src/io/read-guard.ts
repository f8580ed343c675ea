/**
 * The one read guard (issue 20): every file the tool reads whole — saved plan, project file,
 * mapping CSV, preflight result, CA file — goes through `readGuarded`. Regular files only (a FIFO
 * hung `apply`, `/dev/urandom` took 1.1 GB before failing), at most `maxBytes` (a 2 GiB sparse
 * file is refused by its size, unread), within a time bound. Exports keep their own per-entry
 * budget (importers/read-budget.ts) and open their files the same way.
 *
 * The path is opened first (non-blocking, so a FIFO without a writer does not block the open) and
 * the OPEN handle is checked: a file swapped for a FIFO between a check and the read is caught.
 */
import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { nonRegularKind } from './regular-file.js';

const MB = 1024 * 1024;

/** How long one file may take to read before the run gives up on it (a hung share, a stuck mount). */
export const DEFAULT_READ_TIMEOUT_MS = 120_000;

export interface ReadGuardOptions {
  /** Largest size accepted, in bytes; larger files are refused before a byte is read. */
  maxBytes: number;
  /** Gives up after this long (default {@link DEFAULT_READ_TIMEOUT_MS}). */
  timeoutMs?: number;
}

/** Why a file was not read: the kind for code, `problem` a phrase for a message (`is a FIFO (named pipe), not a regular file`). */
export type ReadRefusal =
  | { ok: false; kind: 'not-found'; problem: string }
  | { ok: false; kind: 'not-regular'; problem: string }
  | { ok: false; kind: 'too-large'; problem: string; size: number; maxBytes: number }
  | { ok: false; kind: 'timeout'; problem: string }
  | { ok: false; kind: 'unreadable'; problem: string };

export type ReadOutcome = { ok: true; bytes: Buffer } | ReadRefusal;

/** `12 MB` for a message (rounded up: "more than 64 MB" must not read as "64 MB"). */
export function sizeInWords(bytes: number): string {
  return bytes >= MB ? `${Math.ceil(bytes / MB)} MB` : `${bytes} bytes`;
}

const tooLarge = (size: number, maxBytes: number): ReadRefusal => ({
  ok: false,
  kind: 'too-large',
  problem: `is ${sizeInWords(size)}, more than the ${sizeInWords(maxBytes)} it may have`,
  size,
  maxBytes,
});

/** Reads a whole regular file within the budget and the time bound; never throws. */
export async function readGuarded(file: string, opts: ReadGuardOptions): Promise<ReadOutcome> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  let handle: FileHandle | undefined;
  let finished = false;
  const timedOut = new Promise<ReadRefusal>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, kind: 'timeout', problem: `could not be read within ${Math.round(timeoutMs / 1000)} s (a hung network share?)` }),
      timeoutMs,
    );
  });
  const reading = (async (): Promise<ReadOutcome> => {
    // Windows has no O_NONBLOCK, and no FIFOs or devices a path can name: there stat alone decides.
    if (constants.O_NONBLOCK === undefined) {
      const pre = await typeProblem(file);
      if (pre !== undefined) return pre;
    }
    try {
      handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    } catch (error) {
      return openRefusal(error);
    }
    // An open that returned after the time bound: the caller has moved on, the handle is closed here.
    if (finished) {
      await handle.close().catch(() => {});
      return { ok: false, kind: 'timeout', problem: 'could not be read in time' };
    }
    const st = await handle.stat();
    const kind = nonRegularKind(st);
    if (kind !== undefined) return { ok: false, kind: 'not-regular', problem: `is ${kind}, not a regular file` };
    if (st.size > opts.maxBytes) return tooLarge(st.size, opts.maxBytes);
    return readAll(handle, st.size, opts.maxBytes);
  })().catch((error: unknown): ReadRefusal => openRefusal(error));
  try {
    return await Promise.race([reading, timedOut]);
  } finally {
    finished = true;
    clearTimeout(timer);
    // A timed-out read still holds the handle: closing it ends the read.
    await handle?.close().catch(() => {});
  }
}

/** The file's bytes; a file that grows past the budget while it is read is refused too. */
async function readAll(handle: FileHandle, size: number, maxBytes: number): Promise<ReadOutcome> {
  const chunks: Buffer[] = [];
  let total = 0;
  // One read of the stated size, then small reads until the end: a file that grew is noticed.
  let want = Math.max(1, Math.min(size + 1, maxBytes + 1));
  for (;;) {
    const buffer = Buffer.allocUnsafe(want);
    const { bytesRead } = await handle.read(buffer, 0, want, null);
    if (bytesRead === 0) break;
    total += bytesRead;
    if (total > maxBytes) return tooLarge(total, maxBytes);
    chunks.push(bytesRead === want ? buffer : buffer.subarray(0, bytesRead));
    want = Math.min(64 * 1024, maxBytes + 1 - total);
  }
  return { ok: true, bytes: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total) };
}

async function typeProblem(file: string): Promise<ReadRefusal | undefined> {
  try {
    const kind = nonRegularKind(await stat(file));
    return kind === undefined ? undefined : { ok: false, kind: 'not-regular', problem: `is ${kind}, not a regular file` };
  } catch (error) {
    return openRefusal(error);
  }
}

function openRefusal(error: unknown): ReadRefusal {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return { ok: false, kind: 'not-found', problem: 'not found' };
  if (code === 'EISDIR') return { ok: false, kind: 'not-regular', problem: 'is a folder, not a regular file' };
  return { ok: false, kind: 'unreadable', problem: `cannot be read (${code ?? (error as Error | undefined)?.message ?? 'unknown error'})` };
}

/** The largest project file read (50,000 settings take about 2 MB); the loader says the same. */
export const MAX_PROJECT_TEXT_BYTES = 64 * 1024 * 1024;

/**
 * A whole file as UTF-8 text through the guard, for readers that only want the text and treat
 * any failure alike (a second look at the project file): throws an Error naming the problem.
 */
export async function readGuardedText(file: string, maxBytes = MAX_PROJECT_TEXT_BYTES): Promise<string> {
  const read = await readGuarded(file, { maxBytes });
  if (!read.ok) throw new Error(`${file} ${read.problem}`);
  return read.bytes.toString('utf8');
}

/** The largest CA file read (a PEM bundle of every public root is about 250 kB). */
export const MAX_CA_FILE_BYTES = 4 * 1024 * 1024;
