import { describe, expect, it } from 'vitest';
import { TABLES, tableDef } from '../../../src/model/dc-schema.js';
import { MigrateError } from '../../../src/model/errors.js';
import type { RowChange } from '../../../src/model/plan.js';
import { Sensitive } from '../../../src/model/sensitive.js';
import {
  changeToSql,
  countStatements,
  executionSteps,
  stagedDeleteSql,
  stagedUpdateSql,
  updateStageColumns,
  updateStageRow,
  bulkCreateColumns,
  bulkCreateRow,
  stepChanges,
} from '../../../src/writers/mssql/statements.js';
import { NASTY, license, plan, server, setting, user } from './fixtures.js';

describe('changeToSql', () => {
  it('creates a row with INSERT … WHERE NOT EXISTS and every value as a parameter', () => {
    const s = changeToSql(server('dc-ucs-01'));
    expect(s.sql).toMatchInlineSnapshot(`
      "INSERT INTO [dc].[Server] ([Name], [Fqdn], [Role], [Site], [MaxUsers], [Origin])
      SELECT @Name, @Fqdn, @Role, @Site, @MaxUsers, @Origin
      WHERE NOT EXISTS (SELECT 1 FROM [dc].[Server] WHERE [Name] = @Name);"
    `);
    expect(s.params).toEqual({
      Name: { type: 'nvarchar(4000)', value: 'dc-ucs-01' },
      Fqdn: { type: 'nvarchar(4000)', value: 'dc-ucs-01.corp.example' },
      Role: { type: 'nvarchar(4000)', value: 'ucserver' },
      Site: { type: 'nvarchar(4000)', value: null },
      MaxUsers: { type: 'int', value: null },
      Origin: { type: 'nvarchar(4000)', value: 'project' },
    });
  });

  it('updates only the changed columns, keyed by the row key', () => {
    const change: RowChange = {
      table: 'UserAccount',
      key: { UserName: 'alice' },
      action: 'update',
      changes: { HomeServer: { from: 'dc-ucs-01', to: 'dc-ucs-02' }, Enabled: { from: true, to: false } },
    };
    const s = changeToSql(change);
    expect(s.sql).toMatchInlineSnapshot(`
      "UPDATE [dc].[UserAccount]
      SET [Enabled] = @Enabled, [HomeServer] = @HomeServer
      WHERE [UserName] = @UserName;"
    `);
    expect(s.params).toEqual({
      UserName: { type: 'nvarchar(4000)', value: 'alice' },
      Enabled: { type: 'bit', value: false },
      HomeServer: { type: 'nvarchar(4000)', value: 'dc-ucs-02' },
    });
  });

  it('renames a key (case only) with a separate parameter for the new value', () => {
    const s = changeToSql({ table: 'Server', key: { Name: 'DC-UCS-01' }, action: 'update', changes: { Name: { from: 'DC-UCS-01', to: 'dc-ucs-01' } } });
    expect(s.sql).toMatchInlineSnapshot(`
      "UPDATE [dc].[Server]
      SET [Name] = @new_Name
      WHERE [Name] = @Name;"
    `);
    expect(s.params['new_Name']?.value).toBe('dc-ucs-01');
    expect(s.params['Name']?.value).toBe('DC-UCS-01');
  });

  it('deletes by the whole composite key', () => {
    const s = changeToSql({ table: 'Setting', key: { Scope: 'server', ServerName: 'dc-ucs-01', Key: 'logging.level', ObjectName: '' }, action: 'delete' });
    expect(s.sql).toMatchInlineSnapshot(`
      "DELETE FROM [dc].[Setting]
      WHERE [Scope] = @Scope AND [ServerName] = @ServerName AND [Key] = @Key AND [ObjectName] = @ObjectName;"
    `);
    expect(Object.keys(s.params)).toEqual(['Scope', 'ServerName', 'Key', 'ObjectName']);
  });

  it('sets Environment.CreatedAt from the run clock, or the server clock without one', () => {
    const env: RowChange = { table: 'Environment', key: { Id: 1 }, action: 'create', after: { Id: 1, Name: 'Contoso', UserStore: 'mssql', Origin: 'project' } };
    const now = new Date('2025-03-01T10:00:00Z');
    const withClock = changeToSql(env, { now });
    expect(withClock.sql).toContain('[CreatedAt]');
    expect(withClock.params['CreatedAt']).toEqual({ type: 'datetime2(3)', value: now });
    expect(changeToSql(env).sql).toContain('SYSUTCDATETIME()');
  });

  it.each(NASTY)('never puts a value into the SQL text: %j', (nasty) => {
    const changes: RowChange[] = [
      server(nasty, nasty),
      user(nasty, { DisplayName: nasty, HomeServer: nasty, Credential: new Sensitive(nasty) }),
      setting(nasty, nasty),
      { table: 'Line', key: { Uri: nasty }, action: 'update', changes: { Name: { from: 'x', to: nasty } } },
      { table: 'UserAccount', key: { UserName: nasty }, action: 'delete' },
    ];
    for (const change of changes) {
      const s = changeToSql(change);
      expect(s.sql).not.toContain(nasty);
      expect(s.sql).not.toMatch(/'/);
      expect(Object.values(s.params).map((p) => p.value)).toContain(nasty);
    }
  });

  it('reveals secrets only into parameters', () => {
    const s = changeToSql(setting('mail.smtp.password', new Sensitive('hunter2')));
    expect(s.params['Value']?.value).toBe('hunter2');
    expect(s.sql).not.toContain('hunter2');
    expect(changeToSql(license('ABCD-EFGH-1234')).params['LicenseKey']?.value).toBe('ABCD-EFGH-1234');
  });

  it('refuses to write a secret that arrives as its (sensitive) placeholder', () => {
    const fromJson: RowChange = {
      table: 'UserAccount',
      key: { UserName: 'alice' },
      action: 'update',
      changes: { Credential: { from: '(sensitive)', to: '(sensitive)' } },
    };
    expect(() => changeToSql(fromJson)).toThrowError(MigrateError);
    try {
      changeToSql(fromJson);
    } catch (e) {
      expect((e as MigrateError).code).toBe('DB_SECRET_UNAVAILABLE');
    }
    expect(() => changeToSql({ table: 'License', key: { LicenseKey: '…1234' }, action: 'delete' })).toThrow(/masked/);
  });

  it('rejects a column the catalog does not have', () => {
    expect(() => changeToSql({ table: 'Server', key: { Name: 'a' }, action: 'update', changes: { 'Name]; DROP': { from: 1, to: 2 } } })).toThrow(
      /no column/,
    );
  });
});

describe('staging through #temp, creating by bulk load', () => {
  it('updates staged rows per changed column and deletes staged keys', () => {
    const def = tableDef('UserAccount');
    expect(stagedUpdateSql(def, ['HomeServer', 'Enabled']).sql).toMatchInlineSnapshot(`
      "UPDATE t
      SET [Enabled] = CASE WHEN s.[__Set_Enabled] = 1 THEN s.[Enabled] ELSE t.[Enabled] END,
          [HomeServer] = CASE WHEN s.[__Set_HomeServer] = 1 THEN s.[HomeServer] ELSE t.[HomeServer] END
      FROM [dc].[UserAccount] AS t
      INNER JOIN [#pm_UserAccount] AS s ON t.[UserName] = s.[UserName];"
    `);
    expect(stagedDeleteSql(tableDef('UserGroupMember')).sql).toMatchInlineSnapshot(`
      "DELETE t
      FROM [dc].[UserGroupMember] AS t
      INNER JOIN [#pm_UserGroupMember_delete] AS s ON t.[GroupName] = s.[GroupName] AND t.[UserName] = s.[UserName];"
    `);
  });

  it('stages an update in column order with set flags for the changed columns only', () => {
    const def = tableDef('Server');
    expect(updateStageColumns(def).map((c) => c.name)).toEqual([
      'Name', 'Fqdn', 'Role', 'Site', 'MaxUsers', 'Origin',
      '__Set_Fqdn', '__Set_Role', '__Set_Site', '__Set_MaxUsers', '__Set_Origin',
    ]);
    const row = updateStageRow(def, { table: 'Server', key: { Name: 'a' }, action: 'update', changes: { Site: { from: null, to: 'Berlin' } } });
    expect(row).toEqual(['a', null, null, 'Berlin', null, null, false, false, true, false, false]);
  });

  it('bulk-creates rows with the columns an INSERT names, the writer columns stamped with the run clock', () => {
    const def = tableDef('Environment');
    const now = new Date('2026-12-08T10:00:00Z');
    const columns = bulkCreateColumns(def);
    expect(columns.map((c) => c.name)).toEqual([...def.columns.map((c) => c.name), 'CreatedAt']);
    // Nullability as the table declares it (the load refuses a NULL where the table does).
    expect(columns.map((c) => c.nullable)).toEqual([...def.columns.map((c) => c.nullable === true), false]);
    const created: RowChange = { table: 'Environment', key: { Id: 1 }, action: 'create', after: { Id: 1, Name: 'Gen', UserStore: 'ad', Origin: 'migrated' } };
    expect(bulkCreateRow(def, created, now)).toEqual([...def.columns.map((c) => (created.after as Record<string, unknown>)[c.name] ?? null), now]);
    expect(() => bulkCreateRow(def, { ...created, action: 'update' }, now)).toThrow('cannot bulk-create a update');
  });
});

describe('executionSteps and countStatements', () => {
  it('writes parents before children and deletes children before parents', () => {
    const steps = executionSteps([
      { table: 'Server', key: { Name: 'old' }, action: 'delete' },
      { table: 'UserAccount', key: { UserName: 'gone' }, action: 'delete' },
      user('alice'),
      server('dc-ucs-01'),
      { table: 'Server', key: { Name: 'dc-ucs-02' }, action: 'update', changes: { Site: { from: null, to: 'x' } } },
    ]);
    expect(steps.map((s) => `${s.kind}:${s.table}:${s.kind === 'rows' ? s.changes.map((c) => c.action).join('+') : ''}`)).toEqual([
      'rows:Server:update+create',
      'rows:UserAccount:create',
      'rows:UserAccount:delete',
      'rows:Server:delete',
    ]);
    // Every table of the catalog has a place in that order.
    expect(TABLES.map((t) => t.name)[0]).toBe('Environment');
  });

  it('bulk-creates or stages a table once it has more changes than the threshold', () => {
    const users = Array.from({ length: 6 }, (_, i) => user(`u${i}`));
    const deletes = Array.from({ length: 6 }, (_, i): RowChange => ({ table: 'Computer', key: { Name: `pc${i}` }, action: 'delete' }));
    const p = plan([server('dc-ucs-01'), ...users, ...deletes]);
    // The server row by row, the users in one bulk load, the deletes staged (4 statements).
    expect(countStatements(p, { bulkThreshold: 5 })).toEqual({ statements: 1 + 1 + 4, rows: 13, bulkTables: 2 });
    expect(countStatements(p, { bulkThreshold: 500 })).toEqual({ statements: 13, rows: 13, bulkTables: 0 });
  });

  it('writes the updates of a large table (staged) before its creates (bulk), key renames row by row', () => {
    const creates = Array.from({ length: 4 }, (_, i) => user(`new${i}`));
    const updates = Array.from({ length: 3 }, (_, i): RowChange => ({ table: 'UserAccount', key: { UserName: `old${i}` }, action: 'update', changes: { Enabled: { from: true, to: false } } }));
    const rename: RowChange = { table: 'UserAccount', key: { UserName: 'anna' }, action: 'update', changes: { UserName: { from: 'anna', to: 'Anna' } } };
    const steps = executionSteps([...creates, ...updates, rename], 2);
    expect(steps.map((s) => `${s.kind}:${stepChanges(s).length}`)).toEqual(['rows:1', 'stagedUpdate:3', 'bulkCreate:4']);
    // Below the threshold: one row at a time, updates first.
    expect(executionSteps([...creates, ...updates], 10).map((s) => `${s.kind}:${stepChanges(s).map((c) => c.action).join('+')}`)).toEqual([
      'rows:update+update+update+create+create+create+create',
    ]);
    // By default, creates go by bulk load from 21 on, updates are staged from 501 on.
    const many = Array.from({ length: 21 }, (_, i) => user(`bulk${i}`));
    expect(executionSteps([...many, ...updates]).map((s) => `${s.kind}:${stepChanges(s).length}`)).toEqual(['rows:3', 'bulkCreate:21']);
    expect(executionSteps(many.slice(0, 20)).map((s) => s.kind)).toEqual(['rows']);
  });
});
