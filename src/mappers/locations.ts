/**
 * Locations are global in DataCenter: a location used on several servers must be identical, so
 * one name defined differently by two sources is a conflict (error naming both definitions).
 */
import type { LocationRow, LocationRuleRow } from '../model/datacenter.js';
import type { Location } from '../model/enterprise.js';
import { at, lc, type MapContext } from './context.js';

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

export function mapLocations(ctx: MapContext): { locations: LocationRow[]; rules: LocationRuleRow[] } {
  const first = new Map<string, { source: string; location: Location; row: LocationRow; rules: LocationRuleRow[] }>();
  const locations: LocationRow[] = [];
  const rules: LocationRuleRow[] = [];
  for (const e of ctx.exports) {
    for (const l of e.locations) {
      const prev = first.get(lc(l.name));
      if (prev !== undefined) {
        if (fingerprint(prev.location) !== fingerprint(l)) {
          ctx.error(
            'MAP_LOCATION_CONFLICT',
            `location "${l.name}" differs between sources: ${prev.source} has ${describe(prev.location)}; ${e.source} has ${describe(l)}`,
            { ...at(e.source, l.pos), hint: 'locations are global in DataCenter: make both definitions identical in the sources, or rename one' },
          );
        } else {
          // The same definition in another export: the row lists that position too.
          ctx.provenance.fromExport(prev.row, e.source, l.pos);
          prev.rules.forEach((row, i) => ctx.provenance.fromExport(row, e.source, l.rules[i]?.pos));
        }
        continue;
      }
      const row: LocationRow = {
        Name: l.name,
        CountryCode: l.countryCode,
        CityCode: l.cityCode,
        LocalNumber: l.localNumber,
        ExtFrom: l.extFrom,
        ExtTo: l.extTo,
        Origin: e.source,
      };
      ctx.provenance.fromExport(row, e.source, l.pos);
      locations.push(row);
      const ruleRows = l.rules.map((r, i) => {
        const ruleRow: LocationRuleRow = { LocationName: l.name, Position: i + 1, Search: r.search, Replace: r.replace, MatchReplace: r.matchReplace, Origin: e.source };
        ctx.provenance.fromExport(ruleRow, e.source, r.pos);
        return ruleRow;
      });
      rules.push(...ruleRows);
      first.set(lc(l.name), { source: e.source, location: l, row, rules: ruleRows });
    }
  }
  return { locations, rules };
}
