/**
 * `--out FILE` for every command: missing parent folders are created, the content goes to a
 * temporary file in the same folder and is renamed over the target only when complete, so an
 * interrupted or failed run never leaves a partial file (Ctrl-C removes the temporary file too:
 * see interrupt.ts). The content is a string or an async writer that streams it in pieces.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { nonRegularKind } from '../io/index.js';
import { MigrateError } from '../model/index.js';
import { forgetTempFile, rememberTempFile } from './interrupt.js';

/** A file or folder the run reads, which no `--out` may overwrite (`what` names it for the message). */
export interface RunInput {
  path: string;
  what: string;
}

/** The project file, its exports and its mapping CSV: what a run reads. */
export function projectInputs(projectPath: string | undefined, project?: { sourcePaths: readonly string[]; mappingPath?: string | undefined }): RunInput[] {
  const inputs: RunInput[] = [];
  if (projectPath !== undefined) inputs.push({ path: projectPath, what: 'the project file' });
  project?.sourcePaths.forEach((p, i) => inputs.push({ path: p, what: `an export of the project (sources[${i}])` }));
  if (project?.mappingPath !== undefined) inputs.push({ path: project.mappingPath, what: 'the home-server mapping (homeServers.mapping)' });
  return inputs;
}

/**
 * Refuses (usage error, nothing written) an output that is one of the run's inputs or lies inside
 * an export folder: `--out procall-migrate.yaml` or `--out exports/ucs1/users.xml` would destroy
 * what the consultant cannot get back.
 */
export function assertNotAnInput(target: string, inputs: readonly RunInput[]): void {
  const out = path.resolve(target);
  for (const input of inputs) {
    const p = path.resolve(input.path);
    if (out === p || out.startsWith(`${p}${path.sep}`)) {
      throw new MigrateError('CLI_USAGE', `${target} is ${out === p ? '' : 'inside '}${input.what}: procall-migrate never writes over what it reads`, {
        hint: 'choose another --out (e.g. a file or folder next to the project)',
      });
    }
  }
}

/**
 * Refuses (exit 1, nothing written) an existing target that is not a regular file (issue 20): the
 * temporary file renamed over `/dev/full` or `/dev/null` replaced the device (as root), over a FIFO
 * it replaced the pipe a reader waits on, over a folder it fails half-way. A symlink is followed:
 * a link to `/dev/null` is refused like the device.
 */
export async function assertWritableTarget(target: string): Promise<void> {
  let kind: string | undefined;
  try {
    kind = nonRegularKind(await stat(target));
  } catch {
    return; // absent (a new file) or unreachable: the write itself says why
  }
  if (kind === undefined) return;
  throw new MigrateError('CLI_OUTPUT_NOT_A_FILE', `--out ${target} is ${kind}, not a regular file: procall-migrate writes only to a regular file or a new path; nothing was written`, {
    hint: kind === 'a folder' ? 'name a file inside it, e.g. --out ' + path.join(target, 'plan.json') : 'choose a file name for --out (to discard the output, leave --out away)',
    meta: { path: target },
  });
}

/** Where a streamed output goes piece by piece; `write` resolves when the piece may be followed by the next. */
export interface ChunkSink {
  write(chunk: string | Uint8Array): Promise<void>;
}

/** Text, bytes (e.g. a UTF-16 `.reg` file), or an async writer that streams the content. */
export type OutputBody = string | Uint8Array | ((sink: ChunkSink) => Promise<void>);

/** A sink over a Node stream that waits for 'drain' when the stream's buffer is full. */
export function streamSink(stream: { write(chunk: never): unknown; once?: (event: 'drain', fn: () => void) => unknown }): ChunkSink {
  return {
    write: (chunk) =>
      new Promise<void>((resolve) => {
        const ok = (stream.write as (c: string | Uint8Array) => unknown)(chunk);
        if (ok === false && typeof stream.once === 'function') stream.once('drain', () => resolve());
        else resolve();
      }),
  };
}

/** Collects a streamed body into one string (small outputs, tests). */
export async function bodyToString(body: OutputBody): Promise<string> {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  const parts: string[] = [];
  await body({ write: async (chunk) => void parts.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')) });
  return parts.join('');
}

function finish(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}

/**
 * Writes `body` to `file` (absolute) atomically: parent folders created, a temporary file
 * beside it, renamed when complete. On any error the temporary file is removed and the target
 * is left as it was (absent, or the previous complete version).
 */
export async function writeOutput(file: string, body: OutputBody, inputs: readonly RunInput[] = []): Promise<void> {
  assertNotAnInput(file, inputs);
  await assertWritableTarget(file);
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  rememberTempFile(temp);
  try {
    // A 1 MiB buffer lets the disk write one piece while the next is produced (with the default
    // 16 KiB every 64 KiB piece of a 200 MB plan waited for its write: half a second idle).
    const stream = createWriteStream(temp, { encoding: 'utf8', flags: 'wx', highWaterMark: 1 << 20 });
    const failed = new Promise<never>((_resolve, reject) => stream.once('error', reject));
    failed.catch(() => {});
    try {
      // Opened before the content is produced: a folder we may not write to fails at once.
      await Promise.race([new Promise<void>((resolve) => stream.once('ready', () => resolve())), failed]);
      const sink = streamSink(stream);
      const writing = typeof body === 'function' ? body(sink) : sink.write(body);
      await Promise.race([writing, failed]);
    } finally {
      if (!stream.destroyed) await Promise.race([finish(stream), failed]);
    }
    // Again right before the rename: the target may have become a device or FIFO while the content was made.
    await assertWritableTarget(file);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  } finally {
    forgetTempFile(temp);
  }
}
