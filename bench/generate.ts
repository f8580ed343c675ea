/**
 * Deterministic generator of large ProCall Enterprise exports (contract: enterprise-export.md)
 * plus a matching project file, for the benchmark and scale tests.
 *
 *   npm run gen -- --users 50000 --servers 10 --out bench/out/gen-50k --seed 1 [--form zip|folder]
 *
 * Same options → byte-identical files: all randomness comes from the seeded Prng, no clock.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  DEPARTMENTS, FIRST_NAMES_AT, FIRST_NAMES_DE, LAST_NAMES_AT, LAST_NAMES_DE, PBX, PROFILES, SITES, asciiName, type Site,
} from './gen-data.js';
import {
  clientContentXml, clientUpdateXml, computersXml, groupsXml, linesXml, locationsXml, manifestXml, ucserverXml, usersXml,
  type GenComputer, type GenGroup, type GenLine, type GenLineGroup, type GenSetting, type GenUser,
} from './gen-xml.js';
import { Prng } from './prng.js';
import { buildZip, type ZipEntry } from './zip-writer.js';

export interface GenerateOptions {
  users: number;
  servers: number;
  seed: number;
  outDir: string;
  form?: 'zip' | 'folder';
}

/** What one generated export holds, in the shape of `inspect --json` counts. */
export interface GeneratedExport {
  path: string;
  server: string;
  site: string;
  lineGroups: string[];
  counts: { users: number; enabledUsers: number; groups: number; computers: number; lineGroups: number; lines: number; clientContent: number };
  notMigrated: string[];
}

export const DEFAULTS = { users: 50_000, servers: 10, seed: 1, outDir: 'bench/out/gen-50k', form: 'zip' as const };
const DOMAIN = 'gen-corp.local';
const AD_BASE = 'OU=GenCorp,DC=gen-corp,DC=local';

/** Writes `servers` exports and `procall-migrate.yaml` into outDir; returns the export paths. */
export async function generateExports(opts: GenerateOptions): Promise<string[]> {
  return (await generateWithCounts(opts)).map((e) => e.path);
}

/** As generateExports, also returning what each export holds (also written to outDir/expected-counts.json). */
export async function generateWithCounts(opts: GenerateOptions): Promise<GeneratedExport[]> {
  const { users, servers, seed, outDir } = opts;
  const form = opts.form ?? 'zip';
  if (!Number.isInteger(users) || users < 1) throw new Error('--users must be a positive integer');
  if (!Number.isInteger(servers) || servers < 1 || servers > users) throw new Error('--servers must be between 1 and --users');
  const rng = new Prng(seed);
  const exportsDir = path.join(outDir, 'exports');
  await rm(exportsDir, { recursive: true, force: true });
  await mkdir(exportsDir, { recursive: true });
  const taken = new Map<string, number>();
  const result: GeneratedExport[] = [];
  for (let i = 0; i < servers; i++) {
    const n = Math.floor(users / servers) + (i < users % servers ? 1 : 0);
    const exp = buildExport(i, n, seed, rng, taken);
    const target = path.join(exportsDir, form === 'zip' ? `${exp.server}.zip` : exp.server);
    if (form === 'zip') {
      await writeFile(target, buildZip(exp.files));
    } else {
      for (const f of exp.files) {
        const p = path.join(target, ...f.name.split('/'));
        await mkdir(path.dirname(p), { recursive: true });
        await writeFile(p, f.data);
      }
    }
    result.push({ path: target, server: exp.server, site: exp.site, lineGroups: exp.lineGroups, counts: exp.counts, notMigrated: exp.notMigrated });
  }
  await writeFile(path.join(outDir, 'procall-migrate.yaml'), projectYaml(result, opts));
  const rel = result.map((r) => ({ ...r, path: path.relative(outDir, r.path).split(path.sep).join('/') }));
  await writeFile(path.join(outDir, 'expected-counts.json'), `${JSON.stringify({ users, servers, seed, form, exports: rel }, null, 2)}\n`);
  return result;
}

interface BuiltExport {
  server: string;
  site: string;
  lineGroups: string[];
  files: ZipEntry[];
  counts: GeneratedExport['counts'];
  notMigrated: string[];
}

function siteOf(i: number): { site: Site; nn: number; server: string; location: string; domain: string } {
  const site = SITES[i % SITES.length]!;
  const nn = Math.floor(i / SITES.length) + 1;
  const domain = site.country === 'AT' ? 'gen-corp.at' : 'gen-corp.de';
  return {
    site, nn, domain,
    server: `ucs-${site.code}-${String(nn).padStart(2, '0')}.${domain}`,
    location: nn === 1 ? site.city : `${site.city} ${nn}`,
  };
}

/** Settings every export shares, so the exports consolidate without conflicts. */
function globalSettings(seed: number): GenSetting[] {
  return [
    { key: 'usermanager.mode', type: 'int', value: '1' },
    { key: 'usermanager.ad.domain', type: 'text', value: DOMAIN },
    { key: 'usermanager.ad.hostName', type: 'text', value: `ad01.${DOMAIN}` },
    { key: 'usermanager.ad.hostPort', type: 'int', value: '636' },
    { key: 'usermanager.ad.baseDnUsers', type: 'text', value: `OU=Users,${AD_BASE}` },
    { key: 'usermanager.ad.baseDnGroups', type: 'text', value: `OU=Groups,${AD_BASE}` },
    { key: 'usermanager.ad.baseDnComputers', type: 'text', value: `OU=Computers,${AD_BASE}` },
    { key: 'usermanager.ad.bindUser', type: 'text', value: `svc-procall@${DOMAIN}` },
    { key: 'usermanager.ad.bindPassword', type: 'secret', value: `Gen!Bind-${seed}-Süd` },
    { key: 'usermanager.presenceDomains', type: 'list', value: 'gen-corp.de;gen-corp.at' },
    { key: 'usermanager.autoBindFirstLine', type: 'bool', value: '1' },
    { key: 'rights.global.chat', type: 'bool', value: '1' },
    { key: 'rights.global.journalOwnCalls', type: 'bool', value: '1' },
    { key: 'monitor.everyoneSeesEveryone', type: 'bool', value: '0' },
    { key: 'contentsharing.enabled', type: 'bool', value: '1' },
    { key: 'contentsharing.fileLocation', type: 'text', value: '\\\\fs01.gen-corp.local\\procall$\\share' },
    { key: 'contentsharing.maxFileSizeMB', type: 'int', value: '25' },
    { key: 'chat.deleteAfterDays', type: 'int', value: '180' },
    { key: 'journal.deleteAfterDays', type: 'int', value: '365' },
    { key: 'mail.smtpServer', type: 'text', value: `smtp.${DOMAIN}` },
    { key: 'mail.smtpPort', type: 'int', value: '587' },
    { key: 'mail.sender', type: 'text', value: 'procall@gen-corp.de' },
  ];
}

function localSettings(rng: Prng, code: string, nn: number): GenSetting[] {
  return [
    { key: 'logging.level', type: 'text', value: rng.pick(['info', 'warning', 'debug']) },
    { key: 'logging.maxFileSizeMB', type: 'int', value: String(rng.pick([20, 50, 100])) },
    { key: 'logging.retentionHours', type: 'int', value: String(rng.pick([48, 72, 168])) },
    { key: 'diagnostics.fullMemoryDumps', type: 'bool', value: rng.chance(0.5) ? '1' : '0' },
    { key: 'database.engine', type: 'text', value: 'mssql' },
    { key: 'database.server', type: 'text', value: `sql-${code}-${nn}.${DOMAIN}` },
    { key: 'database.databaseName', type: 'text', value: `UCJournal_${code.toUpperCase()}${nn}` },
    { key: 'database.login', type: 'text', value: 'ucjournal' },
    { key: 'database.password', type: 'secret', value: `Journal-${code}-${rng.hex(8)}` },
    { key: 'network.ctiPort', type: 'int', value: '7222' },
    { key: 'mediaserver.enabled', type: 'bool', value: rng.chance(0.3) ? '1' : '0' },
    { key: 'clientupdate.enabled', type: 'bool', value: '1' },
  ];
}

function uniqueUserName(first: string, last: string, taken: Map<string, number>): string {
  const base = `${asciiName(first)}.${asciiName(last)}`;
  const k = (taken.get(base) ?? 0) + 1;
  taken.set(base, k);
  return k === 1 ? base : `${base}${k}`;
}

function guidOf(rng: Prng): string {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function buildExport(i: number, n: number, seed: number, rng: Prng, taken: Map<string, number>): BuiltExport {
  const { site, nn, server, location, domain } = siteOf(i);
  const at = site.country === 'AT';
  const local = String(4000 + i * 13);
  const base = `+${site.countryCode}${site.cityCode}${local}`;
  const w = Math.max(5, String(n).length + 1);
  const ext = (range: number, k: number) => String(range * 10 ** (w - 1) + k);

  // Line groups: one or two PBXs; the first takes ~70% of the users when there are two.
  const pbxCount = n >= 20 && rng.chance(0.5) ? 2 : 1;
  const split = pbxCount === 2 ? Math.floor(n * 0.7) : n;
  const groupsOfLines: GenLineGroup[] = [];
  for (let g = 0; g < pbxCount; g++) {
    const pbx = rng.pick(PBX);
    groupsOfLines.push({
      name: `${pbx.kind === 'SIP' ? pbx.vendor : `${pbx.kind} ${pbx.vendor}`} ${location}${g === 1 ? ' Nebenstelle' : ''}`, kind: pbx.kind, location,
      lines: [
        { number: `${base}${2 * g}`, ext: String(2 * g), name: `Amt ${2 * g + 1} ${location}`, trunk: true },
        { number: `${base}${2 * g + 1}`, ext: String(2 * g + 1), name: `Amt ${2 * g + 2} ${location}`, trunk: true, journal: false },
      ],
    });
  }

  const users: GenUser[] = [];
  const samTaken = new Set<string>();
  let secondaries = 0;
  for (let k = 0; k < n; k++) {
    const first = rng.pick(at ? FIRST_NAMES_AT : FIRST_NAMES_DE);
    const last = rng.pick(at ? LAST_NAMES_AT : LAST_NAMES_DE);
    const userName = uniqueUserName(first, last, taken);
    let sam = userName.replace(/\./g, '').slice(0, 20);
    for (let s = 2; samTaken.has(sam); s++) sam = `${sam.slice(0, 16)}${s}`;
    samTaken.add(sam);
    const lg = groupsOfLines[k < split ? 0 : 1]!;
    const phone = `${base}${ext(1, k)}`;
    const display = `${last}, ${first}`;
    lg.lines.push({ number: phone, ext: ext(1, k), name: display });
    let secondary = '';
    if (rng.chance(0.03)) {
      secondary = `${base}${ext(5, secondaries)}`;
      lg.lines.push({ number: secondary, ext: ext(5, secondaries), name: `${display} (Zweitleitung)` });
      secondaries++;
    }
    users.push({
      enabled: !rng.chance(0.05), userName, sip: `sip:${userName}@${domain}`, first, last, display,
      email: `${userName}@${domain}`, profile: rng.pick(PROFILES), phone, secondary,
      dn: `CN=${last}\\, ${first},OU=${site.city},OU=Users,${AD_BASE}`, sam, guid: guidOf(rng), monitors: [],
    });
  }
  // Monitor lines: other users' lines of this export, sometimes a trunk.
  for (const u of users) {
    if (n < 2 || !rng.chance(0.1)) continue;
    const want = rng.int(1, 3);
    const set = new Set<string>();
    for (let t = 0; t < want; t++) {
      const other = users[rng.int(0, n - 1)]!;
      if (other !== u) set.add(other.phone);
    }
    if (rng.chance(0.2)) set.add(`${base}0`);
    u.monitors = [...set];
  }

  const computers: GenComputer[] = [];
  const computerCount = Math.floor(n / 50);
  for (let c = 0; c < computerCount; c++) {
    const phone = `${base}${ext(9, c)}`;
    const login = `PC-${site.code.toUpperCase()}${nn}-${String(c + 1).padStart(4, '0')}`;
    groupsOfLines[0]!.lines.push({ number: phone, ext: ext(9, c), name: `Arbeitsplatz ${login}` });
    computers.push({ login, phone, enabled: !rng.chance(0.05) });
  }

  const groups: GenGroup[] = [];
  const groupCount = Math.max(1, Math.round(n / 30));
  for (let g = 0; g < groupCount; g++) {
    const dept = DEPARTMENTS[g % DEPARTMENTS.length]!;
    const round = Math.floor(g / DEPARTMENTS.length);
    const size = Math.min(n, rng.int(5, 40));
    const start = rng.int(0, n - size);
    const members = users.slice(start, start + size).map((u) => u.userName);
    groups.push({
      name: `${dept} ${location}${round > 0 ? ` ${round + 1}` : ''}`,
      sip: `sip:grp.${site.code}${nn}.${g + 1}@${domain}`,
      leader: members[0] ?? '', coLeader: members.length > 1 && rng.chance(0.5) ? members[1]! : '',
      ese: rng.chance(0.05), members,
    });
  }

  const files: ZipEntry[] = [];
  const add = (name: string, text: string | Buffer) => files.push({ name, data: typeof text === 'string' ? Buffer.from(text, 'utf8') : text });
  add('manifest.xml', manifestXml(server, `2026-10-01T02:${String(i % 60).padStart(2, '0')}:00Z`));
  add('config/ucserver.xml', ucserverXml([...globalSettings(seed), ...localSettings(rng, site.code, nn)], [
    { key: `PCE8-USR-${rng.hex(4).toUpperCase()}-${rng.hex(4).toUpperCase()}-${String(i + 1).padStart(4, '0')}`, type: 'user', count: Math.ceil(n / 100) * 100 },
    { key: `PCE8-SRV-${rng.hex(4).toUpperCase()}-${rng.hex(4).toUpperCase()}-${String(i + 1).padStart(4, '0')}`, type: 'server', count: 1 },
  ]));
  add('config/locations.xml', locationsXml({ name: location, cc: site.countryCode, city: site.cityCode, local, extFrom: ext(1, 0), extTo: ext(9, 10 ** (w - 1) - 1) }));
  add('config/lines.xml', linesXml(groupsOfLines));
  add('config/ClientUpdate.xml', clientUpdateXml(`\\\\fs01.${DOMAIN}\\procall$\\ClientUpdate`));
  for (let k = 0; k < n; k++) {
    const u = users[k]!;
    const favorites: string[] = [];
    for (let f = rng.int(2, 5); f > 0 && n > 1; f--) favorites.push(users[rng.int(0, n - 1)]!.sip);
    const monitor = rng.chance(0.5) && n > 1 ? [users[(k + 1) % n]!.sip] : [];
    add(`config/users/${u.userName}_clientcontent.xml`, clientContentXml(1727740800000 + k * 1000, favorites, monitor));
  }
  add('users.xml', usersXml(users));
  add('groups.xml', groupsXml(groups));
  add('computers.xml', computersXml(computers));
  add('database/journal.db', Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.from(rng.hex(2032), 'latin1')]));

  return {
    server, site: site.city, lineGroups: groupsOfLines.map((g) => g.name), files,
    counts: {
      users: n, enabledUsers: users.filter((u) => u.enabled).length, groups: groups.length, computers: computers.length,
      lineGroups: groupsOfLines.length, lines: groupsOfLines.reduce((s, g) => s + g.lines.length, 0), clientContent: n,
    },
    notMigrated: ['database/journal.db'],
  };
}

function projectYaml(exports: GeneratedExport[], opts: GenerateOptions): string {
  const q = (s: string) => JSON.stringify(s);
  const per = Math.ceil(opts.users / opts.servers);
  const lines = [
    `# Generated by bench/generate.ts (--users ${opts.users} --servers ${opts.servers} --seed ${opts.seed}). Do not edit.`,
    `name: ${q(`Generated benchmark (${opts.users} users, ${opts.servers} servers)`)}`,
    'sources:',
    ...exports.map((e) => `  - ${q(path.relative(opts.outDir, e.path).split(path.sep).join('/'))}`),
    'userStore: ad',
    'servers:',
  ];
  exports.forEach((e, i) => {
    const name = `dc-ucs-${String(i + 1).padStart(2, '0')}`;
    lines.push(`  - name: ${name}`, `    fqdn: ${name}.${DOMAIN}`, `    site: ${q(e.site)}`, `    replaces: [${q(e.server)}]`,
      `    lineGroups: [${e.lineGroups.map(q).join(', ')}]`, `    maxUsers: ${Math.ceil((per * 1.5) / 100) * 100}`);
  });
  lines.push('homeServers:', '  balance: true', 'monitor:', '  everyoneSeesEveryone: perGroup', '  groupLimit: 250', '');
  return lines.join('\n');
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      users: { type: 'string', default: String(DEFAULTS.users) },
      servers: { type: 'string', default: String(DEFAULTS.servers) },
      seed: { type: 'string', default: String(DEFAULTS.seed) },
      out: { type: 'string', default: DEFAULTS.outDir },
      form: { type: 'string', default: DEFAULTS.form },
    },
  });
  const form = values.form === 'folder' ? 'folder' : values.form === 'zip' ? 'zip' : undefined;
  if (!form) throw new Error('--form must be zip or folder');
  const started = performance.now();
  const result = await generateWithCounts({
    users: Number(values.users), servers: Number(values.servers), seed: Number(values.seed), outDir: values.out, form,
  });
  const ms = Math.round(performance.now() - started);
  const total = result.reduce((s, e) => s + e.counts.lines, 0);
  process.stdout.write(`generated ${result.length} exports (${values.users} users, ${total} lines) in ${values.out} in ${ms} ms\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
