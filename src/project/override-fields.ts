/**
 * What an `overrides:` entry may correct (docs/decide.md): per entity of the export contract, how
 * it is found (its key in the export) and each field with the type the importer checks the
 * export's own value against. Secrets (a user's password, a secret setting, a licence key) are no
 * field: a secret is never written in the project file.
 */
import type { EnterpriseExport } from '../model/index.js';

export type FieldType = 'text' | 'bool' | 'digits' | 'sipUri' | 'lineKind' | 'int' | 'setting';

export interface EntityKind {
  /** The entity's objects in one export, each with its key. */
  items: (exp: EnterpriseExport) => { key: string; item: Record<string, unknown> }[];
  /** Field name (model spelling) → type. */
  fields: Readonly<Record<string, FieldType>>;
  /** The DataCenter table and key column of the row it becomes (provenance). */
  table?: { name: string; key: (key: string) => Record<string, string | number> };
  /** What a message calls it. */
  word: string;
}

const asRecord = (v: object): Record<string, unknown> => v as unknown as Record<string, unknown>;

export const ENTITY_KINDS: Readonly<Record<string, EntityKind>> = {
  user: {
    word: 'user',
    items: (e) => e.users.map((u) => ({ key: u.userName, item: asRecord(u) })),
    fields: {
      enabled: 'bool', sipUri: 'sipUri', firstName: 'text', lastName: 'text', displayName: 'text', email: 'text', profile: 'text',
      phoneNumber: 'text', phoneSecondary: 'text', dnPath: 'text', samAccountName: 'text', objectGuid: 'text', homeServer: 'text',
    },
    table: { name: 'UserAccount', key: (k) => ({ UserName: k }) },
  },
  line: {
    word: 'line',
    items: (e) => e.lineGroups.flatMap((g) => g.lines.map((l) => ({ key: l.uri, item: asRecord(l) }))),
    fields: { phoneNumber: 'text', internalNumber: 'text', name: 'text', trunk: 'bool', journal: 'bool', private: 'bool', location: 'text' },
    table: { name: 'Line', key: (k) => ({ Uri: k }) },
  },
  lineGroup: {
    word: 'line group',
    items: (e) => e.lineGroups.map((g) => ({ key: g.name, item: asRecord(g) })),
    fields: { kind: 'lineKind', location: 'text', createLinesAutomatically: 'bool', journalAllLines: 'bool' },
    table: { name: 'LineGroup', key: (k) => ({ Name: k }) },
  },
  group: {
    word: 'group',
    items: (e) => e.groups.map((g) => ({ key: g.name, item: asRecord(g) })),
    fields: { enabled: 'bool', sipUri: 'sipUri', leader: 'text', coLeader: 'text', settingsActive: 'bool', everyoneSeesEveryone: 'bool' },
    table: { name: 'UserGroup', key: (k) => ({ Name: k }) },
  },
  computer: {
    word: 'computer',
    items: (e) => e.computers.map((c) => ({ key: c.name, item: asRecord(c) })),
    fields: { enabled: 'bool', phoneNumber: 'text', phoneSecondary: 'text' },
    table: { name: 'Computer', key: (k) => ({ Name: k }) },
  },
  location: {
    word: 'location',
    items: (e) => e.locations.map((l) => ({ key: l.name, item: asRecord(l) })),
    fields: { countryCode: 'digits', cityCode: 'digits', localNumber: 'digits', extFrom: 'digits', extTo: 'digits' },
    table: { name: 'Location', key: (k) => ({ Name: k }) },
  },
  rule: {
    word: 'location rule',
    // `Munich#1`: the location and the rule's 1-based position in it.
    items: (e) => e.locations.flatMap((l) => l.rules.map((r, i) => ({ key: `${l.name}#${i + 1}`, item: asRecord(r) }))),
    fields: { search: 'text', replace: 'text', matchReplace: 'bool' },
    table: {
      name: 'LocationRule',
      key: (k) => {
        const at = k.lastIndexOf('#');
        return { LocationName: k.slice(0, at), Position: Number(k.slice(at + 1)) };
      },
    },
  },
  setting: {
    word: 'setting',
    items: (e) => e.settings.filter((s) => s.type !== 'secret').map((s) => ({ key: s.key, item: asRecord(s) })),
    fields: { value: 'setting' },
  },
  licence: {
    word: 'licence',
    // A licence is named by its last four characters, as every output shows it; the key itself is a secret.
    items: (e) => e.licenses.map((l) => ({ key: l.key.toString().replace(/^…/, ''), item: asRecord(l) })),
    fields: { count: 'int' },
  },
};

/** `u8sSAMAccountName` → `samAccountName`: the contract's attribute names are accepted for the model's. */
export function fieldByName(kind: EntityKind, field: string): string | undefined {
  const plain = field.replace(/^(u8s|b|i)(?=[A-Z])/, '').toLowerCase();
  return Object.keys(kind.fields).find((f) => f.toLowerCase() === field.toLowerCase() || f.toLowerCase() === plain);
}
