/**
 * The digest's fast path: a change's canonical text is built straight from the RowChange (one
 * native JSON.stringify over sorted objects, or concatenated text for unusual changes). It must
 * give exactly the text of the change's JSON form made canonical, so that the digest of a plan
 * in memory equals the digest of its saved file. Cases a fast path could get wrong: unsorted and
 * numeric-looking column names, quotes and non-ASCII, undefined and null cells, secrets,
 * licence keys, bigints, dates, nested generic fields, provenance (left out).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Plan, RowChange } from '../../src/model/plan.js';
import { LicenseKey, Sensitive } from '../../src/model/sensitive.js';
import { canonicalChangeText } from '../../src/plan/canonical-change.js';
import { canonicalJson, canonicalText, changeToJson } from '../../src/plan/canonical.js';
import { digestOf, planDigest, type DigestInput } from '../../src/plan/digest.js';
import { renderPlanJson, writePlanJson } from '../../src/plan/saved/render-json.js';
import { samplePlan } from './sample-plan.js';

/** The reference: the change's JSON form, provenance removed, through the original canonicalJson. */
function reference(change: RowChange): string {
  const { provenance: _explained, ...written } = changeToJson(change) as Record<string, unknown>;
  return canonicalJson(written);
}

const provenance = [{ source: 'rule', rule: 'home-server', detail: 'x' }];

const CASES: [string, RowChange][] = [
  ['create with provenance and server', { table: 'UserAccount', key: { SipUri: 'sip:a@b.de' }, action: 'create', server: 'dc-1', after: { Zeta: 'z', Alpha: 1, Mid: true, SipUri: 'sip:a@b.de' }, provenance } as RowChange],
  ['delete', { table: 'Line', key: { Number: '+49 89 1' }, action: 'delete', before: { Number: '+49 89 1', Label: null } } as RowChange],
  ['update with secrets and licence keys', { table: 'Setting', key: { Name: 'pw' }, action: 'update', changes: { Value: { from: new Sensitive('old-s3cret'), to: new Sensitive('new-s3cret') }, Key: { from: new LicenseKey('AAAA-BBBB-1234'), to: null } } } as unknown as RowChange],
  ['undefined, null, bigint and date cells', { table: 'UserAccount', key: { Id: 7n }, action: 'create', after: { A: undefined, B: null, C: 12345678901234n, D: new Date(Date.UTC(2026, 0, 2)), E: Number.NaN, F: -0 } } as unknown as RowChange],
  ['quotes, backslashes, non-ASCII and control characters', { table: 'UserAccount', key: { 'a"b': 'x"y\\z', é: 'Ä\u0001\u2028' }, action: 'create', after: { Ö: 'ö', o: 'o', O: 'O', _u: 'u', '~': 't' } } as unknown as RowChange],
  ['numeric-looking and empty column names', { table: 'UserAccount', key: { '10': 'ten', '2': 'two', '': 'empty', ' sp': 's' }, action: 'create', after: { '1': 1, b: 2 } } as unknown as RowChange],
  ['numeric-looking column names in changes', { table: 'UserAccount', key: { K: 1 }, action: 'update', changes: { '10': { from: 1, to: 2 }, '9': { from: 'a', to: undefined } } } as unknown as RowChange],
  ['generic fields: kept values, base run, nested arrays, undefined fields', {
    table: 'UserAccount', key: { K: 'k' }, action: 'kept', server: undefined, after: undefined, baseRun: 'run-1', deletedInDataCenter: true,
    kept: { Value: { base: new Sensitive('s3cret-base'), actual: new LicenseKey('ABCD-EFGH-9999'), desired: [[1, [2, undefined]], { z: 1, a: null }] } },
    extra: undefined, provenance,
  } as unknown as RowChange],
  ['after null is left out', { table: 'UserAccount', key: { K: 'k' }, action: 'create', after: null } as unknown as RowChange],
  // The saved plan writes plain rows and provenance by hand (change-text.ts): every kind of cell.
  ['plain cells and provenance written by hand', {
    table: 'UserAccount', key: { 'q"k\\': 'a\ud800b\u2028' }, action: 'create', server: 'dc-1',
    after: { N: Number.NaN, I: Number.POSITIVE_INFINITY, Z: -0, E: '', T: true, F: false, X: null, U: 'tab\there', S: '😀 ü' },
    provenance: [{ source: 'ucs "1"', file: 'users.xml', line: 3, column: undefined }, {}, { rule: 'r\n' }],
  } as unknown as RowChange],
  ['empty rows and an empty provenance list', { table: 'UserAccount', key: {}, action: 'create', after: {}, provenance: [] } as unknown as RowChange],
];

describe('a change\'s canonical text for the digest', () => {
  it.each(CASES)('%s: equals its JSON form made canonical', (_name, change) => {
    expect(canonicalChangeText(change)).toBe(reference(change));
    expect(canonicalChangeText(change)).toBe(canonicalText(changeToJson(change), 'provenance'));
  });

  it('rows with as many columns in another order, or with other names, are each sorted as their own', () => {
    // Column orders are remembered per number of columns: every mix must still give the reference.
    const rows = [
      { A: 1, B: 2, C: 3 },
      { C: 3, B: 2, A: 1 },
      { A: 1, B: 2, D: 4 },
      { A: 1, B: 2, C: 3 },
      ...Array.from({ length: 12 }, (_, i) => ({ [`x${i}`]: i, [`w${i}`]: -i, a: 0 })),
      { B: 2, A: 1, C: 3 },
    ];
    for (const after of rows) {
      const change = { table: 'UserAccount', key: { K: 'k' }, action: 'create', after } as unknown as RowChange;
      expect(canonicalChangeText(change)).toBe(reference(change));
    }
  });

  it('never contains a secret or a full licence key', () => {
    const text = CASES.map(([, c]) => canonicalChangeText(c)).join('\n');
    for (const secret of ['old-s3cret', 'new-s3cret', 's3cret-base', 'AAAA-BBBB-1234', 'ABCD-EFGH-9999']) expect(text).not.toContain(secret);
    expect(text).toContain('"…9999"');
  });

  it('a plan of these changes: the digest in memory equals the whole-string digest and the saved file\'s', async () => {
    const base = await samplePlan('alpen-handel');
    const plan: Plan = { ...base, changes: CASES.map(([, c]) => c) };
    const whole = canonicalJson({
      formatVersion: plan.formatVersion,
      project: plan.project,
      sources: plan.sources,
      targetFingerprint: plan.targetFingerprint,
      changes: plan.changes.map(reference).map((t) => JSON.parse(t) as unknown),
    });
    expect(planDigest(plan)).toBe(createHash('sha256').update(whole).digest('hex'));
    const parts: string[] = [];
    await writePlanJson(plan, { write: async (chunk) => void parts.push(chunk) });
    expect(parts.join('')).toBe(renderPlanJson(plan));
    // The saved file (its summary is not these changes', so it is read as JSON, not as a plan file).
    expect(digestOf(JSON.parse(parts.join('')) as DigestInput)).toBe(planDigest(plan));
  });
});

describe('canonicalText', () => {
  it.each([
    ['scalars', [1, 'a', null, true, 2.5, undefined]],
    ['nested and unordered', { b: [{ z: 1, a: [] }], a: { y: null, x: 'é"\\' }, c: undefined, '10': 1, '9': 2 }],
    ['empty containers', { a: {}, b: [], c: [[]] }],
  ])('%s: equals canonicalJson', (_name, value) => {
    expect(canonicalText(value)).toBe(canonicalJson(value));
  });

  it('leaves out the skipped key at the top level only', () => {
    expect(canonicalText({ provenance: 1, b: { provenance: 2 } }, 'provenance')).toBe('{"b":{"provenance":2}}');
  });
});
