/**
 * Diagnostics as text — the only place they become text. One line each,
 * `file:line:col  severity  CODE  message`, its hint indented below, grouped per source.
 */
import { sortDiagnostics, type Diagnostic } from '../model/diagnostics.js';
import { cmp } from '../model/order.js';

/** `config/users.xml:12:5`, or the project path (`servers[2].maxUsers`), or `-`. */
export function diagnosticLocation(d: Diagnostic): string {
  let where = d.file ?? '';
  if (where !== '' && d.line !== undefined) where += `:${d.line}${d.column !== undefined ? `:${d.column}` : ''}`;
  if (d.path !== undefined && d.line === undefined) where = where === '' ? d.path : `${where} ${d.path}`;
  return where === '' ? '-' : where;
}

export function renderDiagnosticLine(d: Diagnostic): string {
  const severity = d.accepted === undefined ? d.severity : `${d.severity} (accepted)`;
  let line = `${diagnosticLocation(d)}  ${severity}  ${d.code}  ${d.message}`;
  if (d.accepted !== undefined) line += `\n    accepted: ${d.accepted.reason}`;
  else if (d.hint) line += `\n    hint: ${d.hint}`;
  return line;
}

/** Codes listed one by one however many there are: each open decision is a line the consultant must edit. */
const ALWAYS_LISTED: ReadonlySet<string> = new Set(['PROJECT_OPEN_DECISION']);

/** How many diagnostics of one code one source shows before the rest are counted; 'all' shows all. */
export const DEFAULT_PER_CODE = 10;

/**
 * Grouped per source (in order of first appearance after sorting), each group headed by its
 * source. A code repeated for thousands of users shows its first `perCode` lines and a count:
 * the summary that follows must stay on the consultant's screen.
 */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], perCode: number | 'all' = DEFAULT_PER_CODE): string {
  if (diagnostics.length === 0) return '';
  const groups = new Map<string, Diagnostic[]>();
  for (const d of sortDiagnostics(diagnostics)) {
    const key = d.source ?? '(general)';
    const list = groups.get(key) ?? [];
    list.push(d);
    groups.set(key, list);
  }
  const out: string[] = [];
  for (const [source, list] of [...groups].sort(([a], [b]) => cmp(a, b))) {
    out.push(source);
    const seen = new Map<string, number>();
    for (const d of list) {
      const n = (seen.get(d.code) ?? 0) + 1;
      seen.set(d.code, n);
      if (perCode === 'all' || n <= perCode || ALWAYS_LISTED.has(d.code)) out.push(`  ${renderDiagnosticLine(d).replace(/\n/g, '\n  ')}`);
    }
    for (const [code, n] of seen) {
      if (perCode !== 'all' && n > perCode && !ALWAYS_LISTED.has(code)) out.push(`  … and ${n - perCode} more ${code} (the report lists every one)`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** `2 errors, 1 warning` (or `no problems`). */
export function diagnosticCounts(diagnostics: readonly Diagnostic[]): string {
  const n = (s: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === s).length;
  const parts: string[] = [];
  const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  if (n('error')) parts.push(plural(n('error'), 'error'));
  const accepted = diagnostics.filter((d) => d.severity === 'warning' && d.accepted !== undefined).length;
  if (n('warning')) parts.push(`${plural(n('warning'), 'warning')}${accepted > 0 ? ` (${accepted} accepted)` : ''}`);
  if (n('info')) parts.push(plural(n('info'), 'note'));
  return parts.length ? parts.join(', ') : 'no problems';
}
