/** The Environment row and the Server rows: both come from the project (Origin `project`). */
import { PROJECT_ORIGIN, type EnvironmentRow, type ServerRow, type UserStore } from '../model/index.js';
import { findCatalogEntry } from '../model/index.js';
import { closestName } from '../model/index.js';
import { lc, listNames, type MapContext } from './context.js';
import { projectWhere } from './project-settings.js';
import { PROVENANCE_RULES } from './provenance.js';

export function environmentRow(ctx: MapContext, userStore: UserStore): EnvironmentRow {
  const row: EnvironmentRow = { Id: 1, Name: ctx.project.name, UserStore: userStore, Origin: PROJECT_ORIGIN };
  ctx.provenance.fromProject(row, 'name');
  if (ctx.project.userStore !== undefined) ctx.provenance.fromProject(row, 'userStore');
  else ctx.provenance.byRule(row, PROVENANCE_RULES.userStore, `every source uses ${userStore}`);
  return row;
}

export function serverRows(ctx: MapContext): ServerRow[] {
  return ctx.servers.map((s, i) => {
    const row: ServerRow = { Name: s.name, Fqdn: s.fqdn, Role: s.role, Site: s.site ?? null, MaxUsers: s.maxUsers ?? null, Origin: PROJECT_ORIGIN };
    ctx.provenance.fromProject(row, `servers[${i}]`);
    return row;
  });
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
        subject: `server:${e.source}`,
        params: { server: e.source, inputs: [prev, e.inputPath] },
      });
    } else seen.set(lc(e.source), e.inputPath);
    if (ctx.replacing(e.source) === undefined) {
      ctx.warn(
        'MAP_SOURCE_NOT_REPLACED',
        `no server replaces source "${e.source}": its local settings (${localCount(e)}) are not migrated and its users are placed by the other rules`,
        { source: e.source, hint: `add "${e.source}" to the replaces list of the server that takes over its role`, subject: `server:${e.source}`, params: { server: e.source, count: localSettings(e) } },
      );
    }
  }
  // A name no export has is a misspelling when an export of this run is left unreplaced: an
  // error naming the closest one. Otherwise it names a source of another migration wave: a warning.
  const unreplaced = ctx.exports.filter((e) => ctx.replacing(e.source) === undefined).map((e) => e.source);
  ctx.servers.forEach((s, i) => {
    s.replaces.forEach((src, j) => {
      if (seen.has(lc(src))) return;
      const path = `servers[${i}].replaces[${j}]`;
      const near = closestName(src, unreplaced);
      if (near !== undefined) {
        ctx.error('MAP_REPLACES_UNKNOWN_SOURCE', `${path}: no export is from source "${src}" (did you mean ${near}?)`, {
          ...projectWhere(ctx.project, path),
          hint: `write ${near}; the export of ${near} is replaced by no server, so its local settings would be lost`,
          subject: path,
          params: { source: src, target: s.name, suggestion: near },
        });
      } else {
        ctx.warn('MAP_REPLACES_UNKNOWN_SOURCE', `${path}: no export of this run is from source "${src}" (a source of another migration wave?)`, {
          ...projectWhere(ctx.project, path),
          hint: `sources of this run: ${listNames(ctx.exports.map((e) => e.source))}`,
          subject: path,
          params: { source: src, target: s.name },
        });
      }
    });
  });
}

function localSettings(e: { settings: { key: string }[] }): number {
  return e.settings.filter((s) => (findCatalogEntry(s.key)?.scope ?? 'local') === 'local').length;
}

function localCount(e: { settings: { key: string }[] }): string {
  const n = localSettings(e);
  return `${n} setting${n === 1 ? '' : 's'}`;
}
