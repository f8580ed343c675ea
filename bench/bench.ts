/**
 * The benchmark (issue 14): generated exports, unpacked into folders, through each stage; every
 * run of every stage is a fresh child process, so its peak RSS is that process's own (measured
 * by bench/stages/probe.mjs, preloaded). Wall times are medians; ratios are against the floor
 * measured in the same run (a bare fast-xml-parser parse of the same files).
 *
 *   npm run bench -- [--runs 3] [--users 50000,100000] [--servers 10] [--seed 1]
 *                    [--stages floor,reader,import,plan-text,plan-json,migrate] [--memory]
 *
 * Needs the built CLI (`npm run build`). Results: a table on stdout and bench/out/results.json.
 * Not part of `npm test`. See bench/README.md.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { access, copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULTS, generateWithCounts } from './generate.js';
import { judge, type Measured, type Verdict } from './thresholds.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const PROBE = pathToFileURL(path.join(HERE, 'stages', 'probe.mjs')).href;
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');

const MIGRATE_STAGE = path.join(HERE, 'out', 'build', 'bench', 'stages', 'migrate.js');

/** Compiles the migrate stage with the sources it imports (tsc, dist/'s options) into bench/out/build/. */
async function buildMigrateStage(): Promise<void> {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, '-p', path.join(HERE, 'tsconfig.migrate.json')], { cwd: ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`tsc -p bench/tsconfig.migrate.json exited with ${code}`))));
  });
  // src/cli/version.ts reads ../../package.json, as from dist/cli.
  await copyFile(path.join(ROOT, 'package.json'), path.join(HERE, 'out', 'build', 'package.json'));
}

const STAGES = ['floor', 'reader', 'import', 'plan-text', 'plan-json', 'migrate'] as const;
type Stage = (typeof STAGES)[number];

/** One run of one stage. */
interface Run {
  ok: boolean;
  wallMs: number;
  cpuMs?: number;
  peakRssMB?: number;
  /** What the stage printed (its JSON line), or why it failed. */
  info?: Record<string, unknown>;
  error?: string;
}

interface Dataset {
  users: number;
  dir: string;
  projectFile: string;
  exportDirs: string[];
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : Math.round((s[m - 1]! + s[m]!) / 2);
};
const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false);

/** The unpacked export set for `users`: generated (folders, deterministic) unless already there. */
async function dataset(users: number, servers: number, seed: number): Promise<Dataset> {
  const dir = path.join(ROOT, 'bench', 'out', `unpacked-${users}u-${servers}s-seed${seed}`);
  const metaFile = path.join(dir, 'expected-counts.json');
  type Meta = { users: number; servers: number; seed: number; form: string; exports: Array<{ path: string }> };
  let meta = (await exists(metaFile)) ? (JSON.parse(await readFile(metaFile, 'utf8')) as Meta) : undefined;
  if (!meta || meta.users !== users || meta.servers !== servers || meta.seed !== seed || meta.form !== 'folder') {
    process.stdout.write(`generating ${users} users on ${servers} servers (unpacked) into ${path.relative(ROOT, dir)} …\n`);
    const t = performance.now();
    await generateWithCounts({ users, servers, seed, outDir: dir, form: 'folder' });
    process.stdout.write(`  generated in ${Math.round(performance.now() - t)} ms\n`);
    meta = JSON.parse(await readFile(metaFile, 'utf8')) as Meta;
  }
  return { users, dir, projectFile: path.join(dir, 'procall-migrate.yaml'), exportDirs: meta.exports.map((e) => path.resolve(dir, e.path)) };
}

/** The command line of a stage (after `node --import probe`); `out` is a scratch folder. */
function stageArgs(stage: Stage, data: Dataset, out: string): string[] {
  switch (stage) {
    case 'floor':
      return [path.join(HERE, 'stages', 'floor.mjs'), ...data.exportDirs];
    case 'reader':
      return [path.join(HERE, 'stages', 'reader.mjs'), ...data.exportDirs];
    case 'import':
      return [path.join(HERE, 'stages', 'import.mjs'), ...data.exportDirs];
    case 'plan-text':
      return [CLI, 'plan', '-p', data.projectFile, '--no-target'];
    case 'plan-json':
      return [CLI, 'plan', '-p', data.projectFile, '--no-target', '--out', path.join(out, 'plan.json')];
    case 'migrate':
      // Built by buildMigrateStage (it uses the CLI tests' fake target, so it is not in dist/).
      return [MIGRATE_STAGE, data.projectFile];
    default: {
      const exhaustive: never = stage;
      return exhaustive;
    }
  }
}

const isCli = (stage: Stage): boolean => stage === 'plan-text' || stage === 'plan-json';

/** Runs one stage in a fresh process: wall time from spawn to exit; RSS and CPU from the probe. */
async function runStage(stage: Stage, data: Dataset): Promise<Run> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'procall-bench-'));
  const probeFile = path.join(out, 'probe.json');
  // The CLI's stdout (the plan text) goes where `> /dev/null` would send it.
  const devNull = isCli(stage) ? openSync(os.devNull, 'w') : undefined;
  try {
    const started = performance.now();
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', PROBE, ...stageArgs(stage, data, out)], {
        cwd: ROOT,
        env: { ...process.env, BENCH_PROBE_FILE: probeFile, NO_COLOR: '1' },
        stdio: ['ignore', devNull ?? 'pipe', 'pipe'],
      });
      let so = '';
      let se = '';
      child.stdout?.on('data', (c: Buffer) => (so += c.toString()));
      child.stderr?.on('data', (c: Buffer) => (se = (se + c.toString()).slice(-4000)));
      child.on('error', reject);
      child.on('close', (c) => resolve({ code: c, stdout: so, stderr: se }));
    });
    const wallMs = Math.round(performance.now() - started);
    const probe = (await exists(probeFile)) ? (JSON.parse(await readFile(probeFile, 'utf8')) as { maxRssKB: number; userMs: number; systemMs: number }) : undefined;
    const run: Run = { ok: code === 0, wallMs };
    if (probe) {
      run.cpuMs = probe.userMs + probe.systemMs;
      run.peakRssMB = Math.round(probe.maxRssKB / 1024);
    }
    const line = stdout.trim().split('\n').pop() ?? '';
    if (line.startsWith('{')) run.info = JSON.parse(line) as Record<string, unknown>;
    if (stage === 'plan-json' && code === 0) run.info = { planJsonMB: Math.round((await stat(path.join(out, 'plan.json'))).size / 1048576) };
    if (code !== 0) run.error = `exit ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`;
    return run;
  } finally {
    if (devNull !== undefined) closeSync(devNull);
    await rm(out, { recursive: true, force: true });
  }
}

function summarize(stage: Stage, users: number, runs: Run[]): Measured {
  const ok = runs.filter((r) => r.ok);
  if (ok.length === 0) return { stage, users, ok: false, error: runs[0]?.error ?? 'not run', runs: runs.length };
  return {
    stage, users, ok: true, runs: ok.length,
    wallMs: median(ok.map((r) => r.wallMs)),
    minMs: Math.min(...ok.map((r) => r.wallMs)),
    maxMs: Math.max(...ok.map((r) => r.wallMs)),
    cpuMs: median(ok.map((r) => r.cpuMs ?? 0)),
    peakRssMB: Math.max(...ok.map((r) => r.peakRssMB ?? 0)),
    info: ok[ok.length - 1]!.info ?? {},
  };
}

const secs = (ms: number | undefined): string => (ms === undefined ? '' : (ms / 1000).toFixed(2));
const times = (x: number | undefined): string => (x === undefined ? '' : x.toFixed(2));

function table(rows: Measured[], verdicts: Verdict[]): string {
  const head = ['users', 'stage', 'wall s (median)', 'min–max s', 'CPU s', '× floor', '× floor CPU', 'peak RSS MB', '× floor RSS', 'threshold'];
  const lines = [head];
  for (const m of rows) {
    const floor = rows.find((r) => r.users === m.users && r.stage === 'floor' && r.ok);
    const mine = verdicts.filter((v) => v.stage === m.stage && v.users === m.users).map((v) => `${v.text} ${v.pass ? 'ok' : 'FAIL'}`).join('; ');
    if (!m.ok) {
      lines.push([String(m.users), m.stage, 'failed', '', '', '', '', '', '', m.error ?? '']);
      continue;
    }
    const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || !b ? undefined : a / b);
    lines.push([
      String(m.users), m.stage, secs(m.wallMs), `${secs(m.minMs)}–${secs(m.maxMs)}`, secs(m.cpuMs),
      times(ratio(m.wallMs, floor?.wallMs)), times(ratio(m.cpuMs, floor?.cpuMs)), String(m.peakRssMB ?? ''),
      times(ratio(m.peakRssMB, floor?.peakRssMB)), mine,
    ]);
  }
  const widths = head.map((_, i) => Math.max(...lines.map((r) => r[i]!.length)));
  return lines.map((r, k) => {
    const line = r.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
    return k === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}` : line;
  }).join('\n');
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '3' },
      reps: { type: 'string' },
      users: { type: 'string', default: '50000,100000' },
      servers: { type: 'string', default: String(DEFAULTS.servers) },
      seed: { type: 'string', default: String(DEFAULTS.seed) },
      stages: { type: 'string', default: STAGES.join(',') },
      memory: { type: 'boolean', default: false },
    },
  });
  const runs = Math.max(1, Number(values.reps ?? values.runs));
  const sizes = values.users.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--users takes whole numbers, e.g. 50000,100000');
  const stages = values.stages.split(',').map((s) => s.trim()) as Stage[];
  for (const s of stages) if (!STAGES.includes(s)) throw new Error(`unknown stage ${s} (known: ${STAGES.join(', ')})`);
  if (!(await exists(CLI))) throw new Error('dist/cli/main.js is missing: run `npm run build` first (the benchmark measures the built CLI)');
  if (stages.includes('migrate')) await buildMigrateStage();
  const servers = Number(values.servers);
  const seed = Number(values.seed);

  const loadBefore = os.loadavg();
  const results: Measured[] = [];
  const memory: Array<{ users: number; breakdown: unknown }> = [];
  for (const users of sizes) {
    const data = await dataset(users, servers, seed);
    const byStage = new Map<Stage, Run[]>(stages.map((s) => [s, []]));
    // Runs interleave the stages, so a change of load on the machine touches each stage alike.
    for (let i = 0; i < runs; i++) {
      for (const stage of stages) {
        const r = await runStage(stage, data);
        byStage.get(stage)!.push(r);
        process.stdout.write(`  ${users} ${stage} #${i + 1}: ${r.ok ? `${r.wallMs} ms, CPU ${r.cpuMs} ms, ${r.peakRssMB} MB` : r.error}\n`);
      }
    }
    for (const stage of stages) results.push(summarize(stage, users, byStage.get(stage)!));
    if (values.memory) {
      const r = await runMemory(data);
      memory.push({ users, breakdown: r });
    }
  }
  const verdicts = judge(results);
  const loadAfter = os.loadavg();
  const cpu = `${os.cpus().length}× ${os.cpus()[0]?.model ?? 'cpu'}`;
  process.stdout.write(`\n${runs} run(s) per stage, node ${process.version}, ${cpu}, load average ${loadBefore[0]!.toFixed(1)} → ${loadAfter[0]!.toFixed(1)}\n\n`);
  process.stdout.write(`${table(results, verdicts)}\n`);
  for (const m of results) if (m.ok && m.info && Object.keys(m.info).length > 0) process.stdout.write(`\n${m.users} ${m.stage}: ${JSON.stringify(m.info)}`);
  for (const m of memory) process.stdout.write(`\n\nmemory, ${m.users} users:\n${memoryTable(m.breakdown as MemoryBreakdown)}`);
  process.stdout.write('\n');

  const resultsFile = path.join(ROOT, 'bench', 'out', 'results.json');
  await mkdir(path.dirname(resultsFile), { recursive: true });
  await writeFile(resultsFile, `${JSON.stringify({
    measuredAt: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpu,
    loadAverage: { before: loadBefore, after: loadAfter },
    dataset: { sizes, servers, seed, form: 'folder' },
    runs,
    stages: results,
    verdicts,
    memory,
  }, null, 2)}\n`);
  process.stdout.write(`\nresults: ${path.relative(ROOT, resultsFile)}\n`);
  if (verdicts.some((v) => !v.pass)) process.exitCode = 1;
}

interface MemoryBreakdown {
  steps: Array<{ step: string; heapMB: number; externalMB: number; rssMB: number; peakRssMB: number; chars?: number }>;
  changes: number;
}

/** The memory breakdown (bench/stages/memory.mjs) in a child with --expose-gc. */
async function runMemory(data: Dataset): Promise<MemoryBreakdown | { error: string }> {
  const child = spawn(process.execPath, ['--expose-gc', path.join(HERE, 'stages', 'memory.mjs'), data.projectFile], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-2000)));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const line = out.trim().split('\n').pop() ?? '';
  return code === 0 && line.startsWith('{') ? (JSON.parse(line) as MemoryBreakdown) : { error: `exit ${code}: ${err.trim()}` };
}

function memoryTable(b: MemoryBreakdown | { error: string }): string {
  if ('error' in b) return `  failed: ${b.error}`;
  let prev = 0;
  return b.steps.map((s) => {
    const line = `  ${s.step.padEnd(28)} heap ${String(s.heapMB).padStart(5)} MB (${s.heapMB - prev >= 0 ? '+' : ''}${s.heapMB - prev})  buffers ${String(s.externalMB).padStart(4)} MB  RSS ${String(s.rssMB).padStart(5)} MB  peak ${s.peakRssMB} MB${s.chars === undefined ? '' : `  (${Math.round(s.chars / 1048576)} M chars)`}`;
    prev = s.heapMB;
    return line;
  }).join('\n');
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
