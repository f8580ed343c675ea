/**
 * The codes of the directory preflight (area `directory`): each check carries one with its
 * `params`, so the report renders it in the customer's language (docs/spec-extensions.md,
 * "preflight --json: area directory"). A code never changes once released.
 */
export const DIRECTORY_CODES = {
  PREFLIGHT_DIRECTORY_NOT_CONFIGURED: 'userStore ad, but no directory host, base DN or bind user is named by the sources or the project',
  PREFLIGHT_DIRECTORY_PASSWORD_UNSET: 'the environment variable for the bind password is not set (or none is named)',
  PREFLIGHT_DIRECTORY_CA_UNREADABLE: 'the directory CA file (directory.caFile) cannot be read',
  PREFLIGHT_DIRECTORY_CONNECTED: 'the directory answers on its host and port',
  PREFLIGHT_DIRECTORY_UNREACHABLE: 'nothing answers on the directory host and port (refused, unresolved, timed out)',
  PREFLIGHT_DIRECTORY_PLAIN_LDAP: 'plain LDAP without TLS: the bind password travels in clear',
  PREFLIGHT_DIRECTORY_TLS_TRUSTED: "the directory's certificate is trusted by the CA and names the host",
  PREFLIGHT_DIRECTORY_TLS_UNTRUSTED: "the directory's certificate is not trusted by the CA the project names",
  PREFLIGHT_DIRECTORY_TLS_WRONG_HOST: "the directory's certificate is trusted but does not name the host the UCServers use",
  PREFLIGHT_DIRECTORY_TLS_FAILED: 'no TLS handshake (LDAPS) or StartTLS refused',
  PREFLIGHT_DIRECTORY_BIND_OK: 'the bind with the configured account succeeds',
  PREFLIGHT_DIRECTORY_BIND_REFUSED: 'the directory refuses the bind account or its password',
  PREFLIGHT_DIRECTORY_BIND_FAILED: 'the bind failed for another reason (the server says which)',
  PREFLIGHT_DIRECTORY_BASE_DN_OK: "the users' base DN exists and can be searched",
  PREFLIGHT_DIRECTORY_BASE_DN_MISSING: "the users' base DN does not exist (or the bind account cannot see it)",
  PREFLIGHT_DIRECTORY_SEARCH_FAILED: "the search for the users under the base DN failed or took too long",
  PREFLIGHT_DIRECTORY_SKIPPED: 'a check not made because an earlier one failed (params: reason)',
  PREFLIGHT_DIRECTORY_USERS: "the users of the plan against the directory: counts per finding",
  PREFLIGHT_DIRECTORY_USERS_UNKNOWN: 'the sources could not be read, so the users were not looked up',
  PREFLIGHT_DIRECTORY_USER_NOT_FOUND: 'a user of the plan has no account under the base DN (by objectGUID or sAMAccountName)',
  PREFLIGHT_DIRECTORY_USER_DISABLED: 'a user enabled in the plan has a disabled account (userAccountControl bit 2)',
  PREFLIGHT_DIRECTORY_USER_RENAMED: "a user's objectGUID is found under another sAMAccountName (renamed in AD)",
  PREFLIGHT_DIRECTORY_USER_GUID_CHANGED: "a user's sAMAccountName is found with another objectGUID (the account was recreated)",
  PREFLIGHT_DIRECTORY_USER_DUPLICATE: "a user's sAMAccountName is found more than once under the base DN",
  PREFLIGHT_DIRECTORY_USER_MATCHED_BY_NAME: 'a user of a file-based source matches a directory account by name (link it with an override)',
  PREFLIGHT_DIRECTORY_USER_NO_ACCOUNT: 'a user of a file-based source has no directory account',
} as const;

export type DirectoryCode = keyof typeof DIRECTORY_CODES;
