/**
 * Line groups and lines. DataCenter synchronises lines by line-group name, so one name in two
 * exports must be the same PBX (same kind and location). Each group and its lines get one
 * ManagementServer: the server listing the group in `lineGroups`, else the server replacing the
 * group's source.
 */
import type { LineGroupRow, LineRow } from '../model/index.js';
import type { DecideOption } from '../model/index.js';
import { option } from '../project/index.js';
import { closestName } from '../model/index.js';
import { projectWhere } from './project-settings.js';
import type { LineGroup } from '../model/index.js';
import type { Provenance } from '../model/index.js';
import { at, lc, type MapContext } from './context.js';
import { PROVENANCE_RULES } from './provenance.js';

export interface MappedLines {
  lineGroups: LineGroupRow[];
  lines: LineRow[];
  /** Line rows by phone number (for owned lines: users and computers). */
  byNumber: Map<string, LineRow>;
}

interface GroupEntry {
  group: LineGroup;
  sources: string[];
  row: LineGroupRow;
  /** Why ManagementServer is what it is (a project line or the replacing-server rule), for provenance. */
  why?: Provenance;
}

export function mapLines(ctx: MapContext): MappedLines {
  const groups = new Map<string, GroupEntry>();
  for (const e of ctx.exports) {
    for (const g of e.lineGroups) {
      const prev = groups.get(lc(g.name));
      if (prev === undefined) {
        const entry: GroupEntry = {
          group: g,
          sources: [e.source],
          row: {
            Name: g.name,
            Kind: g.kind,
            LocationName: g.location,
            ManagementServer: '',
            CreateLinesAutomatically: g.createLinesAutomatically,
            JournalAllLines: g.journalAllLines,
            Origin: e.source,
          },
        };
        ctx.provenance.fromExport(entry.row, e.source, g.pos);
        groups.set(lc(g.name), entry);
        continue;
      }
      if (!prev.sources.includes(e.source)) prev.sources.push(e.source);
      ctx.provenance.fromExport(prev.row, e.source, g.pos);
      if (prev.group.kind !== g.kind || lc(prev.group.location) !== lc(g.location)) {
        ctx.error(
          'MAP_LINEGROUP_CONFLICT',
          `line group "${g.name}" is ${prev.group.kind} at location "${prev.group.location}" in ${prev.sources[0]} but ${g.kind} at "${g.location}" in ${e.source}`,
          {
            ...at(e.source, g.pos),
            hint: 'DataCenter synchronises lines by line-group name: one name must mean one PBX; rename one group in its source',
            subject: `lineGroup:${g.name}`,
            params: { lineGroup: g.name, servers: [prev.sources[0] ?? '', e.source], kinds: [prev.group.kind, g.kind], locations: [prev.group.location, g.location] },
            decide: lineGroupConflictOptions(prev.group, prev.sources[0] ?? '', g, e.source),
          },
        );
      }
    }
  }

  // Line groups a server lists in the project but no export holds: a misspelling when a line
  // group of this run that no server lists is close (an error naming it), else perhaps another wave's.
  const listed = new Set(ctx.servers.flatMap((s) => s.lineGroups.map(lc)));
  const unlisted = [...groups.values()].map((g) => g.group.name).filter((n) => !listed.has(lc(n)));
  ctx.servers.forEach((s, i) =>
    s.lineGroups.forEach((name, j) => {
      if (groups.has(lc(name))) return;
      const path = `servers[${i}].lineGroups[${j}]`;
      const near = closestName(name, unlisted);
      if (near !== undefined) {
        ctx.error('MAP_LINEGROUP_UNKNOWN', `${path}: no export holds a line group "${name}" (did you mean ${near}?)`, { ...projectWhere(ctx.project, path), hint: `write ${near}`, subject: path, params: { lineGroup: name, target: s.name, suggestion: near } });
      } else {
        ctx.warn('MAP_LINEGROUP_UNKNOWN', `${path}: no export holds a line group "${name}"`, { ...projectWhere(ctx.project, path), subject: path, params: { lineGroup: name, target: s.name } });
      }
    }),
  );

  for (const entry of groups.values()) {
    entry.row.ManagementServer = managementServer(ctx, entry) ?? '';
    if (entry.why !== undefined) ctx.provenance.add(entry.row, entry.why);
  }

  const lines: LineRow[] = [];
  const byUri = new Map<string, { row: LineRow; source: string }>();
  const byNumber = new Map<string, LineRow>();
  for (const e of ctx.exports) {
    for (const g of e.lineGroups) {
      const entry = groups.get(lc(g.name));
      if (entry === undefined) continue;
      for (const l of g.lines) {
        const prev = byUri.get(lc(l.uri));
        if (prev !== undefined) {
          // The same PBX seen by two servers lists the same line twice: one row, the first source's.
          if (lc(prev.row.LineGroupName) !== lc(g.name)) {
            ctx.error('MAP_LINE_CONFLICT', `line "${l.uri}" is in line group "${prev.row.LineGroupName}" (${prev.source}) and "${g.name}" (${e.source})`, {
              ...at(e.source, l.pos),
              subject: `line:${l.uri}`,
              params: { line: l.uri, lineGroups: [prev.row.LineGroupName, g.name], servers: [prev.source, e.source] },
            });
          } else ctx.provenance.fromExport(prev.row, e.source, l.pos);
          continue;
        }
        const other = l.phoneNumber === '' ? undefined : byNumber.get(l.phoneNumber);
        if (other !== undefined) {
          ctx.error('MAP_LINE_CONFLICT', `number ${l.phoneNumber} is on two lines: "${other.Uri}" (${other.Origin}) and "${l.uri}" (${e.source}); a line's number is unique`, {
            ...at(e.source, l.pos),
            subject: `line:${l.uri}`,
            params: { number: l.phoneNumber, lines: [other.Uri, l.uri], servers: [other.Origin, e.source] },
          });
          continue;
        }
        const row: LineRow = {
          Uri: l.uri,
          PhoneNumber: l.phoneNumber,
          InternalNumber: l.internalNumber,
          Name: l.name,
          LineGroupName: entry.row.Name,
          ManagementServer: entry.row.ManagementServer,
          Trunk: l.trunk,
          Journal: l.journal,
          Private: l.private,
          LocationName: l.location === '' ? entry.row.LocationName : l.location,
          Origin: e.source,
        };
        ctx.provenance.fromExport(row, e.source, l.pos);
        if (entry.why !== undefined) ctx.provenance.add(row, entry.why);
        byUri.set(lc(l.uri), { row, source: e.source });
        if (l.phoneNumber !== '') byNumber.set(l.phoneNumber, row);
        lines.push(row);
      }
    }
  }
  return { lineGroups: [...groups.values()].map((g) => g.row), lines, byNumber };
}

function managementServer(ctx: MapContext, entry: GroupEntry): string | undefined {
  const listedAt = ctx.servers.findIndex((s) => s.lineGroups.some((n) => lc(n) === lc(entry.row.Name)));
  const listed = ctx.servers[listedAt];
  if (listed !== undefined) {
    const j = listed.lineGroups.findIndex((n) => lc(n) === lc(entry.row.Name));
    entry.why = ctx.provenance.projectPosition(`servers[${listedAt}].lineGroups[${j}]`);
    return listed.name;
  }
  const replacing = [...new Set(entry.sources.map((src) => ctx.replacing(src)?.name).filter((n): n is string => n !== undefined))];
  const where = at(entry.sources[0] ?? '', entry.group.pos);
  const hint = `name its server in the project: servers[…].lineGroups: [${entry.row.Name}]`;
  if (replacing.length === 1) {
    const by = entry.sources.find((src) => ctx.replacing(src)?.name === replacing[0]) ?? '';
    entry.why = ctx.provenance.rule(PROVENANCE_RULES.managementServer, `${replacing[0]} replaces ${by}`);
    return replacing[0];
  }
  if (replacing.length === 0) {
    ctx.error('MAP_LINEGROUP_NO_SERVER', `no server manages line group "${entry.row.Name}": no server lists it and none replaces ${entry.sources.join(', ')}`, { ...where, hint, subject: `lineGroup:${entry.row.Name}`, params: { lineGroup: entry.row.Name, servers: entry.sources } });
  } else {
    ctx.error(
      'MAP_LINEGROUP_AMBIGUOUS',
      `line group "${entry.row.Name}" is held by ${entry.sources.join(', ')}, replaced by different servers (${replacing.join(', ')}); one server must manage it`,
      { ...where, hint, subject: `lineGroup:${entry.row.Name}`, params: { lineGroup: entry.row.Name, servers: entry.sources, targets: replacing } },
    );
  }
  return undefined;
}

/**
 * The project settles a line-group conflict without touching an export: an `overrides:` entry
 * making one source's group like the other's (its kind first; a location still differing is the
 * next finding's option). First option: the later source follows the first.
 */
function lineGroupConflictOptions(first: LineGroup, firstSource: string, other: LineGroup, otherSource: string): DecideOption[] {
  const field = first.kind !== other.kind ? 'kind' : 'location';
  const entry = (source: string, to: LineGroup) => ({ source, entity: 'lineGroup', key: other.name, field, value: field === 'kind' ? to.kind : to.location, reason: 'one line-group name is one PBX in DataCenter' });
  return [
    option(`${otherSource} takes ${field} ${field === 'kind' ? first.kind : first.location} of ${firstSource}`, 'overrides[]', entry(otherSource, first)),
    option(`${firstSource} takes ${field} ${field === 'kind' ? other.kind : other.location} of ${otherSource}`, 'overrides[]', entry(firstSource, other)),
  ];
}
