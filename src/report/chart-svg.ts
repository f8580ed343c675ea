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
export const RULE_STYLE: Record<string, { label: string; color: string }> = {
  mapping: { label: 'mapping file', color: '#0072B2' },
  lines: { label: "user's lines", color: '#E69F00' },
  request: { label: 'requested home server', color: '#56B4E9' },
  source: { label: 'source server', color: '#009E73' },
  balance: { label: 'balanced', color: '#CC79A7' },
};
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

export function ruleLabel(rule: string): string {
  return RULE_STYLE[rule]?.label ?? rule;
}

const total = (r: DistributionRow): number => Object.values(r.byRule).reduce((a, b) => a + b, 0);

export function homeServerChartSvg(rows: readonly DistributionRow[]): string {
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
          `${row.server}: ${n} by ${ruleLabel(rule)}`,
        )}</title></rect>`,
      );
      at += n;
    }
    if (row.maxUsers !== null) {
      const mx = x(row.maxUsers).toFixed(1);
      parts.push(`<line x1="${mx}" x2="${mx}" y1="${y - 3}" y2="${y + barHeight + 3}" stroke="#c92a2a" stroke-width="2" stroke-dasharray="4 2"><title>maxUsers ${row.maxUsers}</title></line>`);
    }
    const cap = row.maxUsers !== null ? ` / ${row.maxUsers}` : '';
    parts.push(`<text x="${labelWidth + barArea + 8}" y="${y + barHeight / 2 + 5}" class="num">${total(row)}${cap}</text>`);
  });
  const legendY = top + rows.length * (barHeight + gap) + 8;
  let lx = labelWidth;
  for (const rule of rules) {
    const label = ruleLabel(rule);
    parts.push(
      `<rect x="${lx}" y="${legendY}" width="14" height="14" fill="${ruleColor(rule, rules)}"/>`,
      `<text x="${lx + 20}" y="${legendY + 12}" class="lgd">${escapeHtml(label)}</text>`,
    );
    lx += 20 + label.length * 7 + 22;
  }
  if (rows.some((r) => r.maxUsers !== null)) {
    parts.push(
      `<line x1="${lx}" x2="${lx}" y1="${legendY - 1}" y2="${legendY + 15}" stroke="#c92a2a" stroke-width="2" stroke-dasharray="4 2"/>`,
      `<text x="${lx + 8}" y="${legendY + 12}" class="lgd">maxUsers</text>`,
    );
  }
  const height = legendY + 26;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" id="home-server-chart" role="img" aria-label="Users per home server, by the rule that placed them" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`,
    '<style>.lbl{font:13px sans-serif;fill:#212529}.num{font:bold 13px sans-serif;fill:#212529}.lgd{font:12px sans-serif;fill:#495057}</style>',
    ...parts,
    '</svg>',
  ].join('\n');
}
