/**
 * The `.reg` file that sets the fixed server list for every user of a machine
 * (`HKLM\SOFTWARE\WOW6432Node\ESTOS\UCServer4\Client`: `Server` = list, `HostLocation` = 0).
 * Format "Windows Registry Editor Version 5.00" is what regedit writes itself: UTF-16LE with a
 * BOM and CRLF line ends; regedit reads it on every Windows version that runs ProCall.
 */
import { serverListValue, type RolloutServer } from './client-servers.js';

export const CLIENT_REGISTRY_KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\ESTOS\\UCServer4\\Client';

/** HostLocation values the client knows: 0 = use the `Server` list, 2 = use DNS SRV records. */
export const HOST_LOCATION_SERVER_LIST = 0;
export const HOST_LOCATION_DNS_SRV = 2;

/** Escapes a value for a `"name"="value"` line: backslash and quote are the only specials. */
function regString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** The file's text (CRLF line ends, no BOM: {@link encodeRegFile} adds it). */
export function regFileText(servers: readonly RolloutServer[]): string {
  const dword = HOST_LOCATION_SERVER_LIST.toString(16).padStart(8, '0');
  return [
    'Windows Registry Editor Version 5.00',
    '',
    `[${CLIENT_REGISTRY_KEY}]`,
    `"Server"="${regString(serverListValue(servers, 'procall-client.reg'))}"`,
    `"HostLocation"=dword:${dword}`,
    '',
    '',
  ].join('\r\n');
}

/** UTF-16LE with BOM, as regedit expects for version 5.00 files. */
export function encodeRegFile(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}
