/**
 * All client rollout artifacts for an environment, as files to write. Pure: the CLI writes them.
 */
import { ctiServerParameter, clientServerList, type RolloutServer } from './client-servers.js';
import { encodeRegFile, regFileText } from './reg-file.js';
import { srvZoneText, type SrvOptions } from './dns-srv.js';
import { adminReadme } from './admin-readme.js';
import type { Lang } from '../report/i18n/index.js';

export { clientServerList, ctiServerParameter, serverListValue } from './client-servers.js';
export type { RolloutServer } from './client-servers.js';
export { regFileText, encodeRegFile, CLIENT_REGISTRY_KEY } from './reg-file.js';
export { srvRecords, srvZoneText, isSrvService, clientDomains, DEFAULT_SRV_PORT, DEFAULT_SRV_SERVICE } from './dns-srv.js';
export type { SrvOptions, SrvRecord } from './dns-srv.js';

export interface RolloutFile {
  /** File name inside the output folder. */
  name: string;
  content: Buffer;
}

/** The four files of `rollout --out DIR` (the README in `lang`, default German). Throws nothing: an empty server list is the caller's check. */
export function generateRollout(environmentName: string, servers: readonly RolloutServer[], srv: SrvOptions = {}, lang: Lang = 'de'): RolloutFile[] {
  const utf8 = (s: string) => Buffer.from(s, 'utf8');
  return [
    { name: 'ctiserver.txt', content: utf8(`${ctiServerParameter(servers)}\r\n`) },
    { name: 'procall-client.reg', content: encodeRegFile(regFileText(servers)) },
    { name: 'dns-srv.zone', content: utf8(srvZoneText(servers, srv)) },
    { name: 'README.md', content: utf8(adminReadme(environmentName, servers, srv, lang)) },
  ];
}

/** True when the environment has at least one ucserver clients can connect to. */
export function hasClientServers(servers: readonly RolloutServer[]): boolean {
  return clientServerList(servers).length > 0;
}
