/**
 * Facts about one export computed straight from its files (fast-xml-parser, not the project's
 * importer): counts, secrets, not-migrated paths, and every broken reference the contract refuses.
 */
import { classifySetting } from '../../src/model/setting-catalog.js';
import { findFile, parseXml, readExportFiles, type Xml } from './read-export.js';

const KNOWN = new Set(['manifest.xml', 'config/ucserver.xml', 'config/locations.xml', 'config/lines.xml',
  'config/clientupdate.xml', 'users.xml', 'groups.xml', 'computers.xml']);
const CLIENT_CONTENT = /^config\/users\/([^/]+)_clientcontent\.xml$/i;

export interface Facts {
  server: string;
  mode: string | undefined;
  counts: { users: number; enabledUsers: number; groups: number; computers: number; lineGroups: number; lines: number; clientContent: number };
  secrets: string[];
  passwords: string[];
  licenseKeys: string[];
  notMigrated: string[];
  unclassified: string[];
  refused: string[];
  globals: Map<string, string>;
  problems: string[];
}

/** Everything the sample documentation states, computed from the files. */
export async function exportFacts(absPath: string): Promise<Facts> {
  const files = await readExportFiles(absPath);
  const need = (name: string): Xml => {
    const b = findFile(files, name);
    if (!b) throw new Error(`${absPath}: ${name} missing`);
    return parseXml(b);
  };
  const opt = (name: string): Xml | undefined => {
    const b = findFile(files, name);
    return b ? parseXml(b) : undefined;
  };
  const problems: string[] = [];
  const manifest = need('manifest.xml').Export;
  const cfg = need('config/ucserver.xml').UCServerConfig;
  const settings: Xml[] = cfg.Settings?.Setting ?? [];
  const users: Xml[] = need('users.xml').Users?.User ?? [];
  const groups: Xml[] = opt('groups.xml')?.Groups?.Group ?? [];
  const computers: Xml[] = opt('computers.xml')?.Computers?.Computer ?? [];
  const lineGroups: Xml[] = opt('config/lines.xml')?.LineConfig?.LineGroup ?? [];
  const lines: Xml[] = lineGroups.flatMap((g) => g.Line ?? []);
  const ccFiles = [...files.keys()].filter((p) => CLIENT_CONTENT.test(p.replaceAll('\\', '/')));

  // The contract's references: every check here is a refusal the importer would raise.
  const numbers = new Set<string>();
  for (const l of lines) {
    const n = String(l.u8sLineURI).replace(/^tel:/, '');
    if (numbers.has(n)) problems.push(`duplicate line ${n}`);
    if (!/^\+\d{6,}$/.test(n)) problems.push(`line ${n} not supercanonical`);
    numbers.add(n);
  }
  const names = new Set<string>();
  const sips = new Set<string>();
  for (const u of users) {
    const name = String(u.u8sUserName).toLowerCase();
    if (names.has(name)) problems.push(`duplicate user ${name}`);
    names.add(name);
    if (sips.has(u.u8sSIPURI) || u.u8sSIPURI !== String(u.u8sSIPURI).toLowerCase()) problems.push(`bad SIP URI ${u.u8sSIPURI}`);
    sips.add(u.u8sSIPURI);
    for (const n of [u.u8sPhoneNumber, u.u8sPhoneSecondary]) if (n && !numbers.has(n)) problems.push(`${name}: no line ${n}`);
    for (const m of u.MonitorLine ?? []) if (!numbers.has(m.u8sPhoneNumber)) problems.push(`${name}: monitors missing ${m.u8sPhoneNumber}`);
  }
  for (const g of groups) {
    for (const ref of [g.u8sGroupLeader, g.u8sGroupCoLeader, ...(g.Member ?? []).map((m: Xml) => m.u8sUserName)]) {
      if (ref && !names.has(String(ref).toLowerCase())) problems.push(`group ${g.u8sGroupName}: unknown user ${ref}`);
    }
  }
  for (const c of computers) {
    for (const n of [c.u8sPhoneNumber, c.u8sPhoneSecondary]) if (n && !numbers.has(n)) problems.push(`${c.u8sComputerLogin}: no line ${n}`);
  }
  for (const p of ccFiles) {
    const user = CLIENT_CONTENT.exec(p.replaceAll('\\', '/'))?.[1]?.toLowerCase() ?? '';
    if (!names.has(user)) problems.push(`${p}: unknown user`);
  }

  const value = (s: Xml) => String(s.value ?? '');
  return {
    server: manifest.server,
    mode: settings.find((s) => s.key === 'usermanager.mode')?.value,
    counts: {
      users: users.length,
      enabledUsers: users.filter((u) => u.iEnabled === '1').length,
      groups: groups.length,
      computers: computers.length,
      lineGroups: lineGroups.length,
      lines: lines.length,
      clientContent: ccFiles.length,
    },
    secrets: settings.filter((s) => s.type === 'secret').map(value),
    passwords: users.map((u) => String(u.u8sPassword ?? '')).filter((p) => p !== ''),
    licenseKeys: (cfg.Licenses?.License ?? []).map((l: Xml) => l.key),
    notMigrated: [...files.keys()]
      .filter((p) => !KNOWN.has(p.toLowerCase()) && !CLIENT_CONTENT.test(p))
      .sort(),
    unclassified: settings.filter((s) => classifySetting(s.key, s.type === 'secret' ? undefined : value(s)) === 'unclassified').map((s) => s.key),
    refused: settings.filter((s) => classifySetting(s.key, s.type === 'secret' ? undefined : value(s)) === 'refused').map((s) => s.key),
    globals: new Map(settings.filter((s) => classifySetting(s.key, undefined) === 'global').map((s) => [s.key, value(s)])),
    problems,
  };
}

