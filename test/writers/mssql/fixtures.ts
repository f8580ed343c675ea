/** Small row changes and plans for the SQL writer's pure tests. */
import type { Plan, RowChange } from '../../../src/model/plan.js';
import { LicenseKey, Sensitive } from '../../../src/model/sensitive.js';

/** Values that would break SQL built by concatenation (or a script that forgot to escape). */
export const NASTY = [
  "O'Brien",
  'x]; DROP TABLE [dc].[Server];--',
  "'; DELETE FROM dc.UserAccount;--",
  'Müller-Lüdenscheidt Straße',
  'emoji 😀👍🏽',
  'line1\r\nGO\r\nline3',
  '$(PROCALL_VAR) and :r evil.sql',
  "N'already quoted'",
];

export function server(name: string, fqdn = `${name}.corp.example`): RowChange {
  return {
    table: 'Server',
    key: { Name: name },
    action: 'create',
    after: { Name: name, Fqdn: fqdn, Role: 'ucserver', Site: null, MaxUsers: null, Origin: 'project' },
  };
}

export function user(name: string, extra: Record<string, unknown> = {}): RowChange {
  return {
    table: 'UserAccount',
    key: { UserName: name },
    action: 'create',
    after: {
      UserName: name,
      SipUri: `sip:${name}@corp.example`,
      FirstName: 'First',
      LastName: 'Last',
      DisplayName: 'Display',
      Email: `${name}@corp.example`,
      Profile: 'Standard',
      Enabled: true,
      PhoneNumber: '+4930123',
      PhoneSecondary: '',
      HomeServer: 'dc-ucs-01',
      Credential: new Sensitive('s3cr3t-credential'),
      SamAccountName: '',
      DnPath: '',
      ObjectGuid: '',
      Origin: 'ucs-ber-01',
      ...extra,
    },
  };
}

export function setting(key: string, value: string | Sensitive, type = value instanceof Sensitive ? 'secret' : 'text'): RowChange {
  const k = { Scope: 'global', ServerName: '', Key: key, ObjectName: '' };
  return { table: 'Setting', key: k, action: 'create', after: { ...k, Type: type, Value: value, Origin: 'project' } };
}

export function license(key: string): RowChange {
  const lk = new LicenseKey(key);
  return { table: 'License', key: { LicenseKey: lk }, action: 'create', after: { LicenseKey: lk, Kind: 'user', Count: 25, Origin: 'ucs-ber-01' } };
}

export function plan(changes: RowChange[]): Plan {
  return {
    formatVersion: 2,
    toolVersion: '0.1.0',
    project: { path: '/projects/contoso/procall-migrate.yaml', sha256: 'a'.repeat(64) },
    sources: [{ server: 'ucs-ber-01', path: 'exports/ucs-ber-01.zip', files: [{ path: 'manifest.xml', sha256: 'b'.repeat(64) }] }],
    targetFingerprint: 'empty',
    prune: false,
    diagnostics: [],
    summary: {},
    changes,
  };
}
