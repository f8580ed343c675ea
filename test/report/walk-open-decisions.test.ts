/**
 * Walk 7: the draft's open-decisions table says what each decision is about. An `overrides[n]`
 * TODO names the field, the entity and its key; a `locations.X` TODO shows every source's
 * definition; a server's `lineGroups` TODO names the line group and the other candidate server.
 * Built from the project and the exports, never from a finding's message.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { buildReportData, renderReportMarkdown } from '../../src/report/index.js';
import { sampleInput } from './helpers.js';

const input = await sampleInput('alpen-handel');
const [berlin, munich] = input.project.servers;
const munichSource = munich!.replaces[0]!;
const munichGroup = input.exports.find((e) => e.source === munichSource)!.lineGroups[0]!.name;
const withLocation = input.exports.filter((e) => e.locations.length > 0);
const location = withLocation[0]!.locations[0]!;
const user = input.exports[0]!.users[0]!.userName;

const project = {
  ...input.project,
  overrides: [{ source: input.exports[0]!.source, entity: 'user', key: user, field: 'samAccountName', value: 'a.baecker' }],
  locations: { [location.name]: { from: withLocation[0]!.source } },
  // Berlin's server also lists Munich's line group: Munich's server could manage it as well.
  servers: input.project.servers.map((s) => (s === berlin ? { ...s, lineGroups: [...s.lineGroups, munichGroup] } : s)),
} as typeof input.project;
/** The message is deliberately useless: the table must not read it. */
const open = (path: string) => ({ code: 'PROJECT_OPEN_DECISION', severity: 'error', message: 'x', path }) as Diagnostic;
const data = buildReportData({ ...input, project, draft: true, openDecisions: [open('overrides[0]'), open(`locations.${location.name}`), open('servers[0].lineGroups')] });
const table = (lang: 'de' | 'en') => renderReportMarkdown(data, { lang }).split('\n').filter((l) => l.startsWith('| **'));

describe('walk 7: open decisions say what they are about', () => {
  it.each([
    ['de', `**AD-Kontoname des Benutzers ${user}**`, 'Vorschlag, noch zu bestätigen: `a.baecker`'],
    ['en', `**AD account name of user ${user}**`, 'proposed, still to confirm: `a.baecker`'],
  ] as const)('an override names field, entity and key, and the proposed value (%s)', (lang, what, proposed) => {
    const row = table(lang).find((l) => l.includes(what));
    expect(row).toBeDefined();
    expect(row).toContain(proposed);
    expect(row).toContain(input.exports[0]!.source);
    expect(table(lang).join('\n')).not.toMatch(/overrides\\?\[0\\?\]/);
  });

  it.each(['de', 'en'] as const)('a location shows each source’s definition (%s)', (lang) => {
    const row = table(lang).find((l) => l.includes(location.name))!;
    for (const e of withLocation.filter((x) => x.locations.some((l) => l.name === location.name))) {
      const l = e.locations.find((x) => x.name === location.name)!;
      expect(row).toContain(`${e.source}: \`+${l.countryCode} ${l.cityCode} ${l.localNumber}`);
      expect(row).toContain(`${l.extFrom}–${l.extTo}`);
    }
    expect(row).not.toContain('—');
  });

  it.each([
    ['de', `**Neuer Server für die Leitungsgruppe „${munichGroup}“ (eingetragen bei ${berlin!.name})**`, `„${munichGroup}“: ${berlin!.name} oder ${munich!.name}`],
    ['en', `**New server for the line group “${munichGroup}” (listed on ${berlin!.name})**`, `“${munichGroup}”: ${berlin!.name} or ${munich!.name}`],
  ] as const)('a line-group choice names the group and the other candidate server (%s)', (lang, what, candidates) => {
    const row = table(lang).find((l) => l.includes(what));
    expect(row).toBeDefined();
    expect(row).toContain(candidates);
    expect(row).not.toContain('lineGroups');
  });

  it('a secret-like override value is never shown', () => {
    const secret = { ...project, overrides: [{ source: input.exports[0]!.source, entity: 'user', key: user, field: 'password', value: 'Geheim#2026' }] } as typeof project;
    const md = renderReportMarkdown(buildReportData({ ...input, project: secret, draft: true, openDecisions: [open('overrides[0]')] }), { lang: 'de' });
    expect(md).not.toContain('Geheim#2026');
    expect(md).toContain(`Angabe „password“ des Benutzers ${user}`);
  });
});
