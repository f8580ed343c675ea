/**
 * Supercanonical phone numbers (`+49301234567`): a number that is not yet `+…` goes through the
 * locations' internal rules (Search regex → Replace, `\1` back-references), first rule whose
 * result is `+…` wins. A number no rule fixes is kept as written (the caller warns).
 */
import type { Diagnostic } from '../model/diagnostics.js';
import type { Location } from '../model/enterprise.js';
import { pathOf } from './entity-paths.js';
import { reportAt } from './xml-doc.js';

export interface PhoneRule {
  search: RegExp;
  /** The Replace text in JavaScript's syntax (`\1` → `$1`, a literal `$` → `$$`). */
  replace: string;
}

/** Compiles every rule of the locations once; an invalid Search is reported and skipped. */
export function compilePhoneRules(locations: readonly Location[], out: Diagnostic[]): PhoneRule[] {
  const rules: PhoneRule[] = [];
  for (const location of locations) {
    for (const rule of location.rules) {
      try {
        rules.push({ search: new RegExp(rule.search), replace: toJsReplacement(rule.replace) });
      } catch {
        reportAt(out, 'IMPORT_LOCATION_RULE_INVALID', `a rule of location ${location.name} has a Search that is not a valid regular expression; it is skipped`, rule.pos, pathOf(rule));
      }
    }
  }
  return rules;
}

function toJsReplacement(replace: string): string {
  return replace.replace(/\$/g, '$$$$').replace(/\\(\d)/g, '$$$1');
}

/** The supercanonical form, or undefined when the number is not `+…` and no rule makes it so. */
export function normalizePhoneNumber(number: string, rules: readonly PhoneRule[]): string | undefined {
  const trimmed = number.trim();
  if (trimmed === '' || trimmed.startsWith('+')) return trimmed;
  for (const rule of rules) {
    if (!rule.search.test(trimmed)) continue;
    const result = trimmed.replace(rule.search, rule.replace);
    if (result.startsWith('+')) return result;
  }
  return undefined;
}
