/**
 * Every finding in the customer's words (English), rendered from `code` + `params`. For the
 * report's readers: no export-file jargon, one or several items as the numbers say.
 */
import type { FindingCatalog, FindingParams as P } from './findings-render.js';

const fmt = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const num = (n: number): string => fmt.format(n);
const q = (s: string): string => `“${s}”`;

/** “a”, “a and b”, “a, b and c”; more than ten: “…, and 5 more”. */
function list(items: readonly string[], quote = true, max = 10): string {
  const shown = items.slice(0, max).map((s) => (quote ? q(s) : s));
  if (items.length > max) return `${shown.join(', ')} and ${num(items.length - max)} more`;
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** Singular or plural by `n` (`#` becomes the number). */
const nn = (n: number, one: string, many: string): string => (n === 1 ? one : many).replace('#', num(n));

const ofServer = (p: P): string => {
  const s = p.opt('server');
  return s === undefined ? 'of the old server' : `of server ${q(s)}`;
};
const onServer = (p: P): string => {
  const s = p.opt('server');
  return s === undefined ? 'on the old server' : `on server ${q(s)}`;
};
const decided = (p: P): string => {
  const v = p.opt('decided');
  return v === undefined ? '' : ` The project decides: ${v}.`;
};

export const findingsEn: FindingCatalog = {
  num,
  more: (n) => nn(n, '… and one more finding of this kind.', '… and # more findings of this kind.'),
  generic: (severity, server) => {
    const whose = server === undefined ? 'all servers' : `server ${q(server)}`;
    if (severity === 'error') return `A problem in the data of ${whose} that must be fixed before the migration; your consultant explains it.`;
    if (severity === 'warning') return `A point in the data of ${whose} to review with your consultant.`;
    return `A note on the data of ${whose}.`;
  },
  sentences: {
    // Reading the exports
    IMPORT_INPUT_NOT_FOUND: (p) => `The export ${q(p.s('input'))} was not found, or is neither a folder nor a ZIP file.`,
    IMPORT_NOT_AN_EXPORT: (p) => `${q(p.s('input'))} is not an export of a ProCall server; nothing was read from it.`,
    IMPORT_ZIP_UNREADABLE: (p) => `The ZIP file ${q(p.s('file'))} is damaged, encrypted or incomplete and cannot be read.`,
    IMPORT_ENTRY_PATH_ESCAPES: (p) => `The entry ${q(p.s('file'))} of the export points outside the export; it is not read.`,
    IMPORT_DUPLICATE_ENTRY: (p) => `The file ${q(p.s('file'))} is in the export twice; only the first is read.`,
    IMPORT_FILE_TOO_LARGE: (p) => `The file ${q(p.s('file'))} in the export is too large to be read safely; it is not migrated.`,
    IMPORT_EXPORT_TOO_LARGE: (p) => `The export ${ofServer(p)} is too large in total; nothing is read from the file ${q(p.s('file'))} on.`,
    IMPORT_NOT_A_REGULAR_FILE: (p) => `${q(p.s('file'))} is not an ordinary file and is not read.`,
    IMPORT_NESTED_EXPORT: (p) => `The export holds another export of its own at ${q(p.s('file'))}; it is not read as part of this export.`,
    IMPORT_INPUT_HOLDS_EXPORTS: (p) => `The folder ${q(p.s('input'))} holds ${nn(p.n('count'), 'one export', '# exports')} (${list(p.list('values'))}); each is read on its own.`,
    IMPORT_REQUIRED_FILE_MISSING: (p) => `The export ${ofServer(p)} lacks the file ${q(p.s('file'))}, without which it cannot be migrated.`,
    IMPORT_FILE_ENCODING: (p) => `The file ${q(p.s('file'))} has a character encoding that cannot be read.`,
    IMPORT_XML_MALFORMED: (p) => `The file ${q(p.s('file'))} is damaged (not valid XML) and cannot be read.`,
    IMPORT_UNKNOWN_ROOT_ELEMENT: (p) => `The file ${q(p.s('file'))} does not hold what it should and is not read.`,
    IMPORT_UNKNOWN_ELEMENT: (p) => `The export holds an entry ${q(p.s('element'))} the export format does not know; it is not migrated.`,
    IMPORT_UNKNOWN_ATTRIBUTE: (p) => `The export holds a value ${q(p.s('attribute'))} the export format does not know; it is not migrated.`,
    IMPORT_WRONG_VALUE_TYPE: (p) => {
      const key = p.opt('key');
      const what = key === undefined ? `The value ${q(p.s('attribute'))}` : `The setting ${q(key)}`;
      return `${what} ${onServer(p)} does not have the kind of value it needs.${decided(p)}`;
    },
    IMPORT_MISSING_VALUE: (p) => `An entry ${onServer(p)} lacks the required value ${q(p.s('attribute'))}.`,
    IMPORT_DUPLICATE_USER_NAME: (p) => `The user name ${q(p.s('user'))} appears twice ${onServer(p)}.`,
    IMPORT_DUPLICATE_SIP_URI: (p) => `The SIP address ${q(p.s('sipUri'))} is used twice ${onServer(p)}.`,
    IMPORT_SIP_URI_NOT_LOWERCASE: (p) => `The SIP address ${q(p.s('sipUri'))} has capital letters; it is migrated in lower case.`,
    IMPORT_DUPLICATE_GROUP_NAME: (p) => `The group name ${q(p.s('group'))} appears twice ${onServer(p)}.`,
    IMPORT_DUPLICATE_COMPUTER_NAME: (p) => `The computer ${q(p.s('computer'))} is listed twice ${onServer(p)}.`,
    IMPORT_DUPLICATE_SETTING: (p) => `The setting ${q(p.s('key'))} is set twice ${onServer(p)}.`,
    IMPORT_DUPLICATE_LICENSE_KEY: (p) => `The licence key ${p.s('license')} is listed twice ${onServer(p)}.`,
    IMPORT_DUPLICATE_LOCATION: (p) => `The location ${q(p.s('location'))} is defined twice ${onServer(p)}.`,
    IMPORT_DUPLICATE_LINE_GROUP: (p) => `The line group ${q(p.s('lineGroup'))} is defined twice ${onServer(p)}.`,
    IMPORT_DUPLICATE_LINE_URI: (p) => `The line ${q(p.s('line'))} is listed twice ${onServer(p)}.`,
    IMPORT_DUPLICATE_LINE_NUMBER: (p) => `The number ${q(p.s('number'))} belongs to two lines ${onServer(p)}.`,
    IMPORT_INVISIBLE_CHARACTER: (p) => `The value ${q(p.s('field'))} of an entry ${onServer(p)} holds an invisible character (${p.s('codePoint')}) that can make a name read differently; it is migrated unchanged.`,
    IMPORT_UNKNOWN_USER: (p) => {
      const role = p.opt('role');
      const as = role === 'leader' ? 'as its leader' : role === 'coLeader' ? 'as its deputy leader' : 'as a member';
      return `The user group ${q(p.s('group'))} names ${as} the user ${q(p.s('user'))}, who no longer exists; the entry is dropped.`;
    },
    IMPORT_CLIENT_CONTENT_UNKNOWN_USER: (p) => `There are client settings of the user ${q(p.s('user'))}, who no longer exists; they are dropped.`,
    IMPORT_UNKNOWN_LINE: (p) => `The user ${q(p.s('user'))} monitors the number ${q(p.s('number'))}, which no server of the migration has; the monitoring entry is dropped.`,
    IMPORT_UNKNOWN_LOCATION: (p) => {
      const line = p.opt('line');
      const what = line === undefined ? `The line group ${q(p.s('lineGroup'))}` : `The line ${q(line)}`;
      return `${what} belongs to the location ${q(p.s('location'))}, which no server of the migration defines.`;
    },
    IMPORT_DUPLICATE_SERVER: (p) => `There are two exports of server ${q(p.s('server'))}; only one can be migrated.`,
    IMPORT_PHONE_NUMBER_NOT_NORMALISED: (p) => `The number ${q(p.s('number'))} is not in international format; it is migrated as written.`,
    IMPORT_LOCATION_RULE_INVALID: (p) => `A dialling rule of the location ${q(p.s('location'))} is faulty and is skipped.`,
    IMPORT_LOCATION_RULE_UNSUPPORTED: (p) => `A dialling rule of the location ${q(p.s('location'))} is too intricate to run safely and is skipped.`,
    IMPORT_FILE_BASED_USER_MANAGEMENT: (p) => `Server ${q(p.s('server'))} keeps its users in files. DataCenter cannot; the users move to the user database chosen for the project.`,
    IMPORT_USER_MANAGEMENT_MISSING: (p) => `Server ${q(p.s('server'))} does not say how it manages its users.`,
    IMPORT_SECRET_NOT_MARKED: (p) => `The setting ${q(p.s('key'))} holds a password but is not marked secret; it is migrated as a secret and never shown.`,
    IMPORT_SETTING_UNCLASSIFIED: (p) => `DataCenter does not know the setting ${q(p.s('key'))}; it is migrated as a setting of the new server.`,
    IMPORT_NOT_MIGRATED: (p) => `The file ${q(p.s('file'))} is not migrated; it is listed under “Not migrated”.`,

    // Project
    PROJECT_FILE_UNREADABLE: (p) => `The project file ${q(p.s('file'))} cannot be read.`,
    PROJECT_SYNTAX: (p) => `The project file ${q(p.s('file'))} is not written correctly and cannot be read.`,
    PROJECT_INVALID: (p) => `A value in the project file does not have the expected form (${p.s('path')}).`,
    PROJECT_UNKNOWN_KEY: (p) => `The project file holds the unknown entry ${q(p.s('key'))}.`,
    PROJECT_INVISIBLE_CHARACTER: (p) => `The project file's entry ${q(p.s('path'))} holds an invisible character (${p.s('codePoint')}) that can make a name read differently; it is used unchanged.`,
    PROJECT_DUPLICATE_SERVER: (p) => `Two servers of the project have the same name or address ${q(p.s('server'))}.`,
    PROJECT_DUPLICATE_REPLACES: (p) => `The old server ${q(p.s('source'))} is to be replaced by two new servers; it can only be one.`,
    PROJECT_DUPLICATE_LINE_GROUP: (p) => `The line group ${q(p.s('lineGroup'))} is to be managed by two servers; it can only be one.`,
    PROJECT_MEDIASERVER_FIELD: (p) => `The UC MediaServer ${q(p.s('server'))} has no users or lines; those belong to a UCServer.`,
    PROJECT_NO_UCSERVER: () => 'The project has no UCServer yet; the users need a home server.',
    PROJECT_UNKNOWN_SERVER: (p) => `The project names the server ${q(p.s('server'))}, which it does not define.`,
    PROJECT_PASSWORD_IN_FILE: () => 'The project file holds a password; passwords may only come from the environment.',
    PROJECT_PASSWORD_ENV_UNSET: (p) => `The database password is not provided yet (${p.s('env')}).`,
    PROJECT_SETTING_ENV_UNSET: (p) => `The secret value of the setting ${q(p.s('key'))} is not provided yet (${p.s('env')}).`,
    PROJECT_AUTH_INCOMPLETE: (p) => `The database login still lacks a value (${p.s('field')}).`,
    PROJECT_FILE_ENCODING: (p) => `The project file ${q(p.s('file'))} has a character encoding that cannot be read.`,
    PROJECT_ALIAS: (p) => `A reference in the project file leads nowhere or repeats too often (${p.s('path')}).`,
    PROJECT_DUPLICATE_KEY: (p) => `The entry ${q(p.s('key'))} is in the project file twice at the same place.`,
    PROJECT_RESERVED_NAME: (p) => `${q(p.s('name'))} cannot be used as a name in the project file.`,
    PROJECT_OPEN_DECISION: (p) => `Still to decide: ${p.s('path')}.`,
    PROJECT_ACCEPT_UNUSED: (p) => `An acceptance in the project file no longer concerns any finding (${p.s('path')}).`,
    PROJECT_ACCEPT_ERROR: (p) => `The project file accepts an error (${p.s('code')}); errors cannot be accepted.`,
    PROJECT_SOURCE_HOLDS_EXPORTS: (p) => `${q(p.s('input'))} holds several exports; the project must name each one.`,
    PROJECT_OVERRIDE_UNKNOWN: (p) => {
      const suggestion = p.opt('suggestion');
      return `A correction in the project file names ${q(p.s('value'))}, which no export has${suggestion === undefined ? '' : ` (probably ${q(suggestion)} is meant)`}; it corrects nothing.`;
    },
    PROJECT_OVERRIDE_INVALID: (p) => {
      const what = p.opt('field') ?? p.s('key');
      return `A correction in the project file does not fit the value ${q(what)} and is not applied.`;
    },
    PROJECT_OVERRIDE_APPLIED: (p) => `The project file corrects ${p.s('field')} of ${q(p.s('key'))} ${onServer(p)}: ${p.s('before')} → ${p.s('after')}.`,
    PROJECT_EXCLUDE_UNKNOWN: (p) => {
      const suggestion = p.opt('suggestion');
      return `An exclusion in the project file names ${q(p.s('value'))}, which no export holds${suggestion === undefined ? '' : ` (probably ${q(suggestion)} is meant)`}; it leaves nothing out.`;
    },
    PROJECT_EXCLUDED: (p) => {
      const word: Record<string, string> = { user: 'User', computer: 'Computer', line: 'Line', lineGroup: 'Line group', group: 'Group' };
      const reason = p.opt('reason');
      return `${word[p.s('entity')] ?? 'Entry'} ${q(p.s('key'))} ${ofServer(p)} is left out of the migration by the project file${reason === undefined ? '' : ` (${reason})`}.`;
    },
    PROJECT_LOCATION_UNKNOWN: (p) => {
      const suggestion = p.opt('suggestion');
      return `The project file names the location ${q(p.s('location'))}, which ${p.opt('from') === undefined ? 'no export' : `server ${q(p.opt('from') ?? '')}`} does not define${suggestion === undefined ? '' : ` (probably ${q(suggestion)} is meant)`}.`;
    },
    PROJECT_NOT_A_PROJECT: () => 'The file given as the project is not a migration project file; nothing in it is used.',
    MAPPING_FILE_UNREADABLE: (p) => `The home-server list ${q(p.s('file'))} cannot be read.`,
    MAPPING_FILE_ENCODING: (p) => `The home-server list ${q(p.s('file'))} is not saved as UTF-8 and cannot be read.`,
    MAPPING_ROW_INVALID: (p) => {
      const line = p.optN('line');
      return `A row of the home-server list${line === undefined ? '' : ` (line ${num(line)})`} is not of the form “user name,server”.`;
    },
    MAPPING_DUPLICATE_USER: (p) => `The home-server list puts the user ${q(p.s('user'))} on two different servers.`,

    // Mapping to DataCenter
    MAP_SOURCE_DUPLICATE: (p) => `There are two exports of server ${q(p.s('server'))}; only one can be migrated.`,
    MAP_SOURCE_NOT_REPLACED: (p) => `No new server replaces server ${q(p.s('server'))}; its ${nn(p.n('count'), 'own setting is', '# own settings are')} lost.`,
    MAP_REPLACES_UNKNOWN_SOURCE: (p) => `The project replaces the old server ${q(p.s('source'))}, of which there is no export.`,
    MAP_LINEGROUP_UNKNOWN: (p) => `The project names the line group ${q(p.s('lineGroup'))}, which no export holds.`,
    MAP_USERSTORE_REQUIRED: () => 'It is still to be decided where DataCenter keeps the users (its own database or Active Directory).',
    MAP_AD_SAM_MISSING: (p) => `${nn(p.n('count'), 'One user', '# users')} ${ofServer(p)} ${p.n('count') === 1 ? 'has' : 'have'} no Active Directory login name and cannot be linked.`,
    MAP_AD_SETTINGS_MISSING: (p) => `The Active Directory connection lacks the ${p.list('keys').length === 1 ? 'setting' : 'settings'} ${list(p.list('keys'))}.`,
    MAP_CREDENTIAL_MISSING: (p) => `${nn(p.n('count'), 'One user', '# users')} ${ofServer(p)} ${p.n('count') === 1 ? 'has' : 'have'} no password yet and need${p.n('count') === 1 ? 's' : ''} a new one.`,
    MAP_DATABASE_ENGINE_JET: (p) => `Server ${q(p.s('server'))} keeps its journal or chat in an Access database; DataCenter needs SQL Server or SQLite.`,
    MAP_DATABASE_FILE_ACCESS: (p) => `Server ${q(p.s('server'))} is to keep its journal and chat in SQLite, but the setting still points at the old Access file ${q(p.s('value'))}.`,
    MAP_SETTING_UNCLASSIFIED: (p) => `DataCenter does not know the setting ${q(p.s('key'))}; it is migrated as a setting of the new server.${decided(p)}`,
    MAP_GLOBAL_SETTING_CONFLICT: (p) => `The old servers have different values for the setting ${q(p.s('key'))}, which applies to all servers: ${conflict(p)}.${decided(p)}`,
    MAP_LOCAL_SETTING_CONFLICT: (p) => `Old servers that become server ${q(p.s('target'))} have different values for the setting ${q(p.s('key'))}: ${conflict(p)}.${decided(p)}`,
    MAP_PROJECT_SETTING_SCOPE: (p) => `The setting ${q(p.s('key'))} cannot be set in DataCenter where the project sets it.`,
    MAP_PROJECT_SETTING_UNSET: (p) => `The value of the setting ${q(p.s('key'))} is not provided yet.`,
    MAP_PROJECT_SETTING_UNKNOWN: (p) => {
      const near = p.opt('suggestion');
      return `The project sets the setting ${q(p.s('key'))}, which does not exist${near === undefined ? '' : ` (probably ${q(near)} is meant)`}.`;
    },
    MAP_PROJECT_SETTING_TYPE: (p) => `The value the project sets for the setting ${q(p.s('key'))} does not fit its kind (${p.s('type')}).`,
    MAP_PROJECT_SETTING_SPELLING: (p) => `The project spells the setting ${q(p.s('key'))} unusually; it is migrated as ${q(p.s('spelling'))}.`,
    MAP_MONITOR_EVERYONE: (p) =>
      p.opt('mode') === 'drop'
        ? `“Everyone sees everyone” ${ofServer(p)} is dropped, as the project decides; DataCenter allows it only per user group.`
        : p.optN('count') === 0
        ? `“Everyone sees everyone” ${ofServer(p)} is set per user group in DataCenter; as no group gets it, the users no longer all see each other.`
        : `“Everyone sees everyone” ${ofServer(p)} is set per user group in DataCenter instead of for everyone at once.`,
    MAP_MONITOR_GROUP_LIMIT: (p) =>
      p.opt('kept') === 'true'
        ? `The user group ${q(p.s('group'))} is large for “everyone sees everyone” with ${num(p.n('count'))} members; it stays, but can slow the display.`
        : `The user group ${q(p.s('group'))} is too large for “everyone sees everyone” with ${num(p.n('count'))} members (at most ${num(p.n('max'))}); its members no longer see every other member.`,
    MAP_CONTENTSHARING_NOT_UNC: (p) => {
      const v = p.opt('value');
      return `The place for shared files${v === undefined ? '' : ` (${v})`} is not a network path every server reaches.${decided(p)}`;
    },
    MAP_CONTENTSHARING_MAX_FILE_SIZE: (p) => `The size limit for shared files (${num(p.n('value'))} MB) is above what DataCenter allows (${num(p.n('max'))} MB).`,
    MAP_LOG_RETENTION_LARGE: (p) => `Server ${q(p.s('server'))} keeps logs for ${num(p.n('value'))} hours; for an environment of this size about ${num(p.n('recommended'))} hours are recommended.`,
    MAP_FULL_MEMORY_DUMPS: (p) => `Server ${q(p.s('server'))} sets whether full memory dumps are written; the old value is kept.`,
    MAP_LOCATION_RULE_NO_LINE: (p) =>
      `A dialling rule of the location ${q(p.s('location'))} turns ${nn(p.n('count'), 'a number into one', '# numbers into ones')} no line has (e.g. ${q(p.s('input'))} → ${q(p.s('output'))}); ${p.list('users').length === 1 ? 'the user' : 'the users'} ${list(p.list('users'))} lose${p.list('users').length === 1 ? 's' : ''} their line.`,
    MAP_USER_NUMBER_NO_LINE: (p) =>
      `${nn(p.n('count'), 'One user', '# users')} ${ofServer(p)} ${p.n('count') === 1 ? 'has a number' : 'have numbers'} no line has; they keep the number but get no line of their own.`,
    MAP_LOCATION_CONFLICT: (p) => {
      const by = p.opt('decidedBy');
      return by === undefined
        ? `The location ${q(p.s('location'))} is defined differently on the servers ${list(p.list('sources'))}.`
        : `The location ${q(p.s('location'))} is defined differently on the old servers; the project decides which definition holds.`;
    },
    MAP_LINEGROUP_CONFLICT: (p) => `The line group ${q(p.s('lineGroup'))} is defined differently on the servers ${list(p.list('servers'))}.`,
    MAP_LINEGROUP_NO_SERVER: (p) => `No new server manages the line group ${q(p.s('lineGroup'))}.`,
    MAP_LINEGROUP_AMBIGUOUS: (p) => `The line group ${q(p.s('lineGroup'))} is on old servers replaced by different new servers; one must manage it.`,
    MAP_LINE_CONFLICT: (p) => {
      const number = p.opt('number');
      return number === undefined
        ? `The line ${q(p.s('line'))} belongs to different line groups on two servers.`
        : `The number ${q(number)} is on two different lines.`;
    },
    MAP_USER_DUPLICATE: (p) => `The user ${q(p.s('user'))} exists on the servers ${list(p.list('servers'))}; a user can have only one home server.`,
    MAP_SIPURI_DUPLICATE: (p) => `The SIP address ${q(p.s('sipUri'))} belongs to two users (${list([p.s('user'), p.s('other')])}).`,
    MAP_MAPPING_UNKNOWN_SERVER: (p) => `The home-server list puts the user ${q(p.s('user'))} on server ${q(p.s('server'))}, which the project does not define.`,
    MAP_MAPPING_MEDIASERVER: (p) => `The home-server list puts the user ${q(p.s('user'))} on the UC MediaServer ${q(p.s('server'))}; users need a UCServer.`,
    MAP_MAPPING_UNKNOWN_USER: (p) =>
      p.opt('user') === undefined
        ? `The home-server list names more users whom no export holds; those rows are not used.`
        : `The home-server list names the user ${q(p.s('user'))}, whom no export holds.`,
    MAP_HOME_LINES_SPLIT: (p) => `The ${p.opt('kind') === 'computer' ? 'computer' : 'user'} ${q(p.s('name'))} has lines on two different servers (${list(p.list('servers'))}).`,
    MAP_HOME_LINE_MISMATCH: (p) => `The user ${q(p.s('user'))} is to go to server ${q(p.s('target'))}, but the user's line is managed by server ${q(p.s('lineServer'))}.`,
    MAP_HOME_REQUEST_IGNORED: (p) => `The ${p.opt('kind') === 'computer' ? 'computer' : 'user'} ${q(p.s('name'))} asks for the home server ${q(p.s('target'))}, which is not part of the new environment; the next rule decides.`,
    MAP_HOME_UNPLACED: (p) => {
      const n = p.n('count');
      const what = p.opt('kind') === 'computer' ? nn(n, 'One computer', '# computers') : nn(n, 'One user', '# users');
      return `${what} ${ofServer(p)} ${n === 1 ? 'has' : 'have'} no home server in the new environment yet.`;
    },
    MAP_SERVER_OVER_CAPACITY: (p) => `Server ${q(p.s('target'))} gets ${num(p.n('count'))} users, more than the ${num(p.n('max'))} it is meant to take.`,
    MAP_SERVER_NO_USERS: (p) => `The new server ${q(p.s('server'))} gets no users; it would be set up for nothing.`,
    MAP_GROUP_MERGED: (p) => `The user group ${q(p.s('group'))} exists on the servers ${list(p.list('servers'))}; the groups are merged.`,
    MAP_GROUP_MEMBER_UNKNOWN: (p) => `The user group ${q(p.s('group'))} names the member ${q(p.s('user'))}, who is not migrated; the entry is dropped.`,
    MAP_COMPUTER_DUPLICATE: (p) => `The computer ${q(p.s('computer'))} exists on the servers ${list(p.list('servers'))}.`,
    MAP_CLIENT_CONTENT_ORPHAN: (p) => `There are client settings of the user ${q(p.s('user'))}, who is not migrated; they are dropped.`,
    MAP_LICENSE_DUPLICATE: (p) => `The same licence (${p.s('license')}) is installed on the servers ${list(p.list('servers'))}; DataCenter counts it once.`,
    MAP_NO_USER_LICENSE: () => 'No export holds a user licence; without one the clients cannot sign in.',
    MAP_USER_LICENSES_SHORT: (p) => `There ${p.n('count') === 1 ? 'is' : 'are'} ${nn(p.n('count'), 'one user licence', '# user licences')} for ${nn(p.n('users'), 'one active user', '# active users')}: please order the missing licences before the migration.`,
    MAP_SERVER_LICENSES_SHORT: (p) =>
      `There ${p.n('count') === 1 ? 'is' : 'are'} ${nn(p.n('count'), 'one server licence', '# server licences')} for ${nn(p.n('servers'), 'one server', '# servers')}; ${nn(p.n('missing'), 'one is', '# are')} missing. Every server, a separate UC MediaServer too, needs one: please order the missing licences before the migration.`,
    MAP_TEXT_TOO_LONG: (p) => `A value (${p.s('column')} of ${p.s('key')}) has ${num(p.n('length'))} characters, more than DataCenter can store (${num(p.n('max'))}).`,

    // Plan
    PLAN_ORIGIN_CONFLICT: (p) => `An entry (${p.s('row')}) belongs to an earlier migration of server ${q(p.s('wave'))} and is not changed.`,
    PLAN_DUPLICATE_KEY: (p) => `An entry (${p.s('row')}) would go into the database twice; the second is skipped.`,
    PLAN_PRUNE_SKIPPED: (p) => `${nn(p.n('count'), 'One entry', '# entries')} (${p.s('table')}) ${p.n('count') === 1 ? 'is' : 'are'} no longer in the exports and ${p.n('count') === 1 ? 'stays' : 'stay'} in DataCenter.`,
    PLAN_FILE_UNREADABLE: (p) => `The plan file ${q(p.s('file'))} cannot be read.`,
    PLAN_FILE_INVALID: (p) => `The file ${q(p.s('file'))} is not a valid migration plan.`,
    PLAN_FILE_VERSION: (p) => `The plan file ${q(p.s('file'))} comes from a version of the tool this one cannot read.`,
    PLAN_FILE_TAMPERED: (p) => `The plan file ${q(p.s('file'))} was changed after it was made.`,
    PLAN_FILE_REFUSED: (p) => `The plan ${q(p.s('file'))} still holds errors and cannot be signed off.`,
    PLAN_STALE_TARGET: () => 'The DataCenter database changed since the plan was made.',
    PLAN_SOURCES_CHANGED: (p) => `The export ${ofServer(p)} changed since the plan was made.`,
    PLAN_PROJECT_CHANGED: () => 'The project file changed since the plan was made.',
    PLAN_DIFFERS: () => 'The plan gives different changes today than when it was made.',
    PLAN_ADMIN_EDIT_CONFLICT: (p) => `The value ${q(p.s('column'))} of ${p.s('row')} was changed since the last migration both in DataCenter and on the old servers; it is to be decided which one holds.`,
    PLAN_NO_BASE: (p) => `${nn(p.n('count'), 'One entry', '# entries')} (${p.s('table')}) ${p.n('count') === 1 ? 'was' : 'were'} not written by this tool; changes made in DataCenter cannot be recognised there.`,
    PLAN_DECISION_UNUSED: (p) => `A decision of the project file (${p.s('path')}) no longer concerns anything.`,
    PLAN_PARENT_DELETED: (p) => `${p.s('row')} is not created because ${p.s('parent')} was deleted in DataCenter and stays deleted.`,
    PLAN_UNDO_ROW_CHANGED: (p) => `${p.s('row')} was changed again after the migration; undoing it would overwrite that change.`,
    PLAN_UNDO_FORCED: (p) => `${p.s('row')} was changed again after the migration and is reset anyway.`,
    PLAN_UNDO_SECRET_NOT_RESTORED: (p) => `A secret value (${p.s('row')}) cannot be reset and stays as it is.`,

    // Database
    DB_URL_INVALID: () => 'The database connection details cannot be read.',
    DB_PASSWORD_MISSING: () => 'The database password is not provided.',
    DB_AUTH_UNSUPPORTED: () => 'The chosen way of signing in to the database is not possible on this computer.',
    DB_CONNECT_FAILED: () => 'The database server cannot be reached.',
    DB_LOGIN_FAILED: () => 'The database server refused the sign-in.',
    DB_QUERY_FAILED: () => 'A query to the database failed.',
    DB_SCHEMA_NEWER: () => 'The database was set up by a newer version of the tool.',
    DB_COLLATION_MISSING: (p) => `The database server does not offer the sort order ${q(p.s('collation'))}.`,
    DB_LOCKED: () => 'Another migration is writing to this database right now.',
    DB_LOCK_FAILED: () => 'The database could not be reserved for the migration.',
    DB_PLAN_STALE: () => 'The DataCenter database changed since the plan was made.',
    DB_SECRET_UNAVAILABLE: () => 'A secret value is not available to write.',
    DB_APPLY_FAILED: () => 'Applying failed; the database is unchanged.',
    DB_OUTCOME_UNKNOWN: () => 'The connection to the database broke while finishing; whether the migration was applied completely or not at all, the next run shows.',
    DB_RUN_NOT_FOUND: (p) => `The database knows no migration ${q(p.s('runId'))}.`,
    DB_RUN_NOT_UNDOABLE: (p) => `The migration ${q(p.s('runId'))} cannot be undone.`,
  },
};

/** `server A: “90”; server B: “30”` (secret values are already masked as `(sensitive)`). */
function conflict(p: P): string {
  const sources = p.list('sources');
  const values = p.list('values');
  return sources.map((s, i) => `${s}: ${q(values[i] ?? '')}`).join('; ');
}
