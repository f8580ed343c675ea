/**
 * T-SQL literals for the DBA script (script.ts) — the only place values are written into SQL
 * text, because the script is a file for a human to review and run with sqlcmd, never executed
 * by the tool. Strings become `N'…'` with `'` doubled; line breaks and other control characters
 * become `NCHAR(n)` so that no literal spans lines (sqlcmd reads `GO` and `:commands` per line),
 * and `$(` is split so sqlcmd never sees a scripting variable inside a value.
 */

function quoted(text: string): string {
  return `N'${text.replace(/'/g, "''")}'`;
}

/** `N'…'` (or a concatenation typed nvarchar(max) when it needs NCHAR() pieces). */
export function nstring(value: string): string {
  const parts: string[] = [];
  let current = '';
  let needsConcat = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    const code = ch.charCodeAt(0);
    if ((code < 0x20 && ch !== '\t') || code === 0x7f || code === 0x2028 || code === 0x2029) {
      if (current !== '') parts.push(quoted(current));
      parts.push(`NCHAR(${code})`);
      current = '';
      needsConcat = true;
    } else if (ch === '$' && value[i + 1] === '(') {
      parts.push(quoted(current + '$'));
      current = '';
      needsConcat = true;
    } else {
      current += ch;
    }
  }
  if (current !== '' || parts.length === 0) parts.push(quoted(current));
  if (!needsConcat) return parts[0] as string;
  // Concatenating nvarchar(n) pieces truncates at 4000 characters unless one piece is max.
  return `CAST(N'' AS nvarchar(max)) + ${parts.join(' + ')}`;
}

/** Any cell value as a literal: NULL, 1/0, a number, or nstring. */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (value instanceof Date) return nstring(value.toISOString());
  return nstring(String(value));
}

/** Text safe inside a `--` comment: one line, printable. */
export function commentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, '?');
}
