/**
 * The contract's rules inside one export, each a small named function adding diagnostics:
 * keys that must be unique, SIP URIs in lowercase, phone numbers in supercanonical form.
 */
import type { Diagnostic } from '../model/index.js';
import type { EnterpriseExport, NumberRewrite, Pos } from '../model/index.js';
import type { ImportCode } from './codes.js';
import { pathOf } from './entity-paths.js';
import { USERS } from './format.js';
import type { PhoneRule } from './phone-numbers.js';
import { compilePhoneRules, normalizeWithRule } from './phone-numbers.js';
import { reportAt, type FindingData } from './xml-doc.js';
import { reportInvisibleCharacters } from './invisible-characters.js';

type ExportRule = (exp: EnterpriseExport, out: Diagnostic[]) => void;

/** Reports every item whose key an earlier item already had (keys compared as given). */
function reportDuplicates<T extends { pos: Pos }>(
  items: readonly T[],
  keyOf: (item: T) => string,
  code: ImportCode,
  describe: (item: T, first: T) => string,
  out: Diagnostic[],
  about?: (item: T) => FindingData,
): void {
  const firsts = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === '') continue;
    const first = firsts.get(key);
    if (first === undefined) firsts.set(key, item);
    else reportAt(out, code, `${describe(item, first)} (first at ${first.pos.file}:${first.pos.line})`, item.pos, pathOf(item), undefined, about?.(item));
  }
}

/** SIP URIs compare case-insensitively in ProCall; DataCenter stores them lowercase, so a mixed-case one is lowercased with a warning. */
export const lowercaseSipUris: ExportRule = (exp, out) => {
  for (const entity of [...exp.users, ...exp.groups]) {
    if (entity.sipUri === entity.sipUri.toLowerCase()) continue;
    const at = pathOf(entity);
    reportAt(out, 'IMPORT_SIP_URI_NOT_LOWERCASE', `SIP URI ${entity.sipUri} has upper-case letters; it is imported as ${entity.sipUri.toLowerCase()}`, entity.pos, at && `${at}/@${USERS.sipUriAttribute}`, undefined, { subject: `sipUri:${entity.sipUri}`, params: { sipUri: entity.sipUri, lowercase: entity.sipUri.toLowerCase() } });
    entity.sipUri = entity.sipUri.toLowerCase();
  }
};

export const uniqueUserNames: ExportRule = (exp, out) =>
  reportDuplicates(exp.users, (u) => u.userName.toLowerCase(), 'IMPORT_DUPLICATE_USER_NAME', (u) => `user name ${u.userName} is used twice (names are case-insensitive)`, out, (u) => ({ subject: `user:${u.userName}`, params: { user: u.userName } }));

export const uniqueSipUris: ExportRule = (exp, out) =>
  reportDuplicates<{ sipUri: string; pos: Pos }>([...exp.users, ...exp.groups], (e) => e.sipUri.toLowerCase(), 'IMPORT_DUPLICATE_SIP_URI', (e) => `SIP URI ${e.sipUri} is used twice`, out, (e) => ({ subject: `sipUri:${e.sipUri}`, params: { sipUri: e.sipUri } }));

export const uniqueGroupNames: ExportRule = (exp, out) =>
  reportDuplicates(exp.groups, (g) => g.name.toLowerCase(), 'IMPORT_DUPLICATE_GROUP_NAME', (g) => `group name ${g.name} is used twice`, out, (g) => ({ subject: `group:${g.name}`, params: { group: g.name } }));

export const uniqueComputerNames: ExportRule = (exp, out) =>
  reportDuplicates(exp.computers, (c) => c.name.toLowerCase(), 'IMPORT_DUPLICATE_COMPUTER_NAME', (c) => `computer ${c.name} is listed twice`, out, (c) => ({ subject: `computer:${c.name}`, params: { computer: c.name } }));

export const uniqueSettingKeys: ExportRule = (exp, out) =>
  reportDuplicates(exp.settings, (s) => s.key.toLowerCase(), 'IMPORT_DUPLICATE_SETTING', (s) => `setting ${s.key} is defined twice`, out, (s) => ({ subject: `setting:${s.key}`, params: { key: s.key } }));

/** Licence keys are compared in full but shown only by their last four characters. */
export const uniqueLicenseKeys: ExportRule = (exp, out) =>
  reportDuplicates(exp.licenses, (l) => l.key.reveal(), 'IMPORT_DUPLICATE_LICENSE_KEY', (l) => `licence key ${l.key.masked} is listed twice`, out, (l) => ({ subject: `licence:${l.key.masked}`, params: { license: l.key.masked } }));

export const uniqueLocations: ExportRule = (exp, out) =>
  reportDuplicates(exp.locations, (l) => l.name.toLowerCase(), 'IMPORT_DUPLICATE_LOCATION', (l) => `location ${l.name} is defined twice`, out, (l) => ({ subject: `location:${l.name}`, params: { location: l.name } }));

export const uniqueLineGroups: ExportRule = (exp, out) =>
  reportDuplicates(exp.lineGroups, (g) => g.name.toLowerCase(), 'IMPORT_DUPLICATE_LINE_GROUP', (g) => `line group ${g.name} is defined twice`, out, (g) => ({ subject: `lineGroup:${g.name}`, params: { lineGroup: g.name } }));

export const uniqueLineUris: ExportRule = (exp, out) =>
  reportDuplicates(exp.lineGroups.flatMap((g) => g.lines), (l) => l.uri.toLowerCase(), 'IMPORT_DUPLICATE_LINE_URI', (l) => `line URI ${l.uri} is used twice`, out, (l) => ({ subject: `line:${l.uri}`, params: { line: l.uri } }));

export const uniqueLineNumbers: ExportRule = (exp, out) =>
  reportDuplicates(
    exp.lineGroups.flatMap((g) => g.lines),
    (l) => l.phoneNumber,
    'IMPORT_DUPLICATE_LINE_NUMBER',
    (l, first) => `line number ${l.phoneNumber} (${l.uri}) is also the number of ${first.uri}; a line's number is unique`,
    out,
    (l) => ({ subject: `line:${l.uri}`, params: { number: l.phoneNumber, line: l.uri } }),
  );

/** Brings user, monitor and computer numbers into `+…` form with the export's own location rules. */
export const normalizePhoneNumbers: ExportRule = (exp, out) => {
  const rules: PhoneRule[] = compilePhoneRules(exp.locations, out);
  // Each number a rule rewrote is kept with the rule (issue 18): a result no line has is named, and --explain shows the rule.
  const fix = (number: string, pos: Pos, path: string | undefined, what: string, owner: string, field?: NumberRewrite['field'], into?: { rewrites?: NumberRewrite[] }): string => {
    const normalized = normalizeWithRule(number, rules);
    if (normalized !== undefined) {
      const r = normalized.rule;
      if (r !== undefined && field !== undefined && into !== undefined) {
        (into.rewrites ??= []).push({ field, from: number.trim(), to: normalized.number, location: r.location.name, ruleIndex: r.index, search: r.rule.search, replace: r.rule.replace, pos: r.rule.pos });
      }
      return normalized.number;
    }
    reportAt(out, 'IMPORT_PHONE_NUMBER_NOT_NORMALISED', `${what} ${number} is not in +… form and no location rule matches it; it is kept as written`, pos, path, 'add an internal rule to config/locations.xml or write the number as +<country><area><number>', { subject: owner, params: { number, what } });
    return number.trim();
  };
  const attr = (entity: object, name: string) => {
    const p = pathOf(entity);
    return p && `${p}/@${name}`;
  };
  const { phoneNumber, phoneSecondary } = USERS.phoneAttributes;
  for (const user of exp.users) {
    user.phoneNumber = fix(user.phoneNumber, user.pos, attr(user, phoneNumber), `phone number of user ${user.userName}`, `user:${user.userName}`, 'phoneNumber', user);
    user.phoneSecondary = fix(user.phoneSecondary, user.pos, attr(user, phoneSecondary), `secondary phone number of user ${user.userName}`, `user:${user.userName}`, 'phoneSecondary', user);
    for (const m of user.monitorLines) m.phoneNumber = fix(m.phoneNumber, m.pos, attr(m, phoneNumber), `monitored number of user ${user.userName}`, `user:${user.userName}`, 'monitor', user);
  }
  for (const c of exp.computers) {
    c.phoneNumber = fix(c.phoneNumber, c.pos, attr(c, phoneNumber), `phone number of computer ${c.name}`, `computer:${c.name}`, 'phoneNumber', c);
    c.phoneSecondary = fix(c.phoneSecondary, c.pos, attr(c, phoneSecondary), `secondary phone number of computer ${c.name}`, `computer:${c.name}`, 'phoneSecondary', c);
  }
};

/** Every rule that looks at one export alone, in the order they run. */
export const EXPORT_RULES: readonly ExportRule[] = [
  lowercaseSipUris,
  uniqueUserNames,
  uniqueSipUris,
  uniqueGroupNames,
  uniqueComputerNames,
  uniqueSettingKeys,
  uniqueLicenseKeys,
  uniqueLocations,
  uniqueLineGroups,
  uniqueLineUris,
  uniqueLineNumbers,
  normalizePhoneNumbers,
  reportInvisibleCharacters,
];
