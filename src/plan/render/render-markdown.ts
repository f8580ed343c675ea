/** The plan as Markdown, for the customer's DBA: what will be written, where, and what is removed. */
import { qualified } from '../../model/index.js';
import type { ActionCounts, Plan, RowChange } from '../../model/index.js';
import { EMPTY_FINGERPRINT, planDigest } from '../digest.js';
import { placePath } from '../canonical.js';
import { formatProvenance } from '../provenance.js';
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
import { destructiveChanges, summarizeByServer, totals } from '../summary.js';
import { pushAll } from '../../model/index.js';
import { mdCode, mdText } from '../../io/index.js';

export interface MarkdownRenderOptions {
  /** Changes listed per table; default `all`: the DBA signs off the whole document, not a sample. */
  limit?: DetailLimit;
  /** `--explain`: a column saying where each change's values came from (ledger.md §1). */
  explain?: boolean;
  /**
   * The folder the Markdown goes to (the `--out` file's folder; the working directory for
   * stdout). Paths are shown and the digest computed as a plan saved there writes them
   * (canonical.ts `placePath`): the `.md` beside `plan.json` shows that file's digest. Absent:
   * paths as they are.
   */
  relativeTo?: string;
}

const ACTION_WORD = { create: 'add', update: 'change', delete: 'remove', kept: 'kept' } as const;

export function renderPlanMarkdown(plan: Plan, opts: MarkdownRenderOptions = {}): string {
  const limit = opts.limit ?? 'all';
  const out: string[] = ['# Migration plan', ''];

  // Every value through the one Markdown escaper (issue 20): a `|`, a link or `<script>` in a name stays text.
  const place = (p: string) => placePath(p, opts.relativeTo);
  const sources = plan.sources.map((s) => `${mdText(s.server)} (${mdCode(place(s.path))}, ${plural(s.files.length, 'file')})`).join('<br>') || '—';
  out.push(
    ...table(
      ['', ''],
      [
        ['Tool version', mdText(plan.toolVersion)],
        ['Project', `${mdCode(place(plan.project.path))} (sha256 ${mdCode(plan.project.sha256)})`],
        ['Sources', sources],
        ['Target', plan.targetFingerprint === EMPTY_FINGERPRINT ? 'empty database' : `fingerprint ${mdCode(plan.targetFingerprint)}`],
        ['Prune', plan.prune ? 'yes: rows of these sources no longer in the exports are removed' : 'no'],
        ['Plan digest', `\`${planDigest(plan, opts.relativeTo === undefined ? {} : { relativeTo: opts.relativeTo })}\``],
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
    out.push('', ...countTable('Table', [...tableRows.map(([name, c]): [string, ActionCounts] => [mdCode(name), c]), ['**Total**', totals(plan.changes)]]));
    out.push('', '### Per server', '', ...countTable('Server', Object.entries(summarizeByServer(plan.changes)).map(([name, c]): [string, ActionCounts] => [mdText(name), c])));
    const destructive = destructiveChanges(plan.changes);
    out.push('', '### Destructive changes', '');
    if (destructive.length === 0) out.push('None: nothing is removed.');
    const shown = shownCount(destructive.length, limit);
    for (const change of destructive.slice(0, shown)) out.push(`- ${mdText(changeLabel(change))}`);
    if (shown < destructive.length) out.push(`- … and ${destructive.length - shown} more (see the JSON plan)`);
  }

  if (plan.diagnostics.length > 0) {
    out.push('', '## Diagnostics', '');
    out.push(
      ...table(
        // The hint in a column of its own: run on after the message, it read as one sentence.
        ['Severity', 'Code', 'Message', 'Hint', 'Where'],
        plan.diagnostics.map((d) => [
          mdText(d.accepted === undefined ? d.severity : `${d.severity} (accepted: ${d.accepted.reason})`),
          mdCode(d.code),
          mdText(d.message),
          mdText(d.hint ?? ''),
          mdText([d.source, d.file && (d.line ? `${d.file}:${d.line}` : d.file), d.path].filter(Boolean).join(' ')),
        ]),
        false,
      ),
    );
  }

  for (const [name, changes] of groupByTable(plan.changes)) {
    out.push('', `## ${mdText(qualified(name))}`, '');
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
  return (change.provenance ?? []).map((p) => mdText(formatProvenance(p))).join('<br>');
}

function changeRow(change: RowChange): string[] {
  return [ACTION_WORD[change.action], mdText(keyLabel(change.key)), mdText(change.server ?? ''), details(change).map(mdText).join('<br>')];
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

/** Rows named by Markdown the caller escaped (a code span, `**Total**`, a server's escaped name). */
function countTable(title: string, rows: [string, ActionCounts][]): string[] {
  return table([title, 'Add', 'Change', 'Remove'], rows.map(([name, c]) => [name, String(c.create), String(c.update), String(c.delete)]), false);
}

/** A Markdown table; cells escaped unless `escape` is false (for cells this module formatted). */
function table(head: string[], rows: string[][], escape = true): string[] {
  const fmt = (cells: string[]) => `| ${cells.map((c) => (escape ? cell(c) : c)).join(' | ')} |`;
  return [fmt(head), `|${head.map(() => '---').join('|')}|`, ...rows.map(fmt)];
}

/** Cell text safe inside a table row: the one Markdown escaper's plain text (src/io/markdown.ts). */
export function cell(text: string): string {
  return mdText(text);
}
