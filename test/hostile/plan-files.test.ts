/**
 * Issue 20, hostile input round 2: saved plans that are not plans. A FIFO, a device, a folder or
 * a 2 GiB sparse file given as the plan ends `report --plan` and `apply` at once with a plain
 * error (exit 1); a plan edited to name another file as its project never has that file read or
 * echoed; a forged plan (digest recomputed) naming tables, columns or keys the catalog does not
 * know is refused (exit 3). Nothing is written in any case. Timeouts only catch a hang.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { digestOf } from '../../src/plan/digest.js';
import { runCli, sampleProjectWith, tempDir } from '../cli/helpers.js';

const HANG = { timeout: 60_000 };
const dir = tempDir('pm-hostile-plans-');
let projectFile = '';
let planFile = '';

beforeAll(async () => {
  projectFile = sampleProjectWith('alpen-handel', '');
  planFile = path.join(path.dirname(projectFile), 'plan.json');
  const r = await runCli(['plan', '-p', projectFile, '--no-target', '--out', planFile]);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);

/** The saved plan as JSON, changed by `edit`, written next to the original (digest recomputed when `forge`). */
function editedPlan(name: string, edit: (plan: Record<string, unknown>) => void, forge = false): string {
  const plan = JSON.parse(readFileSync(planFile, 'utf8')) as Record<string, unknown>;
  edit(plan);
  if (forge) plan['planDigest'] = digestOf(plan as unknown as Parameters<typeof digestOf>[0]);
  const file = path.join(path.dirname(planFile), name);
  writeFileSync(file, JSON.stringify(plan, null, 2));
  return file;
}

const noBug = (stderr: string) => expect(stderr).not.toMatch(/this is a bug|\n\s+at |Maximum call stack/);

describe('a plan file that is not a regular file', () => {
  it.each([
    ['a FIFO', () => { const f = path.join(dir, 'plan-fifo.json'); execFileSync('mkfifo', [f]); return f; }, /is a FIFO \(named pipe\), not a regular file/],
    ['/dev/zero', () => '/dev/zero', /is a character device, not a regular file/],
    ['/dev/urandom', () => '/dev/urandom', /is a character device, not a regular file/],
    ['a folder', () => { const f = path.join(dir, 'plan-folder'); mkdirSync(f, { recursive: true }); return f; }, /is a folder, not a regular file/],
    ['a 2 GiB sparse file', () => { const f = path.join(dir, 'sparse.json'); writeFileSync(f, ''); truncateSync(f, 2 * 1024 ** 3); return f; }, /is 2048 MB, more than the 500 MB it may have/],
  ])('%s: report --plan and apply refuse it at once, exit 1, nothing written', HANG, async (_what, make, expected) => {
    const plan = make();
    const out = path.join(dir, `report-${path.basename(plan)}.html`);
    for (const argv of [['report', '--plan', plan, '--out', out], ['apply', plan, '--yes']]) {
      const r = await runCli(argv);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/Cannot read the plan file/);
      expect(r.stderr).toMatch(expected);
      noBug(r.stderr);
    }
    expect(existsSync(out)).toBe(false);
  });
});

describe('a plan whose project.path was edited', () => {
  const secretFile = () => {
    const secret = path.join(dir, 'shadow');
    writeFileSync(secret, 'root:$6$very-secret-hash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n');
    return secret;
  };

  it.each([
    ['project.path', (p: Record<string, unknown>, secret: string) => void ((p['project'] as { path: string }).path = path.relative(path.dirname(planFile), secret))],
    ['a source path', (p: Record<string, unknown>, secret: string) => void ((p['sources'] as { path: string }[])[0]!.path = secret)],
  ])('%s edited without recomputing the digest: report --plan and apply refuse it as tampered (exit 3)', HANG, async (_what, edit) => {
    const secret = secretFile();
    const edited = editedPlan('edited-path.json', (p) => edit(p, secret));
    const out = path.join(dir, 'edited-path-report.html');
    for (const argv of [['report', '--plan', edited, '--out', out], ['apply', edited, '--yes']]) {
      const r = await runCli(argv);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(/PLAN_FILE_TAMPERED|changed after it was written \(its planDigest does not match\)/);
      expect(r.stderr + r.stdout).not.toMatch(/very-secret-hash|daemon|PROJECT_UNKNOWN_KEY/);
      noBug(r.stderr);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('a version-1 plan (digest without paths) still reads: report --plan renders it', HANG, async () => {
    const v1 = editedPlan('version-1.json', (p) => {
      p['formatVersion'] = 1;
      p['planDigest'] = digestOf(p as unknown as Parameters<typeof digestOf>[0]);
    });
    const out = path.join(dir, 'version-1-report.html');
    const r = await runCli(['report', '--plan', v1, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain((JSON.parse(readFileSync(v1, 'utf8')) as { planDigest: string }).planDigest);
  });

  it('report --plan never reads or prints the file it names, even with the digest recomputed', HANG, async () => {
    const secret = secretFile();
    const edited = editedPlan('edited.json', (p) => {
      (p['project'] as { path: string }).path = path.relative(path.dirname(planFile), secret);
    }, true);
    const out = path.join(dir, 'edited-report.html');
    const r = await runCli(['report', '--plan', edited, '--out', out]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/not the file the plan was made from/);
    expect(r.stderr + r.stdout).not.toMatch(/very-secret-hash|daemon|PROJECT_UNKNOWN_KEY/);
    noBug(r.stderr);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ['a mapping of other keys', 'ssh-config', 'Host: jump.corp\nIdentityFile: ~/.ssh/id_ed25519\nPassphrase: hunter2-secret\n', /PROJECT_NOT_A_PROJECT/],
    ['a passwd-like file', 'passwd', 'root:x:0:0:root:/root:/bin/bash\nbackup:x:34:34:backup:/var/backups:/usr/sbin/nologin\n', /PROJECT_INVALID/],
  ])('%s given with -p is one error, none of its lines echoed', HANG, async (_what, name, content, code) => {
    const other = path.join(dir, name);
    writeFileSync(other, content);
    const out = path.join(dir, `${name}-report.html`);
    const r = await runCli(['report', '-p', other, '--out', out]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(code);
    expect(r.stderr).not.toMatch(/IdentityFile|hunter2|\/bin\/bash|backup|nologin/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('a forged plan (digest recomputed)', () => {
  const firstChange = (p: Record<string, unknown>) => (p['changes'] as Record<string, unknown>[])[0] as Record<string, unknown>;
  it.each([
    ['a table the catalog does not have', (p: Record<string, unknown>) => void (firstChange(p)['table'] = 'dc.Evil'), /changes\[0\]\.table: "dc\.Evil" is not a table of the DataCenter catalog/],
    ['an unknown column', (p: Record<string, unknown>) => void ((firstChange(p)['after'] as Record<string, unknown>)['Evil'] = 'x'), /"Evil" is not a column of dc\./],
    ['a __proto__ key', (p: Record<string, unknown>) => void Object.defineProperty(firstChange(p)['key'] as object, '__proto__', { value: { polluted: 1 }, enumerable: true }), /changes\[0\]\.key\.__proto__: the key "__proto__" is never part of a plan/],
  ])('%s is refused by report --plan and apply (exit 3), naming it', HANG, async (_what, edit, expected) => {
    const forged = editedPlan('forged.json', edit, true);
    const out = path.join(dir, 'forged-report.html');
    for (const argv of [['report', '--plan', forged, '--out', out], ['apply', forged, '--yes']]) {
      const r = await runCli(argv);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(/is not a valid plan/);
      expect(r.stderr).toMatch(expected);
      noBug(r.stderr);
    }
    expect(existsSync(out)).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
