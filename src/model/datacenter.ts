/**
 * The ProCall DataCenter multi-server database as data (contract: shared/spec/datacenter-db.md).
 * The mappers produce a DataCenterModel (desired state); the writers read one back from SQL
 * Server (actual state); the planner diffs two of them. Column names are the contract's.
 */
import type { LicenseKey, Sensitive } from './sensitive.js';

/** Origin value for rows the migration project itself set (not copied from a source export). */
export const PROJECT_ORIGIN = 'project';

export type ServerRole = 'ucserver' | 'mediaserver';
export type UserStore = 'mssql' | 'ad';
export type SettingScopeDb = 'global' | 'server' | 'group';
export type SettingTypeDb = 'text' | 'int' | 'bool' | 'list' | 'secret';

export interface EnvironmentRow {
  Id: 1;
  Name: string;
  UserStore: UserStore;
  Origin: string;
}

export interface ServerRow {
  Name: string;
  Fqdn: string;
  Role: ServerRole;
  Site: string | null;
  /** null = no limit. */
  MaxUsers: number | null;
  Origin: string;
}

export interface SettingRow {
  Scope: SettingScopeDb;
  /** `''` unless Scope is `server`. */
  ServerName: string;
  Key: string;
  /** `''`, or the group name for scope `group`. */
  ObjectName: string;
  Type: SettingTypeDb;
  /** Sensitive exactly when Type is `secret`. */
  Value: string | Sensitive;
  Origin: string;
}

export interface LocationRow {
  Name: string;
  CountryCode: string;
  CityCode: string;
  LocalNumber: string;
  ExtFrom: string;
  ExtTo: string;
  Origin: string;
}

export interface LocationRuleRow {
  LocationName: string;
  /** 1-based order of the rule in its location. */
  Position: number;
  Search: string;
  Replace: string;
  MatchReplace: boolean;
  Origin: string;
}

export interface LineGroupRow {
  Name: string;
  Kind: 'TAPI' | 'ECSTA' | 'SIP';
  LocationName: string;
  ManagementServer: string;
  CreateLinesAutomatically: boolean;
  JournalAllLines: boolean;
  Origin: string;
}

export interface LineRow {
  Uri: string;
  PhoneNumber: string;
  InternalNumber: string;
  Name: string;
  LineGroupName: string;
  ManagementServer: string;
  Trunk: boolean;
  Journal: boolean;
  Private: boolean;
  LocationName: string;
  Origin: string;
}

export interface UserAccountRow {
  UserName: string;
  SipUri: string;
  FirstName: string;
  LastName: string;
  DisplayName: string;
  Email: string;
  Profile: string;
  Enabled: boolean;
  PhoneNumber: string;
  PhoneSecondary: string;
  HomeServer: string;
  /** null in `ad` mode. */
  Credential: Sensitive | null;
  SamAccountName: string;
  DnPath: string;
  ObjectGuid: string;
  Origin: string;
}

export interface UserMonitorLineRow {
  UserName: string;
  PhoneNumber: string;
  Origin: string;
}

export interface UserGroupRow {
  Name: string;
  SipUri: string;
  LeaderUserName: string;
  CoLeaderUserName: string;
  SettingsActive: boolean;
  EveryoneSeesEveryone: boolean;
  Enabled: boolean;
  Origin: string;
}

export interface UserGroupMemberRow {
  GroupName: string;
  UserName: string;
  Origin: string;
}

export interface ComputerRow {
  Name: string;
  PhoneNumber: string;
  PhoneSecondary: string;
  HomeServer: string;
  Enabled: boolean;
  Origin: string;
}

export interface LicenseRow {
  LicenseKey: LicenseKey;
  Kind: 'user' | 'server';
  Count: number;
  Origin: string;
}

export interface ClientContentRow {
  UserName: string;
  /** The user's home server. */
  ServerName: string;
  /** The XML, whole. */
  Content: string;
  Revision: number;
  Origin: string;
}

/** One array of rows per contract table (without the `dc.` prefix). */
export interface DataCenterModel {
  Environment: EnvironmentRow[];
  Server: ServerRow[];
  Setting: SettingRow[];
  Location: LocationRow[];
  LocationRule: LocationRuleRow[];
  LineGroup: LineGroupRow[];
  Line: LineRow[];
  UserAccount: UserAccountRow[];
  UserMonitorLine: UserMonitorLineRow[];
  UserGroup: UserGroupRow[];
  UserGroupMember: UserGroupMemberRow[];
  Computer: ComputerRow[];
  License: LicenseRow[];
  ClientContent: ClientContentRow[];
}

export type TableName = keyof DataCenterModel;
export type RowOf<T extends TableName> = DataCenterModel[T][number];

export function emptyModel(): DataCenterModel {
  return {
    Environment: [],
    Server: [],
    Setting: [],
    Location: [],
    LocationRule: [],
    LineGroup: [],
    Line: [],
    UserAccount: [],
    UserMonitorLine: [],
    UserGroup: [],
    UserGroupMember: [],
    Computer: [],
    License: [],
    ClientContent: [],
  };
}
