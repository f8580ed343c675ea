/**
 * What `inspect --json` prints (migration-project.md): per export its identity, counts, user
 * management, settings by DataCenter scope and its problems. Pure: the CLI renders it.
 */
import type { Diagnostic } from '../model/index.js';
import { sortDiagnostics } from '../model/index.js';
import type { EnterpriseExport, ImportResult, UserManagement } from '../model/index.js';
import type { SettingScope } from '../model/index.js';
import { classifySetting } from '../model/index.js';

export interface InspectExport {
  server: string;
  version: string;
  inputPath: string;
  /** `null` when the export has no `usermanager.mode` setting. */
  userManagement: UserManagement | null;
  counts: {
    users: number;
    enabledUsers: number;
    groups: number;
    computers: number;
    lineGroups: number;
    lines: number;
    clientContent: number;
  };
  settingsByScope: Record<SettingScope, string[]>;
  notMigrated: string[];
  diagnostics: Diagnostic[];
}

export interface InspectReport {
  exports: InspectExport[];
  /** Diagnostics not tied to one readable export (unreadable inputs, exports without a manifest). */
  diagnostics: Diagnostic[];
}

/** The `inspect --json` object for one export; `diagnostics` are that export's. */
export function inspectSummary(exp: EnterpriseExport, diagnostics: Diagnostic[]): InspectExport {
  const settingsByScope: Record<SettingScope, string[]> = { global: [], local: [], group: [], refused: [], unclassified: [] };
  for (const s of exp.settings) {
    // Secrets are classified by key only: no refusal rule may look at a secret.
    settingsByScope[classifySetting(s.key, typeof s.value === 'string' ? s.value : undefined)].push(s.key);
  }
  return {
    server: exp.source,
    version: exp.manifest.version,
    inputPath: exp.inputPath,
    userManagement: exp.userManagement ?? null,
    counts: {
      users: exp.users.length,
      enabledUsers: exp.users.filter((u) => u.enabled).length,
      groups: exp.groups.length,
      computers: exp.computers.length,
      lineGroups: exp.lineGroups.length,
      lines: exp.lineGroups.reduce((n, g) => n + g.lines.length, 0),
      clientContent: exp.clientContent.length,
    },
    settingsByScope,
    notMigrated: [...exp.notMigrated],
    diagnostics: sortDiagnostics(diagnostics),
  };
}

/** The whole `inspect --json` document for one import run. */
export function inspectImport(result: ImportResult): InspectReport {
  const sources = new Set(result.exports.map((e) => e.source));
  return {
    exports: result.exports.map((exp) => inspectSummary(exp, result.diagnostics.filter((d) => d.source === exp.source))),
    diagnostics: sortDiagnostics(result.diagnostics.filter((d) => d.source === undefined || !sources.has(d.source))),
  };
}
