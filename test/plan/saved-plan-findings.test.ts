/**
 * A saved plan keeps what a finding is made of: its subject, params and decide options survive
 * writing the plan file and reading it back, so `report --plan` renders the customer's sentence
 * from the saved plan exactly as from a fresh run (and not the generic fallback).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyModel } from '../../src/model/datacenter.js';
import { diag } from '../../src/model/diagnostics.js';
import { Sensitive } from '../../src/model/sensitive.js';
import { renderFinding } from '../../src/report/i18n/findings-text.js';
import { fingerprintModel, planChanges, readPlanFile, renderPlanJson, writePlanFile } from '../../src/plan/index.js';
import { parsePlanJson } from '../../src/plan/saved/plan-file.js';
import { model, options, server, user } from './fixtures.js';

const finding = diag('MAP_GLOBAL_SETTING_CONFLICT', 'error', 'global "chat.deleteAfterDays" differs between sources: a=“30” (int, config/ucserver.xml:4), b=“90” (int, config/ucserver.xml:7)', {
  source: 'a',
  file: 'config/ucserver.xml',
  line: 4,
  subject: 'setting:chat.deleteAfterDays',
  params: { key: 'chat.deleteAfterDays', sources: ['a', 'b'], values: ['30', '90'], types: ['int', 'int'], count: 2, decided: null, shown: true },
  decide: [{ label: 'keep the value of b', path: 'settings.global["chat.deleteAfterDays"]', value: 90, yaml: 'settings:\n  global:\n    chat.deleteAfterDays: 90' }],
});

function planWithFinding() {
  const desired = model({ Server: [server('dc-ucs-01')], UserAccount: [user('alice', { Credential: new Sensitive('pw') })] });
  const actual = emptyModel();
  const plan = planChanges(desired, actual, options({ meta: { targetFingerprint: fingerprintModel(actual) } }));
  plan.diagnostics.push(finding);
  return plan;
}

describe('a saved plan', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('keeps subject, params and decide of its findings through the plan file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plan-findings-'));
    dirs.push(dir);
    const file = join(dir, 'plan.json');
    await writePlanFile(file, planWithFinding());
    const saved = await readPlanFile(file);
    const back = saved.diagnostics.find((d) => d.code === 'MAP_GLOBAL_SETTING_CONFLICT');
    expect(back).toEqual(finding);
    expect(renderFinding(back!, 'de')).toBe(renderFinding(finding, 'de'));
    expect(renderFinding(back!, 'de')).toContain('a: „30“; b: „90“');
  });

  it('renders the same JSON after a round trip (nothing dropped, nothing added)', () => {
    const text = renderPlanJson(planWithFinding());
    const parsed = parsePlanJson(text, 'plan.json');
    expect(JSON.parse(JSON.stringify(parsed.diagnostics))).toEqual(JSON.parse(text).diagnostics);
  });
});
