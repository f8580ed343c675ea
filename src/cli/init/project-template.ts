/**
 * `init`: a commented starting project file from the exports. One DataCenter server per
 * source (replacing it), a MediaServer commented out, and every decision init cannot make
 * written as an OPEN DECISION the loader finds again (PROJECT_OPEN_DECISION): the value `TODO`
 * (a conflict between sources, a non-UNC share path) or a `# TODO` comment on a value that must
 * change (an invented FQDN, a guessed user store). Each source's value is shown in comments —
 * never a secret's value. Everything with a safe default is a plain comment without "TODO".
 * Pure: text out.
 */
import path from 'node:path';
import { stringify } from 'yaml';
import type { EnterpriseExport, Setting } from '../../model/index.js';
import { Sensitive } from '../../model/index.js';
import { classifySetting, knownSetting, sameTypedValue, suggestedValue } from '../../model/index.js';
import { cmp } from '../../model/index.js';

export interface InitInput {
  exports: readonly EnterpriseExport[];
  /** Folder the project file is written to: source paths are made relative to it. */
  projectDir: string;
  name?: string;
  /** Older exports of a server another input exports again (pickNewestExports): listed as skipped. */
  skipped?: readonly SkippedExport[];
}

export interface SkippedExport {
  exp: EnterpriseExport;
  newer: EnterpriseExport;
}

const exportTime = (e: EnterpriseExport): number => {
  const t = Date.parse(e.manifest.exportedAt);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
};

/**
 * Two exports of one server (an old and a new one) cannot both be migrated: the newer one (by
 * the manifest's exportedAt; the later input when equal) is kept, the older listed as skipped.
 */
export function pickNewestExports(exports: readonly EnterpriseExport[]): { kept: EnterpriseExport[]; skipped: SkippedExport[] } {
  const newest = new Map<string, EnterpriseExport>();
  for (const e of exports) {
    const k = e.source.toLowerCase();
    const prev = newest.get(k);
    if (prev === undefined || exportTime(e) >= exportTime(prev)) newest.set(k, e);
  }
  const kept = exports.filter((e) => newest.get(e.source.toLowerCase()) === e);
  const skipped = exports.filter((e) => newest.get(e.source.toLowerCase()) !== e).map((e) => ({ exp: e, newer: newest.get(e.source.toLowerCase())! }));
  return { kept, skipped };
}

/**
 * Line groups several exports hold (name, case-insensitive → the export indexes holding it): one
 * server manages a line group, so init gives each to the first holder as an open decision.
 */
export function sharedLineGroups(exports: readonly EnterpriseExport[]): Map<string, number[]> {
  const holders = new Map<string, number[]>();
  exports.forEach((e, i) => {
    for (const g of e.lineGroups) {
      const list = holders.get(g.name.toLowerCase()) ?? [];
      if (!list.includes(i)) list.push(i);
      holders.set(g.name.toLowerCase(), list);
    }
  });
  for (const [k, v] of holders) if (v.length < 2) holders.delete(k);
  return holders;
}

/** `ucs-ber-01.corp.example` → `{ name: 'dc-ucs-ber-01', fqdn: 'dc-ucs-ber-01.corp.example' }`. */
export function deriveServer(source: string, used: Set<string>): { name: string; fqdn: string } {
  const [host = source, ...domain] = source.split('.');
  let name = `dc-${host}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  for (let i = 2; used.has(name); i++) name = `dc-${host}-${i}`.toLowerCase();
  used.add(name);
  return { name, fqdn: domain.length ? `${name}.${domain.join('.')}` : name };
}

/** One YAML scalar, quoted as YAML needs it. */
const scalar = (v: unknown): string => stringify(v, { lineWidth: 0 }).trimEnd();

const shown = (s: Setting): string => (s.value instanceof Sensitive || s.type === 'secret' ? '(sensitive)' : String(s.value));

interface OpenDecision {
  key: string;
  reason: string;
  values: { source: string; value: string }[];
  /** The value to suggest (first source's), undefined for secrets. */
  suggestion: string | number | undefined;
}

/** An int setting is suggested as a YAML number, everything else as text. */
const typed = (s: Setting): string | number => (s.type === 'int' && /^-?\d+$/.test(String(s.value)) ? Number(s.value) : String(s.value));

const isUnc = (v: string): boolean => /^\\\\[^\\]+\\[^\\]+/.test(v);

/** Global settings that disagree between sources, and a non-UNC content-sharing location. */
export function openSettingDecisions(exports: readonly EnterpriseExport[]): OpenDecision[] {
  const byKey = new Map<string, { source: string; setting: Setting }[]>();
  for (const exp of exports) {
    for (const s of exp.settings) {
      const plain = s.value instanceof Sensitive ? undefined : s.value;
      if (classifySetting(s.key, plain) !== 'global' || s.key.toLowerCase() === 'usermanager.mode') continue;
      const list = byKey.get(s.key.toLowerCase()) ?? [];
      list.push({ source: exp.source, setting: s });
      byKey.set(s.key.toLowerCase(), list);
    }
  }
  const decisions: OpenDecision[] = [];
  for (const list of [...byKey.values()].sort((a, b) => cmp(a[0]!.setting.key, b[0]!.setting.key))) {
    const first = list[0]!.setting;
    const secret = list.some((e) => e.setting.value instanceof Sensitive);
    const values = list.map((e) => ({ source: e.source, value: shown(e.setting) }));
    const disagree = secret
      ? list.some((e) => !(e.setting.value instanceof Sensitive && e.setting.value.equals(first.value)))
      : list.some((e) => !sameTypedValue(first.key, knownSetting(first.key)?.type ?? first.type, String(first.value), String(e.setting.value)));
    const nonUnc =
      first.key.toLowerCase() === 'contentsharing.filelocation' && list.some((e) => !isUnc(String(e.setting.value)));
    if (!disagree && !nonUnc) continue;
    const reasons: string[] = [];
    if (disagree) reasons.push(list.length > 1 ? 'differs between the sources' : 'set in one source only');
    if (nonUnc) reasons.push('must be a UNC path (\\\\server\\share) every DataCenter server can reach');
    decisions.push({
      key: first.key,
      reason: reasons.join('; '),
      values,
      // A list's suggestion holds every element any source has (issue 18: a suggestion drops nothing).
      suggestion: secret ? undefined : nonUnc ? '\\\\fileserver\\procall$\\share' : first.type === 'list' ? suggestedValue(first.key, 'list', list.map((e) => String(e.setting.value))) : typed(first),
    });
  }
  return decisions.filter((d) => d.values.length > 1 || d.reason.includes('UNC'));
}

function userStoreLines(exports: readonly EnterpriseExport[]): string[] {
  const modes = exports.map((e) => `${e.source}: ${e.userManagement ?? 'unknown'}`);
  const set = new Set(exports.map((e) => e.userManagement));
  const header = `# user management in the sources: ${modes.join(', ')}`;
  if (set.size === 1 && (set.has('ad') || set.has('mssql'))) return [header, `userStore: ${[...set][0]}`];
  if (set.has('ad') && !set.has('mssql')) {
    return [header, 'userStore: ad   # TODO: some sources use file-based user management (not supported by DataCenter); ad keeps the AD users'];
  }
  return [
    header,
    '# file-based (integrated) user management is not supported by ProCall DataCenter:',
    'userStore: mssql   # TODO: choose mssql (users kept in the multi-server database) or ad (Active Directory)',
  ];
}

/** The project file's text. */
export function renderInitProject(input: InitInput): string {
  const { exports } = input;
  const used = new Set<string>();
  const servers = exports.map((e) => ({ exp: e, ...deriveServer(e.source, used) }));
  const shared = sharedLineGroups(exports);
  const rel = (p: string) => {
    const r = path.relative(input.projectDir, path.resolve(p)).split(path.sep).join('/');
    return r === '' ? '.' : r;
  };
  const out: string[] = [
    '# procall-migrate project file, written by `procall-migrate init`.',
    '# Review every "TODO", then run `procall-migrate plan -p <this file>`.',
    `name: ${scalar(input.name ?? `${exports[0]?.source.split('.').slice(1).join('.') || 'Customer'} DataCenter`)}`,
    'sources:',
    ...exports.map((e) => `  - ${scalar(rel(e.inputPath))}   # ${e.source}, ProCall ${e.manifest.version}, ${e.users.length} users`),
    ...(input.skipped ?? []).map(
      (s) => `  # skipped: ${rel(s.exp.inputPath)}: an older export of ${s.exp.source} (${s.exp.manifest.exportedAt}); the newer one (${s.newer.manifest.exportedAt}) is used`,
    ),
    ...userStoreLines(exports),
    'servers:',
  ];
  for (const s of servers) {
    out.push(
      `  - name: ${scalar(s.name)}`,
      `    fqdn: ${scalar(s.fqdn)}   # TODO: the new server's real name`,
      `    replaces: [${scalar(s.exp.source)}]   # its users and lines stay together here`,
    );
    // A line group several exports hold goes to its first holder, as an open decision naming the others.
    const index = servers.indexOf(s);
    const groups = s.exp.lineGroups.map((g) => g.name).filter((g) => (shared.get(g.toLowerCase())?.[0] ?? index) === index);
    const mine = groups.filter((g) => shared.has(g.toLowerCase()));
    const others = (g: string) => shared.get(g.toLowerCase())!.slice(1).map((k) => `${servers[k]!.name} (${servers[k]!.exp.source})`).join(', ');
    const todo = mine.length === 0 ? '' : `   # TODO: one server manages a line group: ${mine.map((g) => `"${g}" is also held by ${others(g)}`).join('; ')}; keep it here or move it there`;
    if (groups.length) out.push(`    lineGroups: [${groups.map(scalar).join(', ')}]${todo}`);
    out.push(`    # maxUsers: ${Math.max(100, Math.ceil((s.exp.users.length * 1.5) / 100) * 100)}`);
  }
  const domain = servers[0]?.fqdn.split('.').slice(1).join('.') || 'corp.example';
  out.push(
    '  # A dedicated UC MediaServer (needs its own server licence):',
    '  # - name: dc-ms-01',
    `  #   fqdn: dc-ms-01.${domain}`,
    '  #   role: mediaserver',
    'homeServers:',
    '  # mapping: home-servers.csv   # userName,server — wins over every rule',
    '  balance: false                # true: users no rule places go to the least-loaded server',
  );
  const ese = exports.filter((e) => e.settings.some((s) => s.key.toLowerCase() === 'monitor.everyoneseeseveryone' && String(s.value) === '1'));
  out.push('monitor:');
  if (ese.length) {
    // A safe default, so a note and no open decision.
    out.push(
      `  # note: "all users see all users" is on globally in ${ese.map((e) => e.source).join(', ')};`,
      '  #       DataCenter does not allow it globally: perGroup keeps it per group (up to groupLimit members), drop removes it',
    );
  }
  out.push('  everyoneSeesEveryone: perGroup', '  groupLimit: 250');
  const decisions = openSettingDecisions(exports);
  if (decisions.length) {
    // Open decisions: the value TODO until the consultant writes one (plan refuses until then).
    out.push('# Settings the sources leave open: replace each TODO with the decided value.');
    out.push('settings:', '  global:');
    for (const d of decisions) {
      out.push(`    # ${d.key}: ${d.reason}`);
      for (const v of d.values) out.push(`    #   ${v.source}: ${v.value.replace(/[\r\n]+/g, ' ')}`);
      const what =
        d.suggestion === undefined
          ? `a secret: write { env: ${d.key.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()} } and set that variable`
          : `e.g. ${String(d.suggestion)}`;
      out.push(`    ${d.key}: TODO   # ${what}`);
    }
  }
  out.push(
    '# The target multi-server database (without it, plans are made against an empty database):',
    '# target:',
    '#   server: sql01.corp.example   # fully qualified: the ODBC 18 driver of the UCServers needs it',
    '#   database: ProCallDC',
    '#   authentication: sql',
    '#   user: migrator',
    '#   passwordEnv: PROCALL_SQL_PASSWORD   # passwords only from the environment or a prompt',
    '# Redis, for the setup sheets of the report:',
    '# redis:',
    '#   mode: server',
    '#   host: redis01.corp.example',
    '#   tls: false            # port 6379, or 6380 with TLS',
    '',
  );
  return out.join('\n');
}
