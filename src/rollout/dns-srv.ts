/**
 * DNS SRV records (zone-file lines) that let clients find the environment when they are set to
 * DNS lookup (`HostLocation` = 2 / `CTISERVERUSEDNS=1`).
 *
 * The service label and port are options: estos's public pages say SRV records work "as usual"
 * but do not name the label in the material this tool was built from. The default
 * `_cstaserver._tcp` / 7222 is the label and client port consultants commonly configure for the
 * UCServer; check it against the customer's existing record before publishing.
 */
import { checkedServerList, type RolloutServer } from './client-servers.js';
import { rolloutValue } from './safe-value.js';

export interface SrvOptions {
  /** `_service._proto`, default `_cstaserver._tcp`. */
  service?: string;
  /** TCP port clients connect to, default 7222. */
  port?: number;
  ttl?: number;
  priority?: number;
  weight?: number;
}

export const DEFAULT_SRV_SERVICE = '_cstaserver._tcp';
export const DEFAULT_SRV_PORT = 7222;

export interface SrvRecord {
  /** Owner name, absolute (`_cstaserver._tcp.corp.example.`). */
  owner: string;
  ttl: number;
  priority: number;
  weight: number;
  port: number;
  /** Absolute target (`dc-ucs-01.corp.example.`). */
  target: string;
}

/** The domain part of an FQDN (`corp.example` of `dc-ucs-01.corp.example`); the name itself when it has no dot. */
export function domainOf(fqdn: string): string {
  const i = fqdn.indexOf('.');
  return i < 0 ? fqdn : fqdn.slice(i + 1);
}

const absolute = (name: string): string => (name.endsWith('.') ? name : `${name}.`);

/** A SRV service label as DNS needs it: `_service._proto` (RFC 2782), e.g. `_cstaserver._tcp`. */
export function isSrvService(label: string): boolean {
  return /^_[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\._(?:tcp|udp|tls)$/i.test(label);
}

/** The DNS domains of the environment's ucservers, in project order, without duplicates (case-insensitive). */
export function clientDomains(servers: readonly RolloutServer[]): string[] {
  const seen = new Set<string>();
  return checkedServerList(servers, 'dns-srv.zone')
    .map(domainOf)
    .filter((d) => (seen.has(d.toLowerCase()) ? false : (seen.add(d.toLowerCase()), true)));
}

/**
 * One record per ucserver under EVERY domain of the environment, all with the same priority and
 * weight: a client looks up the record of its own DNS domain, and every client must be able to
 * reach every ucserver (any of them tells it its home server), as the CTISERVER list does.
 */
export function srvRecords(servers: readonly RolloutServer[], options: SrvOptions = {}): SrvRecord[] {
  const service = rolloutValue(options.service ?? DEFAULT_SRV_SERVICE, 'dns-srv.zone', 'the SRV service label');
  const targets = checkedServerList(servers, 'dns-srv.zone');
  return clientDomains(servers).flatMap((domain) =>
    targets.map((fqdn) => ({
      owner: absolute(`${service}.${domain}`),
      ttl: options.ttl ?? 3600,
      priority: options.priority ?? 10,
      weight: options.weight ?? 50,
      port: options.port ?? DEFAULT_SRV_PORT,
      target: absolute(fqdn),
    })),
  );
}

/** Zone-file text (BIND syntax), LF line ends, with a comment header naming label and port. */
export function srvZoneText(servers: readonly RolloutServer[], options: SrvOptions = {}): string {
  const records = srvRecords(servers, options);
  const lines = [
    `; ProCall DataCenter: every UCServer of the environment under each DNS domain (a client asks its own domain), equal priority and weight.`,
    `; Service label ${options.service ?? DEFAULT_SRV_SERVICE}, port ${options.port ?? DEFAULT_SRV_PORT}: check both against your current client setup.`,
    ...records.map((r) => `${r.owner}\t${r.ttl}\tIN\tSRV\t${r.priority} ${r.weight} ${r.port} ${r.target}`),
  ];
  return `${lines.join('\n')}\n`;
}
