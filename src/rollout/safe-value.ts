/**
 * The last line of defence of every rollout file (issue 20): `fqdn: "dc-1.x\r\n[HKEY_…\Evil]"`
 * added a registry key to procall-client.reg, lines to ctiserver.txt and a DNS record to
 * dns-srv.zone. The project validates host names (model/host-name.ts), but each writer refuses
 * on its own what would break its format, so a later change to validation cannot reopen it.
 */
import { codePointLabel } from '../io/index.js';
import { ExitCode, MigrateError } from '../model/index.js';

/** The rollout files, by the name the refusal gives. */
export type RolloutFormat = 'ctiserver.txt' | 'procall-client.reg' | 'dns-srv.zone' | 'README.md';

/**
 * What no rollout file can carry: line ends and other controls, bidi and zero-width characters,
 * and the list separator `;` (a server list is `a;b`); plus, per format, what it cannot escape:
 * the MSI parameter and the zone file have no quoting for `"`, spaces, `;` comments or `( )`.
 */
const NEVER = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff;]/;
const UNESCAPABLE: Record<RolloutFormat, RegExp> = {
  'ctiserver.txt': /[\s"'`]/,
  // regedit's strings escape `"` and `\` (reg-file.ts does): only line ends and controls break it.
  'procall-client.reg': /[\u2028\u2029]/,
  // A zone file name: letters, digits, `-`, `_`, `.`; anything else is syntax (`;`, `(`, `$`, `@`, `"`, space).
  'dns-srv.zone': /[^A-Za-z0-9._-]/,
  'README.md': /[\u2028\u2029]/,
};

/** `value` when `format` can hold it as written; otherwise a refusal naming the value's field and the character. */
export function rolloutValue(value: string, format: RolloutFormat, field: string): string {
  const bad = NEVER.exec(value) ?? UNESCAPABLE[format].exec(value);
  if (bad === null) return value;
  const ch = bad[0];
  const shown = /[\u0021-\u007e]/.test(ch) ? `"${ch}"` : codePointLabel(ch);
  throw new MigrateError(
    'CLI_ROLLOUT_UNSAFE_VALUE',
    `${field} holds ${shown} at position ${bad.index + 1}, which ${format} cannot carry; no rollout file was written`,
    {
      hint: 'write the server\'s host name as letters, digits, hyphens and dots only (RFC 1123), e.g. dc-ucs-01.corp.example',
      exitCode: ExitCode.refused,
      meta: { field, format },
    },
  );
}
