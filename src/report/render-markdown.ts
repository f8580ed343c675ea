/** The report as Markdown (for tickets and wikis): the same sections as the HTML, tables instead of the chart. */
import { ruleLabel, rulesIn } from './chart-svg.js';
import { escapeMdCell as c, escapeMdText as t } from './escape.js';
import type { ReportData } from './report-data.js';

type Cell = string | number | null;

function table(headers: readonly string[], rows: readonly (readonly Cell[])[]): string[] {
  if (rows.length === 0) return ['None.', ''];
  const cell = (v: Cell) => (v === null ? '—' : c(v));
  return [`| ${headers.map(c).join(' | ')} |`, `|${headers.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`), ''];
}

export function renderReportMarkdown(d: ReportData): string {
  const out: string[] = [
    `# ProCall DataCenter migration — ${t(d.customer)}`,
    '',
    `Generated ${t(d.generatedAt)} by procall-migrate ${t(d.toolVersion)}: ${d.sources.length} sources, ${d.servers.length} DataCenter servers, ${d.totals.users} users (${d.totals.enabledUsers} enabled), ${d.totals.groups} groups, ${d.totals.lines} lines, ${d.totals.errors} errors, ${d.totals.warnings} warnings.`,
    '',
    '## 1. Sources',
    '',
    ...table(
      ['Source server', 'Export', 'Version', 'Exported', 'User management', 'Users', 'Enabled', 'Groups', 'Computers', 'Lines'],
      d.sources.map((s) => [s.server, s.input, s.version, s.exportedAt, s.userManagement, s.users, s.enabledUsers, s.groups, s.computers, s.lines]),
    ),
    '## 2. Target servers',
    '',
    `User database: **${t(d.userStore)}**.`,
    '',
    ...table(
      ['Server', 'FQDN', 'Role', 'Site', 'Replaces', 'Line groups', 'Users', 'Computers', 'maxUsers'],
      d.servers.map((s) => [s.name, s.fqdn, s.role, s.site, s.replaces.join(', '), s.lineGroups.join(', '), s.users, s.computers, s.maxUsers]),
    ),
  ];
  const rules = rulesIn(d.distribution);
  out.push(
    '## 3. Home-server distribution',
    '',
    'Users per home server, by the rule that placed them.',
    '',
    ...table(
      ['Server', ...rules.map(ruleLabel), 'Total', 'maxUsers'],
      d.distribution.map((r) => [r.server, ...rules.map((k) => r.byRule[k] ?? 0), Object.values(r.byRule).reduce((a, b) => a + b, 0), r.maxUsers]),
    ),
  );
  const l = d.licences;
  out.push(
    '## 4. Licences',
    '',
    ...table(
      ['', 'Licensed', 'Needed', 'Status'],
      [
        ['User licences vs enabled users', l.userLicenses, l.enabledUsers, l.userLicencesOk ? 'enough' : 'too few'],
        ['Server licences vs servers (MediaServers included)', l.serverLicenses, l.serversNeedingLicence, l.serverLicencesOk ? 'enough' : 'too few'],
      ],
    ),
    ...table(['Key', 'Kind', 'Count', 'Origin', 'Found in'], l.perKey.map((k) => [k.key, k.kind, k.count, k.origin, k.sources.join(', ')])),
    '## 5. Settings by scope',
    '',
    'Secrets are shown as `(sensitive)`.',
    '',
    ...table(['Scope', 'Server / group', 'Key', 'Type', 'Value', 'Origin'], d.settings.map((s) => [s.scope, s.server || s.object, s.key, s.type, s.value, s.origin])),
    '## 6. Decisions',
    '',
    ...table(['Rule', 'Decision', 'Why', 'Affects'], d.decisions.map((x) => [x.id, x.what, x.why, x.affected.slice(0, 12).join(', ') + (x.affected.length > 12 ? ` … (${x.affected.length - 12} more)` : '')])),
    '## 7. Diagnostics',
    '',
    ...table(
      ['Severity', 'Code', 'Source', 'Where', 'Message'],
      d.diagnostics.map((x) => [
        x.severity,
        x.code,
        x.source ?? '',
        [x.file, x.line !== undefined ? String(x.line) : undefined].filter(Boolean).join(':') || x.path || '',
        x.hint ? `${x.message} (${x.hint})` : x.message,
      ]),
    ),
    '## 8. Not migrated',
    '',
    ...table(['Source', 'Path', 'Kind'], d.notMigrated.map((x) => [x.source, x.path, x.kind])),
    '## 9. Post-installation checklist',
    '',
    '`procall-migrate verify` checks the live database; items marked "checked" were tested on the planned data.',
    '',
    ...table(['#', 'Check', 'Status', 'How'], d.checklist.map((x) => [x.n, x.text, x.status, x.detail])),
    '## 10. Setup sheets',
    '',
  );
  for (const s of d.setupSheets) {
    out.push(`### ${t(s.server)} (${t(s.fqdn)}, ${s.role})`, '', ...table(['Wizard page', 'Answer', 'Note'], s.answers.map((a) => [a.page, a.todo ? `TODO: ${a.answer}` : a.answer, a.note ?? ''])));
  }
  return `${out.join('\n').trimEnd()}\n`;
}
