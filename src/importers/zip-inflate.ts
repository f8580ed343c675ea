/**
 * An entry of a ZIP held in memory, inflated in one synchronous call instead of through a yauzl
 * read stream: an export has a small file per user, and a stream per entry (open, inflate in the
 * thread pool, collect) cost three times the rest of the import (issue 14). Only the plain cases
 * are handled here (stored or deflated, header where the directory says); anything else returns
 * undefined and goes the stream way, which reports it.
 */
import { inflateRawSync } from 'node:zlib';

const LOCAL_HEADER = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;

export type InflateResult = { ok: true; bytes: Buffer } | { ok: false; sizeLie: true } | { ok: false; sizeLie: false; message: string };

export interface RawEntry {
  relativeOffsetOfLocalHeader: number;
  compressedSize: number;
  uncompressedSize: number;
  compressionMethod: number;
}

/** The entry's bytes (at most its declared size), or undefined when the stream path should read it. */
export function inflateInMemory(zip: Buffer, raw: RawEntry): InflateResult | undefined {
  const at = raw.relativeOffsetOfLocalHeader;
  if (raw.uncompressedSize === 0 || at + LOCAL_HEADER_BYTES > zip.length || zip.readUInt32LE(at) !== LOCAL_HEADER) return undefined;
  const start = at + LOCAL_HEADER_BYTES + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const end = start + raw.compressedSize;
  if (end > zip.length) return undefined;
  const data = zip.subarray(start, end);
  if (raw.compressionMethod === 0) {
    if (raw.compressedSize !== raw.uncompressedSize) return undefined;
    // A copy: the entry's text must not keep the whole ZIP in memory.
    return { ok: true, bytes: Buffer.from(data) };
  }
  if (raw.compressionMethod !== 8) return undefined;
  try {
    // Never more than declared is inflated: a size lie stops at the limit (zip bombs).
    const bytes = inflateRawSync(data, { maxOutputLength: raw.uncompressedSize });
    // Fewer bytes than declared: the stream path reports it as it always has.
    return bytes.length === raw.uncompressedSize ? { ok: true, bytes } : undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, sizeLie: true };
    return { ok: false, sizeLie: false, message: e instanceof Error ? e.message : String(e) };
  }
}
