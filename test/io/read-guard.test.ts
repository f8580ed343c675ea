/**
 * Issue 20: the one read guard. Every case is a refusal in bounded time (the per-test timeouts
 * only catch a hang): a FIFO without a writer, a device, a folder, a sparse file far over budget.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGuarded, readGuardedText } from '../../src/io/read-guard.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pm-read-guard-'));
const HANG = { timeout: 30_000 };

describe('readGuarded', () => {
  it('reads a regular file whole', async () => {
    const file = path.join(dir, 'ok.txt');
    writeFileSync(file, 'name: T\n');
    const r = await readGuarded(file, { maxBytes: 100 });
    expect(r.ok && r.bytes.toString('utf8')).toBe('name: T\n');
  });

  it.each([
    ['a FIFO without a writer', () => { const f = path.join(dir, 'fifo'); execFileSync('mkfifo', [f]); return f; }, /^is a FIFO \(named pipe\), not a regular file$/],
    ['a character device (/dev/zero)', () => '/dev/zero', /^is a character device, not a regular file$/],
    ['a character device (/dev/urandom)', () => '/dev/urandom', /^is a character device, not a regular file$/],
    ['a folder', () => { const f = path.join(dir, 'folder'); mkdirSync(f); return f; }, /^is a folder, not a regular file$/],
    ['a 2 GiB sparse file', () => { const f = path.join(dir, 'sparse.json'); writeFileSync(f, ''); truncateSync(f, 2 * 1024 ** 3); return f; }, /^is 2048 MB, more than the 1 MB it may have$/],
    ['a missing file', () => path.join(dir, 'missing'), /^not found$/],
  ])('refuses %s with a plain phrase, unread', HANG, async (_what, make, problem) => {
    const r = await readGuarded(make(), { maxBytes: 1024 * 1024 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatch(problem);
  });

  it('refuses a file one byte over its budget', async () => {
    const file = path.join(dir, 'big.txt');
    writeFileSync(file, 'x'.repeat(101));
    const r = await readGuarded(file, { maxBytes: 100 });
    expect(r).toMatchObject({ ok: false, kind: 'too-large', size: 101, maxBytes: 100 });
  });

  it('readGuardedText throws an error naming the file and what it is', HANG, async () => {
    await expect(readGuardedText('/dev/zero')).rejects.toThrow('/dev/zero is a character device, not a regular file');
  });
});
