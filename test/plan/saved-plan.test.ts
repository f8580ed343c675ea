import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyModel } from '../../src/model/datacenter.js';
import { MigrateError } from '../../src/model/errors.js';
import { Sensitive } from '../../src/model/sensitive.js';
import {
  checkSavedPlan,
  EMPTY_FINGERPRINT,
  fingerprintModel,
  planChanges,
  planDigest,
  readPlanFile,
  renderPlanJson,
  toPlanJson,
  writePlanFile,
} from '../../src/plan/index.js';
import { digestOf } from '../../src/plan/digest.js';
import { planProjectPath } from '../../src/plan/saved/plan-file.js';
import { model, options, server, sha, user } from './fixtures.js';

const desired = model({ Server: [server('dc-ucs-01')], UserAccount: [user('alice', { Credential: new Sensitive('pw') })] });
const makePlan = (actual = emptyModel(), meta: Parameters<typeof options>[0] = {}) =>
  planChanges(desired, actual, options({ ...meta, meta: { targetFingerprint: fingerprintModel(actual), ...meta.meta } }));

describe('fingerprintModel', () => {
  it('gives a well-defined value for an empty database', () => {
    expect(fingerprintModel(emptyModel())).toBe(EMPTY_FINGERPRINT);
  });

  it('ignores row order and changes with any value, secrets included', () => {
    const a = model({ UserAccount: [user('a'), user('b', { Credential: new Sensitive('one') })] });
    const reordered = model({ UserAccount: [user('b', { Credential: new Sensitive('one') }), user('a')] });
    const otherSecret = model({ UserAccount: [user('a'), user('b', { Credential: new Sensitive('two') })] });
    expect(fingerprintModel(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintModel(reordered)).toBe(fingerprintModel(a));
    expect(fingerprintModel(otherSecret)).not.toBe(fingerprintModel(a));
    expect(fingerprintModel(model({ UserAccount: [user('a'), user('b', { Origin: 'x' })] }))).not.toBe(fingerprintModel(a));
  });
});

describe('planDigest', () => {
  it('is the same for the plan in memory and its saved JSON form', () => {
    const plan = makePlan();
    expect(planDigest(plan)).toMatch(/^[0-9a-f]{64}$/);
    expect(toPlanJson(plan).planDigest).toBe(planDigest(plan));
    expect(planDigest(makePlan())).toBe(planDigest(plan));
  });

  it('changes with the changes, the sources, the project and the target', () => {
    const base = planDigest(makePlan());
    expect(planDigest(makePlan(model({ Server: [server('dc-ucs-01', { Site: 'x' })] })))).not.toBe(base);
    expect(planDigest(makePlan(emptyModel(), { meta: { project: { path: '/p.yaml', sha256: sha('c') } } }))).not.toBe(base);
    expect(planDigest(makePlan(emptyModel(), { meta: { sources: [] } }))).not.toBe(base);
  });
});

describe('checkSavedPlan', () => {
  const saved = toPlanJson(makePlan());

  it('accepts the same plan derived again', () => {
    expect(checkSavedPlan(saved, makePlan())).toEqual({ ok: true });
  });

  it('refuses a plan whose target changed since', () => {
    const result = checkSavedPlan(saved, makePlan(model({ Server: [server('dc-ucs-09')] })));
    expect(result).toMatchObject({ ok: false, reason: 'stale-target', code: 'PLAN_STALE_TARGET' });
    expect(result.ok === false && result.hint).toBe(
      'Run `procall-migrate plan -p /customers/contoso/procall-migrate.yaml --out plan.json` again and have it signed off again.',
    );
  });

  it('refuses a plan whose source files changed', () => {
    const sources = [{ server: 'ucs-ber-01', path: 'exports/ucs-ber-01.zip', files: [{ path: 'config/users.xml', sha256: sha('d') }] }];
    expect(checkSavedPlan(saved, makePlan(emptyModel(), { meta: { sources } }))).toMatchObject({
      ok: false,
      reason: 'sources-changed',
      message: 'Source exports changed since the plan was made: ucs-ber-01:config/users.xml (changed).',
    });
    expect(checkSavedPlan(saved, makePlan(emptyModel(), { meta: { sources: [] } }))).toMatchObject({ reason: 'sources-changed' });
  });

  it('refuses a plan whose project file changed', () => {
    const project = { path: '/customers/contoso/procall-migrate.yaml', sha256: sha('e') };
    expect(checkSavedPlan(saved, makePlan(emptyModel(), { meta: { project } }))).toMatchObject({ ok: false, reason: 'project-changed' });
  });

  it('refuses when the same inputs now give other changes', () => {
    const other = { ...makePlan(), changes: [] };
    expect(checkSavedPlan(saved, other)).toMatchObject({ ok: false, reason: 'plan-differs', code: 'PLAN_DIFFERS' });
  });
});

describe('plan files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plan-file-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips: what is written reads back and checks ok', async () => {
    const file = join(dir, 'plan.json');
    await writePlanFile(file, makePlan());
    const read = await readPlanFile(file);
    expect(read).toEqual(toPlanJson(makePlan(), { relativeTo: dir }));
    expect(checkSavedPlan(read, makePlan())).toEqual({ ok: true });
  });

  let written = 0;
  const codeOf = async (text: string | undefined): Promise<string> => {
    const file = join(dir, `bad-${++written}.json`);
    if (text !== undefined) await writeFile(file, text);
    const error = await readPlanFile(text === undefined ? join(dir, 'missing.json') : file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrateError);
    return (error as MigrateError).code;
  };

  it('rejects a bad file with a clear code', async () => {
    const good = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')) as Record<string, unknown>;
    expect(await codeOf(undefined)).toBe('PLAN_FILE_UNREADABLE');
    expect(await codeOf('{ not json')).toBe('PLAN_FILE_UNREADABLE');
    expect(await codeOf(JSON.stringify({ ...good, formatVersion: 99 }))).toBe('PLAN_FILE_VERSION');
    expect(await codeOf(JSON.stringify({ ...good, changes: [{ table: 'UserAccount' }] }))).toBe('PLAN_FILE_INVALID');
    expect(await codeOf(JSON.stringify({ ...good, changes: [] }))).toBe('PLAN_FILE_TAMPERED');
  });

  it('names the project and sources relative to its own folder; the digest does not depend on where the folder is', async () => {
    const abs = makePlan(emptyModel(), {
      meta: {
        project: { path: '/customers/contoso/procall-migrate.yaml', sha256: sha('a') },
        sources: [{ server: 'ucs-ber-01', path: '/customers/contoso/exports/ucs-ber-01.zip', files: [{ path: 'config/users.xml', sha256: sha('b') }] }],
      },
    });
    const file = join(dir, 'relative.json');
    await writeFile(file, renderPlanJson(abs, { relativeTo: '/customers/contoso/signed-off' }));
    const read = await readPlanFile(file);
    expect(read.project.path).toBe('../procall-migrate.yaml');
    expect(read.sources[0]!.path).toBe('../exports/ucs-ber-01.zip');
    expect(planProjectPath(read, '/jump/host/migration/signed-off/plan.json')).toBe('/jump/host/migration/procall-migrate.yaml');
    // The same folder elsewhere: same digest, so the plan applies there.
    const moved = { ...abs, project: { ...abs.project, path: '/jump/host/migration/procall-migrate.yaml' }, sources: abs.sources.map((s) => ({ ...s, path: '/jump/host/migration/exports/ucs-ber-01.zip' })) };
    expect(checkSavedPlan(read, moved)).toEqual({ ok: true });
  });

  /** A plan as version 1 wrote it: formatVersion 1, the digest without paths (or, first, over the sources' paths). */
  const version1 = (plan: ReturnType<typeof makePlan>, withSourcePaths: boolean) => {
    const json = { ...toPlanJson(plan), formatVersion: 1 as const };
    return { ...json, planDigest: digestOf(json, { withSourcePaths }) };
  };

  it.each([
    ['without paths', false],
    ['with absolute paths and the digest over them', true],
  ])('still reads and applies a version-1 plan %s, its digest verified the old way', async (_what, withSourcePaths) => {
    const legacy = version1(makePlan(), withSourcePaths);
    expect(legacy.planDigest).not.toBe(planDigest(makePlan()));
    const file = join(dir, 'legacy.json');
    await writeFile(file, JSON.stringify(legacy, null, 2));
    const read = await readPlanFile(file);
    const fresh = makePlan();
    expect(checkSavedPlan(read, fresh)).toEqual({ ok: true });
    // What apply then records in the database is the digest that was signed off.
    expect(planDigest(fresh)).toBe(legacy.planDigest);
    await writeFile(file, JSON.stringify({ ...legacy, changes: [] }, null, 2));
    await expect(readPlanFile(file)).rejects.toMatchObject({ code: 'PLAN_FILE_TAMPERED' });
    // A version-1 file was never free to edit its paths: they were only not covered then.
    expect(checkSavedPlan(read, makePlan(model({ Server: [server('dc-ucs-09')] })))).toMatchObject({ ok: false });
  });

  it('covers the project and sources as the saved plan writes them: an edited path is refused', async () => {
    const file = join(dir, 'plan.json');
    const good = JSON.parse(await readFile(file, 'utf8')) as { project: { path: string }; sources: { path: string; server: string }[] };
    expect(good.sources.length).toBeGreaterThan(0);
    const edits: ((p: typeof good) => void)[] = [
      (p) => void (p.project.path = '../../../../etc/shadow'),
      (p) => void (p.sources[0]!.path = '/etc/passwd'),
      (p) => void (p.sources[0]!.server = 'ucs-evil'),
    ];
    for (const edit of edits) {
      const edited = JSON.parse(JSON.stringify(good)) as typeof good;
      edit(edited);
      expect(await codeOf(JSON.stringify(edited))).toBe('PLAN_FILE_TAMPERED');
    }
  });

  it('gives byte-identical plan files for the same inputs, and the digest apply records is the saved one', async () => {
    const [a, b] = [join(dir, 'same-a.json'), join(dir, 'same-b.json')];
    await writePlanFile(a, makePlan());
    await writePlanFile(b, makePlan());
    expect(await readFile(a, 'utf8')).toBe(await readFile(b, 'utf8'));
    const saved = await readPlanFile(a);
    expect(saved.formatVersion).toBe(2);
    // In memory the paths are absolute; the saved plan writes them relative to its folder.
    const fresh = makePlan();
    expect(planDigest(fresh)).not.toBe(saved.planDigest);
    expect(checkSavedPlan(saved, fresh)).toEqual({ ok: true });
    expect(planDigest(fresh)).toBe(saved.planDigest);
  });

  it('refuses a plan whose counts were edited: the digest does not cover them, a signed report shows them', async () => {
    const good = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')) as { summary: Record<string, { create: number }>; serverSummary: Record<string, { create: number }> };
    expect(good.summary['dc.UserAccount']!.create).toBe(1);
    const summary = { ...good.summary, 'dc.UserAccount': { ...good.summary['dc.UserAccount']!, create: 7 } };
    const file = join(dir, 'edited-summary.json');
    await writeFile(file, JSON.stringify({ ...good, summary }));
    await expect(readPlanFile(file)).rejects.toMatchObject({ code: 'PLAN_FILE_TAMPERED', message: expect.stringMatching(/summary dc\.UserAccount create: 7 written, 1 in its changes/) });
    const [name, counts] = Object.entries(good.serverSummary)[0]!;
    expect(await codeOf(JSON.stringify({ ...good, serverSummary: { ...good.serverSummary, [name]: { ...counts, delete: 2 } } }))).toBe('PLAN_FILE_TAMPERED');
    expect(await codeOf(JSON.stringify({ ...good, summary: { ...good.summary, 'dc.Line': { create: 0, update: 0, delete: 0, kept: 1 } } }))).toBe('PLAN_FILE_TAMPERED');
  });

  it('names the offending field of an invalid file', async () => {
    const good = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')) as Record<string, unknown>;
    const file = join(dir, 'invalid.json');
    await writeFile(file, JSON.stringify({ ...good, targetFingerprint: 'nope' }));
    await expect(readPlanFile(file)).rejects.toThrow(/targetFingerprint/);
  });
});
