/**
 * `exclude:` (docs/decide.md): entities the project leaves out of the migration — the user who
 * left the company, the second copy of a user (computer, line) two sources hold. Applied between
 * import and mapping, after `overrides:`, to the imported exports in memory (the export is
 * unchanged). Nothing is lost without a line: each excluded entity is a note
 * (PROJECT_EXCLUDED) naming it and what goes with it — a user's group memberships and leader
 * roles (only when no other source still holds the user), client content and mapping row; a
 * line group's lines; the users whose own number an excluded line was. An entry that matches
 * nothing is an error naming the closest source, entity or key (PROJECT_EXCLUDE_UNKNOWN).
 *
 * The exports given are not changed: the result's `exports` are copies without what is left out
 * (the mapper gets those), so whatever compares the exports as imported with the plan (the
 * conservation check) still sees each excluded entity, and finds it named by its note.
 */
import { diag, type Diagnostic } from '../model/index.js';
import { closestName } from '../model/index.js';
import type { EnterpriseExport } from '../model/index.js';
import { formatProjectPath, type MappingEntry, type Project, type ProjectCode } from './schema.js';
import { option } from './decide-option.js';

const lc = (s: string): string => s.toLowerCase();

/** What an `exclude:` entry may leave out, each with its key in one export. */
export const EXCLUDE_KINDS = {
  user: { word: 'user', keys: (e: EnterpriseExport) => e.users.map((u) => u.userName) },
  computer: { word: 'computer', keys: (e: EnterpriseExport) => e.computers.map((c) => c.name) },
  line: { word: 'line', keys: (e: EnterpriseExport) => e.lineGroups.flatMap((g) => g.lines.map((l) => l.uri)) },
  lineGroup: { word: 'line group', keys: (e: EnterpriseExport) => e.lineGroups.map((g) => g.name) },
  group: { word: 'group', keys: (e: EnterpriseExport) => e.groups.map((g) => g.name) },
} as const;
export type ExcludeEntity = keyof typeof EXCLUDE_KINDS;

export interface ExcludeResult {
  /** The exports without what the project leaves out (the same objects when nothing is). */
  exports: EnterpriseExport[];
  diagnostics: Diagnostic[];
  /** The mapping rows still wanted: a row for a user no export holds any more is left out with the user (and named). */
  mapping: MappingEntry[];
}

/** At most `n` names, then "and N more". */
const some = (names: readonly string[], n = 5): string => (names.length > n ? `${names.slice(0, n).join(', ')} and ${names.length - n} more` : names.join(', '));

/** The exports without the project's `exclude:` entries (copies; `imported` is left as read). */
export function applyExclusions(project: Project, imported: readonly EnterpriseExport[], mapping: readonly MappingEntry[] = []): ExcludeResult {
  const entries = project.exclude ?? [];
  if (entries.length === 0) return { exports: [...imported], diagnostics: [], mapping: [...mapping] };
  // Shallow copies: below, every list is replaced, never changed in place.
  const exports = imported.map((e) => ({ ...e }));
  const diagnostics: Diagnostic[] = [];
  const file = project.positions?.file;
  const at = (index: number, field?: string) => {
    const p = formatProjectPath(['exclude', index, ...(field === undefined ? [] : [field])]);
    const pos = project.positions?.at.get(p) ?? project.positions?.at.get(`exclude[${index}]`);
    return { ...(file === undefined ? {} : { file }), ...(pos === undefined ? {} : { line: pos.line, column: pos.column }), path: p };
  };
  // Resolved against the exports as imported, so two entries for one entity are one exclusion.
  const chosen: { index: number; exp: EnterpriseExport; entity: ExcludeEntity; key: string }[] = [];
  entries.forEach((entry, index) => {
    const unknown = (field: 'source' | 'entity' | 'key', what: string, candidates: readonly string[]) => {
      const near = closestName(String(entry[field]), candidates);
      const where = at(index, field);
      diagnostics.push(
        diag<ProjectCode>('PROJECT_EXCLUDE_UNKNOWN', 'error', `${where.path}: ${what}${near === undefined ? '' : ` (did you mean ${near}?)`}; nothing is left out by this entry`, {
          ...where,
          subject: where.path,
          params: { field, value: String(entry[field]), ...(near === undefined ? {} : { suggestion: near }) },
          hint: near === undefined ? `known: ${some(candidates, 10)}` : `write ${near}`,
          decide: [
            ...(near === undefined ? [] : [option(`write ${near}`, ['exclude', index, field], near)]),
            option(`remove exclude[${index}]`, ['exclude', index], null),
          ],
        }),
      );
    };
    const exp = exports.find((e) => lc(e.source) === lc(entry.source));
    if (exp === undefined) return unknown('source', `no export of this run is from source "${entry.source}"`, exports.map((e) => e.source));
    const entity = (Object.keys(EXCLUDE_KINDS) as ExcludeEntity[]).find((k) => lc(k) === lc(entry.entity));
    if (entity === undefined) return unknown('entity', `"${entry.entity}" is no entity exclude: can leave out (user, computer, line, lineGroup, group)`, Object.keys(EXCLUDE_KINDS));
    const keys = EXCLUDE_KINDS[entity].keys(exp);
    const key = keys.find((k) => lc(k) === lc(String(entry.key)));
    if (key === undefined) return unknown('key', `${exp.source} has no ${EXCLUDE_KINDS[entity].word} "${entry.key}"`, keys);
    chosen.push({ index, exp, entity, key });
  });

  const leftOutUsers: { index: number; exp: EnterpriseExport; key: string }[] = [];
  const notes: { index: number; exp: EnterpriseExport; entity: ExcludeEntity; key: string; withIt: string[] }[] = [];
  const seen = new Set<string>();
  for (const c of chosen) {
    const id = JSON.stringify([lc(c.exp.source), c.entity, lc(c.key)]);
    if (seen.has(id)) continue;
    seen.add(id);
    const withIt: string[] = [];
    const isKey = (k: string) => lc(k) === lc(c.key);
    switch (c.entity) {
      case 'user': {
        const user = c.exp.users.find((u) => isKey(u.userName));
        c.exp.users = c.exp.users.filter((u) => !isKey(u.userName));
        if (user !== undefined && user.monitorLines.length > 0) withIt.push(`${user.monitorLines.length} monitored line(s)`);
        const content = c.exp.clientContent.filter((x) => isKey(x.userName));
        if (content.length > 0) {
          c.exp.clientContent = c.exp.clientContent.filter((x) => !isKey(x.userName));
          withIt.push('client content (favourites, journal settings)');
        }
        leftOutUsers.push({ index: c.index, exp: c.exp, key: c.key });
        break;
      }
      case 'computer':
        c.exp.computers = c.exp.computers.filter((x) => !isKey(x.name));
        break;
      case 'line': {
        let number = '';
        c.exp.lineGroups = c.exp.lineGroups.map((g) => {
          const line = g.lines.find((l) => isKey(l.uri));
          if (line === undefined) return g;
          number = line.phoneNumber;
          withIt.push(`its place in line group "${g.name}"`);
          return { ...g, lines: g.lines.filter((l) => !isKey(l.uri)) };
        });
        const owners = number === '' ? [] : exports.flatMap((e) => e.users.filter((u) => u.phoneNumber === number).map((u) => u.userName));
        if (owners.length > 0) withIt.push(`the users whose own number it was keep ${number} without a line: ${some(owners)}`);
        break;
      }
      case 'lineGroup': {
        const group = c.exp.lineGroups.find((g) => isKey(g.name));
        c.exp.lineGroups = c.exp.lineGroups.filter((g) => !isKey(g.name));
        if (group !== undefined && group.lines.length > 0) withIt.push(`its ${group.lines.length} line(s): ${some(group.lines.map((l) => l.uri))}`);
        break;
      }
      case 'group': {
        const group = c.exp.groups.find((g) => isKey(g.name));
        c.exp.groups = c.exp.groups.filter((g) => !isKey(g.name));
        if (group !== undefined && group.members.length > 0) withIt.push(`${group.members.length} membership(s): ${some(group.members.map((m) => m.userName))}`);
        break;
      }
    }
    notes.push({ ...c, withIt });
  }

  // A user left out of every source takes their memberships, leader roles and mapping row along;
  // one another source still holds (a duplicate left out once) keeps them.
  const remaining = new Set(exports.flatMap((e) => e.users.map((u) => lc(u.userName))));
  const gone = new Set(leftOutUsers.map((u) => lc(u.key)).filter((k) => !remaining.has(k)));
  let keptMapping = [...mapping];
  if (gone.size > 0) {
    const dropped = new Map<string, string[]>();
    const note = (user: string, what: string) => dropped.set(lc(user), [...(dropped.get(lc(user)) ?? []), what]);
    for (const e of exports) {
      e.groups = e.groups.map((g) => {
        const members = g.members.filter((m) => !gone.has(lc(m.userName)));
        for (const m of g.members) if (gone.has(lc(m.userName))) note(m.userName, `membership in group "${g.name}"`);
        const leader = gone.has(lc(g.leader)) ? '' : g.leader;
        const coLeader = gone.has(lc(g.coLeader)) ? '' : g.coLeader;
        if (leader !== g.leader) note(g.leader, `leader of group "${g.name}"`);
        if (coLeader !== g.coLeader) note(g.coLeader, `co-leader of group "${g.name}"`);
        return members.length === g.members.length && leader === g.leader && coLeader === g.coLeader ? g : { ...g, members, leader, coLeader };
      });
    }
    keptMapping = mapping.filter((m) => {
      if (!gone.has(lc(m.userName))) return true;
      note(m.userName, `home-server mapping row${m.line === undefined ? '' : ` (${m.file ?? 'mapping'}:${m.line})`}`);
      return false;
    });
    for (const n of notes) if (n.entity === 'user') n.withIt.push(...(dropped.get(lc(n.key)) ?? []));
  }
  for (const n of notes) {
    const entry = entries[n.index]!;
    const where = at(n.index);
    const others = n.entity === 'user' && !gone.has(lc(n.key)) ? '; another source still holds the user, who is migrated from there' : '';
    const withText = n.withIt.length === 0 ? '' : `; with it: ${n.withIt.join('; ')}`;
    diagnostics.push(
      diag<ProjectCode>(
        'PROJECT_EXCLUDED',
        'info',
        `${EXCLUDE_KINDS[n.entity].word} ${n.key} of ${n.exp.source} is left out of the migration by exclude[${n.index}]${where.line === undefined ? '' : ` (${file}:${where.line})`}${entry.reason === undefined ? '' : `: ${entry.reason}`}${others}${withText}`,
        {
          ...where,
          source: n.exp.source,
          subject: `${n.entity}:${n.key}`,
          params: { source: n.exp.source, server: n.exp.source, entity: n.entity, key: n.key, ...(entry.reason === undefined ? {} : { reason: entry.reason }), with: n.withIt },
        },
      ),
    );
  }
  return { exports, diagnostics, mapping: keptMapping };
}
