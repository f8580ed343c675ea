/**
 * 1,000 mutated exports from a seeded PRNG: truncated and bit-flipped files, renamed, dropped and
 * duplicated entries, wrong encodings, injected markup, truncated and corrupted ZIPs. Each must
 * end in a result (with diagnostics, or clean) — never an uncaught exception, never a hang.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { importExports } from '../../src/importers/index.js';
import type { ImportResult } from '../../src/model/enterprise.js';
import type { ExportFiles } from '../helpers/export-fixture.js';
import { baselineExport, fixtureDir, writeExportFolder } from '../helpers/export-fixture.js';
import { buildZip } from '../../bench/zip-writer.js';

const tmp = fixtureDir('procall-fuzz-');
afterAll(() => tmp.cleanup());

/** mulberry32: small, seeded, good enough to pick mutations. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const bytesOf = (v: string | Uint8Array) => (typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(v));

const INJECTIONS = ['<', '>', '&', '"', "'", ']]>', '<!--', '<![CDATA[', '</Users>', '<User>', '&#0;', '&bogus;', '\u0000', '<?xml version="1.0"?>', '<!DOCTYPE x>', '\uFFFE', '\r'];

const fileMutations: Record<string, (r: Rand, b: Buffer) => Buffer> = {
  truncate: (r, b) => b.subarray(0, int(r, b.length + 1)),
  flipBytes: (r, b) => {
    const c = Buffer.from(b);
    for (let i = 0, n = 1 + int(r, 4); i < n && c.length > 0; i++) {
      const at = int(r, c.length);
      c[at] = c[at]! ^ (1 << int(r, 8));
    }
    return c;
  },
  inject: (r, b) => {
    const at = int(r, b.length + 1);
    return Buffer.concat([b.subarray(0, at), Buffer.from(pick(r, INJECTIONS), 'utf8'), b.subarray(at)]);
  },
  latin1: (_r, b) => Buffer.from(b.toString('utf8').replace(/a/g, 'ä'), 'latin1'),
  utf16NoBom: (_r, b) => Buffer.from(b.toString('utf8'), 'utf16le'),
  utf16WrongBom: (_r, b) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(b.toString('utf8'), 'utf16le')]),
  empty: () => Buffer.alloc(0),
};

const entryMutations: Record<string, (r: Rand, f: ExportFiles) => void> = {
  drop: (r, f) => delete f[pick(r, Object.keys(f))],
  rename: (r, f) => {
    const k = pick(r, Object.keys(f));
    const v = f[k]!;
    delete f[k];
    f[pick(r, [k.toUpperCase(), `x/${k}`, k.replace('.xml', '.bak'), `../${k}`, `/${k}`, `C:\\${k}`, k.replace('/', '\\'), `${k}/`])] = v;
  },
  duplicate: (r, f) => {
    const k = pick(r, Object.keys(f));
    f[k.toUpperCase() === k ? k.toLowerCase() : k.toUpperCase()] = f[k]!;
  },
  swap: (r, f) => {
    const [a, b] = [pick(r, Object.keys(f)), pick(r, Object.keys(f))];
    [f[a], f[b]] = [f[b]!, f[a]!];
  },
};

const zipMutations: Record<string, (r: Rand, z: Buffer) => Buffer> = {
  truncateZip: (r, z) => z.subarray(0, int(r, z.length)),
  flipZip: (r, z) => {
    const c = Buffer.from(z);
    for (let i = 0, n = 1 + int(r, 8); i < n; i++) {
      const at = int(r, c.length);
      c[at] = c[at]! ^ (1 << int(r, 8));
    }
    return c;
  },
  garbageZip: (r, z) => Buffer.concat([z, Buffer.from(Array.from({ length: int(r, 64) }, () => int(r, 256)))]),
};

/** Builds one mutated export from a seed; returns its path and what was done (for the failure message). */
function mutatedExport(seed: number): { path: string; what: string[] } {
  const r = prng(seed);
  const files = baselineExport();
  const what: string[] = [];
  for (let i = 0, n = 1 + int(r, 3); i < n; i++) {
    if (r() < 0.7) {
      const name = pick(r, Object.keys(files));
      const kind = pick(r, Object.keys(fileMutations));
      files[name] = fileMutations[kind]!(r, bytesOf(files[name]!));
      what.push(`${kind} ${name}`);
    } else {
      const kind = pick(r, Object.keys(entryMutations));
      entryMutations[kind]!(r, files);
      what.push(kind);
    }
  }
  const asZip = r() < 0.6;
  if (!asZip) {
    const safe = Object.fromEntries(Object.entries(files).filter(([k]) => !/(^|[\\/])\.\.([\\/]|$)|^[\\/]|^[A-Za-z]:|\/$/.test(k)));
    return { path: writeExportFolder(tmp.next('f'), safe), what };
  }
  let zip = buildZip(Object.entries(files).map(([name, data]) => ({ name, data, method: r() < 0.5 ? ('store' as const) : ('deflate' as const) })));
  if (r() < 0.3) {
    const kind = pick(r, Object.keys(zipMutations));
    zip = zipMutations[kind]!(r, zip);
    what.push(kind);
  }
  const path = tmp.next('z.zip');
  writeFileSync(path, zip);
  return { path, what };
}

function withTimeout<T>(p: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`hang: ${label}`)), ms)))]).finally(() => clearTimeout(timer));
}

const CASES = 1000;
const BATCH = 100;

describe('robustness', () => {
  it.each(Array.from({ length: CASES / BATCH }, (_, i) => i))('mutated exports, batch %i of 10, end in a result', async (batch) => {
    let withDiagnostics = 0;
    for (let seed = batch * BATCH + 1; seed <= (batch + 1) * BATCH; seed++) {
      const { path, what } = mutatedExport(seed);
      const label = `seed ${seed}: ${what.join(', ')}`;
      let result: ImportResult;
      try {
        result = await withTimeout(importExports([path]), 5_000, label);
      } catch (e) {
        throw new Error(`${label} → ${e instanceof Error ? e.stack : String(e)}`);
      }
      for (const d of result.diagnostics) {
        expect(d.code, label).toMatch(/^IMPORT_[A-Z_]+$/);
        expect(['error', 'warning', 'info'], label).toContain(d.severity);
        expect(d.message.length, label).toBeGreaterThan(0);
      }
      if (result.diagnostics.some((d) => d.severity !== 'info')) withDiagnostics++;
    }
    // Nearly every mutation breaks something the importer must notice.
    expect(withDiagnostics).toBeGreaterThan(BATCH / 2);
  });
});
