/**
 * Client content (favorites and monitor) is not moved when a user changes server, so each user's
 * content is kept whole and bound to the user's home server.
 */
import type { ClientContentRow } from '../model/index.js';
import { at, lc, type MapContext } from './context.js';
import { PROVENANCE_RULES } from './provenance.js';
import type { ConsolidatedUser } from './users.js';

export function mapClientContent(
  ctx: MapContext,
  users: readonly ConsolidatedUser[],
  homeServer: ReadonlyMap<string, { server: string }>,
): ClientContentRow[] {
  const owner = new Map(users.map((u) => [lc(u.user.userName), u]));
  const rows: ClientContentRow[] = [];
  for (const e of ctx.exports) {
    for (const c of e.clientContent) {
      const u = owner.get(lc(c.userName));
      // Only the content of the user's own source: a duplicate user was already refused.
      if (u === undefined || u.source !== e.source) {
        ctx.warn('MAP_CLIENT_CONTENT_ORPHAN', `client content for "${c.userName}" is not migrated: that user is not migrated from "${e.source}"`, { ...at(e.source, c.pos), subject: `user:${c.userName}`, params: { user: c.userName } });
        continue;
      }
      const row: ClientContentRow = {
        UserName: u.user.userName,
        ServerName: homeServer.get(lc(u.user.userName))?.server ?? '',
        Content: c.content,
        Revision: c.revision,
        Origin: e.source,
      };
      ctx.provenance.fromExport(row, e.source, c.pos);
      if (row.ServerName !== '') ctx.provenance.byRule(row, PROVENANCE_RULES.clientContentServer, row.ServerName);
      rows.push(row);
    }
  }
  return rows;
}
