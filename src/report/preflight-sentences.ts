/**
 * The report's sentences for the preflight codes of the areas sql, redis, names and share
 * (src/preflight/sql-codes.ts, redis-codes.ts, names-codes.ts), German and English. They sit
 * beside the catalog (which holds the directory codes) so the preflight areas keep their words
 * in one place. A German sentence names only values that are the customer's own (hosts, ports,
 * database, collation, versions), never a server's English error text: the consultant reads
 * that in preflight's own output.
 */
import type { Lang } from './i18n/index.js';

export const PREFLIGHT_SENTENCES: Readonly<Record<string, Readonly<Record<Lang, string>>>> = {
  // SQL Server
  PREFLIGHT_SQL_NO_TARGET: {
    de: 'Im Projekt ist keine Zieldatenbank angegeben; der SQL Server wurde daher nicht geprüft.',
    en: 'The project names no target database, so the SQL Server was not checked.',
  },
  PREFLIGHT_SQL_PASSWORD_UNSET: {
    de: 'Für die Anmeldung an {server} ist kein Kennwort hinterlegt.',
    en: 'No password is set for the login to {server}.',
  },
  PREFLIGHT_SQL_LOGIN_OK: { de: 'Die Anmeldung an {server} ist erfolgreich.', en: 'The login to {server} succeeds.' },
  PREFLIGHT_SQL_LOGIN_REFUSED: {
    de: '{server} lehnt die Anmeldung ab. Bitte prüfen Sie Benutzername und Kennwort.',
    en: '{server} refuses the login. Please check the user name and the password.',
  },
  PREFLIGHT_SQL_CONNECT_FAILED: {
    de: '{server} ist nicht erreichbar. Bitte prüfen Sie Servername, Port, Firewall und ob der SQL Server TCP/IP-Verbindungen annimmt.',
    en: '{server} cannot be reached. Please check the server name, the port, the firewall and that the SQL Server accepts TCP/IP connections.',
  },
  PREFLIGHT_SQL_LOGIN_FAILED: {
    de: 'Die Anmeldung an {server} ist fehlgeschlagen; Ihr Berater erläutert die Ursache.',
    en: 'The login to {server} failed; your consultant explains why.',
  },
  PREFLIGHT_SQL_SKIPPED_NO_LOGIN: {
    de: 'Nicht geprüft, weil die Anmeldung am SQL Server fehlgeschlagen ist.',
    en: 'Not checked, because the login to the SQL Server failed.',
  },
  PREFLIGHT_SQL_VERSION: { de: 'Version des SQL Servers: {version}.', en: 'SQL Server version: {version}.' },
  PREFLIGHT_SQL_VERSION_UNKNOWN: { de: 'Der SQL Server hat seine Version nicht genannt.', en: 'The SQL Server did not report its version.' },
  PREFLIGHT_SQL_DATABASE_OK: {
    de: 'Die Datenbank {database} ist vorhanden und für die Migration nutzbar.',
    en: 'Database {database} exists and can be used for the migration.',
  },
  PREFLIGHT_SQL_DATABASE_UNCHECKED: {
    de: 'Die Datenbank {database} kann nicht geöffnet werden, und ob sie vorhanden ist, ließ sich nicht feststellen.',
    en: 'Database {database} cannot be opened, and whether it exists could not be determined.',
  },
  PREFLIGHT_SQL_DATABASE_NO_ACCESS: {
    de: 'Die Datenbank {database} ist vorhanden, aber das Anmeldekonto hat keinen Zugriff darauf. Bitte berechtigen Sie es als db_owner.',
    en: 'Database {database} exists, but the login has no access to it. Please make it db_owner.',
  },
  PREFLIGHT_SQL_DATABASE_MISSING_MAY_CREATE: {
    de: 'Die Datenbank {database} ist noch nicht angelegt. Bitte legen Sie sie vor der Migration an.',
    en: 'Database {database} does not exist yet. Please create it before the migration.',
  },
  PREFLIGHT_SQL_DATABASE_MISSING: {
    de: 'Die Datenbank {database} ist nicht vorhanden, und das Anmeldekonto darf sie nicht anlegen. Bitte lassen Sie sie vom Datenbankadministrator anlegen.',
    en: 'Database {database} does not exist, and the login may not create it. Please have the database administrator create it.',
  },
  PREFLIGHT_SQL_DATABASE_MISSING_RIGHT_UNKNOWN: {
    de: 'Die Datenbank {database} ist nicht vorhanden. Bitte lassen Sie sie vom Datenbankadministrator anlegen.',
    en: 'Database {database} does not exist. Please have the database administrator create it.',
  },
  PREFLIGHT_SQL_SCHEMA_SKIPPED: {
    de: 'Nicht geprüft, weil die Datenbank {database} nicht geöffnet werden kann.',
    en: 'Not checked, because database {database} cannot be opened.',
  },
  PREFLIGHT_SQL_SCHEMA_CREATABLE: {
    de: 'Das Schema dc und seine {tables} Tabellen können in {database} angelegt werden (probeweise, ohne Änderung).',
    en: 'Schema dc and its {tables} tables can be created in {database} (tried without changing anything).',
  },
  PREFLIGHT_SQL_SCHEMA_TOO_NEW: {
    de: 'Das Schema dc in {database} hat Version {version}; diese Programmversion kennt nur bis Version {supported}. Bitte verwenden Sie eine aktuelle Programmversion.',
    en: 'Schema dc in {database} has version {version}; this version of the tool knows up to version {supported}. Please use a current version.',
  },
  PREFLIGHT_SQL_SCHEMA_UNSEEDED: {
    de: 'Das Schema dc ist in {database} vorhanden, aber noch nicht befüllt; seine Tabellen können angelegt werden.',
    en: 'Schema dc exists in {database} but is not filled yet; its tables can be created.',
  },
  PREFLIGHT_SQL_SCHEMA_WRITABLE: {
    de: 'Das Schema dc in {database} hat Version {version} und kann beschrieben werden.',
    en: 'Schema dc in {database} has version {version} and can be written to.',
  },
  PREFLIGHT_SQL_SCHEMA_UPGRADABLE: {
    de: 'Das Schema dc in {database} hat Version {version} und kann auf Version {supported} aktualisiert werden.',
    en: 'Schema dc in {database} has version {version} and can be upgraded to version {supported}.',
  },
  PREFLIGHT_SQL_SCHEMA_COLLATION_FAILED: {
    de: 'Die Tabellen des Schemas dc können in {database} mit der Sortierung {collation} nicht angelegt werden; siehe die Prüfung der Sortierung.',
    en: 'The tables of schema dc cannot be created in {database} with the collation {collation}; see the collation check.',
  },
  PREFLIGHT_SQL_SCHEMA_NO_PERMISSION: {
    de: 'Dem Anmeldekonto fehlt in {database} das Recht {permission}. Bitte berechtigen Sie es als db_owner oder lassen Sie das Schema vom Datenbankadministrator anlegen.',
    en: 'The login lacks the {permission} permission in {database}. Please make it db_owner or have the database administrator create the schema.',
  },
  PREFLIGHT_SQL_SCHEMA_FAILED: {
    de: 'Das Anlegen des Schemas dc in {database} ist fehlgeschlagen; Ihr Berater erläutert die Ursache.',
    en: 'Creating schema dc in {database} failed; your consultant explains why.',
  },
  PREFLIGHT_SQL_APPLOCK_OK: { de: 'Die Migrationssperre kann gesetzt werden.', en: 'The migration lock can be taken.' },
  PREFLIGHT_SQL_APPLOCK_HELD: {
    de: 'Die Migrationssperre funktioniert, ist aber gerade von einem anderen Migrationslauf belegt.',
    en: 'The migration lock works, but another migration run holds it right now.',
  },
  PREFLIGHT_SQL_APPLOCK_REFUSED: {
    de: 'Die Migrationssperre kann nicht gesetzt werden (Rückgabewert {result}).',
    en: 'The migration lock cannot be taken (result {result}).',
  },
  PREFLIGHT_SQL_APPLOCK_FAILED: {
    de: 'Die Migrationssperre funktioniert auf diesem Server nicht; sie wird benötigt, damit nie zwei Migrationsläufe gleichzeitig schreiben.',
    en: 'The migration lock does not work on this server; it is needed so that two migration runs never write at once.',
  },
  PREFLIGHT_SQL_COLLATION_OK: { de: 'Die Sortierung {collation} ist auf dem Server vorhanden.', en: 'The collation {collation} exists on the server.' },
  PREFLIGHT_SQL_COLLATION_MISSING: {
    de: 'Die Sortierung {collation} gibt es auf diesem Server nicht. Bitte wählen Sie eine vorhandene Sortierung ohne Unterscheidung der Groß- und Kleinschreibung.',
    en: 'The collation {collation} does not exist on this server. Please choose a case-insensitive collation it has.',
  },
  PREFLIGHT_SQL_COLLATION_REFUSED: {
    de: 'Der Server lehnt die Sortierung {collation} ab. Bitte wählen Sie eine Sortierung, die der Server anbietet.',
    en: 'The server refuses the collation {collation}. Please choose a collation the server offers.',
  },
  PREFLIGHT_SQL_COLLATION_INVALID: { de: '„{collation}“ ist kein gültiger Name einer Sortierung.', en: '"{collation}" is not a valid collation name.' },
  PREFLIGHT_SQL_COLLATION_UNUSABLE: {
    de: 'Die Sortierung {collation} kann auf diesem Server nicht verwendet werden.',
    en: 'The collation {collation} cannot be used on this server.',
  },
  PREFLIGHT_SQL_BULK_LOAD_OK: {
    de: 'Ein Massenimport von {rows} Zeilen in eine temporäre Tabelle gelang, der Text kam unverändert zurück (Umlaute, Emojis und {characters} Zeichen lange Texte eingeschlossen).',
    en: 'A bulk load of {rows} rows into a temporary table worked, and the text read back unchanged (umlauts, emoji and texts of {characters} characters included).',
  },
  PREFLIGHT_SQL_BULK_LOAD_CHANGED: {
    de: 'Beim Massenimport in eine temporäre Tabelle kam der Text verändert zurück; Sortierung und Treiber sind zu prüfen.',
    en: 'A bulk load into a temporary table read back different text; the collation and the driver need checking.',
  },
  PREFLIGHT_SQL_BULK_LOAD_FAILED: {
    de: 'Der Massenimport in eine temporäre Tabelle ist fehlgeschlagen; Ihr Berater erläutert die Ursache.',
    en: 'A bulk load into a temporary table failed; your consultant explains why.',
  },

  // Redis (server, Sentinel, TLS)
  PREFLIGHT_REDIS_NOT_CONFIGURED: {
    de: 'Im Projekt ist keine Redis-Datenbank angegeben; Redis wurde daher nicht geprüft.',
    en: 'The project names no Redis database, so Redis was not checked.',
  },
  PREFLIGHT_REDIS_BINARY_ENCODING_ON: { de: 'Die binäre Kodierung der Werte ist eingeschaltet, wie estos es verlangt.', en: 'Binary encoding of values is on, as estos asks.' },
  PREFLIGHT_REDIS_BINARY_ENCODING_OFF: {
    de: 'Die binäre Kodierung der Werte ist ausgeschaltet; estos empfiehlt, sie immer einzuschalten (sonst vorher mit dem estos-Support abstimmen).',
    en: 'Binary encoding of values is off; estos recommends always turning it on (otherwise agree it with estos support first).',
  },
  PREFLIGHT_REDIS_CA_UNREADABLE: {
    de: 'Die Datei der Zertifizierungsstelle {file} kann nicht gelesen werden.',
    en: 'The certificate authority file {file} cannot be read.',
  },
  PREFLIGHT_REDIS_TLS_UNREACHABLE: {
    de: '{endpoint} ist nicht erreichbar. Bitte prüfen Sie Name, Port und ob Redis (oder stunnel) dort läuft.',
    en: '{endpoint} cannot be reached. Please check the name, the port and that Redis (or stunnel) runs there.',
  },
  PREFLIGHT_REDIS_TLS_FAILED: {
    de: 'Mit {endpoint} kommt keine TLS-Verbindung zustande. Bitte prüfen Sie, ob Redis (oder stunnel) auf diesem Port TLS spricht.',
    en: 'No TLS connection with {endpoint}. Please check that Redis (or stunnel) speaks TLS on that port.',
  },
  PREFLIGHT_REDIS_TLS_NO_CERTIFICATE: { de: '{endpoint} hat kein Zertifikat gesendet.', en: '{endpoint} sent no certificate.' },
  PREFLIGHT_REDIS_TLS_UNTRUSTED: {
    de: 'Das Zertifikat von {endpoint} ({certificate}) ist nicht vertrauenswürdig. Bitte prüfen Sie die Zertifizierungsstelle.',
    en: 'The certificate of {endpoint} ({certificate}) is not trusted. Please check the certificate authority.',
  },
  PREFLIGHT_REDIS_TLS_WRONG_HOST: {
    de: 'Das Zertifikat von {endpoint} ist vertrauenswürdig, nennt aber nicht den Namen {host}; die UCServer würden es ablehnen.',
    en: 'The certificate of {endpoint} is trusted but does not name {host}; the UCServers would refuse it.',
  },
  PREFLIGHT_REDIS_TLS_TRUSTED: {
    de: 'Das Zertifikat von {endpoint} ist vertrauenswürdig und nennt den Namen {host}.',
    en: 'The certificate of {endpoint} is trusted and names {host}.',
  },
  PREFLIGHT_REDIS_TLS_TRUSTED_BY_SYSTEM: {
    de: 'Das Zertifikat von {endpoint} nennt den Namen {host} und ist auf diesem Rechner vertrauenswürdig; im Projekt ist aber keine Zertifizierungsstelle angegeben.',
    en: 'The certificate of {endpoint} names {host} and is trusted on this machine; but the project names no certificate authority.',
  },
  PREFLIGHT_REDIS_TLS_WILDCARD: {
    de: 'Das Zertifikat von {endpoint} ist ein Wildcard-Zertifikat ({names}); estos schließt das für Redis aus. Bitte stellen Sie ein Zertifikat für {host} aus.',
    en: 'The certificate of {endpoint} is a wildcard certificate ({names}); estos rules that out for Redis. Please issue a certificate for {host}.',
  },
  PREFLIGHT_REDIS_TLS_NOT_WILDCARD: { de: 'Das Zertifikat von {endpoint} ist kein Wildcard-Zertifikat.', en: 'The certificate of {endpoint} is not a wildcard certificate.' },
  PREFLIGHT_REDIS_TLS_WILDCARD_UNKNOWN: {
    de: 'Nicht geprüft, weil das Zertifikat von {endpoint} nicht gelesen werden konnte.',
    en: 'Not checked, because the certificate of {endpoint} could not be read.',
  },
  PREFLIGHT_REDIS_SKIPPED_NO_TLS: {
    de: 'Nicht geprüft, weil mit {endpoint} keine TLS-Verbindung zustande kam.',
    en: 'Not checked, because no TLS connection with {endpoint} was made.',
  },
  PREFLIGHT_REDIS_SKIPPED_NO_CONNECTION: {
    de: 'Nicht geprüft, weil keine Verbindung zu {endpoint} bestand.',
    en: 'Not checked, because there was no connection to {endpoint}.',
  },
  PREFLIGHT_REDIS_SKIPPED_NOT_AUTHENTICATED: {
    de: 'Nicht geprüft, weil die Authentifizierung an {endpoint} fehlgeschlagen ist.',
    en: 'Not checked, because authentication at {endpoint} failed.',
  },
  PREFLIGHT_REDIS_CONNECTED: { de: 'Die Verbindung zu {endpoint} steht.', en: 'Connected to {endpoint}.' },
  PREFLIGHT_REDIS_REFUSED: {
    de: '{endpoint} nimmt keine Verbindungen an. Bitte prüfen Sie, ob Redis dort läuft und der Port stimmt.',
    en: '{endpoint} accepts no connections. Please check that Redis runs there and the port is right.',
  },
  PREFLIGHT_REDIS_UNRESOLVED: { de: '{host} wird im DNS nicht aufgelöst. Bitte prüfen Sie den Namen.', en: '{host} does not resolve. Please check the name.' },
  PREFLIGHT_REDIS_TIMEOUT: {
    de: '{endpoint} hat nicht rechtzeitig geantwortet. Bitte prüfen Sie die Firewall und ob Redis dort läuft.',
    en: '{endpoint} did not answer in time. Please check the firewall and that Redis runs there.',
  },
  PREFLIGHT_REDIS_CONNECT_FAILED: {
    de: 'Zu {endpoint} kommt keine Verbindung zustande; Ihr Berater erläutert die Ursache.',
    en: 'No connection to {endpoint}; your consultant explains why.',
  },
  PREFLIGHT_REDIS_PASSWORD_UNSET: { de: 'Für Redis ist kein Kennwort hinterlegt.', en: 'No password is set for Redis.' },
  PREFLIGHT_REDIS_NO_PASSWORD: {
    de: '{endpoint} nimmt Befehle ohne Kennwort an; jeder, der den Server erreicht, kann die Daten von DataCenter lesen und ändern.',
    en: "{endpoint} accepts commands without a password; anyone who reaches it can read and change DataCenter's data.",
  },
  PREFLIGHT_REDIS_PASSWORD_REQUIRED: {
    de: '{endpoint} verlangt ein Kennwort, im Projekt ist aber keines angegeben.',
    en: '{endpoint} requires a password, but the project names none.',
  },
  PREFLIGHT_REDIS_COMMAND_TIMEOUT: {
    de: '{endpoint} hat auf {command} nicht rechtzeitig geantwortet; läuft dort wirklich Redis?',
    en: '{endpoint} did not answer {command} in time; does Redis really run there?',
  },
  PREFLIGHT_REDIS_COMMAND_REFUSED: {
    de: '{endpoint} lehnt Befehle ab; Ihr Berater erläutert die Ursache.',
    en: '{endpoint} refuses commands; your consultant explains why.',
  },
  PREFLIGHT_REDIS_AUTH_OK: { de: '{endpoint} nimmt das Kennwort an.', en: '{endpoint} accepts the password.' },
  PREFLIGHT_REDIS_AUTH_REFUSED: {
    de: '{endpoint} lehnt das Kennwort ab. Bitte prüfen Sie es gegen die Einstellung requirepass des Redis-Servers.',
    en: '{endpoint} refuses the password. Please check it against the requirepass setting of the Redis server.',
  },
  PREFLIGHT_REDIS_AUTH_NOT_NEEDED: {
    de: 'Auf {endpoint} ist kein Kennwort gesetzt, im Projekt aber eines angegeben; die Anmeldung schlägt daher fehl.',
    en: '{endpoint} has no password set, but the project names one, so the login fails.',
  },
  PREFLIGHT_REDIS_AUTH_FAILED: {
    de: 'Die Authentifizierung an {endpoint} ist fehlgeschlagen; Ihr Berater erläutert die Ursache.',
    en: 'Authentication at {endpoint} failed; your consultant explains why.',
  },
  PREFLIGHT_REDIS_PING_OK: { de: '{endpoint} antwortet.', en: '{endpoint} answers.' },
  PREFLIGHT_REDIS_PING_WRONG: { de: '{endpoint} antwortet nicht wie ein Redis-Server.', en: '{endpoint} does not answer like a Redis server.' },
  PREFLIGHT_REDIS_PING_FAILED: { de: '{endpoint} antwortet nicht.', en: '{endpoint} does not answer.' },
  PREFLIGHT_REDIS_VERSION: { de: 'Auf {endpoint} läuft Redis {version}.', en: '{endpoint} runs Redis {version}.' },
  PREFLIGHT_REDIS_VERSION_UNKNOWN: { de: '{endpoint} hat seine Version nicht genannt.', en: '{endpoint} did not report its version.' },
  PREFLIGHT_REDIS_ROLE_MASTER: { de: '{endpoint} ist der Master.', en: '{endpoint} is the master.' },
  PREFLIGHT_REDIS_ROLE_NOT_MASTER: {
    de: '{endpoint} ist nicht der Master; die UCServer müssen aber schreiben. Bitte geben Sie den Master an.',
    en: '{endpoint} is not the master, but the UCServers need to write. Please name the master.',
  },
  PREFLIGHT_REDIS_ROLE_UNKNOWN: { de: '{endpoint} hat seine Rolle nicht genannt.', en: '{endpoint} did not report its role.' },
  PREFLIGHT_REDIS_SENTINEL_MASTER: {
    de: 'Der Sentinel {sentinel} nennt {master} als Master von „{masterName}“.',
    en: 'Sentinel {sentinel} names {master} as the master of "{masterName}".',
  },
  PREFLIGHT_REDIS_SENTINEL_NO_MASTER: {
    de: 'Der Sentinel {sentinel} kennt keinen Master namens „{masterName}“. Bitte prüfen Sie den Namen gegen die Sentinel-Konfiguration.',
    en: 'Sentinel {sentinel} knows no master named "{masterName}". Please check the name against the sentinel configuration.',
  },
  PREFLIGHT_REDIS_SENTINELS_NO_MASTER: {
    de: 'Kein Sentinel hat einen Master für „{masterName}“ genannt; der Master wurde daher nicht geprüft.',
    en: 'No sentinel named a master for "{masterName}", so the master was not checked.',
  },
  PREFLIGHT_REDIS_SENTINELS_DISAGREE: {
    de: 'Die Sentinels nennen verschiedene Master für „{masterName}“ ({masters}); die UCServer könnten auf verschiedene Server schreiben.',
    en: 'The sentinels name different masters for "{masterName}" ({masters}); the UCServers may write to different servers.',
  },
  PREFLIGHT_REDIS_SENTINELS_INCOMPLETE: {
    de: 'Nicht jeder Sentinel hat den Master von „{masterName}“ genannt; die übrigen nennen {master}.',
    en: 'Not every sentinel named the master of "{masterName}"; the others name {master}.',
  },
  PREFLIGHT_REDIS_SENTINELS_AGREE: {
    de: 'Alle {count} Sentinels nennen {master} als Master von „{masterName}“.',
    en: 'All {count} sentinels name {master} as the master of "{masterName}".',
  },

  // Names (DNS)
  PREFLIGHT_NAMES_IP_ADDRESS: { de: '{host} ist eine IP-Adresse; es ist nichts aufzulösen.', en: '{host} is an IP address; nothing to resolve.' },
  PREFLIGHT_NAMES_RESOLVED: { de: '{host} wird im DNS aufgelöst ({addresses}).', en: '{host} resolves ({addresses}).' },
  PREFLIGHT_NAMES_NO_ADDRESS: {
    de: '{host} wird im DNS zu keiner Adresse aufgelöst. Bitte prüfen Sie den DNS-Eintrag in Ihrem Netzwerk.',
    en: '{host} resolves to no address. Please check the DNS entry in your network.',
  },
  PREFLIGHT_NAMES_UNRESOLVED: {
    de: '{host} wird im DNS nicht aufgelöst. Bitte prüfen Sie den DNS-Eintrag in Ihrem Netzwerk.',
    en: '{host} does not resolve. Please check the DNS entry in your network.',
  },

  // Content-sharing share
  PREFLIGHT_SHARE_CHECK_BY_HAND: {
    de: 'Die Freigabe {share} lässt sich von hier aus nicht prüfen. Bitte prüfen Sie von Hand, ob sie besteht und die Computerkonten aller UCServer Vollzugriff darauf haben.',
    en: 'The share {share} cannot be checked from here. Please check by hand that it exists and that the computer accounts of all UCServers have full access to it.',
  },
  PREFLIGHT_SHARE_NOT_NAMED: {
    de: 'Im Projekt ist keine Freigabe für geteilte Dateien angegeben. Bitte prüfen Sie von Hand, ob sie besteht und die Computerkonten aller UCServer Vollzugriff darauf haben.',
    en: 'The project names no share for shared files. Please check by hand that it exists and that the computer accounts of all UCServers have full access to it.',
  },
};
