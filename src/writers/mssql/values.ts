/**
 * Model values → database parameter values, driven by the catalog's column kinds. The only
 * place in the tool that calls `reveal()`: secrets leave their wrapper here, on their way into a
 * parameter, and nowhere else.
 */
import type { ColumnDef } from '../../model/index.js';
import { MigrateError } from '../../model/index.js';
import { LicenseKey, SENSITIVE_MARK, Sensitive } from '../../model/index.js';
import { UnsetSecret } from '../../model/index.js';

/** A typed parameter: `type` is a T-SQL type as in the catalog (`nvarchar(256)`, `int`, `bit`, …). */
export interface SqlParam {
  type: string;
  value: unknown;
}
export type SqlParams = Record<string, SqlParam>;

/** Text parameters are declared wide (never shorter than the value), so an over-long value is an error, not a truncation. */
export function paramTypeFor(col: Pick<ColumnDef, 'sqlType'>, value: unknown): string {
  const m = /^n?(?:var)?char\((\d+|max)\)$/i.exec(col.sqlType);
  if (m) return typeof value === 'string' && value.length > 4000 ? 'nvarchar(max)' : 'nvarchar(4000)';
  return col.sqlType;
}

/**
 * The value to send for one cell. Sensitive and LicenseKey are revealed; a secret that arrives as
 * its `(sensitive)` placeholder (a plan read back from JSON) or a masked licence key is refused
 * rather than written over the real value.
 */
export function toDbValue(col: ColumnDef, value: unknown, table: string): unknown {
  if (value === undefined || value === null) return null;
  // A secret whose environment variable was unset when the project was read: never written as its stand-in.
  if (value instanceof UnsetSecret) {
    throw new MigrateError('DB_SECRET_UNAVAILABLE', `dc.${table}.${col.name}: the environment variable ${value.envName} is not set, so its value is not available to write`, {
      hint: `set ${value.envName} and run again; nothing is written without it`,
    });
  }
  if (value instanceof Sensitive) return value.reveal();
  if (value instanceof LicenseKey) return value.reveal();
  switch (col.kind) {
    case 'sensitive':
    case 'secretOrText':
      if (value === SENSITIVE_MARK) throw secretUnavailable(table, col.name);
      return String(value);
    case 'licenseKey':
      if (typeof value === 'string' && value.startsWith('…')) throw secretUnavailable(table, col.name);
      return String(value);
    case 'text':
      return String(value);
    case 'int':
    case 'bigint':
      return typeof value === 'number' ? value : Number(value);
    case 'bit':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'number') return value !== 0;
      return value === '1' || String(value).toLowerCase() === 'true';
    default: {
      const _exhaustive: never = col.kind;
      return _exhaustive;
    }
  }
}

function secretUnavailable(table: string, column: string): MigrateError {
  return new MigrateError('DB_SECRET_UNAVAILABLE', `dc.${table}.${column} holds a masked value, not the secret itself`, {
    hint: 'a plan read back from JSON carries no secrets; apply it with the project file (procall-migrate migrate -p FILE) so the values are read from the sources again',
  });
}
