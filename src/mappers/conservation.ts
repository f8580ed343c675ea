/**
 * Conservation (issue 18, docs/conservation.md): everything the exports hold ends up in the
 * desired model or in a finding that names it. Entity by entity (users, lines, line groups,
 * groups, memberships, monitored lines, computers, locations, rules, settings, licences, client
 * content) and association by association (a user's own line by number, monitored lines, group
 * memberships, favourites through client content). Pure: exports, model and findings in, what
 * was lost without a word out. Used by the property tests on generated customers and by
 * `bench/customers.ts`; cheap enough for a pipeline check (sets, one pass over the findings only
 * for what is missing).
 */
import type { DataCenterModel } from '../model/index.js';
import type { Diagnostic } from '../model/index.js';
import type { EnterpriseExport } from '../model/index.js';

export type ConservedKind =
  | 'user'
  | 'line'
  | 'lineGroup'
  | 'group'
  | 'membership'
  | 'monitoredLine'
  | 'computer'
  | 'location'
  | 'rule'
  | 'setting'
  | 'licence'
  | 'clientContent'
  | 'ownLine';

export const CONSERVED_KINDS: readonly ConservedKind[] = [
  'user', 'line', 'lineGroup', 'group', 'membership', 'monitoredLine', 'computer', 'location', 'rule', 'setting', 'licence', 'clientContent', 'ownLine',
];

/** One thing of an export that is neither in the model nor named by a finding. */
export interface Loss {
  kind: ConservedKind;
  source: string;
  /** What it is, in the export's words (`anna.schmidt`, `Sales → bob.meyer`, `mail.smtpPort`). */
  key: string;
}

export interface ConservationCount {
  /** In the exports. */
  exported: number;
  /** Found in the model. */
  kept: number;
  /** Not in the model, named by a finding. */
  named: number;
}

export interface ConservationResult {
  losses: Loss[];
  counts: Record<ConservedKind, ConservationCount>;
}

const lc = (s: string): string => s.toLowerCase();

/** Lower-case text of every finding (message, subject, params), searched only for what is missing. */
class Findings {
  readonly #subjects = new Set<string>();
  readonly #texts: string[];
  readonly #sources = new Set<string>();
  constructor(diagnostics: readonly Diagnostic[]) {
    this.#texts = diagnostics.map((d) => {
      if (d.subject !== undefined) this.#subjects.add(lc(d.subject));
      // An error refusing a whole export (unreadable file, no server replacing it) names all it holds.
      if (d.source !== undefined && d.severity === 'error' && d.file === undefined && /^(IMPORT_|MAP_SOURCE_)/.test(d.code)) this.#sources.add(lc(d.source));
      return lc(`${d.message}\u0000${d.subject ?? ''}\u0000${d.params === undefined ? '' : JSON.stringify(d.params)}`);
    });
  }
  /** Whether a finding names `key` (as a subject `kind:key`, or as a whole word of its text) or its whole source. */
  names(kind: string, key: string, source: string, alsoKeys: readonly string[] = []): boolean {
    if (this.#sources.has(lc(source))) return true;
    if (this.#subjects.has(lc(`${kind}:${key}`))) return true;
    for (const k of [key, ...alsoKeys]) {
      const needle = lc(k);
      if (needle === '') continue;
      if (this.#texts.some((t) => containsWord(t, needle))) return true;
    }
    return false;
  }
}

/** `needle` in `text`, not as part of a longer name (`anna` is not in `anna.schmidt2` nor `x.anna`). */
function containsWord(text: string, needle: string): boolean {
  const word = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_@+-]/u.test(c);
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    const before = i === 0 ? undefined : text[i - 1];
    const after = text[i + needle.length];
    const beforeOk = !word(before) && before !== '.';
    // A `.` after the name ends a sentence unless more name follows (`anna.schmidt`).
    const afterOk = !word(after) && !(after === '.' && word(text[i + needle.length + 1]));
    if (beforeOk && afterOk) return true;
  }
  return false;
}

/** What the exports hold that the model and the findings do not account for. */
export function checkConservation(exports: readonly EnterpriseExport[], model: DataCenterModel, diagnostics: readonly Diagnostic[]): ConservationResult {
  const findings = new Findings(diagnostics);
  const counts = Object.fromEntries(CONSERVED_KINDS.map((k) => [k, { exported: 0, kept: 0, named: 0 }])) as Record<ConservedKind, ConservationCount>;
  const losses: Loss[] = [];
  const account = (kind: ConservedKind, source: string, key: string, kept: boolean, namedBy: () => boolean): void => {
    const c = counts[kind];
    c.exported++;
    if (kept) c.kept++;
    else if (namedBy()) c.named++;
    else losses.push({ kind, source, key });
  };

  const users = new Set(model.UserAccount.map((r) => lc(r.UserName)));
  const lineUris = new Set(model.Line.map((r) => lc(r.Uri)));
  const lineNumbers = new Set(model.Line.map((r) => r.PhoneNumber).filter((n) => n !== ''));
  const lineGroups = new Set(model.LineGroup.map((r) => lc(r.Name)));
  const groups = new Set(model.UserGroup.map((r) => lc(r.Name)));
  const members = new Set(model.UserGroupMember.map((r) => `${lc(r.GroupName)}\u0000${lc(r.UserName)}`));
  const monitors = new Set(model.UserMonitorLine.map((r) => `${lc(r.UserName)}\u0000${r.PhoneNumber}`));
  const computers = new Set(model.Computer.map((r) => lc(r.Name)));
  const locations = new Set(model.Location.map((r) => lc(r.Name)));
  const rules = new Set(model.LocationRule.map((r) => `${lc(r.LocationName)}\u0000${r.Search}\u0000${r.Replace}`));
  const settings = new Set(model.Setting.map((r) => lc(r.Key)));
  const licences = new Set(model.License.map((r) => r.LicenseKey.reveal()));
  const contents = new Set(model.ClientContent.map((r) => lc(r.UserName)));

  for (const e of exports) {
    const src = e.source;
    for (const u of e.users) {
      account('user', src, u.userName, users.has(lc(u.userName)), () => findings.names('user', u.userName, src));
      // The own line: the user's number is a line's number, or the user is named (a rule that missed, a number no line has).
      if (u.phoneNumber.trim() !== '') {
        account('ownLine', src, `${u.userName} → ${u.phoneNumber}`, users.has(lc(u.userName)) && lineNumbers.has(u.phoneNumber), () => findings.names('user', u.userName, src, [u.phoneNumber]));
      }
      for (const m of u.monitorLines) {
        if (m.phoneNumber.trim() === '') continue;
        account('monitoredLine', src, `${u.userName} → ${m.phoneNumber}`, monitors.has(`${lc(u.userName)}\u0000${m.phoneNumber}`), () => findings.names('user', u.userName, src, [m.phoneNumber]));
      }
    }
    for (const g of e.lineGroups) {
      account('lineGroup', src, g.name, lineGroups.has(lc(g.name)), () => findings.names('lineGroup', g.name, src));
      for (const l of g.lines) {
        account('line', src, l.uri, lineUris.has(lc(l.uri)), () => findings.names('line', l.uri, src, [l.phoneNumber, g.name]));
      }
    }
    for (const g of e.groups) {
      account('group', src, g.name, groups.has(lc(g.name)), () => findings.names('group', g.name, src));
      for (const m of g.members) {
        account('membership', src, `${g.name} → ${m.userName}`, members.has(`${lc(g.name)}\u0000${lc(m.userName)}`), () => findings.names('group', g.name, src, [m.userName]));
      }
    }
    for (const c of e.computers) account('computer', src, c.name, computers.has(lc(c.name)), () => findings.names('computer', c.name, src));
    for (const l of e.locations) {
      account('location', src, l.name, locations.has(lc(l.name)), () => findings.names('location', l.name, src));
      for (const [i, r] of l.rules.entries()) {
        account('rule', src, `${l.name}#${i + 1}`, rules.has(`${lc(l.name)}\u0000${r.search}\u0000${r.replace}`), () => findings.names('rule', `${l.name}#${i + 1}`, src, [l.name]));
      }
    }
    for (const s of e.settings) account('setting', src, s.key, settings.has(lc(s.key)), () => findings.names('setting', s.key, src));
    for (const l of e.licenses) account('licence', src, l.key.masked, licences.has(l.key.reveal()), () => findings.names('licence', l.key.masked, src, [l.key.shown]));
    for (const c of e.clientContent) account('clientContent', src, c.userName, contents.has(lc(c.userName)), () => findings.names('user', c.userName, src));
  }
  return { losses, counts };
}
