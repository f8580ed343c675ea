/**
 * The German report is spelled right: every German catalog message, and the rendered German
 * reports of the samples, checked offline against a real German dictionary (nspell with
 * dictionary-de). nspell knows no compounds, so a word also passes when it splits into known
 * words (with a linking „s“: „Migrations|bericht“), as German writes them. Values from the
 * customer's data (names, hosts, keys, paths) are not German prose and are left out; the
 * product's own terms are listed below.
 */
import dictionary from 'dictionary-de';
import nspell from 'nspell';
import { describe, expect, it } from 'vitest';
import { buildReportData, renderReportMarkdown } from '../../src/report/index.js';
import { CATALOGS, type MessageKey } from '../../src/report/i18n/catalog.js';
import { SAMPLE_NAMES, sampleInput } from './helpers.js';

/** Words of the product and its world that no general dictionary has. */
const PRODUCT_TERMS = [
  'ProCall', 'DataCenter', 'UCServer', 'MediaServer', 'estos', 'procall', 'migrate', 'Redis', 'Sentinel', 'Sentinels',
  'Multi', 'SQL', 'ODBC', 'TLS', 'FQDN', 'SHA', 'PING', 'UNC', 'SIP', 'MSI', 'DNS', 'SRV', 'HKCU', 'UC', 'Wildcard',
  'Collation', 'dc', 'sp', 'getapplock', 'Plandaten', 'Vorabprüfung', 'Enterprise', 'Active', 'Directory', 'Microsoft',
  'Windows', 'Markdown', 'Client', 'Clients', 'Chat', 'Chatverlauf', 'Chatverläufe', 'Journal', 'Backoffice', 'bitte',
  'Host', 'Master', 'Masters', 'Registry', 'DN', 'MEZ', 'MESZ', 'UTC', 'Nr', 'max', 'Max', 'PONG', 'LDAP', 'LDAPS', 'StartTLS', 'CA',
  'CTI', 'TAPI', 'STUN', 'TURN', 'HTTP', 'MB',
];

const spell = nspell(dictionary);
for (const w of PRODUCT_TERMS) spell.add(w);

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
const known = (w: string) => spell.correct(w) || spell.correct(cap(w)) || spell.correct(w.toLowerCase());

/** A German compound of known words, with an optional linking „s“ or „n“ after a part. */
function compound(word: string, depth = 0): boolean {
  if (depth > 3) return false;
  for (let i = 3; i <= word.length - 3; i++) {
    const head = word.slice(0, i);
    const tail = cap(word.slice(i));
    const headOk = known(head) || (/[sn]$/.test(head) && head.length > 3 && known(head.slice(0, -1))) || (/e$/.test(head) && known(`${head}n`));
    if (headOk && (known(tail) || compound(tail, depth + 1))) return true;
  }
  return false;
}

function misspelled(text: string, allowed: ReadonlySet<string>): string[] {
  const words = new Set(text.split(/[^A-Za-zÄÖÜäöüß-]+/).flatMap((w) => w.split('-')).filter((w) => w.length > 1));
  return [...words].filter((w) => !allowed.has(w.toLowerCase()) && !known(w) && !compound(w)).sort();
}

/** Words of the customer's data (user, host, group, setting names, paths, values): not prose. */
const dataWords = (value: unknown) => new Set(JSON.stringify(value).split(/[^A-Za-zÄÖÜäöüß]+/).map((w) => w.toLowerCase()));

describe('German spelling', () => {
  it('every German catalog message is spelled right (placeholders left out)', () => {
    const text = (Object.keys(CATALOGS.de) as MessageKey[])
      .filter((k) => !k.startsWith('month.') && !k.startsWith('date.'))
      .map((k) => CATALOGS.de[k].replace(/\{\w+\}/g, ' '))
      .join('\n');
    expect(misspelled(text, new Set())).toEqual([]);
  });

  it.each(SAMPLE_NAMES)('the rendered German report of %s is spelled right', async (sample) => {
    const data = buildReportData(await sampleInput(sample));
    const md = renderReportMarkdown(data, { lang: 'de' }).replace(/`[^`]*`/g, ' ').replace(/<br>/g, ' ');
    expect(misspelled(md, dataWords(data))).toEqual([]);
  });

  it('the checker finds a misspelled word, and accepts compounds it has never seen whole', () => {
    expect(misspelled('Die Migratoin der Benutzer', new Set())).toEqual(['Migratoin']);
    expect(misspelled('Migrationsbericht Heimatserver Kennwortvergabe', new Set())).toEqual([]);
  });
});
