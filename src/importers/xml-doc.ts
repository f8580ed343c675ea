/**
 * A parsed export file plus what diagnostics need: positions of elements and attributes,
 * XPath-ish paths, and the export's diagnostic list. Positions are computed only when asked.
 */
import type { Diagnostic } from '../model/index.js';
import { diag } from '../model/index.js';
import type { Pos } from '../model/index.js';
import type { ImportCode } from './codes.js';
import { severityOf } from './codes.js';
import { LineIndex } from '../io/index.js';
import type { XmlElement } from './xml.js';

/** What a finding is about and the values its message is made of (catalogs render it from these). */
export type FindingData = Pick<Diagnostic, 'subject' | 'params'>;

/** Builds an import diagnostic with the code's default severity. */
export function importDiag(code: ImportCode, message: string, where: Omit<Diagnostic, 'code' | 'severity' | 'message'> = {}): Diagnostic {
  return diag(code, severityOf(code), message, where);
}

export class XmlDoc {
  readonly lines: LineIndex;
  /** Unknown-attribute reports already made in this file (`element@attr`), so each is made once. */
  readonly reported = new Set<string>();

  constructor(
    readonly file: string,
    readonly text: string,
    readonly root: XmlElement,
    readonly diagnostics: Diagnostic[],
  ) {
    this.lines = new LineIndex(text);
  }

  /** Position of an element's `<`. */
  pos(el: XmlElement): Pos {
    return { file: this.file, ...this.lines.position(el.start) };
  }

  /** Position of an attribute's name in an element's start tag (the element's when not found). */
  attrPos(el: XmlElement, attr: string): Pos {
    const re = new RegExp(`[\\s]${attr.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=`, 'g');
    re.lastIndex = el.start;
    const m = re.exec(this.text);
    return m ? { file: this.file, ...this.lines.position(m.index + 1) } : this.pos(el);
  }

  report(code: ImportCode, message: string, at: { el?: XmlElement; attr?: string; path?: string; hint?: string } & FindingData = {}): void {
    const pos = at.el === undefined ? { file: this.file } : at.attr !== undefined ? this.attrPos(at.el, at.attr) : this.pos(at.el);
    const where: Omit<Diagnostic, 'code' | 'severity' | 'message'> = { ...pos };
    if (at.path !== undefined) where.path = at.attr !== undefined ? `${at.path}/@${at.attr}` : at.path;
    if (at.hint !== undefined) where.hint = at.hint;
    if (at.subject !== undefined) where.subject = at.subject;
    if (at.params !== undefined) where.params = at.params;
    this.diagnostics.push(importDiag(code, message, where));
  }
}

/** Reports a diagnostic at an entity's recorded position. */
export function reportAt(out: Diagnostic[], code: ImportCode, message: string, pos: Pos, path?: string, hint?: string, data: FindingData = {}): void {
  const where: Omit<Diagnostic, 'code' | 'severity' | 'message'> = { file: pos.file, line: pos.line, column: pos.column };
  if (path !== undefined) where.path = path;
  if (hint !== undefined) where.hint = hint;
  if (data.subject !== undefined) where.subject = data.subject;
  if (data.params !== undefined) where.params = data.params;
  out.push(importDiag(code, message, where));
}
