/**
 * A strict, single-pass XML reader for export files: checks well-formedness and builds the
 * element tree in the same pass, so every file is read once (running a validator and then a
 * parser would read it twice) and every element keeps its offset for line/column positions.
 * DOCTYPE is refused: export files never need one, and refusing it rules out entity expansion.
 */

export interface XmlElement {
  readonly name: string;
  /** Attribute values, entity references decoded (null-prototype object). */
  readonly attrs: Record<string, string>;
  readonly children: XmlElement[];
  /** Non-whitespace character data directly inside the element, concatenated. */
  text: string;
  /** Offset of the element's `<` in the decoded text. */
  readonly start: number;
}

export interface XmlSyntaxError {
  /** Offset in the decoded text where the problem is. */
  offset: number;
  message: string;
  /** Offset of the start tag an unclosed or mismatched element opened at. */
  openedAt?: number;
}

export type XmlParseResult = { ok: true; root: XmlElement } | { ok: false; error: XmlSyntaxError };

const NAME = /[A-Za-z_:\u00C0-\uFFFF][-\w.:\u00B7\u00C0-\uFFFF]*/y;
const INVALID_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
// Leading zeros are allowed (`&#0000228;`); the value is range-checked after parsing.
const REFERENCE = /&(?:(lt|gt|amp|quot|apos)|#0*([0-9]{1,7})|#x0*([0-9a-fA-F]{1,6}));/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const LINE_BREAKS = /\r\n|[\t\n\r]/g;
/** Attribute-value normalisation of literal text: each line break or tab becomes one space. */
const normaliseLiteral = (text: string): string => (/[\t\n\r]/.test(text) ? text.replace(LINE_BREAKS, ' ') : text);
const asIs = (text: string): string => text;

/**
 * An element's attributes: an object with no Object.prototype in its chain (so `__proto__` or
 * `constructor` is an attribute like any other), but, unlike Object.create(null), with fast
 * properties: elements with the same attributes share one hidden class.
 */
const Attributes = function Attributes() {} as unknown as new () => object;
Attributes.prototype = Object.create(null) as object;

class Failure {
  constructor(readonly error: XmlSyntaxError) {}
}
function fail(offset: number, message: string, openedAt?: number): never {
  throw new Failure(openedAt === undefined ? { offset, message } : { offset, message, openedAt });
}

/** Parses a whole document; never throws on bad input. */
export function parseXml(text: string): XmlParseResult {
  const bad = INVALID_CHAR.exec(text);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return { ok: false, error: { offset: bad.index, message: `character U+${code} is not allowed in XML` } };
  }
  try {
    return { ok: true, root: new Reader(text).document() };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, error: e.error };
    throw e;
  }
}

/**
 * Where the XML name starting at `from` ends (`from` itself when none starts there): the same
 * characters as NAME, scanned without a match array or a string per name (one element and a few
 * attributes per line of a 50,000-user file).
 */
function nameEnd(s: string, from: number): number {
  const c0 = s.charCodeAt(from);
  if (!((c0 >= 0x61 && c0 <= 0x7a) || (c0 >= 0x41 && c0 <= 0x5a) || c0 === 0x5f || c0 === 0x3a || c0 >= 0xc0)) return from;
  let i = from + 1;
  for (;;) {
    const c = s.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d || c === 0x2e || c === 0x3a || c === 0xb7 || c >= 0xc0) i++;
    else return i;
  }
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

class Reader {
  i = 0;
  /**
   * Names already read in this document, by first and last character and length: the same name
   * read again is the same string, so no new string is made for it and, as a property key, it is
   * looked up once (a users.xml repeats ~15 attribute names 50,000 times).
   */
  private readonly names: Array<string | undefined> = new Array<string | undefined>(256).fill(undefined);
  constructor(private readonly s: string) {}

  /** The name from `from` to `to` (already scanned by nameEnd). */
  private name(from: number, to: number): string {
    const s = this.s;
    const length = to - from;
    const slot = (s.charCodeAt(from) * 31 + s.charCodeAt(to - 1) * 7 + length) & 255;
    const seen = this.names[slot];
    if (seen !== undefined && seen.length === length && s.startsWith(seen, from)) return seen;
    const name = s.slice(from, to);
    this.names[slot] = name;
    return name;
  }

  document(): XmlElement {
    const s = this.s;
    if (s.charCodeAt(0) === 0xfeff) this.i = 1;
    if (s.startsWith('<?xml', this.i) && isWs(s.charCodeAt(this.i + 5))) this.processingInstruction(true);
    let root: XmlElement | undefined;
    for (;;) {
      this.skipWs();
      if (this.i >= s.length) break;
      if (s.charCodeAt(this.i) !== 0x3c) fail(this.i, root ? 'text after the root element' : 'text before the root element');
      if (s.startsWith('<!--', this.i)) this.comment();
      else if (s.startsWith('<?', this.i)) this.processingInstruction(false);
      else if (s.startsWith('<!', this.i)) fail(this.i, 'DOCTYPE and other declarations are not allowed in an export file');
      else if (root) fail(this.i, `a second root element (the root <${root.name}> is already closed)`);
      else root = this.element();
    }
    if (!root) fail(this.i, 'no root element (the file is empty)');
    return root;
  }

  private skipWs(): void {
    const s = this.s;
    while (this.i < s.length && isWs(s.charCodeAt(this.i))) this.i++;
  }

  private comment(): void {
    const end = this.s.indexOf('-->', this.i + 4);
    if (end < 0) fail(this.i, 'comment is not closed (missing "-->")');
    // XML forbids "--" inside a comment (and "--->" at its end); other parsers refuse such a file too.
    const dashes = this.s.indexOf('--', this.i + 4);
    if (dashes < end) fail(dashes, '"--" is not allowed inside a comment');
    this.i = end + 3;
  }

  private processingInstruction(declaration: boolean): void {
    const end = this.s.indexOf('?>', this.i + 2);
    if (end < 0) fail(this.i, 'processing instruction is not closed (missing "?>")');
    NAME.lastIndex = this.i + 2;
    const target = NAME.exec(this.s)?.[0];
    if (target === undefined) fail(this.i + 2, 'processing instruction without a name');
    if (!declaration && target.toLowerCase() === 'xml') fail(this.i, 'the XML declaration is only allowed at the very start of the file');
    this.i = end + 2;
  }

  /** Reads an element and all its content iteratively (deep nesting cannot overflow the stack). */
  private element(): XmlElement {
    const s = this.s;
    const first = this.startTag();
    if (first.selfClosing) return first.el;
    const stack: XmlElement[] = [first.el];
    while (stack.length > 0) {
      const cur = stack[stack.length - 1]!;
      const lt = s.indexOf('<', this.i);
      if (lt < 0) fail(s.length, `unexpected end of file: <${cur.name}> is not closed`, cur.start);
      if (lt > this.i) this.characters(cur, this.i, lt);
      this.i = lt;
      const c = s.charCodeAt(lt + 1);
      if (c === 0x2f) {
        const end = nameEnd(s, lt + 2);
        if (end === lt + 2) fail(lt + 2, 'expected an element name after "</"');
        // Compared in place: no string is made for a matching end tag.
        if (end - lt - 2 !== cur.name.length || !s.startsWith(cur.name, lt + 2)) fail(lt, `expected </${cur.name}> but found </${s.slice(lt + 2, end)}>`, cur.start);
        const name = cur.name;
        this.i = end;
        this.skipWs();
        if (s.charCodeAt(this.i) !== 0x3e) fail(this.i, `expected ">" to end </${name}>`);
        this.i++;
        stack.pop();
      } else if (c === 0x21) {
        if (s.startsWith('<!--', lt)) this.comment();
        else if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end < 0) fail(lt, 'CDATA section is not closed (missing "]]>")');
          cur.text += s.slice(lt + 9, end);
          this.i = end + 3;
        } else fail(lt, 'DOCTYPE and other declarations are not allowed inside an element');
      } else if (c === 0x3f) this.processingInstruction(false);
      else {
        const next = this.startTag();
        cur.children.push(next.el);
        if (!next.selfClosing) stack.push(next.el);
      }
    }
    return first.el;
  }

  private characters(cur: XmlElement, from: number, to: number): void {
    // The indentation between elements is the common case: checked in place, no string made.
    let k = from;
    while (k < to && isWs(this.s.charCodeAt(k))) k++;
    if (k === to) return;
    const raw = this.s.slice(from, to);
    const cdataEnd = raw.indexOf(']]>');
    if (cdataEnd >= 0) fail(from + cdataEnd, '"]]>" is not allowed in text');
    cur.text += raw.includes('&') ? this.references(raw, from) : raw;
  }

  private startTag(): { el: XmlElement; selfClosing: boolean } {
    const s = this.s;
    const start = this.i;
    const nameTo = nameEnd(s, start + 1);
    if (nameTo === start + 1) fail(start + 1, 'expected an element name after "<"');
    const name = this.name(start + 1, nameTo);
    this.i = nameTo;
    const attrs = new Attributes() as Record<string, string>;
    const el: XmlElement = { name, attrs, children: [], text: '', start };
    for (;;) {
      const before = this.i;
      this.skipWs();
      const c = s.charCodeAt(this.i);
      if (c === 0x3e) {
        this.i++;
        return { el, selfClosing: false };
      }
      if (c === 0x2f) {
        if (s.charCodeAt(this.i + 1) !== 0x3e) fail(this.i, `expected "/>" to end <${name}>`);
        this.i += 2;
        return { el, selfClosing: true };
      }
      if (Number.isNaN(c)) fail(this.i, `unexpected end of file inside the start tag <${name}>`, start);
      if (this.i === before) fail(this.i, `expected a space, ">" or "/>" in the start tag <${name}>`);
      this.attribute(name, attrs);
    }
  }

  private attribute(element: string, attrs: Record<string, string>): void {
    const s = this.s;
    const at = this.i;
    const nameTo = nameEnd(s, at);
    if (nameTo === at) fail(at, `unexpected character ${JSON.stringify(s[at])} in the start tag <${element}>`);
    const name = this.name(at, nameTo);
    this.i = nameTo;
    this.skipWs();
    if (s.charCodeAt(this.i) !== 0x3d) fail(this.i, `attribute ${name} has no value (expected "=")`);
    this.i++;
    this.skipWs();
    const quote = s[this.i];
    if (quote !== '"' && quote !== "'") fail(this.i, `the value of attribute ${name} must be in quotes`);
    const end = s.indexOf(quote, this.i + 1);
    if (end < 0) fail(at, `the value of attribute ${name} is not closed`);
    // One pass over the value for "<" (refused) and for what needs more work ("&", tab, line breaks).
    let special = false;
    for (let k = this.i + 1; k < end; k++) {
      const c = s.charCodeAt(k);
      if (c > 0x3c) continue;
      if (c === 0x3c) fail(k, `"<" is not allowed in the value of attribute ${name}`);
      if (c === 0x26 || c === 0x09 || c === 0x0a || c === 0x0d) special = true;
    }
    let value = s.slice(this.i + 1, end);
    // Normalisation applies to literal line breaks and tabs only; `&#10;` stays a line break.
    if (special) value = value.includes('&') ? this.references(value, this.i + 1, normaliseLiteral) : normaliseLiteral(value);
    if (name in attrs) fail(at, `attribute ${name} appears twice`);
    attrs[name] = value;
    this.i = end + 1;
  }

  /** Decodes `&lt;`-style and numeric references in `raw`, which starts at offset `base`; `literal` maps the text between them. */
  private references(raw: string, base: number, literal: (text: string) => string = asIs): string {
    let out = '';
    let from = 0;
    for (let amp = raw.indexOf('&'); amp >= 0; amp = raw.indexOf('&', from)) {
      REFERENCE.lastIndex = amp;
      const m = REFERENCE.exec(raw);
      if (!m) fail(base + amp, '"&" must start a reference such as &amp; (unknown or unterminated entity)');
      let ch: string;
      if (m[1] !== undefined) ch = PREDEFINED[m[1]]!;
      else {
        const code = m[2] !== undefined ? Number.parseInt(m[2], 10) : Number.parseInt(m[3]!, 16);
        const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
        if (!allowed) fail(base + amp, `character reference ${m[0]} names a character XML does not allow`);
        ch = String.fromCodePoint(code);
      }
      out += literal(raw.slice(from, amp)) + ch;
      from = REFERENCE.lastIndex;
    }
    return out + literal(raw.slice(from));
  }
}
