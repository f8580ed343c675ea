/**
 * Client connection artifacts for a ProCall DataCenter environment (seed: "Connecting the
 * clients to the multi-server environment"). Pure: the CLI writes what these return.
 *
 * A client may be given ANY server of the environment: the one it reaches determines the
 * user's home server and hands the client over. So every artifact lists every ucserver
 * (never a MediaServer), in the project's order.
 */

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

/** The fixed server list as clients take it: `;`-separated, no spaces. */
export function serverListValue(servers: readonly RolloutServer[]): string {
  return clientServerList(servers).join(';');
}

/** The MSI installation parameter, e.g. `CTISERVER=a.corp.example;b.corp.example`. */
export function ctiServerParameter(servers: readonly RolloutServer[]): string {
  return `CTISERVER=${serverListValue(servers)}`;
}
