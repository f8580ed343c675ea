/**
 * The users the plan migrates and the `usermanager.ad.*` settings it writes, for the directory
 * check: the project's sources imported and mapped as `plan` does (no target read, nothing
 * written). When mapping is not reached (errors in the sources), the exports' own users and
 * settings stand in, so the directory is still checked for them.
 */
import { prepareDesired, type StepRunner } from '../pipeline.js';
import type { DataCenterModel } from '../model/index.js';
import type { EnterpriseExport } from '../model/index.js';
import type { Project } from '../project/index.js';
import type { DirectoryInputs } from './directory-checks.js';
import type { PlanUser } from './directory-match.js';

const AD_PREFIX = 'usermanager.ad.';

/** `usermanager.ad.*` text values: the mapped global rows, else the project's settings over the first source that has each key. */
export function adSettingsOf(project: Project, exports: readonly EnterpriseExport[], model: DataCenterModel | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const put = (key: string, value: unknown): void => {
    const k = key.toLowerCase();
    // Secrets stay out: the bind password comes from the environment only (directory-config.ts).
    if (k.startsWith(AD_PREFIX) && typeof value === 'string' && !out.has(k)) out.set(k, value);
  };
  if (model && model.Setting.length > 0) {
    for (const r of model.Setting) if (r.Scope === 'global' && r.Type !== 'secret') put(r.Key, r.Value);
    return out;
  }
  for (const [k, s] of Object.entries(project.settings.global)) if (s.type !== 'secret') put(k, s.value);
  for (const e of exports) for (const s of e.settings) if (s.type !== 'secret') put(s.key, s.value);
  return out;
}

/** The plan's users (mapped), each marked by whether its source used Active Directory. */
function usersOf(exports: readonly EnterpriseExport[], model: DataCenterModel | undefined): PlanUser[] {
  const linked = new Map(exports.map((e) => [e.source, e.userManagement === 'ad']));
  if (model && model.UserAccount.length > 0) {
    return model.UserAccount.map((u) => ({
      userName: u.UserName,
      source: u.Origin,
      enabled: u.Enabled,
      samAccountName: u.SamAccountName,
      objectGuid: u.ObjectGuid,
      linked: linked.get(u.Origin) ?? false,
    }));
  }
  return exports.flatMap((e) =>
    e.users.map((u) => ({ userName: u.userName, source: e.source, enabled: u.enabled, samAccountName: u.samAccountName, objectGuid: u.objectGuid, linked: e.userManagement === 'ad' })),
  );
}

/** Imports and maps the project's sources (as `plan --no-target`) and returns what the directory check needs. */
export async function loadDirectoryInputs(projectFile: string, project: Project, env: Record<string, string | undefined>, step?: StepRunner): Promise<DirectoryInputs> {
  try {
    const desired = await prepareDesired({ projectFile, env, toolVersion: 'preflight', noTarget: true, ...(step ? { step } : {}) });
    const exports = desired.imported?.exports ?? [];
    const model = desired.mapped?.model;
    if (exports.length === 0) return { adSettings: adSettingsOf(project, [], undefined), users: undefined, usersProblem: 'no export of the project could be read (see `plan`)' };
    return { adSettings: adSettingsOf(project, exports, model), users: usersOf(exports, model) };
  } catch (error) {
    return { adSettings: adSettingsOf(project, [], undefined), users: undefined, usersProblem: `the sources could not be read (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
}
