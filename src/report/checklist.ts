/**
 * The seed's post-installation checklist (8 items), each marked with what the tool can already
 * say: checked on the desired model (invariants), checked by `verify` against the live database,
 * or left to a person.
 */

/** What the report needs of an invariant result (src/model/invariants.ts). */
export interface InvariantView {
  id: string;
  description: string;
  ok: boolean;
  /** Offending rows by key, never a secret. */
  offending: readonly string[];
}

export type ChecklistStatus = 'ok' | 'failed' | 'verify' | 'manual';

export interface ChecklistItem {
  n: number;
  text: string;
  status: ChecklistStatus;
  detail: string;
}

interface ItemDef {
  text: string;
  /** Ids of the invariants (src/model/invariants.ts) that check this item on the desired model. */
  invariants: string[];
  /** What `verify` or a person does. */
  otherwise: string;
  verify?: boolean;
}

const ITEMS: readonly ItemDef[] = [
  { text: 'Are all UCServers connected to the Redis database?', invariants: [], otherwise: 'check in UCServer Administration on each server (the setup sheets below list the Redis answers)' },
  { text: 'Is there a connection to the multi-server database?', invariants: [], otherwise: '`procall-migrate verify -p …` connects to it and reads it back', verify: true },
  {
    text: 'Was the configuration taken over from the UCServer as desired?',
    invariants: ['no-global-everyone-sees-everyone', 'user-store-not-file-based', 'no-credential-in-ad-mode', 'secrets-wrapped', 'user-licence-present', 'server-licences-counted'],
    otherwise: '`verify` re-checks on the live database; compare the settings section of this report',
    verify: true,
  },
  { text: 'Have the lines been correctly accepted and are they active as required?', invariants: ['owned-lines-on-home-server', 'home-server-is-ucserver'], otherwise: '`verify` re-checks on the live database; check line states in UCServer Administration', verify: true },
  {
    text: 'Have the users been transferred correctly and are they active as required?',
    invariants: ['home-server-is-ucserver', 'client-content-on-home-server', 'references-resolve', 'keys-unique'],
    otherwise: '`verify` re-checks on the live database',
    verify: true,
  },
  { text: 'Does the UC MediaServer service run as desired?', invariants: [], otherwise: 'check the service on each MediaServer' },
  { text: 'Do the ProCall clients work (log on, lines, call, set/remove call forwarding, chat)?', invariants: [], otherwise: 'test with a few users per server after the client rollout (`procall-migrate rollout`)' },
  { text: 'Are all UCServers of the multi-server environment on the desired software version?', invariants: [], otherwise: 'check the version of each server; install the same version everywhere' },
];

/** The checklist with each item's status from the invariants checked on the desired model. */
export function postInstallChecklist(invariants: readonly InvariantView[]): ChecklistItem[] {
  return ITEMS.map((item, i) => {
    const matched = invariants.filter((r) => item.invariants.includes(r.id));
    if (matched.length === 0) {
      return { n: i + 1, text: item.text, status: item.verify ? 'verify' : 'manual', detail: item.otherwise };
    }
    const failed = matched.filter((r) => !r.ok);
    const status: ChecklistStatus = failed.length ? 'failed' : 'ok';
    const detail = failed.length
      ? `fails on the planned data: ${failed.map((r) => `${r.description} (${r.offending.length} rows)`).join('; ')}`
      : `${matched.length} checks hold on the planned data (${matched.map((r) => r.id).join(', ')}); ${item.otherwise}`;
    return { n: i + 1, text: item.text, status, detail };
  });
}
