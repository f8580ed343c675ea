import { describe, expect, it } from 'vitest';
import {
  clientServerList,
  ctiServerParameter,
  encodeRegFile,
  generateRollout,
  regFileText,
  srvRecords,
  srvZoneText,
  isSrvService,
} from '../../src/rollout/index.js';

const servers = [
  { name: 'dc-ucs-01', fqdn: 'dc-ucs-01.corp.example', role: 'ucserver' as const },
  { name: 'dc-ucs-02', fqdn: ' dc-ucs-02.corp.example ' },
  { name: 'dc-ms-01', fqdn: 'dc-ms-01.corp.example', role: 'mediaserver' as const },
  { name: 'dup', fqdn: 'DC-UCS-01.corp.example' },
];

describe('client server list', () => {
  it('lists every ucserver once, in project order, never a mediaserver', () => {
    expect(clientServerList(servers)).toEqual(['dc-ucs-01.corp.example', 'dc-ucs-02.corp.example']);
  });
  it('CTISERVER is ;-separated without spaces', () => {
    expect(ctiServerParameter(servers)).toBe('CTISERVER=dc-ucs-01.corp.example;dc-ucs-02.corp.example');
  });
});

describe('.reg file', () => {
  it('sets Server and HostLocation=0 under the WOW6432Node client key, CRLF', () => {
    const text = regFileText(servers);
    expect(text).toBe(
      'Windows Registry Editor Version 5.00\r\n\r\n' +
        '[HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\ESTOS\\UCServer4\\Client]\r\n' +
        '"Server"="dc-ucs-01.corp.example;dc-ucs-02.corp.example"\r\n' +
        '"HostLocation"=dword:00000000\r\n\r\n',
    );
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });
  it('is UTF-16LE with a BOM', () => {
    const bytes = encodeRegFile(regFileText(servers));
    expect([...bytes.subarray(0, 4)]).toEqual([0xff, 0xfe, 0x57, 0x00]); // BOM, "W"
    expect(bytes.subarray(2).toString('utf16le')).toBe(regFileText(servers));
  });
});

describe('DNS SRV', () => {
  it('one absolute record per ucserver, equal priority and weight', () => {
    expect(srvRecords(servers)).toEqual([
      { owner: '_cstaserver._tcp.corp.example.', ttl: 3600, priority: 10, weight: 50, port: 7222, target: 'dc-ucs-01.corp.example.' },
      { owner: '_cstaserver._tcp.corp.example.', ttl: 3600, priority: 10, weight: 50, port: 7222, target: 'dc-ucs-02.corp.example.' },
    ]);
  });
  it('every client domain lists EVERY ucserver (a client asks its own domain and must reach them all), and the README says so', () => {
    const twoDomains = [
      { name: 'ber', fqdn: 'dc-ber.alpen-handel.de' },
      { name: 'muc', fqdn: 'dc-muc.alpen-handel.de' },
      { name: 'vie', fqdn: 'dc-vie.alpen-handel.at' },
      { name: 'ms', fqdn: 'dc-ms.alpen-handel.de', role: 'mediaserver' as const },
    ];
    const byOwner = new Map<string, string[]>();
    for (const r of srvRecords(twoDomains)) byOwner.set(r.owner, [...(byOwner.get(r.owner) ?? []), r.target]);
    const all = ['dc-ber.alpen-handel.de.', 'dc-muc.alpen-handel.de.', 'dc-vie.alpen-handel.at.'];
    expect(Object.fromEntries(byOwner)).toEqual({ '_cstaserver._tcp.alpen-handel.de.': all, '_cstaserver._tcp.alpen-handel.at.': all });
    const readme = (lang: 'de' | 'en') => generateRollout('AH', twoDomains, {}, lang).find((f) => f.name === 'README.md')!.content.toString('utf8');
    expect(readme('de')).toMatch(/Ein Client fragt den Eintrag seiner eigenen DNS-Domäne ab/);
    expect(readme('de')).toContain('(`alpen-handel.de`, `alpen-handel.at`)');
    expect(readme('en')).toMatch(/A client looks up the record of its own DNS domain/);
  });
  it('accepts only a _service._proto label', () => {
    expect(['_cstaserver._tcp', '_ucserver._TCP', '_x-1._udp'].filter(isSrvService)).toEqual(['_cstaserver._tcp', '_ucserver._TCP', '_x-1._udp']);
    expect(['cstaserver', '_cstaserver', 'cstaserver._tcp', '_cstaserver._tcp.corp.example', '_a b._tcp', ''].filter(isSrvService)).toEqual([]);
  });
  it('label and port are configurable and named in the zone text', () => {
    const text = srvZoneText(servers, { service: '_ucserver._tcp', port: 7224 });
    expect(text).toContain('_ucserver._tcp.corp.example.\t3600\tIN\tSRV\t10 50 7224 dc-ucs-02.corp.example.');
    expect(text).not.toContain('dc-ms-01');
  });
});

describe('generateRollout', () => {
  it.each([
    ['en', /HostLocation` 0 means/, /2 means/, /^# Connecting ProCall clients to Contoso$/m],
    ['de', /HostLocation` 0 bedeutet/, /2 bedeutet/, /^# ProCall-Clients mit Contoso verbinden$/m],
  ] as const)('writes the four files; the %s README warns about CTISERVERUSEDNS and explains HostLocation', (lang, zero, two, title) => {
    const files = generateRollout('Contoso', servers, {}, lang);
    expect(files.map((f) => f.name)).toEqual(['ctiserver.txt', 'procall-client.reg', 'dns-srv.zone', 'README.md']);
    const readme = files.find((f) => f.name === 'README.md')!.content.toString('utf8');
    expect(readme).toContain('CTISERVERUSEDNS=1');
    expect(readme).toMatch(zero);
    expect(readme).toMatch(two);
    expect(readme).toMatch(title);
    expect(readme).toContain('CTISERVER=dc-ucs-01.corp.example;dc-ucs-02.corp.example');
    expect(readme).not.toMatch(/\{\w+\}/);
    expect(files[0]!.content.toString('utf8')).toBe('CTISERVER=dc-ucs-01.corp.example;dc-ucs-02.corp.example\r\n');
  });
  it('writes the README in German unless told otherwise', () => {
    const readme = generateRollout('Contoso', servers).find((f) => f.name === 'README.md')!.content.toString('utf8');
    expect(readme).toMatch(/^# ProCall-Clients mit Contoso verbinden$/m);
    // The admins search for „Registry“; the German word alone is not what their tools say.
    expect(readme).toMatch(/^## 2\. Registry \(Registrierungsdatenbank\) \/ Gruppenrichtlinie$/m);
  });
});
