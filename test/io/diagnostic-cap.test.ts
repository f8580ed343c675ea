/** Issue 20: at most N findings of one code, then one summary line with the count. */
import { describe, expect, it } from 'vitest';
import { capDiagnostics, cappedCount, DiagnosticCap, MAX_PER_CODE } from '../../src/io/diagnostic-cap.js';
import { renderDiagnostics } from '../../src/cli/render-diagnostics.js';
import { diag, type Diagnostic } from '../../src/model/diagnostics.js';

describe('DiagnosticCap', () => {
  it('keeps the first N of a code and counts the rest into one summary', () => {
    const cap = new DiagnosticCap(20);
    const list: Diagnostic[] = [];
    for (let i = 0; i < 1_000_000; i++) cap.push(list, diag('MAP_MAPPING_UNKNOWN_USER', 'warning', `row ${i}`, { line: i + 1 }));
    expect(list).toHaveLength(21);
    expect(list[20]).toMatchObject({ code: 'MAP_MAPPING_UNKNOWN_USER', severity: 'warning', message: '… and 999,980 more MAP_MAPPING_UNKNOWN_USER like these (the first 20 are listed)' });
    expect(cappedCount(list[20]!)).toBe(999_980);
  });

  it('caps each code on its own and never an open decision', () => {
    const many = (code: string, n: number) => Array.from({ length: n }, (_, i) => diag(code, 'error', `${code} ${i}`));
    const out = capDiagnostics([...many('A_X', 5), ...many('PROJECT_OPEN_DECISION', 300), ...many('B_Y', MAX_PER_CODE + 3)]);
    expect(out.filter((d) => d.code === 'A_X')).toHaveLength(5);
    expect(out.filter((d) => d.code === 'PROJECT_OPEN_DECISION')).toHaveLength(300);
    expect(out.filter((d) => d.code === 'B_Y')).toHaveLength(MAX_PER_CODE + 1);
  });

  it('the text rendering folds a counted summary into the one "… and N more" line', () => {
    const out = capDiagnostics(Array.from({ length: 1000 }, (_, i) => diag('MAP_MAPPING_UNKNOWN_USER', 'warning', `user u${i}`, { file: 'm.csv', line: i + 2 })), 20);
    const text = renderDiagnostics(out, 10);
    expect(text.match(/… and/g)).toHaveLength(1);
    expect(text).toContain('  … and 990 more MAP_MAPPING_UNKNOWN_USER\n');
  });
});
