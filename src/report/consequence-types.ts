/** What a consequence is: its kinds, the affected things and the reasons (apart, so the directory's consequences and the rest share them without importing each other). */

/** Why the directory preflight counts a user. */
export type DirectoryReason = 'notFound' | 'noAccount' | 'disabled' | 'renamed' | 'duplicate' | 'guidChanged' | 'matchedByName';

export type ConsequenceKind = 'newPassword' | 'windowsLogin' | 'directoryNoLogin' | 'directoryCheck' | 'noOwnLine' | 'homeServerMoves' | 'serverWithoutUsers' | 'settingChanges' | 'notMigrated';
/** Fixed order: what costs users their login first, files last. */
export const CONSEQUENCE_KINDS: readonly ConsequenceKind[] = ['newPassword', 'windowsLogin', 'directoryNoLogin', 'directoryCheck', 'noOwnLine', 'homeServerMoves', 'serverWithoutUsers', 'settingChanges', 'notMigrated'];
/** Kinds the report always answers (`windowsLogin` only where it happens: a file-based source moving to Active Directory) (with „none“ when nothing happens); the directory ones only when the preflight looked the users up. */
export const ALWAYS_SHOWN: ReadonlySet<ConsequenceKind> = new Set(['newPassword', 'noOwnLine', 'homeServerMoves', 'serverWithoutUsers', 'settingChanges', 'notMigrated']);

/** One affected thing: a name and, where it says more, a detail (`ucs-ber-01 → dc-ah-muc-01`). */
export interface Affected {
  name: string;
  /** For a setting: the scope it applies to (`''`: every server) and the values before and after. */
  setting?: { server: string; from: { source: string; value: string }[]; to: string };
  /** For a user who moves: from where (old server) to where (new home server). */
  move?: { from: string; to: string };
  /** For a not-migrated file: what it is. */
  file?: { source: string; kind: 'journal' | 'chat' | 'database' | 'other' };
  /** For a user the directory preflight found without a usable account: why. */
  directory?: { reason: DirectoryReason };
}

export interface Consequence {
  kind: ConsequenceKind;
  /** Why, where the reason varies: `ad` (signed in with Windows, SQL stores no AD password), `noPassword` (the export held none). */
  reasons: { reason: 'ad' | 'noPassword' | 'ruleNoLine' | 'numberNoLine' | 'hadLine' | 'neverHadLine' | DirectoryReason; count: number }[];
  items: Affected[];
  /** Counted in `reasons` but not named in `items` (the source named fewer than it counted). */
  unnamed?: number;
}
