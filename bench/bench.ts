/**
 * The benchmark: generated exports (50k users, 10 servers by default) through each stage, every
 * repetition in a fresh child process so peak memory is that child's maxRSS; medians reported.
 *
 *   npm run bench -- [--reps 3] [--users 50000 --servers 10 --seed 1] [--out bench/out/gen-50k] [--stages floor,import]
 *
 * Thresholds (from the issues): import ≤ 2.0× floor time and ≤ 1 GB; import+map ≤ 2.5× floor.
 * Results: a table on stdout and bench/out/results.json. Not part of `npm test`.
 */
import { spawn } from 'node:child_process';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULTS, generateWithCounts } from './generate.js';
import { STAGES, type Stage, type StageResult } from './stage-types.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const RUNNER = path.join(HERE, 'stage-runner.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

interface Threshold {
  stage: Stage;
  maxRatio?: number;
  maxRssMB?: number;
}
const THRESHOLDS: Threshold[] = [
  { stage: 'import', maxRatio: 2.0, maxRssMB: 1024 },
  { stage: 'import+map', maxRatio: 2.5 },
];

interface StageSummary {
  stage: Stage;
  available: boolean;
  reason?: string;
  runs: StageResult[];
  medianMs?: number;
  minMs?: number;
  maxMs?: number;
  medianSteps?: Record<string, number>;
  peakRssMB?: number;
  ratioToFloor?: number;
  rssRatioToFloor?: number;
  info?: Record<string, unknown>;
  verdicts: string[];
  pass?: boolean;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : Math.round((s[m - 1]! + s[m]!) / 2);
};

function runChild(stage: Stage, projectFile: string): Promise<StageResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, RUNNER, stage, projectFile], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) return resolve(JSON.parse(line) as StageResult);
      resolve({ stage, available: false, reason: `failed (exit ${code}): ${err.trim().split('\n').slice(0, 3).join(' | ') || out.trim()}` });
    });
  });
}

async function exists(p: string): Promise<boolean> {
  return access(p).then(() => true, () => false);
}

function summarize(stage: Stage, runs: StageResult[]): StageSummary {
  const ok = runs.filter((r) => r.available && r.ms !== undefined);
  if (ok.length === 0) return { stage, available: false, reason: runs[0]?.reason ?? 'not run', runs, verdicts: [] };
  const ms = ok.map((r) => r.ms!);
  const stepNames = Object.keys(ok[0]!.steps ?? {});
  return {
    stage, available: true, runs,
    medianMs: median(ms), minMs: Math.min(...ms), maxMs: Math.max(...ms),
    medianSteps: Object.fromEntries(stepNames.map((n) => [n, median(ok.map((r) => r.steps?.[n] ?? 0))])),
    peakRssMB: Math.max(...ok.map((r) => r.peakRssMB ?? 0)),
    info: ok[0]!.info,
    verdicts: [],
  };
}

function judge(summaries: StageSummary[]): void {
  const floor = summaries.find((s) => s.stage === 'floor');
  for (const s of summaries) {
    if (!s.available || !floor?.available || !floor.medianMs) continue;
    s.ratioToFloor = Math.round((s.medianMs! / floor.medianMs) * 100) / 100;
    s.rssRatioToFloor = Math.round((s.peakRssMB! / floor.peakRssMB!) * 100) / 100;
  }
  for (const t of THRESHOLDS) {
    const s = summaries.find((x) => x.stage === t.stage);
    if (!s?.available) continue;
    let pass = true;
    if (t.maxRatio !== undefined && s.ratioToFloor !== undefined) {
      const ok = s.ratioToFloor <= t.maxRatio;
      pass &&= ok;
      s.verdicts.push(`time ${s.ratioToFloor}× floor ${ok ? '≤' : '>'} ${t.maxRatio}× ${ok ? 'ok' : 'FAIL'}`);
    }
    if (t.maxRssMB !== undefined && s.peakRssMB !== undefined) {
      const ok = s.peakRssMB <= t.maxRssMB;
      pass &&= ok;
      s.verdicts.push(`RSS ${s.peakRssMB} MB ${ok ? '≤' : '>'} ${t.maxRssMB} MB ${ok ? 'ok' : 'FAIL'}`);
    }
    s.pass = pass;
  }
}

function table(summaries: StageSummary[]): string {
  const rows = [['stage', 'median ms', 'min–max ms', 'peak RSS MB', '× floor (time)', '× floor (RSS)', 'steps (median ms)', 'threshold']];
  for (const s of summaries) {
    if (!s.available) {
      rows.push([s.stage, 'not available yet', '', '', '', '', '', s.reason ?? '']);
      continue;
    }
    rows.push([
      s.stage, String(s.medianMs), `${s.minMs}–${s.maxMs}`, String(s.peakRssMB), s.ratioToFloor?.toFixed(2) ?? '',
      s.rssRatioToFloor?.toFixed(2) ?? '', Object.entries(s.medianSteps ?? {}).map(([k, v]) => `${k} ${v}`).join(', '),
      s.verdicts.join('; '),
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r, k) => {
    const line = r.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
    return k === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}` : line;
  }).join('\n');
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      reps: { type: 'string', default: '3' },
      users: { type: 'string', default: String(DEFAULTS.users) },
      servers: { type: 'string', default: String(DEFAULTS.servers) },
      seed: { type: 'string', default: String(DEFAULTS.seed) },
      out: { type: 'string', default: DEFAULTS.outDir },
      stages: { type: 'string', default: STAGES.join(',') },
    },
  });
  const reps = Math.max(1, Number(values.reps));
  const outDir = path.resolve(ROOT, values.out);
  const projectFile = path.join(outDir, 'procall-migrate.yaml');
  const opts = { users: Number(values.users), servers: Number(values.servers), seed: Number(values.seed), outDir, form: 'zip' as const };
  const metaFile = path.join(outDir, 'expected-counts.json');
  const meta = (await exists(metaFile)) ? (JSON.parse(await readFile(metaFile, 'utf8')) as { users: number; servers: number; seed: number }) : undefined;
  if (!meta || meta.users !== opts.users || meta.servers !== opts.servers || meta.seed !== opts.seed) {
    process.stdout.write(`generating ${opts.users} users on ${opts.servers} servers into ${path.relative(ROOT, outDir)} …\n`);
    const t = performance.now();
    await generateWithCounts(opts);
    process.stdout.write(`generated in ${Math.round(performance.now() - t)} ms\n`);
  }
  const stages = values.stages.split(',').map((s) => s.trim()) as Stage[];
  for (const s of stages) if (!STAGES.includes(s)) throw new Error(`unknown stage ${s} (known: ${STAGES.join(', ')})`);

  const summaries: StageSummary[] = [];
  for (const stage of stages) {
    const runs: StageResult[] = [];
    for (let i = 0; i < reps; i++) {
      const r = await runChild(stage, projectFile);
      runs.push(r);
      process.stdout.write(`  ${stage} #${i + 1}: ${r.available ? `${r.ms} ms, ${r.peakRssMB} MB` : `not available (${r.reason})`}\n`);
      if (!r.available) break;
    }
    summaries.push(summarize(stage, runs));
  }
  judge(summaries);
  process.stdout.write(`\n${opts.users} users, ${opts.servers} exports (ZIP), ${reps} repetitions, node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'}\n\n`);
  process.stdout.write(`${table(summaries)}\n`);
  for (const s of summaries) if (s.info) process.stdout.write(`\n${s.stage}: ${JSON.stringify(s.info)}`);
  process.stdout.write('\n');

  const resultsFile = path.join(ROOT, 'bench', 'out', 'results.json');
  await mkdir(path.dirname(resultsFile), { recursive: true });
  await writeFile(resultsFile, `${JSON.stringify({
    measuredAt: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model,
    cpus: os.cpus().length,
    dataset: { users: opts.users, servers: opts.servers, seed: opts.seed, form: 'zip', dir: path.relative(ROOT, outDir) },
    repetitions: reps,
    thresholds: THRESHOLDS,
    stages: summaries,
  }, null, 2)}\n`);
  process.stdout.write(`\nresults: ${path.relative(ROOT, resultsFile)}\n`);
  if (summaries.some((s) => s.pass === false)) process.exitCode = 1;
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
