/**
 * Decide rules where an entity of the exports is the problem (docs/decide.md): one user,
 * computer or line two sources hold (leave one copy out: `exclude:`), a value too long for its
 * column (shorten it: `overrides:`, or leave the entity out), a user whose lines two servers
 * manage (one server manages both line groups), no user licence (added in DataCenter later).
 */
import type { DecideOption, Diagnostic } from '../model/index.js';
import { option } from './decide-option.js';
import { writtenServers, type DecideContext } from './decide-context.js';
import { excludeOption } from './exclude-option.js';
import type { ExcludeEntity } from './exclude.js';
import { ENTITY_KINDS } from './override-fields.js';

const lc = (s: string): string => s.toLowerCase();
type Rule = (d: Diagnostic, ctx: DecideContext) => DecideOption[];

/** A list param of two names (`servers: [first, second]`). */
function pair(d: Diagnostic, name: string): [string, string] | undefined {
  const v = d.params?.[name];
  return Array.isArray(v) && v.length === 2 ? [String(v[0]), String(v[1])] : undefined;
}

/** One entity in two sources: leave the later source's copy out (the earlier's stays), or the earlier's. */
const duplicateAcrossSources =
  (entity: ExcludeEntity, param: string, word: string): Rule =>
  (d) => {
    const name = typeof d.params?.[param] === 'string' ? String(d.params[param]) : undefined;
    const servers = pair(d, 'servers');
    if (name === undefined || servers === undefined) return [];
    const [first, second] = servers;
    return [
      excludeOption(`migrate ${word} ${name} from ${first}: leave the copy of ${second} out`, second, entity, name, `also in ${first}, migrated from there`),
      excludeOption(`migrate ${word} ${name} from ${second}: leave the copy of ${first} out`, first, entity, name, `also in ${second}, migrated from there`),
    ];
  };

/** A line URI in two line groups, or one number on two lines: leave one line out. */
const lineConflict: Rule = (d) => {
  const servers = pair(d, 'servers');
  if (servers === undefined) return [];
  const uri = d.params?.['line'];
  // `line` in two line groups: { line, lineGroups, servers }.
  if (typeof uri === 'string') {
    const [first, second] = servers;
    return [
      excludeOption(`keep line ${uri} in ${first}'s line group: leave it out of ${second}`, second, 'line', uri, `also in ${first}, migrated from there`),
      ...(lc(first) === lc(second) ? [] : [excludeOption(`keep line ${uri} in ${second}'s line group: leave it out of ${first}`, first, 'line', uri, `also in ${second}, migrated from there`)]),
    ];
  }
  // One number on two lines: { number, lines, servers }.
  const number = d.params?.['number'];
  const lines = pair(d, 'lines');
  if ((typeof number !== 'string' && typeof number !== 'number') || lines === undefined) return [];
  const [uriA, uriB] = lines;
  const [sourceA, sourceB] = servers;
  return [
    excludeOption(`number ${number} stays on line ${uriA}: leave line ${uriB} of ${sourceB} out`, sourceB, 'line', uriB, `number ${number} is on ${uriA} (${sourceA})`),
    excludeOption(`number ${number} goes to line ${uriB}: leave line ${uriA} of ${sourceA} out`, sourceA, 'line', uriA, `number ${number} is on ${uriB} (${sourceB})`),
  ];
};

/** dc table → the export entity its rows come from: for overrides, for exclude, and the key column. */
const TABLE_ENTITY: Readonly<Record<string, { override?: string; exclude?: ExcludeEntity; keyColumn: string }>> = {
  UserAccount: { override: 'user', exclude: 'user', keyColumn: 'UserName' },
  UserMonitorLine: { exclude: 'user', keyColumn: 'UserName' },
  UserGroupMember: { exclude: 'user', keyColumn: 'UserName' },
  ClientContent: { exclude: 'user', keyColumn: 'UserName' },
  Line: { override: 'line', exclude: 'line', keyColumn: 'Uri' },
  LineGroup: { override: 'lineGroup', exclude: 'lineGroup', keyColumn: 'Name' },
  UserGroup: { override: 'group', exclude: 'group', keyColumn: 'Name' },
  Computer: { override: 'computer', exclude: 'computer', keyColumn: 'Name' },
  Location: { override: 'location', keyColumn: 'Name' },
};
/** Columns whose field has another name in the export. */
const COLUMN_FIELD: Readonly<Record<string, string>> = { LeaderUserName: 'leader', CoLeaderUserName: 'coLeader', LocationName: 'location' };

/** A value longer than its column: the value shortened to fit (an override; check it), or the entity left out. */
const textTooLong: Rule = (d, ctx) => {
  const table = String(d.params?.['table'] ?? '').replace(/^dc\./, '');
  const column = String(d.params?.['column'] ?? '');
  const max = Number(d.params?.['max']);
  const keyText = String(d.params?.['key'] ?? '');
  const entity = TABLE_ENTITY[table];
  if (entity === undefined || d.source === undefined || column === '' || !Number.isFinite(max)) return [];
  const prefix = `${entity.keyColumn}=`;
  if (!keyText.startsWith(prefix)) return [];
  const key = table === 'UserMonitorLine' || table === 'UserGroupMember' || table === 'ClientContent' ? keyText.slice(prefix.length).replace(/, \w+=.*$/, '') : keyText.slice(prefix.length);
  const out: DecideOption[] = [];
  const kind = entity.override === undefined ? undefined : ENTITY_KINDS[entity.override];
  const field = kind === undefined ? undefined : Object.keys(kind.fields).find((f) => lc(f) === lc(COLUMN_FIELD[column] ?? column));
  const exp = ctx.exports.find((e) => lc(e.source) === lc(d.source!));
  if (kind !== undefined && field !== undefined && exp !== undefined && column !== entity.keyColumn) {
    const item = kind.items(exp).find((i) => lc(i.key) === lc(key));
    const current = item?.item[field];
    if (typeof current === 'string' && current.length > max) {
      const shortened = current.slice(0, max).trimEnd();
      out.push(option(`shorten ${field} of ${kind.word} ${key} to ${max} characters (check it reads well)`, 'overrides[]', { source: exp.source, entity: entity.override, key: item!.key, field, value: shortened, reason: `dc.${table}.${column} holds ${max} characters` }));
    }
  }
  if (entity.exclude !== undefined && exp !== undefined) {
    out.push(excludeOption(`leave ${entity.exclude} ${key} of ${exp.source} out of the migration`, exp.source, entity.exclude, key, `${column} longer than the ${max} characters DataCenter holds`));
  }
  return out;
};

/** A user's lines on two servers: one server manages both line groups (the whole `servers:` list, as one edit). */
const linesSplit: Rule = (d, ctx) => {
  const lines = pair(d, 'lines');
  const servers = pair(d, 'servers');
  if (lines === undefined || servers === undefined) return [];
  const groupOf = (uri: string) => ctx.exports.flatMap((e) => e.lineGroups).find((g) => g.lines.some((l) => lc(l.uri) === lc(uri)))?.name;
  const written = writtenServers(ctx);
  const out: DecideOption[] = [];
  for (const [move, to] of [[1, 0], [0, 1]] as const) {
    const group = groupOf(lines[move]);
    const target = written.findIndex((s) => lc(String(s['name'])) === lc(servers[to]));
    if (group === undefined || target < 0) continue;
    const next = written.map((s, i) => {
      const list = (Array.isArray(s['lineGroups']) ? (s['lineGroups'] as unknown[]).map(String) : []).filter((g) => lc(g) !== lc(group));
      const copy: Record<string, unknown> = { ...s, lineGroups: i === target ? [...list, group] : list };
      if ((copy['lineGroups'] as string[]).length === 0) delete copy['lineGroups'];
      return copy;
    });
    out.push(option(`${servers[to]} manages line group "${group}" too (so ${String(d.params?.['name'] ?? 'the user')}'s lines are on one server)`, 'servers', next));
  }
  return out;
};

export const LEAVE_OUT_RULES: Readonly<Record<string, Rule>> = {
  MAP_USER_DUPLICATE: duplicateAcrossSources('user', 'user', 'user'),
  MAP_COMPUTER_DUPLICATE: duplicateAcrossSources('computer', 'computer', 'computer'),
  MAP_LINE_CONFLICT: lineConflict,
  MAP_TEXT_TOO_LONG: textTooLong,
  MAP_HOME_LINES_SPLIT: linesSplit,
  MAP_NO_USER_LICENSE: () => [option('the licences are entered in the DataCenter administration after the migration (the report says so)', 'licences.addLater', true)],
};

/** For MAP_SIPURI_DUPLICATE besides a SIP URI of its own: leave the second user out. */
export function sipDuplicateLeaveOut(d: Diagnostic): DecideOption[] {
  const user = d.params?.['user'];
  const servers = pair(d, 'servers');
  if (typeof user !== 'string' || servers === undefined) return [];
  return [excludeOption(`leave user ${user} of ${servers[1]} out of the migration`, servers[1], 'user', user, `SIP URI already used by ${String(d.params?.['other'] ?? 'another user')}`)];
}
