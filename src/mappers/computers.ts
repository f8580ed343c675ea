/** Computers of all sources, consolidated by name; their home server follows their lines. */
import type { ComputerRow } from '../model/index.js';
import type { Computer } from '../model/index.js';
import { at, lc, sortByName, type MapContext } from './context.js';
import type { Placeable } from './home-servers.js';
import type { ExplainPlacement } from './placement-provenance.js';
import type { HomeServerAssignment } from './types.js';

export interface ConsolidatedComputer {
  source: string;
  computer: Computer;
}

export function consolidateComputers(ctx: MapContext): ConsolidatedComputer[] {
  const byName = new Map<string, ConsolidatedComputer>();
  for (const e of ctx.exports) {
    for (const computer of e.computers) {
      const prev = byName.get(lc(computer.name));
      if (prev !== undefined) {
        ctx.error('MAP_COMPUTER_DUPLICATE', `computer "${computer.name}" is in two sources: "${prev.source}" and "${e.source}"`, {
          ...at(e.source, computer.pos),
          subject: `computer:${computer.name}`,
          params: { computer: computer.name, servers: [prev.source, e.source] },
        });
        continue;
      }
      byName.set(lc(computer.name), { source: e.source, computer });
    }
  }
  return sortByName([...byName.values()], (c) => c.computer.name);
}

export function computerPlaceable(c: ConsolidatedComputer): Placeable {
  return { name: c.computer.name, source: c.source, numbers: [c.computer.phoneNumber, c.computer.phoneSecondary], request: '', pos: c.computer.pos };
}

/** The computer's row; its provenance is the `<Computer>` element and the rule that chose its home server. */
export function computerRow(ctx: MapContext, c: ConsolidatedComputer, placed: HomeServerAssignment | undefined, explain: ExplainPlacement): ComputerRow {
  const row: ComputerRow = {
    Name: c.computer.name,
    PhoneNumber: c.computer.phoneNumber,
    PhoneSecondary: c.computer.phoneSecondary,
    HomeServer: placed?.server ?? '',
    Enabled: c.computer.enabled,
    Origin: c.source,
  };
  ctx.provenance.fromExport(row, c.source, c.computer.pos);
  explain(row, placed, { numbers: [c.computer.phoneNumber, c.computer.phoneSecondary], request: '', source: c.source });
  return row;
}
