/**
 * Names: every server's FQDN and the SQL and Redis hosts must resolve from where the consultant
 * sits (the UCServers resolve them the same way in the customer's network). Uses the system
 * resolver (`dns.lookup`: hosts file and all), each lookup bounded by the timeout.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Project } from '../project/index.js';
import { coded, errorText, withTimeout, type PreflightCheck } from './result.js';

export type LookupFn = (host: string) => Promise<{ address: string }[]>;

const systemLookup: LookupFn = (host) => dnsLookup(host, { all: true });

/** `host\instance` → host (the SQL Browser names the instance, DNS the host). */
function sqlHost(server: string): string {
  const i = server.indexOf('\\');
  return i > 0 ? server.slice(0, i) : server;
}

/** The hosts to resolve, each once (names compare case-insensitively), with what they are. */
export function hostsToResolve(project: Project): { host: string; what: string }[] {
  const seen = new Map<string, { host: string; what: string[] }>();
  const add = (host: string, what: string) => {
    const key = host.toLowerCase();
    const entry = seen.get(key);
    if (entry) {
      if (!entry.what.includes(what)) entry.what.push(what);
    } else seen.set(key, { host, what: [what] });
  };
  for (const s of project.servers) add(s.fqdn, `server ${s.name}`);
  if (project.target) add(sqlHost(project.target.server), 'the SQL Server');
  const r = project.redis;
  if (r) {
    if (r.mode === 'server' && r.host) add(r.host, 'the Redis server');
    if (r.mode === 'sentinel') for (const s of r.sentinels) add(s.host, 'a Redis sentinel');
  }
  return [...seen.values()].map((e) => ({ host: e.host, what: e.what.join(', ') }));
}

/** One `names` check per host. */
export async function nameChecks(project: Project, opts: { timeoutMs: number; lookup?: LookupFn }): Promise<PreflightCheck[]> {
  const lookup = opts.lookup ?? systemLookup;
  const hosts = hostsToResolve(project);
  return Promise.all(
    hosts.map(async ({ host, what }): Promise<PreflightCheck> => {
      if (isIP(host) !== 0) return coded('names', host, 'pass', 'PREFLIGHT_NAMES_IP_ADDRESS', `${host} (${what}) is an IP address; nothing to resolve.`, { host, what });
      try {
        const addresses = await withTimeout(opts.timeoutMs, () => lookup(host), () => new Error(`no answer within ${opts.timeoutMs / 1000} s`));
        const list = [...new Set(addresses.map((a) => a.address))];
        if (list.length === 0) return coded('names', host, 'fail', 'PREFLIGHT_NAMES_NO_ADDRESS', `${host} (${what}) does not resolve to any address.`, { host, what });
        return coded('names', host, 'pass', 'PREFLIGHT_NAMES_RESOLVED', `${host} (${what}) resolves to ${list.join(', ')}.`, { host, what, addresses: list });
      } catch (error) {
        const text = errorText(error);
        const why = /ENOTFOUND|ENODATA|NXDOMAIN/.test(text) ? 'the name is unknown to DNS' : text;
        return coded('names', host, 'fail', 'PREFLIGHT_NAMES_UNRESOLVED', `${host} (${what}) does not resolve from this machine (${why}); check DNS in the customer's network.`, {
          host,
          what,
          reason: why,
        });
      }
    }),
  );
}
