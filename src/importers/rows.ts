/**
 * Reads repeated elements through their format schema: each row's string attributes are
 * checked and mapped to model fields; a row that fails is reported (file, line, column, path)
 * and left out, the others go on. Unknown elements and attributes are reported, never dropped silently.
 */
import type { Pos } from '../model/index.js';
import type { RowSpec } from './format.js';
import { XML_ATTRIBUTE } from './format.js';
import type { XmlElement } from './xml.js';
import type { XmlDoc } from './xml-doc.js';

export interface Row<T> {
  value: T;
  el: XmlElement;
  /** XPath-ish path of the element, e.g. `/Users/User[12]`. */
  path: string;
  pos: Pos;
}

export interface Rows<T> {
  rows: Row<T>[];
  /** Elements that failed their schema (already reported). */
  invalid: XmlElement[];
}

/** Reads the children of `parent` named `spec.element`. */
export function readRows<T>(doc: XmlDoc, parent: XmlElement, parentPath: string, spec: RowSpec<T>): Rows<T> {
  const rows: Row<T>[] = [];
  const invalid: XmlElement[] = [];
  let index = 0;
  for (const el of parent.children) {
    if (el.name !== spec.element) continue;
    index++;
    // Joined, not concatenated: one flat string instead of a chain of five (the imported model
    // keeps every row's path; 20 MB at 50,000 users as chains).
    const path = [parentPath, '/', spec.element, '[', index, ']'].join('');
    const row = readRow(doc, el, path, spec);
    if (row === undefined) invalid.push(el);
    else rows.push(row);
  }
  return { rows, invalid };
}

/** Reads one element through its spec; undefined (and reported) when it does not fit. */
export function readRow<T>(doc: XmlDoc, el: XmlElement, path: string, spec: RowSpec<T>): Row<T> | undefined {
  reportUnknownAttributes(doc, el, path, spec.attributes);
  const parsed = spec.schema.safeParse(el.attrs);
  if (parsed.success) return { value: parsed.data, el, path, pos: doc.pos(el) };
  for (const issue of parsed.error.issues) {
    const attr = String(issue.path[0] ?? '');
    const given = el.attrs[attr];
    if (given === undefined || given.trim() === '') {
      doc.report('IMPORT_MISSING_VALUE', `<${el.name}> has no ${attr}; it is required`, { el, path, subject: `file:${doc.file}`, params: { element: el.name, attribute: attr } });
    } else {
      // A rule that names its subject itself (a setting's key and value) is shown as it is.
      const custom = issue.code === 'custom' ? (issue.params as { standalone?: boolean; finding?: { key: string; value?: string; expected: string } } | undefined) : undefined;
      const standalone = custom?.standalone === true;
      // A setting's finding names its key (the project's `settings:` can decide it: decided-by-project.ts).
      const about = custom?.finding === undefined ? { subject: `file:${doc.file}`, params: { element: el.name, attribute: attr } } : { subject: `setting:${custom.finding.key}`, params: { element: el.name, attribute: attr, ...custom.finding } };
      doc.report('IMPORT_WRONG_VALUE_TYPE', standalone ? issue.message : `${attr} of <${el.name}>: ${issue.message}`, { el, attr, path, ...about });
    }
  }
  return undefined;
}

function reportUnknownAttributes(doc: XmlDoc, el: XmlElement, path: string, known: readonly string[]): void {
  for (const attr in el.attrs) {
    if (known.includes(attr) || XML_ATTRIBUTE.test(attr)) continue;
    const seen = `${el.name}@${attr}`;
    if (doc.reported.has(seen)) continue;
    doc.reported.add(seen);
    doc.report('IMPORT_UNKNOWN_ATTRIBUTE', `attribute ${attr} of <${el.name}> is not part of the export format; it is not migrated (reported once per file)`, { el, attr, path, subject: `file:${doc.file}`, params: { element: el.name, attribute: attr } });
  }
}

/** Reports children of `parent` the format does not name (once per element name and file). */
export function reportUnknownChildren(doc: XmlDoc, parent: XmlElement, parentPath: string, known: readonly string[]): void {
  for (const el of parent.children) {
    if (known.includes(el.name)) continue;
    const seen = `<${parent.name}>/<${el.name}>`;
    if (doc.reported.has(seen)) continue;
    doc.reported.add(seen);
    doc.report('IMPORT_UNKNOWN_ELEMENT', `element <${el.name}> inside <${parent.name}> is not part of the export format; it is not migrated`, { el, path: `${parentPath}/${el.name}`, subject: `file:${doc.file}`, params: { element: el.name, parent: parent.name } });
  }
}
