/**
 * Everything the migration report shows, as plain data (strings and numbers, secrets already
 * masked). Built from the pipeline's results by one pure function; the HTML and Markdown
 * renderers only lay it out.
 */
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostics.js';
import { sortDiagnostics } from '../model/diagnostics.js';
import type { EnterpriseExport } from '../model/enterprise.js';
import type { Project } from '../model/project.js';
import { SENSITIVE_MARK, Sensitive } from '../model/sensitive.js';
import type { Decision, LicenseSummary, MapResult } from '../mappers/types.js';
import type { DistributionRow } from './chart-svg.js';
import { postInstallChecklist, type ChecklistItem, type InvariantView } from './checklist.js';
import { setupSheets, type SetupSheet } from './setup-sheet.js';

export interface ReportInput {
  project: Project;
  exports: readonly EnterpriseExport[];
  mapped: Pick<MapResult, 'model' | 'decisions' | 'homeServers' | 'computerHomeServers' | 'licenses'>;
  /** Every diagnostic of the run (project, import, map). */
  diagnostics: readonly Diagnostic[];
  /** checkInvariants on the desired model. */
  invariants: readonly InvariantView[];
  toolVersion: string;
  /** When the report was made (passed in: no clock here). */
  generatedAt: string;
  /** The project file's folder: export paths are shown relative to it. */
  projectDir?: string;
}

export interface ReportData {
  customer: string;
  generatedAt: string;
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
    role: string;
    site: string;
    maxUsers: number | null;
    replaces: string[];
    lineGroups: string[];
    users: number;
    computers: number;
  }[];
  distribution: DistributionRow[];
  settings: { scope: string; server: string; object: string; key: string; type: string; value: string; origin: string }[];
  decisions: Decision[];
  diagnostics: Diagnostic[];
  notMigrated: { source: string; path: string; kind: 'file database' | 'other' }[];
  licences: LicenseSummary;
  checklist: ChecklistItem[];
  setupSheets: SetupSheet[];
  totals: { users: number; enabledUsers: number; groups: number; computers: number; lines: number; errors: number; warnings: number };
}

const lc = (s: string) => s.toLowerCase();

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

  const settings = model.Setting.map((r) => ({
    scope: r.Scope,
    server: r.ServerName,
    object: r.ObjectName,
    key: r.Key,
    type: r.Type,
    // A secret is never shown, whatever wraps it.
    value: r.Type === 'secret' || r.Value instanceof Sensitive ? SENSITIVE_MARK : String(r.Value),
    origin: r.Origin,
  })).sort((a, b) => a.scope.localeCompare(b.scope) || a.server.localeCompare(b.server) || a.object.localeCompare(b.object) || a.key.localeCompare(b.key));

  const notMigrated = exports.flatMap((e) => {
    const dbs = new Set(e.databaseFiles);
    const all = [...new Set([...e.databaseFiles, ...e.notMigrated])].sort();
    return all.map((p) => ({ source: e.source, path: p, kind: dbs.has(p) ? ('file database' as const) : ('other' as const) }));
  });

  const diagnostics = sortDiagnostics(input.diagnostics);
  return {
    customer: project.name,
    generatedAt: input.generatedAt,
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
    servers: project.servers.map((s) => ({
      name: s.name,
      fqdn: s.fqdn,
      role: s.role,
      site: s.site ?? '',
      maxUsers: s.maxUsers ?? null,
      replaces: s.replaces,
      lineGroups: s.lineGroups,
      users: perServer(mapped.homeServers, s.name),
      computers: perServer(mapped.computerHomeServers, s.name),
    })),
    distribution,
    settings,
    decisions: mapped.decisions,
    diagnostics,
    notMigrated,
    licences: mapped.licenses,
    checklist: postInstallChecklist(input.invariants),
    setupSheets: setupSheets(project),
    totals: {
      users: model.UserAccount.length,
      enabledUsers: model.UserAccount.filter((u) => u.Enabled).length,
      groups: model.UserGroup.length,
      computers: model.Computer.length,
      lines: model.Line.length,
      errors: diagnostics.filter((d) => d.severity === 'error').length,
      warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    },
  };
}
