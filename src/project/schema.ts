/**
 * The migration project file (contract: shared/spec/migration-project.md): what to read, which
 * DataCenter environment to build, and how to decide what the sources leave open.
 *
 * Three layers, as everywhere: `projectFileSchema` is the raw shape (strict: an unknown key is a
 * typo and an error), `projectRules` adds the cross-field rules, and `loadProject`
 * (src/importers/project-file.ts) resolves paths and reads passwords from the environment.
 */
import { z } from 'zod';
import { closestName, didYouMean } from '../model/index.js';
import { hostNameMessage, hostNameProblem, hostOrIpProblem, SERVER_NAME_PATTERN } from '../io/index.js';
import { showInvisible } from '../io/index.js';
import type { Sensitive } from '../model/index.js';
import { knownSetting, looksLikeSecretKey } from '../model/index.js';

/** Diagnostic codes of the project stage (documented in docs/diagnostics.md, "Project and mapping"). */
export const PROJECT_CODES = {
  PROJECT_FILE_UNREADABLE: 'the project file cannot be read',
  PROJECT_SYNTAX: 'the project file is not valid YAML/JSON',
  PROJECT_INVALID: 'a value in the project file has the wrong shape or type',
  PROJECT_UNKNOWN_KEY: 'a key the project file does not know (a typo is never ignored)',
  PROJECT_INVISIBLE_CHARACTER: 'a key or value of the project file holds a bidirectional control (U+202E, …) or a zero-width character',
  PROJECT_DUPLICATE_SERVER: 'two servers share a name or FQDN',
  PROJECT_DUPLICATE_REPLACES: 'one source is replaced by two servers',
  PROJECT_DUPLICATE_LINE_GROUP: 'one line group is managed by two servers',
  PROJECT_MEDIASERVER_FIELD: 'a mediaserver carries replaces, lineGroups or maxUsers',
  PROJECT_NO_UCSERVER: 'the project has no ucserver',
  PROJECT_UNKNOWN_SERVER: 'settings.local or target names a server the project does not define',
  PROJECT_PASSWORD_IN_FILE: 'a password is written in the project file (passwords come only from the environment)',
  PROJECT_PASSWORD_ENV_UNSET: 'the environment variable named by passwordEnv is not set (the CLI may prompt)',
  PROJECT_SETTING_ENV_UNSET: 'a secret setting taken from the environment ({ env: NAME }) is not set: migrate and apply will need it',
  PROJECT_AUTH_INCOMPLETE: 'target authentication lacks user, passwordEnv or domain',
  PROJECT_FILE_ENCODING: 'the project file is not UTF-8 (a byte-order mark is fine); nothing in it is read',
  PROJECT_ALIAS: 'a YAML alias refers to no anchor, refers to itself, or expands too often (an alias bomb)',
  PROJECT_DUPLICATE_KEY: 'one key twice in one mapping of the project file',
  PROJECT_RESERVED_NAME: '__proto__, constructor or prototype used as a key or server name',
  PROJECT_OPEN_DECISION: 'a value still marked TODO (or a `# TODO` comment on it): plan, migrate, apply, script, rollout and report refuse until it is decided',
  PROJECT_ACCEPT_UNUSED: 'an accept: entry matches no warning of the run',
  PROJECT_ACCEPT_ERROR: 'an accept: entry names an error; errors cannot be accepted and stay errors',
  PROJECT_SOURCE_HOLDS_EXPORTS: 'a path under sources: is a folder holding several exports, not an export; none is read (list each one by one)',
  PROJECT_OVERRIDE_UNKNOWN: 'an overrides: entry names a source, entity, key or field no export has (the message names the closest one)',
  PROJECT_OVERRIDE_INVALID: "an overrides: entry's value does not fit the export contract for its field (type, format, a secret)",
  PROJECT_OVERRIDE_APPLIED: 'an imported value corrected by an overrides: entry (note: the project decides it, the export is unchanged)',
  PROJECT_LOCATION_UNKNOWN: 'a locations: entry names a location, or takes it from a source, that no export defines',
  PROJECT_EXCLUDE_UNKNOWN: 'an exclude: entry names a source, entity or key no export has (the message names the closest one); nothing is left out by it',
  PROJECT_EXCLUDED: 'an entity left out of the migration by an exclude: entry (note: names it and what goes with it: memberships, client content, mapping row)',
  PROJECT_NOT_A_PROJECT: 'the file given as project has no project key at all (not a project file); none of its content is shown',
  MAPPING_FILE_UNREADABLE: 'the home-server mapping CSV cannot be read',
  MAPPING_FILE_ENCODING: 'the home-server mapping CSV is not UTF-8 (e.g. Excel\'s plain "CSV", which is Windows-1252)',
  MAPPING_ROW_INVALID: 'a row of the home-server mapping CSV is not `userName,server`',
  MAPPING_DUPLICATE_USER: 'the home-server mapping names one user twice with different servers',
} as const;
export type ProjectCode = keyof typeof PROJECT_CODES;

const nonEmpty = z.string().trim().min(1, { error: 'expected a non-empty text' });
/** SQL Server's `int`: the largest count a project may give (maxUsers, bulkBatchRows). */
export const MAX_PROJECT_INT = 2_147_483_647;
const positiveInt = z
  .number({ error: 'expected a positive integer' })
  .int({ error: 'expected a positive integer' })
  .positive({ error: 'expected a positive integer' })
  .max(MAX_PROJECT_INT, { error: `too large (at most ${MAX_PROJECT_INT})` });
const port = z
  .number({ error: 'expected a TCP port (1-65535)' })
  .int({ error: 'expected a TCP port (1-65535)' })
  .min(1, { error: 'expected a TCP port (1-65535)' })
  .max(65535, { error: 'expected a TCP port (1-65535)' });
const envName = z
  .string({ error: 'expected the name of an environment variable' })
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected the name of an environment variable (letters, digits, _)' });

/** A setting value in the project: a scalar, or `{ env: NAME }` for a secret read from the environment. */
export const projectSettingValueSchema = z.union(
  [z.string(), z.number(), z.boolean(), z.strictObject({ env: envName })],
  { error: 'expected a text, number, boolean or { env: VARIABLE }' },
);

/**
 * A host name (RFC 1123, model/host-name.ts; `orIp`: an IP address too), or an open `TODO`: it
 * reaches registry files, the MSI parameter and DNS zones, where a line break is syntax (issue 20).
 */
const hostName = (orIp = false) =>
  nonEmpty.superRefine((v, ctx) => {
    if (isTodoValue(v)) return;
    const problem = orIp ? hostOrIpProblem(v) : hostNameProblem(v);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: hostNameMessage(v, problem) });
  });
/** A server's `name:` (SERVER_NAME_PATTERN: 1-63 letters, digits, `-`, `_`, `.`), or an open `TODO`. */
// A reserved name (`__proto__`) passes here: projectRules refuses it as what it is (PROJECT_RESERVED_NAME).
const serverName = nonEmpty.refine((v) => isTodoValue(v) || RESERVED_NAMES.has(v) || SERVER_NAME_PATTERN.test(v), {
  error: (issue) =>
    `expected a server name (1 to 63 letters, digits, "-", "_" or ".", starting with a letter or digit), not ${showInvisible(JSON.stringify(issue.input))}`,
});

export const serverSchema = z.strictObject({
  name: serverName,
  fqdn: hostName(),
  site: nonEmpty.optional(),
  role: z.enum(['ucserver', 'mediaserver'], { error: 'expected ucserver or mediaserver' }).default('ucserver'),
  replaces: z.array(nonEmpty, { error: 'expected a list of source server names' }).default([]),
  lineGroups: z.array(nonEmpty, { error: 'expected a list of line-group names' }).default([]),
  maxUsers: positiveInt.optional(),
});

export const redisSchema = z.strictObject({
  mode: z.enum(['server', 'sentinel'], { error: 'expected server or sentinel' }).default('server'),
  host: hostName(true).optional(),
  port: port.optional(),
  tls: z.boolean({ error: 'expected true or false' }).default(false),
  /** The seed: "This option should always be set!" */
  binaryEncoding: z.boolean({ error: 'expected true or false' }).default(true),
  masterName: nonEmpty.optional(),
  sentinels: z
    .array(z.strictObject({ host: hostName(true), port: port.default(26379) }), { error: 'expected a list of { host, port }' })
    .default([]),
  passwordEnv: envName.optional(),
  /** PEM file of the CA that must have signed the Redis server's certificate (preflight; relative to the project file). */
  caFile: nonEmpty.optional(),
});

/**
 * Where `preflight` looks for the users in Active Directory (migration-project.md, "Directory");
 * each key overrides the sources' `usermanager.ad.*`. The bind password only from the environment.
 */
export const directorySchema = z.strictObject({
  /** `ldaps://host:636`, or `ldap://host:389` (plain: a warning; `startTls: true` upgrades it). */
  url: z.string().regex(/^ldaps?:\/\/[^/\s]+\/?$/i, { error: 'expected ldaps://HOST[:PORT] or ldap://HOST[:PORT]' }).optional(),
  startTls: z.boolean({ error: 'expected true or false' }).default(false),
  /** PEM file of the CA the UCServers trust for the directory (relative to the project file). */
  caFile: nonEmpty.optional(),
  /** A DN, DOMAIN\\user or user@domain. */
  bindUser: nonEmpty.optional(),
  passwordEnv: envName.optional(),
  /** The users' base DN (`usermanager.ad.baseDnUsers`). */
  baseDn: nonEmpty.optional(),
});

export const targetSchema = z.strictObject({
  server: nonEmpty,
  port: port.default(1433),
  database: nonEmpty,
  authentication: z.enum(['sql', 'ntlm', 'default'], { error: 'expected sql, ntlm or default' }).default('sql'),
  user: nonEmpty.optional(),
  domain: nonEmpty.optional(),
  passwordEnv: envName.optional(),
  encrypt: z.boolean({ error: 'expected true or false' }).default(true),
  trustServerCertificate: z.boolean({ error: 'expected true or false' }).default(false),
  /** Collation of every text column (issue 14: a TDS server may lack Microsoft's default). */
  collation: z
    .string()
    .regex(/^[A-Za-z0-9_]+$/, { error: 'expected a collation name (letters, digits, _)' })
    .default('Latin1_General_100_CI_AS_SC'),
  /** Rows per bulk load into a #temp table (SqlBulkCopy's BatchSize). */
  bulkBatchRows: positiveInt.default(10000),
});

/** A warning the consultant has looked at and accepts (migration-project.md, "Acknowledged warnings"). */
export const acceptSchema = z.strictObject({
  code: nonEmpty,
  /** Text the diagnostic's message or path contains; absent: every diagnostic of the code. */
  match: nonEmpty.optional(),
  reason: nonEmpty,
});

/** A per-row decision between an admin edit in DataCenter and the source (ledger.md §2). */
export const decisionSchema = z.strictObject({
  table: nonEmpty,
  key: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]), { error: 'expected the key columns and values, e.g. { UserName: anna.schmidt }' }),
  column: nonEmpty.optional(),
  keep: z.enum(['datacenter', 'source'], { error: 'expected datacenter or source' }),
});

/**
 * A correction of one imported value, without touching the customer's export (docs/decide.md):
 * checked against the export contract like the export's own value (src/project/overrides.ts).
 */
export const overrideSchema = z.strictObject({
  source: nonEmpty,
  /** user, line, lineGroup, group, computer, location, rule, setting, licence (did-you-mean when misspelt). */
  entity: nonEmpty,
  key: z.union([nonEmpty, z.number()], { error: 'expected the entity\'s key in that export (a user name, a line URI, …)' }),
  field: nonEmpty,
  value: z.union([z.string(), z.number(), z.boolean()], { error: 'expected a text, number or boolean' }),
  reason: nonEmpty.optional(),
});

/**
 * An entity the project leaves out of the migration (docs/decide.md, "exclude:"): the user who
 * left the company, the second copy of a user two sources hold. Applied to the imported exports
 * in memory (src/project/exclude.ts); the export is unchanged.
 */
export const excludeSchema = z.strictObject({
  source: nonEmpty,
  /** user, computer, line, lineGroup, group (did-you-mean when misspelt). */
  entity: nonEmpty,
  key: z.union([nonEmpty, z.number()], { error: 'expected the entity\'s key in that export (a user name, a line URI, …)' }),
  reason: nonEmpty.optional(),
});

/** A location rule the project defines itself (`locations: { X: { define: { rules: [...] } } }`). */
const locationRuleSchema = z.strictObject({
  search: nonEmpty,
  replace: z.string({ error: 'expected a text' }),
  matchReplace: z.boolean({ error: 'expected true or false' }).default(false),
});
const digits = z.union([z.string(), z.number()], { error: 'expected digits' }).transform((v) => String(v)).pipe(z.string().regex(/^\d*$/, { error: 'expected digits' }));

/**
 * How the project settles a location the sources define differently (MAP_LOCATION_CONFLICT):
 * take one source's definition, or define the location itself.
 */
export const locationChoiceSchema = z.union(
  [
    z.strictObject({ from: nonEmpty }),
    z.strictObject({
      define: z.strictObject({
        countryCode: digits,
        cityCode: digits,
        localNumber: digits,
        extFrom: digits.default(''),
        extTo: digits.default(''),
        rules: z.array(locationRuleSchema, { error: 'expected a list of { search, replace, matchReplace }' }).default([]),
      }),
    }),
  ],
  { error: 'expected { from: SOURCE } or { define: { countryCode, cityCode, localNumber, extFrom, extTo, rules } }' },
);

export const projectFileSchema = z.strictObject({
  name: nonEmpty,
  sources: z.array(nonEmpty, { error: 'expected a list of export paths' }).min(1, { error: 'expected at least one source' }),
  userStore: z.enum(['mssql', 'ad'], { error: 'expected mssql or ad (file-based user management is not supported by DataCenter)' }).optional(),
  servers: z.array(serverSchema, { error: 'expected a list of servers' }).min(1, { error: 'expected at least one server' }),
  homeServers: z
    .strictObject({
      mapping: nonEmpty.optional(),
      balance: z.boolean({ error: 'expected true or false' }).default(false),
    })
    .default({ balance: false }),
  monitor: z
    .strictObject({
      everyoneSeesEveryone: z.enum(['perGroup', 'drop'], { error: 'expected perGroup or drop' }).default('perGroup'),
      groupLimit: positiveInt.default(250),
    })
    .default({ everyoneSeesEveryone: 'perGroup', groupLimit: 250 }),
  settings: z
    .strictObject({
      global: z.record(z.string(), projectSettingValueSchema).default({}),
      local: z.record(z.string(), z.record(z.string(), projectSettingValueSchema)).default({}),
    })
    .default({ global: {}, local: {} }),
  target: targetSchema.optional(),
  redis: redisSchema.optional(),
  /** The Active Directory `preflight` checks (userStore: ad). */
  directory: directorySchema.optional(),
  /** Language of what the customer reads (report, rollout README). */
  language: z.enum(['de', 'en'], { error: 'expected de or en' }).optional(),
  accept: z.array(acceptSchema, { error: 'expected a list of { code, match, reason }' }).default([]),
  decisions: z.array(decisionSchema, { error: 'expected a list of { table, key, column, keep }' }).default([]),
  /** Corrections of imported values (src/project/overrides.ts). */
  overrides: z.array(overrideSchema, { error: 'expected a list of { source, entity, key, field, value }' }).optional(),
  /** Entities left out of the migration (src/project/exclude.ts). */
  exclude: z.array(excludeSchema, { error: 'expected a list of { source, entity, key, reason }' }).optional(),
  /**
   * Licences the exports lack are entered in the DataCenter administration after the migration
   * (MAP_NO_USER_LICENSE becomes a note naming this decision; src/project/decided-after-mapping.ts).
   */
  licences: z.strictObject({ addLater: z.boolean({ error: 'expected true or false' }) }).optional(),
  /** Locations the project decides (src/mappers/locations.ts): location name → { from } or { define }. */
  locations: z.record(z.string(), locationChoiceSchema, { error: 'expected location name → { from: SOURCE } or { define: … }' }).optional(),
});

export type ProjectFile = z.output<typeof projectFileSchema>;
export type ProjectServer = z.output<typeof serverSchema>;
export type ProjectSettingValue = z.output<typeof projectSettingValueSchema>;
export type AcceptEntry = z.output<typeof acceptSchema>;
export type ProjectDecision = z.output<typeof decisionSchema>;
export type ProjectOverride = z.output<typeof overrideSchema>;
export type ProjectExclude = z.output<typeof excludeSchema>;
export type LocationChoice = z.output<typeof locationChoiceSchema>;

/**
 * A project setting after loading: the text value (bool as `0`/`1`, as in exports) or, for
 * `{ env: NAME }`, the secret read from the environment (undefined when the variable is unset).
 */
export interface ResolvedProjectSetting {
  value: string | Sensitive | undefined;
  /** The type the value implies; the mapper prefers the sources' type for a known key. */
  type: 'text' | 'int' | 'bool' | 'secret';
  /** `settings.global.<key>` / `settings.local.<server>.<key>`, for diagnostics. */
  path: string;
  /** What the file says, for the type check: a YAML number, boolean or text (`{ env }`: secret). */
  written?: 'number' | 'boolean' | 'text' | 'env';
  /** The project file and the setting's 1-based line, so a decision can name where it was made. */
  file?: string;
  line?: number;
  /** The setting's 1-based column, for diagnostics (`procall-migrate.yaml:12:5`). */
  column?: number;
}

/** Where each value of the project file sits: formatted project path → 1-based line and column. */
export interface ProjectPositions {
  /** The project file's name as diagnostics and provenance show it (`procall-migrate.yaml`). */
  file: string;
  /** `servers[0].fqdn` → position of the key (for a map entry) or of the item (for a list item). */
  at: ReadonlyMap<string, { line: number; column: number }>;
}

/** The loaded project: the file's values with defaults, paths resolved, passwords wrapped. */
export interface Project extends Omit<ProjectFile, 'settings' | 'target' | 'redis'> {
  /** Source paths resolved against the project file's folder (in project order). */
  sourcePaths: string[];
  /** homeServers.mapping resolved against the project file's folder. */
  mappingPath: string | undefined;
  settings: {
    global: Record<string, ResolvedProjectSetting>;
    local: Record<string, Record<string, ResolvedProjectSetting>>;
  };
  target: (z.output<typeof targetSchema> & { password: Sensitive | undefined }) | undefined;
  redis: (z.output<typeof redisSchema> & { password: Sensitive | undefined }) | undefined;
  /** Lines of the project file's values (absent for projects built in memory, e.g. by tests). */
  positions?: ProjectPositions;
  /**
   * Values still `TODO` (open decisions, each already a PROJECT_OPEN_DECISION): `userStore` and
   * settings, left out of `settings`. The mapper raises no second finding (conflict, UNC path,
   * user store) for them, so each open question is counted once.
   */
  openValues?: readonly OpenValue[];
}

/** A project value still `TODO`: a setting (global when `server` is absent) or the user store. */
export type OpenValue = { kind: 'setting'; key: string; server?: string } | { kind: 'userStore' };

/** One row of the home-server mapping CSV. */
export interface MappingEntry {
  userName: string;
  server: string;
  /** The CSV file and 1-based line, for diagnostics. */
  file?: string;
  line?: number;
}

/** A cross-field problem: a path into the file plus a code and message. */
export interface ProjectRuleIssue {
  code: ProjectCode;
  path: (string | number)[];
  message: string;
  hint?: string;
  /** The values the message is made of (catalogs render the finding from these). */
  params?: Record<string, string | number>;
}

const lc = (s: string): string => s.toLowerCase();
/** `{ suggestion }` when a close name exists (the did-you-mean of the message, as data). */
const suggestionOf = (near: string | undefined): { suggestion?: string } => (near === undefined ? {} : { suggestion: near });

/** Names that would reach JavaScript's object machinery: never a key or a server name (issue 9). */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The reason earlier versions wrote into an `accept:` option: it read like a reason and went into
 * the signed report unchanged (walkthrough defect 3), so a project still holding it is open too.
 */
const LEGACY_ACCEPT_REASON = 'reviewed: <why this is fine for the customer>';

/** An open decision's value: `TODO` (or `TODO: …`), as `init` writes it. */
export function isTodoValue(v: unknown): boolean {
  return typeof v === 'string' && (/^\s*TODO\b/.test(v) || v.trim() === LEGACY_ACCEPT_REASON);
}

/** Deeper than this the scan stops: no project file nests that deep (the loader refuses it first). */
const MAX_SCAN_DEPTH = 64;

/**
 * Every `password:` key anywhere in the raw document (passwords come only from the environment).
 * Iterative, depth-bounded and cycle-safe: a circular alias (`x: &x [*x]`) yields a cyclic value.
 */
export function findPasswordKeys(raw: unknown): (string | number)[][] {
  const found: (string | number)[][] = [];
  const seen = new Set<object>();
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: raw, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (v === null || typeof v !== 'object' || seen.has(v) || path.length > MAX_SCAN_DEPTH) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
      continue;
    }
    const entries = Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, child] = entries[i]!;
      if (lc(k) === 'password') found.push([...path, k]);
      else stack.push({ v: child, path: [...path, k] });
    }
  }
  return found;
}

/** The cross-field rules of a schema-valid project file, in file order. */
export function projectRules(file: ProjectFile): ProjectRuleIssue[] {
  const issues: ProjectRuleIssue[] = [];
  const names = new Map<string, number>();
  const fqdns = new Map<string, number>();
  const replaced = new Map<string, number>();
  const groups = new Map<string, number>();
  file.servers.forEach((s, i) => {
    if (RESERVED_NAMES.has(s.name)) {
      issues.push({ code: 'PROJECT_RESERVED_NAME', path: ['servers', i, 'name'], message: `"${s.name}" cannot be a server name`, params: { name: s.name } });
    }
    const first = names.get(lc(s.name));
    if (first !== undefined) {
      issues.push({ code: 'PROJECT_DUPLICATE_SERVER', path: ['servers', i, 'name'], message: `server name "${s.name}" is already used by servers[${first}]`, params: { server: s.name } });
    } else names.set(lc(s.name), i);
    // Two open `fqdn: TODO` are one decision each (PROJECT_OPEN_DECISION), not a duplicate.
    const firstFqdn = isTodoValue(s.fqdn) ? undefined : fqdns.get(lc(s.fqdn));
    if (firstFqdn !== undefined) {
      issues.push({ code: 'PROJECT_DUPLICATE_SERVER', path: ['servers', i, 'fqdn'], message: `fqdn "${s.fqdn}" is already used by servers[${firstFqdn}]`, params: { server: s.fqdn } });
    } else fqdns.set(lc(s.fqdn), i);
    if (s.role === 'mediaserver') {
      for (const field of ['replaces', 'lineGroups'] as const) {
        if (s[field].length > 0) {
          issues.push({
            code: 'PROJECT_MEDIASERVER_FIELD',
            path: ['servers', i, field],
            message: `a mediaserver has no users or lines; move ${field} to a ucserver`,
            params: { server: s.name, field },
          });
        }
      }
      if (s.maxUsers !== undefined) {
        issues.push({ code: 'PROJECT_MEDIASERVER_FIELD', path: ['servers', i, 'maxUsers'], message: 'a mediaserver has no users; remove maxUsers', params: { server: s.name, field: 'maxUsers' } });
      }
    }
    s.replaces.forEach((src, j) => {
      const other = replaced.get(lc(src));
      if (other !== undefined) {
        issues.push({
          code: 'PROJECT_DUPLICATE_REPLACES',
          path: ['servers', i, 'replaces', j],
          message: `source "${src}" is already replaced by servers[${other}]; a source's users and lines stay together on one server`,
          params: { source: src },
        });
      } else replaced.set(lc(src), i);
    });
    s.lineGroups.forEach((g, j) => {
      const other = groups.get(lc(g));
      if (other !== undefined) {
        issues.push({
          code: 'PROJECT_DUPLICATE_LINE_GROUP',
          path: ['servers', i, 'lineGroups', j],
          message: `line group "${g}" is already managed by servers[${other}]; a line group has one management server`,
          params: { lineGroup: g, otherServer: other },
        });
      } else groups.set(lc(g), i);
    });
  });
  if (!file.servers.some((s) => s.role === 'ucserver')) {
    issues.push({ code: 'PROJECT_NO_UCSERVER', path: ['servers'], message: 'expected at least one server with role ucserver (users need a home server)' });
  }
  const localServers = new Map<string, string>();
  for (const server of Object.keys(file.settings.local)) {
    const other = localServers.get(lc(server));
    if (other !== undefined) {
      issues.push({ code: 'PROJECT_DUPLICATE_KEY', path: ['settings', 'local', server], message: `"${server}" is the same server as "${other}" (names compare case-insensitively)`, hint: 'merge the two blocks', params: { key: server } });
    } else localServers.set(lc(server), server);
    if (!names.has(lc(server)) && !RESERVED_NAMES.has(server)) {
      issues.push({
        code: 'PROJECT_UNKNOWN_SERVER',
        path: ['settings', 'local', server],
        params: { server, ...suggestionOf(closestName(server, file.servers.map((s) => s.name))) },
        message: `"${server}" is not a server of this project${didYouMean(server, file.servers.map((s) => s.name)) || ` (servers: ${listSome(file.servers.map((s) => s.name))})`}`,
      });
    }
  }
  const settingLists: [(string | number)[], Record<string, ProjectSettingValue>][] = [
    [['settings', 'global'], file.settings.global],
    ...Object.entries(file.settings.local).map(([srv, m]): [(string | number)[], Record<string, ProjectSettingValue>] => [['settings', 'local', srv], m]),
  ];
  for (const [base, values] of settingLists) {
    // Setting keys compare case-insensitively in DataCenter: two spellings of one key would be one row.
    const seenKeys = new Map<string, string>();
    for (const [key, value] of Object.entries(values)) {
      const other = seenKeys.get(lc(key));
      if (other !== undefined) {
        issues.push({ code: 'PROJECT_DUPLICATE_KEY', path: [...base, key], message: `"${key}" is the same setting as "${other}" (keys compare case-insensitively)`, hint: 'keep one of them', params: { key } });
      } else seenKeys.set(lc(key), key);
      // A password (or a key the catalog types `secret`) is never accepted as a literal in the file.
      if ((looksLikeSecretKey(key) || knownSetting(key)?.type === 'secret') && typeof value !== 'object') {
        issues.push({
          code: 'PROJECT_PASSWORD_IN_FILE',
          path: [...base, key],
          message: 'a password may not be written in the project file',
          hint: `write { env: VARIABLE } and set that environment variable instead`,
          params: { key },
        });
      }
    }
  }
  const t = file.target;
  if (t !== undefined) {
    if (t.authentication !== 'default') {
      if (t.user === undefined) {
        issues.push({ code: 'PROJECT_AUTH_INCOMPLETE', path: ['target', 'user'], message: `${t.authentication} authentication needs a user`, params: { field: 'user' } });
      }
      if (t.passwordEnv === undefined) {
        issues.push({
          code: 'PROJECT_AUTH_INCOMPLETE',
          path: ['target', 'passwordEnv'],
          message: `${t.authentication} authentication needs passwordEnv (the name of the environment variable holding the password)`,
          params: { field: 'passwordEnv' },
        });
      }
    }
    if (t.authentication === 'ntlm' && t.domain === undefined) {
      issues.push({ code: 'PROJECT_AUTH_INCOMPLETE', path: ['target', 'domain'], message: 'ntlm authentication needs a domain', params: { field: 'domain' } });
    }
  }
  const r = file.redis;
  if (r !== undefined) {
    if (r.mode === 'server' && r.host === undefined) {
      issues.push({ code: 'PROJECT_INVALID', path: ['redis', 'host'], message: 'redis mode server needs a host' });
    }
    if (r.mode === 'sentinel' && (r.masterName === undefined || r.sentinels.length === 0)) {
      issues.push({ code: 'PROJECT_INVALID', path: ['redis', r.masterName === undefined ? 'masterName' : 'sentinels'], message: 'redis mode sentinel needs masterName and at least one sentinel' });
    }
  }
  return issues;
}

/** At most 10 names, then "and N more". */
function listSome(names: readonly string[]): string {
  return names.length > 10 ? `${names.slice(0, 10).join(', ')} and ${names.length - 10} more` : names.join(', ');
}

/** `servers[2].maxUsers`: the path notation used in every project diagnostic (0-based indexes). */
export function formatProjectPath(path: readonly (string | number | symbol)[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else {
      const s = String(p);
      out += out === '' ? s : /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `.${s}` : `["${s}"]`;
    }
  }
  return out === '' ? '(root)' : out;
}
