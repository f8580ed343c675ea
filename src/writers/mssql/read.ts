/**
 * Reads the target database back into the model (the planner's "actual"). Column kinds from the
 * catalog decide the conversion: bit → boolean, bigint (a string from tedious) → number,
 * Credential → Sensitive | null, a `secret` Setting's Value → Sensitive, LicenseKey → LicenseKey.
 * A database without schema `dc` reads as the empty model.
 */
import { emptyModel, type DataCenterModel } from '../../model/index.js';
import { SCHEMA, TABLES, type ColumnDef, type TableDef } from '../../model/index.js';
import { MigrateError } from '../../model/index.js';
import { isSecretType, LicenseKey, Sensitive } from '../../model/index.js';
import { fingerprintTables } from '../../plan/index.js';
import { assertNotNewer, readSchemaVersion } from './bootstrap.js';
import type { Db } from './db.js';
import { quoteIdent, tableRef } from './sql-names.js';

type Row = Record<string, unknown>;

/** One database value → the model's representation. */
export function fromDbValue(col: ColumnDef, value: unknown, row: Row): unknown {
  if (value === null || value === undefined) return null;
  switch (col.kind) {
    case 'text':
      return String(value);
    case 'int':
    case 'bigint':
      return Number(value);
    case 'bit':
      return value === true || value === 1 || value === '1';
    case 'sensitive':
      return new Sensitive(String(value));
    case 'licenseKey':
      return new LicenseKey(String(value));
    case 'secretOrText':
      return isSecretType(row['Type']) ? new Sensitive(String(value)) : String(value);
    default: {
      const _exhaustive: never = col.kind;
      return _exhaustive;
    }
  }
}

/** `SELECT <catalog columns> FROM [dc].[X] ORDER BY <key>`: writer-only columns are not read. */
export function selectTableSql(def: TableDef): string {
  return `SELECT ${def.columns.map((c) => quoteIdent(c.name)).join(', ')} FROM ${tableRef(def.name)} ORDER BY ${def.key.map(quoteIdent).join(', ')};`;
}

export function rowFromDb(def: TableDef, raw: Row): Row {
  const out: Row = {};
  for (const col of def.columns) out[col.name] = fromDbValue(col, raw[col.name], raw);
  return out;
}

/** The whole target as a DataCenterModel; refuses a schema newer than this tool. */
export async function readActual(db: Db): Promise<DataCenterModel> {
  const model = emptyModel();
  await eachTable(db, async (def, read) => {
    (model as unknown as Record<string, Row[]>)[def.name] = await read();
  });
  return model;
}

/**
 * `fingerprintModel(await readActual(db))`, read and hashed a table at a time: only one table's
 * rows are held (the apply's check that the target is still what was planned).
 */
export async function readTargetFingerprint(db: Db): Promise<string> {
  const tables = new Map<string, () => Promise<Row[]>>();
  await eachTable(db, async (def, read) => void tables.set(def.name, read));
  return fingerprintTables(async (def) => (await tables.get(def.name)?.()) ?? []);
}

/**
 * Calls `fn` for every catalog table the target has, with a reader of its rows (model form). A
 * database without schema `dc` has none; a half-bootstrapped one (tables missing) lacks those
 * (bootstrap adds them). Refuses a schema newer than this tool.
 */
async function eachTable(db: Db, fn: (def: TableDef, read: () => Promise<Row[]>) => Promise<void>): Promise<void> {
  const failed = (error: unknown): never => {
    if (error instanceof MigrateError) throw error;
    throw new MigrateError('DB_QUERY_FAILED', `reading ${db.description} failed: ${(error as Error).message ?? String(error)}`, { cause: error });
  };
  try {
    const schema = await db.query<{ id: number | null }>(`SELECT SCHEMA_ID(N'${SCHEMA}') AS id;`);
    if (schema[0]?.id == null) return;
    assertNotNewer(await readSchemaVersion(db), db.description);
    const present = await db.query<{ name: string }>(
      `SELECT t.name AS name FROM sys.tables AS t WHERE t.schema_id = SCHEMA_ID(N'${SCHEMA}');`,
    );
    const names = new Set(present.map((r) => r.name.toLowerCase()));
    for (const def of TABLES) {
      if (!names.has(def.name.toLowerCase())) continue;
      await fn(def, async () => (await db.query<Row>(selectTableSql(def)).catch(failed)).map((r) => rowFromDb(def, r)));
    }
  } catch (error) {
    failed(error);
  }
}
