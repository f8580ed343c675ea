/**
 * Findings (diagnostics) for the two audiences. The customer reads each in plain words rendered
 * from its code and params (`i18n/findings-de.ts`, `findings-en.ts`; the generic sentence of its
 * severity only for a finding that lacks them, e.g. from an older saved plan), without code, hint
 * or path; findings only the consultant can act on are left out. The consultant's appendix lists
 * every finding with code, file:line, message and hint. Nothing here reads a finding's message
 * to learn anything: the message is shown to the consultant as it is.
 */
import type { Diagnostic } from '../model/index.js';
import type { Translator } from './i18n/index.js';
import { moreFindings, renderFinding } from './i18n/index.js';
import { cell, txt, type Block, type Cell } from './document.js';

/** A finding as the report shows it (an accepted warning keeps its reason). */
export type ReportDiagnostic = Diagnostic & { accepted?: { reason: string } };

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

/** The value a finding says the project decided (its params `decided`), if any. */
export function decidedValue(d: Pick<Diagnostic, 'params'>): string | undefined {
  const v = d.params?.['decided'];
  return typeof v === 'string' ? v : undefined;
}

/** The source servers a finding names in its params (`servers` / `sources`: a duplicate, a conflict, a merge). */
function namedServers(d: Pick<Diagnostic, 'params'>): string[] {
  const out: string[] = [];
  for (const name of ['servers', 'sources']) {
    const v = d.params?.[name];
    if (Array.isArray(v)) out.push(...v);
  }
  return out;
}

/** The sources a finding concerns, for the „Betrifft“ column: every source of the run its params name (two or more), else its own. */
export function concernsOf(d: Diagnostic, sourceNames: readonly string[]): string[] {
  const named = new Set(namedServers(d).map((s) => s.toLowerCase()));
  const concerned = sourceNames.filter((s) => named.has(s.toLowerCase()));
  if (concerned.length > 1) return concerned;
  return d.source ? [d.source] : [];
}

/** The customer's sentence for one finding (its values and what the project decided are part of it). */
export function plainMeaning(tr: Translator, d: Diagnostic): string {
  return renderFinding(d, tr.lang);
}

/** Examples of one kind (code) of finding per server shown to the customer; the rest are counted in one row. */
const EXAMPLES_PER_KIND = 5;

const severityCell = (tr: Translator, d: ReportDiagnostic): Cell => {
  const c: Cell = [txt(tr.t(`severity.${d.severity}`), 'badge', `sev-${d.severity}`)];
  if (d.accepted) c.push(txt('', 'br'), txt(tr.t('findings.accepted', { reason: d.accepted.reason }), 'muted'));
  return c;
};

/** The customer's findings table: one row per distinct (importance, server, meaning), with a count. */
export function customerFindings(tr: Translator, diagnostics: readonly ReportDiagnostic[], sourceNames: readonly string[] = []): Block {
  const rows = new Map<string, { d: ReportDiagnostic; n: number; meaning: string; concerns: string }>();
  // Findings name their user, group or number: 3,000 numbers not in +… form are five examples and one count, not 3,000 rows.
  const perKind = new Map<string, { shown: number; more: number; row?: { d: ReportDiagnostic; n: number; meaning: string; concerns: string } }>();
  for (const d of diagnostics.filter(forCustomer)) {
    const meaning = plainMeaning(tr, d);
    const concerns = concernsOf(d, sourceNames).join(', ');
    const k = JSON.stringify([d.severity, concerns, meaning, d.accepted?.reason ?? '']);
    const row = rows.get(k);
    if (row) {
      row.n += 1;
      continue;
    }
    const kindKey = JSON.stringify([d.severity, concerns, d.code, d.accepted?.reason ?? '']);
    const kind = perKind.get(kindKey) ?? { shown: 0, more: 0 };
    perKind.set(kindKey, kind);
    if (kind.shown < EXAMPLES_PER_KIND) {
      kind.shown += 1;
      rows.set(k, { d, n: 1, meaning, concerns });
      continue;
    }
    // The count row stands right after its kind's examples; its sentence is written once the count is known.
    kind.more += 1;
    if (kind.row === undefined) {
      kind.row = { d, n: 1, meaning: '', concerns };
      rows.set(`${kindKey}\u0000more`, kind.row);
    }
  }
  for (const kind of perKind.values()) if (kind.row !== undefined) kind.row.meaning = moreFindings(kind.more, tr.lang);
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
