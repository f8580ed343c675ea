/**
 * Rows as the migration ledger (`dc.MigrationChange`, ledger.md) stores them: JSON scalars per
 * catalog column, with every secret (a `secret` Setting's Value, a Credential) and every licence
 * key replaced by a keyed hash (`hmac:` + HMAC-SHA-256 hex, the key random per database). The
 * planner compares base rows in this form; the writer records rows in it; no value of a secret
 * ever reaches the ledger.
 */
import { createHmac } from 'node:crypto';
import type { ColumnDef, TableDef } from '../model/index.js';
import { isSecretType, LicenseKey, PrintsAsSensitive, Sensitive } from '../model/index.js';
import { cellValue, keyColumns } from './values.js';

export type LedgerCell = string | number | boolean | null;
export type LedgerRow = Record<string, LedgerCell>;

/** Hashes a secret's text with the database's ledger key. */
export type SecretHasher = (secret: string) => string;

export const HASH_PREFIX = 'hmac:';

/** The hasher for a ledger key (hex): `hmac:` + HMAC-SHA-256(key, text) in hex. */
export function ledgerHasher(keyHex: string): SecretHasher {
  const key = Buffer.from(keyHex, 'hex');
  return (secret) => `${HASH_PREFIX}${createHmac('sha256', key).update(secret, 'utf8').digest('hex')}`;
}

/**
 * A secret's keyed hash as read from the ledger: printed as `(sensitive)` like the secret itself
 * (a hash is no value for a person), recorded again as the hash it is.
 */
export class HashedSecret extends PrintsAsSensitive {
  constructor(readonly hash: string) {
    super();
  }
}

/** Whether a stored cell is a keyed hash (a secret or a licence key). */
export function isHash(cell: unknown): cell is string {
  return typeof cell === 'string' && cell.startsWith(HASH_PREFIX) && /^hmac:[0-9a-f]{64}$/.test(cell);
}

/**
 * One model value in ledger form. Licence keys hash lowercased: they are row keys, and keys
 * compare case-insensitively (the product's collation).
 */
export function ledgerCell(col: ColumnDef, value: unknown, hash: SecretHasher): LedgerCell {
  if (value === null || value === undefined) return null;
  if (value instanceof HashedSecret) return value.hash;
  if (value instanceof LicenseKey) return hash(value.reveal().toLowerCase());
  if (value instanceof Sensitive) return hash(value.reveal());
  switch (col.kind) {
    case 'int':
    case 'bigint':
      return Number(value);
    case 'bit':
      return typeof value === 'boolean' ? value : Boolean(Number(value));
    case 'licenseKey':
      return hash(String(value).toLowerCase());
    case 'sensitive':
      return hash(String(value));
    case 'text':
    case 'secretOrText':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
    default: {
      const _exhaustive: never = col.kind;
      return _exhaustive;
    }
  }
}

/** A whole row (catalog columns, in catalog order) in ledger form. */
export function ledgerRow(def: TableDef, cells: Record<string, unknown>, hash: SecretHasher): LedgerRow {
  const out: LedgerRow = {};
  // A Type written by hand in another case (`Secret`; the database compares case-insensitively)
  // still marks the Value as a secret here: the ledger never holds it in plain text.
  const type = cells['Type'];
  const secretType = isSecretType(type);
  for (const col of def.columns) {
    // cellValue wraps a `secret` Setting's plain Value (and a plain Credential) first: hashed, never stored.
    const value = cellValue(col, cells);
    out[col.name] = ledgerCell(col, col.kind === 'secretOrText' && secretType && typeof value === 'string' ? new Sensitive(value) : value, hash);
  }
  return out;
}

/** The key columns of a row in ledger form (`RowKey`), in catalog key order. */
export function ledgerKey(def: TableDef, cells: Record<string, unknown>, hash: SecretHasher): LedgerRow {
  const out: LedgerRow = {};
  for (const name of def.key) {
    const col = keyColumns(def).find((c) => c.name === name) as ColumnDef;
    out[name] = ledgerCell(col, cellValue(col, cells), hash);
  }
  return out;
}

/**
 * The matching form of a ledger key: text lowercased, numbers as numbers, hashes as they are.
 * Desired, actual and base rows meet under this id.
 */
export function ledgerKeyId(def: TableDef, key: Record<string, unknown>): string {
  return keyColumns(def)
    .map((col) => {
      const v = key[col.name];
      if (col.kind === 'int' || col.kind === 'bigint') return String(Number(v));
      return String(v ?? '').toLowerCase();
    })
    .join('\u0000');
}

/** Whether two ledger-form cells of one column hold the same value. */
export function sameLedgerCell(col: ColumnDef, a: LedgerCell | undefined, b: LedgerCell | undefined): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === y) return true;
  if (x === null || y === null) return false;
  if (col.kind === 'int' || col.kind === 'bigint') return Number(x) === Number(y);
  if (col.kind === 'bit') return Boolean(Number(x)) === Boolean(Number(y));
  return false;
}

/** A base cell for people and for the plan: a hash shows as `(sensitive)`, anything else as stored. */
export function baseValue(cell: LedgerCell | undefined): unknown {
  if (cell === undefined) return null;
  return isHash(cell) ? new HashedSecret(cell) : cell;
}
