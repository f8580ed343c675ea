/**
 * The decide rules for mistakes a consultant writes (issue 18): each case is a one-line slip in
 * a plannable project; the finding's first option, applied mechanically, clears it and leaves
 * no error behind — and what it wrote is what the consultant meant (the renamed key keeps its
 * value, nothing else of the file changes).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareDesired } from '../../src/pipeline.js';
import { applyDecision } from '../../src/project/apply-decision.js';
import { baselineExport, fixtureDir, writeExportFolder } from '../helpers/export-fixture.js';

const fx = fixtureDir('pm-decide-rules-');
afterAll(() => fx.cleanup());

const BASE = [
  'name: rules',
  'sources: [ber]',
  'userStore: mssql',
  'servers:',
  '  - { name: dc-ber, fqdn: dc-ber.corp.example, replaces: [ucs-ber-01.corp.example] }',
];

interface Case {
  name: string;
  lines: string[];
  code: string;
  mapping?: string;
  /** What the project text holds once the first option is applied. */
  after: (text: string) => void;
}

const cases: Case[] = [
  { name: 'a misspelt nested key is renamed, its value kept', lines: ['homeServers: { balanse: true }'], code: 'PROJECT_UNKNOWN_KEY', after: (t) => expect(t).toContain('homeServers: {balance: true}') },
  { name: 'an unknown top-level key is removed', lines: ['overide: []'], code: 'PROJECT_UNKNOWN_KEY', after: (t) => expect(t).not.toContain('overide') },
  {
    name: 'a misspelt setting key is renamed to the known one',
    lines: ['settings:', '  global:', '    chat.deleteAfterDys: 90'],
    code: 'MAP_PROJECT_SETTING_UNKNOWN',
    after: (t) => expect(t).toMatch(/chat\.deleteAfterDays: 90/),
  },
  {
    name: 'a setting still TODO that nothing proposes is left to the sources',
    lines: ['settings:', '  global:', '    mail.smtpPort: TODO', '    chat.deleteAfterDays: 90'],
    code: 'PROJECT_OPEN_DECISION',
    after: (t) => {
      expect(t).not.toContain('mail.smtpPort');
      expect(t).toContain('chat.deleteAfterDays: 90');
    },
  },
  {
    name: 'a mediaserver’s maxUsers is removed',
    lines: ['  - { name: dc-media, fqdn: dc-media.corp.example, role: mediaserver, maxUsers: 10 }'],
    code: 'PROJECT_MEDIASERVER_FIELD',
    after: (t) => expect(t).toContain('{name: dc-media, fqdn: dc-media.corp.example, role: mediaserver}'),
  },
  {
    name: 'a mapping row the run cannot read: the project does without the mapping',
    lines: ['homeServers: { mapping: mapping.csv, balance: true }'],
    mapping: 'userName,server\nanna.schmidt,dc-ber,extra\n',
    code: 'MAPPING_ROW_INVALID',
    after: (t) => expect(t).toContain('homeServers: {balance: true}'),
  },
];

describe('the first option of a consultant’s slip clears it', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const dir = fx.next('case');
    writeExportFolder(path.join(dir, 'ber'), baselineExport('ucs-ber-01.corp.example'));
    if (c.mapping !== undefined) writeFileSync(path.join(dir, 'mapping.csv'), c.mapping);
    const file = path.join(dir, 'procall-migrate.yaml');
    writeFileSync(file, [...BASE, ...c.lines, ''].join('\n'));
    const opts = { projectFile: file, env: {}, toolVersion: 'test' };
    const before = await prepareDesired(opts);
    const found = before.diagnostics.filter((d) => d.code === c.code);
    expect(found.length, before.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n')).toBe(1);
    // The first option, until the finding is gone (a setting key is renamed in two edits: written, then the old one removed).
    let after = before;
    let text = readFileSync(file, 'utf8');
    for (let round = 0; round < 2 && after.diagnostics.some((d) => d.code === c.code); round++) {
      const d = after.diagnostics.find((x) => x.code === c.code)!;
      expect(d.decide?.[0], d.message).toBeDefined();
      text = applyDecision(text, d.decide![0]!);
      writeFileSync(file, text);
      after = await prepareDesired(opts);
    }
    c.after(text);
    // Every other line of the base stays as it was.
    for (const line of BASE) expect(text).toContain(line.replace(/\{ /g, '{').replace(/ \}/g, '}').replace(/^  - \{name/, '  - {name'));
    expect(after.diagnostics.filter((d) => d.code === c.code)).toEqual([]);
    expect(after.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
