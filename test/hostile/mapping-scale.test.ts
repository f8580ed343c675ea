/**
 * Issue 20: a home-server mapping of 1,000,000 rows (none a user of the exports) took 1.6 GB and
 * printed 1,000,000 warnings. Now: read line by line, only rows of known users kept (and a sample
 * of the others), findings capped per code, one summary line with the full count.
 * Run in a child process (as the CLI runs: heap tuned as in main.ts) so its peak memory is its own.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../samples/expected.js';
import { tempDir } from '../cli/helpers.js';

const ROWS = 1_000_000;
/**
 * Issue 20 item 6: 300 MB for the whole plan. Only rows of users the exports hold are kept (plus a
 * sample of 100 others), the rest counted; before, every row was kept (about 470 MB; 1.6 GB at first).
 * Measured under tsx, whose own start costs about 130 MB.
 */
const PEAK_RSS_MB = 300;

/** `plan --no-target` of the mueller-logistik sample with `rows` mapping rows, in a child: exit code, peak RSS, the "more" lines. */
function planInChild(rows: number): { code: number; maxRssMb: number; more: string[]; stderr: string } {
  const dir = tempDir('pm-mapping-scale-');
  const sample = path.join(REPO_ROOT, 'samples', 'mueller-logistik');
  const project = readFileSync(path.join(sample, 'procall-migrate.yaml'), 'utf8')
    .replace(/^(\s*-\s+)(exports\/\S+)/gm, (_m, lead: string, rel: string) => `${lead}${JSON.stringify(path.join(sample, rel))}`)
    .replace(/^(\s*mapping:\s*)\S+/m, '$1big.csv');
  writeFileSync(path.join(dir, 'procall-migrate.yaml'), project);
  const lines = ['userName,server'];
  for (let i = 0; i < rows; i++) lines.push(`ghost${String(i).padStart(7, '0')},dc-ml-01`);
  writeFileSync(path.join(dir, 'big.csv'), `${lines.join('\n')}\n`);
  const runner = path.join(dir, 'run.mts');
  writeFileSync(
    runner,
    `import { tuneHeap } from ${JSON.stringify(path.join(REPO_ROOT, 'src/cli/heap.ts'))};
tuneHeap();
const { run } = await import(${JSON.stringify(path.join(REPO_ROOT, 'src/cli/program.ts'))});
let stderr = '';
const code = await run(process.argv.slice(2), { cwd: process.cwd(), env: {}, isTTY: false, stdout: { write: () => {} }, stderr: { write: (s) => { stderr += s; } } });
process.stdout.write(JSON.stringify({ code, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), stderr }));
`,
  );
  const out = execFileSync(process.execPath, ['--import', 'tsx', runner, 'plan', '-p', path.join(dir, 'procall-migrate.yaml'), '--no-target'], {
    cwd: REPO_ROOT,
    maxBuffer: 64 * 1024 * 1024,
  }).toString('utf8');
  const r = JSON.parse(out) as { code: number; maxRssMb: number; stderr: string };
  return { ...r, more: r.stderr.split('\n').filter((l) => /… and [\d,]+ more/.test(l)) };
}

describe('a mapping CSV of 1,000,000 unknown users', () => {
  it('plans in bounded memory and says the rest in one summary line', { timeout: 240_000 }, () => {
    const r = planInChild(ROWS);
    expect(r.code, r.stderr.slice(0, 2000)).toBe(0);
    expect(r.more).toEqual(['  … and 999,990 more MAP_MAPPING_UNKNOWN_USER']);
    expect(r.stderr.match(/MAP_MAPPING_UNKNOWN_USER {2}the mapping names user/g)).toHaveLength(10);
    expect(r.maxRssMb, `peak RSS ${r.maxRssMb} MB`).toBeLessThan(PEAK_RSS_MB);
  });
});
