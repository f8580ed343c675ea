import { describe, expect, it } from 'vitest';
import { MigrateError } from '../../../src/model/errors.js';
import { Sensitive } from '../../../src/model/sensitive.js';
import { parseConnectionString, settingsFromTarget } from '../../../src/writers/mssql/connection-string.js';
import { mssqlType, toMssqlConfig } from '../../../src/writers/mssql/db.js';

const PASSWORD = 'p@ss;w0rd=x}';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MigrateError);
    expect((e as Error).message).not.toContain(PASSWORD);
    return (e as MigrateError).code;
  }
  return undefined;
}

describe('connection settings', () => {
  it('reads an mssql:// URL', () => {
    const s = parseConnectionString(`mssql://sa:${encodeURIComponent(PASSWORD)}@localhost:14330/master?encrypt=true&trustServerCertificate=true`);
    expect({ ...s, password: s.password?.reveal() }).toEqual({
      server: 'localhost',
      port: 14330,
      instanceName: undefined,
      database: 'master',
      authentication: 'sql',
      user: 'sa',
      domain: undefined,
      password: PASSWORD,
      encrypt: true,
      trustServerCertificate: true,
    });
    expect(String(s.password)).toBe('(sensitive)');
  });

  it('reads an ADO connection string with quoted values', () => {
    const s = parseConnectionString(`Server=tcp:sql01.corp.example,1433;Initial Catalog=ProCallDC;User Id=migrator;Password={p@ss;w0rd=x}}};Encrypt=yes;TrustServerCertificate=False`);
    expect(s.server).toBe('sql01.corp.example');
    expect(s.port).toBe(1433);
    expect(s.database).toBe('ProCallDC');
    expect(s.user).toBe('migrator');
    expect(s.password?.reveal()).toBe(PASSWORD);
    expect(s.encrypt).toBe(true);
    expect(s.trustServerCertificate).toBe(false);
  });

  it('takes NTLM domain and named instances apart', () => {
    const s = parseConnectionString('Server=sql01\\PROCALL;Database=dc;User Id=CORP\\migrator;Password=x');
    expect([s.server, s.instanceName, s.port, s.authentication, s.domain, s.user]).toEqual(['sql01', 'PROCALL', undefined, 'ntlm', 'CORP', 'migrator']);
  });

  it('defaults to encryption on and a verified certificate', () => {
    const s = parseConnectionString('mssql://u:p@h/db');
    expect([s.encrypt, s.trustServerCertificate, s.port]).toEqual([true, false, 1433]);
  });

  it('refuses unreadable strings without echoing them', () => {
    expect(codeOf(() => parseConnectionString(`just-a-password-${PASSWORD}`))).toBe('DB_URL_INVALID');
    expect(codeOf(() => parseConnectionString(`Database=x;Password=${PASSWORD}`))).toBe('DB_URL_INVALID');
  });

  it('reads the password of a project target from passwordEnv, or the loaded Sensitive', () => {
    const target = { server: 'sql01', database: 'ProCallDC', user: 'migrator', passwordEnv: 'PROCALL_SQL_PASSWORD' };
    expect(settingsFromTarget(target, { PROCALL_SQL_PASSWORD: PASSWORD }).password?.reveal()).toBe(PASSWORD);
    expect(settingsFromTarget({ ...target, password: new Sensitive('loaded') }, { PROCALL_SQL_PASSWORD: PASSWORD }).password?.reveal()).toBe('loaded');
    expect(settingsFromTarget(target, {}).password).toBeUndefined();
  });
});

describe('mssql config', () => {
  const base = settingsFromTarget({ server: 'sql01', port: 1433, database: 'ProCallDC', user: 'migrator', passwordEnv: 'PW' }, { PW: PASSWORD });

  it('uses SQL authentication with encryption and XACT_ABORT', () => {
    const c = toMssqlConfig(base, { appName: 'procall-migrate 0.1.0 (tester)' });
    expect(c.authentication).toEqual({ type: 'default', options: { userName: 'migrator', password: PASSWORD } });
    expect(c.options).toMatchObject({ encrypt: true, trustServerCertificate: false, abortTransactionOnError: true, appName: 'procall-migrate 0.1.0 (tester)' });
    expect([c.server, c.port, c.database]).toEqual(['sql01', 1433, 'ProCallDC']);
  });

  it('uses NTLM with domain, user and password', () => {
    const s = settingsFromTarget({ server: 'sql01', database: 'db', authentication: 'ntlm', user: 'migrator', domain: 'CORP', passwordEnv: 'PW' }, { PW: PASSWORD });
    expect(toMssqlConfig(s).authentication).toEqual({ type: 'ntlm', options: { domain: 'CORP', userName: 'migrator', password: PASSWORD } });
  });

  it('explains a missing password and unsupported integrated authentication', () => {
    expect(codeOf(() => toMssqlConfig({ ...base, password: undefined }))).toBe('DB_PASSWORD_MISSING');
    expect(codeOf(() => toMssqlConfig({ ...base, authentication: 'default' }))).toBe('DB_AUTH_UNSUPPORTED');
    expect(codeOf(() => toMssqlConfig({ ...base, authentication: 'ntlm', domain: undefined }))).toBe('DB_URL_INVALID');
  });

  it('maps catalog types to mssql types', () => {
    expect(mssqlType('nvarchar(256)')).toMatchObject({ length: 256 });
    expect(mssqlType('nvarchar(max)')).toMatchObject({ length: 65535 });
    expect(() => mssqlType('nvarchar(1); DROP')).toThrow(/unsupported/);
  });
});
