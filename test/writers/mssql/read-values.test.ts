import { describe, expect, it } from 'vitest';
import { tableDef } from '../../../src/model/dc-schema.js';
import { LicenseKey, Sensitive } from '../../../src/model/sensitive.js';
import type { RowChange } from '../../../src/model/plan.js';
import { scrubSecrets } from '../../../src/writers/mssql/apply.js';
import { rowFromDb, selectTableSql } from '../../../src/writers/mssql/read.js';

describe('reading rows back into the model', () => {
  it('converts bit, bigint, credentials and secret settings', () => {
    const cc = rowFromDb(tableDef('ClientContent'), { UserName: 'a', ServerName: 's', Content: '<x/>', Revision: '9007199254740', Origin: 'o' });
    expect(cc['Revision']).toBe(9007199254740);
    const u = rowFromDb(tableDef('UserAccount'), { UserName: 'a', Enabled: true, Credential: 'pw', Origin: 'o' });
    expect(u['Enabled']).toBe(true);
    expect(u['Credential']).toBeInstanceOf(Sensitive);
    expect((u['Credential'] as Sensitive).reveal()).toBe('pw');
    expect(rowFromDb(tableDef('UserAccount'), { Credential: null })['Credential']).toBeNull();
    const secret = rowFromDb(tableDef('Setting'), { Type: 'secret', Value: 'x' });
    const text = rowFromDb(tableDef('Setting'), { Type: 'text', Value: 'x' });
    expect(secret['Value']).toBeInstanceOf(Sensitive);
    expect(text['Value']).toBe('x');
    // The database compares Type case-insensitively: an admin's `Secret` hides its value too.
    expect(rowFromDb(tableDef('Setting'), { Type: 'Secret', Value: 'x' })['Value']).toBeInstanceOf(Sensitive);
    expect(rowFromDb(tableDef('Setting'), { Type: ' SECRET', Value: 'x' })['Value']).toBeInstanceOf(Sensitive);
    expect(rowFromDb(tableDef('License'), { LicenseKey: 'ABCD-0001', Count: 5 })['LicenseKey']).toBeInstanceOf(LicenseKey);
  });

  it('selects catalog columns only (not CreatedAt), in key order', () => {
    expect(selectTableSql(tableDef('Environment'))).toBe('SELECT [Id], [Name], [UserStore], [Origin] FROM [dc].[Environment] ORDER BY [Id];');
  });
});

describe('error messages of a failed apply', () => {
  it('mask licence keys and secrets a server message quotes', () => {
    const change: RowChange = {
      table: 'License',
      key: { LicenseKey: new LicenseKey('ABCD-EFGH-0001') },
      action: 'create',
      after: { LicenseKey: new LicenseKey('ABCD-EFGH-0001'), Kind: 'user', Count: 1, Origin: 'x' },
    };
    const message = "Violation of PRIMARY KEY constraint 'PK_License'. The duplicate key value is (ABCD-EFGH-0001).";
    expect(scrubSecrets(message, [change])).toBe("Violation of PRIMARY KEY constraint 'PK_License'. The duplicate key value is (…0001).");
  });
});

describe('scrubbing is case-insensitive and literal', () => {
  it('masks a key quoted in another case and treats regex characters literally', () => {
    const lk = new LicenseKey('AB.C*-(0001)');
    const change: RowChange = { table: 'License', key: { LicenseKey: lk }, action: 'create', after: { LicenseKey: lk } };
    expect(scrubSecrets('dup (ab.c*-(0001)) and ABxC', [change])).toBe('dup (…001)) and ABxC');
  });
});

describe('truncation errors', () => {
  it('drop the quoted (truncated, so unmatched) value when the step holds a licence key or secret', () => {
    const lk = new LicenseKey(`KEY-${'x'.repeat(200)}-0001`);
    const change: RowChange = { table: 'License', key: { LicenseKey: lk }, action: 'create', after: { LicenseKey: lk } };
    const message = `String or binary data would be truncated in table 'pm.dc.License', column 'LicenseKey'. Truncated value: '${lk.reveal().slice(0, 128)}'.`;
    expect(scrubSecrets(message, [change])).toBe(
      "String or binary data would be truncated in table 'pm.dc.License', column 'LicenseKey'. Truncated value: (not shown).",
    );
  });

  it('keep it when the step holds no secret (it helps to find the row)', () => {
    const change: RowChange = { table: 'Server', key: { Name: 'a' }, action: 'create', after: { Name: 'a' } };
    const message = "String or binary data would be truncated in table 'pm.dc.Server', column 'Site'. Truncated value: 'Berl'.";
    expect(scrubSecrets(message, [change])).toBe(message);
  });
});
