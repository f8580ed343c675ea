/**
 * Every finding carries its decision (issue 18): each warning and error of the samples — their
 * projects as shipped, the projects `init` writes for them (open decisions), and the same
 * exports without a project's decisions — names at least one project edit, and its `yaml` says
 * the same as its `path` and `value`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { prepareDesired, runPipeline } from '../../src/pipeline.js';
import { applyDecision } from '../../src/project/apply-decision.js';
import { runCli } from '../cli/helpers.js';
import { SAMPLES, samplePath } from '../samples/expected.js';
import { fixtureDir } from '../helpers/export-fixture.js';

const fx = fixtureDir('pm-decide-samples-');
afterAll(() => fx.cleanup());

const names = Object.keys(SAMPLES) as (keyof typeof SAMPLES)[];
const findings = (list: readonly Diagnostic[]) => list.filter((d) => d.severity !== 'info');

/** An option's yaml, pasted into an empty project, holds its value at its path (list positions aside). */
function yamlSaysValue(o: { path: string; value: unknown; yaml: string }): void {
  const parsed = parse(o.yaml) as unknown;
  const append = o.path.endsWith('[]');
  // The snippet starts after the last list position (`servers[1].lineGroups` → `lineGroups:`).
  const leafKeys = (append ? o.path.slice(0, -2) : o.path).replace(/^.*\[\d+\]\.?/, '');
  let v: unknown = parsed;
  for (const k of leafKeys === '' ? [] : leafKeys.match(/[^.[\]"]+|"[^"]*"/g) ?? []) v = (v as Record<string, unknown>)[k.replace(/^"|"$/g, '')];
  if (append) v = (v as unknown[])[0];
  expect(v, o.yaml).toEqual(Array.isArray(o.value) && o.path.endsWith('[]') ? (o.value as unknown[])[0] : o.value);
}

describe('every finding carries its decision', () => {
  it.each(names)('%s: the shipped project: every warning and error of the plan has a decide option', async (name) => {
    const result = await runPipeline({ projectFile: samplePath(SAMPLES[name].project), env: {}, toolVersion: 'test', noTarget: true });
    const all = [...findings(result.diagnostics), ...findings(result.plan?.diagnostics ?? [])];
    for (const d of all) {
      expect(d.decide?.length ?? 0, `${d.code}: ${d.message}`).toBeGreaterThan(0);
      for (const o of d.decide!) yamlSaysValue(o);
    }
  });

  it.each(names)('%s: init’s project: every open decision and finding has a decide option, and the first ones plan', async (name) => {
    const dir = fx.next(name);
    const out = path.join(dir, 'procall-migrate.yaml');
    const exportsOf = Object.values(SAMPLES[name].exports).map((e) => samplePath(e.path));
    expect((await runCli(['init', ...exportsOf, '--out', out])).code).toBe(0);
    let result = await prepareDesired({ projectFile: out, env: {}, toolVersion: 'test' });
    const first = findings(result.diagnostics);
    expect(first.some((d) => d.code === 'PROJECT_OPEN_DECISION')).toBe(true);
    for (const d of first) expect(d.decide?.length ?? 0, `${d.code}: ${d.message}`).toBeGreaterThan(0);
    // Mechanically: the first option of every error, until none is left.
    for (let round = 0; round < 4 && result.diagnostics.some((d) => d.severity === 'error'); round++) {
      let text = readFileSync(out, 'utf8');
      for (const d of result.diagnostics.filter((x) => x.severity === 'error')) text = applyDecision(text, d.decide![0]!);
      writeFileSync(out, text);
      result = await prepareDesired({ projectFile: out, env: {}, toolVersion: 'test' });
    }
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
