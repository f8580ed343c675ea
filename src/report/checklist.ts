/**
 * The seed's post-installation checklist (8 items), each marked with what the tool can already
 * say: checked on the desired model (invariants), tested in the customer's network before the
 * migration (`preflight`), checked by `verify` against the live database, or left to a person.
 * Item texts are catalog keys `checklist.N`.
 */
import { areaOutcome, type PreflightResult } from './preflight.js';

/** What the report needs of an invariant result (src/model/invariants.ts). */
export interface InvariantView {
  id: string;
  description: string;
  ok: boolean;
  /** Offending rows by key, never a secret. */
  offending: readonly string[];
}

export type ChecklistStatus = 'ok' | 'failed' | 'verify' | 'manual' | 'preflight';

export interface ChecklistItem {
  /** 1–8: the catalog keys `checklist.N` (question) and `checklist.how.N` (what else to do). */
  n: number;
  status: ChecklistStatus;
  /** Invariants that hold (ids), when the item is checked on the planned data. */
  holds: string[];
  /** Invariants that fail, with how many rows offend. */
  fails: { id: string; count: number }[];
  /** The preflight outcome of the item's area. */
  preflight?: { passed: number; total: number; failed: string[] };
}

interface ItemDef {
  /** Ids of the invariants (src/model/invariants.ts) that check this item on the desired model. */
  invariants: string[];
  verify?: boolean;
  /** The preflight area that tests this item before the migration. */
  preflight?: 'redis' | 'sql';
}

const ITEMS: readonly ItemDef[] = [
  { invariants: [], preflight: 'redis' },
  { invariants: [], verify: true, preflight: 'sql' },
  {
    invariants: ['no-global-everyone-sees-everyone', 'user-store-not-file-based', 'no-credential-in-ad-mode', 'secrets-wrapped', 'user-licence-present', 'server-licences-counted'],
    verify: true,
  },
  { invariants: ['owned-lines-on-home-server', 'home-server-is-ucserver'], verify: true },
  { invariants: ['home-server-is-ucserver', 'client-content-on-home-server', 'references-resolve', 'keys-unique'], verify: true },
  { invariants: [] },
  { invariants: [] },
  { invariants: [] },
];

/** The checklist with each item's status from the invariants on the desired model and, when given, a preflight result. */
export function postInstallChecklist(invariants: readonly InvariantView[], preflight?: PreflightResult): ChecklistItem[] {
  return ITEMS.map((item, i) => {
    const n = i + 1;
    const tested = item.preflight ? areaOutcome(preflight, item.preflight) : undefined;
    if (tested) {
      return {
        n,
        status: tested.failed.length > 0 ? 'failed' : 'preflight',
        holds: [],
        fails: [],
        preflight: { passed: tested.passed, total: tested.total, failed: tested.failed.map((c) => c.name) },
      };
    }
    const matched = invariants.filter((r) => item.invariants.includes(r.id));
    if (matched.length === 0) return { n, status: item.verify ? 'verify' : 'manual', holds: [], fails: [] };
    const failed = matched.filter((r) => !r.ok);
    return {
      n,
      status: failed.length ? 'failed' : 'ok',
      holds: matched.filter((r) => r.ok).map((r) => r.id),
      fails: failed.map((r) => ({ id: r.id, count: r.offending.length })),
    };
  });
}
