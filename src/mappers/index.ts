/**
 * Enterprise exports + the migration project → the DataCenter multi-server database (desired
 * state), with every decision and problem as data. Pure: no I/O, no clock, no randomness; the
 * same input gives byte-identical `JSON.stringify` output.
 */
import { emptyModel, type DataCenterModel } from '../model/index.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../model/index.js';
import { consolidateComputers, computerPlaceable, computerRow } from './computers.js';
import { cmp, lc, MapContext } from './context.js';
import { mapClientContent } from './client-content.js';
import { applyDataCenterRules } from './datacenter-rules.js';
import { checkSources, environmentRow, serverRows } from './environment.js';
import { checkTextLengths, sortModel } from './finalize.js';
import { mapGroups } from './groups.js';
import { assignHomeServers } from './home-servers.js';
import { mapLicenses } from './licenses.js';
import { mapLines } from './lines.js';
import { mapLocations } from './locations.js';
import { checkNumbersWithoutLine, checkRewrittenNumbers } from './number-rules.js';
import { placementProvenance } from './placement-provenance.js';
import { checkProjectSettings } from './project-settings.js';
import { splitSettings } from './settings.js';
import type { Decision, MapInput, MapResult } from './types.js';
import { checkUserStore, decideUserStore, userManagerModeRow } from './user-store.js';
import { consolidateUsers, monitorLineRows, userAccountRow } from './users.js';
import { pushAll } from '../model/index.js';

export type { Decision, ExistingLoad, HomeServerAssignment, HomeServerRule, LicenseSummary, MapInput, MapResult } from './types.js';
export { existingLoad } from './existing-load.js';
export { MAP_CODES, type MapCode } from './codes.js';

export function mapToDataCenter(input: MapInput): MapResult {
  const ctx = new MapContext(input.project, input.exports);
  const model: DataCenterModel = emptyModel();
  checkSources(ctx);
  checkProjectSettings(ctx);

  // Without a decided store the model still gets built (every other problem is reported too);
  // the error blocks it, and `mssql` only fills the required column.
  const userStore = decideUserStore(ctx);
  const store = userStore ?? 'mssql';
  model.Environment.push(environmentRow(ctx, store));
  pushAll(model.Server, serverRows(ctx));

  const users = consolidateUsers(ctx);
  const enabledUsers = users.filter((u) => u.user.enabled).length;
  const settings = splitSettings(ctx);
  if (userStore !== undefined) settings.rows.push(userManagerModeRow(ctx, userStore));
  applyDataCenterRules(ctx, settings.rows, settings.where, enabledUsers);
  if (userStore !== undefined) checkUserStore(ctx, userStore, users, settings.rows);

  const locations = mapLocations(ctx);
  pushAll(model.Location, locations.locations);
  pushAll(model.LocationRule, locations.rules);
  const lines = mapLines(ctx);
  pushAll(model.LineGroup, lines.lineGroups);
  pushAll(model.Line, lines.lines);

  checkRewrittenNumbers(ctx, users, lines.byNumber);
  checkNumbersWithoutLine(ctx, users, lines.byNumber);

  const homeServers = assignHomeServers(
    ctx,
    users.map((u) => ({ name: u.user.userName, source: u.source, numbers: [u.user.phoneNumber, u.user.phoneSecondary], request: u.user.homeServer, pos: u.user.pos })),
    lines.byNumber,
    {
      kind: 'user',
      enforceCapacity: true,
      ...(input.mapping === undefined ? {} : { mapping: input.mapping }),
      ...(input.mappingUnknownCounted === undefined ? {} : { mappingUnknownCounted: input.mappingUnknownCounted }),
      ...(input.existingLoad === undefined ? {} : { existing: input.existingLoad.users }),
    },
  );
  const homeOf = new Map(homeServers.map((a) => [lc(a.userName), a]));
  const explainPlacement = placementProvenance(ctx, lines.byNumber, input.mapping ?? []);
  for (const u of users) {
    model.UserAccount.push(userAccountRow(ctx, u, homeOf.get(lc(u.user.userName)), store, explainPlacement));
    pushAll(model.UserMonitorLine, monitorLineRows(ctx, u));
  }

  const groups = mapGroups(ctx, users, settings.everyoneSeesEveryone);
  pushAll(model.UserGroup, groups.groups);
  pushAll(model.UserGroupMember, groups.members);
  pushAll(pushAll(model.Setting, settings.rows), groups.settings);

  const computers = consolidateComputers(ctx);
  const computerHomeServers = assignHomeServers(ctx, computers.map(computerPlaceable), lines.byNumber, {
    kind: 'computer',
    enforceCapacity: false,
    ...(input.existingLoad === undefined ? {} : { existing: input.existingLoad.computers }),
  });
  const computerHome = new Map(computerHomeServers.map((a) => [lc(a.userName), a]));
  pushAll(model.Computer, computers.map((c) => computerRow(ctx, c, computerHome.get(lc(c.computer.name)), explainPlacement)));

  pushAll(model.ClientContent, mapClientContent(ctx, users, homeOf));
  const licenses = mapLicenses(ctx, enabledUsers);
  pushAll(model.License, licenses.rows);

  checkTextLengths(ctx, model);
  sortModel(model);
  const diagnostics = sortDiagnostics(ctx.diagnostics);
  return {
    model,
    diagnostics,
    decisions: sortDecisions(ctx.decisions),
    homeServers,
    computerHomeServers,
    licenses: licenses.summary,
    blocked: hasErrors(diagnostics, input.strict ?? false),
    provenance: ctx.provenance.index,
  };
}

/** The diagnostics that stop a migration: errors, and with `--strict` warnings too. */
export function blocking(diagnostics: readonly Diagnostic[], strict: boolean): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 'error' || (strict && d.severity === 'warning' && d.accepted === undefined));
}

function sortDecisions(decisions: readonly Decision[]): Decision[] {
  return [...decisions].sort((a, b) => cmp(a.id, b.id) || cmp(a.what, b.what));
}
export { addOverrideProvenance } from './override-provenance.js';
