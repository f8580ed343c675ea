/**
 * ReportData → ReportDocument in one language for one audience. All words come from the catalog;
 * values from the customer's data pass through as they are (the renderers escape them).
 */
import path from 'node:path';
import { homeServerChartSvg, rulesIn } from './chart-svg.js';
import { cell, txt, type Audience, type Block, type Cell, type ReportDocument, type Section } from './document.js';
import { consultantAppendix, customerFindings, forCustomer } from './findings.js';
import { formatIsoDate, type MessageKey, type Translator } from './i18n/catalog.js';
import type { ReportData } from './report-data.js';
import { checklistBlocks, setupBlocks, signOffBlocks } from './build-sections.js';

export interface DocumentOptions {
  audience: Audience;
}

const MAX_AFFECTED = 12;

/** A catalog key built from data (a role, a scope), or the value itself when the catalog has none. */
export function label(tr: Translator, prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return tr.has(key) ? tr.t(key) : value;
}

export const ruleName = (tr: Translator, rule: string) => (rule === '' ? '' : label(tr, 'rule', rule));

function affected(tr: Translator, list: readonly string[]): string {
  const shown = list.slice(0, MAX_AFFECTED).join(', ');
  return list.length > MAX_AFFECTED ? `${shown} ${tr.t('value.more', { n: list.length - MAX_AFFECTED })}` : shown;
}

const numCell = (tr: Translator, n: number | null): Cell => cell(n === null ? tr.t('value.dash') : tr.num(n));

/** An export path for the customer: relative to the project as it is; an absolute one only by its name. */
function exportPath(input: string, audience: Audience): string {
  if (audience === 'consultant') return input;
  return path.isAbsolute(input) || input.startsWith('..') ? path.basename(input) : input;
}

function decisionText(tr: Translator, id: string): { title: string; why: string } {
  const home = /^home-servers\.(user|computer)\.(.+)$/.exec(id);
  if (home && home[2] !== 'existing') {
    const rule = home[2]!;
    const explainKey = `rule.explain.${rule}`;
    return {
      title: tr.t(`decision.home-servers.${home[1] as 'user' | 'computer'}.title`, { rule: ruleName(tr, rule) }),
      why: tr.t('decision.home-servers.why', { explain: tr.has(explainKey) ? tr.t(explainKey) : rule }),
    };
  }
  const key = home ? 'home-servers.existing' : id;
  const title = `decision.${key}.title`;
  const why = `decision.${key}.why`;
  return tr.has(title) && tr.has(why) ? { title: tr.t(title), why: tr.t(why) } : { title: tr.t('decision.other.title'), why: tr.t('decision.other.why') };
}

function usersTable(tr: Translator, d: ReportData, audience: Audience): Block {
  const head = ['users.user', 'users.displayName', 'users.source', 'users.home', 'users.rule', 'users.lines', 'users.groups'] as MessageKey[];
  if (audience === 'consultant') head.push('users.element');
  return {
    type: 'table',
    head: head.map((k) => tr.t(k)),
    rows: d.users.map((u) => {
      const row: Cell[] = [
        cell(u.userName),
        cell(u.displayName),
        cell(u.source),
        cell(u.homeServer),
        cell(ruleName(tr, u.rule)),
        cell(u.lines.join(', ')),
        cell(u.groups.join(', ')),
      ];
      if (audience === 'consultant') row.push(cell(u.element ? `${u.element.file}:${u.element.line}` : '', 'path'));
      return row;
    }),
    interactive: {
      id: 'user-table',
      filterColumn: 3,
      filterLabel: tr.t('users.filter'),
      placeholder: tr.t('users.filterPlaceholder'),
      allLabel: tr.t('users.allServers'),
      shownTemplate: tr.t('users.shown'),
      sortHint: tr.t('users.sortHint'),
      moreTemplate: tr.t('users.more'),
      largeNote: tr.t('users.large'),
      options: d.distribution.map((r) => r.server),
    },
    empty: tr.t('value.none'),
  };
}

export function buildDocument(d: ReportData, tr: Translator, opts: DocumentOptions): ReportDocument {
  const { audience } = opts;
  const t = tr.t;
  const sections: Section[] = [];
  // Short sections go on after the one before them in print; the others start a new page.
  const CONTINUES = new Set(['servers', 'home-servers', 'licences', 'decisions', 'not-migrated', 'kept']);
  const add = (id: string, key: MessageKey, blocks: Block[]) => sections.push({ id, title: t(key), blocks, ...(CONTINUES.has(id) ? { continues: true } : {}) });
  const p = (key: MessageKey, params?: Record<string, string | number>): Block => ({ type: 'p', inl: [txt(t(key, params))] });

  if (d.draft) {
    add('open-decisions', 'section.openDecisions', [
      p('openDecisions.intro'),
      {
        type: 'table',
        head: [t('openDecisions.where'), t('openDecisions.what')],
        rows: d.openDecisions.map((x) => [cell(x.line !== undefined ? `${path.basename(x.file ?? '')}:${x.line}` : x.path ?? '', 'path'), cell(x.path ?? x.message, 'code')]),
        widths: [30, 70],
        empty: t('value.none'),
      },
    ]);
  }

  add('sources', 'section.sources', [
    p('sources.intro'),
    {
      type: 'table',
      head: ['sources.server', 'sources.export', 'sources.version', 'sources.exported', 'sources.userManagement', 'sources.users', 'sources.groups', 'sources.computers', 'sources.lines'].map((k) => t(k as MessageKey)),
      rows: d.sources.map((s) => [
        cell(s.server, 'strong'),
        cell(exportPath(s.input, audience), 'path'),
        cell(s.version),
        cell(formatIsoDate(tr, s.exportedAt)),
        cell(label(tr, 'userManagement', s.userManagement)),
        cell(`${tr.num(s.users)} (${tr.num(s.enabledUsers)})`),
        numCell(tr, s.groups),
        numCell(tr, s.computers),
        cell(`${tr.num(s.lines)} (${tr.num(s.lineGroups)})`),
      ]),
      numeric: [5, 6, 7, 8],
      empty: t('value.none'),
    },
  ]);

  add('servers', 'section.servers', [
    p('servers.intro', { store: label(tr, 'store', d.userStore === 'not decided' ? 'undecided' : d.userStore) }),
    {
      type: 'table',
      head: ['servers.name', 'servers.fqdn', 'servers.role', 'servers.site', 'servers.replaces', 'servers.lineGroups', 'servers.users', 'servers.computers', 'servers.maxUsers'].map((k) => t(k as MessageKey)),
      rows: d.servers.map((s) => [
        cell(s.name, 'strong'),
        cell(s.fqdn, 'code'),
        cell(label(tr, 'role', s.role)),
        cell(s.site),
        cell(s.replaces.join(', ')),
        cell(s.lineGroups.join(', ')),
        numCell(tr, s.users),
        numCell(tr, s.computers),
        numCell(tr, s.maxUsers),
      ]),
      numeric: [6, 7, 8],
      empty: t('value.none'),
    },
  ]);

  const rules = rulesIn(d.distribution);
  add('home-servers', 'section.distribution', [
    p('distribution.intro'),
    {
      type: 'chart',
      svg: homeServerChartSvg(d.distribution, {
        rule: (r) => ruleName(tr, r),
        barTitle: (server, n, rule) => t('distribution.barTitle', { server, n, rule }),
        maxMark: t('distribution.maxMark'),
        ariaLabel: t('distribution.chartLabel'),
        num: tr.num,
      }),
    },
    {
      type: 'table',
      head: [t('distribution.server'), ...rules.map((r) => ruleName(tr, r)), t('distribution.total'), t('distribution.maxUsers')],
      rows: d.distribution.map((r) => {
        const total = Object.values(r.byRule).reduce((a, b) => a + b, 0);
        return [cell(r.server), ...rules.map((k) => numCell(tr, r.byRule[k] ?? 0)), cell(tr.num(total), 'strong'), numCell(tr, r.maxUsers)];
      }),
      numeric: rules.map((_, i) => i + 1).concat([rules.length + 1, rules.length + 2]),
      empty: t('value.none'),
    },
  ]);

  add('users', 'section.users', [p('users.intro'), usersTable(tr, d, audience)]);

  const lic = d.licences;
  const enough = (ok: boolean): Cell => [txt(t(ok ? 'licences.enough' : 'licences.tooFew'), 'badge', ok ? 'st-ok' : 'st-failed')];
  add('licences', 'section.licences', [
    p('licences.intro'),
    {
      type: 'table',
      head: ['', t('licences.licensed'), t('licences.needed'), t('licences.status')],
      rows: [
        [cell(t('licences.userVsEnabled')), numCell(tr, lic.userLicenses), numCell(tr, lic.enabledUsers), enough(lic.userLicencesOk)],
        [cell(t('licences.serverVsServers')), numCell(tr, lic.serverLicenses), numCell(tr, lic.serversNeedingLicence), enough(lic.serverLicencesOk)],
      ],
      numeric: [1, 2],
      widths: [50, 15, 15, 20],
      empty: t('value.none'),
    },
    {
      type: 'table',
      head: [t('licences.key'), t('licences.kind'), t('licences.count'), t('licences.origin'), t('licences.foundIn')],
      rows: lic.perKey.map((k) => [cell(k.key, 'code'), cell(label(tr, 'licenceKind', k.kind)), numCell(tr, k.count), cell(k.origin), cell(k.sources.join(', '))]),
      numeric: [2],
      empty: t('value.none'),
    },
  ]);

  add('settings', 'section.settings', [
    p('settings.intro'),
    {
      type: 'table',
      head: ['settings.scope', 'settings.object', 'settings.key', 'settings.type', 'settings.value', 'settings.origin'].map((k) => t(k as MessageKey)),
      rows: d.settings.map((s) => [
        cell(label(tr, 'scope', s.scope)),
        cell(s.server || s.object),
        cell(s.key, 'code'),
        cell(label(tr, 'settingType', s.type)),
        s.type === 'secret' ? cell(t('value.sensitive'), 'muted') : cell(s.value, 'path'),
        cell(s.origin === 'project' ? t('origin.project') : s.origin),
      ]),
      empty: t('value.none'),
    },
  ]);

  add('decisions', 'section.decisions', [
    p('decisions.intro'),
    {
      type: 'table',
      head: [t('decisions.decision'), t('decisions.why'), t('decisions.affects')],
      rows: d.decisions.map((x) => {
        const { title, why } = decisionText(tr, x.id);
        const first: Cell = [txt(title, 'strong')];
        if (audience === 'consultant') first.push(txt('', 'br'), txt(x.id, 'code'), txt('', 'br'), txt(x.what, 'muted'));
        return [first, cell(why), cell(affected(tr, x.affected), 'code')];
      }),
      widths: [38, 32, 30],
      empty: t('value.none'),
    },
  ]);

  add('findings', 'section.findings', [p('findings.intro'), customerFindings(tr, d.diagnostics)]);

  if (d.signOff) {
    add('kept', 'section.keptEdits', [
      p(d.signOff.kept.length > 0 ? 'kept.intro' : 'kept.none'),
      ...(d.signOff.kept.length > 0
        ? [
            {
              type: 'table' as const,
              head: ['kept.table', 'kept.row', 'kept.column', 'kept.base', 'kept.actual', 'kept.desired'].map((k) => t(k as MessageKey)),
              rows: d.signOff.kept.map((k) => [cell(k.table, 'code'), cell(k.row), cell(k.column || t('value.dash'), 'code'), cell(k.base), cell(k.actual, 'strong'), cell(k.desired)]),
              empty: t('value.none'),
            },
          ]
        : []),
    ]);
  }

  add('not-migrated', 'section.notMigrated', [
    p('notMigrated.intro'),
    {
      type: 'table',
      head: [t('notMigrated.source'), t('notMigrated.path'), t('notMigrated.kind')],
      rows: d.notMigrated.map((x) => [cell(x.source), cell(x.path, 'path'), cell(label(tr, 'notMigratedKind', x.kind))]),
      widths: [30, 50, 20],
      empty: t('value.none'),
    },
  ]);

  add('checklist', 'section.checklist', checklistBlocks(tr, d));
  add('setup', 'section.setup', setupBlocks(tr, d));
  add('signoff', 'section.signoff', signOffBlocks(tr, d));
  if (audience === 'consultant') {
    add('appendix', 'section.appendix', [
      p('appendix.intro'),
      consultantAppendix(tr, [...d.openDecisions, ...d.diagnostics]),
    ]);
  }

  const shownFindings = audience === 'customer' ? d.diagnostics.filter(forCustomer) : d.diagnostics;
  const errors = shownFindings.filter((x) => x.severity === 'error').length + (d.draft ? d.openDecisions.length : 0);
  const warnings = shownFindings.filter((x) => x.severity === 'warning' && !x.accepted).length;
  const digest = d.signOff?.planDigest;
  return {
    lang: t('lang.html'),
    title: t('doc.title', { customer: d.customer }),
    heading: t('doc.heading', { customer: d.customer }),
    subtitle: tr.plural('doc.generated', d.sources.length, { date: tr.date(d.generatedAt), version: d.toolVersion }),
    notice: t(digest ? 'doc.fromPlan' : 'doc.preview'),
    ...(d.draft ? { draft: { word: t('doc.draft'), banner: t('doc.draftBanner') } } : {}),
    printHeader: { left: d.draft ? `${t('doc.draft')} · ${d.customer}` : d.customer, right: digest ? t('doc.printHeaderPlan', { digest }) : t('doc.printHeaderPreview') },
    cards: [
      { value: tr.num(d.sources.length), label: t('card.sources') },
      { value: tr.num(d.servers.length), label: t('card.servers') },
      { value: tr.num(d.totals.users), label: t('card.users', { enabled: d.totals.enabledUsers }) },
      { value: tr.num(d.totals.groups), label: t('card.groups') },
      { value: tr.num(d.totals.lines), label: t('card.lines') },
      { value: tr.num(errors), label: tr.plural('card.errors', errors), ...(errors ? { cls: 'bad' } : {}) },
      { value: tr.num(warnings), label: tr.plural('card.warnings', warnings), ...(warnings ? { cls: 'warn' } : {}) },
    ],
    contentsTitle: t('doc.contents'),
    sections,
  };
}
