import { createHash } from 'node:crypto';
import { inspect } from 'node:util';

/** What every rendering shows instead of a secret. */
export const SENSITIVE_MARK = '(sensitive)';

/** Whatever stands for a secret prints as `(sensitive)`: text, interpolation, `util.inspect`, JSON. */
export abstract class PrintsAsSensitive {
  toString(): string {
    return SENSITIVE_MARK;
  }
  toJSON(): string {
    return SENSITIVE_MARK;
  }
  [inspect.custom](): string {
    return SENSITIVE_MARK;
  }
  [Symbol.toPrimitive](): string {
    return SENSITIVE_MARK;
  }
}

/**
 * A secret value (password, credential, `secret` setting). Printing, logging, string
 * interpolation, `util.inspect` and `JSON.stringify` all show `(sensitive)`; only `reveal()`
 * gives the value, and only the database writer calls it.
 */
export class Sensitive extends PrintsAsSensitive {
  readonly #value: string;
  constructor(value: string) {
    super();
    this.#value = value;
  }
  /** The real value. Call only where it is written to the database. */
  reveal(): string {
    return this.#value;
  }
  /** Equality without revealing: the differ uses this to say "changed" without showing either side. */
  equals(other: unknown): boolean {
    return other instanceof Sensitive && other.#value === this.#value;
  }
}

/**
 * A licence key: shown everywhere as `…` plus its last four characters. The full key is a
 * database key column, so `reveal()` exists for the writer and the differ's key matching.
 */
export class LicenseKey {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  /** `…0001`: enough to recognise a key on the customer's licence sheet, not enough to use it. */
  get masked(): string {
    return `…${this.#value.slice(-4)}`;
  }
  /**
   * `#3fa2c1`: the first six hex digits of the key's sha256. Keys often end alike (`…0001` on
   * every sheet), so lists show it beside the last four characters to tell keys apart; six hex
   * digits of a hash give nothing back of the key.
   */
  get fingerprint(): string {
    return `#${createHash('sha256').update(this.#value, 'utf8').digest('hex').slice(0, 6)}`;
  }
  /** `…0001 #3fa2c1`: the masked key and its fingerprint, for lists where several keys stand side by side. */
  get shown(): string {
    return `${this.masked} ${this.fingerprint}`;
  }
  equals(other: unknown): boolean {
    return other instanceof LicenseKey && other.#value === this.#value;
  }
  toString(): string {
    return this.masked;
  }
  toJSON(): string {
    return this.masked;
  }
  [inspect.custom](): string {
    return this.masked;
  }
  [Symbol.toPrimitive](): string {
    return this.masked;
  }
}

/** Masks a licence key given as a plain string (e.g. inside an error message). */
export function maskLicenseKey(key: string): string {
  return `…${key.slice(-4)}`;
}

/**
 * Whether a setting row's `Type` marks its value as a secret. The database compares text
 * case-insensitively, so an admin's `Secret` is one too: its value must never be shown.
 */
export function isSecretType(type: unknown): boolean {
  return typeof type === 'string' && type.trim().toLowerCase() === 'secret';
}

/** `text` with every occurrence of the secret's value replaced by `(sensitive)` (a server's or driver's error message). */
export function maskSecretIn(text: string, secret: Sensitive | undefined): string {
  const value = secret?.reveal();
  return value ? text.split(value).join(SENSITIVE_MARK) : text;
}
