/**
 * objectGUID in two forms: Active Directory sends 16 bytes (the first three groups
 * little-endian), the export writes the usual text form (`095f3e3d-6e2d-5964-b199-ab8498fcfce8`).
 * Both become the lower-case text form, so they compare as text.
 */

/** AD's 16 bytes → `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`; undefined for anything but 16 bytes. */
export function guidFromBytes(bytes: Uint8Array): string | undefined {
  if (bytes.length !== 16) return undefined;
  const hex = (from: number, to: number, reverse: boolean): string => {
    const part = Array.from(bytes.subarray(from, to));
    if (reverse) part.reverse();
    return part.map((b) => b.toString(16).padStart(2, '0')).join('');
  };
  return `${hex(0, 4, true)}-${hex(4, 6, true)}-${hex(6, 8, true)}-${hex(8, 10, false)}-${hex(10, 16, false)}`;
}

/**
 * The export's objectGUID as text form: with or without braces and dashes, any case; a base64
 * value of the 16 bytes (some tools export it so) is read as AD's bytes. Empty stays empty.
 */
export function normalizeGuid(value: string): string {
  const v = value.trim().replace(/^\{|\}$/g, '');
  if (v === '') return '';
  const plain = v.replace(/-/g, '');
  if (/^[0-9a-f]{32}$/i.test(plain)) {
    const h = plain.toLowerCase();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  if (/^[A-Za-z0-9+/]{22}==$/.test(v)) return guidFromBytes(Buffer.from(v, 'base64')) ?? v.toLowerCase();
  return v.toLowerCase();
}
