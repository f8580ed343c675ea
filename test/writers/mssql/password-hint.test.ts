/** DB_PASSWORD_MISSING names the environment variable to set, when the project names one. */
import { describe, expect, it } from 'vitest';
import { MigrateError } from '../../../src/model/errors.js';
import { settingsFromTarget } from '../../../src/writers/mssql/connection-string.js';
import { toMssqlConfig } from '../../../src/writers/mssql/db.js';

function errorOf(fn: () => unknown): MigrateError {
  try {
    fn();
  } catch (e) {
    if (e instanceof MigrateError) return e;
    throw e;
  }
  throw new Error('expected a MigrateError');
}

describe('DB_PASSWORD_MISSING', () => {
  it('names target.passwordEnv\'s variable in its hint', () => {
    const s = settingsFromTarget({ server: 'sql01', database: 'ProCallDC', user: 'migrator', passwordEnv: 'PCM_SQL_PASSWORD' }, {});
    const e = errorOf(() => toMssqlConfig(s));
    expect(e.code).toBe('DB_PASSWORD_MISSING');
    expect(e.hint).toContain('set the environment variable PCM_SQL_PASSWORD');
  });

  it('says what to do when no variable is named (a connection string without a password)', () => {
    const s = settingsFromTarget({ server: 'sql01', database: 'ProCallDC', user: 'migrator' }, {});
    const e = errorOf(() => toMssqlConfig(s));
    expect(e.code).toBe('DB_PASSWORD_MISSING');
    expect(e.hint).toContain('target.passwordEnv');
  });
});
