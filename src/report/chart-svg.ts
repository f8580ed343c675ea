/**
 * The home-server distribution as an inline SVG bar chart: one horizontal bar per ucserver,
 * stacked by the rule that placed each user, with a legend and the server's maxUsers marked.
 * Plain SVG, no script, so it renders in any browser and in print.
 */
import { escapeHtml } from './escape.js';

export interface DistributionRow {
  server: string;
  maxUsers: number | null;
  /** Users per rule (`mapping`, `lines`, `request`, `source`, `balance`). */
  byRule: Record<string, number>;
}

/** Known rules in the contract's order, with colour-blind-safe colours (Okabe–Ito). */
export const RULE_STYLE: Record<string, { color: string }> = {
  mapping: { color: '#0072B2' },
  lines: { color: '#E69F00' },
  request: { color: '#56B4E9' },
  source: { color: '#009E73' },
  balance: { color: '#CC79A7' },
};

/** The chart's words, from the report's catalog. */
export interface ChartLabels {
  rule(rule: string): string;
  /** `rule`: the rule's id (`source`), for a phrase that fits the sentence (`durch den bisherigen Server`). */
  barTitle(server: string, n: number, ruleLabel: string, rule: string): string;
  maxMark: string;
  ariaLabel: string;
  num(n: number): string;
}
const EXTRA_COLORS = ['#D55E00', '#F0E442', '#999999'];

/** The rules present, known ones first in contract order, then others by name. */
export function rulesIn(rows: readonly DistributionRow[]): string[] {
  const present = new Set(rows.flatMap((r) => Object.keys(r.byRule).filter((k) => (r.byRule[k] ?? 0) > 0)));
  const known = Object.keys(RULE_STYLE).filter((k) => present.has(k));
  const other = [...present].filter((k) => !(k in RULE_STYLE)).sort();
  return [...known, ...other];
}

export function ruleColor(rule: string, rules: readonly string[]): string {
  return RULE_STYLE[rule]?.color ?? EXTRA_COLORS[Math.max(0, rules.filter((r) => !(r in RULE_STYLE)).indexOf(rule)) % EXTRA_COLORS.length]!;
}

const total = (r: DistributionRow): number => Object.values(r.byRule).reduce((a, b) => a + b, 0);

export function homeServerChartSvg(rows: readonly DistributionRow[], labels: ChartLabels): string {
  const ruleLabel = (rule: string) => labels.rule(rule);
  const rules = rulesIn(rows);
  const labelWidth = Math.min(220, Math.max(90, ...rows.map((r) => r.server.length * 7.5 + 16)));
  const barArea = 440;
  const countWidth = 110;
  const barHeight = 26;
  const gap = 12;
  const top = 10;
  const width = labelWidth + barArea + countWidth;
  const scaleMax = Math.max(1, ...rows.map((r) => Math.max(total(r), r.maxUsers ?? 0)));
  const x = (n: number) => labelWidth + (n / scaleMax) * barArea;
  const parts: string[] = [];
  rows.forEach((row, i) => {
    const y = top + i * (barHeight + gap);
    parts.push(
      `<text x="${labelWidth - 8}" y="${y + barHeight / 2 + 5}" text-anchor="end" class="lbl">${escapeHtml(row.server)}</text>`,
      `<rect x="${labelWidth}" y="${y}" width="${barArea}" height="${barHeight}" fill="#f1f3f5"/>`,
    );
    let at = 0;
    for (const rule of rules) {
      const n = row.byRule[rule] ?? 0;
      if (n <= 0) continue;
      const w = x(at + n) - x(at);
      parts.push(
        `<rect x="${x(at).toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${ruleColor(rule, rules)}"><title>${escapeHtml(
          labels.barTitle(row.server, n, ruleLabel(rule), rule),
        )}</title></rect>`,
      );
      at += n;
    }
    if (row.maxUsers !== null) {
      const mx = x(row.maxUsers).toFixed(1);
      parts.push(`<line x1="${mx}" x2="${mx}" y1="${y - 3}" y2="${y + barHeight + 3}" stroke="#c92a2a" stroke-width="2" stroke-dasharray="4 2"><title>${escapeHtml(`${labels.maxMark}: ${labels.num(row.maxUsers)}`)}</title></line>`);
    }
    const cap = row.maxUsers !== null ? ` / ${labels.num(row.maxUsers)}` : '';
    parts.push(`<text x="${labelWidth + barArea + 8}" y="${y + barHeight / 2 + 5}" class="num">${escapeHtml(labels.num(total(row)) + cap)}</text>`);
  });
  // The legend wraps onto more rows where the labels (German ones are long) do not fit.
  let legendY = top + rows.length * (barHeight + gap) + 8;
  let lx = labelWidth;
  const place = (w: number) => {
    if (lx > labelWidth && lx + w > width) {
      lx = labelWidth;
      legendY += 22;
    }
    const at = lx;
    lx += w;
    return at;
  };
  for (const rule of rules) {
    const label = ruleLabel(rule);
    const at = place(20 + label.length * 7 + 22);
    parts.push(
      `<rect x="${at}" y="${legendY}" width="14" height="14" fill="${ruleColor(rule, rules)}"/>`,
      `<text x="${at + 20}" y="${legendY + 12}" class="lgd">${escapeHtml(label)}</text>`,
    );
  }
  if (rows.some((r) => r.maxUsers !== null)) {
    const at = place(8 + labels.maxMark.length * 7 + 8);
    parts.push(
      `<line x1="${at}" x2="${at}" y1="${legendY - 1}" y2="${legendY + 15}" stroke="#c92a2a" stroke-width="2" stroke-dasharray="4 2"/>`,
      `<text x="${at + 8}" y="${legendY + 12}" class="lgd">${escapeHtml(labels.maxMark)}</text>`,
    );
  }
  const height = legendY + 26;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" id="home-server-chart" role="img" aria-label="${escapeHtml(labels.ariaLabel)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`,
    '<style>.lbl{font:13px sans-serif;fill:#212529}.num{font:bold 13px sans-serif;fill:#212529}.lgd{font:12px sans-serif;fill:#495057}</style>',
    ...parts,
    '</svg>',
  ].join('\n');
}
