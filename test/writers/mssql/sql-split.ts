/**
 * Splits T-SQL into statements the way a reader must: on `;` and `GO` lines outside string
 * literals and comments; sqlcmd `:commands` are dropped. Good enough for asserting on our own
 * generated scripts, not a T-SQL parser.
 */
export interface SplitResult {
  statements: string[];
  batches: number;
  /** The text of every N'…' literal, unescaped. */
  literals: string[];
  /** Text with literals and comments removed (what the server parses as code). */
  code: string;
}

export function splitSql(text: string): SplitResult {
  const statements: string[] = [];
  const literals: string[] = [];
  let code = '';
  let current = '';
  let batches = 1;
  const lines = text.split('\n');
  for (const rawLine of lines) {
    const line = rawLine.replace(/\r$/, '');
    if (/^\s*GO\s*$/i.test(line)) {
      if (current.trim()) statements.push(current.trim());
      current = '';
      batches++;
      code += '\nGO\n';
      continue;
    }
    if (/^:/.test(line)) continue;
    let i = 0;
    while (i < line.length) {
      const ch = line[i] as string;
      if (ch === '-' && line[i + 1] === '-') break;
      if (ch === "'") {
        let lit = '';
        i++;
        for (;;) {
          if (i >= line.length) throw new Error(`unterminated literal on line: ${line}`);
          if (line[i] === "'") {
            if (line[i + 1] === "'") {
              lit += "'";
              i += 2;
              continue;
            }
            i++;
            break;
          }
          lit += line[i];
          i++;
        }
        literals.push(lit);
        current += "''";
        code += "''";
        continue;
      }
      if (ch === ';') {
        if (current.trim()) statements.push(current.trim());
        current = '';
        code += ';';
        i++;
        continue;
      }
      current += ch;
      code += ch;
      i++;
    }
    current += '\n';
    code += '\n';
  }
  if (current.trim()) statements.push(current.trim());
  return { statements, batches, literals, code };
}
