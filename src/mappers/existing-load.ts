/**
 * What the target already holds that this run does not place again: the users and computers of
 * other migration waves, counted per home server. A wave-2 run must count them, or a server that
 * wave 1 filled close to its maxUsers would be "least loaded" again (migration-project.md: a
 * server over its maxUsers is an error). Pure: the pipeline reads the target and passes it here.
 */
import type { DataCenterModel } from '../model/index.js';
import type { EnterpriseExport } from '../model/index.js';
import { lc } from './context.js';
import type { ExistingLoad } from './types.js';

/**
 * Rows whose Origin is not one of this run's sources and whose name is not one this run maps
 * (a row this run maps is placed again by this run's rules, and counting it twice would make a
 * re-run refuse itself). Keys are the home-server names as the database has them.
 */
export function existingLoad(actual: DataCenterModel, exports: readonly EnterpriseExport[]): ExistingLoad {
  const sources = new Set(exports.map((e) => lc(e.source)));
  const users = new Set(exports.flatMap((e) => e.users.map((u) => lc(u.userName))));
  const computers = new Set(exports.flatMap((e) => e.computers.map((c) => lc(c.name))));
  const count = (rows: readonly { name: string; home: string; origin: string }[], ours: ReadonlySet<string>): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const r of rows) {
      if (r.home === '' || sources.has(lc(r.origin)) || ours.has(lc(r.name))) continue;
      out[r.home] = (out[r.home] ?? 0) + 1;
    }
    // Same order whatever order the database returned the rows in.
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  };
  return {
    users: count(actual.UserAccount.map((u) => ({ name: u.UserName, home: u.HomeServer, origin: u.Origin })), users),
    computers: count(actual.Computer.map((c) => ({ name: c.Name, home: c.HomeServer, origin: c.Origin })), computers),
  };
}
