/**
 * The report as Markdown (for tickets and wikis): the same document as the HTML, tables instead
 * of the chart, every user listed. Values that may hold backslashes (UNC paths, keys, host
 * names) go into code spans, where Markdown takes them as written: `\\fs-graz\procall$` stays so.
 */
import type { Block, Cell, Inline, ReportDocument, Table } from './document.js';
import { pushAll } from '../model/index.js';

// The one Markdown escaper, shared with the plan's Markdown and the rollout README (issue 20).
import { mdCode, mdText } from '../io/index.js';
export { mdCode, mdText };

function inline(x: Inline, inTable: boolean): string {
  switch (x.kind) {
    case 'text':
    case 'muted':
      return mdText(x.text);
    case 'strong':
      return x.text === '' ? '' : `**${mdText(x.text)}**`;
    case 'code':
    case 'path':
      return x.text === '' ? '' : mdCode(x.text, inTable);
    case 'badge':
      return mdText(x.text);
    case 'todo':
      return `**${mdText(x.text)}**`;
    case 'br':
      return inTable ? '<br>' : '  \n';
    default: {
      const _exhaustive: never = x.kind;
      return _exhaustive;
    }
  }
}

const cellMd = (c: Cell, inTable = true) => c.map((x) => inline(x, inTable)).join('').trim();

function table(tb: Table): string[] {
  if (tb.rows.length === 0) return [mdText(tb.empty), ''];
  if (tb.head.every((x) => x === '')) {
    // A key–value table: a list reads better than a table without heads.
    return [...tb.rows.map((r) => `- ${cellMd(r[0] ?? [], false)}: ${r.slice(1).map((c) => cellMd(c, false)).join(' ')}`), ''];
  }
  const cell = (c: Cell) => cellMd(c) || ' ';
  const align = tb.head.map((_, i) => (tb.numeric?.includes(i) ? ' ---: ' : ' --- '));
  return [`| ${tb.head.map(mdText).join(' | ')} |`, `|${align.join('|')}|`, ...tb.rows.map((r) => `| ${r.map(cell).join(' | ')} |`), ''];
}

function block(b: Block): string[] {
  switch (b.type) {
    case 'p':
      return b.only === 'html' ? [] : [cellMd(b.inl, false), ''];
    case 'table':
      return table(b);
    case 'chart':
      return [];
    case 'group':
      // A heading is bold already.
      return [`### ${cellMd(b.title.map((x) => (x.kind === 'strong' || x.kind === 'muted' ? { ...x, kind: 'text' as const } : x)), false)}`, '', ...b.blocks.flatMap(block)];
    case 'signature':
      return [
        `| | ${b.parties.map(mdText).join(' | ')} |`,
        `| --- |${b.parties.map(() => ' --- ').join('|')}|`,
        ...b.fields.map((f) => `| ${mdText(f)} |${b.parties.map(() => ' <br><br> ').join('|')}|`),
        '',
      ];
    default: {
      const _exhaustive: never = b;
      return _exhaustive;
    }
  }
}

export function renderDocumentMarkdown(doc: ReportDocument): string {
  const out: string[] = [];
  if (doc.draft) out.push(`# ${mdText(doc.draft.word)}: ${mdText(doc.heading)}`, '', `> **${mdText(doc.draft.banner)}**`, '');
  else out.push(`# ${mdText(doc.heading)}`, '');
  out.push(mdText(doc.subtitle), '', ...(doc.notice === '' ? [] : [`> ${mdText(doc.notice)}`, '']), doc.cards.map((c) => `**${mdText(c.value)}** ${mdText(c.label)}`).join(' · '), '');
  doc.sections.forEach((s, i) => {
    out.push(`## ${i + 1}. ${mdText(s.title)}`, '');
    if (doc.draft) out.push(`_${mdText(doc.draft.word)}_`, '');
    pushAll(out, s.blocks.flatMap(block));
  });
  return `${out.join('\n').trimEnd()}\n`;
}
