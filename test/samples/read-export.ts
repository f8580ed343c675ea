/**
 * Reads a sample export (ZIP or folder) into raw bytes per path, independent of the project's
 * importer, so the sample checks do not depend on the code they are meant to test.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import yauzl from 'yauzl';
import { XMLParser } from 'fast-xml-parser';

/** Paths inside the export (`/`-separated, as written) → bytes. Directory entries are skipped. */
export async function readExportFiles(p: string): Promise<Map<string, Buffer>> {
  return (await stat(p)).isDirectory() ? readFolder(p) : readZip(p);
}

async function readFolder(root: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const e of entries) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath, e.name);
    out.set(path.relative(root, full).split(path.sep).join('/'), await readFile(full));
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function readZip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('cannot open zip'));
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e2, stream) => {
          if (e2 || !stream) return reject(e2 ?? new Error('cannot read entry'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Text of an XML file: UTF-8 (BOM optional) or UTF-16 LE/BE with BOM, BOM removed. */
export function decodeXml(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) {
    const le = Buffer.from(buf.subarray(2));
    le.swap16();
    return le.toString('utf16le');
  }
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  return buf.toString('utf8');
}

const ARRAYS = new Set(['User', 'Group', 'Member', 'Computer', 'LineGroup', 'Line', 'MonitorLine', 'Setting', 'License',
  'location', 'Element', 'GroupCluster', 'Item']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  isArray: (name) => ARRAYS.has(name),
});

/** Attributes are plain strings; repeating elements are always arrays. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Xml = any;

export function parseXml(buf: Buffer): Xml {
  return parser.parse(decodeXml(buf));
}

/** Case-insensitive lookup of an export path (the contract's names are case-insensitive). */
export function findFile(files: Map<string, Buffer>, name: string): Buffer | undefined {
  const want = name.toLowerCase();
  for (const [p, b] of files) if (p.replaceAll('\\', '/').toLowerCase() === want) return b;
  return undefined;
}
