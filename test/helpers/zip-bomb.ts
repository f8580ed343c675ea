/**
 * ZIP bombs for the hostile-input tests, built without ever holding the inflated bytes: one
 * entry's deflate stream is made once from a repeated 1 MiB chunk (a few hundred kB for 450 MB
 * of spaces) and reused for every entry. `declared` lets an entry lie about its size.
 */
import { writeFileSync } from 'node:fs';
import { createDeflateRaw, deflateRawSync } from 'node:zlib';
import { crc32 } from '../../src/importers/crc32.js';

export interface BombBody {
  deflated: Buffer;
  crc: number;
  size: number;
}

/**
 * `megabytes` MiB of one byte (a space by default) between `prefix` and `suffix` (to make it
 * well-formed XML), deflated; CRC and size of the inflated bytes.
 */
export async function bombBody(megabytes: number, fill = 0x20, prefix = '', suffix = ''): Promise<BombBody> {
  const chunk = Buffer.alloc(1024 * 1024, fill);
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  const write = async (bytes: Buffer) => {
    crc = crc32(bytes, crc);
    if (!deflate.write(bytes)) await new Promise((r) => deflate.once('drain', r));
  };
  const [head, tail] = [Buffer.from(prefix, 'utf8'), Buffer.from(suffix, 'utf8')];
  await write(head);
  for (let i = 0; i < megabytes; i++) await write(chunk);
  await write(tail);
  deflate.end();
  await done;
  return { deflated: Buffer.concat(out), crc, size: megabytes * 1024 * 1024 + head.length + tail.length };
}

export interface BombEntry {
  name: string;
  /** A small entry's content (stored deflated), or a prepared bomb body. */
  data: string | BombBody;
  /** The uncompressed size written into the ZIP (default: the true one). */
  declared?: number;
}

/** Writes a ZIP (no ZIP64: each inflated size below 4 GiB) of the given entries. */
export function writeBombZip(path: string, entries: readonly BombEntry[]): string {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const body: BombBody =
      typeof e.data === 'string'
        ? { deflated: deflateRawSync(Buffer.from(e.data, 'utf8')), crc: crc32(Buffer.from(e.data, 'utf8')), size: Buffer.byteLength(e.data, 'utf8') }
        : e.data;
    const name = Buffer.from(e.name, 'utf8');
    const declared = e.declared ?? body.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(body.crc, 14);
    local.writeUInt32LE(body.deflated.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(body.crc, 16);
    cd.writeUInt32LE(body.deflated.length, 20);
    cd.writeUInt32LE(declared, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(0x20, 38);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, name, body.deflated);
    central.push(cd, name);
    offset += local.length + name.length + body.deflated.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(path, Buffer.concat([...parts, ...central, end]));
  return path;
}
