/**
 * Licences are managed centrally in DataCenter: every key once, whatever export it came from.
 * The summary counts user licences against enabled users and server licences against every
 * server that needs one (each ucserver, and each MediaServer on its own machine).
 */
import type { LicenseRow } from '../model/index.js';
import { at, cmp, type MapContext } from './context.js';
import type { LicenseKeySummary, LicenseSummary } from './types.js';

export function mapLicenses(ctx: MapContext, enabledUsers: number): { rows: LicenseRow[]; summary: LicenseSummary } {
  const byKey = new Map<string, { row: LicenseRow; sources: string[] }>();
  for (const e of ctx.exports) {
    for (const l of e.licenses) {
      const prev = byKey.get(l.key.reveal());
      if (prev !== undefined) {
        if (!prev.sources.includes(e.source)) prev.sources.push(e.source);
        ctx.provenance.fromExport(prev.row, e.source, l.pos);
        ctx.warn(
          'MAP_LICENSE_DUPLICATE',
          `licence ${l.key.shown} is in ${prev.row.Origin} and ${e.source}; it is counted once${prev.row.Kind !== l.kind || prev.row.Count !== l.count ? ` (kept ${prev.row.Kind} × ${prev.row.Count} from ${prev.row.Origin})` : ''}`,
          { ...at(e.source, l.pos), subject: `licence:${l.key.shown}`, params: { license: l.key.shown, servers: [prev.row.Origin, e.source] } },
        );
        continue;
      }
      const row: LicenseRow = { LicenseKey: l.key, Kind: l.kind, Count: l.count, Origin: e.source };
      ctx.provenance.fromExport(row, e.source, l.pos);
      byKey.set(l.key.reveal(), { row, sources: [e.source] });
    }
  }
  const rows = [...byKey.values()].map((v) => v.row);
  const sum = (kind: 'user' | 'server'): number => rows.filter((r) => r.Kind === kind).reduce((s, r) => s + r.Count, 0);
  const userLicenses = sum('user');
  const serverLicenses = sum('server');
  const serversNeedingLicence = ctx.servers.length;
  const perKey: LicenseKeySummary[] = [...byKey.values()]
    .map((v) => ({ key: v.row.LicenseKey.shown, kind: v.row.Kind, count: v.row.Count, origin: v.row.Origin, sources: v.sources }))
    .sort((a, b) => cmp(a.kind, b.kind) || cmp(a.origin, b.origin) || cmp(a.key, b.key) || a.count - b.count);

  if (!rows.some((r) => r.Kind === 'user')) {
    ctx.error('MAP_NO_USER_LICENSE', 'no export holds a user licence; DataCenter needs user and server licences before clients can connect', {
      hint: 'add the user licences to one source (or import them in the DataCenter administration and re-export)',
      subject: 'licences',
      params: { count: 0, users: enabledUsers },
    });
  } else if (userLicenses < enabledUsers) {
    ctx.warn('MAP_USER_LICENSES_SHORT', `${userLicenses} user licence(s) for ${enabledUsers} enabled users`, { hint: 'order more user licences before the go-live', subject: 'licences', params: { count: userLicenses, users: enabledUsers } });
  }
  if (serverLicenses < serversNeedingLicence) {
    const media = ctx.servers.filter((s) => s.role === 'mediaserver').length;
    ctx.warn(
      'MAP_SERVER_LICENSES_SHORT',
      `${serverLicenses} server licence(s) for ${serversNeedingLicence} servers (${serversNeedingLicence - media} ucserver(s), ${media} dedicated mediaserver(s)); ${serversNeedingLicence - serverLicenses} missing`,
      {
        hint: 'a MediaServer on its own machine needs a server licence too; import the missing ones in the DataCenter administration',
        subject: 'licences',
        params: { count: serverLicenses, servers: serversNeedingLicence, ucservers: serversNeedingLicence - media, mediaservers: media, missing: serversNeedingLicence - serverLicenses },
      },
    );
  }
  return {
    rows,
    summary: {
      userLicenses,
      enabledUsers,
      serverLicenses,
      serversNeedingLicence,
      userLicencesOk: userLicenses >= enabledUsers && userLicenses > 0,
      serverLicencesOk: serverLicenses >= serversNeedingLicence,
      perKey,
    },
  };
}
