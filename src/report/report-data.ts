/**
 * Everything the migration report shows, as plain data (strings and numbers, secrets already
 * masked). Built from the pipeline's results by one pure function; the HTML and Markdown
 * renderers only lay it out.
 */
import path from 'node:path';
import type { Diagnostic } from '../model/index.js';
import { sortDiagnostics } from '../model/index.js';
import type { EnterpriseExport } from '../model/index.js';
import { isTodoValue, type Project } from '../project/index.js';
import { SENSITIVE_MARK, Sensitive } from '../model/index.js';
import type { Decision, LicenseSummary, MapResult } from '../mappers/index.js';
import type { DistributionRow } from './chart-svg.js';
import { openPerItem, postInstallChecklist, reviewPerItem, type ChecklistItem, type InvariantView } from './checklist.js';
import { consequencesOf, type Consequence } from './consequences.js';
import { forCustomer, type ReportDiagnostic } from './findings.js';
import type { PreflightResult } from './preflight.js';
import { setupSheets, type SetupSheet } from './setup-sheet.js';
import { signOffFromPlan, type PlanForReport, type SignOff } from './signoff.js';
import { userRows, type UserRow } from './user-rows.js';
import { openItems, type OpenItem } from './open-decisions.js';
import { cmp } from '../model/index.js';

/** A diagnostic as the report shows it: the project-file helper marks accepted warnings (`accept:`). */
export type { ReportDiagnostic } from './findings.js';

export interface ReportInput {
  project: Project;
  exports: readonly EnterpriseExport[];
  mapped: Pick<MapResult, 'model' | 'decisions' | 'homeServers' | 'computerHomeServers' | 'licenses'> & Partial<Pick<MapResult, 'provenance'>>;
  /** Every diagnostic of the run (project, import, map). */
  diagnostics: readonly Diagnostic[];
  /** checkInvariants on the desired model. */
  invariants: readonly InvariantView[];
  toolVersion: string;
  /** When the report was made (passed in: no clock here); ISO text is accepted too. */
  generatedAt: Date | string;
  /** The project file's folder: export paths are shown relative to it. */
  projectDir?: string;
  /** The saved plan the report is made from (`report --plan`); absent: a preview. */
  plan?: PlanForReport;
  /** `report --draft`: rendered although decisions are open. */
  draft?: boolean;
  /** Open decisions (`PROJECT_OPEN_DECISION`), listed first in a draft. Default: taken from `diagnostics`. */
  openDecisions?: readonly Diagnostic[];
  /** `report --preflight result.json`. */
  preflight?: PreflightResult;
}

export interface ReportData {
  customer: string;
  generatedAt: Date;
  toolVersion: string;
  userStore: string;
  sources: {
    server: string;
    input: string;
    version: string;
    exportedAt: string;
    userManagement: string;
    users: number;
    enabledUsers: number;
    groups: number;
    computers: number;
    lines: number;
    lineGroups: number;
  }[];
  servers: {
    name: string;
    fqdn: string;
    /** The host name is an open decision: still `TODO`, or a placeholder marked `# TODO` (then `fqdn` is the proposal). */
    fqdnOpen: boolean;
    role: string;
    site: string;
    maxUsers: number | null;
    replaces: string[];
    lineGroups: string[];
    users: number;
    computers: number;
  }[];
  distribution: DistributionRow[];
  /**
   * `origin`: the source server, `project` (the project file sets it) or `rule` (`rule` names it:
   * a value the migration's rules made, e.g. the DataCenter default). `open`: an open decision in the
   * project (value `TODO` when it has none yet, else the proposal marked `# TODO`).
   */
  settings: { scope: string; server: string; object: string; key: string; type: string; value: string; origin: string; rule?: string; open?: boolean }[];
  decisions: Decision[];
  diagnostics: ReportDiagnostic[];
  users: UserRow[];
  draft: boolean;
  openDecisions: Diagnostic[];
  /** The open decisions in the workshop's terms, with what the sources hold. */
  openItems: OpenItem[];
  /** What changes for the users, counted and named (the section near the top). */
  consequences: Consequence[];
  /** The source servers' names (findings name every source they concern). */
  sourceNames: string[];
  signOff?: SignOff;
  preflight?: PreflightResult;
  notMigrated: { source: string; path: string; kind: 'file database' | 'other' }[];
  licences: LicenseSummary;
  checklist: ChecklistItem[];
  setupSheets: SetupSheet[];
  totals: { users: number; enabledUsers: number; groups: number; computers: number; lines: number; errors: number; warnings: number };
}

const lc = (s: string) => s.toLowerCase();
/** The project-file helper's code for a `TODO` value in the project. */
export const OPEN_DECISION = 'PROJECT_OPEN_DECISION';

export function buildReportData(input: ReportInput): ReportData {
  const { project, exports, mapped } = input;
  const model = mapped.model;
  const perServer = (list: readonly { server: string }[], name: string) => list.filter((a) => lc(a.server) === lc(name)).length;

  const distribution: DistributionRow[] = project.servers
    .filter((s) => s.role === 'ucserver')
    .map((s) => {
      const byRule: Record<string, number> = {};
      for (const a of mapped.homeServers) if (lc(a.server) === lc(s.name)) byRule[a.rule] = (byRule[a.rule] ?? 0) + 1;
      return { server: s.name, maxUsers: s.maxUsers ?? null, byRule };
    });

  const provenance = mapped.provenance;
  /** `rule` when no export and no project line gave the value, only a rule (the project file did not decide it). */
  const ruleOf = (row: object): string | undefined => {
    const p = provenance?.get(row);
    const list = p === undefined ? [] : Array.isArray(p) ? p : [p];
    const first = list[0];
    if (first === undefined || first.source !== 'rule' || list.some((x) => x.source !== 'rule')) return undefined;
    return first.rule;
  };
  const diagnosticsSorted = sortDiagnostics(input.diagnostics);
  const openList = sortDiagnostics(input.openDecisions ?? diagnosticsSorted.filter((d) => d.code === OPEN_DECISION));
  // What the old servers hold for each open decision, read from the exports themselves (the mapper
  // raises no conflict for a key the project leaves open); a secret is never shown.
  const heldBy = (key: string, onlySources?: readonly string[]) =>
    exports
      .filter((e) => onlySources === undefined || onlySources.some((s) => lc(s) === lc(e.source)))
      .flatMap((e) => {
        const s = e.settings.find((x) => lc(x.key) === lc(key));
        return s === undefined ? [] : [{ source: e.source, type: s.type, value: s.type === 'secret' || s.value instanceof Sensitive ? SENSITIVE_MARK : String(s.value) }];
      });
  const items: OpenItem[] = openItems(openList, diagnosticsSorted, project).map((x) => {
    if (x.kind === 'userStore') return { ...x, sourceValues: exports.map((e) => ({ source: e.source, value: e.userManagement ?? 'unknown' })) };
    if (x.kind === 'location') {
      const locations = exports.flatMap((e) =>
        e.locations.filter((l) => lc(l.name) === lc(x.what)).map((l) => ({ source: e.source, number: `+${l.countryCode} ${l.cityCode} ${l.localNumber}`.trim(), extFrom: l.extFrom, extTo: l.extTo, rules: l.rules.length })),
      );
      return { ...x, locations };
    }
    if (x.kind === 'lineGroups') {
      // A listed line group is contested when a source holding it is replaced by another new server.
      const here = project.servers.find((s) => lc(s.name) === lc(x.server ?? ''));
      const contested = (here?.lineGroups ?? []).flatMap((g) => {
        const holders = exports.filter((e) => e.lineGroups.some((lg) => lg.name === g)).map((e) => lc(e.source));
        const others = project.servers.filter((s) => s !== here && s.replaces.some((r) => holders.includes(lc(r)))).map((s) => s.name);
        return others.length > 0 ? [{ lineGroup: g, others }] : [];
      });
      return { ...x, contested };
    }
    if (x.kind === 'setting' && x.sourceValues.length === 0) return { ...x, sourceValues: heldBy(x.what) };
    if (x.kind === 'localSetting' && x.sourceValues.length === 0) {
      const replaces = project.servers.find((s) => lc(s.name) === lc(x.server ?? ''))?.replaces ?? [];
      return { ...x, sourceValues: heldBy(x.what, replaces) };
    }
    return x;
  });
  const settingRows: ReportData['settings'] = model.Setting.map((r) => {
    const rule = r.Origin === 'project' ? ruleOf(r) : undefined;
    return {
      scope: r.Scope,
      server: r.ServerName,
      object: r.ObjectName,
      key: r.Key,
      type: r.Type,
      // A secret is never shown, whatever wraps it.
      value: r.Type === 'secret' || r.Value instanceof Sensitive ? SENSITIVE_MARK : String(r.Value),
      origin: rule !== undefined ? 'rule' : r.Origin,
      ...(rule !== undefined ? { rule } : {}),
    };
  });
  // An open setting has no value yet (the project loader drops `TODO`): it still gets its row, marked open.
  for (const x of items) {
    if (x.kind !== 'setting' && x.kind !== 'localSetting') continue;
    const server = x.kind === 'localSetting' ? x.server ?? '' : '';
    const scope = x.kind === 'setting' ? 'global' : 'server';
    const existing = settingRows.find((s) => s.scope === scope && lc(s.server) === lc(server) && lc(s.key) === lc(x.what));
    if (existing) {
      // A value marked `# TODO`: shown, and marked open; the draft's list names it as the proposal.
      existing.open = true;
      if (existing.origin === 'project' && existing.type !== 'secret') x.proposed = existing.value;
      continue;
    }
    settingRows.push({ scope, server, object: '', key: x.what, type: x.sourceValues[0]?.type ?? 'text', value: 'TODO', origin: 'project', open: true });
  }
  const settings = settingRows.sort((a, b) => cmp(a.scope, b.scope) || cmp(a.server, b.server) || cmp(a.object, b.object) || cmp(a.key, b.key));
  const notMigrated = exports.flatMap((e) => {
    const dbs = new Set(e.databaseFiles);
    const all = [...new Set([...e.databaseFiles, ...e.notMigrated])].sort();
    return all.map((p) => ({ source: e.source, path: p, kind: dbs.has(p) ? ('file database' as const) : ('other' as const) }));
  });

  const diagnostics = diagnosticsSorted;
  const openDecisions = openList;
  const open = new Set<Diagnostic>(openDecisions);
  const users = withPlannedHomeServers(userRows(model, mapped.homeServers, exports), input.plan);
  const servers: ReportData['servers'] = project.servers.map((s) => ({
    name: s.name,
    fqdn: s.fqdn,
    fqdnOpen: isTodoValue(s.fqdn) || items.some((x) => x.kind === 'fqdn' && x.server === s.name),
    role: s.role,
    site: s.site ?? '',
    maxUsers: s.maxUsers ?? null,
    replaces: s.replaces,
    lineGroups: s.lineGroups,
    // A signed report counts the users where the plan puts them.
    users: input.plan ? users.filter((u) => lc(u.homeServer) === lc(s.name)).length : perServer(mapped.homeServers, s.name),
    computers: perServer(mapped.computerHomeServers, s.name),
  }));
  const findings = diagnostics.filter((d) => !open.has(d) && d.code !== OPEN_DECISION);
  // Errors all count; a warning only where the customer reads it (not the consultant's own setup).
  const touching = findings.filter((d) => d.severity === 'error' || forCustomer(d));
  const consequences = consequencesOf({ project, exports, model, users, servers, notMigrated, diagnostics, ...(input.plan ? { plan: input.plan } : {}), ...(input.preflight ? { preflight: input.preflight } : {}) });
  return {
    customer: project.name,
    generatedAt: typeof input.generatedAt === 'string' ? new Date(input.generatedAt) : input.generatedAt,
    toolVersion: input.toolVersion,
    userStore: project.userStore ?? 'not decided',
    sources: exports.map((e) => ({
      server: e.source,
      input: input.projectDir ? path.relative(input.projectDir, e.inputPath).split(path.sep).join('/') || '.' : e.inputPath,
      version: e.manifest.version,
      exportedAt: e.manifest.exportedAt,
      userManagement: e.userManagement ?? 'unknown',
      users: e.users.length,
      enabledUsers: e.users.filter((u) => u.enabled).length,
      groups: e.groups.length,
      computers: e.computers.length,
      lines: e.lineGroups.reduce((a, g) => a + g.lines.length, 0),
      lineGroups: e.lineGroups.length,
    })),
    servers,
    distribution,
    settings,
    decisions: mapped.decisions,
    diagnostics: findings,
    users,
    draft: input.draft ?? false,
    openDecisions,
    openItems: items,
    consequences,
    sourceNames: exports.map((e) => e.source),
    ...(input.plan ? { signOff: signOffFromPlan(input.plan) } : {}),
    ...(input.preflight ? { preflight: input.preflight } : {}),
    notMigrated,
    licences: mapped.licenses,
    checklist: postInstallChecklist(input.invariants, input.preflight, openPerItem(touching, openDecisions.length), reviewPerItem(consequences)),
    setupSheets: setupSheets(project),
    totals: {
      users: model.UserAccount.length,
      enabledUsers: model.UserAccount.filter((u) => u.Enabled).length,
      groups: model.UserGroup.length,
      computers: model.Computer.length,
      lines: model.Line.length,
      errors: diagnostics.filter((d) => d.severity === 'error').length,
      warnings: diagnostics.filter((d) => d.severity === 'warning' && !(d as ReportDiagnostic).accepted).length,
    },
  };
}

/**
 * A report made from a saved plan shows each user's home server as the plan writes it: in a later
 * wave the plan placed users next to the ones earlier waves left in the target (which the report
 * does not read), so the signed page and the applied plan never disagree on a home server.
 */
export function withPlannedHomeServers(rows: UserRow[], plan: PlanForReport | undefined): UserRow[] {
  if (plan === undefined) return rows;
  const planned = new Map<string, string>();
  for (const c of plan.changes) {
    if (c.table !== 'dc.UserAccount' && c.table !== 'UserAccount') continue;
    const change = c as { key: Readonly<Record<string, unknown>>; action: string; after?: Record<string, unknown>; changes?: Record<string, { to?: unknown }> };
    const to = change.action === 'create' ? change.after?.['HomeServer'] : change.action === 'update' ? change.changes?.['HomeServer']?.to : undefined;
    if (typeof to === 'string' && typeof change.key['UserName'] === 'string') planned.set(change.key['UserName'].toLowerCase(), to);
  }
  if (planned.size === 0) return rows;
  return rows.map((r) => {
    const to = planned.get(r.userName.toLowerCase());
    return to === undefined || to === r.homeServer ? r : { ...r, homeServer: to };
  });
}
