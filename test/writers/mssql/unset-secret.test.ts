/** A secret whose environment variable was unset is planned with a stand-in that the SQL writer never writes. */
import { describe, expect, it } from 'vitest';
import { MigrateError } from '../../../src/model/errors.js';
import { UnsetSecret } from '../../../src/model/unset-secret.js';
import { changeToSql } from '../../../src/writers/mssql/statements.js';
import { scriptChange } from '../../../src/writers/mssql/script.js';
import { setting } from './fixtures.js';

describe('a secret setting whose environment variable is unset', () => {
  it('is refused by the SQL writer (DB_SECRET_UNAVAILABLE naming the variable), never written as a placeholder', () => {
    let error: unknown;
    try {
      changeToSql(setting('usermanager.ad.bindPassword', new UnsetSecret('AD_BIND_PW')));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MigrateError);
    expect((error as MigrateError).code).toBe('DB_SECRET_UNAVAILABLE');
    expect((error as MigrateError).message).toContain('AD_BIND_PW');
  });

  it('is a sqlcmd variable in the DBA script, like any secret', () => {
    const scripted = scriptChange(setting('usermanager.ad.bindPassword', new UnsetSecret('AD_BIND_PW')));
    expect(scripted).toMatchObject({ kind: 'sql' });
    expect(scripted.kind === 'sql' ? scripted.sql : '').toContain("(SELECT [Value] FROM #pm_secrets WHERE [Name] = N'PM_SECRET_1')");
    expect(JSON.stringify(scripted)).not.toContain('unset-environment-variable');
  });
});
