/**
 * Reads one export file: bytes (with digest) → decoded text → XML tree with the expected root.
 * Each step that fails reports where and why, and the file is skipped; nothing throws.
 */
import crypto from 'node:crypto';
import type { Diagnostic } from '../model/index.js';
import type { ExportFile } from '../model/index.js';
import { decodeText } from '../io/index.js';
import type { ExportEntry, ExportSource } from './export-source.js';
import type { EntryKind, ReadBudget } from './read-budget.js';
import { parseXml } from './xml.js';
import { importDiag, XmlDoc } from './xml-doc.js';

export interface ExportReadContext {
  readonly source: ExportSource;
  readonly diagnostics: Diagnostic[];
  readonly files: ExportFile[];
  /** The export's size budget: every read goes through it. */
  readonly budget: ReadBudget;
}

/**
 * One-shot `crypto.hash` (Node ≥ 20.12) where there is one: an export has a small file per user,
 * and a Hash object per file cost three times as much (issue 14).
 */
const sha256Hex: (bytes: Buffer) => string =
  typeof crypto.hash === 'function' ? (bytes) => crypto.hash('sha256', bytes, 'hex') : (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

/** The decoded text of an entry, or undefined (reported) when it cannot be read or decoded. */
async function loadText(ctx: ExportReadContext, entry: ExportEntry, kind: EntryKind): Promise<string | undefined> {
  const bytes = await ctx.budget.read(ctx.source, entry, kind, ctx.diagnostics);
  if (bytes === undefined) return undefined;
  ctx.files.push({ path: entry.name, sha256: sha256Hex(bytes), size: bytes.length });
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    const where: Omit<Diagnostic, 'code' | 'severity' | 'message'> = { file: entry.name };
    if (decoded.line !== undefined) where.line = decoded.line;
    if (decoded.column !== undefined) where.column = decoded.column;
    ctx.diagnostics.push(importDiag('IMPORT_FILE_ENCODING', `${entry.name} is ${decoded.message}`, { ...where, subject: `file:${entry.name}`, params: { file: entry.name } }));
    return undefined;
  }
  // Counted before parsing: a small ZIP can inflate to millions of elements (each costs a tree node and a model object).
  if (!ctx.budget.admitElements(entry.name, decoded.text, kind, ctx.diagnostics)) return undefined;
  return decoded.text;
}

/** Reads, decodes and parses an entry; checks the root element when the format names one. */
export async function loadXml(ctx: ExportReadContext, entry: ExportEntry, expectedRoot: string | undefined, kind: EntryKind = 'file'): Promise<XmlDoc | undefined> {
  const text = await loadText(ctx, entry, kind);
  return text === undefined ? undefined : parseDoc(ctx.diagnostics, entry.name, text, expectedRoot);
}

function parseDoc(out: Diagnostic[], file: string, text: string, expectedRoot: string | undefined): XmlDoc | undefined {
  const parsed = parseXml(text);
  if (!parsed.ok) {
    const { error } = parsed;
    const doc = new XmlDoc(file, text, { name: '', attrs: {}, children: [], text: '', start: error.offset }, out);
    const at = doc.lines.position(error.offset);
    let message = `${file} is not well-formed XML: ${error.message}`;
    if (error.openedAt !== undefined) {
      const opened = doc.lines.position(error.openedAt);
      message += ` (opened at line ${opened.line}, column ${opened.column})`;
    }
    out.push(importDiag('IMPORT_XML_MALFORMED', message, { file, ...at, subject: `file:${file}`, params: { file, reason: error.message } }));
    return undefined;
  }
  const doc = new XmlDoc(file, text, parsed.root, out);
  if (expectedRoot !== undefined && parsed.root.name !== expectedRoot) {
    doc.report('IMPORT_UNKNOWN_ROOT_ELEMENT', `${file} has the root element <${parsed.root.name}>, expected <${expectedRoot}>; the file is not read`, {
      el: parsed.root,
      path: `/${parsed.root.name}`,
      subject: `file:${file}`,
      params: { file, element: parsed.root.name, expected: expectedRoot },
    });
    return undefined;
  }
  return doc;
}
