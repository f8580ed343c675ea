/** Name and site pools for the generator: German and Austrian, with umlauts and ß on purpose. */

export const FIRST_NAMES_DE = [
  'Jürgen', 'Björn', 'Sören', 'Jörg', 'Günter', 'Käthe', 'Bärbel', 'Thomas', 'Ursula', 'Stefan', 'Andrea', 'Petra',
  'Michael', 'Sabine', 'Katrin', 'Lars', 'Dieter', 'Heike', 'Tobias', 'Julia', 'Lena', 'Felix', 'Marie', 'Paul',
  'Jonas', 'Anja', 'Frank', 'Birgit', 'Hans-Jürgen', 'Ümit', 'Gerd', 'Monika', 'Ralf', 'Susanne', 'Uwe', 'Claudia',
  'Jens', 'Nicole', 'Torsten', 'Daniela', 'Maren', 'Helmut', 'Doris', 'Anna', 'Lukas', 'Leonie', 'Maximilian',
  'Sophie', 'Elias', 'Mia', 'Ben', 'Emma', 'Finn', 'Hannah', 'Niklas', 'Lea', 'Jan', 'Laura', 'Tim', 'Sarah',
] as const;

export const LAST_NAMES_DE = [
  'Müller', 'Schäfer', 'Weiß', 'Groß', 'Köhler', 'Krüger', 'Böhm', 'Schröder', 'Hoffmann', 'Schmitz', 'Wagner',
  'Becker', 'Jäger', 'Fuß', 'Strauß', 'Bäumer', 'Lößl', 'Kühn', 'Vogel', 'Bauer', 'Maier', 'Hübner', 'Fröhlich',
  'Schütz', 'Sommer', 'Brandt', 'Löffler', 'Kößler', 'Graf', 'Dietz', 'Wolf', 'Neumann', 'Schwarz', 'Zimmermann',
  'Krause', 'Lehmann', 'Günther', 'Hartmann', 'Möller', 'Lorenz', 'Scholz', 'Schmidt', 'Schneider', 'Fischer',
  'Meyer', 'Weber', 'Schulz', 'Koch', 'Richter', 'Klein', 'Schuster', 'Böttcher', 'Jürgens', 'Dürr', 'Kämper',
  'Rößler', 'Blümel', 'Späth', 'Nußbaum', 'Voß',
] as const;

export const FIRST_NAMES_AT = [
  'Leopold', 'Theresa', 'Florian', 'Katharina', 'Alois', 'Johanna', 'Matthias', 'Valentina', 'Dominik', 'Magdalena',
  'Lukas', 'Sophie', 'Franz', 'Elisabeth', 'Raphael', 'Verena', 'Sebastian', 'Anna-Lena', 'Jakob', 'Hannelore',
  'Markus', 'Rosalie', 'Gerhard', 'Ferdinand', 'Barbara', 'Stefan', 'Julia', 'Andreas', 'Christina', 'Wolfgang',
] as const;

export const LAST_NAMES_AT = [
  'Gruber', 'Huber', 'Pichler', 'Hofbauer', 'Steiner', 'Moser', 'Leitner', 'Wimmer', 'Mayrhofer', 'Eder', 'Haider',
  'Wallner', 'Pöll', 'Höller', 'Größinger', 'Strößner', 'Lang', 'Brunner', 'Aigner', 'Kößlbacher', 'Fürst',
  'Schönauer', 'Weißensteiner', 'Hödl', 'Berger', 'Fuchs', 'Wagner', 'Bauer', 'Winkler', 'Reiter',
] as const;

export interface Site {
  city: string;
  /** Short code for server names (`ucs-ber-01`). */
  code: string;
  country: 'DE' | 'AT';
  countryCode: string;
  cityCode: string;
}

export const SITES: readonly Site[] = [
  { city: 'Berlin', code: 'ber', country: 'DE', countryCode: '49', cityCode: '30' },
  { city: 'München', code: 'muc', country: 'DE', countryCode: '49', cityCode: '89' },
  { city: 'Hamburg', code: 'ham', country: 'DE', countryCode: '49', cityCode: '40' },
  { city: 'Köln', code: 'cgn', country: 'DE', countryCode: '49', cityCode: '221' },
  { city: 'Frankfurt am Main', code: 'fra', country: 'DE', countryCode: '49', cityCode: '69' },
  { city: 'Wien', code: 'vie', country: 'AT', countryCode: '43', cityCode: '1' },
  { city: 'Stuttgart', code: 'str', country: 'DE', countryCode: '49', cityCode: '711' },
  { city: 'Düsseldorf', code: 'dus', country: 'DE', countryCode: '49', cityCode: '211' },
  { city: 'Graz', code: 'grz', country: 'AT', countryCode: '43', cityCode: '316' },
  { city: 'Nürnberg', code: 'nue', country: 'DE', countryCode: '49', cityCode: '911' },
  { city: 'Leipzig', code: 'lej', country: 'DE', countryCode: '49', cityCode: '341' },
  { city: 'Linz', code: 'lnz', country: 'AT', countryCode: '43', cityCode: '732' },
  { city: 'Hannover', code: 'haj', country: 'DE', countryCode: '49', cityCode: '511' },
  { city: 'Salzburg', code: 'szg', country: 'AT', countryCode: '43', cityCode: '662' },
  { city: 'Dresden', code: 'drs', country: 'DE', countryCode: '49', cityCode: '351' },
  { city: 'Bremen', code: 'bre', country: 'DE', countryCode: '49', cityCode: '421' },
];

export const PBX = [
  { kind: 'ECSTA', vendor: 'Unify OpenScape 4000' },
  { kind: 'ECSTA', vendor: 'Avaya Aura' },
  { kind: 'ECSTA', vendor: 'Alcatel OXE' },
  { kind: 'TAPI', vendor: 'Mitel MiVoice' },
  { kind: 'TAPI', vendor: 'Panasonic NS' },
  { kind: 'SIP', vendor: 'SIP Softphones' },
] as const;

export const PROFILES = ['Standard', 'Standard', 'Standard', 'Vertrieb', 'Service', 'Führungskraft', 'Empfang'] as const;
export const DEPARTMENTS = ['Vertrieb', 'Einkauf', 'Buchhaltung', 'Kundenservice', 'Lager', 'IT', 'Personal', 'Marketing', 'Logistik', 'Geschäftsleitung'] as const;

const TRANSLIT: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', Ä: 'ae', Ö: 'oe', Ü: 'ue' };

/** `Jürgen Groß` → `juergen`/`gross`: user names and SIP URIs are ASCII and lowercase. */
export function asciiName(s: string): string {
  return s.replace(/[äöüßÄÖÜ]/g, (c) => TRANSLIT[c] ?? c).toLowerCase().replace(/ /g, '-');
}
