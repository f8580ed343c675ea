/**
 * Rules across all exports of one run: references are checked against the union of the
 * exports (in DataCenter a user may monitor another server's line, a group may hold users of
 * several sources), and two exports must not claim the same server.
 */
import type { Diagnostic } from '../model/index.js';
import type { EnterpriseExport } from '../model/index.js';
import { pathOf } from './entity-paths.js';
import { GROUPS, LINES, MANIFEST_SERVER_ATTRIBUTE, ROOTS } from './format.js';
import { reportAt } from './xml-doc.js';

export interface RunExport {
  exp: EnterpriseExport;
  /** Names of users whose rows were invalid (already reported): not "unknown" when referenced. */
  invalidUserNames: readonly string[];
  /** Where this export's diagnostics go. */
  diagnostics: Diagnostic[];
}

export function sameServerTwice(run: readonly RunExport[]): void {
  const first = new Map<string, RunExport>();
  for (const r of run) {
    const key = r.exp.source.toLowerCase();
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, r);
    else
      reportAt(r.diagnostics, 'IMPORT_DUPLICATE_SERVER', `${r.exp.inputPath} and ${earlier.exp.inputPath} are both exports of server ${r.exp.source}`, r.exp.manifest.pos, `/${ROOTS.manifest}/@${MANIFEST_SERVER_ATTRIBUTE}`, 'give each server\'s export once; two exports of one server cannot both be migrated', { subject: `server:${r.exp.source}`, params: { server: r.exp.source, inputs: [earlier.exp.inputPath, r.exp.inputPath] } });
  }
}

/**
 * A member, leader or co-leader no export of the run holds is a stale reference (a user deleted
 * long ago): reported as a warning and dropped, so the rest of the export still migrates and
 * nothing points at a user that does not exist.
 */
export function unknownGroupUsers(run: readonly RunExport[]): void {
  const known = new Set<string>();
  for (const r of run) {
    for (const u of r.exp.users) known.add(u.userName.toLowerCase());
    for (const n of r.invalidUserNames) known.add(n.toLowerCase());
  }
  const exists = (name: string) => name === '' || known.has(name.toLowerCase());
  const dropped = 'the reference is dropped';
  for (const { exp, diagnostics } of run) {
    for (const group of exp.groups) {
      const at = pathOf(group);
      if (!exists(group.leader)) {
        reportAt(diagnostics, 'IMPORT_UNKNOWN_USER', `group ${group.name} has leader ${group.leader}, but no export holds that user; ${dropped}`, group.pos, at && `${at}/@${GROUPS.leaderAttribute}`, undefined, { subject: `group:${group.name}`, params: { group: group.name, user: group.leader, role: 'leader' } });
        group.leader = '';
      }
      if (!exists(group.coLeader)) {
        reportAt(diagnostics, 'IMPORT_UNKNOWN_USER', `group ${group.name} has co-leader ${group.coLeader}, but no export holds that user; ${dropped}`, group.pos, at && `${at}/@${GROUPS.coLeaderAttribute}`, undefined, { subject: `group:${group.name}`, params: { group: group.name, user: group.coLeader, role: 'coLeader' } });
        group.coLeader = '';
      }
      group.members = group.members.filter((m) => {
        if (exists(m.userName)) return true;
        reportAt(diagnostics, 'IMPORT_UNKNOWN_USER', `group ${group.name} has member ${m.userName}, but no export holds that user; the membership is dropped`, m.pos, pathOf(m), undefined, { subject: `group:${group.name}`, params: { group: group.name, user: m.userName, role: 'member' } });
        return false;
      });
    }
  }
}

/** Monitoring is not owning: a monitored number no export of the run has as a line is reported and dropped. */
export function unknownMonitorLines(run: readonly RunExport[]): void {
  const numbers = new Set<string>();
  for (const { exp } of run) for (const g of exp.lineGroups) for (const l of g.lines) numbers.add(l.phoneNumber);
  for (const { exp, diagnostics } of run) {
    for (const user of exp.users) {
      user.monitorLines = user.monitorLines.filter((m) => {
        if (numbers.has(m.phoneNumber)) return true;
        reportAt(diagnostics, 'IMPORT_UNKNOWN_LINE', `user ${user.userName} monitors ${m.phoneNumber}, but no export has a line with that number; the monitored line is dropped`, m.pos, pathOf(m), undefined, { subject: `user:${user.userName}`, params: { user: user.userName, number: m.phoneNumber } });
        return false;
      });
    }
  }
}

/** Locations are global in DataCenter, so any export's locations.xml may define one. */
export function unknownLocations(run: readonly RunExport[]): void {
  const names = new Set<string>();
  for (const { exp } of run) for (const l of exp.locations) names.add(l.name.toLowerCase());
  const exists = (name: string) => name.trim() === '' || names.has(name.trim().toLowerCase());
  for (const { exp, diagnostics } of run) {
    for (const g of exp.lineGroups) {
      const at = pathOf(g);
      if (!exists(g.location)) reportAt(diagnostics, 'IMPORT_UNKNOWN_LOCATION', `line group ${g.name} is at location ${g.location}, which no locations.xml defines`, g.pos, at && `${at}/@${LINES.locationAttribute}`, undefined, { subject: `lineGroup:${g.name}`, params: { lineGroup: g.name, location: g.location } });
      for (const l of g.lines) {
        const lineAt = pathOf(l);
        if (!exists(l.location)) reportAt(diagnostics, 'IMPORT_UNKNOWN_LOCATION', `line ${l.uri} is at location ${l.location}, which no locations.xml defines`, l.pos, lineAt && `${lineAt}/@${LINES.locationAttribute}`, undefined, { subject: `line:${l.uri}`, params: { line: l.uri, lineGroup: g.name, location: l.location } });
      }
    }
  }
}

export const RUN_RULES = [sameServerTwice, unknownGroupUsers, unknownMonitorLines, unknownLocations] as const;
