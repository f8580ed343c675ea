/**
 * Every diagnostic code of the import, project, mapping and plan stages either has a rule of its
 * own in the decide registry (src/project/decide.ts) or is listed here with why not
 * (docs/decide.md, "Codes without a rule of their own"); test/project/decide-coverage.test.ts
 * holds the two lists against every codes table, so a new code is classified when it is added.
 */

export type NoRuleKind =
  /** Its stage attaches the options itself (it knows them best). */
  | 'stage'
  /** Never an error: the `accept:` fallback (with a reason to write) settles it. */
  | 'warning'
  /** Only a note: nothing to decide. */
  | 'note'
  /** An import error of one export: the export is broken; the fallback leaves that export out of `sources:` (with two or more), the real fix is a new export. */
  | 'export'
  /** The project file cannot be read as a whole: there is no value to address; the finding names file, line and what to fix. */
  | 'file'
  /** Settled outside the project file: an environment variable, a command's option, the saved plan. */
  | 'outside';

export const NO_DECIDE_RULE: Readonly<Record<string, { kind: NoRuleKind; why: string }>> = {
  // The stage sets the options.
  MAP_LOCATION_CONFLICT: { kind: 'stage', why: 'locations: { X: { from: SOURCE } } per definition, set by the mapper' },
  PROJECT_EXCLUDE_UNKNOWN: { kind: 'stage', why: 'the did-you-mean value, or the entry removed, set by exclude.ts' },
  PLAN_ADMIN_EDIT_CONFLICT: { kind: 'stage', why: 'a decisions: entry keeping DataCenter’s or the sources’ value, set by the planner' },

  // Import errors of one export: nothing in the project can mend a broken file.
  IMPORT_NOT_AN_EXPORT: { kind: 'export', why: 'not an export at all: give the right path, or leave it out of sources:' },
  IMPORT_ZIP_UNREADABLE: { kind: 'export', why: 'a corrupt ZIP: get a new export; meanwhile leave it out of sources:' },
  IMPORT_ENTRY_PATH_ESCAPES: { kind: 'export', why: 'a hostile or broken archive: get a new export' },
  IMPORT_DUPLICATE_ENTRY: { kind: 'export', why: 'a broken archive: get a new export' },
  IMPORT_FILE_TOO_LARGE: { kind: 'export', why: 'beyond what the importer reads: get the export without the oversized file' },
  IMPORT_EXPORT_TOO_LARGE: { kind: 'export', why: 'beyond what the importer reads: split the export' },
  IMPORT_NOT_A_REGULAR_FILE: { kind: 'export', why: 'a FIFO or device in the export folder: copy the export as plain files' },
  IMPORT_REQUIRED_FILE_MISSING: { kind: 'export', why: 'an incomplete export: get a complete one' },
  IMPORT_FILE_ENCODING: { kind: 'export', why: 'a file that cannot be decoded: get a new export' },
  IMPORT_XML_MALFORMED: { kind: 'export', why: 'a file that is no XML: get a new export' },
  IMPORT_UNKNOWN_ROOT_ELEMENT: { kind: 'export', why: 'a file of another format under a contract name: get a new export' },
  IMPORT_WRONG_VALUE_TYPE: { kind: 'export', why: 'a value of the wrong type; a setting’s is decided by settings: (the finding becomes a note), anything else needs a new export' },
  IMPORT_MISSING_VALUE: { kind: 'export', why: 'an element without its key (user name, setting key): nothing to address it by' },
  IMPORT_DUPLICATE_USER_NAME: { kind: 'export', why: 'two users with one name in one export: neither can be addressed alone (exclude: and overrides: address by name)' },
  IMPORT_DUPLICATE_SIP_URI: { kind: 'export', why: 'two users or groups with one SIP URI in one export: the export is inconsistent (across sources it is MAP_SIPURI_DUPLICATE, with its options)' },
  IMPORT_DUPLICATE_GROUP_NAME: { kind: 'export', why: 'two groups with one name in one export: neither can be addressed alone' },
  IMPORT_DUPLICATE_COMPUTER_NAME: { kind: 'export', why: 'two computers with one name in one export: neither can be addressed alone' },
  IMPORT_DUPLICATE_SETTING: { kind: 'export', why: 'one setting key twice in one export: write the value under settings:, which decides it for the run' },
  IMPORT_DUPLICATE_LICENSE_KEY: { kind: 'export', why: 'a licence key is a secret: never written in the project file' },
  IMPORT_DUPLICATE_LOCATION: { kind: 'export', why: 'two locations with one name in one export: neither can be addressed alone' },
  IMPORT_DUPLICATE_LINE_GROUP: { kind: 'export', why: 'two line groups with one name in one export: neither can be addressed alone' },
  IMPORT_DUPLICATE_LINE_URI: { kind: 'export', why: 'two lines with one URI in one export: neither can be addressed alone' },
  IMPORT_DUPLICATE_LINE_NUMBER: { kind: 'export', why: 'two lines with one number in one export: the numbers were normalised while importing' },
  IMPORT_UNKNOWN_LOCATION: { kind: 'export', why: 'a line group names a location the export does not define: the export is inconsistent' },

  // Warnings and notes.
  IMPORT_NESTED_EXPORT: { kind: 'warning', why: 'accept:, or give the nested export as a source of its own' },
  IMPORT_INPUT_HOLDS_EXPORTS: { kind: 'note', why: 'inspect and init read each export held' },
  IMPORT_UNKNOWN_ELEMENT: { kind: 'warning', why: 'accept: (it is not migrated)' },
  IMPORT_UNKNOWN_ATTRIBUTE: { kind: 'note', why: 'not migrated, listed' },
  IMPORT_SIP_URI_NOT_LOWERCASE: { kind: 'warning', why: 'accept: (imported in lowercase)' },
  IMPORT_INVISIBLE_CHARACTER: { kind: 'warning', why: 'accept:, or an overrides: entry with the clean value' },
  PROJECT_INVISIBLE_CHARACTER: { kind: 'warning', why: 'accept:, or the character removed from the project file' },
  IMPORT_UNKNOWN_USER: { kind: 'warning', why: 'accept: (the reference is dropped)' },
  IMPORT_CLIENT_CONTENT_UNKNOWN_USER: { kind: 'warning', why: 'accept: (not imported)' },
  IMPORT_UNKNOWN_LINE: { kind: 'warning', why: 'accept: (the monitored line is dropped)' },
  IMPORT_PHONE_NUMBER_NOT_NORMALISED: { kind: 'warning', why: 'accept:, or an overrides: entry with the +… number' },
  IMPORT_LOCATION_RULE_INVALID: { kind: 'warning', why: 'accept:, or an overrides: entry for the rule' },
  IMPORT_LOCATION_RULE_UNSUPPORTED: { kind: 'warning', why: 'accept:, or an overrides: entry for the rule' },
  IMPORT_USER_MANAGEMENT_MISSING: { kind: 'warning', why: 'accept: (userStore decides where users go)' },
  IMPORT_SECRET_NOT_MARKED: { kind: 'warning', why: 'accept: (imported as a secret)' },
  IMPORT_SETTING_UNCLASSIFIED: { kind: 'warning', why: 'accept: (carried as a local setting)' },
  IMPORT_NOT_MIGRATED: { kind: 'note', why: 'listed in the report' },
  PROJECT_ACCEPT_ERROR: { kind: 'note', why: 'the error keeps its own options' },
  PROJECT_OVERRIDE_APPLIED: { kind: 'note', why: 'the project decided it' },
  PROJECT_EXCLUDED: { kind: 'note', why: 'the project decided it' },
  MAP_SOURCE_NOT_REPLACED: { kind: 'warning', why: 'accept:, or name the source in a server’s replaces:' },
  MAP_CREDENTIAL_MISSING: { kind: 'warning', why: 'accept: (the users get a new password)' },
  MAP_DATABASE_FILE_ACCESS: { kind: 'warning', why: 'accept:, or set database.filePath under settings:' },
  MAP_SETTING_UNCLASSIFIED: { kind: 'warning', why: 'accept: (carried as a local setting)' },
  MAP_PROJECT_SETTING_SPELLING: { kind: 'note', why: 'written in the known spelling' },
  MAP_MONITOR_EVERYONE: { kind: 'note', why: 'monitor.everyoneSeesEveryone decides it' },
  MAP_MONITOR_GROUP_LIMIT: { kind: 'warning', why: 'accept:, or raise monitor.groupLimit' },
  MAP_LOG_RETENTION_LARGE: { kind: 'warning', why: 'accept:, or set the retention under settings:' },
  MAP_FULL_MEMORY_DUMPS: { kind: 'note', why: 'DataCenter’s default' },
  MAP_LOCATION_RULE_NO_LINE: { kind: 'warning', why: 'an overrides: entry correcting the rule, or per user, set by the mapper; accept: last' },
  MAP_USER_NUMBER_NO_LINE: { kind: 'note', why: 'the users keep their number' },
  MAP_HOME_REQUEST_IGNORED: { kind: 'warning', why: 'accept: (the other rules place the user)' },
  MAP_SERVER_NO_USERS: { kind: 'warning', why: 'accept:, or remove the server' },
  MAP_GROUP_MERGED: { kind: 'warning', why: 'accept: (members merged)' },
  MAP_GROUP_MEMBER_UNKNOWN: { kind: 'warning', why: 'accept: (the membership is dropped)' },
  MAP_CLIENT_CONTENT_ORPHAN: { kind: 'warning', why: 'accept: (not migrated)' },
  MAP_LICENSE_DUPLICATE: { kind: 'warning', why: 'accept: (counted once)' },
  MAP_USER_LICENSES_SHORT: { kind: 'warning', why: 'accept: (order more licences)' },
  MAP_SERVER_LICENSES_SHORT: { kind: 'warning', why: 'accept: (order more licences)' },
  PLAN_PRUNE_SKIPPED: { kind: 'note', why: '--prune decides it' },
  PLAN_NO_BASE: { kind: 'note', why: 'said once per table' },
  PLAN_DECISION_UNUSED: { kind: 'warning', why: 'accept:, or remove the decisions: entry' },
  PLAN_PARENT_DELETED: { kind: 'warning', why: 'accept: (the row is not created)' },
  PLAN_UNDO_FORCED: { kind: 'warning', why: 'undo --force decided it' },
  PLAN_UNDO_SECRET_NOT_RESTORED: { kind: 'warning', why: 'a hash cannot be restored' },

  // The project file as a whole.
  PROJECT_FILE_UNREADABLE: { kind: 'file', why: 'the file cannot be read: its path or permissions' },
  PROJECT_SYNTAX: { kind: 'file', why: 'no YAML: the finding names line and column to fix' },
  PROJECT_FILE_ENCODING: { kind: 'file', why: 'not UTF-8: save the file as UTF-8' },
  PROJECT_ALIAS: { kind: 'file', why: 'a broken or exploding YAML alias: write the value out' },
  PROJECT_NOT_A_PROJECT: { kind: 'file', why: 'not a project file at all: give the right file' },

  // Settled outside the project file.
  PROJECT_PASSWORD_ENV_UNSET: { kind: 'outside', why: 'set the environment variable passwordEnv names (the CLI may prompt)' },
  PROJECT_SETTING_ENV_UNSET: { kind: 'outside', why: 'set the environment variable { env: … } names before migrate or apply' },
  PLAN_ORIGIN_CONFLICT: { kind: 'outside', why: 'the row belongs to another migration wave: add that wave’s export to sources: or migrate that wave again' },
  PLAN_DUPLICATE_KEY: { kind: 'outside', why: 'two desired rows with one key: a defect of the tool (the mapper refuses duplicates as MAP_*_DUPLICATE first); report it' },
  PLAN_FILE_UNREADABLE: { kind: 'outside', why: 'the saved plan file: plan again' },
  PLAN_FILE_INVALID: { kind: 'outside', why: 'the saved plan file: plan again' },
  PLAN_FILE_VERSION: { kind: 'outside', why: 'the saved plan file: plan again with this version' },
  PLAN_FILE_TAMPERED: { kind: 'outside', why: 'the saved plan file was edited: plan again' },
  PLAN_FILE_REFUSED: { kind: 'outside', why: 'the saved plan holds errors: settle them (their own options) and plan again' },
  PLAN_STALE_TARGET: { kind: 'outside', why: 'the target changed: plan again' },
  PLAN_SOURCES_CHANGED: { kind: 'outside', why: 'an export changed: plan again' },
  PLAN_PROJECT_CHANGED: { kind: 'outside', why: 'the project file changed: plan again' },
  PLAN_DIFFERS: { kind: 'outside', why: 're-derived plan differs: plan again' },
  PLAN_UNDO_ROW_CHANGED: { kind: 'outside', why: 'undo refuses: undo the later run first, or undo --force' },
};
