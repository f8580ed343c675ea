/**
 * Invisible characters in imported names and values (issue 20): a right-to-left override
 * (U+202E) makes `gnp.exe` read as `exe.png`, a zero-width space makes two user names look the
 * same that DataCenter keeps apart. Each is a warning naming the entity, the field and the
 * position of the first such character; reports and plans show it as `⟨U+202E⟩` (io/display.ts).
 */
import type { Diagnostic } from '../model/index.js';
import type { EnterpriseExport, Pos } from '../model/index.js';
import { firstInvisible, showInvisible } from '../io/index.js';
import { DiagnosticCap } from '../io/index.js';
import { reportAt } from './xml-doc.js';

/** One entity's text fields: what they are called, and the entity's name for the message. */
interface Checked {
  what: string;
  name: string;
  pos: Pos;
  fields: Record<string, string>;
}

function* checkedEntities(exp: EnterpriseExport): Generator<Checked> {
  for (const u of exp.users) {
    yield {
      what: 'user',
      name: u.userName,
      pos: u.pos,
      fields: {
        userName: u.userName,
        sipUri: u.sipUri,
        firstName: u.firstName,
        lastName: u.lastName,
        displayName: u.displayName,
        email: u.email,
        profile: u.profile,
        phoneNumber: u.phoneNumber,
        phoneSecondary: u.phoneSecondary,
        dnPath: u.dnPath,
        samAccountName: u.samAccountName,
      },
    };
  }
  for (const g of exp.groups) yield { what: 'group', name: g.name, pos: g.pos, fields: { name: g.name, sipUri: g.sipUri, leader: g.leader, coLeader: g.coLeader } };
  for (const c of exp.computers) yield { what: 'computer', name: c.name, pos: c.pos, fields: { name: c.name, phoneNumber: c.phoneNumber, phoneSecondary: c.phoneSecondary } };
  for (const s of exp.settings) yield { what: 'setting', name: s.key, pos: s.pos, fields: typeof s.value === 'string' ? { key: s.key, value: s.value } : { key: s.key } };
  for (const l of exp.locations) yield { what: 'location', name: (l as { name?: string }).name ?? '', pos: l.pos, fields: textFields(l) };
  for (const lg of exp.lineGroups) yield { what: 'line group', name: (lg as { name?: string }).name ?? '', pos: lg.pos, fields: textFields(lg) };
}

/** The string fields of a plain record (for entities whose fields are all names or numbers). */
function textFields(entity: object): Record<string, string> {
  return Object.fromEntries(Object.entries(entity).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** A warning per field holding a bidi control or zero-width character; at most 20 per export, then one count. */
export function reportInvisibleCharacters(exp: EnterpriseExport, out: Diagnostic[]): void {
  const cap = new DiagnosticCap();
  for (const entity of checkedEntities(exp)) {
    for (const [field, value] of Object.entries(entity.fields)) {
      const found = firstInvisible(value);
      if (found === undefined) continue;
      const shownName = showInvisible(JSON.stringify(entity.name));
      const before: Diagnostic[] = [];
      reportAt(
        before,
        'IMPORT_INVISIBLE_CHARACTER',
        `${entity.what} ${shownName}: ${field} holds the invisible character ${found.codePoint} at position ${found.position}; it is migrated as it is and shown as ⟨${found.codePoint}⟩`,
        entity.pos,
        undefined,
        'remove it in the source (it can make a name read differently, e.g. right-to-left, or two names look alike); or accept the warning',
        { subject: `${entity.what}:${entity.name}`, params: { what: entity.what, name: entity.name, field, codePoint: found.codePoint, position: found.position } },
      );
      for (const d of before) cap.push(out, d);
    }
  }
}
