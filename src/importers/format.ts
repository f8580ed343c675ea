/**
 * Everything the importer knows about the ProCall Enterprise export format
 * (shared/spec/enterprise-export.md): file names, root and element names, attribute names and
 * the raw zod schemas that turn an element's string attributes into model-named fields.
 * A change of format is a change here and nowhere else.
 */
import * as z from 'zod';
import type { LicenseKind, LineKind, SettingType } from '../model/index.js';
import { LicenseKey, Sensitive } from '../model/index.js';
import { looksLikeSecretKey } from '../model/index.js';

// ── Files and layout ─────────────────────────────────────────────────────────────────────────

/** The contract's files, by role; paths are compared lowercase. */
export const FILES = {
  manifest: 'manifest.xml',
  ucserver: 'config/ucserver.xml',
  locations: 'config/locations.xml',
  lines: 'config/lines.xml',
  clientUpdate: 'config/clientupdate.xml',
  users: 'users.xml',
  groups: 'groups.xml',
  computers: 'computers.xml',
} as const;
export type FileRole = keyof typeof FILES;

export const REQUIRED_FILES: readonly FileRole[] = ['manifest', 'ucserver', 'users'];

/** `config/users/<userName>_clientcontent.xml`: group 1 is the user name. */
export const CLIENT_CONTENT_FILE = /^config\/users\/([^/]+)_clientcontent\.xml$/i;
/** `database/*.db`: file databases, listed as not migrated. */
export const DATABASE_FILE = /^database\/[^/]+\.db$/i;

/** The root element each file must have (undefined: any root, the file is kept whole). */
export const ROOTS: Record<FileRole | 'clientContent', string | undefined> = {
  manifest: 'Export',
  ucserver: 'UCServerConfig',
  locations: 'locations',
  lines: 'LineConfig',
  clientUpdate: undefined,
  users: 'Users',
  groups: 'Groups',
  computers: 'Computers',
  clientContent: 'ClientContent',
};

// ── Value codecs: XML attributes are strings ────────────────────────────────────────────────

const BOOL_MESSAGE = 'expected 0, 1, true or false';
const text = z.string().default('');
/** A required, non-empty text attribute. */
const required = z.string({ error: 'is required' }).trim().min(1, { error: 'is required' });
const bool = z.stringbool({ truthy: ['1', 'true'], falsy: ['0', 'false'], error: BOOL_MESSAGE });
const int = z
  .string()
  .trim()
  .regex(/^[+-]?\d{1,15}$/, { error: 'expected a whole number' })
  .transform(Number);
const count = int.pipe(z.number().min(0, { error: 'expected a number ≥ 0' }));

const SETTING_TYPES = ['text', 'int', 'bool', 'list', 'secret'] as const satisfies readonly SettingType[];
const LINE_KINDS = ['TAPI', 'ECSTA', 'SIP'] as const satisfies readonly LineKind[];
const LICENSE_KINDS = ['user', 'server'] as const satisfies readonly LicenseKind[];
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `expected one of ${values.join(', ')}` });

/** Describes one repeated element: its name, its attributes' schema and how they map to the model. */
export interface RowSpec<Out> {
  element: string;
  /** The attribute names the format knows (anything else is reported as not migrated). */
  attributes: readonly string[];
  schema: z.ZodType<Out, Record<string, string>>;
}

function rowSpec<Shape extends z.ZodRawShape, Out>(
  element: string,
  shape: Shape,
  toModel: (raw: z.output<z.ZodObject<Shape>>) => Out,
  refine?: (raw: z.output<z.ZodObject<Shape>>, ctx: z.RefinementCtx) => void,
): RowSpec<Out> {
  const object = z.object(shape);
  const checked = refine ? object.superRefine(refine) : object;
  return {
    element,
    attributes: Object.keys(shape),
    schema: checked.transform(toModel) as unknown as z.ZodType<Out, Record<string, string>>,
  };
}

// ── manifest.xml ────────────────────────────────────────────────────────────────────────────

/** The manifest attribute that names the source server. */
export const MANIFEST_SERVER_ATTRIBUTE = 'server';
export const MANIFEST = rowSpec(
  'Export',
  { product: text, version: text, server: required, exportedAt: text, includesInactive: bool.default(false) },
  (r) => ({ ...r }),
);

// ── config/ucserver.xml ─────────────────────────────────────────────────────────────────────

/** The setting whose value says which user management the server uses. */
export const USER_MANAGEMENT_KEY = 'usermanager.mode';
export const USER_MANAGEMENT_VALUES = { '0': 'integrated', '1': 'ad', '2': 'mssql' } as const;

const BOOL_VALUE = /^(0|1|true|false)$/i;
/** A value as a message shows it: quoted, at most 60 characters. */
const quoteValue = (v: string): string => JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
export const UCSERVER = {
  settings: 'Settings',
  licenses: 'Licenses',
  setting: rowSpec(
    'Setting',
    { key: required, type: oneOf(SETTING_TYPES), value: text },
    (r) => {
      // A password typed "text" (or "int": a PIN) by hand is still a password: it is imported as
      // a secret (and reported), so neither a conflict message nor a plan can show it.
      const secret = r.type === 'secret' || (r.type !== 'bool' && looksLikeSecretKey(r.key));
      return {
        key: r.key,
        type: secret ? 'secret' : r.type,
        // A secret is wrapped at once so no later step can print it.
        value: secret ? new Sensitive(r.value) : r.type === 'bool' ? (/^(1|true)$/i.test(r.value.trim()) ? '1' : '0') : r.type === 'int' ? r.value.trim() : r.value,
      };
    },
    // A wrong value names key, value, file and line (issue 8), so `settings:` can decide it; the
    // value is quoted only when the key does not look like a password (a PIN typed int stays hidden).
    (r, ctx) => {
      const value = looksLikeSecretKey(r.key) ? 'value (not shown: the key names a password)' : `value ${quoteValue(r.value)}`;
      // `finding`: the values the message is made of (the value only when it may be shown).
      const finding = { key: r.key, ...(looksLikeSecretKey(r.key) ? {} : { value: r.value }) };
      const wrong = (expected: string) => ctx.addIssue({ code: 'custom', path: ['value'], message: `setting ${r.key}: ${value} is not ${expected}`, params: { standalone: true, finding: { ...finding, expected } } });
      if (r.type === 'int' && !/^\s*[+-]?\d+\s*$/.test(r.value)) wrong('a whole number (type="int")');
      if (r.type === 'bool' && !BOOL_VALUE.test(r.value.trim())) wrong('0, 1, true or false (type="bool")');
      if (r.key.toLowerCase() === USER_MANAGEMENT_KEY && !(r.value.trim() in USER_MANAGEMENT_VALUES)) wrong('0 (integrated), 1 (Active Directory) or 2 (Microsoft SQL)');
    },
  ),
  license: rowSpec('License', { key: required, type: oneOf(LICENSE_KINDS), count: count }, (r) => ({
    key: new LicenseKey(r.key),
    kind: r.type,
    count: r.count,
  })),
} as const;

// ── config/locations.xml ────────────────────────────────────────────────────────────────────

export const LOCATIONS = {
  location: rowSpec(
    'location',
    { name: required, CountryCode: text, CityCode: text, LocalNumber: text, ExtFrom: text, ExtTo: text },
    (r) => ({ name: r.name, countryCode: r.CountryCode, cityCode: r.CityCode, localNumber: r.LocalNumber, extFrom: r.ExtFrom, extTo: r.ExtTo }),
  ),
  rules: 'InternalRules',
  rule: rowSpec('Element', { Search: required, Replace: text, MatchReplace: bool.default(false) }, (r) => ({
    search: r.Search,
    replace: r.Replace,
    matchReplace: r.MatchReplace,
  })),
} as const;

// ── config/lines.xml ────────────────────────────────────────────────────────────────────────

/** A line URI is `tel:` plus the number. */
export const LINE_URI = /^tel:(.+)$/i;
export const LINES = {
  /** The attribute of line groups and lines naming their location. */
  locationAttribute: 'location',
  lineGroup: rowSpec(
    'LineGroup',
    { name: required, kind: oneOf(LINE_KINDS), location: text, bCreateLinesAutomatically: bool.default(false), bJournalAllLines: bool.default(false) },
    (r) => ({ name: r.name, kind: r.kind, location: r.location, createLinesAutomatically: r.bCreateLinesAutomatically, journalAllLines: r.bJournalAllLines }),
  ),
  line: rowSpec(
    'Line',
    {
      u8sLineURI: required.regex(LINE_URI, { error: 'expected a tel: URI (tel:+49…)' }),
      u8sInternalNumber: text,
      u8sLineName: text,
      bTrunk: bool.default(false),
      bJournal: bool.default(false),
      bPrivate: bool.default(false),
      location: text,
    },
    (r) => ({
      uri: r.u8sLineURI,
      phoneNumber: (LINE_URI.exec(r.u8sLineURI)?.[1] ?? '').trim(),
      internalNumber: r.u8sInternalNumber,
      name: r.u8sLineName,
      trunk: r.bTrunk,
      journal: r.bJournal,
      private: r.bPrivate,
      location: r.location,
    }),
  ),
} as const;

// ── users.xml ───────────────────────────────────────────────────────────────────────────────

export const USERS = {
  user: rowSpec(
    'User',
    {
      iEnabled: bool.default(true),
      u8sUserName: required,
      u8sSIPURI: text,
      u8sFirstName: text,
      u8sLastName: text,
      u8sDisplayName: text,
      u8sEMail: text,
      u8sProfile: text,
      u8sPhoneNumber: text,
      u8sPhoneSecondary: text,
      u8sPassword: text,
      u8sDNPath: text,
      u8sSAMAccountName: text,
      u8sobjectGUID: text,
      u8sHomeServer: text,
    },
    (r) => ({
      enabled: r.iEnabled,
      userName: r.u8sUserName,
      sipUri: r.u8sSIPURI.trim(),
      firstName: r.u8sFirstName,
      lastName: r.u8sLastName,
      displayName: r.u8sDisplayName,
      email: r.u8sEMail,
      profile: r.u8sProfile,
      phoneNumber: r.u8sPhoneNumber.trim(),
      phoneSecondary: r.u8sPhoneSecondary.trim(),
      password: r.u8sPassword === '' ? undefined : new Sensitive(r.u8sPassword),
      dnPath: r.u8sDNPath,
      samAccountName: r.u8sSAMAccountName,
      objectGuid: r.u8sobjectGUID,
      homeServer: r.u8sHomeServer,
    }),
  ),
  monitorLine: rowSpec('MonitorLine', { u8sPhoneNumber: required }, (r) => ({ phoneNumber: r.u8sPhoneNumber })),
  userNameAttribute: 'u8sUserName',
  sipUriAttribute: 'u8sSIPURI',
  phoneAttributes: { phoneNumber: 'u8sPhoneNumber', phoneSecondary: 'u8sPhoneSecondary' },
} as const;

// ── groups.xml ──────────────────────────────────────────────────────────────────────────────

export const GROUPS = {
  group: rowSpec(
    'Group',
    {
      iEnabled: bool.default(true),
      u8sGroupName: required,
      u8sSIPURI: text,
      u8sGroupLeader: text,
      u8sGroupCoLeader: text,
      bGroupSettingsActive: bool.default(false),
      bEveryoneSeesEveryone: bool.default(false),
    },
    (r) => ({
      enabled: r.iEnabled,
      name: r.u8sGroupName,
      sipUri: r.u8sSIPURI.trim(),
      leader: r.u8sGroupLeader.trim(),
      coLeader: r.u8sGroupCoLeader.trim(),
      settingsActive: r.bGroupSettingsActive,
      everyoneSeesEveryone: r.bEveryoneSeesEveryone,
    }),
  ),
  member: rowSpec('Member', { u8sUserName: required }, (r) => ({ userName: r.u8sUserName })),
  /** Attribute names of the user references, for diagnostics that point at them. */
  leaderAttribute: 'u8sGroupLeader',
  coLeaderAttribute: 'u8sGroupCoLeader',
} as const;

// ── computers.xml ───────────────────────────────────────────────────────────────────────────

export const COMPUTERS = {
  computer: rowSpec(
    'Computer',
    { iEnabled: bool.default(true), u8sComputerLogin: required, u8sPhoneNumber: text, u8sPhoneSecondary: text },
    (r) => ({ enabled: r.iEnabled, name: r.u8sComputerLogin, phoneNumber: r.u8sPhoneNumber.trim(), phoneSecondary: r.u8sPhoneSecondary.trim() }),
  ),
} as const;

// ── config/users/<user>_clientcontent.xml ──────────────────────────────────────────────────

export const CLIENT_CONTENT = rowSpec('ClientContent', { u8sVersion: text, u8sRevision: int.default(0) }, (r) => ({
  revision: r.u8sRevision,
}));

/** Attributes that belong to XML itself, never reported as unknown. */
export const XML_ATTRIBUTE = /^xmlns(:|$)|^xml:/;
