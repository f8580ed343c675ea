/**
 * Issue 20, hostile input round 2, on the output side: values from the project or the exports
 * that would inject into a rollout file, a Markdown plan or a report; `--out` onto a device, FIFO
 * or folder; invisible characters. Each case ends plainly, nothing written where it refuses.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MigrateError } from '../../src/model/errors.js';
import type { Plan } from '../../src/model/plan.js';
import { ctiServerParameter, generateRollout, regFileText, srvZoneText } from '../../src/rollout/index.js';
import { renderPlanMarkdown } from '../../src/plan/render/render-markdown.js';
import { renderPlanText } from '../../src/plan/render/render-text.js';
import { runCli, sampleProjectWith, tempDir } from '../cli/helpers.js';

const HANG = { timeout: 60_000 };
const noBug = (stderr: string) => expect(stderr).not.toMatch(/this is a bug|\n\s+at |Maximum call stack/);

const INJECTIONS = [
  ['a registry key after CR/LF', 'dc-1.x\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Evil]\r\n'],
  ['a DNS record after LF', 'x\n@ IN A 6.6.6.6'],
  ['a NUL', 'dc-1\u0000.x'],
  ['a right-to-left override', 'dc-1\u202E.x'],
] as const;

describe('rollout writers refuse what would break their format, whatever validation let through', () => {
  const writers = [
    ['ctiserver.txt', (fqdn: string) => ctiServerParameter([{ name: 'dc-1', fqdn }])],
    ['procall-client.reg', (fqdn: string) => regFileText([{ name: 'dc-1', fqdn }])],
    ['dns-srv.zone', (fqdn: string) => srvZoneText([{ name: 'dc-1', fqdn }])],
  ] as const;
  it.each(writers.flatMap(([file, write]) => INJECTIONS.map(([what, fqdn]) => [file, what, write, fqdn] as const)))('%s: %s', (file, _what, write, fqdn) => {
    let error: unknown;
    try {
      write(fqdn);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MigrateError);
    expect((error as MigrateError).code).toBe('CLI_ROLLOUT_UNSAFE_VALUE');
    expect((error as MigrateError).message).toContain(`which ${file} cannot carry`);
  });

  it.each([
    ['ctiserver.txt', 'dc 1.x', ctiServerParameter],
    ['ctiserver.txt', 'dc"1.x', ctiServerParameter],
    ['dns-srv.zone', 'dc;1.x', srvZoneText],
    ['dns-srv.zone', 'dc(1).x', srvZoneText],
  ] as const)('%s refuses %j', (_file, fqdn, write) => {
    expect(() => write([{ name: 'dc-1', fqdn }])).toThrow(/cannot carry; no rollout file was written/);
  });

  it('a quote and a backslash stay escaped in the .reg file (regedit can carry them)', () => {
    expect(regFileText([{ name: 'dc-1', fqdn: 'a"b\\c' }])).toContain('"Server"="a\\"b\\\\c"');
  });

  it('valid host names give all four files', () => {
    const files = generateRollout('Alpen-Handel', [{ name: 'dc-1', fqdn: 'dc-1.corp.example' }, { name: 'dc-2', fqdn: 'dc-2.corp.example' }]);
    expect(files.map((f) => f.name)).toEqual(['ctiserver.txt', 'procall-client.reg', 'dns-srv.zone', 'README.md']);
  });
});

describe('rollout on a project with an injected fqdn', () => {
  it.each(INJECTIONS)('%s: exit 3, the line named, no file written', HANG, async (_what, fqdn) => {
    const project = sampleProjectWith('alpen-handel', '').replace(/$/, '');
    const text = readFileSync(project, 'utf8').replace('fqdn: dc-ah-ber-01.alpen-handel.de', `fqdn: ${JSON.stringify(fqdn)}`);
    const line = text.split('\n').findIndex((l) => l.includes('fqdn: "')) + 1;
    execFileSync('sh', ['-c', 'cat > "$0"', project], { input: text });
    const out = path.join(path.dirname(project), 'rollout');
    const r = await runCli(['rollout', '-p', project, '--out', out]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`procall-migrate\\.yaml:${line}:\\d+ {2}error {2}PROJECT_INVALID {2}servers\\[0\\]\\.fqdn: expected a host name`));
    expect(r.stderr).not.toMatch(/\r|\u202E|\u0000/);
    noBug(r.stderr);
    expect(existsSync(out)).toBe(false);
  });
});

/** A one-change plan whose values carry Markdown, HTML and invisible characters. */
function hostilePlan(): Plan {
  const name = 'eve|admin';
  return {
    formatVersion: 2,
    toolVersion: '0.0.0-test',
    project: { path: '/p/procall-migrate.yaml', sha256: 'a'.repeat(64) },
    sources: [{ server: 'ucs|1', path: 'exports/`ucs1`', files: [] }],
    targetFingerprint: 'empty',
    prune: false,
    diagnostics: [{ code: 'IMPORT_INVISIBLE_CHARACTER', severity: 'warning', message: 'user "x\u202Ey" [click](javascript:alert(1))' }],
    summary: { 'dc.UserAccount': { create: 1, update: 0, delete: 0 } },
    changes: [
      {
        table: 'UserAccount',
        key: { UserName: name },
        action: 'create',
        server: '<script>alert(1)</script>|x',
        after: { UserName: name, DisplayName: '[x](javascript:alert(1))', Email: 'moc.live@\u202Eeve', Enabled: true },
      },
    ],
  };
}

describe('plan --format markdown escapes every value (one escaper with the report)', () => {
  const md = renderPlanMarkdown(hostilePlan());

  it('a link in a value stays text', () => {
    expect(md).not.toMatch(/(?<!\\)\[x(?<!\\)\]\(javascript:/);
    expect(md).toContain('\\[x\\](javascript:alert(1))');
    expect(md).toContain('\\[click\\](javascript:alert(1))');
  });

  it('a `|` in a name never adds a column, and no tag stays raw', () => {
    expect(md).not.toContain('<script>');
    // Cells are split by a `|` without a backslash before it: each row keeps its table's column count.
    const columns = (row: string | undefined) => (row ?? '').split(/(?<!\\)\|/).length - 2;
    const lines = md.split('\n');
    expect(columns(lines.find((l) => l.startsWith('| add |')))).toBe(4);
    expect(columns(lines.find((l) => l.includes('script') && l.startsWith('| ') && !l.startsWith('| add')))).toBe(4);
    expect(md).toContain('eve\\|admin');
  });

  it('invisible characters are shown as ⟨U+202E⟩, never raw, in Markdown and text', () => {
    expect(md).not.toContain('\u202E');
    expect(md).toContain('⟨U+202E⟩');
    const text = renderPlanText(hostilePlan(), { color: false });
    expect(text).not.toContain('\u202E');
    expect(text).toContain('⟨U+202E⟩');
  });
});

describe('--out onto something that is not a regular file', () => {
  const dir = tempDir('pm-hostile-out-');
  it.each([
    ['a symlink to /dev/null (a character device)', () => { const f = path.join(dir, 'null.json'); symlinkSync('/dev/null', f); return f; }, /is a character device, not a regular file/],
    ['a FIFO', () => { const f = path.join(dir, 'fifo.json'); execFileSync('mkfifo', [f]); return f; }, /is a FIFO \(named pipe\), not a regular file/],
    ['a folder', () => { const f = path.join(dir, 'plan.json'); mkdirSync(f); return f; }, /is a folder, not a regular file/],
  ])('%s: exit 1, a plain message, left as it was', HANG, async (_what, make, expected) => {
    const target = make();
    const before = lstatSync(target);
    const r = await runCli(['plan', '-p', sampleProjectWith('alpen-handel', ''), '--no-target', '--out', target]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(expected);
    expect(r.stderr).toMatch(/nothing was written/);
    expect(r.stdout + r.stderr).not.toMatch(/plan saved|wrote /);
    noBug(r.stderr);
    const after = lstatSync(target);
    expect([after.isSymbolicLink(), after.isFIFO(), after.isDirectory()]).toEqual([before.isSymbolicLink(), before.isFIFO(), before.isDirectory()]);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
