/**
 * Generated customers that once failed, shrunk and kept by name: each runs on every `npm test`
 * whatever seed the property test draws. Add one when `npm run customers` finds a failing seed
 * (it prints the shrunk spec).
 */
import type { CustomerSpec, SourceSpec } from './customer.js';

/** The smallest source: everything off. */
const plain = (over: Partial<SourceSpec> = {}): SourceSpec => ({
  site: 0, form: 'folder', encoding: 'utf8', crlf: false, backslash: false, mode: 'mssql', users: 0, rule: 'ok',
  staleMember: false, staleMonitor: false, orphanContent: false, unclassified: false, duplicateLicence: false, externalNumber: false, ...over,
});

const base: Omit<CustomerSpec, 'sources'> = { sharedLicence: false, sharedLineGroup: 'none', sharedLocation: 'none', reExport: false, smtpPort: 'equal', domains: 'equal' };

export const REGRESSIONS: Readonly<Record<string, CustomerSpec>> = {
  /**
   * Seed 7 (issue 18): one line-group name of two kinds on two sites. MAP_LINEGROUP_CONFLICT had no
   * decide option, so the only remedy was editing the customer's export; now an overrides: entry.
   */
  'line-group-of-two-kinds': { ...base, sharedLineGroup: 'different', sources: [plain({ site: 2 }), plain({ site: 2, form: 'zip' })] },
  /** A Replace missing a digit: users lose their line; the finding must name them, never silently. */
  'rule-missing-a-digit': { ...base, sources: [plain({ users: 2, rule: 'missingDigit', encoding: 'utf16be', crlf: true })] },
  /** The same server exported twice, a UTF-16 ZIP with `\` names: init takes the newer. */
  're-export-utf16-backslash': { ...base, reExport: true, sources: [plain({ users: 1, form: 'zip', backslash: true, encoding: 'utf16le', mode: 'integrated' })] },
};
