/**
 * The codes of the name checks (area `names`, one per host) and of the content-sharing share
 * (area `share`): each check carries one with its `params`, so the report renders it in the
 * customer's language (docs/spec-extensions.md). A code never changes once released.
 */
export const NAMES_CODES = {
  PREFLIGHT_NAMES_IP_ADDRESS: 'the host is an IP address; nothing to resolve',
  PREFLIGHT_NAMES_RESOLVED: 'the host name resolves from this machine (params: addresses)',
  PREFLIGHT_NAMES_NO_ADDRESS: 'the host name resolves to no address',
  PREFLIGHT_NAMES_UNRESOLVED: 'the host name does not resolve from this machine (unknown to DNS, or no answer)',
} as const;

export const SHARE_CODES = {
  PREFLIGHT_SHARE_CHECK_BY_HAND: 'the content-sharing share the project names cannot be checked from here: check it by hand',
  PREFLIGHT_SHARE_NOT_NAMED: 'the project names no content-sharing share (settings.global contentsharing.*): check it by hand',
} as const;

export type NamesCode = keyof typeof NAMES_CODES;
export type ShareCode = keyof typeof SHARE_CODES;
