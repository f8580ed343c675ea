/**
 * A minimal, deterministic ZIP writer (deflate or stored, no ZIP64) so the generator runs on a
 * fresh machine with Node alone. Fixed timestamps make the same input give the same bytes.
 * The test fixtures use it too, including to build broken ZIPs (`../` names, wrong CRCs).
 */
import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../src/importers/crc32.js';

/** The importer's CRC-32 (zlib.crc32 only exists from Node 20.15/22). */
export { crc32 };

export interface ZipEntry {
  /** Path stored exactly as given (`/`-separated; fixtures may store `../x`, `C:/x`, `a\\b`); a trailing `/` makes a directory entry. */
  name: string;
  /** Text is stored as UTF-8. */
  data: string | Uint8Array;
  /** Absent: deflate when that is smaller, else store. */
  method?: 'store' | 'deflate';
  /** Overrides the stored CRC-32 (to build a corrupt entry). */
  crc?: number;
}

export interface ZipOptions {
  /** Modification time written into every entry (local time fields, no zone). */
  date?: { year: number; month: number; day: number; hour: number; minute: number; second: number };
  level?: number;
}

const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

/** The whole archive as one buffer, entries in the given order. */
export function buildZip(entries: readonly ZipEntry[], opts: ZipOptions = {}): Buffer {
  if (entries.length >= MAX16) throw new Error(`too many entries for a ZIP without ZIP64 (${entries.length}); use more servers or the folder form`);
  const d = opts.date ?? { year: 2026, month: 10, day: 1, hour: 2, minute: 0, second: 0 };
  const dosTime = (d.hour << 11) | (d.minute << 5) | (d.second >> 1);
  const dosDate = ((d.year - 1980) << 9) | (d.month << 5) | d.day;
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data;
    const isDir = e.name.endsWith('/');
    const crc = e.crc ?? (isDir ? 0 : crc32(data));
    let method = 0;
    let body: Uint8Array = data;
    if (!isDir && e.method !== 'store' && (data.length > 0 || e.method === 'deflate')) {
      const deflated = deflateRawSync(data, { level: opts.level ?? 6 });
      if (e.method === 'deflate' || deflated.length < data.length) {
        method = 8;
        body = deflated;
      }
    }
    if (offset > MAX32 || body.length > MAX32) throw new Error('ZIP larger than 4 GiB needs ZIP64; use the folder form');
    const flags = 0x0800; // names are UTF-8
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4); // made by: MS-DOS/Windows, 2.0
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(flags, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt16LE(dosTime, 12);
    cd.writeUInt16LE(dosDate, 14);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(data.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(isDir ? 0x10 : 0x20, 38); // DOS attributes: directory / archive
    cd.writeUInt32LE(offset, 42);
    parts.push(local, name, Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    central.push(cd, name);
    offset += local.length + name.length + body.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}
