/** applyDecision and the decide paths: the edit an option describes, made on the project text as a consultant would paste it. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDiagnosticLine } from '../../src/cli/render-diagnostics.js';
import { diag } from '../../src/model/diagnostics.js';
import { applyDecision } from '../../src/project/apply-decision.js';
import { option } from '../../src/project/decide-option.js';
import { formatDecidePath, parseDecidePath } from '../../src/project/decide-path.js';
import { fixtureDir } from '../helpers/export-fixture.js';
import { runCli } from '../cli/helpers.js';

const fx = fixtureDir('pm-decide-apply-');
afterAll(() => fx.cleanup());

const project = `# the customer's project
name: Kunde
sources: [a]
servers:
  - name: dc-a
    fqdn: dc-a.corp.example   # TODO: the new server's real name
    lineGroups: [G1]
settings:
  global:
    mail.smtpPort: TODO   # e.g. 25
`;

describe('decide paths', () => {
  it.each(['servers[1].lineGroups', 'settings.global["mail.smtpPort"]', 'overrides[]', 'locations["Bad Tölz"].from', 'accept[]'])('%s reads back as written', (p) => {
    expect(formatDecidePath(parseDecidePath(p)!)).toBe(p);
  });
  it('refuses what is no path', () => {
    expect(parseDecidePath('a[]b')).toBeUndefined();
    expect(parseDecidePath('servers[x]')).toBeUndefined();
  });
});

describe('applyDecision', () => {
  it('confirming a "# TODO" value sets it and removes the TODO; other lines and comments stay', () => {
    const out = applyDecision(project, { path: 'servers[0].fqdn', value: 'dc-a.corp.example' });
    expect(out).toContain('fqdn: dc-a.corp.example\n');
    expect(out).not.toContain("TODO: the new server's real name");
    expect(out).toContain("# the customer's project");
    expect(out).toContain('mail.smtpPort: TODO # e.g. 25');
  });

  it('sets a key with dots, appends to an absent list (each item of a list value), and can mark the value TODO', () => {
    let out = applyDecision(project, option('25', 'settings.global["mail.smtpPort"]', 25));
    out = applyDecision(out, option('accept', 'accept[]', [{ code: 'X', reason: 'r' }, { code: 'Y', reason: 's' }]));
    out = applyDecision(out, option('Berlin', 'locations.Berlin', { from: 'ucs-a' }), { todo: 'MAP_LOCATION_CONFLICT: pick one' });
    const parsed = parse(out) as Record<string, any>;
    expect(parsed.settings.global['mail.smtpPort']).toBe(25);
    expect(parsed.accept).toEqual([{ code: 'X', reason: 'r' }, { code: 'Y', reason: 's' }]);
    expect(parsed.locations).toEqual({ Berlin: { from: 'ucs-a' } });
    expect(out).toMatch(/Berlin: \{ ?from: ucs-a ?\} # TODO: MAP_LOCATION_CONFLICT: pick one/);
  });

  it('any flat value, under any keys, reads back from its yaml as it is (the fast writer agrees with YAML)', () => {
    const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constantFrom('true', 'no', '025', 'a: b', '#x', 'München', '- x', '~', 'null', ' lead'));
    const value = fc.oneof(scalar, fc.array(scalar, { minLength: 1, maxLength: 4 }), fc.dictionary(fc.string({ minLength: 1 }).filter((k) => k !== '__proto__'), scalar, { minKeys: 1, maxKeys: 4 }));
    const key = fc.oneof(fc.constantFrom('settings', 'global', 'mail.smtpPort', 'Bad Tölz', 'true', '0'), fc.string({ minLength: 1 }).filter((k) => k !== '__proto__'));
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 3 }), value, fc.boolean(), (keys, v, append) => {
        const o = option('x', append ? [...keys, { append: true }] : keys, v);
        let expected: unknown = append ? (Array.isArray(v) ? v : [v]) : v;
        for (let i = keys.length - 1; i >= 0; i--) expected = { [keys[i]!]: expected };
        expect(parse(o.yaml)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('null removes the key or list item at the path, and nothing else; its yaml says so', () => {
    const o = option('leave it to the sources', 'settings.global["mail.smtpPort"]', null);
    expect(o.yaml).toBe('# remove settings.global["mail.smtpPort"]');
    const text = applyDecision(project, o);
    expect(parse(text)).toMatchObject({ settings: { global: {} } });
    expect(text).toContain('# TODO: the new server');
    const item = applyDecision(project, option('remove it', 'servers[0].lineGroups[0]', null));
    expect((parse(item) as { servers: { lineGroups: string[] }[] }).servers[0]!.lineGroups).toEqual([]);
  });

  it("an option's yaml holds what its path and value say", () => {
    expect(option('x', 'servers[1].lineGroups', ['G1', 'G2']).yaml).toBe('# in servers[1]:\nlineGroups:\n  - G1\n  - G2');
    expect(parse(option('x', 'settings.global["mail.smtpPort"]', 25).yaml)).toEqual({ settings: { global: { 'mail.smtpPort': 25 } } });
  });
});

describe('decide in the output', () => {
  it('text shows decide lines under the finding, at most three, values cut', () => {
    const d = diag('MAP_LOCATION_CONFLICT', 'error', 'location "Berlin" differs', {
      decide: [1, 2, 3, 4].map((n) => option(`option ${n}`, 'locations.Berlin', { from: `s${n}`, long: 'x'.repeat(200) })),
    });
    const lines = renderDiagnosticLine(d).split('\n');
    expect(lines[1]).toMatch(/^ {4}decide: option 1: locations\.Berlin = \{"from":"s1","long":"x+…$/);
    expect(lines.filter((l) => l.includes('decide:'))).toHaveLength(4);
    expect(lines[4]).toContain('and 1 more option(s) (--json lists every one)');
  });

  it('report --draft renders (exit 0) even for a project file that is no YAML at all', async () => {
    const dir = fx.next('garbage');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'procall-migrate.yaml');
    writeFileSync(file, 'name: [unclosed\n  servers: {{{\n');
    const r = await runCli(['report', '-p', file, '--draft', '--out', path.join(dir, 'draft.html')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('PROJECT_SYNTAX');
  });
});
