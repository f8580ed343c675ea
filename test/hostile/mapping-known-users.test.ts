/**
 * Issue 20 item 6: the mapping reader keeps only rows of users the exports hold, and a sample of
 * the others for their findings; the rest is counted so the summary line still says how many.
 */
import { describe, expect, it } from 'vitest';
import { parseHomeServerMapping } from '../../src/project/home-server-mapping.js';
import { DiagnosticCap } from '../../src/io/diagnostic-cap.js';
import { diag, type Diagnostic } from '../../src/model/index.js';

const csv = (rows: string[]): string => `userName,server\n${rows.join('\n')}\n`;

describe('mapping rows of users no export holds', () => {
  it('keeps the known users (any case) and a sample of the others, counting the rest', () => {
    const ghosts = Array.from({ length: 10 }, (_, i) => `ghost${i},dc-01`);
    const r = parseHomeServerMapping(csv([...ghosts.slice(0, 5), 'Anna,dc-01', ...ghosts.slice(5), 'BOB,dc-02']), 'm.csv', { knownUsers: new Set(['anna', 'bob']), unknownSample: 3 });
    expect(r.diagnostics).toEqual([]);
    expect(r.entries.map((e) => [e.userName, e.line])).toEqual([
      ['ghost0', 2],
      ['ghost1', 3],
      ['ghost2', 4],
      ['Anna', 7],
      ['BOB', 13],
    ]);
    expect(r.unknownUsersCounted).toBe(7);
  });

  it('still finds a known user mapped twice after the sample is full', () => {
    const ghosts = Array.from({ length: 200 }, (_, i) => `ghost${i},dc-01`);
    const r = parseHomeServerMapping(csv(['anna,dc-01', ...ghosts, 'ANNA,dc-02']), 'm.csv', { knownUsers: new Set(['anna']) });
    expect(r.diagnostics).toMatchObject([{ code: 'MAPPING_DUPLICATE_USER', line: 203 }]);
    expect(r.entries).toHaveLength(101);
    expect(r.unknownUsersCounted).toBe(100);
  });

  it('keeps every row when no user list is given (and counts none)', () => {
    const r = parseHomeServerMapping(csv(Array.from({ length: 150 }, (_, i) => `ghost${i},dc-01`)), 'm.csv');
    expect(r.entries).toHaveLength(150);
    expect(r.unknownUsersCounted).toBe(0);
  });
});

describe('DiagnosticCap.pushCounted', () => {
  const warning = (n: number): Diagnostic => diag('MAP_MAPPING_UNKNOWN_USER', 'warning', `row ${n}`);

  it('counts as that many pushes would: listed up to the cap, the rest in one summary line', () => {
    const one: Diagnostic[] = [];
    const capOne = new DiagnosticCap(3);
    for (let i = 0; i < 2; i++) capOne.push(one, warning(i));
    for (let i = 0; i < 1000; i++) capOne.push(one, warning(99));
    const bulk: Diagnostic[] = [];
    const capBulk = new DiagnosticCap(3);
    for (let i = 0; i < 2; i++) capBulk.push(bulk, warning(i));
    capBulk.pushCounted(bulk, warning(99), 1000);
    expect(bulk).toEqual(one);
    expect(bulk.at(-1)?.params).toEqual({ code: 'MAP_MAPPING_UNKNOWN_USER', more: 999, listed: 3 });
    expect(capBulk.offered('MAP_MAPPING_UNKNOWN_USER')).toBe(1002);
  });

  it('adds to a summary line that is already there', () => {
    const list: Diagnostic[] = [];
    const cap = new DiagnosticCap(2);
    for (let i = 0; i < 5; i++) cap.push(list, warning(i));
    cap.pushCounted(list, warning(9), 10);
    expect(list).toHaveLength(3);
    expect(list[2]?.message).toBe('… and 13 more MAP_MAPPING_UNKNOWN_USER like these (the first 2 are listed)');
  });
});
