/**
 * Supercanonical phone numbers (`+49301234567`): a number that is not yet `+…` goes through the
 * locations' internal rules (Search regex → Replace, `\1` back-references), first rule whose
 * result is `+…` wins. A number no rule fixes is kept as written (the caller warns).
 *
 * Search patterns come from the customer's file, so they run on re2js (RE2 semantics, linear in
 * the input): `^(\d+)+$` against a 30-digit number took 56 s with JavaScript's backtracking
 * engine (issue 9). A pattern RE2 cannot run (a back-reference, a lookaround) is reported and
 * its rule skipped, never handed to a backtracking engine instead.
 */
import { RE2JS, RE2JSException } from 're2js';
import type { Diagnostic } from '../model/index.js';
import type { EnterpriseExport, Location, LocationRule, NumberRewrite } from '../model/index.js';
import { pathOf } from './entity-paths.js';
import { reportAt } from './xml-doc.js';

export interface PhoneRule {
  /** Where it is defined: the location, the rule as written and its 1-based position there. */
  location: Location;
  rule: LocationRule;
  index: number;
  search: RE2JS;
  /** The Replace text, split into literal text and group numbers (`\1` → 1). */
  replace: readonly (string | number)[];
}

/** Compiles every rule of the locations once; a Search that cannot run is reported and skipped. */
export function compilePhoneRules(locations: readonly Location[], out: Diagnostic[]): PhoneRule[] {
  const rules: PhoneRule[] = [];
  for (const location of locations) {
    for (const [i, rule] of location.rules.entries()) {
      const compiled = compileSearch(rule.search);
      if (compiled.ok) {
        rules.push({ location, rule, index: i + 1, search: compiled.re, replace: parseReplacement(rule.replace, compiled.re.groupCount()) });
        continue;
      }
      const shown = JSON.stringify(rule.search.length > 80 ? `${rule.search.slice(0, 80)}…` : rule.search);
      if (compiled.validInJs) {
        reportAt(out, 'IMPORT_LOCATION_RULE_UNSUPPORTED', `a rule of location ${location.name} has the Search ${shown}, which uses what a linear-time engine cannot run (${compiled.reason}); the rule is skipped`, rule.pos, pathOf(rule), 'rewrite the Search without back-references or lookarounds, or accept this warning in the project (accept:) if the numbers it would fix are already +…', { subject: `location:${location.name}`, params: { location: location.name, search: shown, reason: compiled.reason } });
      } else {
        reportAt(out, 'IMPORT_LOCATION_RULE_INVALID', `a rule of location ${location.name} has the Search ${shown}, which is not a valid regular expression (${compiled.reason}); it is skipped`, rule.pos, pathOf(rule), undefined, { subject: `location:${location.name}`, params: { location: location.name, search: shown, reason: compiled.reason } });
      }
    }
  }
  return rules;
}

type Compiled = { ok: true; re: RE2JS } | { ok: false; reason: string; validInJs: boolean };

function compileSearch(search: string): Compiled {
  try {
    return { ok: true, re: RE2JS.compile(search) };
  } catch (e) {
    const reason = (e instanceof RE2JSException ? e.message : String(e)).replace(/^error parsing regexp: /, '');
    return { ok: false, reason, validInJs: compilesInJs(search) };
  }
}

/** Whether JavaScript would accept the pattern: only to tell "unsupported" from "invalid"; it is never run. */
function compilesInJs(search: string): boolean {
  try {
    new RegExp(search);
    return true;
  } catch {
    return false;
  }
}

/** `\1`…`\9` name a group (as in the UCServer); a number beyond the groups stays literal text. */
function parseReplacement(replace: string, groups: number): (string | number)[] {
  const parts: (string | number)[] = [];
  let last = 0;
  for (const m of replace.matchAll(/\\(\d)/g)) {
    const n = Number(m[1]);
    if (n > groups) continue;
    if (m.index > last) parts.push(replace.slice(last, m.index));
    parts.push(n);
    last = m.index + m[0].length;
  }
  if (last < replace.length) parts.push(replace.slice(last));
  return parts;
}

/** The supercanonical form, or undefined when the number is not `+…` and no rule makes it so. */
export function normalizePhoneNumber(number: string, rules: readonly PhoneRule[]): string | undefined {
  return normalizeWithRule(number, rules)?.number;
}

/** As normalizePhoneNumber, with the rule that rewrote it (none when it was `+…` already). */
export function normalizeWithRule(number: string, rules: readonly PhoneRule[]): { number: string; rule?: PhoneRule } | undefined {
  const trimmed = number.trim();
  if (trimmed === '' || trimmed.startsWith('+')) return { number: trimmed };
  for (const rule of rules) {
    // test() runs on RE2's DFA without captures: most rules do not match most numbers.
    if (!rule.search.test(trimmed)) continue;
    const m = rule.search.matcher(trimmed);
    // The first match is replaced, the rest of the number kept (String.prototype.replace without /g).
    if (!m.find()) continue;
    const inserted = rule.replace.map((p) => (typeof p === 'number' ? (m.group(p) ?? '') : p)).join('');
    const result = trimmed.slice(0, m.start()) + inserted + trimmed.slice(m.end());
    if (result.startsWith('+')) return { number: result, rule };
  }
  return undefined;
}

/**
 * Normalises an export's user and computer numbers again with its location rules as they are now:
 * an `overrides:` entry for a rule or a location (docs/decide.md) is applied after import, when
 * the numbers were already rewritten with the old rule (walkthrough defect 1). Each number a rule
 * rewrote goes back to what the export wrote (`rewrites[].from`), a number no rule fixed is tried
 * again; numbers written as `+…` stay. Rules that cannot run were reported at import.
 */
export function renormalizeNumbers(exp: EnterpriseExport): void {
  const rules = compilePhoneRules(exp.locations, []);
  type Owner = { rewrites?: NumberRewrite[] };
  const again = (current: string, field: NumberRewrite['field'], owner: Owner, old: NumberRewrite[]): string => {
    const i = old.findIndex((r) => r.field === field && r.to === current);
    const raw = i >= 0 ? old.splice(i, 1)[0]!.from : current;
    if (raw.trim().startsWith('+')) return current;
    const n = normalizeWithRule(raw, rules);
    if (n === undefined) return raw.trim();
    const r = n.rule;
    if (r !== undefined) (owner.rewrites ??= []).push({ field, from: raw.trim(), to: n.number, location: r.location.name, ruleIndex: r.index, search: r.rule.search, replace: r.rule.replace, pos: r.rule.pos });
    return n.number;
  };
  const redo = (owner: Owner & { phoneNumber: string; phoneSecondary: string }, monitors: { phoneNumber: string }[]) => {
    const old = [...(owner.rewrites ?? [])];
    delete owner.rewrites;
    owner.phoneNumber = again(owner.phoneNumber, 'phoneNumber', owner, old);
    owner.phoneSecondary = again(owner.phoneSecondary, 'phoneSecondary', owner, old);
    for (const m of monitors) m.phoneNumber = again(m.phoneNumber, 'monitor', owner, old);
  };
  for (const u of exp.users) redo(u, u.monitorLines);
  for (const c of exp.computers) redo(c, []);
}
