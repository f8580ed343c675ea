/**
 * Host names (issue 20): a server's `fqdn:` goes into the clients' registry file, the MSI
 * parameter and a DNS zone, where a line break or a quote is syntax. RFC 1123: labels of ASCII
 * letters, digits and hyphens (not at either end, at most 63 each), separated by dots, at most
 * 253 characters. One check, used by the project schema's refinements (model/project.ts).
 */
import { isIP } from 'node:net';
import { showInvisible } from './display.js';

const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * A server's `name:`: 1 to 63 ASCII letters, digits, `-`, `_` and `.`, starting with a letter or
 * digit (a host-name label, plus `_` and `.` that Windows computer names and older projects use).
 */
export const SERVER_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** What is wrong with `value` as a host name, in words; undefined when it is one. */
export function hostNameProblem(value: string): string | undefined {
  if (value.length > 253) return `is ${value.length} characters long, a host name at most 253`;
  const bad = /[^A-Za-z0-9.-]/.exec(value);
  if (bad !== null) return `holds ${charName(bad[0])} at position ${bad.index + 1}`;
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  const labels = name.split('.');
  const i = labels.findIndex((l) => !LABEL.test(l));
  if (i < 0) return undefined;
  const label = labels[i] ?? '';
  if (label === '') return 'has an empty label (two dots in a row, or a dot at the start)';
  if (label.length > 63) return `has a label of ${label.length} characters (at most 63)`;
  return `has the label "${label}", which starts or ends with a hyphen`;
}

/** A host name or an IP address (Redis hosts may be given either way). */
export function hostOrIpProblem(value: string): string | undefined {
  return isIP(value) !== 0 ? undefined : hostNameProblem(value);
}

/** A near host name for a value that is not one (a URL, a port, `_` for `-`), when there is one. */
export function hostNameSuggestion(value: string): string | undefined {
  const guess = value
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/[/?#].*$/s, '')
    .replace(/:\d+$/, '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '')
    .trim()
    .replace(/[_\s]+/g, '-');
  return guess !== value && guess !== '' && hostNameProblem(guess) === undefined ? guess : undefined;
}

/** The message of a refused host name: what it holds, where, and the near name when there is one. */
export function hostNameMessage(value: string, problem: string): string {
  const near = hostNameSuggestion(value);
  return `expected a host name (RFC 1123: letters, digits and hyphens, labels separated by dots): ${showInvisible(JSON.stringify(value))} ${problem}${near === undefined ? '' : ` (did you mean ${near}?)`}`;
}

function charName(ch: string): string {
  switch (ch) {
    case '\r':
      return 'a carriage return (CR)';
    case '\n':
      return 'a line break (LF)';
    case ' ':
      return 'a space';
    case '\t':
      return 'a tab';
    default:
      return /[\u0021-\u007e]/.test(ch) ? `"${ch}"` : `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  }
}
