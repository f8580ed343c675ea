/**
 * The report as one self-contained HTML file: inline CSS, inline SVG, one small inline script
 * (sorting and filtering the user table; the page works without it), no network. Every value is
 * escaped here. The print stylesheet repeats table heads, keeps rows whole, starts each section
 * on a new page and puts customer and plan digest (and DRAFT) on every page.
 */
import type { Block, Cell, Inline, ReportDocument, Table } from './document.js';
import { escapeHtml as h } from './escape.js';
import { USER_TABLE_SCRIPT } from './user-table-script.js';

const CSS = `
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#212529;margin:0;background:#f8f9fa}
main{max-width:1120px;margin:0 auto;padding:24px 32px 48px;background:#fff}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 10px;padding-bottom:4px;border-bottom:2px solid #dee2e6}
h3{font-size:15px;margin:18px 0 6px}.sub{color:#6c757d;margin:0 0 6px}.notice{margin:0 0 14px;padding:6px 10px;border-left:4px solid #74c0fc;background:#f1f8ff}
.draft-banner{margin:0 0 14px;padding:8px 12px;border:2px solid #c92a2a;color:#c92a2a;font-weight:700;background:#fff5f5}
.draft-mark{display:none}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(130px,1fr));gap:10px;margin:14px 0}
.card{border:1px solid #dee2e6;border-radius:6px;padding:8px 12px}
.card b{display:block;font-size:22px}.card span{color:#6c757d;font-size:12px}
.card.bad{border-color:#f1aeb5;background:#fff5f5}.card.warn{border-color:#ffe066;background:#fff9db}
table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:13px}
table.fixed{table-layout:fixed}
th,td{border-bottom:1px solid #e9ecef;padding:5px 8px;text-align:left;vertical-align:top;overflow-wrap:break-word}
th{background:#f1f3f5;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
code,.path{font:12px ui-monospace,Consolas,"DejaVu Sans Mono",monospace;background:#f1f3f5;padding:1px 4px;border-radius:3px}
.nw{white-space:nowrap}
.digest{font-size:13px;letter-spacing:.02em;word-break:break-all}
.badge{font-weight:600;border-radius:3px;padding:1px 6px;font-size:12px;white-space:nowrap;display:inline-block}
.sev-error,.st-failed,.st-preflightFailed,.st-open,.st-review,.pf-fail{background:#ffe3e3;color:#c92a2a}.sev-warning,.st-manual,.pf-warn{background:#fff3bf;color:#7c5b00}
.sev-info,.st-verify,.pf-skip{background:#e7f5ff;color:#1864ab}.st-ok,.st-preflight,.pf-pass{background:#d3f9d8;color:#2b8a3e}
.todo{color:#c92a2a;font-weight:700}.muted{color:#6c757d}
.names{font-size:13px}.kept{margin:4px 0 8px}
nav ol{columns:2;margin:0;padding-left:20px}
.group{border:1px solid #dee2e6;border-radius:6px;padding:4px 14px 8px;margin:12px 0;break-inside:avoid}
figure{margin:8px 0}svg{max-width:100%;height:auto}
.controls{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:8px 0}
.controls input,.controls select{font:inherit;padding:4px 8px;border:1px solid #ced4da;border-radius:4px}
.controls input{min-width:260px}
table.users th{cursor:pointer;user-select:none;white-space:nowrap}
table.users th[aria-sort=ascending]::after{content:" ▲"}table.users th[aria-sort=descending]::after{content:" ▼"}
table.users tbody tr:nth-child(even){background:#fafbfc}
table.users td:nth-child(1),table.users td:nth-child(3),table.users td:nth-child(4),table.users td:nth-child(5){white-space:nowrap}
.sign{display:flex;gap:24px;margin-top:16px;break-inside:avoid}
.sign>div{flex:1;border:1px solid #adb5bd;border-radius:6px;padding:10px 14px}
.sign h3{margin:0 0 10px}.sign p{margin:0 0 4px;font-size:12px;color:#495057}
.sign .line{border-bottom:1px solid #495057;height:30px;margin-bottom:10px}.sign .line.tall{height:54px}
@media print{
  body{background:#fff;font-size:10pt}
  table{font-size:8.5pt}th,td{padding:3px 5px}
  .cards{grid-template-columns:repeat(7,1fr);gap:6px}.card{padding:4px 8px}.card b{font-size:16pt}
  code,.path{font-size:8pt;padding:0 2px}
  main{max-width:none;padding:0}
  nav,.controls,.no-print{display:none}
  section{break-before:page}
  section:first-of-type,section.cont{break-before:auto}
  h2,h3{break-after:avoid}
  p{orphans:3;widows:3}
  /* A heading and the sentence that introduces a table stay with the table's first rows. */
  section>p:has(+table),section>p:has(+.controls),.group>p:has(+table){break-after:avoid}
  thead{display:table-header-group}
  tr,.card,.badge{break-inside:avoid}
  /* A short table moves whole; a long one never leaves its first or its last row alone on a page. */
  table.short{break-inside:avoid}
  tbody>tr:nth-child(2),tbody>tr:last-child{break-before:avoid}
  /* At A4 a badge wraps inside its column instead of running into the next one. */
  .badge{white-space:normal;max-width:100%;overflow-wrap:break-word;hyphens:auto;font-size:7.5pt}
  .kept,.names{break-inside:avoid}
  table.users th::after{content:none!important}
  table.users tr[hidden]{display:table-row}
  a{color:inherit;text-decoration:none}
  .draft-mark{display:block;position:fixed;top:40%;left:0;right:0;text-align:center;font-size:110px;font-weight:800;color:rgba(201,42,42,.10);transform:rotate(-30deg);z-index:10;pointer-events:none}
}
`;

/** A CSS string literal (customer name and digest in the page header). */
const cssString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/</g, '\\3C ').replace(/[\r\n]+/g, ' ')}"`;

function pageCss(doc: ReportDocument): string {
  const { left, right } = doc.printHeader;
  return `@page{size:A4;margin:18mm 14mm 16mm;@top-left{content:${cssString(left)};font:9pt sans-serif;color:#495057}@top-right{content:${cssString(right)};font:8pt sans-serif;color:#495057}@bottom-right{content:counter(page) " / " counter(pages);font:9pt sans-serif;color:#495057}}`;
}

/**
 * Breaks allowed only after a separator, never inside a name (browsers would break a host name
 * after its hyphens): paths after `/` and `\`, host names and keys also after `.` and `,`.
 */
function unbreakable(text: string, separators: RegExp = /(?<=[\\/.,\s])/): string {
  return text
    .split(separators)
    .map((seg) => (/[-\w]{2,}/.test(seg) ? `<span class="nw">${h(seg)}</span>` : h(seg)))
    .join('<wbr>');
}
/** A short single token with a hyphen or dot (a version, a server name) is kept whole; a longer one breaks only after its dots. */
const token = (text: string) => (/^[^\s]+$/.test(text) && /[-.]/.test(text) ? (text.length <= 16 ? `<span class="nw">${h(text)}</span>` : unbreakable(text)) : h(text));

function inline(x: Inline, plain = false): string {
  switch (x.kind) {
    case 'text':
      return plain ? h(x.text) : token(x.text);
    case 'strong':
      return `<b>${plain ? h(x.text) : token(x.text)}</b>`;
    case 'muted':
      return `<span class="muted">${h(x.text)}</span>`;
    case 'code':
      return `<code>${unbreakable(x.text)}</code>`;
    case 'path':
      return `<span class="path${x.cls ? ` ${h(x.cls)}` : ''}">${x.cls === 'digest' ? h(x.text) : unbreakable(x.text)}</span>`;
    case 'badge':
      return `<span class="badge ${h(x.cls ?? '')}">${h(x.text)}</span>`;
    case 'todo':
      return `<span class="todo">${h(x.text)}</span>`;
    case 'br':
      return '<br>';
    default: {
      const _exhaustive: never = x.kind;
      return _exhaustive;
    }
  }
}

/** `plain`: the 50,000-row user table stays lean; CSS keeps its name columns from wrapping. */
const cellHtml = (c: Cell, plain = false) => c.map((x) => inline(x, plain)).join('');

/**
 * Up to this many users the table is written out whole (it prints, and works without script);
 * above it the rows travel as JSON and the script shows the first matching ones, so a report of
 * 50,000 users opens in seconds. The Markdown report always lists every user.
 */
export const STATIC_USER_ROWS = 3000;
/** A table up to this many rows is printed on one page (moved whole to the next one if need be). */
const SHORT_TABLE_ROWS = 15;
const USER_PAGE = 500;

/** JSON that cannot end the script element it sits in. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
const cellText = (c: Cell) => c.map((x) => (x.kind === 'br' ? ' ' : x.text)).join('');

function table(tb: Table): string {
  if (tb.rows.length === 0) return `<p class="muted">${h(tb.empty)}</p>`;
  const num = (i: number) => (tb.numeric?.includes(i) ? ' class="n"' : '');
  const cols = tb.widths ? `<colgroup>${tb.widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>` : '';
  const head = tb.head.every((x) => x === '') ? '' : `<thead><tr>${tb.head.map((x, i) => `<th${num(i)}>${h(x)}</th>`).join('')}</tr></thead>`;
  const ia = tb.interactive;
  const large = ia !== undefined && tb.rows.length > STATIC_USER_ROWS;
  const plain = ia !== undefined;
  const body = large ? '' : tb.rows.map((r) => `<tr>${r.map((c, i) => `<td${num(i)}>${cellHtml(c, plain)}</td>`).join('')}</tr>`).join('\n');
  const classes = [tb.widths ? 'fixed' : '', ia ? 'users' : '', !ia && tb.rows.length <= SHORT_TABLE_ROWS ? 'short' : ''].filter(Boolean).join(' ');
  const attrs = ia ? ` id="${h(ia.id)}" data-filter-col="${ia.filterColumn}"${large ? ` data-page="${USER_PAGE}"` : ''}` : '';
  const t = `<table${attrs}${classes ? ` class="${classes}"` : ''}>${cols}${head}<tbody>\n${body}\n</tbody></table>`;
  if (!ia) return t;
  const data = large ? `\n<script type="application/json" id="${h(ia.id)}-data">${scriptJson(tb.rows.map((r) => r.map(cellText)))}</script>\n<p class="no-print"><button type="button" id="${h(ia.id)}-more" data-tpl="${h(ia.moreTemplate)}" hidden></button></p>` : '';
  return `<div class="controls">
<label>${h(ia.filterLabel)} <input type="search" id="${h(ia.id)}-q" placeholder="${h(ia.placeholder)}" autocomplete="off"></label>
<select id="${h(ia.id)}-server" aria-label="${h(ia.allLabel)}"><option value="">${h(ia.allLabel)}</option>${ia.options.map((o) => `<option>${h(o)}</option>`).join('')}</select>
<span id="${h(ia.id)}-count" class="muted" data-tpl="${h(ia.shownTemplate)}" aria-live="polite"></span>
<span class="muted">${h(ia.sortHint)}</span>
</div>${large ? `\n<p class="muted">${h(ia.largeNote)}</p>` : ''}
${t}${data}`;
}

function block(b: Block): string {
  switch (b.type) {
    case 'p':
      if (b.only === 'markdown') return '';
      return `<p${b.cls ? ` class="${h(b.cls)}"` : ''}>${cellHtml(b.inl)}</p>`;
    case 'table':
      return table(b);
    case 'chart':
      return `<figure>${b.svg}</figure>`;
    case 'group':
      return `<div class="group"><h3>${cellHtml(b.title)}</h3>\n${b.blocks.map(block).join('\n')}\n</div>`;
    case 'signature':
      return `<div class="sign">${b.parties
        .map((party) => `<div><h3>${h(party)}</h3>${b.fields.map((f, i) => `<p>${h(f)}</p><div class="line${i === b.fields.length - 1 ? ' tall' : ''}"></div>`).join('')}</div>`)
        .join('')}</div>`;
    default: {
      const _exhaustive: never = b;
      return _exhaustive;
    }
  }
}

export function renderDocumentHtml(doc: ReportDocument): string {
  const sections = doc.sections.map((s, i) => `<section id="${h(s.id)}"${s.continues ? ' class="cont"' : ''}>\n<h2>${i + 1}. ${h(s.title)}</h2>\n${s.blocks.map(block).join('\n')}\n</section>`);
  const hasUsers = doc.sections.some((s) => s.blocks.some((b) => b.type === 'table' && b.interactive));
  return `<!DOCTYPE html>
<html lang="${h(doc.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(doc.draft ? `${doc.draft.word} — ${doc.title}` : doc.title)}</title>
<style>${CSS}${pageCss(doc)}</style>
</head>
<body>
${doc.draft ? `<div class="draft-mark" aria-hidden="true">${h(doc.draft.word)}</div>` : ''}
<main>
${doc.draft ? `<p class="draft-banner">${h(doc.draft.banner)}</p>` : ''}
<h1>${h(doc.heading)}</h1>
<p class="sub">${h(doc.subtitle)}</p>
${doc.notice === '' ? '' : `<p class="notice">${h(doc.notice)}</p>`}
<div class="cards">
${doc.cards.map((c) => `<div class="card${c.cls ? ` ${c.cls}` : ''}"><b>${h(c.value)}</b><span>${h(c.label)}</span></div>`).join('')}
</div>
<nav aria-label="${h(doc.contentsTitle)}"><ol>${doc.sections.map((s) => `<li><a href="#${h(s.id)}">${h(s.title)}</a></li>`).join('')}</ol></nav>
${sections.join('\n')}
</main>
${hasUsers ? `<script>${USER_TABLE_SCRIPT}</script>` : ''}
</body>
</html>
`;
}
