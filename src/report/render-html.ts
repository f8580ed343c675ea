/**
 * The report as one self-contained HTML file: inline CSS, inline SVG, no script, no network.
 * Every value is escaped here.
 */
import { homeServerChartSvg, ruleLabel, rulesIn } from './chart-svg.js';
import { escapeHtml as h } from './escape.js';
import type { ReportData } from './report-data.js';
import type { ChecklistStatus } from './checklist.js';

const CSS = `
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#212529;margin:0;background:#f8f9fa}
main{max-width:1080px;margin:0 auto;padding:24px 32px 48px;background:#fff}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 10px;padding-bottom:4px;border-bottom:2px solid #dee2e6}
h3{font-size:15px;margin:18px 0 6px}.sub{color:#6c757d;margin:0 0 16px}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0}
.card{flex:1 1 130px;border:1px solid #dee2e6;border-radius:6px;padding:8px 12px}
.card b{display:block;font-size:22px}.card span{color:#6c757d;font-size:12px}
.card.bad{border-color:#f1aeb5;background:#fff5f5}.card.warn{border-color:#ffe066;background:#fff9db}
table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:13px}
th,td{border-bottom:1px solid #e9ecef;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f1f3f5;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
code{font:12px ui-monospace,Consolas,"DejaVu Sans Mono",monospace;background:#f1f3f5;padding:1px 4px;border-radius:3px;overflow-wrap:anywhere}
code.nw{white-space:nowrap;overflow-wrap:normal}
code.id{white-space:nowrap;overflow-wrap:normal;background:none;padding:0;color:#495057}
table.fixed{table-layout:fixed}table.fixed col.w1{width:22%}table.fixed col.w2{width:36%}
.sev{font-weight:600;border-radius:3px;padding:1px 6px;font-size:12px}
.sev-error,.st-failed{background:#ffe3e3;color:#c92a2a}.sev-warning,.st-manual{background:#fff3bf;color:#7c5b00}
.sev-info,.st-verify{background:#e7f5ff;color:#1864ab}.st-ok{background:#d3f9d8;color:#2b8a3e}
.st{font-weight:600;border-radius:3px;padding:1px 6px;font-size:12px;white-space:nowrap}
.todo{color:#c92a2a;font-weight:600}.muted{color:#6c757d}
nav ol{columns:2;margin:0;padding-left:20px}
.sheet{border:1px solid #dee2e6;border-radius:6px;padding:4px 14px 8px;margin:12px 0;break-inside:avoid}
svg{max-width:100%;height:auto}
@media print{body{background:#fff}main{padding:0}h2{break-after:avoid}}
`;

const STATUS_LABEL: Record<ChecklistStatus, string> = { ok: 'checked: holds', failed: 'checked: fails', verify: 'run verify', manual: 'manual' };

function table(headers: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[] = [], cls = ''): string {
  if (rows.length === 0) return '<p class="muted">None.</p>';
  const th = headers.map((x, i) => `<th${numeric.includes(i) ? ' class="n"' : ''}>${h(x)}</th>`).join('');
  const cols = cls === 'fixed' ? '<colgroup><col class="w1"><col class="w2"><col></colgroup>' : '';
  // Cells arrive escaped (some carry markup), so they are inserted as they are.
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="n"' : ''}>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table${cls ? ` class="${cls}"` : ''}>${cols}<thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const code = (s: string) => (s === '' ? '' : `<code>${h(s)}</code>`);
/** Escaped text with `backtick spans` shown as code. */
const prose = (s: string) => h(s).replace(/`([^`]+)`/g, '<code>$1</code>');
const num = (n: number | null) => (n === null ? '—' : h(n.toLocaleString('en-US')));

function card(value: string | number, label: string, cls = ''): string {
  return `<div class="card ${cls}"><b>${h(value)}</b><span>${h(label)}</span></div>`;
}

export function renderReportHtml(d: ReportData): string {
  const t = d.totals;
  const lic = d.licences;
  const sections: string[] = [];

  sections.push(`<h2 id="sources">1. Sources</h2>`, table(
    ['Source server', 'Export', 'Version', 'Exported', 'User management', 'Users (enabled)', 'Groups', 'Computers', 'Lines (groups)'],
    d.sources.map((s) => [h(s.server), code(s.input), h(s.version), h(s.exportedAt), h(s.userManagement), `${num(s.users)} (${num(s.enabledUsers)})`, num(s.groups), num(s.computers), `${num(s.lines)} (${num(s.lineGroups)})`]),
    [5, 6, 7, 8],
  ));

  sections.push(`<h2 id="servers">2. Target servers</h2>`, `<p>User database: <b>${h(d.userStore)}</b>.</p>`, table(
    ['Server', 'FQDN', 'Role', 'Site', 'Replaces', 'Line groups', 'Users', 'Computers', 'maxUsers'],
    d.servers.map((s) => [`<b>${h(s.name)}</b>`, code(s.fqdn), h(s.role), h(s.site), h(s.replaces.join(', ')), h(s.lineGroups.join(', ')), num(s.users), num(s.computers), num(s.maxUsers)]),
    [6, 7, 8],
  ));

  const rules = rulesIn(d.distribution);
  sections.push(
    `<h2 id="home-servers">3. Home-server distribution</h2>`,
    `<p>Users per home server, coloured by the rule that placed them (mapping file, the user's lines, the source server, balancing).</p>`,
    `<figure>${homeServerChartSvg(d.distribution)}</figure>`,
    table(
      ['Server', ...rules.map(ruleLabel), 'Total', 'maxUsers'],
      d.distribution.map((r) => {
        const total = Object.values(r.byRule).reduce((a, b) => a + b, 0);
        return [h(r.server), ...rules.map((k) => num(r.byRule[k] ?? 0)), `<b>${num(total)}</b>`, num(r.maxUsers)];
      }),
      rules.map((_, i) => i + 1).concat([rules.length + 1, rules.length + 2]),
    ),
  );

  const licOk = (ok: boolean) => `<span class="st st-${ok ? 'ok' : 'failed'}">${ok ? 'enough' : 'too few'}</span>`;
  sections.push(
    `<h2 id="licences">4. Licences</h2>`,
    `<p>Licences are central in DataCenter: import them in UCServer Administration (Global settings › General › Licenses) before clients connect. Every server needs a server licence, a MediaServer on its own machine too.</p>`,
    table(
      ['', 'Licensed', 'Needed', ''],
      [
        ['User licences vs enabled users', num(lic.userLicenses), num(lic.enabledUsers), licOk(lic.userLicencesOk)],
        ['Server licences vs servers (MediaServers included)', num(lic.serverLicenses), num(lic.serversNeedingLicence), licOk(lic.serverLicencesOk)],
      ],
      [1, 2],
    ),
    table(['Key', 'Kind', 'Count', 'Origin', 'Found in'], lic.perKey.map((k) => [code(k.key), h(k.kind), num(k.count), h(k.origin), h(k.sources.join(', '))]), [2]),
  );

  sections.push(
    `<h2 id="settings">5. Settings by scope</h2>`,
    `<p>Global settings apply to every server; local (server) settings to one; group settings to one user group. Origin is the source server a value came from, or <code>project</code> when the project file set it. Secrets are shown as <code>(sensitive)</code>.</p>`,
    table(
      ['Scope', 'Server / group', 'Key', 'Type', 'Value', 'Origin'],
      d.settings.map((s) => [h(s.scope), h(s.server || s.object), code(s.key), h(s.type), s.type === 'secret' ? '<i>(sensitive)</i>' : code(s.value), h(s.origin)]),
    ),
  );

  sections.push(
    `<h2 id="decisions">6. Decisions</h2>`,
    `<p>What the migration decided where the sources left a choice, and the rule that decided it.</p>`,
    table(
      ['Decision', 'Why', 'Affects'],
      d.decisions.map((x) => [
        `${h(x.what)}<br><code class="id">${h(x.id)}</code>`,
        h(x.why),
        h(x.affected.slice(0, 12).join(', ') + (x.affected.length > 12 ? ` … (${x.affected.length - 12} more)` : '')),
      ]),
    ),
  );

  sections.push(
    `<h2 id="diagnostics">7. Diagnostics</h2>`,
    table(
      ['Severity', 'Source and place', 'Problem'],
      d.diagnostics.map((x) => {
        const where = [x.file, x.line !== undefined ? `${x.line}${x.column !== undefined ? `:${x.column}` : ''}` : undefined].filter(Boolean).join(':') || x.path || '';
        const msg = `<code class="id">${h(x.code)}</code><br>${prose(x.message)}${x.hint ? `<br><span class="muted">${prose(x.hint)}</span>` : ''}`;
        return [`<span class="sev sev-${h(x.severity)}">${h(x.severity)}</span>`, `${h(x.source ?? 'all sources')}${where ? `<br><code class="nw">${h(where)}</code>` : ''}`, msg];
      }),
    ),
  );

  sections.push(
    `<h2 id="not-migrated">8. Not migrated</h2>`,
    `<p>These parts of the exports are not taken over: the journal and chat file databases stay with the old servers (archive them), and files the export format does not name are listed so nothing is dropped silently.</p>`,
    table(['Source', 'Path', 'Kind'], d.notMigrated.map((x) => [h(x.source), code(x.path), h(x.kind)])),
  );

  sections.push(
    `<h2 id="checklist">9. Post-installation checklist</h2>`,
    `<p>The estos checklist after installing on an existing system. Items marked <i>checked</i> were tested on the planned data; <code>procall-migrate verify</code> checks the live database.</p>`,
    table(['#', 'Check', 'Status', 'How'], d.checklist.map((c) => [String(c.n), h(c.text), `<span class="st st-${c.status}">${STATUS_LABEL[c.status]}</span>`, prose(c.detail)])),
  );

  sections.push(`<h2 id="setup">10. Setup sheets</h2>`, `<p>The setup wizard's answers for each server, in installation order.</p>`);
  for (const s of d.setupSheets) {
    sections.push(
      `<div class="sheet"><h3>${h(s.server)} <span class="muted">(${h(s.fqdn)}, ${h(s.role)})</span></h3>`,
      table(
        ['Wizard page', 'Answer', 'Note'],
        s.answers.map((a) => [h(a.page), a.todo ? `<span class="todo">TODO</span> ${prose(a.answer)}` : `<b>${prose(a.answer)}</b>`, prose(a.note ?? '')]),
        [],
        'fixed',
      ),
      '</div>',
    );
  }

  const nav = ['Sources', 'Target servers', 'Home-server distribution', 'Licences', 'Settings by scope', 'Decisions', 'Diagnostics', 'Not migrated', 'Post-installation checklist', 'Setup sheets'];
  const ids = ['sources', 'servers', 'home-servers', 'licences', 'settings', 'decisions', 'diagnostics', 'not-migrated', 'checklist', 'setup'];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Migration report — ${h(d.customer)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>ProCall DataCenter migration — ${h(d.customer)}</h1>
<p class="sub">Generated ${h(d.generatedAt)} by procall-migrate ${h(d.toolVersion)} from ${d.sources.length} ProCall Enterprise export${d.sources.length === 1 ? '' : 's'}.</p>
<div class="cards">
${card(d.sources.length, 'sources')}${card(d.servers.length, 'DataCenter servers')}${card(t.users.toLocaleString('en-US'), `users (${t.enabledUsers.toLocaleString('en-US')} enabled)`)}${card(t.groups, 'groups')}${card(t.lines.toLocaleString('en-US'), 'lines')}${card(t.errors, 'errors', t.errors ? 'bad' : '')}${card(t.warnings, 'warnings', t.warnings ? 'warn' : '')}
</div>
<nav><ol>${nav.map((n, i) => `<li><a href="#${ids[i]}">${h(n)}</a></li>`).join('')}</ol></nav>
${sections.join('\n')}
</main>
</body>
</html>
`;
}
