import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { buildReportData, parsePreflight, renderReportHtml, renderReportMarkdown, type PlanForReport } from '../../src/report/index.js';
import { homeServerChartSvg } from '../../src/report/chart-svg.js';
import { translator } from '../../src/report/i18n/catalog.js';
import { resolve } from '../../src/report/text.js';
import { ALL_EXPORTS, REPO_ROOT } from '../samples/expected.js';
import { sampleInput } from './helpers.js';

const secrets = [...new Set(ALL_EXPORTS.flatMap((e) => [...e.secrets, ...e.licenseKeys]))];
const LANGS = ['de', 'en'] as const;
const AUDIENCES = ['customer', 'consultant'] as const;
/** Visible text of an HTML page (tags, style and script removed). */
const textOf = (html: string) => html.replace(/<style>[^]*?<\/style>|<script>[^]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ');

describe('report data (alpen-handel)', async () => {
  const input = await sampleInput('alpen-handel');
  const data = buildReportData(input);

  it('counts each ucserver’s users by the rule that placed them', () => {
    expect(data.distribution.map((r) => r.server)).toEqual(['dc-ah-ber-01', 'dc-ah-muc-01', 'dc-ah-vie-01']);
    const placed = data.distribution.reduce((n, r) => n + Object.values(r.byRule).reduce((a, b) => a + b, 0), 0);
    expect(placed).toBe(input.mapped.homeServers.length);
    expect(data.distribution[0]!.maxUsers).toBe(100);
  });

  it('lists the not-migrated files of every source, file databases marked', () => {
    const expected = ALL_EXPORTS.filter((e) => e.sample === 'alpen-handel').flatMap((e) => e.notMigrated.map((p) => `${e.server}:${p}`));
    expect(data.notMigrated.map((x) => `${x.source}:${x.path}`).sort()).toEqual(expected.sort());
    expect(data.notMigrated.find((x) => x.path === 'database/journal.db')?.kind).toBe('file database');
  });

  it('has the 8 checklist items, the model-checkable ones checked', () => {
    expect(data.checklist).toHaveLength(8);
    // Item 3 (configuration) is checked on the planned data, but the sample's unaccepted licence warnings touch it.
    expect(data.checklist.filter((c) => c.status === 'ok').map((c) => c.n)).toEqual([4, 5]);
    expect(data.checklist[2]).toMatchObject({ status: 'open', open: { errors: 0, decisions: 0 } });
    expect(data.checklist[2]!.open!.warnings).toBeGreaterThan(0);
    expect(data.checklist[1]!.status).toBe('verify');
  });

  it.each(LANGS.flatMap((lang) => AUDIENCES.map((audience) => [lang, audience] as const)))('shows secrets never and licence keys masked (%s, %s)', (lang, audience) => {
    const secretRows = data.settings.filter((s) => s.type === 'secret');
    expect(secretRows.length).toBeGreaterThan(0);
    const html = renderReportHtml(data, { lang, audience });
    const md = renderReportMarkdown(data, { lang, audience });
    for (const secret of secrets) {
      expect(html).not.toContain(secret);
      expect(md).not.toContain(secret);
    }
    expect(html).toContain('…7788');
    expect(html).toContain(lang === 'de' ? '(vertraulich)' : '(sensitive)');
  });

  it('one setup sheet per server; the licence shortfall of the MediaServer is shown in both languages', () => {
    expect(data.setupSheets.map((s) => s.server)).toEqual(['dc-ah-ber-01', 'dc-ah-muc-01', 'dc-ah-vie-01', 'dc-ah-ms-01']);
    expect(data.licences.serverLicencesOk).toBe(false);
    expect(textOf(renderReportHtml(data, { lang: 'en' }))).toMatch(/Server licences for servers[^]*too few/);
    expect(textOf(renderReportHtml(data, { lang: 'de' }))).toMatch(/Serverlizenzen für Server[^]*zu wenige/);
  });

  it('the HTML is self-contained: inline CSS, SVG and one inline script, nothing loaded from anywhere', () => {
    const html = renderReportHtml(data);
    expect(html).toMatch(/<svg[^>]+id="home-server-chart"/);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/<script[^>]*src=|<link|<img|<iframe|url\(|@import|fetch\(|XMLHttpRequest/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('lists every user with source server, home server and the rule, in HTML and in Markdown', () => {
    const users = input.mapped.model.UserAccount;
    expect(data.users).toHaveLength(users.length);
    const md = renderReportMarkdown(data, { lang: 'en' });
    const html = renderReportHtml(data, { lang: 'en' });
    const tbody = /<table id="user-table"[^]*?<tbody>([^]*?)<\/tbody>/.exec(html)?.[1] ?? '';
    expect(tbody.match(/<tr>/g)).toHaveLength(users.length);
    for (const a of input.mapped.homeServers) {
      const u = users.find((x) => x.UserName === a.userName)!;
      const rule = translator('en').t(`rule.${a.rule}`);
      expect(md).toMatch(new RegExp(`^\\| ${a.userName.replace(/\./g, '\\.')} \\| [^|]* \\| ${u.Origin.replace(/\./g, '\\.')} \\| ${a.server} \\| ${rule} \\|`, 'm'));
    }
  });

  it('writes a table of up to 3,000 users out whole; a larger one travels as JSON, every user in it', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...data.users[0]!, userName: `u${i}` }));
    const small = renderReportHtml({ ...data, users: many(3000) });
    expect(/<table id="user-table"[^]*?<tbody>([^]*?)<\/tbody>/.exec(small)![1]!.match(/<tr>/g)).toHaveLength(3000);
    expect(small).not.toContain('id="user-table-data"');
    const large = renderReportHtml({ ...data, users: many(3001) });
    const json = /<script type="application\/json" id="user-table-data">([^<]*)<\/script>/.exec(large)![1]!;
    expect((JSON.parse(json) as string[][]).map((r) => r[0])).toEqual(many(3001).map((u) => u.userName));
    expect(/<table id="user-table"[^]*?<tbody>([^]*?)<\/tbody>/.exec(large)![1]!.trim()).toBe('');
  });

  it('the consultant’s user table names each user’s <User> element (file:line); the customer’s does not', () => {
    const exp = input.exports.find((e) => e.users.length > 0)!;
    const user = exp.users[0]!;
    const place = `${user.pos.file}:${user.pos.line}`;
    expect(renderReportMarkdown(data, { audience: 'consultant' })).toMatch(new RegExp(`^\\| ${user.userName.replace(/\./g, '\\.')} \\|.*\`${place}\` \\|$`, 'm'));
    expect(renderReportMarkdown(data, { audience: 'customer' })).not.toContain(place);
  });

  it('HTML paths and host names break only after a separator, never inside a name', () => {
    const html = renderReportHtml(data, { audience: 'consultant' });
    const spans = [...html.matchAll(/<(?:span class="path"|code)>((?:<span class="nw">[^<]*<\/span>|<wbr>|[^<])*)<\/(?:span|code)>/g)].map((m) => m[1]!);
    expect(spans.some((x) => x.includes('exports/'))).toBe(true);
    for (const x of spans) expect(x.replace(/<span class="nw">[^<]*<\/span>|<wbr>/g, '')).not.toMatch(/[\w-]{2,}/);
  });

  it('prints clean pages: table heads repeat, rows stay whole, sections start on a new page, customer and digest in the page header', () => {
    const print = /@media print\{([^]*?)\n\}/.exec(renderReportHtml(data))![1]!;
    expect(print).toMatch(/thead\{display:table-header-group\}/);
    expect(print).toMatch(/tr,[^{]*\{break-inside:avoid\}/);
    expect(print).toMatch(/section\{break-before:page\}/);
    const withPlan = renderReportHtml(buildReportData({ ...input, plan: { planDigest: 'ef'.repeat(32), targetFingerprint: 'empty', summary: {}, changes: [] } }));
    expect(withPlan).toContain(`@top-left{content:"${input.project.name}"`);
    // The page header carries the short digest and the date; the full digest stands once, in the sign-off block.
    expect(withPlan).toContain(`@top-right{content:"Plan ${'ef'.repeat(6)} · 30.11.2026, 15:05 Uhr (MEZ)"`);
    expect(withPlan.split('ef'.repeat(32)).length - 1).toBe(1);
    expect(print).toMatch(/orphans:3;widows:3/);
    expect(print).toMatch(/table\.short\{break-inside:avoid\}/);
  });

  it('Markdown shows UNC paths as written (no doubled backslashes)', () => {
    const unc = data.settings.find((s) => s.key === 'contentsharing.fileLocation')!.value;
    expect(unc).toMatch(/^\\\\[a-z]/);
    for (const lang of LANGS) {
      const md = renderReportMarkdown(data, { lang });
      expect(md).toContain(`\`${unc}\``);
      expect(md).not.toContain(unc.replace(/\\/g, '\\\\'));
    }
  });
});

describe('audiences', async () => {
  const input = await sampleInput('alpen-handel');
  const consultantOnly: Diagnostic = {
    code: 'PROJECT_PASSWORD_ENV_UNSET',
    severity: 'info',
    message: 'PROCALL_SQL_PASSWORD is not set',
    file: `${REPO_ROOT}/tmp/tgt.yaml`,
    line: 54,
    hint: 'set it before migrate',
  };
  const data = buildReportData({ ...input, diagnostics: [...input.diagnostics, consultantOnly] });
  const codes = /\b(IMPORT|MAP|PROJECT|PLAN|DB|CLI)_[A-Z_]+\b/;

  it.each(LANGS)('the customer’s report (%s) has no diagnostic code, hint, file position or local path', (lang) => {
    for (const out of [textOf(renderReportHtml(data, { lang })), renderReportMarkdown(data, { lang })]) {
      expect(out).not.toMatch(codes);
      expect(out).not.toContain(REPO_ROOT);
      expect(out).not.toContain('tgt.yaml');
      expect(out).not.toMatch(/config\/ucserver\.xml:\d+/);
      for (const d of input.diagnostics) if (d.hint) expect(out).not.toContain(d.hint);
      expect(out).not.toContain('no-credential-in-ad-mode');
    }
  });

  it.each(LANGS)('the consultant’s report (%s) has an appendix with code, place and hint of every finding', (lang) => {
    const md = renderReportMarkdown(data, { lang, audience: 'consultant' });
    const appendix = md.slice(md.lastIndexOf('\n## '));
    expect(appendix).toMatch(lang === 'de' ? /Anhang für den Berater/ : /Appendix for the consultant/);
    for (const d of data.diagnostics) expect(appendix).toContain(`\`${d.code}\``);
    expect(appendix).toContain('tgt.yaml:54');
    expect(appendix).toContain('set it before migrate');
    const ucs = input.diagnostics.find((d) => d.file === 'config/ucserver.xml' && d.line !== undefined)!;
    expect(appendix).toContain(`config/ucserver.xml:${ucs.line}`);
  });

  it('a finding the customer should not see is only in the consultant’s report', () => {
    expect(renderReportMarkdown(data, { lang: 'en', audience: 'consultant' })).toContain('PROJECT_PASSWORD_ENV_UNSET');
    const customer = renderReportMarkdown(data, { lang: 'en' });
    expect(customer).not.toContain('PROCALL_SQL_PASSWORD');
  });

  it('an accepted warning is shown as accepted, with the reason, in both audiences', () => {
    const dup = input.diagnostics.find((d) => d.code === 'MAP_LICENSE_DUPLICATE')!;
    const accepted = { ...dup, accepted: { reason: 'Lizenz 2025 von Wien nach Berlin umgezogen' } };
    const d2 = buildReportData({ ...input, diagnostics: input.diagnostics.map((d) => (d === dup ? accepted : d)) });
    expect(renderReportMarkdown(d2, { lang: 'de' })).toContain('akzeptiert: Lizenz 2025 von Wien nach Berlin umgezogen');
    expect(renderReportMarkdown(d2, { lang: 'en', audience: 'consultant' })).toContain('accepted: Lizenz 2025 von Wien nach Berlin umgezogen');
    expect(d2.totals.warnings).toBe(buildReportData(input).totals.warnings - 1);
  });
});

describe('sign-off from a saved plan', async () => {
  const input = await sampleInput('kanzlei-huber');
  const digest = 'ab'.repeat(32);
  const plan: PlanForReport = {
    planDigest: digest,
    targetFingerprint: 'cd'.repeat(32),
    summary: { 'dc.UserAccount': { create: 3, update: 1, delete: 0, kept: 1 }, 'dc.Line': { create: 0, update: 0, delete: 0 } },
    changes: [
      ...['anna.berg', 'tom.kern', 'ute.lang'].map((UserName) => ({ table: 'dc.UserAccount', key: { UserName }, action: 'create' })),
      { table: 'dc.UserAccount', key: { UserName: 'max.huber' }, action: 'update' },
      { table: 'dc.UserAccount', key: { UserName: 'lena.fuchs' }, action: 'kept', kept: { DisplayName: { base: 'Fuchs, Lena', actual: 'Fuchs-Berger, Lena', desired: 'Fuchs, Lena' } } },
    ],
  };

  it.each(LANGS)('shows the plan digest, the target fingerprint, the counts and a signature block (%s)', (lang) => {
    const data = buildReportData({ ...input, plan });
    const html = renderReportHtml(data, { lang });
    const md = renderReportMarkdown(data, { lang });
    for (const out of [html, md]) {
      expect(out).toContain(digest);
      expect(out).toContain('cd'.repeat(32));
    }
    expect(html).toMatch(/<div class="sign">[^]*(Unterschrift|Signature)[^]*(Unterschrift|Signature)/);
    expect(md).toMatch(lang === 'de' ? /^\| Unterschrift \|/m : /^\| Signature \|/m);
    // The customer reads what changes in their words; the consultant the table names.
    expect(md).toMatch(lang === 'de' ? /^\| Benutzer \| 3 \| 1 \| 0 \| 1 \|$/m : /^\| Users \| 3 \| 1 \| 0 \| 1 \|$/m);
    expect(md).not.toMatch(/dc\.(UserAccount|Line)/);
    expect(renderReportMarkdown(data, { lang, audience: 'consultant' })).toMatch(/^\| `dc\.UserAccount` \| 3 \| 1 \| 0 \| 1 \|$/m);
    expect(html).not.toMatch(lang === 'de' ? /Vorschau/ : /Preview/);
  });

  it('counts kept changes per table when the plan’s summary has no kept count', () => {
    const md = renderReportMarkdown(buildReportData({ ...input, plan: { ...plan, summary: { 'dc.UserAccount': { create: 3, update: 1, delete: 0 } } } }), { lang: 'en' });
    expect(md).toMatch(/^\| Users \| 3 \| 1 \| 0 \| 1 \|$/m);
  });

  it('counts what the plan’s changes do, not what its summary says (the digest covers only the changes)', () => {
    const edited = { ...plan, summary: { 'dc.UserAccount': { create: 0, update: 0, delete: 0, kept: 0 }, 'dc.Line': { create: 0, update: 0, delete: 9 } } };
    const md = renderReportMarkdown(buildReportData({ ...input, plan: edited }), { lang: 'en', audience: 'consultant' });
    expect(md).toMatch(/^\| `dc\.UserAccount` \| 3 \| 1 \| 0 \| 1 \|$/m);
    expect(md).not.toMatch(/^\| `dc\.Line` \|/m);
  });

  it('lists the admin edits the plan keeps: table, row, column and the three values', () => {
    const md = renderReportMarkdown(buildReportData({ ...input, plan }), { lang: 'de' });
    expect(md).toMatch(/## \d+\. In DataCenter geänderte Werte, die erhalten bleiben/);
    expect(md).toContain('Benutzer lena.fuchs, Anzeigename: in DataCenter auf `Fuchs-Berger, Lena` geändert, bleibt so');
    expect(md).toContain('zuletzt übernommen: Fuchs, Lena; die bisherigen Server haben: Fuchs, Lena');
    expect(md).not.toMatch(/UserName=|DisplayName/);
  });

  it.each(LANGS)('without a plan the report says it is a preview and has no signature block (%s)', (lang) => {
    const html = renderReportHtml(buildReportData(input), { lang });
    expect(textOf(html)).toMatch(lang === 'de' ? /Vorschau/ : /Preview/);
    expect(html).not.toContain('<div class="sign">');
  });
});

describe('preflight results', async () => {
  const input = await sampleInput('alpen-handel');
  const result = (sql: 'pass' | 'fail', redis: 'pass' | 'warn') => {
    const parsed = parsePreflight(
      JSON.stringify({
        checks: [
          { area: 'sql', name: 'login', result: sql, message: sql === 'pass' ? 'logged in as migrator' : 'login failed for migrator' },
          { area: 'sql', name: 'version', result: 'pass', message: 'SQL Server 16.0' },
          { area: 'redis', name: 'ping', result: redis, message: 'PONG' },
          { area: 'share', name: 'content-sharing', result: 'skip', message: 'check by hand' },
        ],
      }),
    );
    if (!parsed.ok) throw new Error(parsed.problems.join());
    return parsed.value;
  };

  it('ticks the Redis and database items of the checklist when they passed, flags them when they failed', () => {
    const ok = buildReportData({ ...input, preflight: result('pass', 'pass') }).checklist;
    expect([ok[0]!.status, ok[1]!.status]).toEqual(['preflight', 'preflight']);
    const bad = buildReportData({ ...input, preflight: result('fail', 'warn') }).checklist;
    expect([bad[0]!.status, bad[1]!.status]).toEqual(['preflight', 'preflightFailed']);
    expect(bad[1]!.preflight?.failed).toEqual(['login']);
  });

  it('shows every check on the setup sheets', () => {
    const md = renderReportMarkdown(buildReportData({ ...input, preflight: result('fail', 'pass') }), { lang: 'de' });
    const setup = md.slice(md.indexOf('Einrichtungsblätter\n'));
    expect(setup).toContain('### Vorabprüfung');
    // Check names and results in German, never preflight's English sentence or its internal name.
    expect(setup).toMatch(/\| Multi-Server-Datenbank \| Anmeldung an SQL Server \| fehlgeschlagen \| Die Prüfung „Anmeldung an SQL Server“ ist fehlgeschlagen; /);
    expect(setup).toMatch(/\| Dateifreigabe \| Weitere Prüfung \(Dateifreigabe\) \| nicht getestet \|/);
    expect(md).not.toMatch(/login failed|`login`|content-sharing/);
    expect(md).toMatch(/\| 2 \| Besteht eine Verbindung zur Multi-Server-Datenbank\? \| Vorabprüfung: Fehler \| Vorabprüfung nicht bestanden: Anmeldung an SQL Server \|/);
  });

  it.each([
    ['not JSON', '{checks:'],
    ['no checks', '{}'],
    ['an unknown result', JSON.stringify({ checks: [{ area: 'sql', name: 'x', result: 'ok', message: '' }] })],
    ['an unknown area', JSON.stringify({ checks: [{ area: 'ldap', name: 'x', result: 'pass', message: '' }] })],
  ])('rejects a file with %s, saying where', (_what, text) => {
    const parsed = parsePreflight(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.join(' ')).toMatch(/JSON|checks/);
  });
});

describe('draft', async () => {
  const input = await sampleInput('kanzlei-huber');
  const open: Diagnostic[] = [
    { code: 'PROJECT_OPEN_DECISION', severity: 'error', message: 'servers[0].fqdn is an open decision (TODO)', file: `${REPO_ROOT}/x/procall-migrate.yaml`, line: 12, path: 'servers[0].fqdn' },
  ];
  const data = buildReportData({ ...input, diagnostics: [...open, ...input.diagnostics], draft: true });

  it.each(LANGS)('is marked DRAFT on every page and lists the open decisions first (%s)', (lang) => {
    const word = lang === 'de' ? 'ENTWURF' : 'DRAFT';
    const md = renderReportMarkdown(data, { lang });
    expect(md.split('\n')[0]).toMatch(new RegExp(`^# ${word}`));
    const sections = md.split(/\n(?=## \d+\. )/).slice(1);
    expect(sections[0]).toMatch(lang === 'de' ? /^## 1\. Offene Entscheidungen/ : /^## 1\. Open decisions/);
    // The customer reads what is to be decided in plain words; the project file's place is the consultant's.
    expect(sections[0]).toContain(lang === 'de' ? 'Vollständiger Hostname des neuen Servers dc-kh-01' : 'Full host name of the new server dc-kh-01');
    expect(sections[0]).not.toContain('servers[0].fqdn');
    expect(sections[0]).not.toContain('procall-migrate.yaml');
    const consultant = renderReportMarkdown(data, { lang, audience: 'consultant' }).split(/\n(?=## \d+\. )/)[1]!;
    expect(consultant).toContain('`servers[0].fqdn`');
    expect(consultant).toContain('procall-migrate.yaml:12');
    expect(consultant).not.toContain(REPO_ROOT);
    for (const s of sections) expect(s).toContain(`_${word}_`);
    const html = renderReportHtml(data, { lang });
    expect(html).toMatch(new RegExp(`<title>${word} — `));
    expect(html).toMatch(new RegExp(`@top-left\\{content:"${word} · `));
    expect(html).toContain(`<div class="draft-mark" aria-hidden="true">${word}</div>`);
    expect(html).not.toContain('<div class="sign">');
  });
});

describe('escaping', async () => {
  const input = await sampleInput('kanzlei-huber');
  it('escapes every value that reaches the HTML and keeps Markdown tables intact', () => {
    const evil = '<img src=x onerror=alert(1)> & "Co" | pipe';
    const project = { ...input.project, name: evil, servers: input.project.servers.map((s, i) => (i === 0 ? { ...s, site: '<b>Site</b>' } : s)) };
    const data = buildReportData({ ...input, project });
    const html = renderReportHtml(data);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Co&quot; | pipe');
    expect(html).not.toContain('<b>Site</b>');
    expect(html).not.toMatch(/content:"[^"]*<img/);
    const md = renderReportMarkdown(data);
    expect(md).toContain('&lt;b>Site&lt;/b>');
    const serverRow = md.split('\n').find((l) => l.includes('Site&lt;/b>'))!;
    expect(serverRow.split(/(?<!\\)\|/).length).toBe(11);
  });
});

describe('setup sheets from the project', async () => {
  const input = await sampleInput('alpen-handel');
  const en = translator('en');
  const answers = (project: typeof input.project) =>
    new Map(buildReportData({ ...input, project }).setupSheets[0]!.answers.map((a) => [en.t(a.page), { answer: resolve(en, a.answer), todo: a.todo === true }]));

  it('Redis Sentinel with TLS, a SQL target that is not fully qualified', () => {
    const a = answers({
      ...input.project,
      target: { server: 'sql01', port: 1433, database: 'ProCallDC', authentication: 'sql' as const, user: 'migrator', passwordEnv: 'PW', encrypt: true, trustServerCertificate: false, collation: 'Latin1_General_100_CI_AS_SC', bulkBatchRows: 10000, password: undefined },
      redis: { mode: 'sentinel' as const, tls: true, binaryEncoding: true, masterName: 'procall', sentinels: [{ host: 'rs1.example', port: 26379 }], password: undefined },
    });
    expect(a.get('Multi-server database: server')).toEqual({ answer: 'sql01', todo: true });
    expect(a.get('Multi-server database: database name')?.answer).toBe('ProCallDC');
    expect(a.get('User database')?.answer).toMatch(/^Active Directory/);
    expect(a.get('Redis database: mode')?.answer).toBe('Redis Sentinel');
    expect(a.get('Redis Sentinel: sentinels')?.answer).toBe('rs1.example:26379');
    expect(a.get('Redis: binary encoding of values')?.answer).toBe('on');
    expect(a.get('Redis: force TLS')?.answer).toBe('on');
    expect([...a.values()].map((x) => x.answer).join(' ')).not.toContain('PW');
  });

  it('Redis Server defaults to 6380 with TLS and 6379 without', () => {
    const hostPort = (tls: boolean) =>
      answers({ ...input.project, redis: { mode: 'server' as const, host: 'redis01.example', tls, binaryEncoding: true, sentinels: [], password: undefined } }).get('Redis Server: host and port')?.answer;
    expect(hostPort(true)).toBe('redis01.example:6380');
    expect(hostPort(false)).toBe('redis01.example:6379');
  });
});

describe('home-server chart', () => {
  it('stacks each server’s users by rule in the contract’s order, with a legend and the maxUsers mark', () => {
    const tr = translator('de');
    const svg = homeServerChartSvg(
      [
        { server: 'a', maxUsers: 1000, byRule: { balance: 2, mapping: 3 } },
        { server: 'b<&>', maxUsers: null, byRule: { lines: 4 } },
      ],
      { rule: (r) => tr.t(`rule.${r}` as 'rule.lines'), barTitle: (server, n, _label, rule) => tr.t('distribution.barTitle', { server, n, by: tr.t(`ruleBy.${rule}` as 'ruleBy.lines') }), maxMark: tr.t('distribution.maxMark'), ariaLabel: 'x', num: tr.num },
    );
    const titles = [...svg.matchAll(/<title>([^<]+)<\/title><\/rect>/g)].map((m) => m[1]);
    // A phrase that fits the sentence: „durch den bisherigen Server“, not „durch bisheriger Server“.
    expect(titles).toEqual(['a: 3 durch die Zuordnungsliste', 'a: 2 durch die gleichmäßige Verteilung', 'b&lt;&amp;&gt;: 4 durch die eigenen Leitungen']);
    expect([...svg.matchAll(/class="lgd">([^<]+)</g)].map((m) => m[1])).toEqual(['Zuordnungsliste', 'eigene Leitungen', 'gleichmäßige Verteilung', 'höchstens erlaubt']);
    expect(svg).toContain('>5 / 1.000<');
    expect(svg.match(/<line /g)).toHaveLength(2);
  });
});
