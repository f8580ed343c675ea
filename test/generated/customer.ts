/**
 * Generated customers (issue 18): a small, seeded description of a ProCall Enterprise customer
 * (`CustomerSpec`, drawn by fast-check so a failing one shrinks) and the exports it stands for,
 * varying what the export contract allows: 1–6 sources, ZIP and folder, UTF-8/UTF-16 LE/BE with
 * and without BOM, CRLF, `\` entry names, umlauts and ß in names and file names, AD / SQL /
 * file-based user management, shared licences, line groups and locations spanning sources (equal
 * and different), rule edge cases, stale references, typed-but-equal values, conflicts,
 * unclassified keys and re-exports of one server. Every secret it writes is listed, so a test can
 * prove none reaches an output.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { buildZip } from '../../bench/zip-writer.js';

export type Encoding = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be';
export type Mode = 'ad' | 'mssql' | 'integrated';

export interface SourceSpec {
  site: number;
  form: 'zip' | 'folder';
  encoding: Encoding;
  crlf: boolean;
  /** ZIP entries named with `\` (Windows tools). */
  backslash: boolean;
  mode: Mode;
  users: number;
  /** `missingDigit`: the Replace lacks a digit (numbers no line has); `lookaround`: a Search RE2 cannot run. */
  rule: 'ok' | 'missingDigit' | 'lookaround';
  staleMember: boolean;
  staleMonitor: boolean;
  orphanContent: boolean;
  unclassified: boolean;
  /** The server licence listed twice in this export. */
  duplicateLicence: boolean;
  /** Users who are in no line group's number range (an external number). */
  externalNumber: boolean;
}

export interface CustomerSpec {
  sources: SourceSpec[];
  /** Source 0's user licence also in source 1. */
  sharedLicence: boolean;
  /** A line group in sources 0 and 1: the same, or of another kind. */
  sharedLineGroup: 'none' | 'equal' | 'different';
  /** A location in sources 0 and 1: the same, or with another range. */
  sharedLocation: 'none' | 'equal' | 'different';
  /** An older export of source 0's server besides the newer one. */
  reExport: boolean;
  smtpPort: 'equal' | 'typed' | 'conflict';
  domains: 'equal' | 'reordered' | 'conflict';
}

interface Site {
  name: string;
  ascii: string;
  cc: string;
  city: string;
  local: string;
}

const SITES: readonly Site[] = [
  { name: 'München', ascii: 'muc', cc: '49', city: '89', local: '4711' },
  { name: 'Wien', ascii: 'vie', cc: '43', city: '1', local: '5350' },
  { name: 'Düsseldorf', ascii: 'dus', cc: '49', city: '211', local: '9030' },
  { name: 'Graz', ascii: 'grz', cc: '43', city: '316', local: '8080' },
  { name: 'Gießen', ascii: 'gie', cc: '49', city: '641', local: '3300' },
  { name: 'Köln', ascii: 'cgn', cc: '49', city: '221', local: '1200' },
];

const FIRST = ['Jürgen', 'Anna', 'Özlem', 'Björn', 'Maximilian', 'Käthe', 'Ludwig', 'Zoë'];
const LAST = ['Groß', 'Schmidt', 'Yılmaz', 'Weiß', 'Müller', 'Straße', 'Hofbauer', 'Nußbaum'];

const sourceArb: fc.Arbitrary<SourceSpec> = fc.record({
  site: fc.nat({ max: SITES.length - 1 }),
  form: fc.constantFrom('zip' as const, 'folder' as const),
  encoding: fc.constantFrom<Encoding>('utf8', 'utf8bom', 'utf16le', 'utf16be'),
  crlf: fc.boolean(),
  backslash: fc.boolean(),
  mode: fc.constantFrom<Mode>('ad', 'mssql', 'integrated'),
  users: fc.nat({ max: 4 }),
  rule: fc.constantFrom('ok' as const, 'ok' as const, 'missingDigit' as const, 'lookaround' as const),
  staleMember: fc.boolean(),
  staleMonitor: fc.boolean(),
  orphanContent: fc.boolean(),
  unclassified: fc.boolean(),
  // Drawn off for now: IMPORT_DUPLICATE_LICENSE_KEY is an error no project edit clears (issue 18 report); fc.boolean() once it has one.
  duplicateLicence: fc.constant(false),
  externalNumber: fc.boolean(),
});

/** Customers of 1–6 sources; most have 1–3 (what a site-by-site migration sees), so the suite stays quick. */
export const customerArb: fc.Arbitrary<CustomerSpec> = fc.record({
  sources: fc.oneof({ weight: 4, arbitrary: fc.array(sourceArb, { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: fc.array(sourceArb, { minLength: 4, maxLength: 6 }) }),
  sharedLicence: fc.boolean(),
  sharedLineGroup: fc.constantFrom('none' as const, 'equal' as const, 'different' as const),
  sharedLocation: fc.constantFrom('none' as const, 'equal' as const, 'different' as const),
  reExport: fc.boolean(),
  smtpPort: fc.constantFrom('equal' as const, 'typed' as const, 'conflict' as const),
  domains: fc.constantFrom('equal' as const, 'reordered' as const, 'conflict' as const),
});

/** One export as written: its path (relative to the customer's folder) and files. */
export interface BuiltExport {
  name: string;
  form: 'zip' | 'folder';
  server: string;
  files: { name: string; data: Buffer }[];
}

export interface BuiltCustomer {
  exports: BuiltExport[];
  /** Every secret value written into the exports: none may appear in any output. */
  secrets: string[];
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const x = (s: string | number): string => String(s).replace(/[&<>"]/g, (c) => ESC[c]!);
const attrs = (pairs: Record<string, string | number>): string => Object.entries(pairs).map(([k, v]) => `${k}="${x(v)}"`).join(' ');

function encode(text: string, enc: Encoding, crlf: boolean): Buffer {
  let t = crlf ? text.replace(/\r?\n/g, '\r\n') : text;
  if (enc === 'utf16le' || enc === 'utf16be') t = t.replace('encoding="UTF-8"', 'encoding="UTF-16"');
  switch (enc) {
    case 'utf8':
      return Buffer.from(t, 'utf8');
    case 'utf8bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]);
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16()]);
  }
}

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const userName = (i: number, u: number): string => `${FIRST[(i + u) % FIRST.length]}.${LAST[(i * 3 + u) % LAST.length]}${i}${u}`.toLowerCase();
const serverOf = (i: number, site: Site): string => `ucs-${site.ascii}-${String(i + 1).padStart(2, '0')}.kunde-gmbh.de`;

/** A short deterministic token from the spec's position (no randomness outside fast-check). */
const token = (i: number, salt: string): string => {
  let h = 2166136261;
  for (const c of `${salt}:${i}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h.toString(36).toUpperCase().padStart(6, '0').slice(0, 6);
};

/** The exports the spec stands for. */
export function buildCustomer(spec: CustomerSpec): BuiltCustomer {
  const secrets: string[] = [];
  const exports: BuiltExport[] = [];
  const userLicence0 = `PCE8-USR-${token(0, 'usr')}-0001`;
  spec.sources.forEach((s, i) => {
    const site = SITES[s.site]!;
    // Two sources on one site still get their own location and line-group names.
    const loc = i === 0 || spec.sources.slice(0, i).every((o) => o.site !== s.site) ? site.name : `${site.name} ${i + 1}`;
    const server = serverOf(i, site);
    const base = `+${site.cc}${site.city}${site.local}`;
    const files: Record<string, string> = {};
    files['manifest.xml'] = `${HEAD}<Export ${attrs({ product: 'ProCall Enterprise', version: '8.5.2.1234', server, exportedAt: '2026-10-02T09:14:00Z', includesInactive: 1 })}/>\n`;

    // Settings, with the secrets they carry.
    const settings: [string, string, string][] = [['usermanager.mode', 'int', s.mode === 'ad' ? '1' : s.mode === 'mssql' ? '2' : '0']];
    if (s.mode === 'ad') {
      const bind = `Bind-${token(i, 'bind')}-Pw!`;
      secrets.push(bind);
      settings.push(['usermanager.ad.domain', 'text', 'KUNDE'], ['usermanager.ad.hostName', 'text', 'dc01.kunde-gmbh.de'], ['usermanager.ad.baseDnUsers', 'text', 'OU=Benutzer,DC=kunde-gmbh,DC=de'], ['usermanager.ad.bindUser', 'text', 'KUNDE\\svc-procall'], ['usermanager.ad.bindPassword', 'secret', bind]);
    }
    const mailPw = `Mail-${token(i, 'mail')}-Geheim`;
    secrets.push(mailPw);
    const port = spec.smtpPort === 'equal' || i === 0 ? '25' : spec.smtpPort === 'typed' ? '025' : '587';
    const domains = spec.domains === 'equal' || i === 0 ? 'kunde-gmbh.de;partner.at' : spec.domains === 'reordered' ? 'partner.at;kunde-gmbh.de' : `kunde-gmbh.de;${site.ascii}.kunde-gmbh.de`;
    settings.push(['mail.smtpServer', 'text', 'smtp.kunde-gmbh.de'], ['mail.smtpPort', 'int', port], ['mail.password', 'secret', mailPw], ['usermanager.presenceDomains', 'list', domains]);
    settings.push(['logging.level', 'text', i % 2 === 0 ? 'info' : 'debug'], ['database.engine', 'text', 'sqlite'], ['database.filePath', 'text', `C:\\ProCall\\Daten\\journal-${site.ascii}.db`]);
    if (s.unclassified) settings.push(['presence.autoAwayMinutes', 'int', String(10 + i)]);
    const licences: [string, string, number][] = [[i === 0 ? userLicence0 : `PCE8-USR-${token(i, 'usr')}-0001`, 'user', 10 + s.users], [`PCE8-SRV-${token(i, 'srv')}-0001`, 'server', 1]];
    if (spec.sharedLicence && i === 1) licences.push([userLicence0, 'user', 10]);
    if (s.duplicateLicence) licences.push(licences[1]!);
    for (const [k] of licences) secrets.push(k);
    files['config/ucserver.xml'] =
      `${HEAD}<UCServerConfig>\n  <Settings>\n${settings.map(([key, type, value]) => `    <Setting ${attrs({ key, type, value })}/>\n`).join('')}  </Settings>\n  <Licenses>\n` +
      `${licences.map(([key, type, count]) => `    <License ${attrs({ key, type, count })}/>\n`).join('')}  </Licenses>\n</UCServerConfig>\n`;

    // Locations and rules (a missing digit, a Search RE2 cannot run).
    const replace = s.rule === 'missingDigit' ? `${base.slice(0, -1)}\\1` : `${base}\\1`;
    const rules = [`      <Element ${attrs({ Search: '^9([0-9]{3})$', Replace: replace, MatchReplace: 0 })}/>\n`];
    if (s.rule === 'lookaround') rules.push(`      <Element ${attrs({ Search: '^(?=8)([0-9]{4})$', Replace: `${base}\\1`, MatchReplace: 0 })}/>\n`);
    const locations = [`  <location ${attrs({ name: loc, CountryCode: site.cc, CityCode: site.city, LocalNumber: site.local, ExtFrom: '100', ExtTo: '599' })}>\n    <InternalRules>\n${rules.join('')}    </InternalRules>\n  </location>\n`];
    // The location a shared line group stands at; defined by both sources (equal, or with another range).
    const zentrale = i <= 1 && spec.sources.length > 1 && (spec.sharedLocation !== 'none' || spec.sharedLineGroup !== 'none');
    if (zentrale) {
      const extTo = spec.sharedLocation === 'different' && i === 1 ? '899' : '999';
      locations.push(`  <location ${attrs({ name: 'Zentrale', CountryCode: '49', CityCode: '30', LocalNumber: '900', ExtFrom: '100', ExtTo: extTo })}>\n    <InternalRules>\n    </InternalRules>\n  </location>\n`);
    }
    files['config/locations.xml'] = `\uFEFF${HEAD}<locations>\n${locations.join('')}</locations>\n`;

    // Lines: one per user, numbers in the location's range.
    const ext = (u: number) => String(100 + u + i * 10);
    const lineXml = (number: string, e: string, name: string, location: string) =>
      `    <Line ${attrs({ u8sLineURI: `tel:${number}`, u8sInternalNumber: e, u8sLineName: name, bTrunk: 0, bJournal: 1, bPrivate: 0, location })}/>\n`;
    const names = Array.from({ length: s.users }, (_, u) => userName(i, u));
    const groupsXml = [`  <LineGroup ${attrs({ name: `ECSTA ${loc}`, kind: 'ECSTA', location: loc, bCreateLinesAutomatically: 1, bJournalAllLines: 1 })}>\n${names.map((n, u) => lineXml(`${base}${ext(u)}`, ext(u), n, loc)).join('')}  </LineGroup>\n`];
    if (spec.sharedLineGroup !== 'none' && i <= 1 && spec.sources.length > 1) {
      const kind = spec.sharedLineGroup === 'different' && i === 1 ? 'TAPI' : 'SIP';
      groupsXml.push(`  <LineGroup ${attrs({ name: 'SIP Zentrale', kind, location: 'Zentrale', bCreateLinesAutomatically: 1, bJournalAllLines: 1 })}>\n${lineXml('+4930900100', '100', 'Zentrale', 'Zentrale')}  </LineGroup>\n`);
    }
    files['config/lines.xml'] = `${HEAD}<LineConfig>\n${groupsXml.join('')}</LineConfig>\n`;

    // Users: the first by internal number (a rule makes it +…), others by full number, one maybe external.
    const users = names.map((n, u) => {
      const hash = `{PBKDF2}${token(i * 10 + u, 'pw')}${token(u, n)}`;
      if (s.mode !== 'ad') secrets.push(hash);
      const [first, last] = n.split('.') as [string, string];
      const phone = u === 0 ? `9${ext(u)}` : s.externalNumber && u === names.length - 1 ? '+4917012345678' : `${base}${ext(u)}`;
      const monitors = [names[(u + 1) % names.length] === n ? undefined : `${base}${ext((u + 1) % names.length)}`, s.staleMonitor && u === 0 ? `${base}999` : undefined].filter((m): m is string => m !== undefined);
      const a = attrs({
        iEnabled: u === 2 ? 0 : 1,
        u8sUserName: n,
        u8sSIPURI: `sip:${n}@kunde-gmbh.de`,
        u8sFirstName: first,
        u8sLastName: last,
        u8sDisplayName: `${last}, ${first}`,
        u8sEMail: `${n}@kunde-gmbh.de`,
        u8sProfile: 'Standard',
        u8sPhoneNumber: phone,
        u8sPhoneSecondary: '',
        u8sPassword: s.mode === 'ad' ? '' : hash,
        u8sDNPath: s.mode === 'ad' ? `CN=${last}\\, ${first},OU=Benutzer,DC=kunde-gmbh,DC=de` : '',
        u8sSAMAccountName: s.mode === 'ad' ? n.replace(/[^a-z0-9]/g, '').slice(0, 20) : '',
        u8sobjectGUID: '',
        u8sHomeServer: '',
      });
      return monitors.length === 0 ? `  <User ${a}/>\n` : `  <User ${a}>\n${monitors.map((m) => `    <MonitorLine u8sPhoneNumber="${m}"/>\n`).join('')}  </User>\n`;
    });
    files['users.xml'] = `${HEAD}<Users>\n${users.join('')}</Users>\n`;
    const members = [...names, ...(s.staleMember ? ['gibt.es.nicht'] : [])];
    files['groups.xml'] =
      `${HEAD}<Groups>\n  <Group ${attrs({ iEnabled: 1, u8sGroupName: `Team ${loc}`, u8sSIPURI: `sip:team.${site.ascii}${i}@kunde-gmbh.de`, u8sGroupLeader: names[0] ?? '', u8sGroupCoLeader: '', bGroupSettingsActive: 1, bEveryoneSeesEveryone: 0 })}>\n` +
      `${members.map((m) => `    <Member u8sUserName="${x(m)}"/>\n`).join('')}  </Group>\n</Groups>\n`;
    files['computers.xml'] = `${HEAD}<Computers>\n  <Computer ${attrs({ iEnabled: 1, u8sComputerLogin: `PC-${site.ascii.toUpperCase()}-${i}01`, u8sPhoneNumber: names.length > 1 ? `${base}${ext(1)}` : '', u8sPhoneSecondary: '' })}/>\n</Computers>\n`;
    // Client content: favourites pointing at a colleague; an orphan for a user who left.
    const contentOf = (favourite: string) =>
      `${HEAD}<ClientContent u8sVersion="2" u8sRevision="1727860000000">\n  <GroupCluster u8sID="100" u8sName="Favoriten">\n    <Group u8sID="g:G779" u8sName="Team">\n      <Item u8sID="i1" u8sPresenceID="${x(favourite)}"/>\n    </Group>\n  </GroupCluster>\n</ClientContent>\n`;
    names.slice(0, 2).forEach((n, u) => (files[`config/users/${n}_clientcontent.xml`] = contentOf(`sip:${names[(u + 1) % names.length]}@kunde-gmbh.de`)));
    if (s.orphanContent) files['config/users/ehemalige.mitarbeiterin_clientcontent.xml'] = contentOf('sip:niemand@kunde-gmbh.de');

    const entries = Object.entries(files).map(([name, text]) => ({
      name: s.form === 'zip' && s.backslash ? name.replace(/\//g, '\\') : name,
      // locations.xml carries a BOM as the UCServer writes it; UTF-16 always has one.
      data: encode(text.replace(/^\uFEFF/, ''), name === 'config/locations.xml' && s.encoding === 'utf8' ? 'utf8bom' : s.encoding, s.crlf),
    }));
    exports.push({ name: `Export ${site.name} ${i + 1}${s.form === 'zip' ? '.zip' : ''}`, form: s.form, server, files: entries });
    if (spec.reExport && i === 0) {
      // An older export of the same server, e.g. from a trial run weeks before.
      const older = entries.map((e) => (e.name === 'manifest.xml' ? { ...e, data: encode(files['manifest.xml']!.replace('2026-10-02T09:14:00Z', '2026-08-14T07:30:00Z'), s.encoding, s.crlf) } : e));
      exports.push({ name: `Export ${site.name} ${i + 1} alt${s.form === 'zip' ? '.zip' : ''}`, form: s.form, server, files: older });
    }
  });
  return { exports, secrets: [...new Set(secrets)] };
}

/** Writes the exports under `dir`; returns their paths in spec order. */
export function writeCustomer(dir: string, customer: BuiltCustomer): string[] {
  mkdirSync(dir, { recursive: true });
  return customer.exports.map((e) => {
    const target = path.join(dir, e.name);
    if (e.form === 'zip') {
      writeFileSync(target, buildZip(e.files));
    } else {
      for (const f of e.files) {
        const p = path.join(target, ...f.name.split(/[\\/]/));
        mkdirSync(path.dirname(p), { recursive: true });
        writeFileSync(p, f.data);
      }
    }
    return target;
  });
}
