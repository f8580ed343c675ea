import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/project/load.js';
import { SAMPLES, samplePath } from '../samples/expected.js';
import { runCli, tempDir } from './helpers.js';

const exportsOf = (name: keyof typeof SAMPLES) => Object.values(SAMPLES[name].exports).map((e) => samplePath(e.path));

/**
 * The consultant's decisions: every `TODO` value gets the value the "e.g." comment suggests (a
 * UNC share for the content-sharing location), and every "# TODO" comment goes once checked.
 */
function decideEverything(text: string): string {
  return text
    .split('\n')
    .map((l) => {
      const m = /^(\s*[^#\s][^:]*:\s+)TODO\s+#\s*e\.g\.\s*(.*)$/.exec(l);
      if (m) return `${m[1]}${m[2]}`;
      return l.replace(/\s+#\s*TODO\b.*$/, '');
    })
    .join('\n');
}

/** The open decisions init writes: a TODO value or a "# TODO" comment on a value line. */
const openLines = (text: string) => text.split('\n').flatMap((l, i) => (/^\s*[^#\s].*(:\s+TODO\b|#\s*TODO\b)/.test(l) ? [i + 1] : []));

describe('init', () => {
  it.each(Object.keys(SAMPLES) as (keyof typeof SAMPLES)[])('%s: writes a project file whose only errors are its open decisions, one server per source', async (name) => {
    const dir = tempDir('pm-init-');
    const out = path.join(dir, 'procall-migrate.yaml');
    const r = await runCli(['init', ...exportsOf(name), '--out', out]);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    const loaded = await loadProject(out, {});
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    // Every error is an open decision, found at exactly the lines init marked (and every new FQDN is one).
    expect(errors.map((d) => d.code)).toEqual(errors.map(() => 'PROJECT_OPEN_DECISION'));
    expect(errors.map((d) => d.line).sort((a, b) => a! - b!)).toEqual(openLines(text));
    expect(errors.filter((d) => /^servers\[\d+\]\.fqdn$/.test(d.path ?? ''))).toHaveLength(Object.keys(SAMPLES[name].exports).length);
    expect(r.stderr).toContain(`${openLines(text).length} TODOs to decide`);
    const project = loaded.project!;
    expect(project.servers.map((s) => s.replaces)).toEqual(Object.values(SAMPLES[name].exports).map((e) => [e.server]));
    expect(project.sourcePaths).toEqual(exportsOf(name).map((p) => path.resolve(p)));
    expect(text).toMatch(/^ {2}# - name: dc-ms-01\n {2}# {3}fqdn: .+\n {2}# {3}role: mediaserver$/m);
    for (const e of Object.values(SAMPLES[name].exports)) for (const secret of e.secrets) expect(text).not.toContain(secret);
  });

  it('writes a conflict between sources as a TODO value with each source’s value', async () => {
    const dir = tempDir('pm-init-');
    const out = path.join(dir, 'p.yaml');
    await runCli(['init', ...exportsOf('alpen-handel'), '--out', out]);
    const text = readFileSync(out, 'utf8');
    for (const key of SAMPLES['alpen-handel'].globalConflicts) expect(text).toMatch(new RegExp(`^ {4}${key.replace(/\./g, '\\.')}: TODO {3}# `, 'm'));
    expect(text).toMatch(/^ {4}# {3}ucs-vie-01\.alpen-handel\.at: 30$/m);
    // A safe default is a note, not an open decision.
    expect(text).toMatch(/# note: "all users see all users" is on globally in ucs-muc-01\.alpen-handel\.de/);
    expect(text).toMatch(/^userStore: ad$/m);
  });

  it('userStore is an open decision when a source uses file-based user management', async () => {
    const dir = tempDir('pm-init-');
    const out = path.join(dir, 'p.yaml');
    await runCli(['init', ...exportsOf('kanzlei-huber'), '--out', out]);
    expect(readFileSync(out, 'utf8')).toMatch(/^userStore: mssql {3}# TODO: choose mssql .* or ad/m);
    expect((await loadProject(out, {})).diagnostics.filter((d) => d.path === 'userStore')).toMatchObject([{ code: 'PROJECT_OPEN_DECISION' }]);
  });

  it('init → plan refused, listing each open decision with its line → script refuses, writing nothing → decided → plan passes', async () => {
    const dir = tempDir('pm-init-');
    const out = path.join(dir, 'p.yaml');
    await runCli(['init', ...exportsOf('alpen-handel'), '--out', out]);
    const text = readFileSync(out, 'utf8');

    const refused = await runCli(['plan', '-p', out]);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toBe('');
    // Named like every finding in the project file: its name, line and column.
    for (const line of openLines(text)) expect(refused.stderr).toMatch(new RegExp(`(^|\\s)p\\.yaml:${line}:\\d+ `, 'm'));
    expect(refused.stderr.match(/PROJECT_OPEN_DECISION/g)).toHaveLength(openLines(text).length);
    expect(refused.stderr).toContain(`${openLines(text).length} open decisions in the project (TODO)`);
    expect(refused.stderr).toMatch(/servers\[0\]\.fqdn: open decision: marked "# TODO: the new server's real name"/);

    const seed = path.join(dir, 'seed.sql');
    const script = await runCli(['script', '-p', out, '--out', seed]);
    expect(script.code).toBe(3);
    expect(existsSync(seed)).toBe(false);

    writeFileSync(out, decideEverything(text));
    expect(openLines(readFileSync(out, 'utf8'))).toEqual([]);
    const plan = await runCli(['plan', '-p', out]);
    expect(plan.stderr).not.toContain(' error ');
    expect(plan.code).toBe(0);
  });

  it('refuses to overwrite an existing file without --force', async () => {
    const dir = tempDir('pm-init-');
    const out = path.join(dir, 'p.yaml');
    writeFileSync(out, 'keep me\n');
    const r = await runCli(['init', ...exportsOf('mueller-logistik'), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: p.yaml already exists; nothing was written\nhint: pass --force to overwrite it\n'.replace('p.yaml', out));
    expect(readFileSync(out, 'utf8')).toBe('keep me\n');
    expect((await runCli(['init', ...exportsOf('mueller-logistik'), '--out', out, '--force'])).code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out, 'utf8')).toContain('replaces: [ucs-mue-01.mueller-logistik.local]');
  });
});
