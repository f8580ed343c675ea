/**
 * The streamed plan writes the common change straight from the RowChange (change-text.ts): it
 * must give the bytes of `JSON.stringify(changeToJson(change), null, 2)` indented by four, for
 * every shape a change can have — the fast path's checks must send every unusual one the slow way.
 */
import { describe, expect, it } from 'vitest';
import type { RowChange } from '../../src/model/plan.js';
import { LicenseKey, Sensitive } from '../../src/model/sensitive.js';
import { changeToJson } from '../../src/plan/canonical.js';
import { changeText } from '../../src/plan/change-text.js';

/** The reference: the change's JSON form pretty-printed, each line indented by four. */
const reference = (change: RowChange): string => `    ${JSON.stringify(changeToJson(change), null, 2).replace(/\n/g, '\n    ')}`;

const provenance = [{ source: 'rule', rule: 'home-server', detail: 'x' }, { source: 'export', file: 'config/users.xml', line: 3, column: 5, note: undefined }];

const CASES: [string, RowChange][] = [
  ['create with server and provenance', { table: 'UserAccount', key: { SipUri: 'sip:a@b.de' }, action: 'create', server: 'dc-1', after: { Zeta: 'z', Alpha: 1, Mid: true, Nil: null, SipUri: 'sip:a@b.de' }, provenance } as RowChange],
  ['fields in an unusual order', { provenance, after: { B: 1, A: 2 }, action: 'create', key: { K: 'k' }, table: 'Line', server: 'dc-2' } as unknown as RowChange],
  ['delete', { table: 'Line', key: { Number: '+49 89 1' }, action: 'delete', before: { Number: '+49 89 1', Label: null } } as RowChange],
  ['empty rows and empty provenance', { table: 'Environment', key: {}, action: 'create', after: {}, provenance: [] } as unknown as RowChange],
  ['numeric-looking, empty and quoted column names', { table: 'UserAccount', key: { '10': 'ten', '2': 'two', '': 'e', 'a"b': 'x"y\\z\u2028' }, action: 'create', after: { é: 'Ä', '1': 1 } } as unknown as RowChange],
  ['secrets and licence keys in rows', { table: 'Setting', key: { Name: 'pw' }, action: 'create', after: { Value: new Sensitive('s3cret'), Key: new LicenseKey('AAAA-BBBB-1234') } } as unknown as RowChange],
  ['undefined, bigint, date and NaN cells', { table: 'UserAccount', key: { Id: 7n }, action: 'create', after: { A: undefined, C: 12n, D: new Date(Date.UTC(2026, 0, 2)), E: Number.NaN, F: -0 } } as unknown as RowChange],
  ['an update', { table: 'Setting', key: { Name: 'x' }, action: 'update', server: 'dc-1', changes: { Value: { from: new Sensitive('old'), to: 'new' } }, provenance } as unknown as RowChange],
  ['kept values and other fields', { table: 'UserAccount', key: { K: 'k' }, action: 'kept', baseRun: 'run-1', deletedInDataCenter: true, kept: { Value: { base: new Sensitive('b'), actual: [[1, undefined]], desired: { z: 1, a: null } } }, extra: undefined } as unknown as RowChange],
  ['provenance with nested values, secrets and null', { table: 'Line', key: { N: '1' }, action: 'create', after: null, server: undefined, provenance: [{ source: 'project', at: { line: 1 } }, { source: 'x', secret: new Sensitive('p') }, null] } as unknown as RowChange],
  ['a plain key with undefined and bigint cells after', { table: 'UserAccount', key: { K: 'k' }, action: 'create', after: { A: undefined, C: 12n, B: 'b' } } as unknown as RowChange],
  ['a plain key with an undefined cell before', { table: 'UserAccount', key: { K: 'k' }, action: 'delete', before: { A: undefined, B: 'b' } } as unknown as RowChange],
  ['provenance with a bigint and an object without toJSON', { table: 'Line', key: { N: '1' }, action: 'create', provenance: [{ source: 'export', line: 3n, where: new URL('file:///x') }] } as unknown as RowChange],
  ['provenance null', { table: 'Line', key: { N: '1' }, action: 'delete', provenance: null } as unknown as RowChange],
  ['a server that is not a string', { table: 'Line', key: { N: '1' }, action: 'create', server: 5 } as unknown as RowChange],
];

describe('a change as streamed into the plan JSON', () => {
  it.each(CASES)('%s: the bytes of its JSON form', (_name, change) => {
    expect(changeText(change)).toBe(reference(change));
  });

  it('masks secrets and licence keys', () => {
    const text = CASES.map(([, c]) => changeText(c)).join('\n');
    for (const secret of ['s3cret', 'AAAA-BBBB-1234', '"old"']) expect(text).not.toContain(secret);
    expect(text).toContain('"…1234"');
  });
});
