import * as zlib from 'node:zlib';

/** CRC-32 (ZIP polynomial): yauzl checks sizes but not checksums, so the ZIP source checks them; bench/zip-writer.ts writes with it. */
const TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** Node's native CRC-32 (from 20.15/22): ten times faster on a large entry than the table below. */
const native = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

export function crc32(bytes: Uint8Array, previous = 0): number {
  if (native !== undefined) return native(bytes, previous);
  let c = ~previous;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
