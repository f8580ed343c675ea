/**
 * Findings (diagnostics) for the two audiences. The customer reads each in plain words from the
 * catalog (`finding.<CODE>`, or a generic sentence per severity), without code, hint or path;
 * findings only the consultant can act on are left out. The consultant's appendix lists every
 * finding with code, file:line, message and hint.
 */
import type { Diagnostic } from '../model/diagnostics.js';
import type { MessageKey, Translator } from './i18n/catalog.js';
import { cell, txt, type Block, type Cell } from './document.js';
import type { ReportDiagnostic } from './report-data.js';

/** Findings about the consultant's own setup (environment variables, unused `accept:` entries): never in the customer's report. */
const CONSULTANT_ONLY = new Set([
  'PROJECT_PASSWORD_ENV_UNSET',
  'PROJECT_SETTING_ENV_UNSET',
  'PROJECT_ACCEPT_UNUSED',
  'PROJECT_ACCEPT_ERROR',
  'PROJECT_ALIAS',
  'PLAN_DECISION_UNUSED',
]);
/** Findings another section of the report already shows to the customer. */
const SHOWN_ELSEWHERE = new Set(['IMPORT_NOT_MIGRATED', 'PROJECT_OPEN_DECISION']);

export function forCustomer(d: Diagnostic): boolean {
  if (CONSULTANT_ONLY.has(d.code) || SHOWN_ELSEWHERE.has(d.code)) return false;
  // Notes on the project file itself concern the consultant's work, not the customer's data.
  return !(d.code.startsWith('PROJECT_') && d.severity === 'info');
}

/** The first quoted name in a message (`setting "presence.autoAwayMinutes" is …`), for `{subject}`. */
function subjectOf(message: string): string {
  return /"([^"]{1,80})"/.exec(message)?.[1] ?? /“([^”]{1,80})”/.exec(message)?.[1] ?? '';
}

/** The customer's sentence for one finding. */
export function plainMeaning(tr: Translator, d: Diagnostic): string {
  const key = `finding.${d.code}`;
  const source = d.source ?? tr.t('findings.allSources');
  const subject = subjectOf(d.message);
  const quoted = subject === '' ? '' : tr.lang === 'de' ? `„${subject}“` : `“${subject}”`;
  const text = tr.has(key) ? tr.t(key, { source, subject: quoted }) : tr.t(`finding.generic.${d.severity}` as MessageKey, { source });
  return text.replace(/ {2,}/g, ' ');
}

const severityCell = (tr: Translator, d: ReportDiagnostic): Cell => {
  const c: Cell = [txt(tr.t(`severity.${d.severity}`), 'badge', `sev-${d.severity}`)];
  if (d.accepted) c.push(txt('', 'br'), txt(tr.t('findings.accepted', { reason: d.accepted.reason }), 'muted'));
  return c;
};

/** The customer's findings table: one row per distinct (importance, server, meaning), with a count. */
export function customerFindings(tr: Translator, diagnostics: readonly ReportDiagnostic[]): Block {
  const rows = new Map<string, { d: ReportDiagnostic; n: number; meaning: string }>();
  for (const d of diagnostics.filter(forCustomer)) {
    const meaning = plainMeaning(tr, d);
    const k = JSON.stringify([d.severity, d.source ?? '', meaning, d.accepted?.reason ?? '']);
    const row = rows.get(k);
    if (row) row.n += 1;
    else rows.set(k, { d, n: 1, meaning });
  }
  return {
    type: 'table',
    head: [tr.t('findings.severity'), tr.t('findings.concerns'), tr.t('findings.meaning')],
    rows: [...rows.values()].map(({ d, n, meaning }) => [
      severityCell(tr, d),
      cell(d.source ?? tr.t('findings.allSources'), 'code'),
      cell(n > 1 ? `${meaning} (${tr.num(n)}×)` : meaning),
    ]),
    widths: [18, 28, 54],
    empty: tr.t('findings.none'),
  };
}

/** Where a finding is: `source file:line:column`, or its path. */
export function placeOf(d: Diagnostic): string {
  const pos = d.line !== undefined ? `:${d.line}${d.column !== undefined ? `:${d.column}` : ''}` : '';
  const file = d.file ? `${d.file}${pos}` : d.path ?? '';
  return [d.source, file].filter(Boolean).join(' ');
}

/** The consultant's appendix: every finding with code, place, message and hint. */
export function consultantAppendix(tr: Translator, diagnostics: readonly ReportDiagnostic[]): Block {
  return {
    type: 'table',
    head: [tr.t('appendix.code'), tr.t('appendix.where'), tr.t('appendix.message'), tr.t('appendix.hint')],
    rows: diagnostics.map((d) => [
      [txt(d.code, 'code'), txt('', 'br'), ...severityCell(tr, d)],
      cell(placeOf(d), 'path'),
      cell(d.message),
      cell(d.hint ?? '', 'muted'),
    ]),
    widths: [24, 26, 30, 20],
    empty: tr.t('findings.none'),
  };
}
