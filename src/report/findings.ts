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
import { conflictValues } from './open-decisions.js';

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

/** The value a finding says the project decided: `…; decided by settings.global["x"] = “v” (file:line)`. */
export function decidedValue(message: string): string | undefined {
  return /; decided by [^=]+= “(.*?)”(?: \([^)]*\))?$/.exec(message)?.[1];
}

/** Codes whose finding concerns every source its message names (not only the one it points at). */
const CONCERNS_NAMED_SOURCES = new Set(['MAP_LICENSE_DUPLICATE', 'MAP_GLOBAL_SETTING_CONFLICT', 'MAP_LOCAL_SETTING_CONFLICT', 'MAP_GROUP_MERGED']);

/** The sources a finding concerns, for the „Betrifft“ column. */
export function concernsOf(d: Diagnostic, sourceNames: readonly string[]): string[] {
  if (CONCERNS_NAMED_SOURCES.has(d.code)) {
    const named = sourceNames.filter((s) => d.message.includes(s));
    if (named.length > 1) return named;
  }
  return d.source ? [d.source] : [];
}

/** The customer's sentence for one finding, with the sources' values of a conflict and what the project decided. */
export function plainMeaning(tr: Translator, d: Diagnostic): string {
  const key = `finding.${d.code}`;
  const source = d.source ?? tr.t('findings.allSources');
  const subject = subjectOf(d.message);
  const quoted = subject === '' ? '' : tr.lang === 'de' ? `„${subject}“` : `“${subject}”`;
  let text = tr.has(key) ? tr.t(key, { source, subject: quoted }) : tr.t(`finding.generic.${d.severity}` as MessageKey, { source });
  if (d.code === 'MAP_GLOBAL_SETTING_CONFLICT' || d.code === 'MAP_LOCAL_SETTING_CONFLICT') {
    const values = conflictValues(d.message);
    if (values.length > 0) text += ` ${tr.t('findings.values', { values: values.map((v) => `${v.source}: ${v.value}`).join('; ') })}`;
  }
  const decided = decidedValue(d.message);
  if (decided !== undefined) text += ` ${tr.t('findings.decided', { value: decided })}`;
  return text.replace(/ {2,}/g, ' ');
}

const severityCell = (tr: Translator, d: ReportDiagnostic): Cell => {
  const c: Cell = [txt(tr.t(`severity.${d.severity}`), 'badge', `sev-${d.severity}`)];
  if (d.accepted) c.push(txt('', 'br'), txt(tr.t('findings.accepted', { reason: d.accepted.reason }), 'muted'));
  return c;
};

/** The customer's findings table: one row per distinct (importance, server, meaning), with a count. */
export function customerFindings(tr: Translator, diagnostics: readonly ReportDiagnostic[], sourceNames: readonly string[] = []): Block {
  const rows = new Map<string, { d: ReportDiagnostic; n: number; meaning: string; concerns: string }>();
  for (const d of diagnostics.filter(forCustomer)) {
    const meaning = plainMeaning(tr, d);
    const concerns = concernsOf(d, sourceNames).join(', ');
    const k = JSON.stringify([d.severity, concerns, meaning, d.accepted?.reason ?? '']);
    const row = rows.get(k);
    if (row) row.n += 1;
    else rows.set(k, { d, n: 1, meaning, concerns });
  }
  return {
    type: 'table',
    head: [tr.t('findings.severity'), tr.t('findings.concerns'), tr.t('findings.meaning')],
    rows: [...rows.values()].map(({ d, n, meaning, concerns }) => [
      severityCell(tr, d),
      cell(concerns || tr.t('findings.allSources'), 'code'),
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
