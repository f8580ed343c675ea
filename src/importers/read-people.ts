/** users.xml, groups.xml and computers.xml → users, groups, computers. */
import type { Computer, Group, User } from '../model/index.js';
import { entity } from './entity-paths.js';
import { COMPUTERS, GROUPS, ROOTS, USERS } from './format.js';
import { readRows, reportUnknownChildren } from './rows.js';
import type { XmlDoc } from './xml-doc.js';

export interface UsersRead {
  users: User[];
  /** Names of user rows that failed their schema: references to them are not "unknown users". */
  invalidNames: string[];
}

export function readUsers(doc: XmlDoc): UsersRead {
  const rootPath = `/${ROOTS.users}`;
  reportUnknownChildren(doc, doc.root, rootPath, [USERS.user.element]);
  const { rows, invalid } = readRows(doc, doc.root, rootPath, USERS.user);
  const users = rows.map((row) => {
    reportUnknownChildren(doc, row.el, row.path, [USERS.monitorLine.element]);
    const monitorLines = readRows(doc, row.el, row.path, USERS.monitorLine).rows.map((m) => entity(m.value, { pos: m.pos }, m.path));
    return entity(row.value, { monitorLines, pos: row.pos }, row.path);
  });
  const invalidNames = invalid.map((el) => el.attrs[USERS.userNameAttribute]?.trim() ?? '').filter((n) => n !== '');
  return { users, invalidNames };
}

export function readGroups(doc: XmlDoc): Group[] {
  const rootPath = `/${ROOTS.groups}`;
  reportUnknownChildren(doc, doc.root, rootPath, [GROUPS.group.element]);
  return readRows(doc, doc.root, rootPath, GROUPS.group).rows.map((row) => {
    reportUnknownChildren(doc, row.el, row.path, [GROUPS.member.element]);
    const members = readRows(doc, row.el, row.path, GROUPS.member).rows.map((m) => entity(m.value, { pos: m.pos }, m.path));
    return entity(row.value, { members, pos: row.pos }, row.path);
  });
}

export function readComputers(doc: XmlDoc): Computer[] {
  const rootPath = `/${ROOTS.computers}`;
  reportUnknownChildren(doc, doc.root, rootPath, [COMPUTERS.computer.element]);
  return readRows(doc, doc.root, rootPath, COMPUTERS.computer).rows.map((row) => entity(row.value, { pos: row.pos }, row.path));
}
