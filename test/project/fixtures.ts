/** Two-site customers for the decide tests: built from the import fixture's baseline export. */
import { join } from 'node:path';
import { baselineExport, writeExportFolder, type ExportFiles } from '../helpers/export-fixture.js';

/** The baseline with every name and number of the second site changed; `opts` chooses what still overlaps. */
export function secondSite(server: string, opts: { sameRule?: boolean; exportedAt?: string } = {}): ExportFiles {
  const out: ExportFiles = {};
  for (const [name, content] of Object.entries(baselineExport(server))) {
    const rename = (s: string) =>
      s
        .replaceAll('anna.schmidt', 'carla.wolf')
        .replaceAll('bob.meyer', 'dirk.lang')
        .replaceAll('Sales Berlin', 'Sales Muc')
        .replaceAll('PC-BER-0042', 'PC-MUC-0042')
        .replaceAll('-0001', '-0003')
        .replaceAll('-0002', '-0004');
    let text = typeof content === 'string' ? rename(content) : content;
    if (typeof text === 'string') {
      // Numbers of the second site; the location rule too, unless it is to stay the same.
      text = text.replaceAll('tel:+493012345', 'tel:+493012346').replaceAll('u8sPhoneNumber="+493012345', 'u8sPhoneNumber="+493012346');
      if (!opts.sameRule) text = text.replace('Replace="+493012345\\1"', 'Replace="+493012346\\1"');
      if (opts.exportedAt) text = text.replace('exportedAt="2026-10-02T09:14:00Z"', `exportedAt="${opts.exportedAt}"`);
    }
    out[rename(name)] = text;
  }
  return out;
}

/** `dir/ber` (baseline) and `dir/muc` (second site): a shared line group; the location Berlin differs unless `sameRule`. */
export function twoSites(dir: string, opts: { sameRule?: boolean } = {}): { ber: string; muc: string } {
  return {
    ber: writeExportFolder(join(dir, 'ber'), baselineExport('ucs-ber-01.corp.example')),
    muc: writeExportFolder(join(dir, 'muc'), secondSite('ucs-muc-01.corp.example', opts)),
  };
}

/** The second site holding anna.schmidt too (her user name, in users and groups; her own SIP URI): a user two sources hold. */
export function duplicateUserSite(server: string, opts: { sameRule?: boolean } = {}): ExportFiles {
  const out: ExportFiles = {};
  for (const [name, content] of Object.entries(secondSite(server, opts))) {
    const text = typeof content === 'string' ? content.replace('u8sUserName="carla.wolf"', 'u8sUserName="anna.schmidt"').replaceAll('u8sUserName="carla.wolf"/>', 'u8sUserName="anna.schmidt"/>').replace('u8sGroupLeader="carla.wolf"', 'u8sGroupLeader="anna.schmidt"') : content;
    out[name.replace('carla.wolf_clientcontent', 'anna.schmidt_clientcontent')] = text;
  }
  return out;
}
