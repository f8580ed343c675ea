/**
 * A user the directory preflight cannot log in (no account, disabled, ambiguous) can be left
 * out of the migration (issue 18): besides "migrate the user disabled", an `exclude:` entry for
 * exactly that user of that source — and applied to the project, it leaves that user out.
 */
import { describe, expect, it } from 'vitest';
import { userFinding, type PlanUser } from '../../src/preflight/directory-match.js';

const user: PlanUser = { userName: 'jdoe', source: 'ucs-hq01.corp.example', enabled: true, samAccountName: 'jdoe', objectGuid: '', linked: true };

describe('directory preflight: leave the user out', () => {
  it('a user with no account: migrate disabled first, leave out second', () => {
    const check = userFinding(user, { kind: 'notFound' } as Parameters<typeof userFinding>[1], 'OU=Users,DC=corp,DC=example');
    expect(check.decide?.map((o) => o.path)).toEqual(['overrides[]', 'exclude[]']);
    expect(check.decide?.[1]?.value).toEqual({ source: 'ucs-hq01.corp.example', entity: 'user', key: 'jdoe', reason: 'no account in Active Directory (preflight)' });
  });

  it('a renamed account is no reason to leave the user out', () => {
    const account = { sam: 'john.doe', dn: 'CN=John Doe,OU=Users,DC=corp,DC=example', guid: 'g', disabled: false };
    const check = userFinding(user, { kind: 'renamed', account } as unknown as Parameters<typeof userFinding>[1], 'OU=Users,DC=corp,DC=example');
    expect(check.decide?.some((o) => o.path === 'exclude[]')).toBe(false);
  });
});
