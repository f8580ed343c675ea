import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../src/model/invariants.js';
import { prepareDesired } from '../../src/pipeline.js';
import { buildReportData, renderReportHtml, renderReportMarkdown, type ReportInput } from '../../src/report/index.js';
import { ALL_EXPORTS, SAMPLES, samplePath } from '../samples/expected.js';

async function sampleInput(name: keyof typeof SAMPLES): Promise<ReportInput> {
  const r = await prepareDesired({ projectFile: samplePath(SAMPLES[name].project), env: {}, toolVersion: '0.0.0-test' });
  if (!r.project || !r.imported || !r.mapped) throw new Error(`sample ${name} did not map: ${JSON.stringify(r.diagnostics.filter((d) => d.severity === 'error'))}`);
  return {
    project: r.project,
    exports: r.imported.exports,
    mapped: r.mapped,
    diagnostics: r.diagnostics,
    invariants: checkInvariants(r.mapped.model),
    toolVersion: '0.0.0-test',
    generatedAt: '2026-11-24T12:00:00Z',
    projectDir: r.loaded.projectDir,
  };
}

const secrets = [...new Set(ALL_EXPORTS.flatMap((e) => [...e.secrets, ...e.licenseKeys]))];

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
    expect(data.checklist.filter((c) => c.status === 'ok').map((c) => c.n)).toEqual([3, 4, 5]);
    expect(data.checklist[1]!.status).toBe('verify');
  });

  it('shows secrets only as (sensitive) and licence keys masked', () => {
    const secretRows = data.settings.filter((s) => s.type === 'secret');
    expect(secretRows.length).toBeGreaterThan(0);
    expect(new Set(secretRows.map((s) => s.value))).toEqual(new Set(['(sensitive)']));
    const html = renderReportHtml(data);
    const md = renderReportMarkdown(data);
    for (const secret of secrets) {
      expect(html).not.toContain(secret);
      expect(md).not.toContain(secret);
    }
    expect(html).toContain('…7788');
  });

  it('one setup sheet per server; the licence shortfall of the MediaServer is shown', () => {
    expect(data.setupSheets.map((s) => s.server)).toEqual(['dc-ah-ber-01', 'dc-ah-muc-01', 'dc-ah-vie-01', 'dc-ah-ms-01']);
    expect(data.licences.serverLicencesOk).toBe(false);
    expect(renderReportHtml(data)).toMatch(/Server licences vs servers[^]*too few/);
  });

  it('the HTML is self-contained: inline CSS and SVG, no script, no external reference', () => {
    const html = renderReportHtml(data);
    expect(html).toMatch(/<svg[^>]+id="home-server-chart"/);
    expect(html).not.toMatch(/<script|<link|src=|url\(|@import/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('the Markdown has every section', () => {
    const md = renderReportMarkdown(data);
    for (const h of ['Sources', 'Target servers', 'Home-server distribution', 'Licences', 'Settings by scope', 'Decisions', 'Diagnostics', 'Not migrated', 'Post-installation checklist', 'Setup sheets']) {
      expect(md).toMatch(new RegExp(`^## \\d+\\. ${h}$`, 'm'));
    }
  });
});

describe('escaping', async () => {
  const input = await sampleInput('kanzlei-huber').catch(() => sampleInput('alpen-handel'));
  it('escapes every value that reaches the HTML and keeps Markdown tables intact', () => {
    const evil = '<img src=x onerror=alert(1)> & "Co" | pipe';
    const project = { ...input.project, name: evil, servers: input.project.servers.map((s, i) => (i === 0 ? { ...s, site: '<b>Site</b>' } : s)) };
    const data = buildReportData({ ...input, project });
    const html = renderReportHtml(data);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Co&quot; | pipe');
    expect(html).not.toContain('<b>Site</b>');
    const md = renderReportMarkdown(data);
    expect(md).toContain('&lt;b>Site&lt;/b>');
  });
});

describe('setup sheets from the project', async () => {
  const input = await sampleInput('alpen-handel');
  it('Redis Sentinel with TLS, a SQL target that is not fully qualified', () => {
    const project = {
      ...input.project,
      target: { server: 'sql01', port: 1433, database: 'ProCallDC', authentication: 'sql' as const, user: 'migrator', passwordEnv: 'PW', encrypt: true, trustServerCertificate: false, collation: 'Latin1_General_100_CI_AS_SC', bulkBatchRows: 10000, password: undefined },
      redis: { mode: 'sentinel' as const, tls: true, binaryEncoding: true, masterName: 'procall', sentinels: [{ host: 'rs1.example', port: 26379 }], password: undefined },
    };
    const [first] = buildReportData({ ...input, project }).setupSheets;
    const answer = (page: string) => first!.answers.find((a) => a.page === page);
    expect(answer('Multi-server database: server')).toMatchObject({ answer: 'sql01', todo: true });
    expect(answer('Multi-server database: database name')?.answer).toBe('ProCallDC');
    expect(answer('User database')?.answer).toMatch(/^Active Directory/);
    expect(answer('Redis database: mode')?.answer).toBe('Redis Sentinel');
    expect(answer('Redis Sentinel: sentinels')?.answer).toBe('rs1.example:26379');
    expect(answer('Redis: binary encoding of values')?.answer).toBe('ON');
    expect(answer('Redis: force TLS')?.answer).toMatch(/^ON/);
  });
  it('Redis Server defaults to 6380 with TLS and 6379 without', () => {
    const sheet = (tls: boolean) =>
      buildReportData({ ...input, project: { ...input.project, redis: { mode: 'server' as const, host: 'redis01.example', tls, binaryEncoding: true, sentinels: [], password: undefined } } })
        .setupSheets[0]!.answers.find((a) => a.page === 'Redis Server: host and port')?.answer;
    expect(sheet(true)).toBe('redis01.example:6380');
    expect(sheet(false)).toBe('redis01.example:6379');
  });
});

describe('home-server chart', () => {
  it('stacks each server’s users by rule in the contract’s order, with a legend and the maxUsers mark', async () => {
    const { homeServerChartSvg } = await import('../../src/report/chart-svg.js');
    const svg = homeServerChartSvg([
      { server: 'a', maxUsers: 10, byRule: { balance: 2, mapping: 3 } },
      { server: 'b<&>', maxUsers: null, byRule: { lines: 4 } },
    ]);
    const titles = [...svg.matchAll(/<title>([^<]+)<\/title><\/rect>/g)].map((m) => m[1]);
    expect(titles).toEqual(['a: 3 by mapping file', 'a: 2 by balanced', 'b&lt;&amp;&gt;: 4 by user&#39;s lines']);
    expect([...svg.matchAll(/class="lgd">([^<]+)</g)].map((m) => m[1])).toEqual(['mapping file', 'user&#39;s lines', 'balanced', 'maxUsers']);
    expect(svg).toContain('>5 / 10<');
    expect(svg.match(/<line /g)).toHaveLength(2); // one maxUsers mark (server a) + its legend
  });
});
