/** The Environment row and the Server rows: both come from the project (Origin `project`). */
import { PROJECT_ORIGIN, type EnvironmentRow, type ServerRow, type UserStore } from '../model/datacenter.js';
import { findCatalogEntry } from '../model/setting-catalog.js';
import { lc, type MapContext } from './context.js';

export function environmentRow(ctx: MapContext, userStore: UserStore): EnvironmentRow {
  return { Id: 1, Name: ctx.project.name, UserStore: userStore, Origin: PROJECT_ORIGIN };
}

export function serverRows(ctx: MapContext): ServerRow[] {
  return ctx.servers.map((s) => ({
    Name: s.name,
    Fqdn: s.fqdn,
    Role: s.role,
    Site: s.site ?? null,
    MaxUsers: s.maxUsers ?? null,
    Origin: PROJECT_ORIGIN,
  }));
}

/**
 * Checks the project's servers against the exports: duplicate sources, `replaces` naming no
 * export, sources no server replaces (their local settings have nowhere to go).
 */
export function checkSources(ctx: MapContext): void {
  const seen = new Map<string, string>();
  for (const e of ctx.exports) {
    const prev = seen.get(lc(e.source));
    if (prev !== undefined) {
      ctx.error('MAP_SOURCE_DUPLICATE', `two exports name the source server "${e.source}": ${prev} and ${e.inputPath}`, {
        source: e.source,
        hint: 'each source server may be exported once per run; remove the older export from sources',
      });
    } else seen.set(lc(e.source), e.inputPath);
    if (ctx.replacing(e.source) === undefined) {
      ctx.warn(
        'MAP_SOURCE_NOT_REPLACED',
        `no server replaces source "${e.source}": its local settings (${localCount(e)}) are not migrated and its users are placed by the other rules`,
        { source: e.source, hint: `add "${e.source}" to the replaces list of the server that takes over its role` },
      );
    }
  }
  ctx.servers.forEach((s, i) => {
    s.replaces.forEach((src, j) => {
      if (!seen.has(lc(src))) {
        ctx.warn('MAP_REPLACES_UNKNOWN_SOURCE', `servers[${i}].replaces[${j}]: no export is from source "${src}"`, {
          path: `servers[${i}].replaces[${j}]`,
          hint: `known sources: ${[...ctx.exports.map((e) => e.source)].join(', ')}`,
        });
      }
    });
  });
}

function localCount(e: { settings: { key: string }[] }): string {
  const n = e.settings.filter((s) => (findCatalogEntry(s.key)?.scope ?? 'local') === 'local').length;
  return `${n} setting${n === 1 ? '' : 's'}`;
}
