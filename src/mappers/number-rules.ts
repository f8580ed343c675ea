/**
 * Numbers a location rule rewrote (`236` → `+4976715236`) that match no line of any export: the
 * rule is wrong (a digit missing in its Replace) or the line is not exported. Either way the users
 * silently lose their line and are placed by another home-server rule, so each such rule is a
 * warning naming the rule, its inputs and outputs and the users affected (issue 18). The rule
 * that rewrote a number is also its provenance, shown by `plan --explain`.
 */
import type { LineRow } from '../model/index.js';
import type { DecideOption, NumberRewrite } from '../model/index.js';
import { option } from '../project/index.js';
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
        decide: ruleDecisions(first.source, missed, lines),
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

/** `+49781934\\1` → the text before its first group reference and the rest. */
function splitReplace(replace: string): { literal: string; rest: string } | undefined {
  const i = replace.search(/\\\d/);
  return i <= 0 ? undefined : { literal: replace.slice(0, i), rest: replace.slice(i) };
}

/**
 * A Replace that would make the rule's numbers lines: each wrong number's part after the
 * literal prefix (the extension) is looked up among the lines, the prefix most of them share
 * there is the corrected one. Only proposed when it makes every one of them a line.
 */
function correctedReplace(missed: readonly Missed[], lines: ReadonlyMap<string, LineRow>): { replace: string; numbers: Map<Missed, string> } | undefined {
  const r = missed[0]!.rewrite;
  const parts = splitReplace(r.replace);
  if (parts === undefined) return undefined;
  const atLocation = [...lines.values()].filter((l) => l.LocationName.toLowerCase() === r.location.toLowerCase()).map((l) => l.PhoneNumber);
  const pool = atLocation.length > 0 ? atLocation : [...lines.keys()];
  const counts = new Map<string, number>();
  for (const m of missed) {
    if (!m.rewrite.to.startsWith(parts.literal)) return undefined;
    const tail = m.rewrite.to.slice(parts.literal.length);
    const prefixes = new Set(pool.filter((n) => n.length > tail.length && n.endsWith(tail)).map((n) => n.slice(0, n.length - tail.length)));
    for (const p of prefixes) if (p.startsWith('+')) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  const best = [...counts].sort(([a, x], [b, y]) => y - x || cmp(a, b))[0];
  if (best === undefined || best[1] < missed.length || best[0] === parts.literal) return undefined;
  const numbers = new Map(missed.map((m) => [m, best[0] + m.rewrite.to.slice(parts.literal.length)] as const));
  return { replace: best[0] + parts.rest, numbers };
}

/** The one line whose number ends with what the export wrote (`236` → `+497819340236`), if exactly one does. */
function lineEndingWith(from: string, lines: ReadonlyMap<string, LineRow>): string | undefined {
  const digits = from.replace(/\D/g, '');
  if (digits.length < 2) return undefined;
  const found = [...lines.keys()].filter((n) => n.endsWith(digits));
  return found.length === 1 ? found[0] : undefined;
}

/**
 * How the project settles a rule whose numbers are no lines (walkthrough defect 2): first the
 * rule corrected by an `overrides:` entry (when a Replace is found that makes every number a
 * line), else each user's number by an `overrides:` entry (where one line fits); `accept:` last,
 * from the registry's fallback (the users then cannot phone).
 */
function ruleDecisions(source: string, missed: readonly Missed[], lines: ReadonlyMap<string, LineRow>): DecideOption[] | undefined {
  const r = missed[0]!.rewrite;
  const out: DecideOption[] = [];
  const corrected = correctedReplace(missed, lines);
  const example = (from: string, to: string) => `${from} → ${to}`;
  if (corrected !== undefined) {
    const m0 = missed[0]!;
    out.push(
      option(
        `correct rule ${r.location}#${r.ruleIndex}'s Replace to ${corrected.replace} (overrides): all ${missed.length} number(s) become lines, e.g. ${example(m0.rewrite.from, corrected.numbers.get(m0)!)}`,
        'overrides[]',
        { source, entity: 'rule', key: `${r.location}#${r.ruleIndex}`, field: 'replace', value: corrected.replace },
      ),
    );
  }
  const perUser = missed
    .filter((m) => m.rewrite.field !== 'monitor')
    .map((m) => ({ m, to: corrected?.numbers.get(m) ?? lineEndingWith(m.rewrite.from, lines) }))
    .filter((x): x is { m: Missed; to: string } => x.to !== undefined);
  if (perUser.length > 0) {
    const entries = perUser.map(({ m, to }) => ({ source, entity: 'user', key: m.owner, field: m.rewrite.field, value: to }));
    out.push(
      option(
        `give ${perUser.length === 1 ? 'the user' : `${perUser.length} users`} the number of their line (overrides; check each): ${perUser.slice(0, 3).map(({ m, to }) => `${m.owner} ${example(m.rewrite.from, to)}`).join(', ')}${perUser.length > 3 ? ', …' : ''}`,
        'overrides[]',
        entries.length === 1 ? entries[0] : entries,
      ),
    );
  }
  return out.length === 0 ? undefined : out;
}
