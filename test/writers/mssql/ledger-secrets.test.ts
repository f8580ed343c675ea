/**
 * The ledger rows the writer records (dc.MigrationChange) hold no secret value: every path that
 * builds RowKey, Before, After or Base, without a database.
 */
import { describe, expect, it } from 'vitest';
import type { TableName } from '../../../src/model/datacenter.js';
import type { RowChange } from '../../../src/model/plan.js';
import { LicenseKey, Sensitive } from '../../../src/model/sensitive.js';
import { ledgerEntries } from '../../../src/writers/mssql/ledger.js';
import { ledgerHasher } from '../../../src/plan/ledger-form.js';

const hash = ledgerHasher('ab'.repeat(32));
const setting = { Scope: 'global', ServerName: '', Key: 'ldap.bindPassword', ObjectName: '' };
type Row = Record<string, unknown>;

function recorded(changes: RowChange[], before: Partial<Record<TableName, Map<string, Row>>> = {}): string {
  const entries = ledgerEntries({ changes }, new Map(Object.entries(before)) as Map<TableName, Map<string, Row>>, hash);
  return JSON.stringify(entries);
}

describe('ledger entries hold keyed hashes, never secrets', () => {
  it.each<{ name: string; secret: string; changes: RowChange[] }>([
    {
      name: 'a secret setting created',
      secret: 'S3cret-created',
      changes: [{ table: 'Setting', key: setting, action: 'create', after: { ...setting, Type: 'secret', Value: new Sensitive('S3cret-created'), Origin: 'a' } }],
    },
    {
      name: 'a secret setting rotated (old value in Before)',
      secret: 'S3cret-old',
      changes: [{ table: 'Setting', key: setting, action: 'update', changes: { Value: { from: new Sensitive('S3cret-old'), to: new Sensitive('S3cret-new') } } }],
    },
    {
      name: 'a licence key (the row key) deleted',
      secret: 'ABCD-EFGH-IJKL-0001',
      changes: [{ table: 'License', key: { LicenseKey: new LicenseKey('ABCD-EFGH-IJKL-0001') }, action: 'delete', before: { LicenseKey: new LicenseKey('ABCD-EFGH-IJKL-0001'), Kind: 'user', Count: 5, Origin: 'a' } }],
    },
  ])('$name', ({ secret, changes }) => {
    const text = recorded(changes);
    expect(text).toContain('hmac:');
    expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
  });

  it('a secret setting whose Type an admin wrote as `Secret` is deleted: Before holds the hash', () => {
    const text = recorded([
      { table: 'Setting', key: setting, action: 'delete', before: { ...setting, Type: 'Secret', Value: 'S3cret-by-hand', Origin: 'a' } },
    ]);
    expect(text).not.toContain('S3cret-by-hand');
    expect(text).toContain('hmac:');
  });

  it('a text setting that becomes secret: Before holds the hash of the text read before writing', () => {
    const id = ['global', '', 'ldap.bindpassword', ''].join('\u0000');
    const old: Row = { ...setting, Type: 'text', Value: 'S3cret-same', Origin: 'a' };
    const changes: RowChange[] = [{ table: 'Setting', key: setting, action: 'update', changes: { Type: { from: 'text', to: 'secret' } } }];
    const [entry] = ledgerEntries({ changes }, new Map([['Setting' as TableName, new Map([[id, old]])]]), hash);
    expect(entry?.after?.['Value']).toBe(hash('S3cret-same'));
    expect(entry?.before?.['Value']).toBe(hash('S3cret-same'));
    expect(entry?.before?.['Type']).toBe('text');
  });

  it('a text setting that becomes a different secret: Before keeps the earlier text (not a secret, restorable)', () => {
    const id = ['global', '', 'ldap.bindpassword', ''].join('\u0000');
    const old: Row = { ...setting, Type: 'text', Value: 'plain-before', Origin: 'a' };
    const changes: RowChange[] = [
      { table: 'Setting', key: setting, action: 'update', changes: { Type: { from: 'text', to: 'secret' }, Value: { from: 'plain-before', to: new Sensitive('S3cret-new') } } },
    ];
    const [entry] = ledgerEntries({ changes }, new Map([['Setting' as TableName, new Map([[id, old]])]]), hash);
    expect(entry?.before?.['Value']).toBe('plain-before');
    expect(JSON.stringify(entry)).not.toContain('S3cret-new');
  });
});
