import { describe, expect, it } from 'vitest';
import { TABLES, tableDef } from '../../../src/model/dc-schema.js';
import { BOOKKEEPING_TABLES, bookkeepingTable } from '../../../src/model/bookkeeping-tables.js';
import {
  createRunTableSql,
  createSchemaSql,
  createTableSql,
  createTablesSql,
  createTempTableSql,
  keyBytes,
} from '../../../src/writers/mssql/ddl.js';
import { quoteIdent } from '../../../src/writers/mssql/sql-names.js';
import { MIGRATION_RUN_COLUMNS } from '../../../src/writers/mssql/statements.js';

describe('bootstrap DDL from the catalog', () => {
  it('creates every contract table, guarded, bookkeeping tables first and the rest in FK order', () => {
    const ddl = createTablesSql();
    const created = ddl.map((s) => /CREATE TABLE \[dc\]\.\[(\w+)\]/.exec(s)?.[1]);
    // SchemaVersion 2 (the ledger): three columns added to MigrationRun (UndoOf, RunSeq, Host),
    // its check of the run states replaced; the index of UserGroupMember.UserName; then the
    // ledger's two tables.
    expect(created).toEqual(['SchemaInfo', 'MigrationRun', ...TABLES.map((t) => t.name), undefined, undefined, undefined, undefined, undefined, undefined, 'MigrationChange', 'LedgerKey']);
    for (const s of ddl) {
      expect(s).toMatch(
        /^IF OBJECT_ID\(N'\[dc\]\.\[\w+\]', N'U'\) IS NULL\nCREATE TABLE|^IF NOT EXISTS \(SELECT 1 FROM sys\.columns WHERE \[object_id\] = OBJECT_ID\(N'\[dc\]\.\[MigrationRun\]', N'U'\) AND LOWER\(\[name\]\) = N'\w+'\)\nALTER TABLE \[dc\]\.\[MigrationRun\] ADD|^IF (NOT )?EXISTS \(SELECT 1 FROM sys\.check_constraints WHERE|^IF NOT EXISTS \(SELECT 1 FROM sys\.indexes WHERE/,
      );
    }
    // Every foreign key to UserAccount is led by its column or indexed: deleting users (an undo,
    // --prune) looks each one up in the tables pointing to it.
    for (const def of TABLES) {
      for (const col of def.columns) {
        if (col.references?.startsWith('UserAccount.')) expect(def.key[0] === col.name || col.indexed === true, `dc.${def.name}.${col.name}`).toBe(true);
      }
    }
    expect(ddl.filter((s) => s.includes('CREATE NONCLUSTERED INDEX'))).toEqual([
      "IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE [object_id] = OBJECT_ID(N'[dc].[UserGroupMember]', N'U') AND LOWER([name]) LIKE N'ix_usergroupmember_username%')\nCREATE NONCLUSTERED INDEX [IX_UserGroupMember_UserName] ON [dc].[UserGroupMember] ([UserName]);",
    ]);
    expect(createSchemaSql()).toBe("IF SCHEMA_ID(N'dc') IS NULL EXEC(N'CREATE SCHEMA [dc]');");
  });

  it('references only tables created before (FK order)', () => {
    const seen = new Set<string>();
    for (const def of TABLES) {
      for (const m of createTableSql(def).matchAll(/REFERENCES \[dc\]\.\[(\w+)\]/g)) expect(seen.has(m[1] as string)).toBe(true);
      seen.add(def.name);
    }
  });

  it('uses a NONCLUSTERED primary key only where the key can exceed 900 bytes', () => {
    const nonClustered = TABLES.filter((t) => /PRIMARY KEY NONCLUSTERED/.test(createTableSql(t))).map((t) => t.name);
    expect(nonClustered).toEqual(TABLES.filter((t) => keyBytes(t) > 900).map((t) => t.name));
    expect(nonClustered).toEqual(['Setting']);
  });

  it('declares keys, unique columns, foreign keys, nullability and the writer-only CreatedAt', () => {
    expect(createTableSql(tableDef('UserAccount'))).toMatchInlineSnapshot(`
      "CREATE TABLE [dc].[UserAccount] (
        [UserName] nvarchar(256) COLLATE Latin1_General_100_CI_AS_SC NOT NULL,
        [SipUri] nvarchar(256) COLLATE Latin1_General_100_CI_AS_SC NOT NULL,
        [FirstName] nvarchar(128) COLLATE Latin1_General_100_CI_AS_SC NOT NULL,
        [LastName] nvarchar(128) COLLATE Latin1_General_100_CI_AS_SC NOT NULL,
        [DisplayName] nvarchar(256) COLLATE Latin1_General_100_CI_AS_SC NOT NULL,
        [Email] nvarchar(256) COLLATE Latin1_General_100_CI_AS_SC NOT NULL,
        [Profile] nvarchar(128) COLLATE Latin1_General_100_CI_AS_SC NOT NULL,
        [Enabled] bit NOT NULL,
        [PhoneNumber] nvarchar(64) COLLATE Latin1_General_100_CI_AS_SC NOT NULL,
        [PhoneSecondary] nvarchar(64) COLLATE Latin1_General_100_CI_AS_SC NOT NULL,
        [HomeServer] nvarchar(128) COLLATE Latin1_General_100_CI_AS_SC NOT NULL,
        [Credential] nvarchar(max) COLLATE Latin1_General_100_CI_AS_SC NULL,
        [SamAccountName] nvarchar(256) COLLATE Latin1_General_100_CI_AS_SC NOT NULL,
        [DnPath] nvarchar(1024) COLLATE Latin1_General_100_CI_AS_SC NOT NULL,
        [ObjectGuid] nvarchar(64) COLLATE Latin1_General_100_CI_AS_SC NOT NULL,
        [Origin] nvarchar(128) COLLATE Latin1_General_100_CI_AS_SC NOT NULL,
        CONSTRAINT [PK_UserAccount] PRIMARY KEY CLUSTERED ([UserName]),
        CONSTRAINT [UQ_UserAccount_SipUri] UNIQUE ([SipUri]),
        CONSTRAINT [FK_UserAccount_HomeServer] FOREIGN KEY ([HomeServer]) REFERENCES [dc].[Server] ([Name])
      )"
    `);
    expect(createTableSql(tableDef('Environment'))).toContain('[CreatedAt] datetime2(3) NOT NULL');
    expect(createTableSql(tableDef('Environment'))).toContain('CHECK ([Id] = 1)');
  });

  it('quotes identifiers and only accepts plain #temp names', () => {
    expect(quoteIdent('a]b')).toBe('[a]]b]');
    expect(() => createTempTableSql('#x]; DROP TABLE y', [])).toThrow(/temp table/);
    expect(() => createTempTableSql('dc.Server', [])).toThrow(/temp table/);
    expect(createTempTableSql('#pm_Server', [{ name: 'Name', sqlType: 'nvarchar(128)', nullable: false }])).toMatchInlineSnapshot(`
      "IF OBJECT_ID(N'tempdb..#pm_Server') IS NOT NULL DROP TABLE [#pm_Server];
      CREATE TABLE [#pm_Server] (
        [Name] nvarchar(128) COLLATE Latin1_General_100_CI_AS_SC NOT NULL
      );"
    `);
  });
});

describe('the bookkeeping tables from the catalog', () => {
  it('are described apart from the data tables, which the planner and reader go through', () => {
    const data = new Set<string>(TABLES.map((t) => t.name));
    expect(BOOKKEEPING_TABLES.map((t) => t.name)).toEqual(['SchemaInfo', 'MigrationRun', 'MigrationChange', 'LedgerKey']);
    for (const t of BOOKKEEPING_TABLES) expect(data.has(t.name)).toBe(false);
  });

  it('run history: version 1 columns in CREATE TABLE, version 2 ones added after it (a version-1 table gets them too)', () => {
    expect(createRunTableSql()).toMatchInlineSnapshot(`
      [
        "IF OBJECT_ID(N'[dc].[MigrationRun]', N'U') IS NULL
      CREATE TABLE [dc].[MigrationRun] (
        [RunId] uniqueidentifier NOT NULL,
        [StartedAt] datetime2(3) NOT NULL,
        [FinishedAt] datetime2(3) NULL,
        [ToolVersion] nvarchar(32) COLLATE Latin1_General_100_CI_AS_SC NOT NULL,
        [Operator] nvarchar(256) COLLATE Latin1_General_100_CI_AS_SC NOT NULL,
        [SourceDigest] char(64) NOT NULL,
        [PlanDigest] char(64) NOT NULL,
        [Sources] nvarchar(max) COLLATE Latin1_General_100_CI_AS_SC NOT NULL,
        [Summary] nvarchar(max) COLLATE Latin1_General_100_CI_AS_SC NOT NULL,
        [Status] nvarchar(16) COLLATE Latin1_General_100_CI_AS_SC NOT NULL,
        [Error] nvarchar(400) COLLATE Latin1_General_100_CI_AS_SC NULL,
        CONSTRAINT [PK_MigrationRun] PRIMARY KEY CLUSTERED ([RunId]),
        CONSTRAINT [CK_MigrationRun_State] CHECK ([Status] IN (N'started', N'applied', N'failed', N'interrupted'))
      );",
        "IF NOT EXISTS (SELECT 1 FROM sys.columns WHERE [object_id] = OBJECT_ID(N'[dc].[MigrationRun]', N'U') AND LOWER([name]) = N'undoof')
      ALTER TABLE [dc].[MigrationRun] ADD [UndoOf] uniqueidentifier NULL;",
        "IF NOT EXISTS (SELECT 1 FROM sys.columns WHERE [object_id] = OBJECT_ID(N'[dc].[MigrationRun]', N'U') AND LOWER([name]) = N'runseq')
      ALTER TABLE [dc].[MigrationRun] ADD [RunSeq] bigint NULL;",
        "IF NOT EXISTS (SELECT 1 FROM sys.columns WHERE [object_id] = OBJECT_ID(N'[dc].[MigrationRun]', N'U') AND LOWER([name]) = N'host')
      ALTER TABLE [dc].[MigrationRun] ADD [Host] nvarchar(128) COLLATE Latin1_General_100_CI_AS_SC NULL;",
        "IF EXISTS (SELECT 1 FROM sys.check_constraints WHERE [parent_object_id] = OBJECT_ID(N'[dc].[MigrationRun]', N'U') AND LOWER([name]) LIKE N'ck_migrationrun_status%')
      ALTER TABLE [dc].[MigrationRun] DROP CONSTRAINT [CK_MigrationRun_Status];",
        "IF NOT EXISTS (SELECT 1 FROM sys.check_constraints WHERE [parent_object_id] = OBJECT_ID(N'[dc].[MigrationRun]', N'U') AND LOWER([name]) LIKE N'ck_migrationrun_state%')
      ALTER TABLE [dc].[MigrationRun] ADD CONSTRAINT [CK_MigrationRun_State] CHECK ([Status] IN (N'started', N'applied', N'failed', N'interrupted'));",
      ]
    `);
    // The same statements, in the same order, in the full bootstrap list.
    const all = createTablesSql();
    const at = all.indexOf(createRunTableSql()[1]!);
    expect(all.slice(at, at + 5)).toEqual(createRunTableSql().slice(1));
  });

  it('the ledger: foreign key to the run history, its checks, one key row', () => {
    expect(createTableSql(bookkeepingTable('MigrationChange'))).toMatchInlineSnapshot(`
      "CREATE TABLE [dc].[MigrationChange] (
        [RunId] uniqueidentifier NOT NULL,
        [Seq] int NOT NULL,
        [TableName] nvarchar(128) COLLATE Latin1_General_100_CI_AS_SC NOT NULL,
        [RowKey] nvarchar(max) COLLATE Latin1_General_100_CI_AS_SC NOT NULL,
        [Action] nvarchar(16) COLLATE Latin1_General_100_CI_AS_SC NOT NULL,
        [Before] nvarchar(max) COLLATE Latin1_General_100_CI_AS_SC NULL,
        [After] nvarchar(max) COLLATE Latin1_General_100_CI_AS_SC NULL,
        [Base] nvarchar(max) COLLATE Latin1_General_100_CI_AS_SC NULL,
        CONSTRAINT [PK_MigrationChange] PRIMARY KEY CLUSTERED ([RunId], [Seq]),
        CONSTRAINT [FK_MigrationChange_RunId] FOREIGN KEY ([RunId]) REFERENCES [dc].[MigrationRun] ([RunId]),
        CONSTRAINT [CK_MigrationChange_Action] CHECK ([Action] IN (N'create', N'update', N'delete'))
      )"
    `);
    expect(createTableSql(bookkeepingTable('LedgerKey'))).toContain('CONSTRAINT [CK_LedgerKey_Id] CHECK ([Id] = 1)');
    expect(createTableSql(bookkeepingTable('SchemaInfo'))).toContain('CONSTRAINT [PK_SchemaInfo] PRIMARY KEY CLUSTERED ([SchemaVersion])');
  });

  it('a column added to an existing table is nullable (ALTER TABLE … ADD on a table with rows)', () => {
    const later = [...BOOKKEEPING_TABLES, ...TABLES].flatMap((t) => t.columns.filter((c) => c.since !== undefined).map((c) => `${t.name}.${c.name}`));
    expect(later).toEqual(['MigrationRun.UndoOf', 'MigrationRun.RunSeq', 'MigrationRun.Host']);
    for (const t of [...BOOKKEEPING_TABLES, ...TABLES]) for (const c of t.columns) if (c.since !== undefined) expect(c.nullable).toBe(true);
  });

  it('the run record the writer inserts names the first-version columns of the run history, in catalog order', () => {
    const firstVersion = bookkeepingTable('MigrationRun').columns.filter((c) => c.since === undefined).map((c) => c.name);
    expect([...MIGRATION_RUN_COLUMNS]).toEqual(firstVersion);
  });
});

describe('target.collation', () => {
  it('writes the configured collation on every text column of every table, and on #temp staging tables', () => {
    const ddl = createTablesSql('Latin1_General_CI_AS').join('\n');
    expect(ddl).not.toContain('Latin1_General_100_CI_AS_SC');
    const textColumns = ddl.match(/nvarchar\((\d+|max)\)[^,\n]*/g) ?? [];
    expect(textColumns.length).toBeGreaterThan(20);
    for (const c of textColumns) expect(c).toContain('COLLATE Latin1_General_CI_AS');
    expect(createTempTableSql('#pm_x', [{ name: 'Name', sqlType: 'nvarchar(128)', nullable: false }], 'Latin1_General_CI_AS')).toContain(
      '[Name] nvarchar(128) COLLATE Latin1_General_CI_AS NOT NULL',
    );
    expect(createTablesSql()).toEqual(createTablesSql('Latin1_General_100_CI_AS_SC'));
  });

  it('never writes a collation that is not a plain name into DDL', () => {
    expect(() => createTablesSql("x; DROP TABLE y --")).toThrow(/not a collation name/);
  });
});
