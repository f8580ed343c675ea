/**
 * Why a user or computer has its home server, as a provenance rule entry
 * (`rule home server by lines (line group "Berlin-ECSTA" on dc-ucs-01)`). Details name what the
 * rule looked at; most are shared by many users, so the recorder's interning keeps one object each.
 */
import type { LineRow } from '../model/index.js';
import type { MappingEntry } from '../project/index.js';
import { lc, type MapContext } from './context.js';
import { PROVENANCE_RULES } from './provenance.js';
import type { HomeServerAssignment, HomeServerRule } from './types.js';

/** What a placed item offers the explanation: its own numbers, its request and its source. */
export interface PlacedItem {
  numbers: readonly string[];
  request: string;
  source: string;
}

export type ExplainPlacement = (row: object, placed: HomeServerAssignment | undefined, item: PlacedItem) => void;

/** Records, for a row, the rule that placed it (nothing for an unplaced item: its error says why). */
export function placementProvenance(ctx: MapContext, byNumber: ReadonlyMap<string, LineRow>, mapping: readonly MappingEntry[]): ExplainPlacement {
  let mappingByUser: Map<string, MappingEntry> | undefined;
  const mappingEntry = (name: string): MappingEntry | undefined => {
    // Built on first use only: most projects have no mapping file. The last row for a user wins, as in the rule.
    mappingByUser ??= new Map(mapping.map((m) => [lc(m.userName), m]));
    return mappingByUser.get(lc(name));
  };
  const detail = (rule: HomeServerRule, a: HomeServerAssignment, item: PlacedItem): string => {
    switch (rule) {
      case 'mapping': {
        const m = mappingEntry(a.userName);
        const file = m?.file === undefined ? 'mapping file' : (m.file.split(/[\\/]/).pop() ?? m.file);
        return m?.line === undefined ? `${file} → ${a.server}` : `${file}:${m.line} → ${a.server}`;
      }
      case 'lines': {
        const line = item.numbers.map((n) => (n === '' ? undefined : byNumber.get(n))).find((l) => l !== undefined && lc(l.ManagementServer) === lc(a.server));
        return line === undefined ? `lines on ${a.server}` : `line group "${line.LineGroupName}" on ${a.server}`;
      }
      case 'request':
        return `u8sHomeServer "${item.request.trim()}" → ${a.server}`;
      case 'source':
        return `${a.server} replaces ${item.source}`;
      case 'balance':
        return `least-loaded ucserver ${a.server}`;
      default: {
        const _exhaustive: never = rule;
        return _exhaustive;
      }
    }
  };
  return (row, placed, item) => {
    if (placed === undefined) return;
    ctx.provenance.byRule(row, PROVENANCE_RULES.homeServer(placed.rule), detail(placed.rule, placed, item));
  };
}
