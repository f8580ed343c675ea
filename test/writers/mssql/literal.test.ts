import { describe, expect, it } from 'vitest';
import { nstring, sqlLiteral } from '../../../src/writers/mssql/literal.js';
import { splitSql } from './sql-split.js';
import { NASTY } from './fixtures.js';

describe('T-SQL literals for the DBA script', () => {
  it.each([
    ['plain', "N'plain'"],
    ["O'Brien", "N'O''Brien'"],
    ['Straße 😀', "N'Straße 😀'"],
    ['', "N''"],
    ['a\nb', "CAST(N'' AS nvarchar(max)) + N'a' + NCHAR(10) + N'b'"],
    ['$(VAR)', "CAST(N'' AS nvarchar(max)) + N'$' + N'(VAR)'"],
  ])('%j → %s', (input, expected) => {
    expect(nstring(input)).toBe(expected);
  });

  it.each(NASTY)('keeps %j on one line and reads back as the same text', (value) => {
    const lit = nstring(value);
    expect(lit).not.toMatch(/[\r\n]/);
    expect(lit).not.toContain('$(');
    // Evaluate the concatenation the way the server would.
    const parts = lit.replace(/^CAST\(N'' AS nvarchar\(max\)\) \+ /, '').split(/ \+ (?=N'|NCHAR\()/);
    const text = parts
      .map((p) => {
        const nchar = /^NCHAR\((\d+)\)$/.exec(p);
        if (nchar) return String.fromCharCode(Number(nchar[1]));
        const { literals } = splitSql(p.slice(1));
        return literals.join('');
      })
      .join('');
    expect(text).toBe(value);
  });

  it('writes bits, numbers and NULL', () => {
    expect([sqlLiteral(true), sqlLiteral(false), sqlLiteral(42), sqlLiteral(null), sqlLiteral(undefined)]).toEqual(['1', '0', '42', 'NULL', 'NULL']);
    expect(() => sqlLiteral(Number.NaN)).toThrow();
  });
});
