/**
 * Every message template of both catalogs, rendered in context with real values, once with one
 * item and once with several: no placeholder left, no raw key form (`Key=`), no English word in
 * the German text, and the German singular and plural forms agree with their count.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGS, translator, type Lang, type MessageKey, type Params } from '../../src/report/i18n/catalog.js';
import { NOW } from './helpers.js';

/** Real values for every placeholder the catalogs use (a value a customer's report would hold). */
const TR = { de: translator('de'), en: translator('en') };

function valuesFor(lang: Lang, n: number): Params {
  const tr = TR[lang];
  return {
    n, total: n + 4, shown: n, passed: n, enabled: n, found: n, accounts: n + 40, bindUser: 'svc-procall@kws.local', baseDn: 'OU=Benutzer,DC=kws,DC=local',
    name: 'anna.baecker', user: 'anna.baecker', login: 'KWS\\svc-procall', customer: 'Kreiswerke Schönau-Süßbach',
    server: 'ucs-hq01.kws.local', source: 'ucs-werksued.kws.local', host: 'ucdc01.kws.local', first: 'dc-kws-01',
    key: 'chat.deleteAfterDays', label: tr.t('setting.chat.deleteAfterDays'), subject: '„chat.deleteAfterDays“', value: '90', values: 'ucs-hq01.kws.local: 90', from: '30', to: '90',
    base: '180', actual: '120', desired: '180', field: tr.t('dbColumn.HomeServer'), row: tr.t('kept.row.UserAccount', { name: 'anna.baecker' }),
    table: tr.t('dbTable.UserAccount'), scope: tr.t('consequence.scope.all'), group: 'Vertrieb', kind: tr.t('consequence.fileKind.journal'),
    path: 'database/journal.mdb', file: 'procall-servers.reg', list: 'dc-kws-01, dc-kws-02', where: 'redis01.kws.local:6379',
    check: tr.t('preflight.check.bulk load'), area: tr.t('area.sql'), failed: tr.t('preflight.check.login'), what: tr.t('invariant.keys-unique'),
    how: tr.t('checklist.how.5'), rule: tr.t('rule.balance'), by: tr.t('ruleBy.balance'), explain: tr.t('rule.explain.balance'),
    store: tr.t('store.mssql'), reason: 'Freigabe durch die IT-Leitung', date: tr.date(NOW), version: '0.1.0', digest: '9f3c2a71b0de',
    service: '_ucserver._tcp', port: 7222, sep: ';', dnsFlag: 'USEDNS=1', hostLocation: 'HostLocation', hkcu: 'HKCU', command: 'reg import',
    domains: 'kws-schoenau.de', section: tr.t('section.consequences'), number: '+49 7821 9340', d: '7', dd: '07', mm: '12', yyyy: '2026', mon: tr.t('month.12'), HH: '22', MM: '45', zone: 'MEZ',
  };
}

/** Common English words; none may be left in German text. */
const ENGLISH = [
  'the', 'and', 'of', 'to', 'is', 'are', 'with', 'from', 'not', 'for', 'this', 'that', 'which', 'by', 'be', 'or', 'on',
  'users', 'settings', 'licences', 'enabled', 'checked', 'none', 'sources', 'source', 'decisions', 'findings', 'failed', 'passed',
  'report', 'preview', 'missing', 'set', 'generated', 'total', 'home', 'rule', 'lines', 'groups', 'manual', 'verify', 'skipped',
  'enough', 'page', 'answer', 'note', 'wizard', 'join', 'existing', 'database', 'password', 'checklist', 'setup', 'when', 'cannot', 'connect',
];

const keys = Object.keys(CATALOGS.en) as MessageKey[];
/** Keys with a `.one` form, rendered through `plural`. */
const counted = keys.filter((k) => keys.includes(`${k}.one` as MessageKey));

function render(lang: Lang, key: MessageKey, n: number, extra: Params = {}): string {
  const tr = TR[lang];
  const values = { ...valuesFor(lang, n), ...extra };
  return counted.includes(key) ? tr.plural(key, n, values) : tr.t(key, values);
}

describe.each(['de', 'en'] as const)('every %s template, rendered with real values', (lang) => {
  it.each([1, 3])('leaves no placeholder and no raw key form (n = %i)', (n) => {
    const bad = keys.filter((k) => !k.endsWith('.one')).map((k) => [k, render(lang, k, n)] as const).filter(([, text]) => /\{\w+\}/.test(text) || /\b[A-Z]\w*=/.test(text.replace(/USEDNS=1|OU=Benutzer,DC=kws,DC=local/g, '')));
    expect(bad).toEqual([]);
  });
});

describe('German templates in context', () => {
  it.each([1, 3])('hold no English word (n = %i)', (n) => {
    const hits = keys
      .filter((k) => !k.endsWith('.one'))
      .flatMap((k) => {
        const words = render('de', k, n).replace(/[\w/.-]+\.(local|de|at|reg|mdb)\b|_ucserver\._tcp|USEDNS=1|OU=Benutzer,DC=kws,DC=local|svc-procall@kws\.local|HostLocation|HKCU|chat\.deleteAfterDays|reg import/g, ' ').toLowerCase().split(/[^a-zäöüß]+/);
        return ENGLISH.filter((w) => words.includes(w)).map((w) => `${k}: ${w}`);
      });
    expect(hits).toEqual([]);
  });

  it('every counted message agrees with its number: the singular spells „ein“ out, the plural carries the count', () => {
    const wrong = counted.flatMap((k) => {
      const one = render('de', k, 1);
      const several = render('de', k, 3);
      const out: string[] = [];
      if (/(^|\s)1(\s|$)/.test(one)) out.push(`${k} (1): ${one}`);
      if (CATALOGS.de[k].includes('{n}') && !several.includes('3')) out.push(`${k} (3): ${several}`);
      return out;
    });
    expect(wrong).toEqual([]);
  });

  it.each([
    // Case after a preposition and the genitive: „von allen Servern“, „aller Server“, „des Servers“.
    ['von alle Server', /\bvon alle\b/],
    ['in alle Server', /\bin alle Server\b/],
    ['des Server (genitive without s)', /\bdes Server\b/],
    ['a capital „Sie“ after a colon read as the formal you', /: Sie (werden|zeigt)\b/],
    ['two colons in one phrase', /:[^:.;]{1,30}: /],
    ['„1“ with a plural noun', /\b1 (Benutzer haben|Einträge|Prüfungen|Dateien|Einstellungen)\b/],
  ])('never write %s', (_what, pattern) => {
    // A finding about every source names them „alle Server“: each template is read with that too.
    const all = { source: TR.de.t('findings.allSources'), server: TR.de.t('findings.allSources') };
    const hits = keys
      .flatMap((k) => [1, 3].flatMap((n) => [[k, render('de', k, n)] as const, [k, render('de', k, n, all)] as const]))
      .filter(([k, text]) => pattern.test(text) && !k.startsWith('readme.'));
    expect(hits).toEqual([]);
  });

  it('names the scope of a setting in the right case in every sentence that uses it', () => {
    const tr = translator('de');
    expect(tr.t('consequence.item.setting', { key: 'chat.deleteAfterDays', scope: tr.t('consequence.scope.all'), from: '30 auf ucs-werksued', to: '90' })).toBe(
      'Einstellung chat.deleteAfterDays (alle Server): bisher 30 auf ucs-werksued, künftig 90',
    );
    expect(tr.t('kept.edit', { row: tr.t('kept.row.Setting', { key: 'chat.deleteAfterDays', scope: tr.t('consequence.scope.all') }), field: tr.t('dbColumn.Value'), actual: '90' })).toBe(
      'Einstellung chat.deleteAfterDays (alle Server), Wert: in DataCenter auf 90 geändert, bleibt so',
    );
    expect(tr.t('kept.row.Setting', { key: 'logging.level', scope: tr.t('consequence.scope.server', { server: 'dc-kws-01' }) })).toBe('Einstellung logging.level (Server dc-kws-01)');
  });
});
