/** The README for the customer's client administrators that goes next to the rollout files, in German or English (catalog: src/report/i18n). */
import { mdCode, mdText } from '../io/index.js';
import { translator, type Lang } from '../report/i18n/index.js';
import { checkedServerList, ctiServerParameter, serverListValue, type RolloutServer } from './client-servers.js';
import { CLIENT_REGISTRY_KEY } from './reg-file.js';
import { clientDomains, DEFAULT_SRV_PORT, DEFAULT_SRV_SERVICE, type SrvOptions } from './dns-srv.js';

// Values through the one Markdown escaper (src/io/markdown.ts), as in the report's `.md`.
const code = (s: string) => mdCode(s, false);

export function adminReadme(environmentName: string, servers: readonly RolloutServer[], srv: SrvOptions = {}, lang: Lang = 'de'): string {
  const { t } = translator(lang);
  const list = checkedServerList(servers, 'README.md');
  const dnsFlag = code('CTISERVERUSEDNS=1');
  return `# ${t('readme.title', { name: mdText(environmentName) })}

${t('readme.intro')}

${t('readme.servers', { n: String(list.length), list: list.map(mdText).join(', ') })}

## ${t('readme.msi.title')}

${t('readme.msi.text', { file: code('ctiserver.txt') })}

    ${ctiServerParameter(servers)}

${t('readme.msi.warn', { sep: code(';'), dnsFlag })}

## ${t('readme.reg.title')}

${t('readme.reg.text', { file: code('procall-client.reg') })}

    [${CLIENT_REGISTRY_KEY}]
    "Server"="${serverListValue(servers)}"
    "HostLocation"=dword:00000000

${t('readme.reg.hostLocation', { name: code('HostLocation'), command: code('regedit /s procall-client.reg'), hkcu: code('HKEY_CURRENT_USER') })}

## ${t('readme.dns.title')}

${t('readme.dns.text', { file: code('dns-srv.zone'), hostLocation: code('HostLocation'), dnsFlag, domains: clientDomains(servers).map(code).join(', ') })}
${t('readme.dns.label', { service: code(srv.service ?? DEFAULT_SRV_SERVICE), port: String(srv.port ?? DEFAULT_SRV_PORT) })}

## ${t('readme.check.title')}

${t('readme.check.text')}
`;
}
