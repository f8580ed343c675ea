/**
 * The mapping findings of two conflicting sources carry the values their customer sentence is
 * made of (`params`) and what they are about (`subject`): none falls back to the generic
 * sentence, and a setting conflict offers each source's value as a `decide` option.
 */
import { describe, expect, it } from 'vitest';
import { mapToDataCenter } from '../../src/mappers/index.js';
import { LANGS } from '../../src/report/i18n/catalog.js';
import { FINDING_CATALOGS } from '../../src/report/i18n/findings-text.js';
import { missingParams } from '../../src/report/i18n/findings-render.js';
import { computer, exp, find, group, license, lineGroup, line, location, project, setting, user } from './build.js';

const P = project({
  sources: ['a', 'b', 'c'],
  servers: [
    { name: 'dc-01', fqdn: 'dc-01.x', replaces: ['ucs-a', 'ucs-b'], maxUsers: 1 },
    { name: 'dc-02', fqdn: 'dc-02.x', lineGroups: ['Nowhere'] },
  ],
  settings: { global: { 'presence.autoAwayMinutz': 5 } },
});

function mapped() {
  return mapToDataCenter({
    project: P,
    exports: [
      exp('ucs-a', {
        settings: [setting('usermanager.ad.hostName', 'dc01.x'), setting('usermanager.ad.domain', 'CORP'), setting('chat.deleteAfterDays', '30', 'int'), setting('vendor.thing', 'x'), setting('contentsharing.maxFileSizeMB', '100', 'int')],
        locations: [location('Berlin')],
        lineGroups: [lineGroup('PBX', [line('+4930111')])],
        users: [user('anna'), user('bob', { sipUri: 'sip:shared@x' })],
        groups: [group('Sales', ['anna', 'ghost'])],
        computers: [computer('PC-1')],
        licenses: [license('PCE8-USR-SAME-0100', 'user', 1)],
      }),
      exp('ucs-b', {
        settings: [setting('usermanager.ad.hostName', 'dc01.x'), setting('usermanager.ad.domain', 'CORP'), setting('chat.deleteAfterDays', '90', 'int')],
        locations: [location('Berlin', { cityCode: '40' })],
        lineGroups: [lineGroup('PBX', [line('+4930111')], { kind: 'TAPI' })],
        users: [user('ANNA'), user('carl', { sipUri: 'sip:shared@x' })],
        groups: [group('sales', ['carl'], { leader: 'carl' })],
        computers: [computer('pc-1')],
        licenses: [license('PCE8-USR-SAME-0100', 'user', 1)],
      }),
      exp('ucs-c', { users: [user('dora')] }),
    ],
  });
}

describe('mapping findings', () => {
  it('render from their params in both languages, each about a subject', () => {
    const r = mapped();
    expect(new Set(r.diagnostics.map((d) => d.code)).size).toBeGreaterThanOrEqual(10);
    const lacking = r.diagnostics.flatMap((d) =>
      LANGS.flatMap((lang) => {
        const missing = missingParams(FINDING_CATALOGS[lang], d);
        return missing.length === 0 ? [] : [`${lang} ${d.code} lacks ${missing.join(', ')}: ${d.message}`];
      }),
    );
    expect(lacking).toEqual([]);
    expect(r.diagnostics.filter((d) => d.subject === undefined).map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  });

  it('give a setting conflict its values as params and each value as a decide option', () => {
    const d = find(mapped().diagnostics, 'MAP_GLOBAL_SETTING_CONFLICT').find((x) => x.subject === 'setting:chat.deleteAfterDays');
    expect(d).toMatchObject({
      subject: 'setting:chat.deleteAfterDays',
      params: { key: 'chat.deleteAfterDays', sources: ['ucs-a', 'ucs-b'], values: ['30', '90'], types: ['int', 'int'] },
    });
    expect(d!.decide?.map((o) => [o.path, o.value])).toEqual([
      ['settings.global["chat.deleteAfterDays"]', 30],
      ['settings.global["chat.deleteAfterDays"]', 90],
    ]);
    expect(d!.decide?.[1]?.yaml).toContain('chat.deleteAfterDays: 90');
  });
});
