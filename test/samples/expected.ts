/**
 * What the checked-in samples hold: the one place tests take sample numbers from.
 * samples/README.md states the same figures for people; test/samples/samples.test.ts proves that
 * README, this object and the files agree, so none of them can drift.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { InspectExport } from '../../src/importers/inspect.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The counts `inspect --json` reports: a new count there makes every sample state it here. */
export type ExpectedCounts = InspectExport['counts'];

export interface ExpectedExport {
  /** Path relative to the repository root (a ZIP file or a folder). */
  path: string;
  form: 'zip' | 'folder';
  /** manifest.xml `server`. */
  server: string;
  userManagement: 'integrated' | 'ad' | 'mssql';
  counts: ExpectedCounts;
  /** Values of every `type="secret"` setting: must never appear in any output. */
  secrets: string[];
  /** Users with a non-empty `u8sPassword` (all `{PBKDF2}…`): those values must never appear either. */
  passwordHashes: number;
  /** Full licence keys (output may show only the last four characters). */
  licenseKeys: string[];
  /** Paths inside the export that the report lists as not migrated, sorted. */
  notMigrated: string[];
  /** Setting keys no catalog row names (carried as local, with a warning). */
  unclassifiedSettings: string[];
  /** Setting keys whose value DataCenter refuses. */
  refusedSettings: string[];
  /** How the XML files are encoded. */
  encoding: 'utf-8' | 'utf-16le-bom-crlf';
}

export interface ExpectedSample {
  /** Project file, relative to the repository root. */
  project: string;
  exports: Record<string, ExpectedExport>;
  /** Licence keys that appear in more than one export (reported). */
  duplicateLicenseKeys: string[];
  /** GLOBAL setting keys whose values differ between exports (the project decides them). */
  globalConflicts: string[];
}

const counts = (
  users: number, enabledUsers: number, groups: number, computers: number,
  lineGroups: number, lines: number, clientContent: number,
): ExpectedCounts => ({ users, enabledUsers, groups, computers, lineGroups, lines, clientContent });

export const SAMPLES: Record<'kanzlei-huber' | 'mueller-logistik' | 'alpen-handel', ExpectedSample> = {
  'kanzlei-huber': {
    project: 'samples/kanzlei-huber/procall-migrate.yaml',
    duplicateLicenseKeys: [],
    globalConflicts: [],
    exports: {
      'ucs-kanzlei.zip': {
        path: 'samples/kanzlei-huber/exports/ucs-kanzlei.zip',
        form: 'zip',
        server: 'ucs-kanzlei.kanzlei-huber.de',
        userManagement: 'integrated',
        counts: counts(8, 7, 3, 1, 2, 10, 3),
        secrets: ['Kanzlei#Mail-2026!'],
        passwordHashes: 8,
        licenseKeys: ['PCE8-USR-KH01-4711-0010', 'PCE8-SRV-KH01-4711-0001'],
        notMigrated: ['Datenexport.log', 'database/chat.db', 'database/journal.db'],
        unclassifiedSettings: ['presence.autoAwayMinutes'],
        refusedSettings: ['usermanager.mode'],
        encoding: 'utf-8',
      },
    },
  },
  'mueller-logistik': {
    project: 'samples/mueller-logistik/procall-migrate.yaml',
    duplicateLicenseKeys: [],
    globalConflicts: [],
    exports: {
      'ucs-mue-01': {
        path: 'samples/mueller-logistik/exports/ucs-mue-01',
        form: 'folder',
        server: 'ucs-mue-01.mueller-logistik.local',
        userManagement: 'ad',
        counts: counts(40, 37, 5, 3, 2, 47, 10),
        secrets: ['Mü11er-AD!bind2026', 'Sql#Journal-77'],
        passwordHashes: 0,
        licenseKeys: ['PCE8-USR-ML77-3Q9D-0050', 'PCE8-USR-ML77-8K2P-0025', 'PCE8-SRV-ML77-1B4C-0001'],
        notMigrated: ['Export-Protokoll.txt', 'database/journal.db'],
        unclassifiedSettings: [],
        refusedSettings: [],
        encoding: 'utf-8',
      },
    },
  },
  'alpen-handel': {
    project: 'samples/alpen-handel/procall-migrate.yaml',
    duplicateLicenseKeys: ['PCE8-USR-AH00-DUPL-7788'],
    globalConflicts: ['chat.deleteAfterDays', 'contentsharing.fileLocation'],
    exports: {
      'ucs-ber-01.alpen-handel.de': {
        path: 'samples/alpen-handel/exports/ucs-ber-01.alpen-handel.de',
        form: 'folder',
        server: 'ucs-ber-01.alpen-handel.de',
        userManagement: 'ad',
        counts: counts(22, 21, 3, 2, 1, 25, 5),
        secrets: ['Alp3n!Bind#2026', 'Ber-Journal!42'],
        passwordHashes: 0,
        licenseKeys: ['PCE8-USR-AH01-B3RL-0100', 'PCE8-USR-AH00-DUPL-7788', 'PCE8-SRV-AH01-B3RL-0001'],
        notMigrated: ['database/chat.db', 'database/journal.db'],
        unclassifiedSettings: [],
        refusedSettings: [],
        encoding: 'utf-8',
      },
      'ucs-muc-01.alpen-handel.de': {
        path: 'samples/alpen-handel/exports/ucs-muc-01.alpen-handel.de',
        form: 'folder',
        server: 'ucs-muc-01.alpen-handel.de',
        userManagement: 'ad',
        counts: counts(18, 16, 2, 1, 1, 22, 3),
        secrets: ['Alp3n!Bind#2026'],
        passwordHashes: 0,
        licenseKeys: ['PCE8-USR-AH02-MUC8-0050', 'PCE8-SRV-AH02-MUC8-0001'],
        notMigrated: ['config/custom/Kurzwahlen.csv'],
        unclassifiedSettings: ['voicemail.greetingPath'],
        refusedSettings: [],
        encoding: 'utf-8',
      },
      'ucs-vie-01.alpen-handel.at': {
        path: 'samples/alpen-handel/exports/ucs-vie-01.alpen-handel.at',
        form: 'folder',
        server: 'ucs-vie-01.alpen-handel.at',
        userManagement: 'ad',
        counts: counts(16, 16, 2, 0, 1, 17, 4),
        secrets: ['Alp3n!Bind#2026'],
        passwordHashes: 0,
        licenseKeys: ['PCE8-USR-AH03-W13N-0030', 'PCE8-USR-AH00-DUPL-7788', 'PCE8-SRV-AH03-W13N-0001'],
        notMigrated: [],
        unclassifiedSettings: [],
        refusedSettings: [],
        encoding: 'utf-16le-bom-crlf',
      },
    },
  },
};

export type SampleName = keyof typeof SAMPLES;

/** Every sample export, flat, with its sample name and key. */
export const ALL_EXPORTS: Array<ExpectedExport & { sample: SampleName; key: string }> = (
  Object.entries(SAMPLES) as Array<[SampleName, ExpectedSample]>
).flatMap(([sample, s]) => Object.entries(s.exports).map(([key, e]) => ({ ...e, sample, key })));

/** Absolute path of a repository-relative sample path. */
export function samplePath(rel: string): string {
  return path.join(REPO_ROOT, rel);
}

/** Every secret of every sample (settings only; password hashes are read from the files). */
export const ALL_SECRETS: string[] = [...new Set(ALL_EXPORTS.flatMap((e) => e.secrets))];
