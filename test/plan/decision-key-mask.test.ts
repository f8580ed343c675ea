/**
 * A `decisions:` entry that matches nothing is reported with its key (PLAN_DECISION_UNUSED); a
 * licence key in it is shown only as `…` plus its last four characters, in every rendering.
 */
import { describe, expect, it } from 'vitest';
import type { ProjectDecision } from '../../src/project/schema.js';
import { ledgerHasher } from '../../src/plan/ledger-form.js';
import { planChanges } from '../../src/plan/planner.js';
import { renderPlanJson } from '../../src/plan/saved/render-json.js';
import { renderPlanMarkdown } from '../../src/plan/render/render-markdown.js';
import { renderPlanText } from '../../src/plan/render/render-text.js';
import { baseFromModel } from '../../src/plan/three-way.js';
import { model, options, user } from './fixtures.js';

const RUN = '11111111-2222-3333-4444-555555555555';
const FULL_KEY = 'PCE8-USR-AH01-B3RL-0100';

function unusedPlan(decisions: ProjectDecision[]) {
  const anna = user('anna.schmidt', { DisplayName: 'Anna Schmidt' });
  return planChanges(model({ UserAccount: [anna] }), model({ UserAccount: [anna] }), {
    ...options(),
    base: baseFromModel({ UserAccount: [anna] }, RUN, ledgerHasher('ab'.repeat(32))),
    decisions,
  });
}

describe('an unused decision naming a licence key', () => {
  it.each([
    ['the licence table', { table: 'dc.License', key: { LicenseKey: FULL_KEY }, keep: 'datacenter' }],
    ['a column name in another case', { table: 'dc.License', key: { licensekey: FULL_KEY }, keep: 'datacenter' }],
    ['a misspelt key column', { table: 'dc.License', key: { LicenceKey: FULL_KEY }, keep: 'source' }],
    ['a misspelt table', { table: 'dc.Licence', key: { LicenseKey: FULL_KEY }, keep: 'source' }],
    ['a value column', { table: 'dc.License', key: { LicenseKey: FULL_KEY }, column: 'Count', keep: 'datacenter' }],
  ] satisfies [string, ProjectDecision][])('%s: masked in the message, text, JSON and Markdown', (_what, decision) => {
    const p = unusedPlan([decision]);
    const unused = p.diagnostics.filter((d) => d.code === 'PLAN_DECISION_UNUSED');
    expect(unused).toHaveLength(1);
    expect(unused[0]!.message).toContain('=…0100');
    for (const out of [JSON.stringify(p.diagnostics), renderPlanText(p, { color: false }), renderPlanJson(p), renderPlanMarkdown(p)]) {
      expect(out).not.toContain(FULL_KEY);
      expect(out).not.toContain('B3RL');
    }
  });

  it('a user name in a decision is still shown in full', () => {
    const p = unusedPlan([{ table: 'dc.UserAccount', key: { UserName: 'nobody.here' }, keep: 'datacenter' }]);
    expect(p.diagnostics.find((d) => d.code === 'PLAN_DECISION_UNUSED')?.message).toContain('dc.UserAccount UserName=nobody.here');
  });
});
