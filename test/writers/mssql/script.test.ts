import { describe, expect, it } from 'vitest';
import { TABLES } from '../../../src/model/dc-schema.js';
import type { RowChange } from '../../../src/model/plan.js';
import { LicenseKey, Sensitive } from '../../../src/model/sensitive.js';
import { buildSqlScript, renderSqlScript, ScriptVariables, scriptChange, secretVariableValue, writeSqlScript } from '../../../src/writers/mssql/script.js';
import { NASTY, license, plan, server, setting, user } from './fixtures.js';
import { splitSql } from './sql-split.js';

const opts = { planDigest: 'c'.repeat(64), sourceDigest: 'd'.repeat(64), runId: '6f1c1f9e-3d7b-4c59-9d55-3b0c3c1f0a11' };

const SECRETS = ['s3cr3t-credential', 'smtp-P@ss', 'ABCD-EFGH-IJKL-0001'];

function samplePlan() {
  const updateCred: RowChange = {
    table: 'UserAccount',
    key: { UserName: 'bob' },
    action: 'update',
    changes: { Credential: { from: new Sensitive('old'), to: new Sensitive('s3cr3t-credential') }, Email: { from: 'a', to: 'bob@corp.example' } },
  };
  return plan([
    { table: 'Environment', key: { Id: 1 }, action: 'create', after: { Id: 1, Name: 'Contoso', UserStore: 'mssql', Origin: 'project' } },
    server('dc-ucs-01'),
    setting('mail.smtp.password', new Sensitive('smtp-P@ss')),
    setting('contentsharing.fileLocation', '\\\\fs01\\procall$\\share'),
    user('alice'),
    updateCred,
    license('ABCD-EFGH-IJKL-0001'),
    { table: 'Computer', key: { Name: 'pc-old' }, action: 'delete' },
    ...NASTY.map((v, i) => setting(`nasty.${i}`, v)),
  ]);
}

describe('writeSqlScript', () => {
  it('streams exactly the bytes and variables of the script built whole, in pieces', async () => {
    const whole = buildSqlScript(samplePlan(), { ...opts, batchSize: 2 });
    const pieces: string[] = [];
    const info = await writeSqlScript(samplePlan(), { ...opts, batchSize: 2 }, { write: async (chunk) => void pieces.push(chunk) });
    expect(pieces.join('')).toBe(whole.sql);
    expect(info.variables.map((v) => [v.name, v.what])).toEqual(whole.variables.map((v) => [v.name, v.what]));
    expect(info.variables.length).toBeGreaterThan(1);
    expect(info.credentialsLeftOut).toBe(whole.credentialsLeftOut);
    expect(info.credentialsLeftOut).toBeGreaterThan(0);
  });
});

describe('renderSqlScript', () => {
  const script = renderSqlScript(samplePlan(), opts);
  const parsed = splitSql(script);

  it('is one transaction: exactly one BEGIN TRANSACTION and one COMMIT, XACT_ABORT on first', () => {
    const code = parsed.statements.map((s) => s.replace(/\s+/g, ' ').toUpperCase());
    expect(code.filter((s) => /^BEGIN TRAN(SACTION)?$/.test(s))).toHaveLength(1);
    expect(code.filter((s) => /^COMMIT( TRAN(SACTION)?)?$/.test(s))).toHaveLength(1);
    expect(code.indexOf('SET XACT_ABORT ON')).toBeLessThan(code.indexOf('BEGIN TRANSACTION'));
    expect(code.indexOf('BEGIN TRANSACTION')).toBeLessThan(code.findIndex((s) => s.startsWith('INSERT INTO [DC].[SERVER]')));
    expect(code.findIndex((s) => s.startsWith('INSERT INTO [DC].[MIGRATIONRUN]'))).toBeLessThan(code.indexOf('COMMIT TRANSACTION'));
    expect(script).toMatch(/^:on error exit$/m);
  });

  it('creates every contract table, guarded', () => {
    for (const name of ['SchemaInfo', 'MigrationRun', ...TABLES.map((t) => t.name)]) {
      expect(parsed.code).toContain(`IF OBJECT_ID(N'', N'') IS NULL\nCREATE TABLE [dc].[${name}]`);
    }
  });

  it('has no MERGE anywhere in its code', () => {
    expect(parsed.code.toUpperCase()).not.toMatch(/\bMERGE\b/);
  });

  it('guards every insert and starts every later batch with the rollback check', () => {
    const inserts = parsed.statements.filter((s) => /^INSERT INTO \[dc\]\.\[(?!MigrationRun)/.test(s));
    expect(inserts.length).toBeGreaterThan(5);
    for (const s of inserts) expect(s).toMatch(/WHERE NOT EXISTS/);
    // The batch that opens the transaction comes first (after the sqlcmd-variables batch) and needs no guard.
    const batches = script
      .split(/^GO$/m)
      .slice(1)
      .map((b) => b.trim())
      .filter((b) => b !== '' && b !== 'SET NOEXEC OFF;' && !b.startsWith('SET XACT_ABORT ON;'));
    // By position, not indexOf: two batches with the same text must each follow a guard.
    batches.forEach((b, i) => {
      if (!b.startsWith('IF @@TRANCOUNT = 0')) expect(batches[i - 1]).toMatch(/^IF @@TRANCOUNT = 0/);
    });
  });

  it('never contains a secret, a credential or a full licence key', () => {
    for (const secret of SECRETS) expect(script).not.toContain(secret);
    expect(script).toContain('UserName=alice: Credential left NULL (a credential); procall-migrate apply writes it afterwards');
    expect(script).toContain('UserName=bob: Credential not changed (a credential)');
    expect(script).toContain('-- 2 user credentials (password hashes) are never written into a script');
  });

  it('makes secret settings and licence keys sqlcmd variables, listed in the header with what each is', () => {
    const built = buildSqlScript(samplePlan(), opts);
    expect(built.variables.map((v) => [v.name, v.what])).toEqual([
      ['PM_SECRET_1', 'mail.smtp.password of global'],
      ['PM_SECRET_2', 'licence …0001 (user ×25, from ucs-ber-01)'],
    ]);
    expect(built.credentialsLeftOut).toBe(2);
    expect(script).toMatch(/^-- {3}PM_SECRET_1 +mail\.smtp\.password of global$/m);
    expect(script).toMatch(/^-- {3}PM_SECRET_2 +licence …0001 \(user ×25, from ucs-ber-01\)$/m);
    expect(script).toContain('-f 65001 -b -i <this file> -v PM_SECRET_1=<hex> PM_SECRET_2=<hex>');
    // Every variable the script uses is one of the listed ones.
    expect(new Set(script.match(/\$\((\w+)\)/g))).toEqual(new Set(['$(PM_SECRET_1)', '$(PM_SECRET_2)']));
  });

  it('references every variable in a batch before the transaction opens, so sqlcmd stops there without them', () => {
    const begin = script.indexOf('\nBEGIN TRANSACTION;');
    const onError = script.indexOf('\n:on error exit\n');
    const firstGo = script.indexOf('\nGO\n');
    expect(onError).toBeGreaterThan(0);
    for (const name of ['PM_SECRET_1', 'PM_SECRET_2']) {
      const first = script.indexOf(`$(${name})`);
      expect(first).toBeGreaterThan(onError);
      // In the first batch (before its GO), which writes nothing.
      expect(first).toBeLessThan(firstGo);
      expect(first).toBeLessThan(begin);
    }
    const firstBatch = script.slice(0, firstGo);
    expect(splitSql(firstBatch).code.toUpperCase()).not.toMatch(/\b(INSERT|UPDATE|DELETE|CREATE|BEGIN TRAN)/);
  });

  it('with the variables supplied (sqlcmd -v, hex of UTF-16LE), no value reaches the statements as text', () => {
    const secrets: Record<string, string> = { PM_SECRET_1: "smtp-P@ss'x\r\nGO\n:r evil.sql $(X)", PM_SECRET_2: 'ABCD-EFGH-IJKL-0001' };
    // What sqlcmd does: text substitution of the value the DBA gives (hex digits, see the header).
    const run = script.replace(/\$\((\w+)\)/g, (_m, name: string) => secretVariableValue(secrets[name] ?? ''));
    expect(run).not.toMatch(/^GO\n:r/m);
    expect(run).not.toContain('smtp-P@ss');
    // The statements read the decoded text by name: the inserted value; the licence also as the key of its NOT EXISTS guard.
    expect(run.split("FROM #pm_secrets WHERE [Name] = N'PM_SECRET_1')").length - 1).toBe(1);
    expect(run.split("FROM #pm_secrets WHERE [Name] = N'PM_SECRET_2')").length - 1).toBe(2);
    // Each variable is decoded once, from its hex digits.
    expect(run).toContain(`SET @pm_hex = UPPER(N'${secretVariableValue(secrets.PM_SECRET_1 ?? '')}');`);
  });

  it('without secrets the script needs no variable and has no variables batch', () => {
    const plain = renderSqlScript(plan([server('dc-ucs-01'), setting('a.b', 'plain')]), opts);
    expect(plain).not.toContain('$(');
    expect(plain).not.toContain('sqlcmd scripting variable');
  });

  it('writes values as literals that read back exactly', () => {
    for (const value of NASTY) {
      const withoutControls = value.split(/[\r\n]+/);
      for (const piece of withoutControls) {
        const pieces = piece.split('$(');
        for (const p of pieces) expect(parsed.literals.some((l) => l.includes(p))).toBe(true);
      }
    }
    expect(parsed.literals).toContain('\\\\fs01\\procall$\\share');
  });

  it('records the run once (re-runnable) and the plan digest in the header', () => {
    expect(script).toContain(`-- plan digest:    ${'c'.repeat(64)}`);
    expect(script).toContain(`WHERE NOT EXISTS (SELECT 1 FROM [dc].[MigrationRun] WHERE [RunId] = N'${opts.runId}')`);
  });

  it('renders an empty plan as bootstrap plus the run record', () => {
    const empty = splitSql(renderSqlScript(plan([]), opts));
    expect(empty.statements.filter((s) => /^(INSERT|UPDATE|DELETE)/.test(s)).map((s) => /\[dc\]\.\[(\w+)\]/.exec(s)?.[1])).toEqual([
      'SchemaInfo',
      'MigrationRun',
    ]);
  });
});

describe('scriptChange', () => {
  it('writes a secret setting update through a variable, keeps a plain one as a literal', () => {
    const k = { Scope: 'global', ServerName: '', Key: 'x', ObjectName: '' };
    const vars = new ScriptVariables();
    const secret = scriptChange({ table: 'Setting', key: k, action: 'update', changes: { Value: { from: new Sensitive('a'), to: new Sensitive('b-secret') } } }, vars);
    expect(secret).toEqual({
      kind: 'sql',
      sql: "UPDATE [dc].[Setting]\nSET [Value] = (SELECT [Value] FROM #pm_secrets WHERE [Name] = N'PM_SECRET_1')\nWHERE [Scope] = N'global' AND [ServerName] = N'' AND [Key] = N'x' AND [ObjectName] = N'';",
    });
    expect(vars.list.map((v) => v.what)).toEqual(['x of global']);
    expect(scriptChange({ table: 'Setting', key: k, action: 'update', changes: { Type: { from: 'text', to: 'secret' } } }, vars)).toMatchObject({ kind: 'sql' });
    expect(vars.list).toHaveLength(1);
    const plain = scriptChange({ table: 'Setting', key: k, action: 'update', changes: { Value: { from: 'a', to: "it's" } } });
    expect(plain).toEqual({
      kind: 'sql',
      sql: "UPDATE [dc].[Setting]\nSET [Value] = N'it''s'\nWHERE [Scope] = N'global' AND [ServerName] = N'' AND [Key] = N'x' AND [ObjectName] = N'';",
    });
  });

  it('deletes a licence row by a variable (the key is the licence)', () => {
    const vars = new ScriptVariables();
    expect(scriptChange({ ...license('ABCD-0001'), action: 'delete' }, vars)).toEqual({
      kind: 'sql',
      sql: "DELETE FROM [dc].[License]\nWHERE [LicenseKey] = (SELECT [Value] FROM #pm_secrets WHERE [Name] = N'PM_SECRET_1');",
    });
    expect(vars.list.map((v) => v.what)).toEqual(['licence …0001 (user ×25, from ucs-ber-01)']);
  });

  it('numbers secrets that would read alike, and reuses the variable for the same secret', () => {
    const vars = new ScriptVariables();
    const a = vars.reference('licence …0001', new LicenseKey('AAAA-0001'));
    expect(vars.reference('licence …0001', new LicenseKey('BBBB-0001'))).toBe("(SELECT [Value] FROM #pm_secrets WHERE [Name] = N'PM_SECRET_2')");
    expect(vars.reference('licence …0001', new LicenseKey('AAAA-0001'))).toBe(a);
    expect(vars.reference('licence …0001', new LicenseKey('BBBB-0001'))).toBe("(SELECT [Value] FROM #pm_secrets WHERE [Name] = N'PM_SECRET_2')");
    expect(vars.list.map((v) => v.what)).toEqual(['licence …0001', 'licence …0001 #2']);
  });

  it('leaves an update of a credential alone to apply', () => {
    expect(scriptChange({ table: 'UserAccount', key: { UserName: 'bob' }, action: 'update', changes: { Credential: { from: null, to: new Sensitive('h') } } })).toMatchObject({
      kind: 'omitted',
      credentialsLeftOut: 1,
    });
  });
});
