/** The mapping stage's input and output (AGENTS.md: `mapToDataCenter(input: MapInput): MapResult`). */
import type { DataCenterModel } from '../model/index.js';
import type { Diagnostic } from '../model/index.js';
import type { EnterpriseExport, User } from '../model/index.js';
import type { MappingEntry, Project } from '../project/index.js';
import type { RowProvenanceIndex } from './provenance.js';

export interface MapInput {
  project: Project;
  /** In project order: the first source holding a consolidated row is its Origin. */
  exports: EnterpriseExport[];
  /** The home-server mapping CSV's rows (rule 1). */
  mapping?: MappingEntry[];
  /** Mapping rows of users no export holds that the reader counted but did not keep (issue 20): reported as more of MAP_MAPPING_UNKNOWN_USER. */
  mappingUnknownCounted?: number;
  /** Warnings block too (`--strict`). */
  strict?: boolean;
  /**
   * Users and computers the target database already holds that this run does not place again
   * (other migration waves), per home-server name (`existingLoad()` computes it from the target).
   * Balance and the maxUsers check count them; absent: an empty target.
   */
  existingLoad?: ExistingLoad;
}

/** Per server name (as the database writes it; matched case-insensitively): how many rows already live there. */
export interface ExistingLoad {
  users: Readonly<Record<string, number>>;
  computers: Readonly<Record<string, number>>;
}

/** A choice the mapper made that the customer should know about (shown in the report). */
export interface Decision {
  /** Stable id of the rule that decided, e.g. `settings.project-override`. */
  id: string;
  what: string;
  why: string;
  /** What it touches: setting keys, servers, groups, users (never a secret value). */
  affected: string[];
}

export type HomeServerRule = 'mapping' | 'lines' | 'request' | 'source' | 'balance';

export interface HomeServerAssignment {
  /** The user name (or computer name for computerHomeServers). */
  userName: string;
  server: string;
  rule: HomeServerRule;
}

export interface LicenseKeySummary {
  /** Masked, with its fingerprint (`…0001 #3fa2c1`): keys ending alike stay apart. */
  key: string;
  kind: 'user' | 'server';
  count: number;
  origin: string;
  /** Every source holding this key (more than one is reported). */
  sources: string[];
}

export interface LicenseSummary {
  userLicenses: number;
  enabledUsers: number;
  serverLicenses: number;
  /** ucservers plus dedicated mediaservers: each needs a server licence. */
  serversNeedingLicence: number;
  userLicencesOk: boolean;
  serverLicencesOk: boolean;
  perKey: LicenseKeySummary[];
}

export interface MapResult {
  model: DataCenterModel;
  diagnostics: Diagnostic[];
  decisions: Decision[];
  homeServers: HomeServerAssignment[];
  computerHomeServers: HomeServerAssignment[];
  licenses: LicenseSummary;
  /** True when a diagnostic blocks (errors; warnings too when `strict`). */
  blocked: boolean;
  /** Where each row of `model` came from, keyed by the row object (ledger.md §1; see writers/plan/provenance.ts). */
  provenance?: RowProvenanceIndex;
}

/** One user of the exports with the source that holds it (users.ts consolidates them). */
export interface ConsolidatedUser {
  source: string;
  user: User;
}
