/**
 * Cell values as the differ sees them, driven by the column kinds of the table catalog:
 * one place decides how a value is wrapped, compared and keyed.
 */
import type { ColumnDef, TableDef } from '../model/index.js';
import { isSecretType, LicenseKey, Sensitive } from '../model/index.js';

type Row = Record<string, unknown>;

/**
 * The value of one column, wrapped as its kind demands. A secret that arrives as a plain string
 * (a `secret` Setting's Value, a Credential) is wrapped here so no later step can print it.
 */
export function cellValue(col: ColumnDef, row: Row): unknown {
  const v = row[col.name] ?? null;
  if (v === null || typeof v !== 'string') return v;
  switch (col.kind) {
    case 'sensitive':
      return new Sensitive(v);
    case 'licenseKey':
      return new LicenseKey(v);
    case 'secretOrText':
      return isSecretType(row['Type']) ? new Sensitive(v) : v;
    case 'text':
    case 'int':
    case 'bigint':
    case 'bit':
      return v;
    default: {
      const _exhaustive: never = col.kind;
      return _exhaustive;
    }
  }
}

/** Whether two cell values of one column are the same, without revealing secrets. */
export function sameValue(col: ColumnDef, a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (a instanceof Sensitive || a instanceof LicenseKey) return a.equals(b);
  if (b instanceof Sensitive || b instanceof LicenseKey) return false;
  switch (col.kind) {
    // The reader may hand back bigint as a string and bit as 0/1.
    case 'int':
    case 'bigint':
      return Number(a) === Number(b);
    case 'bit':
      return Boolean(Number(a)) === Boolean(Number(b));
    case 'text':
    case 'sensitive':
    case 'licenseKey':
    case 'secretOrText':
      return false;
    default: {
      const _exhaustive: never = col.kind;
      return _exhaustive;
    }
  }
}

export type KeyPart = string | number;

/**
 * The matching form of one key column: text lowercased (the product's case-insensitive
 * collation), numbers as numbers, licence keys by their revealed value (in memory only).
 */
export function keyPart(col: ColumnDef, value: unknown): KeyPart {
  if (col.kind === 'int' || col.kind === 'bigint') return Number(value);
  const text = value instanceof LicenseKey || value instanceof Sensitive ? value.reveal() : String(value ?? '');
  return text.toLowerCase();
}

export function compareKeyParts(a: readonly KeyPart[], b: readonly KeyPart[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as KeyPart;
    const y = b[i] as KeyPart;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    // Code-unit order: the same on every machine, unlike localeCompare.
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/** A row prepared for diffing: its key in matching form and its cells in catalog order. */
export interface KeyedRow {
  id: string;
  parts: KeyPart[];
  cells: Row;
}

export function keyColumns(def: TableDef): ColumnDef[] {
  return def.key.map((name) => {
    const col = def.columns.find((c) => c.name === name);
    if (!col) throw new Error(`key column ${def.name}.${name} is not in the catalog`);
    return col;
  });
}

/** Projects a row onto the catalog's columns (dropping anything else) with wrapped values. */
export function keyedRow(def: TableDef, keyCols: readonly ColumnDef[], row: object): KeyedRow {
  const source = row as Row;
  const cells: Row = {};
  for (const col of def.columns) cells[col.name] = cellValue(col, source);
  const parts = keyCols.map((col) => keyPart(col, cells[col.name]));
  return { id: parts.join('\u0000'), parts, cells };
}

export function pickKey(def: TableDef, cells: Row): Row {
  const key: Row = {};
  for (const name of def.key) key[name] = cells[name];
  return key;
}
