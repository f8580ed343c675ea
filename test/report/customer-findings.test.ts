/**
 * The customer's findings table: each finding in its own words (its user, number, setting), the
 * sources a conflict concerns taken from its params, and a kind of finding that occurs thousands
 * of times shown by a few examples and one count, not one row each.
 */
import { describe, expect, it } from 'vitest';
import { diag } from '../../src/model/diagnostics.js';
import { translator } from '../../src/report/i18n/catalog.js';
import { concernsOf, customerFindings } from '../../src/report/findings.js';
import type { Cell, Table } from '../../src/report/document.js';

const text = (c: Cell): string => c.map((i) => i.text).join('');

const numbers = Array.from({ length: 12 }, (_, i) =>
  diag('IMPORT_PHONE_NUMBER_NOT_NORMALISED', 'warning', `phone number of user u${i} 0815${i} is not in +… form`, {
    source: 'ucs-a',
    subject: `user:u${i}`,
    params: { number: `0815${i}` },
  }),
);

describe('the customer findings table', () => {
  it('shows five examples of one kind and counts the rest in one row', () => {
    const table = customerFindings(translator('de'), numbers, ['ucs-a']) as Table;
    const meanings = table.rows.map((r) => text(r[2]!));
    expect(meanings).toHaveLength(6);
    expect(meanings[0]).toBe('Die Rufnummer „08150“ ist nicht im internationalen Format; sie wird so übernommen, wie sie eingetragen ist.');
    expect(meanings[5]).toBe('… und 7 weitere Befunde dieser Art.');
  });

  it('says which sources a conflict concerns from its params', () => {
    const d = diag('MAP_GLOBAL_SETTING_CONFLICT', 'error', 'global "x" differs between sources: …', {
      source: 'ucs-a',
      params: { key: 'x', sources: ['ucs-a', 'ucs-b'], values: ['1', '2'], types: ['int', 'int'] },
    });
    expect(concernsOf(d, ['ucs-a', 'ucs-b', 'ucs-c'])).toEqual(['ucs-a', 'ucs-b']);
    expect(concernsOf({ ...d, params: {} }, ['ucs-a', 'ucs-b'])).toEqual(['ucs-a']);
  });
});
