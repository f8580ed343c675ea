/**
 * Locations are global in DataCenter: a location used on several servers must be identical, so
 * one name defined differently by two sources is a conflict (error naming both definitions),
 * unless the project decides it (`locations:`): it takes one source's definition, or defines the
 * location itself (docs/decide.md).
 */
import { PROJECT_ORIGIN, type LocationRow, type LocationRuleRow } from '../model/index.js';
import { diag } from '../model/index.js';
import { closestName } from '../model/index.js';
import type { Location } from '../model/index.js';
import { formatProjectPath, type LocationChoice } from '../project/index.js';
import { option } from '../project/index.js';
import type { DecideOption } from '../model/index.js';
import { at, lc, type MapContext } from './context.js';
import { covers, linesAt, unionOf } from './location-coverage.js';

function fingerprint(l: Location): string {
  return JSON.stringify([
    l.countryCode,
    l.cityCode,
    l.localNumber,
    l.extFrom,
    l.extTo,
    l.rules.map((r) => [r.search, r.replace, r.matchReplace]),
  ]);
}

function describe(l: Location): string {
  return `CountryCode=${l.countryCode} CityCode=${l.cityCode} LocalNumber=${l.localNumber} Ext=${l.extFrom}-${l.extTo}, ${l.rules.length} rule(s)`;
}

/** The project's choice for a location name (case-insensitive), with its project path. */
function choiceFor(ctx: MapContext, name: string): { choice: LocationChoice; path: string; name: string } | undefined {
  const entry = Object.entries(ctx.project.locations ?? {}).find(([n]) => lc(n) === lc(name));
  return entry === undefined ? undefined : { choice: entry[1], path: formatProjectPath(['locations', entry[0]]), name: entry[0] };
}

/** `{ define: … }` as written in the project: what a define option proposes from one source. */
export function locationDefinition(l: Location): Extract<LocationChoice, { define: unknown }>['define'] {
  return {
    countryCode: l.countryCode,
    cityCode: l.cityCode,
    localNumber: l.localNumber,
    extFrom: l.extFrom,
    extTo: l.extTo,
    rules: l.rules.map((r) => ({ search: r.search, replace: r.replace, matchReplace: r.matchReplace })),
  };
}

export function mapLocations(ctx: MapContext): { locations: LocationRow[]; rules: LocationRuleRow[] } {
  // Every definition of each name, in export order.
  const defs = new Map<string, { source: string; location: Location }[]>();
  for (const e of ctx.exports) {
    for (const l of e.locations) {
      const list = defs.get(lc(l.name));
      if (list === undefined) defs.set(lc(l.name), [{ source: e.source, location: l }]);
      else list.push({ source: e.source, location: l });
    }
  }
  const locations: LocationRow[] = [];
  const rules: LocationRuleRow[] = [];
  const projectWhere = (path: string) => {
    const pos = ctx.project.positions?.at.get(path);
    return { ...(ctx.project.positions === undefined ? {} : { file: ctx.project.positions.file }), ...(pos === undefined ? {} : { line: pos.line, column: pos.column }), path };
  };
  const emit = (l: Location, origin: string, fromSource: string | undefined, decidedAt?: string) => {
    const row: LocationRow = { Name: l.name, CountryCode: l.countryCode, CityCode: l.cityCode, LocalNumber: l.localNumber, ExtFrom: l.extFrom, ExtTo: l.extTo, Origin: origin };
    if (fromSource !== undefined) ctx.provenance.fromExport(row, fromSource, l.pos);
    if (decidedAt !== undefined) ctx.provenance.fromProject(row, decidedAt);
    locations.push(row);
    const ruleRows = l.rules.map((r, i) => {
      const ruleRow: LocationRuleRow = { LocationName: l.name, Position: i + 1, Search: r.search, Replace: r.replace, MatchReplace: r.matchReplace, Origin: origin };
      if (fromSource !== undefined) ctx.provenance.fromExport(ruleRow, fromSource, r.pos);
      if (decidedAt !== undefined) ctx.provenance.fromProject(ruleRow, decidedAt);
      return ruleRow;
    });
    for (const r of ruleRows) rules.push(r);
    return { row, ruleRows };
  };

  for (const list of defs.values()) {
    const first = list[0]!;
    const name = first.location.name;
    const decided = choiceFor(ctx, name);
    if (decided !== undefined) {
      const { choice, path } = decided;
      if ('from' in choice) {
        const chosen = list.find((d) => lc(d.source) === lc(choice.from));
        if (chosen === undefined) {
          const near = closestName(choice.from, list.map((d) => d.source));
          ctx.diagnostics.push(
            diag('PROJECT_LOCATION_UNKNOWN', 'error', `${path}.from: source "${choice.from}" does not define location "${name}"${near === undefined ? '' : ` (did you mean ${near}?)`}; defined by ${list.map((d) => d.source).join(', ')}`, {
              ...projectWhere(`${path}.from`),
              subject: `location:${name}`,
              params: { location: name, from: choice.from, candidates: list.map((d) => d.source), ...(near === undefined ? {} : { suggestion: near }) },
              decide: list.map((d) => option(`take the definition of ${d.source}`, `${path}.from`, d.source)),
            }),
          );
          emit(first.location, first.source, first.source);
          continue;
        }
        emit(chosen.location, chosen.source, chosen.source, path);
        if (list.some((d) => fingerprint(d.location) !== fingerprint(chosen.location))) {
          ctx.info('MAP_LOCATION_CONFLICT', `location "${name}" differs between sources; decided by ${path} (from ${chosen.source}): ${describe(chosen.location)}`, { ...projectWhere(path), subject: `location:${name}`, params: { location: name, decidedBy: path, from: chosen.source } });
        }
        continue;
      }
      const d = choice.define;
      const own: Location = { name, countryCode: d.countryCode, cityCode: d.cityCode, localNumber: d.localNumber, extFrom: d.extFrom, extTo: d.extTo, rules: d.rules.map((r) => ({ ...r, pos: first.location.pos })), pos: first.location.pos };
      emit(own, PROJECT_ORIGIN, undefined, path);
      ctx.info('MAP_LOCATION_CONFLICT', `location "${name}" is defined by the project (${path}): ${describe(own)}${list.length > 1 ? `; the sources' definitions (${list.map((x) => x.source).join(', ')}) are not used` : ''}`, { ...projectWhere(path), subject: `location:${name}`, params: { location: name, decidedBy: path } });
      continue;
    }
    const differing = list.filter((d) => fingerprint(d.location) !== fingerprint(first.location));
    if (differing.length > 0) {
      for (const other of differing) {
        ctx.diagnostics.push(
          diag(
            'MAP_LOCATION_CONFLICT',
            'error',
            `location "${name}" differs between sources: ${first.source} has ${describe(first.location)}; ${other.source} has ${describe(other.location)}`,
            {
              ...at(other.source, other.location.pos),
              subject: `location:${name}`,
              params: { location: name, sources: list.map((x) => x.source), first: describe(first.location), other: describe(other.location) },
              hint: `locations are global in DataCenter: decide it in the project (locations: { ${JSON.stringify(name)}: { from: SOURCE } }, or { define: … })`,
              decide: conflictOptions(ctx, name, [first, ...differing.filter((x, i, all) => all.findIndex((y) => fingerprint(y.location) === fingerprint(x.location)) === i)]),
            },
          ),
        );
      }
    }
    const { row, ruleRows } = emit(first.location, first.source, first.source);
    // The same definition in another export: the row lists that position too.
    for (const same of list.slice(1)) {
      if (fingerprint(same.location) !== fingerprint(first.location)) continue;
      ctx.provenance.fromExport(row, same.source, same.location.pos);
      ruleRows.forEach((r, i) => ctx.provenance.fromExport(r, same.source, same.location.rules[i]?.pos));
    }
  }
  // A location the project defines that no export has: a new one, as the project says.
  for (const [name, choice] of Object.entries(ctx.project.locations ?? {})) {
    if (defs.has(lc(name))) continue;
    const path = formatProjectPath(['locations', name]);
    if ('define' in choice) {
      const d = choice.define;
      const pos = { file: ctx.project.positions?.file ?? 'project', line: ctx.project.positions?.at.get(path)?.line ?? 1, column: 1 };
      emit({ name, countryCode: d.countryCode, cityCode: d.cityCode, localNumber: d.localNumber, extFrom: d.extFrom, extTo: d.extTo, rules: d.rules.map((r) => ({ ...r, pos })), pos }, PROJECT_ORIGIN, undefined, path);
      continue;
    }
    const near = closestName(name, [...defs.values()].map((l) => l[0]!.location.name));
    ctx.diagnostics.push(
      diag('PROJECT_LOCATION_UNKNOWN', 'error', `${path}: no export defines a location "${name}"${near === undefined ? '' : ` (did you mean ${near}?)`}; { from } takes a source's definition`, {
        ...projectWhere(path),
        subject: `location:${name}`,
        params: { location: name, ...(near === undefined ? {} : { suggestion: near }) },
        hint: near === undefined ? 'remove the entry, or define the location with { define: … }' : `write ${near}`,
      }),
    );
  }
  return { locations, rules };
}

/**
 * The options for a location the sources define differently, the one covering most of the run's
 * lines there first (a union of the ranges when that covers more than any one), each label saying
 * how many lines it covers: taking the first source's silently left lines outside the range.
 */
function conflictOptions(ctx: MapContext, name: string, defs: readonly { source: string; location: Location }[]): DecideOption[] {
  const lines = linesAt(ctx.exports, name);
  const count = (l: Location) => lines.filter((line) => covers(l, line)).length;
  const ranked = defs.map((d, i) => ({ ...d, i, covered: count(d.location) })).sort((a, b) => b.covered - a.covered || a.i - b.i);
  const best = ranked[0]!;
  const of = `of ${lines.length} line(s) at ${name}`;
  const out: DecideOption[] = [];
  const union = unionOf(defs.map((d) => d.location), best.location);
  const unionCovered = union === undefined ? 0 : count(union);
  if (union !== undefined && unionCovered > best.covered) {
    out.push(option(`define the location spanning the sources' ranges (${describe(union)}): covers ${unionCovered} ${of}`, ['locations', name], { define: locationDefinition(union) }));
  }
  for (const x of ranked) out.push(option(`take the definition of ${x.source} (${describe(x.location)}): covers ${x.covered} ${of}`, ['locations', name], { from: x.source }));
  if (out.length === ranked.length) out.push(option('define the location in the project', ['locations', name], { define: locationDefinition(best.location) }));
  return out;
}
