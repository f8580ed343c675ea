/**
 * Every diagnostic code the import stage emits, with its one-line meaning and default severity.
 * Documented for users in docs/diagnostics.md ("Import"); a code never changes once released.
 */
import type { Severity } from '../model/index.js';

export const IMPORT_CODES = {
  IMPORT_INPUT_NOT_FOUND: ['error', 'an input path does not exist or is neither a ZIP file nor a folder'],
  IMPORT_NOT_AN_EXPORT: ['error', 'an input holds none of manifest.xml, config/ucserver.xml and users.xml (at its root or in one wrapping folder); nothing else is reported for it'],
  IMPORT_ZIP_UNREADABLE: ['error', 'the ZIP file (or one entry in it) is corrupt, truncated, encrypted or uses an unsupported compression'],
  IMPORT_ENTRY_PATH_ESCAPES: ['error', 'a ZIP entry or folder link points outside the export (`../`, absolute path, drive letter, symlink); it is not read'],
  IMPORT_DUPLICATE_ENTRY: ['error', 'two entries have the same path (names are case-insensitive, `\\` equals `/`); only the first is read'],
  IMPORT_FILE_TOO_LARGE: ['error', 'a file in the export is larger than the importer accepts (256 MB; a client-content file 16 MB or 50,000 elements); refused before it is inflated or parsed'],
  IMPORT_EXPORT_TOO_LARGE: ['error', 'one export\'s files inflate to more than 2 GB, hold more than 300,000 XML elements, or keep more than 512 MB of client content in total; the files beyond are not read'],
  IMPORT_NOT_A_REGULAR_FILE: ['error', 'an input or a file in a folder export is a FIFO, device or socket; it is not read'],
  IMPORT_NESTED_EXPORT: ['warning', 'a folder (or ZIP) inside an export holds an export of its own; it is not read as part of this one, nor listed as not migrated'],
  IMPORT_INPUT_HOLDS_EXPORTS: ['info', 'an input of `inspect`/`init` is a folder holding exports one level down; each of them is read'],
  IMPORT_REQUIRED_FILE_MISSING: ['error', 'manifest.xml, config/ucserver.xml or users.xml is missing'],
  IMPORT_FILE_ENCODING: ['error', 'a file is not valid UTF-8 or UTF-16 with a byte-order mark'],
  IMPORT_XML_MALFORMED: ['error', 'a file is not well-formed XML (or holds a DOCTYPE)'],
  IMPORT_UNKNOWN_ROOT_ELEMENT: ['error', 'a file\'s root element is not the one the format names; the file is not read'],
  IMPORT_UNKNOWN_ELEMENT: ['warning', 'an element the format does not name; it is not migrated'],
  IMPORT_UNKNOWN_ATTRIBUTE: ['info', 'an attribute the format does not name; it is not migrated'],
  IMPORT_WRONG_VALUE_TYPE: ['error', 'a value has the wrong type (bool, int, line kind, setting type, licence type, tel: URI, …)'],
  IMPORT_MISSING_VALUE: ['error', 'a required attribute (user name, server, setting key, …) is missing or empty'],
  IMPORT_DUPLICATE_USER_NAME: ['error', 'two users with the same user name (case-insensitive) in one export'],
  IMPORT_DUPLICATE_SIP_URI: ['error', 'two users or groups with the same SIP URI in one export'],
  IMPORT_SIP_URI_NOT_LOWERCASE: ['warning', 'a SIP URI has upper-case letters; it is imported in lowercase'],
  IMPORT_INVISIBLE_CHARACTER: ['warning', 'a name or value holds a bidirectional control (U+202E, …) or a zero-width character; migrated as it is, shown as ⟨U+202E⟩ in reports and plans'],
  IMPORT_DUPLICATE_GROUP_NAME: ['error', 'two groups with the same name (case-insensitive) in one export'],
  IMPORT_DUPLICATE_COMPUTER_NAME: ['error', 'two computers with the same login name (case-insensitive) in one export'],
  IMPORT_DUPLICATE_SETTING: ['error', 'one setting key appears twice in config/ucserver.xml'],
  IMPORT_DUPLICATE_LICENSE_KEY: ['error', 'one licence key appears twice (shown by its last four characters)'],
  IMPORT_DUPLICATE_LOCATION: ['error', 'two locations with the same name in config/locations.xml'],
  IMPORT_DUPLICATE_LINE_GROUP: ['error', 'two line groups with the same name in config/lines.xml'],
  IMPORT_DUPLICATE_LINE_URI: ['error', 'two lines with the same URI in one export'],
  IMPORT_DUPLICATE_LINE_NUMBER: ['error', 'two lines with the same number in one export'],
  IMPORT_UNKNOWN_USER: ['warning', 'a group member, leader or co-leader names a user no export of this run holds; the reference is dropped'],
  IMPORT_CLIENT_CONTENT_UNKNOWN_USER: ['warning', 'a `<user>_clientcontent.xml` file for a user users.xml does not hold; it is not imported'],
  IMPORT_UNKNOWN_LINE: ['warning', 'a MonitorLine names a number no line of any export of this run has; it is dropped'],
  IMPORT_UNKNOWN_LOCATION: ['error', 'a line group or line names a location no locations.xml of this run defines'],
  IMPORT_DUPLICATE_SERVER: ['error', 'two exports in one run have the same manifest `server`'],
  IMPORT_PHONE_NUMBER_NOT_NORMALISED: ['warning', 'a phone number is not `+…` and no location rule made it so; it is kept as written'],
  IMPORT_LOCATION_RULE_INVALID: ['warning', 'a location rule\'s Search is not a valid regular expression; the rule is skipped'],
  IMPORT_LOCATION_RULE_UNSUPPORTED: ['warning', 'a location rule\'s Search needs a backtracking engine (back-reference, lookaround); it is not run, the rule is skipped'],
  IMPORT_FILE_BASED_USER_MANAGEMENT: ['error', 'the export uses file-based (integrated) user management, which ProCall DataCenter refuses'],
  IMPORT_USER_MANAGEMENT_MISSING: ['warning', 'config/ucserver.xml has no `usermanager.mode` setting'],
  IMPORT_SECRET_NOT_MARKED: ['warning', 'a setting whose key names a password is typed `text`, `int` or `list`; it is imported as a `secret` and never shown'],
  IMPORT_SETTING_UNCLASSIFIED: ['warning', 'a setting key the catalog does not name; it is carried over as a local setting'],
  IMPORT_NOT_MIGRATED: ['info', 'a file the contract does not migrate (file databases, unknown files); listed in the report'],
} as const satisfies Record<string, readonly [Severity, string]>;

export type ImportCode = keyof typeof IMPORT_CODES;

/** The default severity of a code (what the table above says). */
export function severityOf(code: ImportCode): Severity {
  return IMPORT_CODES[code][0];
}
