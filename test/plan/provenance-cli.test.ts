/**
 * `plan --explain` as a consultant runs it, for every sample (ledger.md §1): in text and in
 * Markdown, every change that comes from an export shows that export's position; without
 * `--explain` the output does not mention provenance at all.
 */
import { describe, expect, it } from 'vitest';
import { SAMPLES, type SampleName } from '../samples/expected.js';
import { runCli } from '../cli/helpers.js';

const names = Object.keys(SAMPLES) as SampleName[];
const POSITION = /^(\S+) (\S+):(\d+):(\d+)$/;

interface Block {
  head: string;
  origin: string | undefined;
  from: string[];
}

/** The text plan's change blocks: head line, the Origin of a created row, the `from` lines. */
function textBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const line of text.split('\n')) {
    if (/^ {2}[+~-] /.test(line)) blocks.push({ head: line, origin: undefined, from: [] });
    const block = blocks.at(-1);
    if (block === undefined) continue;
    const from = /^ {6}from (.*)$/.exec(line);
    if (from) block.from.push(from[1]!);
    else if (/^ {6}/.test(line)) block.origin ??= /Origin="([^"]*)"/.exec(line)?.[1];
  }
  return blocks;
}

describe.each(names)('plan --explain for %s', (name) => {
  const project = SAMPLES[name].project;
  const servers = Object.values(SAMPLES[name].exports).map((e) => e.server.toLowerCase());

  it('text: every change from an export names a position in that export', async () => {
    const r = await runCli(['plan', '-p', project, '--explain', '--limit', 'all']);
    expect([0, 2]).toContain(r.code);
    const blocks = textBlocks(r.stdout).filter((b) => b.head.startsWith('  +'));
    expect(blocks.length).toBeGreaterThan(50);
    const fromExports = blocks.filter((b) => b.origin !== undefined && b.origin !== 'project');
    expect(fromExports.length).toBeGreaterThan(40);
    for (const b of fromExports) {
      const positions = b.from.map((f) => POSITION.exec(f)).filter((m) => m !== null && m[1] !== 'project');
      expect(positions.length, b.head).toBeGreaterThan(0);
      expect(positions.some((m) => m![1]!.toLowerCase() === b.origin!.toLowerCase()), b.head).toBe(true);
      for (const m of positions) expect(servers, b.head).toContain(m![1]!.toLowerCase());
    }
    // Rows the project made say where in the project file, or which rule.
    for (const b of blocks.filter((x) => x.origin === 'project')) {
      expect(b.from.length, b.head).toBeGreaterThan(0);
      for (const f of b.from) expect(f, b.head).toMatch(/^(project \S+:\d+:\d+|rule .+)$/);
    }
  });

  it('markdown: a From column with the export position of every row from an export', async () => {
    const r = await runCli(['plan', '-p', project, '--explain', '--format', 'markdown']);
    const rows = r.stdout.split('\n').filter((l) => /^\| add \|/.test(l));
    expect(rows.length).toBeGreaterThan(50);
    for (const row of rows) {
      const cells = row.split(/(?<!\\)\|/).map((c) => c.trim());
      const origin = /Origin="([^"]*)"/.exec(cells[4] ?? '')?.[1];
      const from = (cells[5] ?? '').split('<br>');
      expect(from.length, row).toBeGreaterThan(0);
      if (origin !== undefined && origin !== 'project') {
        expect(from.some((f) => POSITION.test(f) && f.toLowerCase().startsWith(`${origin.toLowerCase()} `)), row).toBe(true);
      }
    }
  });

  it('without --explain nothing of it shows', async () => {
    const r = await runCli(['plan', '-p', project, '--limit', 'all']);
    expect(r.stdout).not.toMatch(/^ {6}from /m);
    const md = await runCli(['plan', '-p', project, '--format', 'markdown']);
    expect(md.stdout).toContain('| Action | Key | Server | Details |\n');
  });
});
