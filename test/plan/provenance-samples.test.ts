/**
 * Provenance over every sample (ledger.md §1): each change from an export points at a position,
 * and every such position is checked against the export file itself (ZIP or folder, UTF-8 or
 * UTF-16 with CRLF): the element named there is really at that line and column and holds the key.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline.js';
import { PROJECT_ORIGIN, type TableName } from '../../src/model/datacenter.js';
import type { Plan, Provenance, RowChange } from '../../src/model/plan.js';
import { SAMPLES, samplePath, type SampleName } from '../samples/expected.js';
import { readExportFiles } from '../samples/read-export.js';

type Located = Extract<Provenance, { line: number }>;
const isLocated = (p: Provenance): p is Located => !('rule' in p);

/** Text as the importer reads it: BOM decides UTF-16 LE or UTF-8. */
function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  const text = bytes.toString('utf8');
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** The text from `line:column` (1-based, UTF-16 code units) to the end of that element's start tag. */
function tagAt(text: string, line: number, column: number): string {
  const lines = text.split(/\r\n|\n|\r/);
  let offset = 0;
  const eol = text.match(/\r\n|\n|\r/)?.[0].length ?? 1;
  for (let i = 0; i < line - 1; i++) offset += (lines[i]?.length ?? 0) + eol;
  const start = offset + column - 1;
  const end = text.indexOf('>', start);
  return text.slice(start, end < 0 ? undefined : end + 1);
}

/** The element a row of each table is made from (a group-level setting may come from a `<Group>`). */
const ELEMENT: Record<TableName, RegExp> = {
  Environment: /^$/,
  Server: /^$/,
  Setting: /^<(Setting|Group)\b/,
  License: /^<License\b/,
  Location: /^<location\b/i,
  LocationRule: /^<Element\b/,
  LineGroup: /^<LineGroup\b/,
  Line: /^<Line\b/,
  UserAccount: /^<User\b/,
  UserMonitorLine: /^<MonitorLine\b/,
  UserGroup: /^<Group\b/,
  UserGroupMember: /^<Member\b/,
  Computer: /^<Computer\b/,
  ClientContent: /^<ClientContent\b/,
} as Record<TableName, RegExp>;

/** The key value the element's start tag must hold (as written in XML), where it is plain text. */
function keyText(change: RowChange): string | undefined {
  const k = change.key;
  switch (change.table) {
    case 'UserAccount':
    case 'UserGroupMember':
      return String(k['UserName']);
    case 'Computer':
    case 'LineGroup':
    case 'Location':
      return String(k['Name']);
    case 'UserGroup':
      return String(k['Name']);
    case 'Line':
      return String(k['Uri']);
    default:
      return undefined;
  }
}

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

const names = Object.keys(SAMPLES) as SampleName[];

describe.each(names)('provenance of the %s plan', (name) => {
  let plan: Plan;
  let files: Map<string, Map<string, string>>;

  beforeAll(async () => {
    const result = await runPipeline({ projectFile: samplePath(SAMPLES[name].project), env: {}, toolVersion: '0.0.0-test' });
    expect(result.plan, JSON.stringify(result.diagnostics.filter((d) => d.severity === 'error'))).toBeDefined();
    plan = result.plan!;
    files = new Map();
    for (const e of Object.values(SAMPLES[name].exports)) {
      const raw = await readExportFiles(samplePath(e.path));
      files.set(e.server.toLowerCase(), new Map([...raw].map(([p, b]) => [p.toLowerCase(), decode(b)])));
    }
  });

  it('every create from an export carries a position in that export; every other create its project line or rule', () => {
    const creates = plan.changes.filter((c) => c.action === 'create');
    expect(creates.length).toBeGreaterThan(50);
    for (const c of creates) {
      const origin = String(c.after?.['Origin'] ?? '');
      const where = `${c.table} ${JSON.stringify(c.key)}`;
      expect(c.provenance?.length, where).toBeGreaterThan(0);
      if (origin.toLowerCase() === PROJECT_ORIGIN) {
        expect(c.provenance!.every((p) => p.source === 'project' || p.source === 'rule'), where).toBe(true);
      } else {
        expect(c.provenance!.some((p) => isLocated(p) && p.source.toLowerCase() === origin.toLowerCase()), where).toBe(true);
      }
    }
  });

  it('every export position names the element the row came from, at that line and column, holding its key', () => {
    let checked = 0;
    for (const c of plan.changes) {
      for (const p of c.provenance ?? []) {
        if (!isLocated(p) || p.source === 'project') continue;
        const text = files.get(p.source.toLowerCase())?.get(p.file.toLowerCase());
        expect(text, `${p.source} ${p.file}`).toBeDefined();
        const tag = tagAt(text!, p.line, p.column);
        const where = `${c.table} ${JSON.stringify(c.key)} at ${p.source} ${p.file}:${p.line}:${p.column}: ${tag.slice(0, 60)}`;
        expect(tag, where).toMatch(ELEMENT[c.table]);
        const key = keyText(c);
        if (key !== undefined && !tag.startsWith('<Setting')) expect(tag, where).toContain(`"${xmlEscape(key)}"`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('a value the project decides points at its line in the project file', () => {
    const projectFile = samplePath(SAMPLES[name].project);
    const lines = readFileSync(projectFile, 'utf8').split(/\r?\n/);
    const servers = plan.changes.filter((c) => c.table === 'Server');
    expect(servers.length).toBeGreaterThan(0);
    for (const s of servers) {
      const p = s.provenance?.find((x) => x.source === 'project');
      expect(p, String(s.key['Name'])).toBeDefined();
      const at = p as Located;
      expect(at.file).toBe(path.basename(projectFile));
      // `- name: dc-…` (the list item starts at `name`)
      expect(lines[at.line - 1]?.slice(at.column - 1)).toMatch(new RegExp(`^name:\\s*["']?${String(s.key['Name']).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
  });

  it('a setting the project decides points at its key in the project file', () => {
    const projectFile = samplePath(SAMPLES[name].project);
    const lines = readFileSync(projectFile, 'utf8').split(/\r?\n/);
    const decided = plan.changes.filter((c) => c.table === 'Setting' && c.after?.['Origin'] === PROJECT_ORIGIN && c.provenance?.some((p) => p.source === 'project'));
    for (const c of decided) {
      const at = c.provenance!.find((p) => p.source === 'project') as Located;
      // usermanager.mode is written from the project's userStore.
      const key = String(c.key['Key']) === 'usermanager.mode' ? 'userStore' : String(c.key['Key']);
      // `chat.deleteAfterDays: 90`, or a quoted key
      expect(lines[at.line - 1]?.slice(at.column - 1), key).toMatch(new RegExp(`^["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:`));
    }
    if (name === 'alpen-handel') expect(decided.length).toBeGreaterThanOrEqual(2);
  });

  it('a home server placed by a rule names the rule', () => {
    const users = plan.changes.filter((c) => c.table === 'UserAccount');
    for (const u of users) {
      const rule = u.provenance?.find((p) => p.source === 'rule');
      expect(rule, JSON.stringify(u.key)).toMatchObject({ rule: expect.stringMatching(/^home server by (mapping|lines|request|source|balance)$/) });
      expect((rule as { detail?: string }).detail).toContain(String(u.after?.['HomeServer']));
    }
  });
});
