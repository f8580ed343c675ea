/**
 * The page-cache warming of large export folders (prefetch.ts, issue 21) must never change what
 * is read, never hang, and cost nothing for a small folder: the threads touch files the reader
 * reads anyway, skip what they cannot open, open FIFOs non-blocking, and stop when asked.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importExports } from '../../src/importers/index.js';
import { endPrefetch, PREFETCH_MIN_FILES, prefetchFiles, prefetchThreads } from '../../src/importers/prefetch.js';
import { samplePath } from '../samples/expected.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pm-prefetch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const within = <T>(ms: number, p: Promise<T>): Promise<T | 'timed out'> =>
  Promise.race([p, new Promise<'timed out'>((r) => setTimeout(() => r('timed out'), ms).unref())]);

describe('warming a large folder ahead of its reads', () => {
  // First in the file: the threads are started once per process, by the first large folder.
  it('starts no thread for a small folder: a sample customer imports without any', async () => {
    const small = prefetchFiles([path.join(dir, 'one.xml')]);
    expect(await within(1_000, small.finished)).toBeUndefined();
    const imported = await importExports([samplePath('samples/alpen-handel/exports/ucs-ber-01.alpen-handel.de')]);
    expect(imported.exports.map((e) => e.source)).toEqual(['ucs-ber-01.alpen-handel.de']);
    expect(prefetchThreads()).toBe(0);
  });

  it('goes through a large list with a FIFO and a missing file in it, and leaves every file as it was', async () => {
    const paths = Array.from({ length: PREFETCH_MIN_FILES + 10 }, (_, i) => path.join(dir, `f${i}.xml`));
    paths.forEach((p, i) => writeFileSync(p, `<x n="${i}"/>`));
    let list = [...paths, path.join(dir, 'missing.xml')];
    try {
      const fifo = path.join(dir, 'pipe');
      execFileSync('mkfifo', [fifo]);
      // First, where a blocking open would stop a thread for good.
      list = [fifo, ...list];
    } catch {
      // no mkfifo here (Windows): the FIFO case is not tried
    }
    const warming = prefetchFiles(list);
    expect(prefetchThreads()).toBeGreaterThan(0);
    expect(await within(20_000, warming.finished)).toBeUndefined();
    expect(paths.every((p, i) => readFileSync(p, 'utf8') === `<x n="${i}"/>`)).toBe(true);
  });

  it('a stopped list ends at once, and the next folder\'s list is warmed by the same threads', async () => {
    const paths = Array.from({ length: PREFETCH_MIN_FILES + 10 }, (_, i) => path.join(dir, `f${i}.xml`));
    const threads = prefetchThreads();
    const first = prefetchFiles(paths);
    first.stop();
    expect(await within(20_000, first.finished)).toBeUndefined();
    const next = prefetchFiles(paths);
    expect(await within(20_000, next.finished)).toBeUndefined();
    expect(prefetchThreads()).toBe(threads);
    // An import ends its threads when it is done (their memory back before the plan's peak).
    await endPrefetch();
    expect(prefetchThreads()).toBe(0);
  });
});
