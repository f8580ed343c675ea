/**
 * The report as a language-resolved document: sections of paragraphs and tables whose cells are
 * short runs of text with a kind. `build-document.ts` fills it from ReportData and the catalog;
 * the HTML and Markdown renderers only lay it out, so both always show the same content.
 */

export type Audience = 'customer' | 'consultant';

export type InlineKind =
  | 'text'
  | 'strong'
  | 'muted'
  /** A technical value (setting key, host name): monospace. */
  | 'code'
  /** A file or UNC path: monospace, breaks only after a separator. */
  | 'path'
  /** A status or severity badge; `cls` picks its colour. */
  | 'badge'
  /** Something still to decide. */
  | 'todo'
  | 'br';

export interface Inline {
  kind: InlineKind;
  text: string;
  cls?: string;
}

export type Cell = Inline[];

export interface Table {
  type: 'table';
  head: string[];
  rows: Cell[][];
  /** Column indexes shown right-aligned. */
  numeric?: number[];
  /** Column widths in percent (fixed layout). */
  widths?: number[];
  /** The sortable, filterable user table (HTML adds its controls and script). */
  interactive?: { id: string; filterColumn: number; filterLabel: string; placeholder: string; allLabel: string; shownTemplate: string; sortHint: string; moreTemplate: string; largeNote: string; options: string[] };
  /** Text instead of an empty table. */
  empty: string;
}

export type Block =
  /** `only`: a sentence that fits one format (the HTML's chart has colours; Markdown has only the table). */
  | { type: 'p'; inl: Inline[]; cls?: string; only?: 'html' | 'markdown' }
  | Table
  | { type: 'chart'; svg: string }
  | { type: 'group'; title: Inline[]; blocks: Block[] }
  | { type: 'signature'; parties: string[]; fields: string[] };

export interface Section {
  id: string;
  title: string;
  /** In print, goes on after the previous section instead of starting a new page (short sections). */
  continues?: boolean;
  blocks: Block[];
}

export interface ReportDocument {
  lang: string;
  title: string;
  heading: string;
  subtitle: string;
  /** A note under the subtitle (preview / made from a plan). */
  notice: string;
  /** DRAFT: the word on every page and the banner text. */
  draft?: { word: string; banner: string };
  /** Print header: left the customer, right the plan digest (or that it is a preview). */
  printHeader: { left: string; right: string };
  cards: { value: string; label: string; cls?: string }[];
  contentsTitle: string;
  sections: Section[];
}

export const txt = (text: string, kind: InlineKind = 'text', cls?: string): Inline => (cls ? { kind, text, cls } : { kind, text });
export const cell = (text: string, kind: InlineKind = 'text', cls?: string): Cell => (text === '' ? [] : [txt(text, kind, cls)]);
