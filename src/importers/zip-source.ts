/**
 * The ZIP form of an export, over yauzl. Names are decoded here (not by yauzl, which throws on
 * `../x` and would end the listing): an escaping entry is reported and skipped, the rest is read.
 * yauzl checks entry sizes; the CRC-32 is checked here so a flipped byte in a stored entry is caught.
 */
import { readFile, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { crc32 } from './crc32.js';
import { normalizeEntryPath } from './entry-path.js';
import type { ExportEntry, ExportSource, OpenResult, ReadResult, SourceProblem } from './source-types.js';
import { MAX_ENTRY_BYTES } from './source-types.js';
import { looksLikeExport, notAnExport } from './layout.js';
import { inflateInMemory } from './zip-inflate.js';

interface ZipEntry extends ExportEntry {
  raw: yauzl.Entry;
}

/**
 * ZIPs up to this size are read into memory once: tens of thousands of small entries then cost no
 * file-system round trip each. Larger ones (file databases) are read from disk entry by entry.
 */
const IN_MEMORY_ZIP_BYTES = 64 * 1024 * 1024;

export async function openZipSource(inputPath: string): Promise<OpenResult> {
  let zip: yauzl.ZipFile;
  let inMemory: Buffer | undefined;
  try {
    const options: yauzl.Options = { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false };
    const { size } = await stat(inputPath);
    if (size <= IN_MEMORY_ZIP_BYTES) inMemory = await readFile(inputPath);
    zip = inMemory !== undefined ? await yauzl.fromBufferPromise(inMemory, options) : await yauzl.openPromise(inputPath, options);
  } catch (e) {
    return { ok: false, code: 'IMPORT_ZIP_UNREADABLE', message: `${inputPath} is not a readable ZIP file: ${errorText(e)}` };
  }
  const entries: ZipEntry[] = [];
  const problems: SourceProblem[] = [];
  // Every readable name, encrypted entries too: a password-protected export is still an export.
  const keys: string[] = [];
  let listedAll = true;
  try {
    for await (const raw of zip.eachEntry()) {
      const decoded = yauzl.getFileNameLowLevel(raw.generalPurposeBitFlag, raw.fileName as unknown as Buffer, raw.extraFields, false);
      const path = normalizeEntryPath(decoded);
      if (!path.ok) {
        problems.push({ code: 'IMPORT_ENTRY_PATH_ESCAPES', file: path.name, message: `ZIP entry ${JSON.stringify(path.name)} ${path.reason}; it is not read` });
        continue;
      }
      if (path.isDirectory) continue;
      keys.push(path.key);
      if (raw.isEncrypted()) {
        problems.push({ code: 'IMPORT_ZIP_UNREADABLE', file: path.name, message: `ZIP entry ${path.name} is encrypted; exports must not be password-protected` });
        continue;
      }
      entries.push({ name: path.name, key: path.key, size: raw.uncompressedSize, raw });
    }
  } catch (e) {
    // The central directory broke part-way: keep what was listed, report the rest.
    listedAll = false;
    problems.push({ code: 'IMPORT_ZIP_UNREADABLE', message: `the ZIP's table of contents is corrupt after ${entries.length} entries: ${errorText(e)}` });
  }
  // A complete listing without any contract file is not an export: one diagnostic, not one per entry.
  if (listedAll && !looksLikeExport(keys)) {
    zip.close();
    return notAnExport(inputPath);
  }
  return { ok: true, source: new ZipSource(inputPath, zip, entries, problems, inMemory) };
}

class ZipSource implements ExportSource {
  readonly kind = 'zip' as const;
  constructor(
    readonly inputPath: string,
    private readonly zip: yauzl.ZipFile,
    readonly entries: readonly ZipEntry[],
    readonly problems: readonly SourceProblem[],
    /** The whole ZIP when it was read into memory: its entries are then inflated in place. */
    private readonly bytes?: Buffer,
  ) {}

  async read(entry: ExportEntry, maxBytes = MAX_ENTRY_BYTES): Promise<ReadResult> {
    const raw = (entry as ZipEntry).raw;
    // Refused from the size the ZIP declares, before a byte is inflated.
    if (raw.uncompressedSize > maxBytes) {
      return { ok: false, tooLarge: true, code: 'IMPORT_FILE_TOO_LARGE', message: `${entry.name} inflates to ${raw.uncompressedSize} bytes; at most ${maxBytes} are read` };
    }
    try {
      const inflated = this.bytes === undefined ? undefined : inflateInMemory(this.bytes, raw);
      if (inflated?.ok === false && !inflated.sizeLie) return { ok: false, code: 'IMPORT_ZIP_UNREADABLE', message: `ZIP entry ${entry.name} cannot be read: ${inflated.message}` };
      const bytes = inflated === undefined ? await collect(await this.zip.openReadStreamPromise(raw), raw.uncompressedSize) : inflated.ok ? inflated.bytes : undefined;
      if (bytes === undefined) {
        return { ok: false, code: 'IMPORT_FILE_TOO_LARGE', message: `${entry.name} declares ${raw.uncompressedSize} bytes but inflates to more (a size lie); it is not read` };
      }
      if (crc32(bytes) !== raw.crc32) return { ok: false, code: 'IMPORT_ZIP_UNREADABLE', message: `ZIP entry ${entry.name} is corrupt (checksum mismatch)` };
      return { ok: true, bytes };
    } catch (e) {
      return { ok: false, code: 'IMPORT_ZIP_UNREADABLE', message: `ZIP entry ${entry.name} cannot be read: ${errorText(e)}` };
    }
  }

  async close(): Promise<void> {
    this.zip.close();
  }
}

/**
 * The entry's bytes, into one buffer of its declared size (no chunk list beside it); undefined as
 * soon as more arrive than declared (yauzl checks this too; the size lie is caught either way).
 */
async function collect(stream: Readable, declared: number): Promise<Buffer | undefined> {
  const bytes = Buffer.allocUnsafe(declared);
  let filled = 0;
  try {
    for await (const chunk of stream) {
      const c = chunk as Buffer;
      if (filled + c.length > declared) return undefined;
      c.copy(bytes, filled);
      filled += c.length;
    }
  } catch (e) {
    if (e instanceof Error && /too many bytes/.test(e.message)) return undefined;
    throw e;
  } finally {
    stream.destroy();
  }
  return filled === declared ? bytes : bytes.subarray(0, filled);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
