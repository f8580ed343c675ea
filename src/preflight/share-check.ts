/**
 * The content-sharing UNC share (estos: chat content is stored centrally; the computer accounts
 * of all UCServers need full access). Its rights are those of the UCServers' machine accounts,
 * which the consultant's machine cannot act as: always `skip`, saying what to check by hand.
 */
import type { Project } from '../project/index.js';
import { coded, type PreflightCheck } from './result.js';

/** The computer account of a server: the first label of its FQDN, upper case, with `$`. */
function machineAccount(fqdn: string): string {
  return `${(fqdn.split('.')[0] ?? fqdn).toUpperCase()}$`;
}

/** The share the project names (`settings.global` contentsharing.* with a UNC value), if any. */
export function contentShare(project: Project): string | undefined {
  for (const [key, setting] of Object.entries(project.settings.global)) {
    if (!key.toLowerCase().startsWith('contentsharing.')) continue;
    const v = setting.value;
    if (typeof v === 'string' && v.startsWith('\\\\')) return v;
  }
  return undefined;
}

export function shareCheck(project: Project): PreflightCheck {
  const accounts = project.servers.filter((s) => s.role === 'ucserver').map((s) => machineAccount(s.fqdn));
  const who = accounts.length > 0 ? `the computer accounts of all UCServers (${accounts.join(', ')})` : 'the computer accounts of all UCServers';
  const share = contentShare(project);
  return share
    ? coded('share', 'content sharing', 'skip', 'PREFLIGHT_SHARE_CHECK_BY_HAND', `${share} cannot be checked from this machine; check by hand that it exists and that ${who} have full access to it.`, { share, accounts })
    : coded('share', 'content sharing', 'skip', 'PREFLIGHT_SHARE_NOT_NAMED', `The project names no content-sharing share (settings.global contentsharing.*); check by hand that the UNC share for chat content exists and that ${who} have full access to it.`, { accounts });
}
