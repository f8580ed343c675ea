/**
 * The normalised ProCall Enterprise export (contract: shared/spec/enterprise-export.md).
 * Importers produce it; mappers read it. Every entity keeps the position it came from so any
 * later diagnostic can point back at file and line.
 */
import type { Diagnostic } from './diagnostics.js';
import type { LicenseKey, Sensitive } from './sensitive.js';

/** Position of an element in a file inside one export. */
export interface Pos {
  /** Path inside the export, as written in the export (original case, `/` separators). */
  file: string;
  line: number;
  column: number;
}

export type SettingType = 'text' | 'int' | 'bool' | 'list' | 'secret';
export type UserManagement = 'integrated' | 'ad' | 'mssql';
export type LineKind = 'TAPI' | 'ECSTA' | 'SIP';
export type LicenseKind = 'user' | 'server';

export interface Manifest {
  product: string;
  version: string;
  /** The source server's name: identifies the source everywhere. */
  server: string;
  exportedAt: string;
  includesInactive: boolean;
  pos: Pos;
}

export interface Setting {
  key: string;
  type: SettingType;
  /**
   * The value as text, in the file's form (bool normalised to `0`/`1`, list kept `;`-separated).
   * A `secret` is wrapped so it cannot be printed.
   */
  value: string | Sensitive;
  pos: Pos;
}

export interface License {
  key: LicenseKey;
  kind: LicenseKind;
  count: number;
  pos: Pos;
}

export interface LocationRule {
  search: string;
  replace: string;
  matchReplace: boolean;
  pos: Pos;
}

/**
 * A number a location rule rewrote (issue 18): what it was, the rule that rewrote it, so a result
 * matching no line can be named and `plan --explain` shows the rule.
 */
export interface NumberRewrite {
  /** Which number of its owner: `phoneNumber`, `phoneSecondary` or `monitor` (a monitored line). */
  field: 'phoneNumber' | 'phoneSecondary' | 'monitor';
  from: string;
  to: string;
  location: string;
  /** 1-based position of the rule in its location (`Munich#1` in overrides:). */
  ruleIndex: number;
  search: string;
  replace: string;
  pos: Pos;
}

export interface Location {
  name: string;
  countryCode: string;
  cityCode: string;
  localNumber: string;
  extFrom: string;
  extTo: string;
  rules: LocationRule[];
  pos: Pos;
}

export interface Line {
  uri: string;
  /** The number: the part of the URI after `tel:` (supercanonical, `+49…`). */
  phoneNumber: string;
  internalNumber: string;
  name: string;
  trunk: boolean;
  journal: boolean;
  private: boolean;
  location: string;
  /** Name of the line group that holds it. */
  lineGroup: string;
  pos: Pos;
}

export interface LineGroup {
  name: string;
  kind: LineKind;
  location: string;
  createLinesAutomatically: boolean;
  journalAllLines: boolean;
  lines: Line[];
  pos: Pos;
}

export interface MonitorLine {
  phoneNumber: string;
  pos: Pos;
}

export interface User {
  enabled: boolean;
  /** The key (case-insensitive). */
  userName: string;
  sipUri: string;
  firstName: string;
  lastName: string;
  displayName: string;
  email: string;
  profile: string;
  /** Supercanonical where the export had it so or the location rules made it so; else as written. */
  phoneNumber: string;
  phoneSecondary: string;
  /** Opaque credential (hash); empty exports give undefined. Never shown. */
  password: Sensitive | undefined;
  dnPath: string;
  samAccountName: string;
  objectGuid: string;
  /** A request the project may honour; empty in Enterprise exports. */
  homeServer: string;
  monitorLines: MonitorLine[];
  /** Numbers a location rule rewrote (absent: none). */
  rewrites?: NumberRewrite[];
  pos: Pos;
}

export interface GroupMember {
  userName: string;
  pos: Pos;
}

export interface Group {
  enabled: boolean;
  name: string;
  sipUri: string;
  leader: string;
  coLeader: string;
  settingsActive: boolean;
  everyoneSeesEveryone: boolean;
  members: GroupMember[];
  pos: Pos;
}

export interface Computer {
  enabled: boolean;
  /** `u8sComputerLogin`, the key. */
  name: string;
  phoneNumber: string;
  phoneSecondary: string;
  /** Numbers a location rule rewrote (absent: none). */
  rewrites?: NumberRewrite[];
  pos: Pos;
}

export interface ClientContent {
  /** The user it belongs to (from the file name `<userName>_clientcontent.xml`). */
  userName: string;
  /** `u8sRevision`, 0 when absent. */
  revision: number;
  /** The XML, whole, as text (decoded, BOM removed). */
  content: string;
  pos: Pos;
}

export interface ExportFile {
  /** Path inside the export. */
  path: string;
  /** sha256 hex of the raw bytes. */
  sha256: string;
  size: number;
}

export interface EnterpriseExport {
  /** The manifest's `server`: the source's identity. */
  source: string;
  /** Where it was read from (ZIP file or folder path, as given). */
  inputPath: string;
  inputKind: 'zip' | 'folder';
  manifest: Manifest;
  /** From `usermanager.mode` (0 integrated, 1 ad, 2 mssql); undefined when the setting is absent. */
  userManagement: UserManagement | undefined;
  settings: Setting[];
  licenses: License[];
  locations: Location[];
  lineGroups: LineGroup[];
  users: User[];
  groups: Group[];
  computers: Computer[];
  clientContent: ClientContent[];
  /** `config/ClientUpdate.xml`, kept whole. */
  clientUpdate: { content: string; pos: Pos } | undefined;
  /** `database/*.db`: file databases that are not migrated, listed in the report. */
  databaseFiles: string[];
  /** Every path that is not migrated (database files and anything the contract does not name). */
  notMigrated: string[];
  /** Every file read, with its digest (the plan carries source digests). */
  files: ExportFile[];
}

export interface ImportResult {
  /** The exports that could be read far enough to have a manifest (may still carry errors). */
  exports: EnterpriseExport[];
  diagnostics: Diagnostic[];
}

/** Progress callback passed down from the CLI; no-op by default. */
export type ProgressFn = (event: { stage: string; message: string; done?: number; total?: number }) => void;
export const noProgress: ProgressFn = () => {};
