/**
 * One CSV line split into its fields (RFC 4180 quoting: `"a;b"`, `"say ""hi"""`), trimmed, a `#`
 * outside quotes starting a comment. For small two-column files read line by line (the
 * home-server mapping): a field never spans lines there, so an unclosed quote is an error of
 * its line. Pure and allocation-light: a line without quotes is split by `indexOf` alone.
 */
export type CsvLine = { ok: true; fields: string[] } | { ok: false; problem: string };

const EMPTY: CsvLine = { ok: true, fields: [] };

/** The fields of `line` (CR at the end ignored); no fields for an empty or comment-only line. */
export function splitCsvLine(line: string, delimiter: string): CsvLine {
  let text = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (!text.includes('"')) {
    const hash = text.indexOf('#');
    if (hash >= 0) text = text.slice(0, hash);
    if (text.trim() === '') return EMPTY;
    return { ok: true, fields: text.split(delimiter).map((f) => f.trim()) };
  }
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) return { ok: false, problem: `a quote opened at column ${i} is not closed on this line` };
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      while (text[i] === ' ' || text[i] === '\t') i++;
      if (i < text.length && text[i] !== delimiter && text[i] !== '#') return { ok: false, problem: `unexpected "${text[i]}" after a closing quote at column ${i + 1}` };
    } else {
      let stop = i;
      while (stop < text.length && text[stop] !== delimiter && text[stop] !== '#') {
        if (text[stop] === '"') return { ok: false, problem: `a quote inside an unquoted value at column ${stop + 1}` };
        stop++;
      }
      field = text.slice(i, stop).trim();
      i = stop;
    }
    fields.push(field);
    if (i >= text.length || text[i] === '#') break;
    i++; // the delimiter
  }
  return fields.length === 1 && fields[0] === '' ? EMPTY : { ok: true, fields };
}
