/** The report's last sections as document blocks: checklist, setup sheets (with preflight results), sign-off. */
import { txt, cell, type Block, type Cell } from './document.js';
import type { MessageKey, Translator } from './i18n/index.js';
import type { ReportData } from './report-data.js';
import { resolve } from './text.js';
import { EMPTY_FINGERPRINT } from '../plan/index.js';
import { isTodoValue } from '../project/index.js';
import { checkMessage, checkName, type CheckView } from './preflight-words.js';
import type { ChecklistItem, OpenCount } from './checklist.js';

const p = (tr: Translator, key: MessageKey, params?: Record<string, string | number>): Block => ({ type: 'p', inl: [txt(tr.t(key, params))] });

export function checklistBlocks(tr: Translator, d: ReportData): Block[] {
  const t = tr.t;
  return [
    p(tr, 'checklist.intro'),
    {
      type: 'table',
      head: [t('checklist.n'), t('checklist.check'), t('checklist.status'), t('checklist.how')],
      rows: d.checklist.map((c) => {
        const how = t(`checklist.how.${c.n}` as MessageKey);
        const invariant = (id: string) => (tr.has(`invariant.${id}`) ? t(`invariant.${id}` as MessageKey) : t('invariant.other'));
        let detail: string;
        const named = (name: string) => {
          const check = d.preflight?.checks.find((x) => x.name === name && x.result === 'fail');
          return check ? checkName(tr, check) : name;
        };
        if (c.preflight) {
          detail = c.preflight.failed.length > 0
            ? t('checklist.preflightFail', { failed: c.preflight.failed.map(named).join(', ') })
            : t('checklist.preflightPass', { passed: c.preflight.passed, total: c.preflight.total });
        } else if (c.fails.length > 0) {
          detail = t('checklist.fails', { what: c.fails.map((f) => tr.plural('checklist.failedCheck', f.count, { what: invariant(f.id) })).join('; ') });
        } else if (c.open) {
          detail = t('checklist.open', { what: openWords(tr, c.open) });
          if (c.review) detail += `; ${reviewWords(tr, c.review)}`;
        } else if (c.review) {
          detail = reviewWords(tr, c.review);
        } else if (c.holds.length > 0) {
          detail = tr.plural('checklist.holds', c.holds.length, { how });
        } else {
          detail = how;
        }
        return [cell(String(c.n)), cell(t(`checklist.${c.n}` as MessageKey)), [txt(t(`status.${c.status}`), 'badge', `st-${c.status}`)], cell(detail)];
      }),
      widths: [5, 40, 17, 38],
      empty: t('value.none'),
    },
  ];
}

/** „Aktive Benutzer ohne eigene Leitung (9); siehe „Was sich für Ihre Benutzer ändert““: the consequences that keep an item from „in Ordnung“. */
function reviewWords(tr: Translator, list: NonNullable<ChecklistItem['review']>): string {
  const what = list.map((r) => tr.t('checklist.consequence', { label: tr.t(`consequence.label.${r.kind}` as MessageKey), n: r.count })).join(', ');
  return tr.t('checklist.review', { what, section: tr.t('section.consequences') });
}

/** „2 Fehler, eine Warnung“: what keeps an item from „in Ordnung“. */
function openWords(tr: Translator, o: OpenCount): string {
  const parts: string[] = [];
  if (o.errors > 0) parts.push(tr.plural('checklist.open.errors', o.errors));
  if (o.decisions > 0) parts.push(tr.plural('checklist.open.decisions', o.decisions));
  if (o.warnings > 0) parts.push(tr.plural('checklist.open.warnings', o.warnings));
  return parts.join(', ');
}

export function setupBlocks(tr: Translator, d: ReportData): Block[] {
  const t = tr.t;
  const blocks: Block[] = [p(tr, 'setup.intro')];
  if (d.preflight) {
    blocks.push({
      type: 'group',
      title: [txt(t('setup.preflight'))],
      blocks: [
        p(tr, 'setup.preflightIntroNoDate'),
        {
          type: 'table',
          head: [t('setup.checkArea'), t('setup.checkName'), t('setup.checkResult'), t('setup.checkMessage')],
          rows: d.preflight.checks.map((c: CheckView) => [
            cell(t(`area.${c.area}`)),
            cell(checkName(tr, c)),
            [txt(t(`result.${c.result}`), 'badge', `pf-${c.result}`)],
            cell(checkMessage(tr, c)),
          ]),
          // The result column holds „fehlgeschlagen“ whole at A4.
          widths: [18, 22, 18, 42],
          empty: t('value.none'),
        },
      ],
    });
  }
  for (const s of d.setupSheets) {
    blocks.push({
      type: 'group',
      title: isTodoValue(s.fqdn) || d.servers.some((x) => x.name === s.server && x.fqdnOpen)
        ? [txt(s.server, 'strong'), txt(` (${isTodoValue(s.fqdn) ? '' : `${s.fqdn} `}`), txt(t('value.open'), 'todo'), txt(`, ${t(`role.${s.role}`)})`, 'muted')]
        : [txt(s.server, 'strong'), txt(` (${s.fqdn}, ${t(`role.${s.role}`)})`, 'muted')],
      blocks: [
        {
          type: 'table',
          head: [t('setup.page'), t('setup.answer'), t('setup.note')],
          rows: s.answers.map((a) => {
            const answer: Cell = a.todo ? [txt(t('setup.todo'), 'todo'), txt(' '), txt(resolve(tr, a.answer))] : [txt(resolve(tr, a.answer), 'strong')];
            return [cell(t(a.page)), answer, cell(a.note ? resolve(tr, a.note) : '', 'muted')];
          }),
          widths: [26, 36, 38],
          empty: t('value.none'),
        },
      ],
    });
  }
  return blocks;
}

/** `tableName`: a database table as the reader of this audience knows it (customer words, or `dc.UserAccount`). */
export function signOffBlocks(tr: Translator, d: ReportData, tableName: (table: string) => string = (x) => x, audience: 'customer' | 'consultant' = 'consultant'): Block[] {
  const t = tr.t;
  const s = d.signOff;
  if (!s || d.draft) {
    return [
      { type: 'p', inl: [txt(d.draft ? t('doc.draftBanner') : t('signoff.previewTitle'), 'strong')] },
      ...(d.draft ? [] : [p(tr, 'signoff.preview')]),
    ];
  }
  const fingerprint = s.targetFingerprint === EMPTY_FINGERPRINT ? t('value.emptyDatabase') : s.targetFingerprint;
  return [
    p(tr, 'signoff.intro'),
    {
      type: 'table',
      head: ['', ''],
      rows: [
        [cell(t('signoff.digest'), 'strong'), cell(s.planDigest, 'path', 'digest')],
        [cell(t('signoff.fingerprint'), 'strong'), cell(fingerprint, s.targetFingerprint === EMPTY_FINGERPRINT ? 'text' : 'path', 'digest')],
      ],
      widths: [30, 70],
      empty: '',
    },
    {
      type: 'table',
      head: [t(audience === 'consultant' ? 'signoff.table' : 'signoff.what'), t('signoff.create'), t('signoff.update'), t('signoff.delete'), t('signoff.kept')],
      rows: s.summary.map((r) => [cell(tableName(r.table), audience === 'consultant' ? 'code' : 'text'), cell(tr.num(r.create)), cell(tr.num(r.update)), cell(tr.num(r.delete)), cell(tr.num(r.kept))]),
      numeric: [1, 2, 3, 4],
      empty: t('signoff.noChanges'),
    },
    {
      type: 'signature',
      parties: [t('signoff.customer'), t('signoff.consultant')],
      fields: [t('signoff.name'), t('signoff.role'), t('signoff.date'), t('signoff.signature')],
    },
  ];
}
