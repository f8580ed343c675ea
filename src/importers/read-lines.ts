/** config/lines.xml → line groups with their lines. */
import type { LineGroup } from '../model/index.js';
import { entity } from './entity-paths.js';
import { LINES, ROOTS } from './format.js';
import { readRows, reportUnknownChildren } from './rows.js';
import type { XmlDoc } from './xml-doc.js';

export function readLines(doc: XmlDoc): LineGroup[] {
  const rootPath = `/${ROOTS.lines}`;
  reportUnknownChildren(doc, doc.root, rootPath, [LINES.lineGroup.element]);
  return readRows(doc, doc.root, rootPath, LINES.lineGroup).rows.map((group) => {
    reportUnknownChildren(doc, group.el, group.path, [LINES.line.element]);
    const lines = readRows(doc, group.el, group.path, LINES.line).rows.map((row) =>
      entity(row.value, { lineGroup: group.value.name, pos: row.pos }, row.path),
    );
    return entity(group.value, { lines, pos: group.pos }, group.path);
  });
}
