/**
 * Every code a customer can meet has its own sentence in both languages, rendered from its
 * params: no placeholder, no `undefined`, one and several items both read right, and a finding
 * without params (an older saved plan) falls back to a sentence that is still correct German.
 */
import { describe, expect, it } from 'vitest';
import { IMPORT_CODES } from '../../src/importers/codes.js';
import { MAP_CODES } from '../../src/mappers/codes.js';
import { PROJECT_CODES } from '../../src/project/schema.js';
import { PLAN_CODES } from '../../src/plan/codes.js';
import { DB_CODES } from '../../src/writers/mssql/codes.js';
import { LANGS } from '../../src/report/i18n/catalog.js';
import { FINDING_CATALOGS, renderFinding } from '../../src/report/i18n/findings-text.js';
import { probe, type FindingCode } from '../../src/report/i18n/findings-render.js';

const ALL_CODES = [IMPORT_CODES, MAP_CODES, PROJECT_CODES, PLAN_CODES, DB_CODES].flatMap((c) => Object.keys(c)) as FindingCode[];

/** What a half-filled sentence would show. */
const LEFTOVER = /\{\w*\}|undefined|NaN|\[object|\$\{|#(?!\d)/;

describe('the findings catalogs', () => {
  it('cover every code of every codes.ts, and nothing else', () => {
    expect(ALL_CODES.length).toBeGreaterThan(150);
    for (const lang of LANGS) {
      const sentences = Object.keys(FINDING_CATALOGS[lang].sentences).sort();
      expect(sentences, lang).toEqual([...ALL_CODES].sort());
    }
  });

  it.each(LANGS)('render every sentence (%s) from its params, with one item and with several', (lang) => {
    for (const code of ALL_CODES) {
      for (const count of [1, 3]) {
        const { text, names } = probe(FINDING_CATALOGS[lang], code, count);
        expect(text, `${lang} ${code}`).not.toMatch(LEFTOVER);
        expect(text.trim(), `${lang} ${code}`).toMatch(/[.!]$/);
        expect(text, `${lang} ${code}`).not.toMatch(/ {2}|\s[.,;:]/);
        // Every value the sentence reads shows up in it (none is read and then dropped).
        for (const name of names) {
          if (['kind', 'role', 'mode', 'kept', 'decidedBy', 'entity'].includes(name)) continue; // choices, not shown values
          expect(text, `${lang} ${code} shows ${name}`).toContain(`${name}-sample`);
        }
      }
    }
  });

  it('say one and several in correct German', () => {
    const one = renderFinding({ code: 'MAP_CREDENTIAL_MISSING', severity: 'warning', source: 'ucs-a', params: { count: 1, server: 'ucs-a' } }, 'de');
    const many = renderFinding({ code: 'MAP_CREDENTIAL_MISSING', severity: 'warning', source: 'ucs-a', params: { count: 12, server: 'ucs-a' } }, 'de');
    expect(one).toBe('Ein Benutzer des Servers „ucs-a“ hat noch kein Kennwort und braucht ein neues.');
    expect(many).toBe('12 Benutzer des Servers „ucs-a“ haben noch kein Kennwort und brauchen neue.');
    const licences = renderFinding({ code: 'MAP_USER_LICENSES_SHORT', severity: 'warning', params: { count: 1, users: 1500 } }, 'de');
    expect(licences).toContain('eine Benutzerlizenz für 1.500 aktive Benutzer');
  });

  it('show a conflict with every source value and what the project decided', () => {
    const d = {
      code: 'MAP_GLOBAL_SETTING_CONFLICT',
      severity: 'info' as const,
      source: 'ucs-a',
      params: { key: 'chat.deleteAfterDays', sources: ['ucs-a', 'ucs-b'], values: ['30', '90'], types: ['int', 'int'], decided: '90', decidedBy: 'settings.global["chat.deleteAfterDays"]' },
    };
    expect(renderFinding(d, 'de')).toBe(
      'Die bisherigen Server haben verschiedene Werte für die Einstellung „chat.deleteAfterDays“, die für alle Server gilt: ucs-a: „30“; ucs-b: „90“. Im Projekt ist entschieden: 90.',
    );
    expect(renderFinding(d, 'en')).toContain('ucs-a: “30”; ucs-b: “90”. The project decides: 90.');
  });

  it('fall back to the generic sentence, in correct German, for a finding without the values its sentence needs', () => {
    expect(renderFinding({ code: 'IMPORT_DUPLICATE_USER_NAME', severity: 'error', source: 'ucs-a' }, 'de')).toBe(
      'Ein Problem in den Daten des Servers „ucs-a“, das vor der Migration behoben werden muss; Ihr Berater erläutert es.',
    );
    expect(renderFinding({ code: 'IMPORT_DUPLICATE_USER_NAME', severity: 'warning' }, 'de')).toBe('Ein Punkt in den Daten aller Server, den Sie mit Ihrem Berater prüfen.');
    expect(renderFinding({ code: 'NO_SUCH_CODE', severity: 'info' }, 'en')).toBe('A note on the data of all servers.');
  });
});

describe('the finding a cap keeps for the rest of its code', () => {
  it('counts them in the customer’s words', () => {
    const d = { code: 'IMPORT_PHONE_NUMBER_NOT_NORMALISED', severity: 'warning' as const, source: 'ucs-a', params: { code: 'IMPORT_PHONE_NUMBER_NOT_NORMALISED', more: 2980, listed: 20 } };
    expect(renderFinding(d, 'de')).toBe('… und 2.980 weitere Befunde dieser Art.');
    expect(renderFinding(d, 'en')).toBe('… and 2,980 more findings of this kind.');
  });
});

describe('the mapping rows only counted (beyond the reader\'s sample)', () => {
  it('read in the customer\'s language, not the English log line', () => {
    const counted = { code: 'MAP_MAPPING_UNKNOWN_USER', severity: 'warning' as const, message: 'the mapping names more users whom no export holds; those rows are not used', params: { count: 999_900 } };
    expect(renderFinding(counted, 'de')).toContain('weitere Benutzer');
    expect(renderFinding(counted, 'en')).toContain('more users');
    expect(renderFinding({ ...counted, params: { user: 'anna' } }, 'de')).toContain('„anna“');
  });
});
