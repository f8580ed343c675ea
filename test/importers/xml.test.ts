/** The XML reader: what it refuses (with the offset a user's editor would show) and what it accepts. */
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/importers/xml.js';

describe('parseXml', () => {
  it.each([
    ['mismatched end tag', '<a><b></a>', 6],
    ['boolean attribute', '<a b="1" c></a>', 10],
    ['repeated attribute', '<a b="1" b="2"/>', 9],
    ['unclosed quote', '<a b="1/>', 3],
    ['"<" in an attribute value', '<a b="<"/>', 6],
    ['text before the root', 'x<a/>', 0],
    ['two roots', '<a/><b/>', 4],
    ['text after the root', '<a/>junk', 4],
    ['unterminated start tag', '<a><b', 5],
    ['invalid element name', '<1a/>', 1],
    ['bare ampersand', '<a>&</a>', 3],
    ['unknown entity', '<a>&foo;</a>', 3],
    ['empty document', '', 0],
    ['unquoted attribute value', '<a b=1/>', 5],
    ['"]]>" in text', '<a>]]></a>', 3],
    ['DOCTYPE', '<!DOCTYPE a [<!ENTITY x "yy">]><a>&x;</a>', 0],
    ['control character', '<a>\u0001</a>', 3],
    ['unclosed element at end of file', '<a><b></b>', 10],
    ['"--" inside a comment', '<a><!-- x -- y --></a>', 10],
    ['"--->" ending a comment', '<a/><!-- x --->', 11],
    ['a reference to U+0000 written with leading zeros', '<a b="&#x0000;"/>', 6],
    ['the XML declaration after a blank line', '\n<?xml version="1.0"?><a/>', 1],
  ])('refuses %s', (_name, text, offset) => {
    const r = parseXml(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.offset).toBe(offset);
  });

  it('reads attributes, references, CDATA and comments', () => {
    const r = parseXml('<?xml version="1.0"?>\r\n<!-- c --><a x="1 &amp; 2" y=\'&#x41;\r\nB\'><b/><![CDATA[<raw>]]> t&lt;</a><?pi x?>');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.root.attrs).toEqual({ x: '1 & 2', y: 'A B' });
    expect(r.root.children.map((c) => c.name)).toEqual(['b']);
    expect(r.root.text).toBe('<raw> t<');
    expect(r.root.start).toBe(33);
  });

  it('normalises literal line breaks in attribute values but keeps character references (&#10;, &#x9;)', () => {
    const r = parseXml('<a x="1\r\n2\t3" y="1&#10;2&#x9;3&#13;" z = \'a > b\' w="&#0000228;&#x00FC;"/>');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.root.attrs).toEqual({ x: '1 2 3', y: '1\n2\t3\r', z: 'a > b', w: 'äü' });
  });

  it('accepts an empty comment, a BOM before the declaration and a standalone declaration', () => {
    expect(parseXml('\uFEFF<?xml version="1.0" encoding="UTF-16" standalone="yes"?><!----><a/><!-- - -->').ok).toBe(true);
  });

  it('reads 100,000 levels of nesting without overflowing the stack', () => {
    const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
    expect(parseXml(deep).ok).toBe(true);
  });
});
