/**
 * The benchmark (issue 14): generated exports, unpacked into folders, through each stage; every
 * run of every stage is a fresh child process, so its peak RSS is that process's own (measured
 * by bench/stages/probe.mjs, preloaded). Wall times are medians; ratios are against the floor
 * measured in the same run (a bare fast-xml-parser parse of the same files).
 *
 *   npm run bench -- [--runs 3] [--users 50000,100000] [--servers 10] [--seed 1]
 *                    [--stages floor,reader,import,plan-text,plan-json,migrate,db-floor,db-migrate,db-undo] [--memory]
 *
 * The db-* stages (issue 21) run against the server named by MSSQL_URL (MSSQL_COLLATION for
 * `target.collation`), each run in a fresh database; without MSSQL_URL they are listed as skipped.
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
import { benchServer, createDatabase, dropDatabase, projectWithTarget, type BenchServer } from './db-server.js';
import { DEFAULTS, generateWithCounts } from './generate.js';
import { applyTimes, judge, type Measured, type Verdict } from './thresholds.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const PROBE = pathToFileURL(path.join(HERE, 'stages', 'probe.mjs')).href;
/**
 * The build the CLI stages (plan-*, db-*) run: dist/ unless `--dist` names another (a build of
 * the same sources elsewhere, `tsc -p tsconfig.build.json --outDir …`, beside a package.json and
 * node_modules). The stages that import the tool's modules directly (reader, import, memory) use dist/.
 */
let distDir = path.join(ROOT, 'dist');
const cli = (): string => path.join(distDir, 'cli', 'main.js');

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

const STAGES = ['floor', 'reader', 'import', 'plan-text', 'plan-json', 'migrate', 'db-floor', 'db-migrate', 'db-undo'] as const;
type Stage = (typeof STAGES)[number];
type DbStage = Extract<Stage, `db-${string}`>;
const isDbStage = (stage: Stage): stage is DbStage => stage.startsWith('db-');

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
function stageArgs(stage: Exclude<Stage, DbStage>, data: Dataset, out: string): string[] {
  switch (stage) {
    case 'floor':
      return [path.join(HERE, 'stages', 'floor.mjs'), ...data.exportDirs];
    case 'reader':
      return [path.join(HERE, 'stages', 'reader.mjs'), ...data.exportDirs];
    case 'import':
      return [path.join(HERE, 'stages', 'import.mjs'), ...data.exportDirs];
    case 'plan-text':
      return [cli(), 'plan', '-p', data.projectFile, '--no-target'];
    case 'plan-json':
      return [cli(), 'plan', '-p', data.projectFile, '--no-target', '--out', path.join(out, 'plan.json')];
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

interface Spawned {
  code: number | null;
  stdout: string;
  run: Run;
}

/**
 * Runs `node --import probe <args>` in a fresh process: wall time from spawn to exit; RSS and CPU
 * from the probe. `discardStdout`: the output goes where `> /dev/null` would send it.
 */
async function spawnMeasured(args: string[], options: { env?: Record<string, string>; discardStdout?: boolean } = {}): Promise<Spawned> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'procall-bench-probe-'));
  const probeFile = path.join(out, 'probe.json');
  const devNull = options.discardStdout ? openSync(os.devNull, 'w') : undefined;
  try {
    const started = performance.now();
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', PROBE, ...args], {
        cwd: ROOT,
        env: { ...process.env, ...options.env, BENCH_PROBE_FILE: probeFile, NO_COLOR: '1' },
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
    if (code !== 0) run.error = `exit ${code}: ${(stderr.trim() || stdout.trim()).split('\n').slice(-3).join(' | ')}`;
    return { code, stdout, run };
  } finally {
    if (devNull !== undefined) closeSync(devNull);
    await rm(out, { recursive: true, force: true });
  }
}

/** The JSON line a stage printed last (its summary), if any. */
function lastJsonLine(stdout: string): Record<string, unknown> | undefined {
  const line = stdout.trim().split('\n').pop() ?? '';
  return line.startsWith('{') ? (JSON.parse(line) as Record<string, unknown>) : undefined;
}

/** Runs one stage without a server in a fresh process. */
async function runStage(stage: Exclude<Stage, DbStage>, data: Dataset): Promise<Run> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'procall-bench-'));
  try {
    // The CLI's stdout (the plan text) goes where `> /dev/null` would send it.
    const { code, stdout, run } = await spawnMeasured(stageArgs(stage, data, out), { discardStdout: isCli(stage) });
    const info = lastJsonLine(stdout);
    if (info) run.info = info;
    if (stage === 'plan-json' && code === 0) run.info = { planJsonMB: Math.round((await stat(path.join(out, 'plan.json'))).size / 1048576) };
    return run;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

type MigrateOutcome = 'applied' | 'nothing-to-apply' | 'dry-run' | 'refused' | 'not-applied';

/** `migrate --json`'s one object (src/cli/commands/migrate.ts). */
interface MigrateJson {
  result: MigrateOutcome;
  runId?: string;
  changes?: { create: number; update: number; delete: number; kept: number };
  timings?: {
    steps?: Array<{ step: string; ms: number }>;
    apply?: { setupMs: number; rowsMs: number; ledgerMs: number; commitMs: number; totalMs: number };
  };
}

/**
 * Reads `migrate --json`'s stdout: the whole output is one object (pretty-printed or not). The
 * outcome is `result` (the contract); `status` is read as well, the name the option's help uses.
 */
function parseMigrateJson(stdout: string): MigrateJson | undefined {
  const text = stdout.trim();
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  try {
    const parsed = JSON.parse(text.slice(start)) as Partial<MigrateJson> & { status?: MigrateOutcome };
    const result = parsed.result ?? parsed.status;
    return typeof result === 'string' ? { ...parsed, result } : undefined;
  } catch {
    return undefined;
  }
}

/** A migrate run whose database is kept for its undo (dropped by the caller). */
interface Migrated {
  database: string;
  projectFile: string;
  env: Record<string, string>;
  runId?: string;
}

/** Drops a run's database; a failure is said, and the run's figures stand. */
async function dropAfterRun(server: BenchServer, database: string): Promise<void> {
  try {
    await dropDatabase(server, database);
  } catch (error) {
    process.stderr.write(`could not drop ${database}: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

/** db-floor: a fresh database, the bare bulk load in its own process (stages/db-floor.mjs), dropped. */
async function runDbFloor(server: BenchServer, data: Dataset): Promise<Run> {
  const database = await createDatabase(server, data.users, 'floor');
  try {
    const { stdout, run } = await spawnMeasured([path.join(HERE, 'stages', 'db-floor.mjs'), data.projectFile, database], { env: { BENCH_DIST: distDir } });
    const info = lastJsonLine(stdout);
    if (info) run.info = info;
    return run;
  } finally {
    await dropAfterRun(server, database);
  }
}

/** db-migrate: the real CLI into a fresh database; the database is left for db-undo. */
async function runDbMigrate(server: BenchServer, data: Dataset): Promise<{ run: Run; migrated: Migrated }> {
  const database = await createDatabase(server, data.users, 'migrate');
  const { file, env } = projectWithTarget(server, data.projectFile, database);
  const migrated: Migrated = { database, projectFile: file, env };
  const { code, stdout, run } = await spawnMeasured([cli(), 'migrate', '-p', file, '--yes', '--json'], { env }).catch(async (error: unknown) => {
    await dropAfterRun(server, database);
    throw error;
  });
  const json = parseMigrateJson(stdout);
  if (!json) {
    run.ok = false;
    run.error ??= `no JSON on stdout (does the build have \`migrate --json\`?): ${stdout.trim().slice(0, 200)}`;
    return { run, migrated };
  }
  if (json.runId !== undefined) migrated.runId = json.runId;
  const apply = json.timings?.apply;
  run.info = {
    result: json.result,
    ...(json.runId === undefined ? {} : { runId: json.runId }),
    ...json.changes,
    ...(apply === undefined
      ? {}
      : { applyMs: apply.totalMs, setupMs: apply.setupMs, rowsMs: apply.rowsMs, ledgerMs: apply.ledgerMs, commitMs: apply.commitMs }),
    ...Object.fromEntries((json.timings?.steps ?? []).map((s) => [`step ${s.step}`, s.ms])),
  };
  if (code === 0 && (json.result !== 'applied' || apply === undefined)) {
    run.ok = false;
    run.error = `migrate --json: result ${json.result}${apply === undefined ? ', no timings.apply' : ''}`;
  }
  return { run, migrated };
}

/** db-undo: `undo <runId>` of the migrate run just made, against its database. */
async function runDbUndo(migrated: Migrated): Promise<Run> {
  if (migrated.runId === undefined) return { ok: false, wallMs: 0, error: 'the migrate run before it gave no runId' };
  const { run } = await spawnMeasured([cli(), 'undo', migrated.runId, '-p', migrated.projectFile, '--yes'], { env: migrated.env, discardStdout: true });
  run.info = { runId: migrated.runId };
  return run;
}

/**
 * One run of the selected db-* stages: db-floor on its own database; db-migrate, then db-undo of
 * that very run on the same database (a migrate is made unmeasured when only db-undo is wanted).
 * A server that refuses to create or drop a database fails that run, not the benchmark.
 */
async function runDbStages(server: BenchServer, data: Dataset, stages: readonly DbStage[]): Promise<Map<DbStage, Run>> {
  const runs = new Map<DbStage, Run>();
  const failed = (error: unknown): Run => ({ ok: false, wallMs: 0, error: `server: ${error instanceof Error ? error.message : String(error)}` });
  if (stages.includes('db-floor')) runs.set('db-floor', await runDbFloor(server, data).catch(failed));
  if (!stages.includes('db-migrate') && !stages.includes('db-undo')) return runs;
  const measured = stages.filter((s) => s !== 'db-floor');
  let migrated: Migrated | undefined;
  try {
    const m = await runDbMigrate(server, data);
    migrated = m.migrated;
    if (stages.includes('db-migrate')) runs.set('db-migrate', m.run);
    if (stages.includes('db-undo')) runs.set('db-undo', m.run.ok ? await runDbUndo(m.migrated) : { ok: false, wallMs: 0, error: `its migrate failed: ${m.run.error ?? ''}` });
  } catch (error) {
    for (const s of measured) if (!runs.has(s)) runs.set(s, failed(error));
  }
  if (migrated) await dropAfterRun(server, migrated.database);
  return runs;
}

/** The last run's info with every number the median over the runs that have it (times vary; counts do not). */
function medianInfo(runs: readonly Run[]): Record<string, unknown> {
  const last = runs[runs.length - 1]?.info ?? {};
  return Object.fromEntries(Object.entries(last).map(([k, v]) => {
    if (typeof v !== 'number') return [k, v];
    return [k, median(runs.map((r) => r.info?.[k]).filter((x): x is number => typeof x === 'number'))];
  }));
}

function summarize(stage: Stage, users: number, runs: Run[]): Measured {
  const ok = runs.filter((r) => r.ok);
  if (ok.length === 0) return { stage, users, ok: false, error: runs.find((r) => r.error)?.error ?? 'not run', runs: runs.length };
  return {
    stage, users, ok: true, runs: ok.length,
    wallMs: median(ok.map((r) => r.wallMs)),
    minMs: Math.min(...ok.map((r) => r.wallMs)),
    maxMs: Math.max(...ok.map((r) => r.wallMs)),
    cpuMs: median(ok.map((r) => r.cpuMs ?? 0)),
    peakRssMB: Math.max(...ok.map((r) => r.peakRssMB ?? 0)),
    info: medianInfo(ok),
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
    if (m.skipped !== undefined) {
      lines.push([String(m.users), m.stage, 'skipped', '', '', '', '', '', '', m.skipped]);
      continue;
    }
    if (!m.ok) {
      lines.push([String(m.users), m.stage, 'failed', '', '', '', '', '', '', m.error ?? '']);
      continue;
    }
    // A server stage's own comparison is with db-floor (below the table), not with the XML floor.
    const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || !b || m.stage.startsWith('db-') ? undefined : a / b);
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
      dist: { type: 'string' },
    },
  });
  const runs = Math.max(1, Number(values.reps ?? values.runs));
  const sizes = values.users.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--users takes whole numbers, e.g. 50000,100000');
  const stages = values.stages.split(',').map((s) => s.trim()) as Stage[];
  for (const s of stages) if (!STAGES.includes(s)) throw new Error(`unknown stage ${s} (known: ${STAGES.join(', ')})`);
  // The known order: db-undo undoes the db-migrate run before it.
  stages.sort((a, b) => STAGES.indexOf(a) - STAGES.indexOf(b));
  const dbStages = stages.filter(isDbStage);
  const server = dbStages.length > 0 ? benchServer(process.env) : undefined;
  if (values.dist !== undefined) distDir = path.resolve(values.dist);
  if (!(await exists(cli()))) throw new Error(`${path.relative(ROOT, cli())} is missing: run \`npm run build\` first (the benchmark measures the built CLI)`);
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
    const report = (stage: Stage, i: number, r: Run): void => {
      byStage.get(stage)!.push(r);
      process.stdout.write(`  ${users} ${stage} #${i + 1}: ${r.ok ? `${r.wallMs} ms, CPU ${r.cpuMs} ms, ${r.peakRssMB} MB` : r.error}\n`);
    };
    for (let i = 0; i < runs; i++) {
      for (const stage of stages) if (!isDbStage(stage)) report(stage, i, await runStage(stage, data));
      if (server !== undefined && !('skipped' in server)) {
        for (const [stage, r] of await runDbStages(server, data, dbStages)) report(stage, i, r);
      }
    }
    for (const stage of stages) {
      if (isDbStage(stage) && server !== undefined && 'skipped' in server) results.push({ stage, users, ok: false, runs: 0, skipped: server.skipped });
      else results.push(summarize(stage, users, byStage.get(stage)!));
    }
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
  for (const users of sizes) {
    const line = realServerLine(results, users);
    if (line) process.stdout.write(`\n\nreal server, ${users} users: ${line}`);
  }
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
  // A stage that failed (not one skipped for want of a server) leaves its figures unmeasured.
  if (verdicts.some((v) => !v.pass) || results.some((m) => !m.ok && m.skipped === undefined)) process.exitCode = 1;
}

/**
 * The apply against the bare bulk load of the same size (issue 21), the ledger's share apart:
 * medians of `migrate --json`'s timings.apply and of db-floor's load + commit.
 */
function realServerLine(results: readonly Measured[], users: number): string | undefined {
  const t = applyTimes(results, users);
  if (!t) return undefined;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const share = t.applyMs > 0 ? Math.round((100 * t.ledgerMs) / t.applyMs) : 0;
  const parts = [
    `apply ${s(t.applyMs)} (setup ${s(t.setupMs)}, rows ${s(t.rowsMs)}, ledger ${s(t.ledgerMs)} = ${share} %, commit ${s(t.commitMs)}); without the ledger ${s(t.applyMs - t.ledgerMs)}`,
  ];
  if (t.floorMs !== undefined) {
    const x = (ms: number) => `${(ms / t.floorMs!).toFixed(2)}×`;
    parts.push(
      `bare bulk load ${s(t.floorMs)} for ${t.floorRows ?? '?'} rows: the rows written (rows + commit) are ${x(t.rowsMs + t.commitMs)} it, ` +
        `with the ledger ${x(t.rowsMs + t.ledgerMs + t.commitMs)}, the whole apply (set-up too) ${x(t.applyMs)}`,
    );
  }
  return parts.join('; ');
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
