/**
 * One benchmark stage in its own process, so its peak memory is this process's maxRSS.
 * Run by bench/bench.ts:  node --import tsx bench/stage-runner.ts <stage> <project-file>
 * Prints one JSON line (StageResult). The stage APIs are loaded by dynamic import, so a stage
 * whose module or function does not exist yet reports `available: false` instead of failing.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import yauzl from 'yauzl';
import { XMLParser } from 'fast-xml-parser';
import { STAGES, type Stage, type StageResult } from './stage-types.js';

type Loose = Record<string, unknown>;
type AnyFn = (...args: never[]) => unknown;

class Unavailable extends Error {}

/** A named export of a module that may not exist yet. */
async function fn<T extends AnyFn>(load: () => Promise<Loose>, name: string, where: string): Promise<T> {
  let mod: Loose;
  try {
    mod = await load();
  } catch (err) {
    throw new Unavailable(`${where} cannot be loaded (${(err as Error).message.split('\n')[0]})`);
  }
  const f = mod[name];
  if (typeof f !== 'function') throw new Unavailable(`${where} does not export ${name}()`);
  return f as T;
}

/** Export paths of the generated set, from its expected-counts.json (written by bench/generate.ts). */
async function exportPaths(projectFile: string): Promise<string[]> {
  const dir = path.dirname(projectFile);
  const meta = JSON.parse(await readFile(path.join(dir, 'expected-counts.json'), 'utf8')) as { exports: Array<{ path: string }> };
  return meta.exports.map((e) => path.resolve(dir, e.path));
}

async function xmlTexts(p: string, each: (name: string, buf: Buffer) => void): Promise<void> {
  if ((await stat(p)).isDirectory()) {
    for (const e of await readdir(p, { recursive: true, withFileTypes: true })) {
      if (e.isFile() && e.name.toLowerCase().endsWith('.xml')) each(e.name, await readFile(path.join(e.parentPath, e.name)));
    }
    return;
  }
  // The whole ZIP in memory: yauzl.fromBuffer avoids one file read per entry (≈4× faster than open()).
  const bytes = await readFile(p);
  await new Promise<void>((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('cannot open'));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.toLowerCase().endsWith('.xml')) return zip.readEntry();
        zip.openReadStream(entry, (e2, s) => {
          if (e2 || !s) return reject(e2 ?? new Error('cannot read'));
          const chunks: Buffer[] = [];
          s.on('data', (c: Buffer) => chunks.push(c));
          s.on('error', reject);
          s.on('end', () => {
            each(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve());
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The floor: unzip and a bare parse of every XML file, results kept (as an importer keeps its model). */
async function floor(paths: string[]): Promise<Loose> {
  const kept: unknown[] = [];
  let bytes = 0;
  for (const p of paths) {
    await xmlTexts(p, (_name, buf) => {
      bytes += buf.length;
      kept.push(new XMLParser({ ignoreAttributes: false }).parse(buf.toString('utf8')));
    });
  }
  return { xmlFiles: kept.length, xmlMB: Math.round(bytes / 1048576) };
}

const countBy = (diags: Array<{ severity: string }>): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const d of diags) out[d.severity] = (out[d.severity] ?? 0) + 1;
  return out;
};

async function run(stage: Stage, projectFile: string): Promise<StageResult> {
  const paths = await exportPaths(projectFile);
  const steps: Record<string, number> = {};
  const time = async <T>(name: string, f: () => Promise<T> | T): Promise<T> => {
    const t = performance.now();
    const r = await f();
    steps[name] = Math.round(performance.now() - t);
    return r;
  };
  if (stage === 'floor') {
    const info = await time('floor', () => floor(paths));
    return { stage, available: true, ms: steps.floor, steps, info };
  }

  // Load everything the stage needs before the clock starts.
  type ImportFn = (paths: string[]) => Promise<{ exports: Array<{ users: unknown[] }>; diagnostics: Array<{ severity: string }> }>;
  const importExports = await fn<ImportFn>(() => import('../src/importers/index.js'), 'importExports', 'src/importers/index.ts');
  type MapFn = (input: Loose) => { model: Record<string, unknown[]>; diagnostics: Array<{ severity: string }> };
  let mapToDataCenter: MapFn | undefined;
  let project: Loose | undefined;
  let mapping: unknown[] = [];
  if (stage !== 'import') {
    mapToDataCenter = await fn<MapFn>(() => import('../src/mappers/index.js'), 'mapToDataCenter', 'src/mappers/index.ts');
    type LoadFn = (file: string, env: Record<string, string | undefined>) => Promise<{ project?: Loose; diagnostics: Array<{ severity: string; message: string }> }>;
    const loadProject = await fn<LoadFn>(() => import('../src/importers/project-file.js'), 'loadProject', 'src/importers/project-file.ts');
    const loaded = await loadProject(projectFile, {});
    if (!loaded.project) throw new Error(`project file refused: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
    project = loaded.project;
    const mappingPath = project.mappingPath;
    if (typeof mappingPath === 'string') {
      type MappingFn = (file: string) => Promise<{ entries: unknown[] }>;
      const load = await fn<MappingFn>(() => import('../src/importers/home-server-mapping.js'), 'loadHomeServerMapping', 'src/importers/home-server-mapping.ts');
      mapping = (await load(mappingPath)).entries;
    }
  }
  type PlanFn = (desired: unknown, actual: unknown, opts: Loose) => { changes: unknown[]; summary: unknown };
  let planChanges: PlanFn | undefined;
  let emptyModel: (() => unknown) | undefined;
  let countStatements: ((plan: { changes: unknown[] }) => Loose) | undefined;
  if (stage === 'plan') {
    planChanges = await fn<PlanFn>(() => import('../src/writers/plan/index.js'), 'planChanges', 'src/writers/plan/index.ts');
    emptyModel = await fn<() => unknown>(() => import('../src/model/datacenter.js'), 'emptyModel', 'src/model/datacenter.ts');
    try {
      countStatements = await fn<(plan: { changes: unknown[] }) => Loose>(() => import('../src/writers/mssql/statements.js'), 'countStatements', 'src/writers/mssql/statements.ts');
    } catch (err) {
      if (!(err instanceof Unavailable)) throw err;
    }
  }

  const info: Loose = {};
  const t0 = performance.now();
  const imported = await time('import', () => importExports(paths));
  info.exports = imported.exports.length;
  info.users = imported.exports.reduce((n, e) => n + e.users.length, 0);
  info.importDiagnostics = countBy(imported.diagnostics);
  const map = mapToDataCenter;
  const proj = project;
  if (map && proj) {
    const mapped = await time('map', () => map({ project: proj, exports: imported.exports, mapping, strict: false }));
    info.mapDiagnostics = countBy(mapped.diagnostics);
    info.modelRows = Object.values(mapped.model).reduce((n, rows) => n + (Array.isArray(rows) ? rows.length : 0), 0);
    const plan$ = planChanges;
    const empty = emptyModel;
    if (plan$ && empty) {
      const plan = await time('plan', () => plan$(mapped.model, empty(), {
        sources: imported.exports.map((e) => (e as unknown as { source: string }).source),
        prune: false,
        meta: {
          toolVersion: 'bench',
          project: { path: projectFile, sha256: '' },
          sources: [],
          targetFingerprint: 'empty',
          diagnostics: [],
        },
      }));
      info.changes = plan.changes.length;
      if (countStatements) info.apply = countStatements(plan);
    }
  }
  const ms = Math.round(performance.now() - t0);
  return { stage, available: true, ms, steps, info };
}

async function main(): Promise<void> {
  const [stage, projectFile] = process.argv.slice(2) as [Stage, string];
  if (!STAGES.includes(stage) || !projectFile) throw new Error(`usage: stage-runner.ts <${STAGES.join('|')}> <project-file>`);
  let result: StageResult;
  try {
    result = await run(stage, path.resolve(projectFile));
  } catch (err) {
    if (!(err instanceof Unavailable)) throw err;
    result = { stage, available: false, reason: err.message };
  }
  result.peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
