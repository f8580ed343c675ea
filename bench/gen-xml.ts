/** XML text of each export file for the generator: the export contract's shapes, nothing more. */

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
export const esc = (s: string): string => (/[&<>"]/.test(s) ? s.replace(/[&<>"]/g, (c) => ESC[c]!) : s);

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const a = (pairs: Array<[string, string | number]>): string => pairs.map(([k, v]) => `${k}="${esc(String(v))}"`).join(' ');

export interface GenSetting { key: string; type: 'text' | 'int' | 'bool' | 'list' | 'secret'; value: string }
export interface GenLine { number: string; ext: string; name: string; trunk?: boolean; journal?: boolean }
export interface GenLineGroup { name: string; kind: string; location: string; lines: GenLine[] }
export interface GenUser {
  enabled: boolean; userName: string; sip: string; first: string; last: string; display: string; email: string;
  profile: string; phone: string; secondary: string; dn: string; sam: string; guid: string; monitors: string[];
}
export interface GenGroup { name: string; sip: string; leader: string; coLeader: string; ese: boolean; members: string[] }
export interface GenComputer { login: string; phone: string; enabled: boolean }

export function manifestXml(server: string, exportedAt: string): string {
  return `${HEAD}<Export ${a([['product', 'ProCall Enterprise'], ['version', '8.5.2.1234'], ['server', server], ['exportedAt', exportedAt], ['includesInactive', 1]])}/>\n`;
}

export function ucserverXml(settings: GenSetting[], licenses: Array<{ key: string; type: string; count: number }>): string {
  const s = settings.map((x) => `    <Setting ${a([['key', x.key], ['type', x.type], ['value', x.value]])}/>`);
  const l = licenses.map((x) => `    <License ${a([['key', x.key], ['type', x.type], ['count', x.count]])}/>`);
  return `${HEAD}<UCServerConfig>\n  <Settings>\n${s.join('\n')}\n  </Settings>\n  <Licenses>\n${l.join('\n')}\n  </Licenses>\n</UCServerConfig>\n`;
}

export function locationsXml(loc: { name: string; cc: string; city: string; local: string; extFrom: string; extTo: string }): string {
  const base = `+${loc.cc}${loc.city}${loc.local}`;
  return `${HEAD}<locations>\n  <location ${a([['name', loc.name], ['CountryCode', loc.cc], ['CityCode', loc.city], ['LocalNumber', loc.local], ['ExtFrom', loc.extFrom], ['ExtTo', loc.extTo]])}>\n` +
    `    <InternalRules>\n      <Element ${a([['Search', `^([0-9]{${loc.extFrom.length}})$`], ['Replace', `${base}\\1`], ['MatchReplace', 0]])}/>\n    </InternalRules>\n  </location>\n</locations>\n`;
}

export function linesXml(groups: GenLineGroup[]): string {
  const out: string[] = [HEAD, '<LineConfig>\n'];
  for (const g of groups) {
    out.push(`  <LineGroup ${a([['name', g.name], ['kind', g.kind], ['location', g.location], ['bCreateLinesAutomatically', 1], ['bJournalAllLines', 1]])}>\n`);
    for (const l of g.lines) {
      out.push(`    <Line u8sLineURI="tel:${l.number}" u8sInternalNumber="${l.ext}" u8sLineName="${esc(l.name)}" bTrunk="${l.trunk ? 1 : 0}" bJournal="${l.journal === false ? 0 : 1}" bPrivate="0" location="${esc(g.location)}"/>\n`);
    }
    out.push('  </LineGroup>\n');
  }
  out.push('</LineConfig>\n');
  return out.join('');
}

export function usersXml(users: GenUser[]): string {
  const out: string[] = [HEAD, '<Users>\n'];
  for (const u of users) {
    const attrs = `iEnabled="${u.enabled ? 1 : 0}" u8sUserName="${u.userName}" u8sSIPURI="${u.sip}" u8sFirstName="${esc(u.first)}" u8sLastName="${esc(u.last)}" u8sDisplayName="${esc(u.display)}" u8sEMail="${u.email}" u8sProfile="${esc(u.profile)}" u8sPhoneNumber="${u.phone}" u8sPhoneSecondary="${u.secondary}" u8sPassword="" u8sDNPath="${esc(u.dn)}" u8sSAMAccountName="${u.sam}" u8sobjectGUID="${u.guid}" u8sHomeServer=""`;
    if (u.monitors.length === 0) {
      out.push(`  <User ${attrs}/>\n`);
    } else {
      out.push(`  <User ${attrs}>\n`);
      for (const m of u.monitors) out.push(`    <MonitorLine u8sPhoneNumber="${m}"/>\n`);
      out.push('  </User>\n');
    }
  }
  out.push('</Users>\n');
  return out.join('');
}

export function groupsXml(groups: GenGroup[]): string {
  const out: string[] = [HEAD, '<Groups>\n'];
  for (const g of groups) {
    out.push(`  <Group iEnabled="1" u8sGroupName="${esc(g.name)}" u8sSIPURI="${g.sip}" u8sGroupLeader="${g.leader}" u8sGroupCoLeader="${g.coLeader}" bGroupSettingsActive="1" bEveryoneSeesEveryone="${g.ese ? 1 : 0}">\n`);
    for (const m of g.members) out.push(`    <Member u8sUserName="${m}"/>\n`);
    out.push('  </Group>\n');
  }
  out.push('</Groups>\n');
  return out.join('');
}

export function computersXml(computers: GenComputer[]): string {
  const rows = computers.map((c) => `  <Computer iEnabled="${c.enabled ? 1 : 0}" u8sComputerLogin="${c.login}" u8sPhoneNumber="${c.phone}" u8sPhoneSecondary=""/>\n`);
  return `${HEAD}<Computers>\n${rows.join('')}</Computers>\n`;
}

export function clientContentXml(revision: number, favorites: string[], monitor: string[]): string {
  const fav = favorites.map((p, i) => `      <Item u8sID="i${i + 1}" u8sPresenceID="${p}"/>\n`).join('');
  let s = `${HEAD}<ClientContent u8sVersion="2" u8sRevision="${revision}">\n  <GroupCluster u8sID="100" u8sName="Favoriten">\n    <Group u8sID="g:G779" u8sName="Team">\n${fav}    </Group>\n  </GroupCluster>\n`;
  if (monitor.length > 0) {
    const mon = monitor.map((p, i) => `      <Item u8sID="m${i + 1}" u8sPresenceID="${p}"/>\n`).join('');
    s += `  <GroupCluster u8sID="101" u8sName="Monitor">\n    <Group u8sID="g:G780" u8sName="Kollegen">\n${mon}    </Group>\n  </GroupCluster>\n`;
  }
  return `${s}</ClientContent>\n`;
}

export function clientUpdateXml(updatePath: string): string {
  return `${HEAD}<ClientUpdate>\n  <UpdateService ${a([['bEnabled', 1], ['u8sUpdatePath', updatePath], ['bAutoInstall', 0], ['iCheckIntervalHours', 24]])}/>\n` +
    `  <Package u8sName="ProCall 8 Enterprise" u8sVersion="8.5.2.1234" u8sFile="ProCall_8_Enterprise_8.5.2.1234.msi" u8sArch="x64"/>\n</ClientUpdate>\n`;
}
