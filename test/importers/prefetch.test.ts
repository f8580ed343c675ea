/**
 * The page-cache warming of large export folders (prefetch.ts, issue 21) must never change what
 * is read nor hang: the workers touch files the reader reads anyway, skip what they cannot open,
 * open FIFOs non-blocking, and stop when asked, without keeping the process alive.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PREFETCH_MIN_FILES, prefetchFiles } from '../../src/importers/prefetch.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pm-prefetch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('warming a large folder ahead of its reads', () => {
  it('leaves every file as it was, skips a missing one and does not hang on a FIFO', async () => {
    const paths = Array.from({ length: PREFETCH_MIN_FILES + 10 }, (_, i) => path.join(dir, `f${i}.xml`));
    paths.forEach((p, i) => writeFileSync(p, `<x n="${i}"/>`));
    const fifo = path.join(dir, 'pipe');
    let withFifo = [...paths, path.join(dir, 'missing.xml')];
    try {
      execFileSync('mkfifo', [fifo]);
      withFifo = [fifo, ...withFifo];
    } catch {
      // no mkfifo here (Windows): the FIFO case is not tried
    }
    const stop = prefetchFiles(withFifo);
    // The reader goes on meanwhile and reads the same files.
    expect(paths.map((p) => readFileSync(p, 'utf8')).every((t, i) => t === `<x n="${i}"/>`)).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    stop();
    // A second list (the next folder) takes over the same threads.
    const stopNext = prefetchFiles(paths);
    stopNext();
    expect(readFileSync(paths[0]!, 'utf8')).toBe('<x n="0"/>');
  });

  it('does not start threads for a small folder', () => {
    const stop = prefetchFiles([path.join(dir, 'one.xml')]);
    expect(typeof stop).toBe('function');
    stop();
  });
});
