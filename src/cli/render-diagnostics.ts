/**
 * Diagnostics as text — the only place they become text. One line each,
 * `file:line:col  severity  CODE  message`, its hint indented below, grouped per source.
 */
import { sortDiagnostics, type Diagnostic } from '../model/index.js';
import { cappedCount } from '../io/index.js';
import { showInvisible } from '../io/index.js';
import { cmp } from '../model/index.js';

/**
 * `config/users.xml:12:5`, or the project path (`servers[2].maxUsers`), or what it is about
 * (`server:dc-02`), or `(no file)` for a finding about the whole run: a bare `-` reads like a
 * position that got lost.
 */
export function diagnosticLocation(d: Diagnostic): string {
  let where = d.file ?? '';
  if (where !== '' && d.line !== undefined) where += `:${d.line}${d.column !== undefined ? `:${d.column}` : ''}`;
  if (d.path !== undefined && d.line === undefined) where = where === '' ? d.path : `${where} ${d.path}`;
  return where !== '' ? where : (d.subject ?? '(no file)');
}

/** Options shown per finding in text; `--json` carries every one. */
const DECIDE_SHOWN = 3;
/** A value longer than this is cut in text (`--json` and the option's yaml carry it whole). */
const DECIDE_VALUE_CHARS = 100;

/** `decide: label: path = value` lines (docs/decide.md), first option first. */
export function renderDecideLines(d: Diagnostic): string[] {
  if (d.accepted !== undefined || d.decide === undefined || d.decide.length === 0) return [];
  const lines = d.decide.slice(0, DECIDE_SHOWN).map((o) => {
    const json = JSON.stringify(o.value) ?? 'null';
    const value = json.length > DECIDE_VALUE_CHARS ? `${json.slice(0, DECIDE_VALUE_CHARS - 1)}…` : json;
    return `decide: ${o.label}: ${o.path} = ${value}`;
  });
  if (d.decide.length > DECIDE_SHOWN) lines.push(`decide: … and ${d.decide.length - DECIDE_SHOWN} more option(s) (--json lists every one)`);
  return lines;
}

export function renderDiagnosticLine(d: Diagnostic): string {
  const severity = d.accepted === undefined ? d.severity : `${d.severity} (accepted)`;
  // Names from the exports may hold a right-to-left override: shown as ⟨U+202E⟩, so the terminal cannot reorder the line.
  let line = showInvisible(`${diagnosticLocation(d)}  ${severity}  ${d.code}  ${d.message}`);
  if (d.accepted !== undefined) line += `\n    accepted: ${d.accepted.reason}`;
  else if (d.hint) line += `\n    hint: ${d.hint}`;
  for (const l of renderDecideLines(d)) line += `\n    ${l}`;
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
    // Findings a collector only counted (io/diagnostic-cap.ts): folded into the one "… and N more" line of their code.
    const counted = new Map<string, number>();
    for (const d of list) {
      const more = cappedCount(d);
      if (more !== undefined) {
        counted.set(d.code, (counted.get(d.code) ?? 0) + more);
        continue;
      }
      const n = (seen.get(d.code) ?? 0) + 1;
      seen.set(d.code, n);
      if (perCode === 'all' || n <= perCode || ALWAYS_LISTED.has(d.code)) out.push(`  ${renderDiagnosticLine(d).replace(/\n/g, '\n  ')}`);
    }
    for (const [code, n] of seen) {
      const hidden = (perCode === 'all' || ALWAYS_LISTED.has(code) ? 0 : Math.max(0, n - perCode)) + (counted.get(code) ?? 0);
      if (hidden > 0) out.push(`  … and ${hidden.toLocaleString('en-US')} more ${code}${counted.has(code) ? '' : ' (the report lists every one)'}`);
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
