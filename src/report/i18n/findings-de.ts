/**
 * Jeder Befund in den Worten des Kunden (Deutsch), aus `code` + `params` gebildet. Für die
 * Leserschaft des Berichts: keine Fachbegriffe der Exportdateien, Zahl und Fall stimmen mit der
 * Menge überein („ein Benutzer“ / „3 Benutzer“, „des Servers“ / „aller Server“).
 */
import type { FindingCatalog, FindingParams as P } from './findings-render.js';

const fmt = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 });
const num = (n: number): string => fmt.format(n);
const q = (s: string): string => `„${s}“`;

/** „a“, „a und b“, „a, b und c“; mehr als zehn: „…, und 5 weitere“. */
function list(items: readonly string[], quote = true, max = 10): string {
  const shown = items.slice(0, max).map((s) => (quote ? q(s) : s));
  if (items.length > max) return `${shown.join(', ')} und ${num(items.length - max)} weitere`;
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} und ${shown[shown.length - 1]}`;
}

/** Einzahl oder Mehrzahl nach `n` (`#` wird die Zahl). */
const nn = (n: number, one: string, many: string): string => (n === 1 ? one : many).replace('#', num(n));

/** „des Servers „X““ (Genitiv), oder „des bisherigen Servers“, wenn der Name fehlt. */
const ofServer = (p: P): string => {
  const s = p.opt('server');
  return s === undefined ? 'des bisherigen Servers' : `des Servers ${q(s)}`;
};
const onServer = (p: P): string => {
  const s = p.opt('server');
  return s === undefined ? 'auf dem bisherigen Server' : `auf dem Server ${q(s)}`;
};
const decided = (p: P): string => {
  const v = p.opt('decided');
  return v === undefined ? '' : ` Im Projekt ist entschieden: ${v}.`;
};

export const findingsDe: FindingCatalog = {
  num,
  more: (n) => nn(n, '… und ein weiterer Befund dieser Art.', '… und # weitere Befunde dieser Art.'),
  generic: (severity, server) => {
    const whose = server === undefined ? 'aller Server' : `des Servers ${q(server)}`;
    if (severity === 'error') return `Ein Problem in den Daten ${whose}, das vor der Migration behoben werden muss; Ihr Berater erläutert es.`;
    if (severity === 'warning') return `Ein Punkt in den Daten ${whose}, den Sie mit Ihrem Berater prüfen.`;
    return `Ein Hinweis zu den Daten ${whose}.`;
  },
  sentences: {
    // Einlesen der Exporte
    IMPORT_INPUT_NOT_FOUND: (p) => `Die Exportdatei ${q(p.s('input'))} wurde nicht gefunden oder ist weder ein Ordner noch eine ZIP-Datei.`,
    IMPORT_NOT_AN_EXPORT: (p) => `${q(p.s('input'))} ist kein Export eines ProCall-Servers; es wurde nichts daraus gelesen.`,
    IMPORT_ZIP_UNREADABLE: (p) => `Die ZIP-Datei ${q(p.s('file'))} ist beschädigt, verschlüsselt oder unvollständig und kann nicht gelesen werden.`,
    IMPORT_ENTRY_PATH_ESCAPES: (p) => `Der Eintrag ${q(p.s('file'))} im Export verweist auf einen Ort außerhalb des Exports; er wird nicht gelesen.`,
    IMPORT_DUPLICATE_ENTRY: (p) => `Die Datei ${q(p.s('file'))} ist zweimal im Export enthalten; nur die erste wird gelesen.`,
    IMPORT_FILE_TOO_LARGE: (p) => `Die Datei ${q(p.s('file'))} im Export ist zu groß, um sicher gelesen zu werden; sie wird nicht übernommen.`,
    IMPORT_EXPORT_TOO_LARGE: (p) => `Der Export ${ofServer(p)} ist insgesamt zu groß; ab der Datei ${q(p.s('file'))} wird nichts mehr gelesen.`,
    IMPORT_NOT_A_REGULAR_FILE: (p) => `${q(p.s('file'))} ist keine gewöhnliche Datei und wird nicht gelesen.`,
    IMPORT_NESTED_EXPORT: (p) => `Im Export liegt unter ${q(p.s('file'))} ein weiterer, eigener Export; er wird nicht als Teil dieses Exports gelesen.`,
    IMPORT_INPUT_HOLDS_EXPORTS: (p) => `Der Ordner ${q(p.s('input'))} enthält ${nn(p.n('count'), 'einen Export', '# Exporte')} (${list(p.list('values'))}); ${p.n('count') === 1 ? 'er wird' : 'jeder wird'} für sich gelesen.`,
    IMPORT_REQUIRED_FILE_MISSING: (p) => `Dem Export ${ofServer(p)} fehlt die Datei ${q(p.s('file'))}, ohne die er nicht übernommen werden kann.`,
    IMPORT_FILE_ENCODING: (p) => `Die Datei ${q(p.s('file'))} hat eine Zeichenkodierung, die nicht gelesen werden kann.`,
    IMPORT_XML_MALFORMED: (p) => `Die Datei ${q(p.s('file'))} ist beschädigt (kein gültiges XML) und kann nicht gelesen werden.`,
    IMPORT_UNKNOWN_ROOT_ELEMENT: (p) => `Die Datei ${q(p.s('file'))} hat nicht den erwarteten Inhalt und wird nicht gelesen.`,
    IMPORT_UNKNOWN_ELEMENT: (p) => `Der Export enthält einen Eintrag ${q(p.s('element'))}, den das Exportformat nicht kennt; er wird nicht übernommen.`,
    IMPORT_UNKNOWN_ATTRIBUTE: (p) => `Der Export enthält eine Angabe ${q(p.s('attribute'))}, die das Exportformat nicht kennt; sie wird nicht übernommen.`,
    IMPORT_WRONG_VALUE_TYPE: (p) => {
      const key = p.opt('key');
      const what = key === undefined ? `Die Angabe ${q(p.s('attribute'))}` : `Die Einstellung ${q(key)}`;
      return `${what} ${onServer(p)} hat einen Wert, der nicht zu ihrer Art passt.${decided(p)}`;
    },
    IMPORT_MISSING_VALUE: (p) => `Einem Eintrag ${onServer(p)} fehlt die Pflichtangabe ${q(p.s('attribute'))}.`,
    IMPORT_DUPLICATE_USER_NAME: (p) => `Der Benutzername ${q(p.s('user'))} kommt ${onServer(p)} zweimal vor.`,
    IMPORT_DUPLICATE_SIP_URI: (p) => `Die SIP-Adresse ${q(p.s('sipUri'))} ist ${onServer(p)} zweimal vergeben.`,
    IMPORT_SIP_URI_NOT_LOWERCASE: (p) => `Die SIP-Adresse ${q(p.s('sipUri'))} enthält Großbuchstaben; sie wird in Kleinbuchstaben übernommen.`,
    IMPORT_DUPLICATE_GROUP_NAME: (p) => `Der Gruppenname ${q(p.s('group'))} kommt ${onServer(p)} zweimal vor.`,
    IMPORT_DUPLICATE_COMPUTER_NAME: (p) => `Der Computer ${q(p.s('computer'))} ist ${onServer(p)} zweimal eingetragen.`,
    IMPORT_DUPLICATE_SETTING: (p) => `Die Einstellung ${q(p.s('key'))} ist ${onServer(p)} zweimal gesetzt.`,
    IMPORT_DUPLICATE_LICENSE_KEY: (p) => `Der Lizenzschlüssel ${p.s('license')} ist ${onServer(p)} zweimal eingetragen.`,
    IMPORT_DUPLICATE_LOCATION: (p) => `Der Standort ${q(p.s('location'))} ist ${onServer(p)} zweimal angelegt.`,
    IMPORT_DUPLICATE_LINE_GROUP: (p) => `Die Leitungsgruppe ${q(p.s('lineGroup'))} ist ${onServer(p)} zweimal angelegt.`,
    IMPORT_DUPLICATE_LINE_URI: (p) => `Die Leitung ${q(p.s('line'))} ist ${onServer(p)} zweimal eingetragen.`,
    IMPORT_DUPLICATE_LINE_NUMBER: (p) => `Die Rufnummer ${q(p.s('number'))} gehört ${onServer(p)} zu zwei Leitungen.`,
    IMPORT_INVISIBLE_CHARACTER: (p) => `Die Angabe ${q(p.s('field'))} eines Eintrags ${onServer(p)} enthält ein unsichtbares Zeichen (${p.s('codePoint')}), das einen Namen anders lesen lassen kann; sie wird unverändert übernommen.`,
    IMPORT_UNKNOWN_USER: (p) => {
      const role = p.opt('role');
      const as = role === 'leader' ? 'als Leiter' : role === 'coLeader' ? 'als stellvertretenden Leiter' : 'als Mitglied';
      return `Die Benutzergruppe ${q(p.s('group'))} nennt ${as} den Benutzer ${q(p.s('user'))}, den es nicht mehr gibt; der Eintrag entfällt.`;
    },
    IMPORT_CLIENT_CONTENT_UNKNOWN_USER: (p) => `Es gibt Client-Einstellungen des Benutzers ${q(p.s('user'))}, den es nicht mehr gibt; sie entfallen.`,
    IMPORT_UNKNOWN_LINE: (p) => `Der Benutzer ${q(p.s('user'))} überwacht die Rufnummer ${q(p.s('number'))}, die kein Server der Migration führt; der Überwachungseintrag entfällt.`,
    IMPORT_UNKNOWN_LOCATION: (p) => {
      const line = p.opt('line');
      const what = line === undefined ? `Die Leitungsgruppe ${q(p.s('lineGroup'))}` : `Die Leitung ${q(line)}`;
      return `${what} gehört zum Standort ${q(p.s('location'))}, den kein Server der Migration anlegt.`;
    },
    IMPORT_DUPLICATE_SERVER: (p) => `Vom Server ${q(p.s('server'))} liegen zwei Exporte vor; es darf nur einer übernommen werden.`,
    IMPORT_PHONE_NUMBER_NOT_NORMALISED: (p) => `Die Rufnummer ${q(p.s('number'))} ist nicht im internationalen Format; sie wird so übernommen, wie sie eingetragen ist.`,
    IMPORT_LOCATION_RULE_INVALID: (p) => `Eine Wählregel des Standorts ${q(p.s('location'))} ist fehlerhaft und wird übergangen.`,
    IMPORT_LOCATION_RULE_UNSUPPORTED: (p) => `Eine Wählregel des Standorts ${q(p.s('location'))} ist zu verwickelt, um sicher ausgeführt zu werden, und wird übergangen.`,
    IMPORT_FILE_BASED_USER_MANAGEMENT: (p) => `Der Server ${q(p.s('server'))} verwaltet seine Benutzer in Dateien. DataCenter kann das nicht; die Benutzer ziehen in die für das Projekt gewählte Benutzerdatenbank um.`,
    IMPORT_USER_MANAGEMENT_MISSING: (p) => `Beim Server ${q(p.s('server'))} ist nicht eingetragen, wie er seine Benutzer verwaltet.`,
    IMPORT_SECRET_NOT_MARKED: (p) => `Die Einstellung ${q(p.s('key'))} enthält ein Kennwort, ist aber nicht als geheim gekennzeichnet; sie wird als geheim übernommen und nie angezeigt.`,
    IMPORT_SETTING_UNCLASSIFIED: (p) => `Die Einstellung ${q(p.s('key'))} ist DataCenter nicht bekannt; sie wird als Einstellung des neuen Servers übernommen.`,
    IMPORT_NOT_MIGRATED: (p) => `Die Datei ${q(p.s('file'))} wird nicht übernommen; sie steht unter „Nicht übernommen“.`,

    // Projekt
    PROJECT_FILE_UNREADABLE: (p) => `Die Projektdatei ${q(p.s('file'))} kann nicht gelesen werden.`,
    PROJECT_SYNTAX: (p) => `Die Projektdatei ${q(p.s('file'))} ist fehlerhaft geschrieben und kann nicht gelesen werden.`,
    PROJECT_INVALID: (p) => `Ein Wert in der Projektdatei hat nicht die erwartete Form (${p.s('path')}).`,
    PROJECT_UNKNOWN_KEY: (p) => `Die Projektdatei enthält den unbekannten Eintrag ${q(p.s('key'))}.`,
    PROJECT_INVISIBLE_CHARACTER: (p) => `Der Eintrag ${q(p.s('path'))} der Projektdatei enthält ein unsichtbares Zeichen (${p.s('codePoint')}), das einen Namen anders lesen lassen kann; er wird unverändert verwendet.`,
    PROJECT_DUPLICATE_SERVER: (p) => `Zwei Server des Projekts haben denselben Namen oder dieselbe Adresse ${q(p.s('server'))}.`,
    PROJECT_DUPLICATE_REPLACES: (p) => `Der bisherige Server ${q(p.s('source'))} soll von zwei neuen Servern ersetzt werden; es kann nur einer sein.`,
    PROJECT_DUPLICATE_LINE_GROUP: (p) => `Die Leitungsgruppe ${q(p.s('lineGroup'))} soll von zwei Servern geführt werden; es kann nur einer sein.`,
    PROJECT_MEDIASERVER_FIELD: (p) => `Der UC MediaServer ${q(p.s('server'))} hat keine Benutzer und Leitungen; Angaben dazu gehören zu einem UCServer.`,
    PROJECT_NO_UCSERVER: () => 'Das Projekt hat noch keinen UCServer; die Benutzer brauchen einen Heimatserver.',
    PROJECT_UNKNOWN_SERVER: (p) => `Das Projekt nennt den Server ${q(p.s('server'))}, den es nicht anlegt.`,
    PROJECT_PASSWORD_IN_FILE: () => 'In der Projektdatei steht ein Kennwort; Kennwörter dürfen nur aus der Umgebung kommen.',
    PROJECT_PASSWORD_ENV_UNSET: (p) => `Das Kennwort für die Datenbank ist noch nicht hinterlegt (${p.s('env')}).`,
    PROJECT_SETTING_ENV_UNSET: (p) => `Der geheime Wert der Einstellung ${q(p.s('key'))} ist noch nicht hinterlegt (${p.s('env')}).`,
    PROJECT_AUTH_INCOMPLETE: (p) => `Für die Anmeldung an der Datenbank fehlt noch eine Angabe (${p.s('field')}).`,
    PROJECT_FILE_ENCODING: (p) => `Die Projektdatei ${q(p.s('file'))} hat eine Zeichenkodierung, die nicht gelesen werden kann.`,
    PROJECT_ALIAS: (p) => `Ein Verweis in der Projektdatei führt ins Leere oder wiederholt sich zu oft (${p.s('path')}).`,
    PROJECT_DUPLICATE_KEY: (p) => `Der Eintrag ${q(p.s('key'))} steht in der Projektdatei zweimal an derselben Stelle.`,
    PROJECT_RESERVED_NAME: (p) => `${q(p.s('name'))} kann in der Projektdatei nicht als Name verwendet werden.`,
    PROJECT_OPEN_DECISION: (p) => `Noch zu entscheiden: ${p.s('path')}.`,
    PROJECT_ACCEPT_UNUSED: (p) => `Eine Freigabe in der Projektdatei betrifft keinen Befund mehr (${p.s('path')}).`,
    PROJECT_ACCEPT_ERROR: (p) => `Die Projektdatei gibt einen Fehler frei (${p.s('code')}); Fehler können nicht freigegeben werden.`,
    PROJECT_SOURCE_HOLDS_EXPORTS: (p) => `${q(p.s('input'))} enthält mehrere Exporte; jeder muss im Projekt einzeln genannt werden.`,
    PROJECT_OVERRIDE_UNKNOWN: (p) => {
      const suggestion = p.opt('suggestion');
      return `Eine Korrektur in der Projektdatei nennt ${q(p.s('value'))}, das es in keinem Export gibt${suggestion === undefined ? '' : ` (gemeint ist wohl ${q(suggestion)})`}; sie korrigiert nichts.`;
    },
    PROJECT_OVERRIDE_INVALID: (p) => {
      const what = p.opt('field') ?? p.s('key');
      return `Eine Korrektur in der Projektdatei passt nicht zur Angabe ${q(what)} und wird nicht übernommen.`;
    },
    PROJECT_OVERRIDE_APPLIED: (p) => `Die Projektdatei korrigiert ${p.s('field')} von ${q(p.s('key'))} ${onServer(p)}: ${p.s('before')} → ${p.s('after')}.`,
    PROJECT_EXCLUDE_UNKNOWN: (p) => {
      const suggestion = p.opt('suggestion');
      return `Ein Ausschluss in der Projektdatei nennt ${q(p.s('value'))}, das es in keinem Export gibt${suggestion === undefined ? '' : ` (gemeint ist wohl ${q(suggestion)})`}; er schließt nichts aus.`;
    },
    PROJECT_EXCLUDED: (p) => {
      const word: Record<string, string> = { user: 'Der Benutzer', computer: 'Der Computer', line: 'Die Leitung', lineGroup: 'Die Leitungsgruppe', group: 'Die Gruppe' };
      const reason = p.opt('reason');
      return `${word[p.s('entity')] ?? 'Der Eintrag'} ${q(p.s('key'))} ${ofServer(p)} wird laut Projektdatei nicht migriert${reason === undefined ? '' : ` (${reason})`}.`;
    },
    PROJECT_LOCATION_UNKNOWN: (p) => {
      const suggestion = p.opt('suggestion');
      return `Die Projektdatei nennt den Standort ${q(p.s('location'))}, den ${p.opt('from') === undefined ? 'kein Export' : `der Server ${q(p.opt('from') ?? '')} nicht`} anlegt${suggestion === undefined ? '' : ` (gemeint ist wohl ${q(suggestion)})`}.`;
    },
    PROJECT_NOT_A_PROJECT: () => 'Die als Projekt angegebene Datei ist keine Projektdatei der Migration; nichts daraus wird verwendet.',
    MAPPING_FILE_UNREADABLE: (p) => `Die Liste der Heimatserver ${q(p.s('file'))} kann nicht gelesen werden.`,
    MAPPING_FILE_ENCODING: (p) => `Die Liste der Heimatserver ${q(p.s('file'))} ist nicht in UTF-8 gespeichert und kann nicht gelesen werden.`,
    MAPPING_ROW_INVALID: (p) => {
      const line = p.optN('line');
      return `Eine Zeile der Liste der Heimatserver${line === undefined ? '' : ` (Zeile ${num(line)})`} hat nicht die Form „Benutzername,Server“.`;
    },
    MAPPING_DUPLICATE_USER: (p) => `Die Liste der Heimatserver ordnet den Benutzer ${q(p.s('user'))} zwei verschiedenen Servern zu.`,

    // Abbildung auf DataCenter
    MAP_SOURCE_DUPLICATE: (p) => `Vom Server ${q(p.s('server'))} liegen zwei Exporte vor; es darf nur einer übernommen werden.`,
    MAP_SOURCE_NOT_REPLACED: (p) => `Kein neuer Server ersetzt den Server ${q(p.s('server'))}; seine ${nn(p.n('count'), 'eigene Einstellung geht', '# eigenen Einstellungen gehen')} verloren.`,
    MAP_REPLACES_UNKNOWN_SOURCE: (p) => `Das Projekt lässt den bisherigen Server ${q(p.s('source'))} ersetzen, von dem kein Export vorliegt.`,
    MAP_LINEGROUP_UNKNOWN: (p) => `Das Projekt nennt die Leitungsgruppe ${q(p.s('lineGroup'))}, die in keinem Export vorkommt.`,
    MAP_USERSTORE_REQUIRED: () => 'Es ist noch zu entscheiden, wo DataCenter die Benutzer verwaltet (eigene Datenbank oder Active Directory).',
    MAP_AD_SAM_MISSING: (p) => `${nn(p.n('count'), 'Ein Benutzer', '# Benutzer')} ${ofServer(p)} ${p.n('count') === 1 ? 'hat' : 'haben'} keinen Anmeldenamen im Active Directory und ${p.n('count') === 1 ? 'kann' : 'können'} nicht verknüpft werden.`,
    MAP_AD_SETTINGS_MISSING: (p) => `Für die Anbindung an das Active Directory ${p.list('keys').length === 1 ? 'fehlt die Einstellung' : 'fehlen die Einstellungen'} ${list(p.list('keys'))}.`,
    MAP_CREDENTIAL_MISSING: (p) => `${nn(p.n('count'), 'Ein Benutzer', '# Benutzer')} ${ofServer(p)} ${p.n('count') === 1 ? 'hat' : 'haben'} noch kein Kennwort und ${p.n('count') === 1 ? 'braucht ein neues' : 'brauchen neue'}.`,
    MAP_DATABASE_ENGINE_JET: (p) => `Der Server ${q(p.s('server'))} speichert Journal oder Chat in einer Access-Datenbank; DataCenter braucht SQL Server oder SQLite.`,
    MAP_DATABASE_FILE_ACCESS: (p) => `Der Server ${q(p.s('server'))} soll Journal und Chat in SQLite speichern, die Einstellung verweist aber noch auf die alte Access-Datei ${q(p.s('value'))}.`,
    MAP_SETTING_UNCLASSIFIED: (p) => `Die Einstellung ${q(p.s('key'))} ist DataCenter nicht bekannt; sie wird als Einstellung des neuen Servers übernommen.${decided(p)}`,
    MAP_GLOBAL_SETTING_CONFLICT: (p) =>
      `Die bisherigen Server haben verschiedene Werte für die Einstellung ${q(p.s('key'))}, die für alle Server gilt: ${conflict(p)}.${decided(p)}`,
    MAP_LOCAL_SETTING_CONFLICT: (p) =>
      `Bisherige Server, die zum Server ${q(p.s('target'))} werden, haben verschiedene Werte für die Einstellung ${q(p.s('key'))}: ${conflict(p)}.${decided(p)}`,
    MAP_PROJECT_SETTING_SCOPE: (p) => `Die Einstellung ${q(p.s('key'))} kann in DataCenter nicht dort gesetzt werden, wo das Projekt sie setzt.`,
    MAP_PROJECT_SETTING_UNSET: (p) => `Der Wert der Einstellung ${q(p.s('key'))} ist noch nicht hinterlegt.`,
    MAP_PROJECT_SETTING_UNKNOWN: (p) => {
      const near = p.opt('suggestion');
      return `Das Projekt setzt die Einstellung ${q(p.s('key'))}, die es nicht gibt${near === undefined ? '' : ` (gemeint ist wohl ${q(near)})`}.`;
    },
    MAP_PROJECT_SETTING_TYPE: (p) => `Der Wert, den das Projekt für die Einstellung ${q(p.s('key'))} setzt, passt nicht zu ihrer Art (${p.s('type')}).`,
    MAP_PROJECT_SETTING_SPELLING: (p) => `Das Projekt schreibt die Einstellung ${q(p.s('key'))} anders als üblich; sie wird als ${q(p.s('spelling'))} übernommen.`,
    MAP_MONITOR_EVERYONE: (p) =>
      p.opt('mode') === 'drop'
        ? `„Jeder sieht jeden“ ${ofServer(p)} entfällt, wie im Projekt entschieden; DataCenter erlaubt es nur je Benutzergruppe.`
        : p.optN('count') === 0
        ? `„Jeder sieht jeden“ ${ofServer(p)} wird in DataCenter je Benutzergruppe gesetzt; da keine Gruppe es bekommt, sehen sich die Benutzer nicht mehr alle gegenseitig.`
        : `„Jeder sieht jeden“ ${ofServer(p)} wird in DataCenter je Benutzergruppe gesetzt statt für alle zugleich.`,
    MAP_MONITOR_GROUP_LIMIT: (p) =>
      p.opt('kept') === 'true'
        ? `Die Benutzergruppe ${q(p.s('group'))} ist mit ${num(p.n('count'))} Mitgliedern groß für „Jeder sieht jeden“; es bleibt, kann die Anzeige aber verlangsamen.`
        : `Die Benutzergruppe ${q(p.s('group'))} ist mit ${num(p.n('count'))} Mitgliedern für „Jeder sieht jeden“ zu groß (höchstens ${num(p.n('max'))}); ihre Mitglieder sehen nicht mehr jedes andere Mitglied.`,
    MAP_CONTENTSHARING_NOT_UNC: (p) => {
      const v = p.opt('value');
      return `Der Ablageort für geteilte Dateien${v === undefined ? '' : ` (${v})`} ist kein Netzwerkpfad, den jeder Server erreicht.${decided(p)}`;
    },
    MAP_CONTENTSHARING_MAX_FILE_SIZE: (p) => `Die Größengrenze für geteilte Dateien (${num(p.n('value'))} MB) liegt über dem, was DataCenter erlaubt (${num(p.n('max'))} MB).`,
    MAP_LOG_RETENTION_LARGE: (p) => `Der Server ${q(p.s('server'))} bewahrt Protokolle ${num(p.n('value'))} Stunden auf; für eine Umgebung dieser Größe sind etwa ${num(p.n('recommended'))} Stunden empfohlen.`,
    MAP_FULL_MEMORY_DUMPS: (p) => `Für den Server ${q(p.s('server'))} ist festgelegt, ob vollständige Speicherabbilder geschrieben werden; der bisherige Wert bleibt erhalten.`,
    MAP_LOCATION_RULE_NO_LINE: (p) =>
      `Eine Wählregel des Standorts ${q(p.s('location'))} macht aus ${nn(p.n('count'), 'einer Rufnummer eine', '# Rufnummern solche')}, die zu keiner Leitung gehör${p.n('count') === 1 ? 't' : 'en'} (z. B. ${q(p.s('input'))} → ${q(p.s('output'))}); ${p.list('users').length === 1 ? `der Benutzer ${list(p.list('users'))} verliert seine` : `die Benutzer ${list(p.list('users'))} verlieren ihre`} Leitung.`,
    MAP_USER_NUMBER_NO_LINE: (p) =>
      `${nn(p.n('count'), 'Ein Benutzer', '# Benutzer')} ${ofServer(p)} ${p.n('count') === 1 ? 'hat eine Rufnummer, zu der' : 'haben Rufnummern, zu denen'} keine Leitung gehört; ${p.n('count') === 1 ? 'er behält die Nummer, bekommt' : 'sie behalten die Nummern, bekommen'} aber keine eigene Leitung.`,
    MAP_LOCATION_CONFLICT: (p) => {
      const by = p.opt('decidedBy');
      return by === undefined
        ? `Der Standort ${q(p.s('location'))} ist auf den Servern ${list(p.list('sources'))} verschieden angelegt.`
        : `Der Standort ${q(p.s('location'))} ist auf den bisherigen Servern verschieden angelegt; im Projekt ist entschieden, welche Angaben gelten.`;
    },
    MAP_LINEGROUP_CONFLICT: (p) => `Die Leitungsgruppe ${q(p.s('lineGroup'))} ist auf den Servern ${list(p.list('servers'))} verschieden angelegt.`,
    MAP_LINEGROUP_NO_SERVER: (p) => `Kein neuer Server führt die Leitungsgruppe ${q(p.s('lineGroup'))}.`,
    MAP_LINEGROUP_AMBIGUOUS: (p) => `Die Leitungsgruppe ${q(p.s('lineGroup'))} liegt auf bisherigen Servern, die von verschiedenen neuen Servern ersetzt werden; einer muss sie führen.`,
    MAP_LINE_CONFLICT: (p) => {
      const number = p.opt('number');
      return number === undefined
        ? `Die Leitung ${q(p.s('line'))} gehört auf zwei Servern zu verschiedenen Leitungsgruppen.`
        : `Die Rufnummer ${q(number)} ist zwei verschiedenen Leitungen zugeordnet.`;
    },
    MAP_USER_DUPLICATE: (p) => `Den Benutzer ${q(p.s('user'))} gibt es auf den Servern ${list(p.list('servers'))}; er kann nur einen Heimatserver haben.`,
    MAP_SIPURI_DUPLICATE: (p) => `Die SIP-Adresse ${q(p.s('sipUri'))} ist zwei Benutzern zugeordnet (${list([p.s('user'), p.s('other')])}).`,
    MAP_MAPPING_UNKNOWN_SERVER: (p) => `Die Liste der Heimatserver ordnet den Benutzer ${q(p.s('user'))} dem Server ${q(p.s('server'))} zu, den das Projekt nicht anlegt.`,
    MAP_MAPPING_MEDIASERVER: (p) => `Die Liste der Heimatserver ordnet den Benutzer ${q(p.s('user'))} dem UC MediaServer ${q(p.s('server'))} zu; Benutzer brauchen einen UCServer.`,
    MAP_MAPPING_UNKNOWN_USER: (p) =>
      p.opt('user') === undefined
        ? `Die Liste der Heimatserver nennt weitere Benutzer, die kein Export enthält; diese Zeilen werden nicht verwendet.`
        : `Die Liste der Heimatserver nennt den Benutzer ${q(p.s('user'))}, den kein Export enthält.`,
    MAP_HOME_LINES_SPLIT: (p) => `${p.opt('kind') === 'computer' ? 'Der Computer' : 'Der Benutzer'} ${q(p.s('name'))} hat Leitungen auf zwei verschiedenen Servern (${list(p.list('servers'))}).`,
    MAP_HOME_LINE_MISMATCH: (p) => `Der Benutzer ${q(p.s('user'))} soll auf den Server ${q(p.s('target'))}, seine Leitung wird aber vom Server ${q(p.s('lineServer'))} geführt.`,
    MAP_HOME_REQUEST_IGNORED: (p) => `${p.opt('kind') === 'computer' ? 'Der Computer' : 'Der Benutzer'} ${q(p.s('name'))} wünscht den Heimatserver ${q(p.s('target'))}, der nicht zur neuen Umgebung gehört; die nächste Regel entscheidet.`,
    MAP_HOME_UNPLACED: (p) => {
      const n = p.n('count');
      const what = p.opt('kind') === 'computer' ? nn(n, 'Ein Computer', '# Computer') : nn(n, 'Ein Benutzer', '# Benutzer');
      return `${what} ${ofServer(p)} ${n === 1 ? 'hat' : 'haben'} noch keinen Heimatserver in der neuen Umgebung.`;
    },
    MAP_SERVER_OVER_CAPACITY: (p) => `Der Server ${q(p.s('target'))} bekommt ${num(p.n('count'))} Benutzer, mehr als die ${num(p.n('max'))}, die er aufnehmen soll.`,
    MAP_SERVER_NO_USERS: (p) => `Der neue Server ${q(p.s('server'))} bekommt keine Benutzer; er würde umsonst eingerichtet.`,
    MAP_GROUP_MERGED: (p) => `Die Benutzergruppe ${q(p.s('group'))} gibt es auf den Servern ${list(p.list('servers'))}; die Gruppen werden zusammengeführt.`,
    MAP_GROUP_MEMBER_UNKNOWN: (p) => `Die Benutzergruppe ${q(p.s('group'))} nennt das Mitglied ${q(p.s('user'))}, das nicht übernommen wird; der Eintrag entfällt.`,
    MAP_COMPUTER_DUPLICATE: (p) => `Den Computer ${q(p.s('computer'))} gibt es auf den Servern ${list(p.list('servers'))}.`,
    MAP_CLIENT_CONTENT_ORPHAN: (p) => `Es gibt Client-Einstellungen des Benutzers ${q(p.s('user'))}, der nicht übernommen wird; sie entfallen.`,
    MAP_LICENSE_DUPLICATE: (p) => `Dieselbe Lizenz (${p.s('license')}) ist auf den Servern ${list(p.list('servers'))} eingespielt; in DataCenter zählt sie einmal.`,
    MAP_NO_USER_LICENSE: () => 'In keinem Export wurde eine Benutzerlizenz gefunden; ohne sie können sich die Clients nicht anmelden.',
    MAP_USER_LICENSES_SHORT: (p) =>
      `Es gibt ${nn(p.n('count'), 'eine Benutzerlizenz', '# Benutzerlizenzen')} für ${nn(p.n('users'), 'einen aktiven Benutzer', '# aktive Benutzer')}: Bitte die fehlenden Lizenzen vor der Migration bestellen.`,
    MAP_SERVER_LICENSES_SHORT: (p) =>
      `Es gibt ${nn(p.n('count'), 'eine Serverlizenz', '# Serverlizenzen')} für ${nn(p.n('servers'), 'einen Server', '# Server')}; ${nn(p.n('missing'), 'eine fehlt', '# fehlen')}. Jeder Server, auch ein eigener UC MediaServer, braucht eine: Bitte die fehlenden Lizenzen vor der Migration bestellen.`,
    MAP_TEXT_TOO_LONG: (p) => `Ein Wert (${p.s('column')} von ${p.s('key')}) ist mit ${num(p.n('length'))} Zeichen länger, als DataCenter speichern kann (${num(p.n('max'))}).`,

    // Plan
    PLAN_ORIGIN_CONFLICT: (p) => `Ein Eintrag (${p.s('row')}) gehört zu einer früheren Migration des Servers ${q(p.s('wave'))} und wird nicht geändert.`,
    PLAN_DUPLICATE_KEY: (p) => `Ein Eintrag (${p.s('row')}) käme zweimal in die Datenbank; der zweite wird übergangen.`,
    PLAN_PRUNE_SKIPPED: (p) => `${nn(p.n('count'), 'Ein Eintrag', '# Einträge')} (${p.s('table')}) ${p.n('count') === 1 ? 'steht' : 'stehen'} nicht mehr in den Exporten und ${p.n('count') === 1 ? 'bleibt' : 'bleiben'} in DataCenter erhalten.`,
    PLAN_FILE_UNREADABLE: (p) => `Die Plandatei ${q(p.s('file'))} kann nicht gelesen werden.`,
    PLAN_FILE_INVALID: (p) => `Die Datei ${q(p.s('file'))} ist kein gültiger Migrationsplan.`,
    PLAN_FILE_VERSION: (p) => `Die Plandatei ${q(p.s('file'))} stammt aus einer Version des Werkzeugs, die diese nicht lesen kann.`,
    PLAN_FILE_TAMPERED: (p) => `Die Plandatei ${q(p.s('file'))} wurde nach dem Erstellen verändert.`,
    PLAN_FILE_REFUSED: (p) => `Der Plan ${q(p.s('file'))} enthält noch Fehler und kann nicht freigegeben werden.`,
    PLAN_STALE_TARGET: () => 'Die DataCenter-Datenbank hat sich geändert, seit der Plan erstellt wurde.',
    PLAN_SOURCES_CHANGED: (p) => `Der Export ${ofServer(p)} hat sich geändert, seit der Plan erstellt wurde.`,
    PLAN_PROJECT_CHANGED: () => 'Die Projektdatei hat sich geändert, seit der Plan erstellt wurde.',
    PLAN_DIFFERS: () => 'Der Plan ergibt heute andere Änderungen als beim Erstellen.',
    PLAN_ADMIN_EDIT_CONFLICT: (p) => `Der Wert ${q(p.s('column'))} von ${p.s('row')} wurde seit der letzten Migration sowohl in DataCenter als auch auf den bisherigen Servern geändert; es ist zu entscheiden, welcher gilt.`,
    PLAN_NO_BASE: (p) => `${nn(p.n('count'), 'Ein Eintrag', '# Einträge')} (${p.s('table')}) ${p.n('count') === 1 ? 'wurde' : 'wurden'} nicht von diesem Werkzeug geschrieben; Änderungen in DataCenter sind dort nicht erkennbar.`,
    PLAN_DECISION_UNUSED: (p) => `Eine Entscheidung der Projektdatei (${p.s('path')}) betrifft nichts mehr.`,
    PLAN_PARENT_DELETED: (p) => `${p.s('row')} wird nicht angelegt, weil ${p.s('parent')} in DataCenter gelöscht wurde und gelöscht bleibt.`,
    PLAN_UNDO_ROW_CHANGED: (p) => `${p.s('row')} wurde nach der Migration noch einmal geändert; das Zurücknehmen würde diese Änderung überschreiben.`,
    PLAN_UNDO_FORCED: (p) => `${p.s('row')} wurde nach der Migration noch einmal geändert und wird trotzdem zurückgesetzt.`,
    PLAN_UNDO_SECRET_NOT_RESTORED: (p) => `Ein geheimer Wert (${p.s('row')}) kann nicht zurückgesetzt werden und bleibt, wie er ist.`,

    // Datenbank
    DB_URL_INVALID: () => 'Die Verbindungsangabe zur Datenbank kann nicht gelesen werden.',
    DB_PASSWORD_MISSING: () => 'Das Kennwort für die Datenbank ist nicht hinterlegt.',
    DB_AUTH_UNSUPPORTED: () => 'Die gewählte Anmeldeart an der Datenbank ist auf diesem Rechner nicht möglich.',
    DB_CONNECT_FAILED: () => 'Der Datenbankserver ist nicht erreichbar.',
    DB_LOGIN_FAILED: () => 'Der Datenbankserver hat die Anmeldung abgelehnt.',
    DB_QUERY_FAILED: () => 'Eine Abfrage an die Datenbank ist fehlgeschlagen.',
    DB_SCHEMA_NEWER: () => 'Die Datenbank wurde von einer neueren Version des Werkzeugs eingerichtet.',
    DB_COLLATION_MISSING: (p) => `Der Datenbankserver bietet die Sortierfolge ${q(p.s('collation'))} nicht an.`,
    DB_LOCKED: () => 'Eine andere Migration schreibt gerade in diese Datenbank.',
    DB_LOCK_FAILED: () => 'Die Datenbank konnte nicht für die Migration reserviert werden.',
    DB_PLAN_STALE: () => 'Die DataCenter-Datenbank hat sich geändert, seit der Plan erstellt wurde.',
    DB_SECRET_UNAVAILABLE: () => 'Ein geheimer Wert liegt zum Schreiben nicht vor.',
    DB_APPLY_FAILED: () => 'Das Einspielen ist fehlgeschlagen; die Datenbank ist unverändert.',
    DB_OUTCOME_UNKNOWN: () => 'Die Verbindung zur Datenbank brach beim Abschließen ab; ob die Migration ganz oder gar nicht eingespielt wurde, zeigt der nächste Lauf.',
    DB_RUN_NOT_FOUND: (p) => `Die Datenbank kennt keine Migration ${q(p.s('runId'))}.`,
    DB_RUN_NOT_UNDOABLE: (p) => `Die Migration ${q(p.s('runId'))} kann nicht zurückgenommen werden.`,
  },
};

/** `Server A: „90“; Server B: „30“` (geheime Werte sind schon als `(sensitive)` maskiert). */
function conflict(p: P): string {
  const sources = p.list('sources');
  const values = p.list('values');
  return sources.map((s, i) => `${s}: ${q(values[i] ?? '')}`).join('; ');
}
