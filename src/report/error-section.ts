/**
 * The draft's first section (issue 18 item 2): every error that keeps the project from a plan, in
 * the customer's words (the finding's sentence from its code and params). The consultant's
 * audience also reads the code and how the project settles each (its `decide` options, the
 * snippet to paste); the customer's does not, it reads what is wrong and whom it concerns.
 */
import type { Audience, Block, Cell, Inline } from './document.js';
import { cell, txt } from './document.js';
import { concernsOf, plainMeaning } from './findings.js';
import type { Translator } from './i18n/index.js';
import { moreFindings } from './i18n/index.js';
import type { ReportDiagnostic } from './report-data.js';

/** Errors of one code listed one by one; the rest of that code are counted in one row (all are in the appendix and `--json`). */
export const ERRORS_PER_CODE = 50;

/** The decide options: the label, then the project snippet line by line in monospace. */
function decideCell(tr: Translator, d: ReportDiagnostic): Cell {
  const options = d.decide ?? [];
  if (options.length === 0) return cell(tr.t('errors.noDecide'), 'muted');
  const out: Inline[] = [];
  options.forEach((o, i) => {
    if (i > 0) out.push(txt('', 'br'));
    out.push(txt(o.label, 'strong'));
    for (const line of o.yaml.split('\n')) if (line.trim() !== '') out.push(txt('', 'br'), txt(line, 'code'));
  });
  return out;
}

export function errorBlocks(tr: Translator, errors: readonly ReportDiagnostic[], sourceNames: readonly string[], audience: Audience): Block[] {
  const consultant = audience === 'consultant';
  const rows: Cell[][] = [];
  // The customer reads one row per distinct sentence (with a count); the consultant one per error, each with its decision.
  const same = new Map<string, { row: Cell[]; n: number; meaning: string }>();
  const perCode = new Map<string, number>();
  const hidden = new Map<string, { row: Cell[]; n: number }>();
  for (const d of errors) {
    const meaning = plainMeaning(tr, d);
    const concerns = concernsOf(d, sourceNames).join(', ') || tr.t('findings.allSources');
    const k = JSON.stringify([concerns, meaning]);
    const seen = consultant ? undefined : same.get(k);
    if (seen) {
      seen.n += 1;
      seen.row[2] = cell(`${seen.meaning} (${tr.num(seen.n)}×)`);
      continue;
    }
    const n = (perCode.get(d.code) ?? 0) + 1;
    perCode.set(d.code, n);
    if (n > ERRORS_PER_CODE) {
      const more = hidden.get(d.code);
      if (more) {
        more.n += 1;
        more.row[2] = cell(moreFindings(more.n, tr.lang));
      } else {
        const row: Cell[] = [consultant ? [txt(d.code, 'code')] : cell(String(rows.length + 1)), cell(concerns, 'code'), cell(moreFindings(1, tr.lang))];
        hidden.set(d.code, { row, n: 1 });
        rows.push(row);
      }
      continue;
    }
    const row: Cell[] = [consultant ? [txt(d.code, 'code')] : cell(String(rows.length + 1)), cell(concerns, 'code'), cell(meaning)];
    if (consultant) row.push(decideCell(tr, d));
    same.set(k, { row, n: 1, meaning });
    rows.push(row);
  }
  // A count row of the consultant's table gets an empty decision cell: the decisions are in the appendix.
  for (const r of rows) if (consultant && r.length === 3) r.push([]);
  return [
    { type: 'p', inl: [txt(tr.t('errors.intro'))] },
    {
      type: 'table',
      head: [consultant ? tr.t('appendix.code') : tr.t('checklist.n'), tr.t('findings.concerns'), tr.t('errors.what'), ...(consultant ? [tr.t('errors.decide')] : [])],
      rows,
      widths: consultant ? [18, 18, 34, 30] : [6, 30, 64],
      empty: tr.t('findings.none'),
    },
  ];
}
