/**
 * Bootstrap: creates schema `dc` and every contract table when absent, upgrades an older
 * SchemaVersion, refuses a newer one, and records the version in `dc.SchemaInfo`. Idempotent:
 * a second run finds everything and changes nothing. Runs inside the caller's transaction (a
 * fresh one otherwise) under the migration lock, so DDL rolls back with a failed apply.
 */
import { SCHEMA_VERSION } from '../../model/index.js';
import { MigrateError } from '../../model/index.js';
import type { Db } from './db.js';
import { createSchemaSql, createTablesSql, upgradeSql } from './ddl.js';
import { tableIdSql, tableRef, TEXT_COLLATION } from './sql-names.js';
import { acquireApplyLock, type LockOptions } from './lock.js';

export interface BootstrapOptions {
  /** The run's clock (SchemaInfo.InstalledAt). */
  clock: () => Date;
  toolVersion: string;
  lock?: LockOptions;
  /** The caller's session already holds the migration lock (a run: announce.ts). */
  locked?: boolean;
  /** Collation of the text columns; default: the Db's (`target.collation`), else TEXT_COLLATION. */
  collation?: string;
}

export interface BootstrapResult {
  /** The version found before (0 = no schema yet). */
  fromVersion: number;
  toVersion: number;
  created: boolean;
  upgraded: boolean;
}

/** The highest SchemaVersion recorded, 0 when there is no `dc.SchemaInfo` (or it is empty). */
export async function readSchemaVersion(db: Db): Promise<number> {
  const exists = await db.query<{ id: number | null }>(`SELECT ${tableIdSql('SchemaInfo')} AS id;`);
  if (exists[0]?.id == null) return 0;
  const rows = await db.query<{ v: number | null }>(`SELECT MAX([SchemaVersion]) AS v FROM ${tableRef('SchemaInfo')};`);
  return Number(rows[0]?.v ?? 0);
}

/** Throws DB_SCHEMA_NEWER when the database was seeded by a newer tool. */
export function assertNotNewer(found: number, where: string): void {
  if (found > SCHEMA_VERSION) {
    throw new MigrateError(
      'DB_SCHEMA_NEWER',
      `${where} has schema version ${found}; this procall-migrate knows version ${SCHEMA_VERSION} and does not write to or read a newer one`,
      { hint: 'use the procall-migrate version that seeded this database, or a newer one', meta: { found, supported: SCHEMA_VERSION } },
    );
  }
}

/** Creates or upgrades the schema; see the file comment. */
export function bootstrap(db: Db, options: BootstrapOptions): Promise<BootstrapResult> {
  return db.transaction(async (tx) => {
    if (!options.locked) await acquireApplyLock(tx, options.lock);
    const fromVersion = await readSchemaVersion(tx);
    assertNotNewer(fromVersion, tx.description);
    await tx.execute(createSchemaSql());
    // Upgrades only apply to a seeded database; a fresh one gets the current tables directly.
    const collation = options.collation ?? db.collation ?? TEXT_COLLATION;
    const upgrades = fromVersion > 0 ? upgradeSql(fromVersion, SCHEMA_VERSION, collation) : [];
    for (const statement of upgrades) await tx.execute(statement);
    for (const statement of createTablesSql(collation)) await tx.execute(statement);
    if (fromVersion < SCHEMA_VERSION) {
      await tx.execute(
        `INSERT INTO ${tableRef('SchemaInfo')} ([SchemaVersion], [InstalledAt], [ToolVersion])
SELECT @version, @installedAt, @toolVersion
WHERE NOT EXISTS (SELECT 1 FROM ${tableRef('SchemaInfo')} WHERE [SchemaVersion] = @version);`,
        {
          version: { type: 'int', value: SCHEMA_VERSION },
          installedAt: { type: 'datetime2', value: options.clock() },
          toolVersion: { type: 'nvarchar(32)', value: options.toolVersion.slice(0, 32) },
        },
      );
    }
    return {
      fromVersion,
      toVersion: SCHEMA_VERSION,
      created: fromVersion === 0,
      upgraded: fromVersion > 0 && fromVersion < SCHEMA_VERSION,
    };
  });
}
