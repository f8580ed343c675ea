/**
 * The map of src/ (docs/architecture.md) as a test: folders only import folders below them,
 * no import cycle, and code outside a folder enters it through its index.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

/** Bottom to top: a folder may import its own layer and those listed before it. */
export const LAYERS = ['model', 'io', 'project', 'importers', 'mappers', 'plan', 'writers', 'pipeline', 'preflight', 'report', 'rollout', 'cli'] as const;

interface Edge { from: string; to: string; line: number }

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Every relative import and re-export, type-only ones included: a cycle of types is still a cycle. */
export function importEdges(files: readonly string[]): Edge[] {
  const edges: Edge[] = [];
  const re = /(?:^|\n)[ \t]*(?:import|export)\b[^;]*?\bfrom\s+'(\.[^']+)'|\bimport\(\s*'(\.[^']+)'\s*\)/g;
  for (const from of files) {
    const text = readFileSync(from, 'utf8');
    for (const m of text.matchAll(re)) {
      const spec = (m[1] ?? m[2])!;
      const to = path.resolve(path.dirname(from), spec).replace(/\.js$/, '.ts');
      const line = text.slice(0, m.index + m[0].length).split('\n').length;
      edges.push({ from, to, line });
    }
  }
  return edges;
}

/** The layer of a file: its first folder under src/, or the file's own name at the top (pipeline). */
export function layerOf(file: string): string {
  return path.relative(SRC, file).split(path.sep)[0]!.replace(/\.ts$/, '');
}

export function upwardImports(edges: readonly Edge[]): string[] {
  const rank = (f: string): number => LAYERS.indexOf(layerOf(f) as (typeof LAYERS)[number]);
  return edges
    .filter((e) => rank(e.to) > rank(e.from))
    .map((e) => `${path.relative(SRC, e.from)}:${e.line} imports ${path.relative(SRC, e.to)} (${layerOf(e.from)} is below ${layerOf(e.to)})`);
}

/** Outside a folder, only its index.ts is imported; inside (or from a folder that contains it), anything. */
export function pastIndexImports(edges: readonly Edge[]): string[] {
  return edges
    .filter((e) => {
      const target = path.dirname(e.to);
      if (target === SRC) return false;
      const fromDir = path.dirname(e.from);
      if (fromDir === target || fromDir.startsWith(target + path.sep)) return false;
      return path.basename(e.to) !== 'index.ts';
    })
    .map((e) => `${path.relative(SRC, e.from)}:${e.line} imports ${path.relative(SRC, e.to)} past ${path.relative(SRC, path.dirname(e.to))}/index.ts`);
}

/** Strongly connected components with more than one file (Tarjan). */
export function importCycles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(path.relative(SRC, w));
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

const files = sourceFiles(SRC);
const edges = importEdges(files);

describe('architecture of src/', () => {
  it('every top-level folder has a place in the layer list', () => {
    const unknown = [...new Set(files.map(layerOf))].filter((l) => !(LAYERS as readonly string[]).includes(l));
    expect(unknown, 'add the new folder to LAYERS and docs/architecture.md').toEqual([]);
  });

  it('no folder imports a folder above it', () => {
    expect(upwardImports(edges)).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(importCycles(edges).map((c) => c.join(' ↔ '))).toEqual([]);
  });

  it('code outside a folder imports it through its index.ts', () => {
    expect(pastIndexImports(edges)).toEqual([]);
  });

  it('the checks see what they judge: an upward import, a cycle and a reach past an index are found', () => {
    const f = (p: string): string => path.join(SRC, p);
    const made: Edge[] = [
      { from: f('model/a.ts'), to: f('cli/b.ts'), line: 1 },
      { from: f('plan/x.ts'), to: f('plan/y.ts'), line: 1 },
      { from: f('plan/y.ts'), to: f('plan/x.ts'), line: 2 },
      { from: f('cli/c.ts'), to: f('plan/render/text.ts'), line: 3 },
    ];
    expect(upwardImports(made)).toHaveLength(1);
    expect(importCycles(made)).toEqual([['plan/x.ts', 'plan/y.ts']]);
    expect(pastIndexImports(made)).toContain('cli/c.ts:3 imports plan/render/text.ts past plan/render/index.ts');
  });
});
