/** Small DataCenter rows for planner tests: defaults for every column, override what matters. */
import {
  emptyModel,
  type DataCenterModel,
  type LicenseRow,
  type LineRow,
  type ServerRow,
  type SettingRow,
  type UserAccountRow,
  type UserGroupMemberRow,
} from '../../src/model/datacenter.js';
import { LicenseKey, Sensitive } from '../../src/model/sensitive.js';
import type { PlanOptions } from '../../src/plan/index.js';

export const server = (Name: string, over: Partial<ServerRow> = {}): ServerRow => ({
  Name,
  Fqdn: `${Name}.corp.example`,
  Role: 'ucserver',
  Site: null,
  MaxUsers: null,
  Origin: 'project',
  ...over,
});

export const user = (UserName: string, over: Partial<UserAccountRow> = {}): UserAccountRow => ({
  UserName,
  SipUri: `${UserName}@corp.example`,
  FirstName: '',
  LastName: '',
  DisplayName: UserName,
  Email: '',
  Profile: '',
  Enabled: true,
  PhoneNumber: '',
  PhoneSecondary: '',
  HomeServer: 'dc-ucs-01',
  Credential: null,
  SamAccountName: '',
  DnPath: '',
  ObjectGuid: '',
  Origin: 'ucs-ber-01',
  ...over,
});

export const setting = (Key: string, Value: string | Sensitive, over: Partial<SettingRow> = {}): SettingRow => ({
  Scope: 'global',
  ServerName: '',
  Key,
  ObjectName: '',
  Type: Value instanceof Sensitive ? 'secret' : 'text',
  Value,
  Origin: 'ucs-ber-01',
  ...over,
});

export const line = (Uri: string, over: Partial<LineRow> = {}): LineRow => ({
  Uri,
  PhoneNumber: '',
  InternalNumber: '',
  Name: Uri,
  LineGroupName: 'ECSTA Berlin',
  ManagementServer: 'dc-ucs-01',
  Trunk: false,
  Journal: false,
  Private: false,
  LocationName: 'Berlin',
  Origin: 'ucs-ber-01',
  ...over,
});

export const member = (GroupName: string, UserName: string, Origin = 'ucs-ber-01'): UserGroupMemberRow => ({
  GroupName,
  UserName,
  Origin,
});

export const license = (key: string, over: Partial<LicenseRow> = {}): LicenseRow => ({
  LicenseKey: new LicenseKey(key),
  Kind: 'user',
  Count: 100,
  Origin: 'ucs-ber-01',
  ...over,
});

export function model(parts: Partial<DataCenterModel>): DataCenterModel {
  return { ...emptyModel(), ...parts };
}

export const sha = (c: string): string => c.repeat(64).slice(0, 64);

export function options(over: Partial<Omit<PlanOptions, 'meta'>> & { meta?: Partial<PlanOptions['meta']> } = {}): PlanOptions {
  return {
    sources: over.sources ?? ['ucs-ber-01'],
    prune: over.prune ?? false,
    meta: {
      toolVersion: '0.1.0',
      project: { path: '/customers/contoso/procall-migrate.yaml', sha256: sha('a') },
      sources: [{ server: 'ucs-ber-01', path: 'exports/ucs-ber-01.zip', files: [{ path: 'config/users.xml', sha256: sha('b') }] }],
      targetFingerprint: 'empty',
      diagnostics: [],
      ...over.meta,
    },
  };
}
