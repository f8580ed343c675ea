/**
 * Issue 20: invisible characters in imported names are warned (field and position) and shown as
 * ⟨U+202E⟩, never raw; deep YAML and out-of-range numbers in a project file are plain refusals.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/project/load.js';
import { renderDiagnostics } from '../../src/cli/render-diagnostics.js';
import { runCli, tempDir } from '../cli/helpers.js';
import { baselineExport, fixtureDir, positionOf, writeExportFolder } from '../helpers/export-fixture.js';
import { edit, importFiles } from '../helpers/run-import.js';

const tmp = fixtureDir('pm-invisible-');
afterAll(() => tmp.cleanup());

describe('bidi and zero-width characters in an export', () => {
  it.each([
    ['U+202E (right-to-left override) in a display name', 'u8sDisplayName="Schmidt, Anna"', 'u8sDisplayName="Schmidt, \u202EannA"', 'displayName', 'U+202E', 10],
    ['U+200B (zero-width space) in a user name', 'u8sUserName="anna.schmidt"', 'u8sUserName="anna\u200B.schmidt"', 'userName', 'U+200B', 5],
  ])('%s is a warning naming the field and position', async (_what, from, to, field, codePoint, position) => {
    const files = baselineExport();
    files['users.xml'] = edit(files['users.xml'], from, to);
    const r = await importFiles(tmp.next, files, 'folder');
    const found = r.diagnostics.filter((d) => d.code === 'IMPORT_INVISIBLE_CHARACTER');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'warning',
      file: 'users.xml',
      line: positionOf(files['users.xml'] as string, '<User iEnabled="1" u8sUserName="anna').line,
      params: { field, codePoint, position },
    });
    expect(found[0]!.message).toContain(`${field} holds the invisible character ${codePoint} at position ${position}`);
    // Shown, never raw: the terminal's rendering of the findings.
    const text = renderDiagnostics(r.diagnostics, 'all');
    expect(text).not.toMatch(/[\u200B\u202E]/);
    expect(text).toContain(`⟨${codePoint}⟩`);
  });

  it('inspect prints it visibly', { timeout: 60_000 }, async () => {
    const files = baselineExport();
    files['users.xml'] = edit(files['users.xml'], 'u8sDisplayName="Schmidt, Anna"', 'u8sDisplayName="Schmidt, \u202EannA"');
    const dir = writeExportFolder(tmp.next('export'), files);
    const r = await runCli(['inspect', dir]);
    expect(r.stdout + r.stderr).not.toContain('\u202E');
    expect(r.stdout + r.stderr).toContain('⟨U+202E⟩');
  });
});

describe('bidi and zero-width characters in the project file', () => {
  const dir = tempDir('pm-invisible-project-');
  const project = [
    'name: "Kunde \u202EGA"',
    'sources: [exports/a]',
    'servers:',
    '  - name: dc-01',
    '    fqdn: dc-01.corp.example',
    '    site: "Wien\u200B Nord"',
    'settings:',
    '  global:',
    '    "Client.Sig\u2066nature": "Mit freundlichen Gr\u00FC\u00DFen"',
    '    Client.Greeting: "Hallo\u200D"',
    '',
  ].join('\n');

  it('warns for each name and value, naming the path, line and position, never showing it raw', async () => {
    const file = path.join(dir, 'procall-migrate.yaml');
    writeFileSync(file, project);
    const r = await loadProject(file, {});
    const found = r.diagnostics.filter((d) => d.code === 'PROJECT_INVISIBLE_CHARACTER');
    expect(found.map((d) => [d.severity, d.path, d.line, d.params?.['codePoint'], d.params?.['position']])).toEqual([
      ['warning', 'name', 1, 'U+202E', 7],
      ['warning', 'servers[0].site', 6, 'U+200B', 5],
      ['warning', 'settings.global["Client.Sig\u2066nature"]', 9, 'U+2066', 11],
      ['warning', 'settings.global["Client.Greeting"]', 10, 'U+200D', 6],
    ]);
    expect(found[0]!.message).toBe('name: holds the invisible character U+202E at position 7; it is used as it is and shown as ⟨U+202E⟩');
    expect(found[2]!.message).toMatch(/^the key settings\.global\["Client\.Sig.nature"\]: holds the invisible character U\+2066 at position 11/);
    // Shown, never raw.
    const text = renderDiagnostics(r.diagnostics, 'all');
    expect(text).not.toMatch(/[\u200B\u200D\u202E\u2066]/);
    expect(text).toContain('⟨U+202E⟩');
  });

  it('a clean project has none', async () => {
    const file = path.join(dir, 'clean.yaml');
    writeFileSync(file, project.replace(/[\u202E\u200B\u2066\u200D]/g, ''));
    const r = await loadProject(file, {});
    expect(r.diagnostics.filter((d) => d.code === 'PROJECT_INVISIBLE_CHARACTER')).toEqual([]);
  });
});

describe('project files that are deep or hold huge numbers', () => {
  const dir = tempDir('pm-deep-');
  const BASE = 'name: T\nsources: [exports/a]\nservers:\n  - name: dc-01\n    fqdn: dc-01.corp.example\n';
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it.each([
    ['5,000 nested flow lists', `${BASE}x: ${'['.repeat(5000)}${']'.repeat(5000)}\n`],
    ['20,000 nested flow maps', `${BASE}x: ${'{a: '.repeat(20000)}1${'}'.repeat(20000)}\n`],
    ['5,000 indentation levels', `${BASE}x:\n${Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i + 1)}a:`).join('\n')} 1\n`],
  ])('%s: "nested too deep (limit N)" with a line, nothing else', { timeout: 60_000 }, async (_what, text) => {
    const r = await loadProject(write('deep.yaml', text), {});
    expect(r.project).toBeUndefined();
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors[0]?.message).toMatch(/nested (too deep \(limit 32 levels\)|more than 32 levels deep)/);
    expect(errors[0]?.line).toBeGreaterThanOrEqual(6);
    for (const d of r.diagnostics) expect(d.message).not.toMatch(/Maximum call stack|this is a bug/);
  });

  it.each([
    ['400 digits', '9'.repeat(400)],
    ['10^20', '100000000000000000000'],
    ['3,000,000,000', '3000000000'],
  ])('maxUsers: %s is "too large (at most 2147483647)", once', async (_what, value) => {
    const r = await loadProject(write('big.yaml', `${BASE}    maxUsers: ${value}\n`), {});
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.line, d.message])).toEqual([[6, 'servers[0].maxUsers: too large (at most 2147483647)']]);
  });
});
