/**
 * Bytes → text: UTF-8 with or without BOM, UTF-16 LE/BE with BOM (the contract's encodings).
 * Anything else is reported with the position of the first byte that does not decode.
 */
import { LineIndex } from './line-index.js';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';
export type DecodeResult =
  | { ok: true; text: string; encoding: Encoding }
  | { ok: false; message: string; line?: number; column?: number };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf16le = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });

export function decodeText(bytes: Uint8Array): DecodeResult {
  const [b0, b1, b2] = [bytes[0], bytes[1], bytes[2]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return decodeUtf8(bytes.subarray(3), 'utf-8-bom');
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const le = b0 === 0xff;
    const body = bytes.subarray(2);
    if (body.length % 2 !== 0) return { ok: false, message: `UTF-16 file has an odd number of bytes (truncated?)` };
    // Node's utf-16be decoder needs full ICU; swapping a copy works everywhere.
    const units = le ? body : Buffer.from(body).swap16();
    try {
      return { ok: true, text: utf16le.decode(units), encoding: le ? 'utf-16le' : 'utf-16be' };
    } catch {
      return { ok: false, message: `not valid ${le ? 'UTF-16 LE' : 'UTF-16 BE'} (unpaired surrogate)` };
    }
  }
  if (bytes.length >= 2 && (b0 === 0 || b1 === 0)) {
    return { ok: false, message: 'looks like UTF-16 without a byte-order mark; save it as UTF-8 or as UTF-16 with a BOM' };
  }
  return decodeUtf8(bytes, 'utf-8');
}

function decodeUtf8(bytes: Uint8Array, encoding: Encoding): DecodeResult {
  try {
    return { ok: true, text: utf8.decode(bytes), encoding };
  } catch {
    // Rare path: decode leniently to find where the first bad byte sits in characters.
    const lenient = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    const at = lenient.indexOf('\uFFFD');
    const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/.exec(lenient)?.[1];
    const message =
      declared !== undefined && !/^utf-?8$/i.test(declared)
        ? `not valid UTF-8 (the file declares encoding "${declared}"; exports must be UTF-8 or UTF-16 with a BOM)`
        : 'not valid UTF-8 (a byte sequence that is not UTF-8)';
    return at < 0 ? { ok: false, message } : { ok: false, message, ...new LineIndex(lenient).position(at) };
  }
}
