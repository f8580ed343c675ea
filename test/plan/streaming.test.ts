/**
 * Plans in bounded memory: the JSON plan is streamed change by change and digests are fed to
 * the hash piece by piece. Streaming must change no byte and no digest: for every sample the
 * streamed JSON equals the plan serialised whole, and the incremental digest equals the digest
 * of the whole canonical string (computed here the way it was before streaming).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan, RowChange } from '../../src/model/plan.js';
import { LicenseKey, Sensitive } from '../../src/model/sensitive.js';
import { canonicalJson, changeToJson, feedCanonical, LazyList } from '../../src/plan/canonical.js';
import { digestOf, planDigest } from '../../src/plan/digest.js';
import { parsePlanJson } from '../../src/plan/saved/plan-file.js';
import { renderPlanJson, toPlanJson, writePlanJson } from '../../src/plan/saved/render-json.js';
import { SAMPLES, type SampleName } from '../samples/expected.js';
import { samplePlan } from './sample-plan.js';

/**
 * The whole-string digest, as digest.ts computed it before streaming (the reference). Version 2:
 * project and sources as the plan writes them (relative to `relativeTo` when saved there);
 * version 1: location-free sources (or, first, with their paths).
 */
function wholeStringDigest(plan: Plan, opts: { relativeTo?: string; version1?: { withSourcePaths: boolean } } = {}): string {
  const place = (p: string) => (opts.relativeTo === undefined ? p : path.posix.relative(opts.relativeTo, p));
  const inputs = opts.version1
    ? { project: plan.project.sha256, sources: opts.version1.withSourcePaths ? plan.sources : plan.sources.map(({ server, files }) => ({ server, files })) }
    : { project: { ...plan.project, path: place(plan.project.path) }, sources: plan.sources.map((s) => ({ ...s, path: place(s.path) })) };
  const text = canonicalJson({
    formatVersion: opts.version1 ? 1 : plan.formatVersion,
    ...inputs,
    targetFingerprint: plan.targetFingerprint,
    // Provenance explains a change but is not part of what is signed off (digest.ts).
    changes: plan.changes.map(changeToJson).map(({ provenance: _explained, ...written }) => written),
  });
  return createHash('sha256').update(text).digest('hex');
}

/** Everything writePlanJson streams, and how many pieces it came in. */
async function streamed(plan: Plan, relativeTo?: string): Promise<{ text: string; pieces: number }> {
  const parts: string[] = [];
  await writePlanJson(plan, { write: async (chunk) => void parts.push(chunk) }, relativeTo === undefined ? {} : { relativeTo });
  return { text: parts.join(''), pieces: parts.length };
}

/** The sample's plan as the pipeline makes it: absolute paths, file digests, and fields other stages add to changes. */
async function realisticPlan(name: SampleName): Promise<Plan> {
  const plan = await samplePlan(name);
  const changes: RowChange[] = plan.changes.map((c, i) =>
    i % 3 === 0 ? { ...c, provenance: [{ source: 'rule', rule: 'home-server', detail: `row ${i}` }, { source: 'project', file: '/p/x.yaml', line: i + 1, column: 3 }] } : c,
  );
  return {
    ...plan,
    project: { path: `/customers/${name}/procall-migrate.yaml`, sha256: 'a'.repeat(64) },
    sources: plan.sources.map((s, i) => ({ ...s, path: `/customers/${name}/${s.path}`, files: [{ path: 'manifest.xml', sha256: String(i).repeat(64).slice(0, 64) }] })),
    changes,
  };
}

describe.each(Object.keys(SAMPLES) as SampleName[])('streaming the %s plan', (name) => {
  it('streams exactly the bytes of the plan serialised whole, in many pieces', async () => {
    const plan = await realisticPlan(name);
    const whole = `${JSON.stringify(toPlanJson(plan), null, 2)}\n`;
    const out = await streamed(plan);
    expect(out.text).toBe(whole);
    expect(out.text).toBe(renderPlanJson(plan));
    const saved = await streamed(plan, `/customers/${name}/signed-off`);
    expect(saved.text).toBe(`${JSON.stringify(toPlanJson(plan, { relativeTo: `/customers/${name}/signed-off` }), null, 2)}\n`);
    expect(JSON.parse(saved.text)).toMatchObject({ project: { path: '../procall-migrate.yaml' } });
  });

  it('computes the digest incrementally to the value of the whole canonical string', async () => {
    const plan = await realisticPlan(name);
    expect(planDigest(plan)).toBe(wholeStringDigest(plan));
    expect(planDigest(plan, { relativeTo: '/elsewhere' })).toBe(wholeStringDigest(plan, { relativeTo: '/elsewhere' }));
    expect(planDigest(plan, { relativeTo: '/elsewhere' })).not.toBe(planDigest(plan));
    // Version 1 (still read): the digest the old way, fed piece by piece too.
    for (const withSourcePaths of [false, true]) {
      expect(digestOf({ ...toPlanJson(plan), formatVersion: 1 }, { withSourcePaths })).toBe(wholeStringDigest(plan, { version1: { withSourcePaths } }));
    }
    // The saved file reads back with the same digest: extra change fields survive reading.
    const saved = parsePlanJson((await streamed(plan, '/elsewhere')).text, 'plan.json');
    expect(saved.planDigest).toBe(planDigest(plan, { relativeTo: '/elsewhere' }));
    expect(digestOf(saved)).toBe(saved.planDigest);
    expect((saved.changes[0] as Record<string, unknown>).provenance).toEqual(changeToJson(plan.changes[0]!).provenance);
  });
});

describe('incremental canonical JSON', () => {
  it.each([
    ['scalars', [1, 'a', null, true, 2.5]],
    ['nested and unordered', { b: [{ z: 1, a: [] }], a: { y: null, x: 'é"\\' }, c: undefined }],
    ['empty containers', { a: {}, b: [], c: [[]] }],
    ['undefined in an array', [undefined, 1]],
  ])('%s: pieces join to canonicalJson', (_name, value) => {
    const pieces: string[] = [];
    feedCanonical(value, (p) => pieces.push(p));
    expect(pieces.join('')).toBe(canonicalJson(value));
  });

  it('a lazy list is hashed like the array it yields', () => {
    const items = [{ b: 1, a: 2 }, { c: [3] }];
    const pieces: string[] = [];
    feedCanonical({ list: new LazyList(items[Symbol.iterator]()) }, (p) => pieces.push(p));
    expect(pieces.join('')).toBe(canonicalJson({ list: items }));
  });

  it('secrets inside generic change fields are masked, and a plan without changes streams whole', async () => {
    const plan = await samplePlan('alpen-handel');
    const change = { ...plan.changes[0]!, kept: { Value: { base: new Sensitive('s3cret-base'), actual: new LicenseKey('ABCD-EFGH-9999'), desired: 'x' } } } as RowChange;
    const text = (await streamed({ ...plan, changes: [change] })).text;
    expect(text).not.toContain('s3cret-base');
    expect(text).not.toContain('ABCD-EFGH-9999');
    expect(text).toContain('"actual": "…9999"');
    const empty = { ...plan, changes: [] };
    expect((await streamed(empty)).text).toBe(renderPlanJson(empty));
  });
});
