/** The README for the customer's client administrators that goes next to the rollout files. */
import { clientServerList, ctiServerParameter, serverListValue, type RolloutServer } from './client-servers.js';
import { CLIENT_REGISTRY_KEY } from './reg-file.js';
import { DEFAULT_SRV_PORT, DEFAULT_SRV_SERVICE, type SrvOptions } from './dns-srv.js';

export function adminReadme(environmentName: string, servers: readonly RolloutServer[], srv: SrvOptions = {}): string {
  const list = clientServerList(servers);
  return `# Connecting ProCall clients to ${environmentName}

These files point ProCall clients at the new ProCall DataCenter environment. Every UCServer of
the environment is listed: a client may reach any of them; that server looks up the user's
home server and hands the client over to it. Use ONE of the three ways below.

Servers (${list.length}): ${list.join(', ')}

## 1. Installation parameter (MSI)

\`ctiserver.txt\` holds the parameter to pass to the client's MSI package:

    ${ctiServerParameter(servers)}

The list is separated by \`;\` without spaces. Do **not** pass \`CTISERVERUSEDNS=1\` at the same
time: it switches the client to DNS lookup and the server list is ignored.

## 2. Registry / group policy

\`procall-client.reg\` sets, for all users of a machine:

    [${CLIENT_REGISTRY_KEY}]
    "Server"="${serverListValue(servers)}"
    "HostLocation"=dword:00000000

\`HostLocation\` 0 means "use the Server list"; 2 means "use the DNS SRV record". Import it with
\`regedit /s procall-client.reg\` or put the same two values into a GPO. The same values under
\`HKEY_CURRENT_USER\` apply to one user only.

## 3. DNS SRV records

\`dns-srv.zone\` holds one SRV record per UCServer, equal priority and weight, in zone-file
syntax. Clients then need \`HostLocation\` = 2 (or \`CTISERVERUSEDNS=1\` at installation).
The service label used is \`${srv.service ?? DEFAULT_SRV_SERVICE}\` and the port ${srv.port ?? DEFAULT_SRV_PORT}; compare them with
the record your clients use today and regenerate with \`--srv-service\` / \`--srv-port\` if they differ.

## Check

After rollout, a client should log on, show its lines, place a call, set and remove a call
forwarding, and chat (post-installation checklist item 7).
`;
}
