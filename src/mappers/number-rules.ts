/**
 * Numbers a location rule rewrote (`236` → `+4976715236`) that match no line of any export: the
 * rule is wrong (a digit missing in its Replace) or the line is not exported. Either way the users
 * silently lose their line and are placed by another home-server rule, so each such rule is a
 * warning naming the rule, its inputs and outputs and the users affected (issue 18). The rule
 * that rewrote a number is also its provenance, shown by `plan --explain`.
 */
import type { LineRow } from '../model/index.js';
import type { NumberRewrite } from '../model/index.js';
import { at, cmp, listNames, pushTo, type MapContext } from './context.js';
import { PROVENANCE_RULES } from './provenance.js';
import type { ConsolidatedUser } from './types.js';

/** The rule detail provenance shows: `Munich#1: ^([0-9]{3})$ → +4989123\1`. */
export function rewriteRuleDetail(r: NumberRewrite): string {
  return `${r.location}#${r.ruleIndex}: ${r.search} → ${r.replace}`;
}

export const LOCATION_RULE = PROVENANCE_RULES.phoneNumberByLocation;

/** Records, for each user row, the rule that rewrote its own numbers (shared entries: one per rule). */
export function explainRewrites(ctx: MapContext, row: object, rewrites: readonly NumberRewrite[] | undefined, fields: readonly NumberRewrite['field'][]): void {
  for (const r of rewrites ?? []) if (fields.includes(r.field)) ctx.provenance.byRule(row, LOCATION_RULE, rewriteRuleDetail(r));
}

interface Missed {
  source: string;
  owner: string;
  rewrite: NumberRewrite;
}

/** One warning per rule whose results match no line of any export. */
export function checkRewrittenNumbers(
  ctx: MapContext,
  users: readonly ConsolidatedUser[],
  lines: ReadonlyMap<string, LineRow>,
): void {
  const byRule = new Map<string, Missed[]>();
  const rewrote = new Set<string>();
  for (const u of users) {
    for (const r of u.user.rewrites ?? []) {
      const key = `${u.source}\u0000${r.location}\u0000${r.ruleIndex}`;
      rewrote.add(key);
      if (lines.has(r.to)) continue;
      pushTo(byRule, key, { source: u.source, owner: u.user.userName, rewrite: r });
    }
  }
  for (const [, missed] of [...byRule].sort(([a], [b]) => cmp(a, b))) {
    const first = missed[0]!;
    const r = first.rewrite;
    const owners = [...new Set(missed.map((m) => m.owner))];
    const examples = missed.slice(0, 3).map((m) => `${m.rewrite.from} → ${m.rewrite.to}`);
    const base = locationNumber(ctx, first.source, r.location);
    ctx.warn(
      'MAP_LOCATION_RULE_NO_LINE',
      `location rule ${r.location}#${r.ruleIndex} (Search ${r.search}, Replace ${r.replace}) of ${first.source} made ${missed.length} number(s) that no line of any export has (${examples.join(', ')}${missed.length > 3 ? ', …' : ''}): ${owners.length} user(s) lose their line: ${listNames(owners)}`,
      {
        ...at(first.source, r.pos),
        subject: `rule:${r.location}#${r.ruleIndex}`,
        params: {
          location: r.location,
          rule: `${r.location}#${r.ruleIndex}`,
          search: r.search,
          replace: r.replace,
          input: r.from,
          output: r.to,
          count: missed.length,
          users: owners,
          ...(base === undefined ? {} : { locationNumber: base }),
        },
        hint: `check the rule's Replace against the location's number${base === undefined ? '' : ` ${base}`} (a digit missing?) in config/locations.xml, or give the users their numbers with overrides: entries (entity: user, field: phoneNumber); without a line they are placed by another home-server rule`,
      },
    );
  }
}

/**
 * Users whose own number (not rewritten by a rule: that is the warning above) is no line of any
 * export: they keep the number, but DataCenter gives them no own line. One note per source,
 * naming every user (the report lists them), so the association is never lost without a line.
 */
export function checkNumbersWithoutLine(ctx: MapContext, users: readonly ConsolidatedUser[], lines: ReadonlyMap<string, LineRow>): void {
  const bySource = new Map<string, ConsolidatedUser[]>();
  for (const u of users) {
    const n = u.user.phoneNumber;
    if (n === '' || lines.has(n)) continue;
    if (u.user.rewrites?.some((r) => r.field === 'phoneNumber')) continue;
    pushTo(bySource, u.source, u);
  }
  for (const [source, list] of [...bySource].sort(([a], [b]) => cmp(a, b))) {
    const names = list.map((u) => u.user.userName);
    ctx.info('MAP_USER_NUMBER_NO_LINE', `${list.length} user(s) of ${source} have a phone number no line of any export has; they keep the number but get no own line: ${listNames(list.map((u) => `${u.user.userName} (${u.user.phoneNumber})`))}`, {
      source,
      subject: list.length === 1 ? `user:${names[0]}` : `source:${source}`,
      params: { source, count: list.length, users: names, numbers: list.map((u) => u.user.phoneNumber) },
      hint: 'export the line group that holds these numbers, or correct the numbers with overrides: entries (entity: user, field: phoneNumber)',
    });
  }
}

/** `+<CountryCode><CityCode><LocalNumber>` of a source's location, when it defines all three. */
function locationNumber(ctx: MapContext, source: string, name: string): string | undefined {
  const loc = ctx.exports.find((e) => e.source === source)?.locations.find((l) => l.name === name);
  if (loc === undefined || loc.countryCode === '' || loc.localNumber === '') return undefined;
  return `+${loc.countryCode}${loc.cityCode}${loc.localNumber}`;
}
