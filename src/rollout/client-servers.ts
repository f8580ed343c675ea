/**
 * Client connection artifacts for a ProCall DataCenter environment (seed: "Connecting the
 * clients to the multi-server environment"). Pure: the CLI writes what these return.
 *
 * A client may be given ANY server of the environment: the one it reaches determines the
 * user's home server and hands the client over. So every artifact lists every ucserver
 * (never a MediaServer), in the project's order.
 */

import { rolloutValue, type RolloutFormat } from './safe-value.js';

/** The part of a project server the rollout needs. */
export interface RolloutServer {
  name: string;
  fqdn: string;
  role?: 'ucserver' | 'mediaserver';
}

/** The ucservers' FQDNs in project order, trimmed and without duplicates (case-insensitive). */
export function clientServerList(servers: readonly RolloutServer[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of servers) {
    if ((s.role ?? 'ucserver') !== 'ucserver') continue;
    const fqdn = s.fqdn.trim();
    if (fqdn === '' || seen.has(fqdn.toLowerCase())) continue;
    seen.add(fqdn.toLowerCase());
    out.push(fqdn);
  }
  return out;
}

/** {@link clientServerList}, each FQDN refused (safe-value.ts) when `format` cannot carry it as written. */
export function checkedServerList(servers: readonly RolloutServer[], format: RolloutFormat): string[] {
  const list = clientServerList(servers);
  for (const fqdn of list) {
    const server = servers.find((s) => s.fqdn.trim() === fqdn);
    rolloutValue(fqdn, format, `the fqdn of server ${JSON.stringify(server?.name ?? fqdn)}`);
  }
  return list;
}

/** The fixed server list as clients take it: `;`-separated, no spaces (checked for the file it goes into). */
export function serverListValue(servers: readonly RolloutServer[], format: RolloutFormat = 'procall-client.reg'): string {
  return checkedServerList(servers, format).join(';');
}

/** The MSI installation parameter, e.g. `CTISERVER=a.corp.example;b.corp.example`. */
export function ctiServerParameter(servers: readonly RolloutServer[]): string {
  return `CTISERVER=${serverListValue(servers, 'ctiserver.txt')}`;
}
