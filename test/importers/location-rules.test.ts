/**
 * Issue 9: location rules (`config/locations.xml`, `<Element Search=…>`) come from the customer's
 * file and ran on JavaScript's backtracking engine (`^(\d+)+$` against 30 digits: 56 s). They run
 * on re2js now, linear in the input; a pattern it cannot run is a warning with file and line and
 * its rule is skipped. The per-case timeout only catches a hang; nothing here is timed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ExportFiles } from '../helpers/export-fixture.js';
import { baselineExport, fixtureDir, positionOf } from '../helpers/export-fixture.js';
import { edit, importFiles } from '../helpers/run-import.js';

const tmp = fixtureDir('procall-rules-');
afterAll(() => tmp.cleanup());

const LOCATIONS = 'config/locations.xml';
const DIGITS30 = '123456789012345678901234567890';

/** The baseline with extra rules after its own (XML-escaped `Search`) and computers whose numbers feed them. */
function withRules(rules: string[], numbers: string[]): ExportFiles {
  const files = baselineExport();
  const elements = rules.map((search) => `\n      <Element Search="${search.replace(/</g, '&lt;')}" Replace="+49\\1" MatchReplace="0"/>`).join('');
  files[LOCATIONS] = edit(files[LOCATIONS], 'MatchReplace="0"/>', `MatchReplace="0"/>${elements}`);
  const computers = numbers.map((n, i) => `  <Computer u8sComputerLogin="PC-HOSTILE-${i}" u8sPhoneNumber="${n}"/>\n`).join('');
  files['computers.xml'] = edit(files['computers.xml'], '</Computers>', `${computers}</Computers>`);
  return files;
}

describe('location rules run in linear time', () => {
  it.each([
    ['^(\\d+)+$', [DIGITS30, `${DIGITS30}x`]],
    ['^(\\d*)*9$', [DIGITS30, `${DIGITS30}8`]],
    ['(x+x+)+y', ['x'.repeat(30), 'x'.repeat(5000)]],
    ['^(a|a)*$', ['a'.repeat(30), `${'a'.repeat(30)}b`]],
  ])('%s finishes on hostile numbers; the export\'s own rule still applies', { timeout: 60_000 }, async (search, numbers) => {
    const files = withRules([search], numbers);
    const r = await importFiles(tmp.next, files, 'zip');
    expect(r.diagnostics.filter((d) => d.code.startsWith('IMPORT_LOCATION_RULE'))).toEqual([]);
    const exp = r.exports[0]!;
    // bob.meyer's 91299 still goes through the export's own rule.
    expect(exp.users.map((u) => u.phoneNumber)).toEqual(['+4930123451234', '+4930123451299']);
    // A number the hostile rule matches is rewritten like any other; the rest is reported, not hung on.
    for (const c of exp.computers.filter((c) => c.name.startsWith('PC-HOSTILE'))) {
      expect(c.phoneNumber.startsWith('+49') || r.diagnostics.some((d) => d.code === 'IMPORT_PHONE_NUMBER_NOT_NORMALISED' && d.message.includes(c.name))).toBe(true);
    }
  });

  it('a matching rule replaces the match and keeps the rest of the number, \\1 naming its group', async () => {
    const files = withRules(['0(\\d+)-'], ['030-1234']);
    const r = await importFiles(tmp.next, files, 'folder');
    expect(r.exports[0]!.computers.find((c) => c.name === 'PC-HOSTILE-0')!.phoneNumber).toBe('+49301234');
  });

  it.each([
    ['a back-reference', '^(\\d)\\1(\\d+)$'],
    ['a lookahead', '^(?=9)9(\\d+)$'],
    ['a negative lookbehind', '(?<!0)9(\\d+)$'],
  ])('%s is a warning with file and line, and its rule is skipped', async (_what, search) => {
    const files = withRules([search], ['88123']);
    const r = await importFiles(tmp.next, files, 'folder');
    const found = r.diagnostics.filter((d) => d.code === 'IMPORT_LOCATION_RULE_UNSUPPORTED');
    expect(found).toEqual([
      expect.objectContaining({ severity: 'warning', file: LOCATIONS, ...positionOf(files[LOCATIONS] as string, `<Element Search="${search.replace(/</g, '&lt;')}"`), message: expect.stringContaining(JSON.stringify(search)) }),
    ]);
    expect(found[0]!.hint).toContain('accept:');
    // Skipped, not half-run: the computer's number is reported as not normalised.
    expect(r.exports[0]!.computers.find((c) => c.name === 'PC-HOSTILE-0')!.phoneNumber).toBe('88123');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a Search that is no regular expression at all stays IMPORT_LOCATION_RULE_INVALID', async () => {
    const files = withRules(['^(['], []);
    const r = await importFiles(tmp.next, files, 'folder');
    expect(r.diagnostics.filter((d) => d.code.startsWith('IMPORT_LOCATION_RULE')).map((d) => [d.code, d.severity])).toEqual([['IMPORT_LOCATION_RULE_INVALID', 'warning']]);
  });
});
