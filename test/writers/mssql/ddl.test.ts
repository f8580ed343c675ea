import { describe, expect, it } from 'vitest';
import { TABLES, tableDef } from '../../../src/model/dc-schema.js';
import {
  createSchemaSql,
  createTableSql,
  createTablesSql,
  createTempTableSql,
  keyBytes,
  quoteIdent,
} from '../../../src/writers/mssql/ddl.js';

describe('bootstrap DDL from the catalog', () => {
  it('creates every contract table, guarded, bookkeeping tables first and the rest in FK order', () => {
    const ddl = createTablesSql();
    const created = ddl.map((s) => /CREATE TABLE \[dc\]\.\[(\w+)\]/.exec(s)?.[1]);
    // SchemaVersion 2 (the ledger): three columns added to MigrationRun (UndoOf, RunSeq, Host),
    // its check of the run states replaced, then the ledger's two tables.
    expect(created).toEqual(['SchemaInfo', 'MigrationRun', ...TABLES.map((t) => t.name), undefined, undefined, undefined, undefined, undefined, 'MigrationChange', 'LedgerKey']);
    for (const s of ddl) {
      expect(s).toMatch(
        /^IF OBJECT_ID\(N'\[dc\]\.\[\w+\]', N'U'\) IS NULL\nCREATE TABLE|^IF NOT EXISTS \(SELECT 1 FROM sys\.columns WHERE \[object_id\] = OBJECT_ID\(N'\[dc\]\.\[MigrationRun\]', N'U'\) AND LOWER\(\[name\]\) = N'\w+'\)\nALTER TABLE \[dc\]\.\[MigrationRun\] ADD|^IF (NOT )?EXISTS \(SELECT 1 FROM sys\.check_constraints WHERE/,
      );
    }
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
