/**
 * ReportData → ReportDocument in one language for one audience. All words come from the catalog;
 * values from the customer's data pass through as they are (the renderers escape them).
 */
import path from 'node:path';
import { homeServerChartSvg, rulesIn } from './chart-svg.js';
import { cell, txt, type Audience, type Block, type Cell, type ReportDocument, type Section } from './document.js';
import { consultantAppendix, customerFindings, forCustomer } from './findings.js';
import { formatIsoDate, type MessageKey, type Translator } from './i18n/index.js';
import type { ReportData } from './report-data.js';
import type { OpenItem } from './open-decisions.js';
import { openSourceWords, openWhatWords } from './open-decision-words.js';
import { isTodoValue } from '../project/index.js';
import { checklistBlocks, setupBlocks, signOffBlocks } from './build-sections.js';
import { consequenceBlocks } from './consequence-blocks.js';
import { keptSentence } from './kept-words.js';
import { settingLabel, settingSentence } from './setting-labels.js';
import { settingValueWords, withSettingLabel, withWordedValues } from './finding-values.js';
import { errorBlocks } from './error-section.js';
import { knownSetting } from '../model/index.js';
import { SENSITIVE_MARK } from '../model/index.js';

/** Characters of the plan digest in the page header; the full digest stands once, in the sign-off block. */
export const SHORT_DIGEST = 12;

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

/** A value still `TODO` in the project, shown as „offen“ wherever it appears. */
export const openCell = (tr: Translator): Cell => [txt(tr.t('value.open'), 'todo')];

/** An open value: „offen“ alone for `TODO`, else the proposed value followed by „offen“. */
export const openValueCell = (tr: Translator, value: string): Cell => (isTodoValue(value) ? openCell(tr) : [txt(value, 'code'), txt(' '), ...openCell(tr)]);

/** A database table (`dc.UserAccount`) in the customer's words; the name itself for the consultant. */
export function tableName(tr: Translator, table: string, audience: Audience): string {
  if (audience === 'consultant') return table;
  const key = `dbTable.${table.replace(/^dc\./i, '')}`;
  return tr.has(key) ? tr.t(key) : table;
}

/** A setting key: its label, the key in monospace beneath (review #5); the key alone when it has no label. */
function settingKeyCell(tr: Translator, key: string): Cell {
  const named = settingLabel(tr, key);
  return named === undefined ? cell(key, 'code') : [txt(named), txt('', 'br'), txt(key, 'code')];
}

/** A setting's value: yes/no for a switch, the value as written otherwise. */
function settingValue(tr: Translator, type: string, value: string, key = ''): Cell {
  // A coded value with a name of its own (`usermanager.mode` 1: Active Directory).
  if (tr.has(`settingValue.${key}.${value}`)) return cell(tr.t(`settingValue.${key}.${value}` as MessageKey));
  if (type === 'bool' && (value === '1' || value === '0' || value === 'true' || value === 'false')) return cell(tr.t(value === '1' || value === 'true' ? 'value.yes' : 'value.no'));
  return cell(value, 'path');
}

/** What is to be decided, in bold; a setting by its label (bold) with its key in monospace (review #5). */
function openWhat(tr: Translator, x: OpenItem): Cell {
  switch (x.kind) {
    case 'setting':
      return settingSentence(tr, 'openDecisions.settingNamed', 'openDecisions.setting', x.what, {}, 'strong');
    case 'localSetting':
      return settingSentence(tr, 'openDecisions.localSettingNamed', 'openDecisions.localSetting', x.what, { server: x.server ?? '' }, 'strong');
    default:
      return cell(openWhatText(tr, x), 'strong');
  }
}

function openWhatText(tr: Translator, x: OpenItem): string {
  const worded = openWhatWords(tr, x);
  if (worded !== undefined) return worded;
  switch (x.kind) {
    case 'fqdn':
      return tr.t('openDecisions.fqdn', { server: x.server ?? '' });
    case 'serverField':
      return tr.t('openDecisions.serverField', { field: x.what, server: x.server ?? '' });
    case 'userStore':
      return tr.t('openDecisions.userStore');
    default:
      return tr.t('openDecisions.other', { what: x.what });
  }
}

/** What the old servers hold for an open decision: one line per source (secrets already masked). */
function openSources(tr: Translator, x: OpenItem): Cell {
  const own = openSourceWords(tr, x);
  if (own !== undefined) return own;
  const out: Cell = [];
  const isSetting = x.kind === 'setting' || x.kind === 'localSetting';
  // A switch reads „ja“/„nein“ here as in the settings table (review #6); the key's own type first.
  const typeOf = (t: string | undefined) => (isSetting ? (knownSetting(x.what)?.type ?? t) : undefined);
  const worded = (value: string, type: string | undefined) => (isSetting && value !== SENSITIVE_MARK ? settingValueWords(tr, value, typeOf(type), x.what) : value);
  const values = x.sourceValues.map((v) => ({ source: v.source, value: x.kind === 'userStore' ? label(tr, 'userManagement', v.value) : worded(v.value, v.type) }));
  values.forEach((v, i) => {
    if (i > 0) out.push(txt('', 'br'));
    out.push(txt(`${v.source}: `), txt(v.value, 'path'));
  });
  if (x.replaces && x.replaces.length > 0) out.push(txt(tr.t('openDecisions.replaces', { list: x.replaces.join(', ') })));
  if (x.proposed !== undefined) {
    if (out.length > 0) out.push(txt('', 'br'));
    out.push(txt(tr.t('openDecisions.proposed')), txt(worded(x.proposed, x.sourceValues[0]?.type), 'path'));
  }
  return out.length > 0 ? out : cell(tr.t('openDecisions.noSourceValue'), 'muted');
}

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
  const CONTINUES = new Set(['consequences', 'servers', 'home-servers', 'licences', 'decisions', 'not-migrated', 'kept']);
  const add = (id: string, key: MessageKey, blocks: Block[]) => sections.push({ id, title: t(key), blocks, ...(CONTINUES.has(id) ? { continues: true } : {}) });
  const p = (key: MessageKey, params?: Record<string, string | number>): Block => ({ type: 'p', inl: [txt(t(key, params))] });

  // Findings as the customer reads them: setting values worded by their type (review #6), settings by their label (#5).
  const findings = d.diagnostics.map((x) => withSettingLabel(tr, withWordedValues(tr, x)));
  // A draft lists every error first (issue 18): what keeps the project from a plan, in the reader's words.
  const draftErrors = d.draft ? findings.filter((x) => x.severity === 'error' && (audience === 'consultant' || forCustomer(x))) : [];
  if (draftErrors.length > 0) add('errors', 'section.errors', errorBlocks(tr, draftErrors, d.sourceNames, audience));

  if (d.draft) {
    // The customer reads what is to be decided and what the old servers hold; the consultant also where it is in the project file.
    const consultant = audience === 'consultant';
    add('open-decisions', 'section.openDecisions', [
      p('openDecisions.intro'),
      {
        type: 'table',
        head: [t('openDecisions.what'), t('openDecisions.sources'), ...(consultant ? [t('openDecisions.where')] : [])],
        rows: d.openItems.map((x) => [
          openWhat(tr, x),
          openSources(tr, x),
          ...(consultant ? [[txt(x.line !== undefined ? `${path.basename(x.file ?? '')}:${x.line}` : '', 'path'), txt('', 'br'), txt(x.path, 'code')]] : []),
        ]),
        widths: consultant ? [35, 40, 25] : [45, 55],
        empty: t('value.none'),
      },
    ]);
  }

  // What the customer signs first: the consequences for their users, counted and named.
  const settingTypes = new Map(d.settings.map((x) => [x.key.toLowerCase(), x.type]));
  add('consequences', 'section.consequences', consequenceBlocks(tr, d.consequences, settingTypes));

  add('sources', 'section.sources', [
    p('sources.intro'),
    {
      type: 'table',
      // Where the export lies on the consultant's machine is the consultant's business.
      head: ['sources.server', ...(audience === 'consultant' ? ['sources.export'] : []), 'sources.version', 'sources.exported', 'sources.userManagement', 'sources.users', 'sources.groups', 'sources.computers', 'sources.lines'].map((k) => t(k as MessageKey)),
      rows: d.sources.map((s) => [
        cell(s.server, 'strong'),
        ...(audience === 'consultant' ? [cell(exportPath(s.input, audience), 'path')] : []),
        cell(s.version),
        cell(formatIsoDate(tr, s.exportedAt)),
        cell(label(tr, 'userManagement', s.userManagement)),
        cell(`${tr.num(s.users)} (${tr.num(s.enabledUsers)})`),
        numCell(tr, s.groups),
        numCell(tr, s.computers),
        cell(`${tr.num(s.lines)} (${tr.num(s.lineGroups)})`),
      ]),
      numeric: audience === 'consultant' ? [5, 6, 7, 8] : [4, 5, 6, 7],
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
        s.fqdnOpen ? openValueCell(tr, s.fqdn) : cell(s.fqdn, 'code'),
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
    { type: 'p', inl: [txt(t('distribution.intro'))], only: 'html' },
    { type: 'p', inl: [txt(t('distribution.introTable'))], only: 'markdown' },
    {
      type: 'chart',
      svg: homeServerChartSvg(d.distribution, {
        rule: (r) => ruleName(tr, r),
        barTitle: (server, n, ruleLabel, rule) => t('distribution.barTitle', { server, n, by: tr.has(`ruleBy.${rule}`) ? t(`ruleBy.${rule}` as MessageKey) : ruleLabel }),
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
        settingKeyCell(tr, s.key),
        cell(label(tr, 'settingType', s.type)),
        s.open && isTodoValue(s.value) ? openCell(tr) : s.open ? [...settingValue(tr, s.type, s.value, s.key), txt(' '), ...openCell(tr)] : s.type === 'secret' ? cell(t('value.sensitive'), 'muted') : settingValue(tr, s.type, s.value, s.key),
        cell(settingOrigin(tr, s)),
      ]),
      empty: t('value.none'),
    },
  ]);

  add('decisions', 'section.decisions', [
    p('decisions.intro'),
    {
      type: 'table',
      head: [t('decisions.decision'), t('decisions.why'), t('decisions.affects')],
      rows: mergeDecisions(d.decisions, audience).map((x) => {
        const { title, why } = decisionText(tr, x.id);
        const first: Cell = [txt(title, 'strong')];
        if (audience === 'consultant') first.push(txt('', 'br'), txt(x.id, 'code'), txt('', 'br'), txt(x.what, 'muted'));
        return [first, cell(why), cell(affected(tr, x.affected), 'code')];
      }),
      widths: [38, 32, 30],
      empty: t('value.none'),
    },
  ]);

  // In a draft the errors stand in the first section; listed again here they would count twice.
  const shownHere = draftErrors.length > 0 ? findings.filter((x) => x.severity !== 'error') : findings;
  add('findings', 'section.findings', [p('findings.intro'), ...(draftErrors.length > 0 ? [p('findings.errorsFirst')] : []), customerFindings(tr, shownHere, d.sourceNames)]);

  if (d.signOff) {
    const label = (table: string) => tableName(tr, table, 'customer');
    add('kept', 'section.keptEdits', [
      p(d.signOff.kept.length > 0 ? 'kept.intro' : 'kept.none'),
      // One sentence per edit, in words: no key syntax, no column names.
      ...d.signOff.kept.map((k): Block => {
        const s = keptSentence(tr, k, label);
        return { type: 'p', inl: [...s.main, ...(s.detail ? [txt('', 'br'), txt(s.detail, 'muted')] : [])], cls: 'kept' };
      }),
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
  add('signoff', 'section.signoff', signOffBlocks(tr, d, (table) => tableName(tr, table, audience), audience));
  if (audience === 'consultant') {
    add('appendix', 'section.appendix', [
      p('appendix.intro'),
      ...(tr.lang === 'en' ? [] : [{ type: 'p' as const, inl: [txt(t('appendix.englishNote'), 'muted')] }]),
      consultantAppendix(tr, [...d.openDecisions, ...d.diagnostics]),
    ]);
  }

  const shownFindings = audience === 'customer' ? d.diagnostics.filter(forCustomer) : d.diagnostics;
  // Open decisions are counted as such, never as „Fehler“ (review #7): the reader finds each under its own word.
  const errors = shownFindings.filter((x) => x.severity === 'error').length;
  const openCount = d.draft ? d.openDecisions.length : 0;
  const warnings = shownFindings.filter((x) => x.severity === 'warning' && !x.accepted).length;
  const digest = d.signOff?.planDigest;
  return {
    lang: t('lang.html'),
    title: t('doc.title', { customer: d.customer }),
    // A project named „… – ProCall DataCenter“ does not get the product name twice.
    heading: t(/procall\s+datacenter/i.test(d.customer) ? 'doc.headingNamed' : 'doc.heading', { customer: d.customer }),
    subtitle: tr.plural('doc.generated', d.sources.length, { date: tr.date(d.generatedAt), version: d.toolVersion }),
    // A draft says once that it cannot be signed (its banner); the preview notice would say it again.
    notice: d.draft ? '' : t(digest ? 'doc.fromPlan' : 'doc.preview'),
    ...(d.draft ? { draft: { word: t('doc.draft'), banner: t('doc.draftBanner') } } : {}),
    printHeader: { left: d.draft ? `${t('doc.draft')} · ${d.customer}` : d.customer, right: digest ? t('doc.printHeaderPlan', { digest: digest.slice(0, SHORT_DIGEST), date: tr.date(d.generatedAt) }) : t('doc.printHeaderPreview') },
    cards: [
      { value: tr.num(d.sources.length), label: t('card.sources') },
      { value: tr.num(d.servers.length), label: t('card.servers') },
      { value: tr.num(d.totals.users), label: t('card.users', { enabled: d.totals.enabledUsers }) },
      { value: tr.num(d.totals.groups), label: t('card.groups') },
      { value: tr.num(d.totals.lines), label: t('card.lines') },
      ...(d.draft ? [{ value: tr.num(openCount), label: tr.plural('card.openDecisions', openCount), ...(openCount ? { cls: 'bad' } : {}) }] : []),
      { value: tr.num(errors), label: tr.plural('card.errors', errors), ...(errors ? { cls: 'bad' } : {}) },
      { value: tr.num(warnings), label: tr.plural('card.warnings', warnings), ...(warnings ? { cls: 'warn' } : {}) },
    ],
    contentsTitle: t('doc.contents'),
    sections,
  };
}

/** The origin of a setting: the source server, „Projekt“ (the project file sets it) or the rule that made it. */
function settingOrigin(tr: Translator, s: ReportData['settings'][number]): string {
  if (s.origin === 'project') return tr.t('origin.project');
  if (s.origin === 'rule') return tr.has(`origin.rule.${s.rule ?? ''}`) ? tr.t(`origin.rule.${s.rule}` as MessageKey) : tr.t('origin.rule');
  return s.origin;
}

/** Decisions that read the same for the customer (same rule, e.g. „Jeder sieht jeden“ off on two servers) are one row listing all they affect. */
function mergeDecisions(list: ReportData['decisions'], audience: Audience): ReportData['decisions'] {
  if (audience === 'consultant') return list;
  const out: ReportData['decisions'] = [];
  const byId = new Map<string, number>();
  for (const x of list) {
    const i = x.id === 'settings.project-override' ? undefined : byId.get(x.id);
    if (i === undefined) {
      byId.set(x.id, out.length);
      out.push({ ...x, affected: [...x.affected] });
    } else {
      const merged = out[i]!;
      out[i] = { ...merged, affected: [...new Set([...merged.affected, ...x.affected])] };
    }
  }
  return out;
}
