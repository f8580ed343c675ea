import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/importers/project-file.js';
import { SAMPLES, samplePath } from '../samples/expected.js';
import { runCli, tempDir } from './helpers.js';

const exportsOf = (name: keyof typeof SAMPLES) => Object.values(SAMPLES[name].exports).map((e) => samplePath(e.path));

/** The consultant's edit: uncomment the settings block init wrote. */
function uncommentSettings(text: string): string {
  const lines = text.split('\n');
  const start = lines.indexOf('# settings:');
  if (start < 0) return text;
  for (let i = start; i < lines.length && /^# {0,5}(settings:|global:| {4}\S)/.test(lines[i]!); i++) {
    if (/^#\s{5}#/.test(lines[i]!)) continue; // a comment inside the block stays a comment
    lines[i] = lines[i]!.replace(/^# /, '');
  }
  return lines.join('\n');
}

describe('init', () => {
  it.each(Object.keys(SAMPLES) as (keyof typeof SAMPLES)[])('%s: writes a project file loadProject accepts, one server per source', async (name) => {
    const dir = tempDir('pm-init-');
    const out = path.join(dir, 'procall-migrate.yaml');
    const r = await runCli(['init', ...exportsOf(name), '--out', out]);
    expect(r.code).toBe(0);
    const loaded = await loadProject(out, {});
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const project = loaded.project!;
    expect(project.servers.map((s) => s.replaces)).toEqual(Object.values(SAMPLES[name].exports).map((e) => [e.server]));
    expect(project.sourcePaths).toEqual(exportsOf(name).map((p) => path.resolve(p)));
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^ {2}# - name: dc-ms-01\n {2}# {3}fqdn: .+\n {2}# {3}role: mediaserver$/m);
    for (const e of Object.values(SAMPLES[name].exports)) for (const secret of e.secrets) expect(text).not.toContain(secret);
  });

  it('marks the decisions the sources leave open with each source’s value', async () => {
    const dir = tempDir('pm-init-');
    const out = path.join(dir, 'p.yaml');
    await runCli(['init', ...exportsOf('alpen-handel'), '--out', out]);
    const text = readFileSync(out, 'utf8');
    for (const key of SAMPLES['alpen-handel'].globalConflicts) expect(text).toContain(`# TODO ${key}:`);
    expect(text).toMatch(/#\s+#\s+ucs-vie-01\.alpen-handel\.at: 30/);
    expect(text).toMatch(/TODO: "all users see all users" is on globally in ucs-muc-01\.alpen-handel\.de/);
    expect(text).toMatch(/^userStore: ad$/m);
  });

  it('userStore is a TODO when a source uses file-based user management', async () => {
    const dir = tempDir('pm-init-');
    const out = path.join(dir, 'p.yaml');
    await runCli(['init', ...exportsOf('kanzlei-huber'), '--out', out]);
    expect(readFileSync(out, 'utf8')).toMatch(/# TODO: choose mssql .* or ad/);
  });

  it('after the consultant uncomments the decisions, plan accepts it (the walkthrough’s edit step)', async () => {
    const dir = tempDir('pm-init-');
    const out = path.join(dir, 'p.yaml');
    await runCli(['init', ...exportsOf('alpen-handel'), '--out', out]);
    expect((await runCli(['plan', '-p', out])).code).toBe(3);
    writeFileSync(out, uncommentSettings(readFileSync(out, 'utf8')));
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
