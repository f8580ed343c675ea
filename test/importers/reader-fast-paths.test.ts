/**
 * The import's fast paths (issue 14) must read exactly what the slow ones did: names scanned
 * without a regular expression, attributes in objects with no Object.prototype, line starts found
 * with indexOf, entity paths kept off the enumerable properties.
 */
import { describe, expect, it } from 'vitest';
import { entity, pathOf, withPath } from '../../src/importers/entity-paths.js';
import { LineIndex } from '../../src/io/line-index.js';
import { parseXml } from '../../src/importers/xml.js';

describe('names', () => {
  it('reads element and attribute names with digits, dots, dashes, colons, · and letters beyond ASCII', () => {
    const r = parseXml('<ns:Wurzel-1.x a·b="1" _c:d="2" Straße="3"><Kind.ä/></ns:Wurzel-1.x>');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.root.name).toBe('ns:Wurzel-1.x');
    expect(Object.keys(r.root.attrs)).toEqual(['a·b', '_c:d', 'Straße']);
    expect(r.root.children[0]?.name).toBe('Kind.ä');
  });

  it.each([
    ['an end tag longer than its start tag', '<User></Users>', 6, 'expected </User> but found </Users>'],
    ['an end tag shorter than its start tag', '<Users></User>', 7, 'expected </Users> but found </User>'],
    ['an end tag of the same length', '<User></Usex>', 6, 'expected </User> but found </Usex>'],
    ['an end tag without a name', '<a></ >', 5, 'expected an element name after "</"'],
    ['an attribute starting with a digit', '<a 1b="x"/>', 3, 'unexpected character "1" in the start tag <a>'],
  ])('refuses %s where it starts, naming it', (_name, text, offset, message) => {
    const r = parseXml(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.offset).toBe(offset);
    expect(r.error.message).toBe(message);
  });
});

describe('attributes', () => {
  it('reads __proto__ and constructor as attributes like any other, and inherits nothing', () => {
    const r = parseXml('<a __proto__="p" constructor="c" b="1"/>');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.root.attrs)).toEqual(['__proto__', 'constructor', 'b']);
    expect(r.root.attrs.__proto__).toBe('p');
    expect(r.root.attrs.constructor).toBe('c');
    expect('toString' in r.root.attrs).toBe(false);
    expect('hasOwnProperty' in r.root.attrs).toBe(false);
  });

  it('keeps text between elements only when it is not whitespace', () => {
    const r = parseXml('<a>\r\n\t <b/> x <c/>\n</a>');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.root.text).toBe(' x ');
  });
});

describe('LineIndex', () => {
  it.each([
    ['\\n', 'a\nbc\n\nd', [[0, 1, 1], [2, 2, 1], [3, 2, 2], [5, 3, 1], [6, 4, 1]]],
    ['\\r\\n', 'a\r\nbc\r\n\r\nd', [[0, 1, 1], [3, 2, 1], [4, 2, 2], [7, 3, 1], [9, 4, 1]]],
    ['a lone \\r', 'a\rbc\r\nd\ne', [[2, 2, 1], [6, 3, 1], [8, 4, 1]]],
    ['no line break', 'abc', [[0, 1, 1], [2, 1, 3]]],
  ])('counts lines and columns with %s', (_name, text, cases) => {
    const index = new LineIndex(text);
    for (const [offset, line, column] of cases as Array<[number, number, number]>) expect(index.position(offset)).toEqual({ line, column });
  });
});

describe('entity paths', () => {
  it('keeps the path beside the entity: not in its JSON, keys or copies', () => {
    const user = entity({ userName: 'anna' }, { pos: { file: 'users.xml', line: 3, column: 3 } }, '/Users/User[2]');
    expect(pathOf(user)).toBe('/Users/User[2]');
    expect(JSON.stringify(user)).toBe('{"userName":"anna","pos":{"file":"users.xml","line":3,"column":3}}');
    expect(Object.keys(user)).toEqual(['userName', 'pos']);
    expect(pathOf({ ...user })).toBeUndefined();
    expect(user).toEqual({ userName: 'anna', pos: { file: 'users.xml', line: 3, column: 3 } });
  });

  it('lets a path be set again', () => {
    const group = withPath({ name: 'g' }, '/Groups/Group[1]');
    withPath(group, '/Groups/Group[2]');
    expect(pathOf(group)).toBe('/Groups/Group[2]');
  });
});
