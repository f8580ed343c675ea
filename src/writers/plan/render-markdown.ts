/** The plan as Markdown, for the customer's DBA: what will be written, where, and what is removed. */
import { qualified } from '../../model/dc-schema.js';
import type { ActionCounts, Plan, RowChange } from '../../model/plan.js';
import { EMPTY_FINGERPRINT, planDigest } from './digest.js';
import { formatProvenance } from './provenance.js';
import {
  changedCells,
  changeLabel,
  createdCells,
  groupByTable,
  headline,
  keptCells,
  keyLabel,
  plural,
  shownCount,
  type DetailLimit,
} from './format.js';
import { destructiveChanges, summarizeByServer, totals } from './summary.js';
import { pushAll } from '../../model/arrays.js';

export interface MarkdownRenderOptions {
  /** Changes listed per table; default `all`: the DBA signs off the whole document, not a sample. */
  limit?: DetailLimit;
  /** `--explain`: a column saying where each change's values came from (ledger.md §1). */
  explain?: boolean;
}

const ACTION_WORD = { create: 'add', update: 'change', delete: 'remove', kept: 'kept' } as const;

export function renderPlanMarkdown(plan: Plan, opts: MarkdownRenderOptions = {}): string {
  const limit = opts.limit ?? 'all';
  const out: string[] = ['# Migration plan', ''];

  const sources = plan.sources.map((s) => cell(`${s.server} (\`${s.path}\`, ${plural(s.files.length, 'file')})`)).join('<br>') || '—';
  out.push(
    ...table(
      ['', ''],
      [
        ['Tool version', cell(plan.toolVersion)],
        ['Project', cell(`\`${plan.project.path}\` (sha256 \`${plan.project.sha256}\`)`)],
        ['Sources', sources],
        ['Target', plan.targetFingerprint === EMPTY_FINGERPRINT ? 'empty database' : `fingerprint \`${plan.targetFingerprint}\``],
        ['Prune', plan.prune ? 'yes: rows of these sources no longer in the exports are removed' : 'no'],
        ['Plan digest', `\`${planDigest(plan)}\``],
      ],
      false,
    ),
    '',
    '## Summary',
    '',
    `**${headline(totals(plan.changes))}**`,
  );

  if (plan.changes.length > 0) {
    const tableRows = Object.entries(plan.summary).filter(([, c]) => c.create + c.update + c.delete > 0);
    out.push('', ...countTable('Table', [...tableRows, ['**Total**', totals(plan.changes)]], true));
    out.push('', '### Per server', '', ...countTable('Server', Object.entries(summarizeByServer(plan.changes)), false));
    const destructive = destructiveChanges(plan.changes);
    out.push('', '### Destructive changes', '');
    if (destructive.length === 0) out.push('None: nothing is removed.');
    const shown = shownCount(destructive.length, limit);
    for (const change of destructive.slice(0, shown)) out.push(`- ${cell(changeLabel(change))}`);
    if (shown < destructive.length) out.push(`- … and ${destructive.length - shown} more (see the JSON plan)`);
  }

  if (plan.diagnostics.length > 0) {
    out.push('', '## Diagnostics', '');
    out.push(
      ...table(
        // The hint in a column of its own: run on after the message, it read as one sentence.
        ['Severity', 'Code', 'Message', 'Hint', 'Where'],
        plan.diagnostics.map((d) => [
          d.accepted === undefined ? d.severity : `${d.severity} (accepted: ${d.accepted.reason})`,
          `\`${d.code}\``,
          d.message,
          d.hint ?? '',
          [d.source, d.file && (d.line ? `${d.file}:${d.line}` : d.file), d.path].filter(Boolean).join(' '),
        ]),
      ),
    );
  }

  for (const [name, changes] of groupByTable(plan.changes)) {
    out.push('', `## ${qualified(name)}`, '');
    const shown = shownCount(changes.length, limit);
    const head = ['Action', 'Key', 'Server', 'Details', ...(opts.explain ? ['From'] : [])];
    const rows = changes.slice(0, shown).map((change) => [...changeRow(change), ...(opts.explain ? [explainCell(change)] : [])]);
    pushAll(out, table(head, rows, false));
    if (shown < changes.length) out.push('', `… and ${changes.length - shown} more (see the JSON plan).`);
  }
  return `${out.join('\n')}\n`;
}

/** `ucs-ber-01 users.xml:42:5<br>rule home server by lines (…)`: one line per origin. */
function explainCell(change: RowChange): string {
  return (change.provenance ?? []).map((p) => cell(formatProvenance(p))).join('<br>');
}

function changeRow(change: RowChange): string[] {
  return [ACTION_WORD[change.action], cell(keyLabel(change.key)), cell(change.server ?? ''), details(change).map(cell).join('<br>')];
}

/** A create lists its cells, an update its changed columns; a delete's row is named by its key. */
function details(change: RowChange): string[] {
  switch (change.action) {
    case 'create':
      return createdCells(change);
    case 'update':
      return changedCells(change);
    case 'delete':
      return [];
    case 'kept':
      return keptCells(change);
    default: {
      const _exhaustive: never = change.action;
      return _exhaustive;
    }
  }
}

function countTable(title: string, rows: [string, ActionCounts][], code: boolean): string[] {
  return table(
    [title, 'Add', 'Change', 'Remove'],
    rows.map(([name, c]) => [code && name.startsWith('dc.') ? `\`${name}\`` : name, String(c.create), String(c.update), String(c.delete)]),
    false,
  );
}

/** A Markdown table; cells escaped unless `escape` is false (for cells this module formatted). */
function table(head: string[], rows: string[][], escape = true): string[] {
  const fmt = (cells: string[]) => `| ${cells.map((c) => (escape ? cell(c) : c)).join(' | ')} |`;
  return [fmt(head), `|${head.map(() => '---').join('|')}|`, ...rows.map(fmt)];
}

/**
 * Cell text safe inside a table row: no pipes, no raw HTML, one line, and backslashes shown as
 * written (`\\ah-fs01\share` would render as `\ah-fs01…`). Inside code spans a backslash is
 * literal already, so only the text around them is escaped.
 */
export function cell(text: string): string {
  const escaped = text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\\/g, '\\\\')))
    .join('');
  return escaped.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;');
}
