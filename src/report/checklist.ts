/**
 * The seed's post-installation checklist (8 items), each marked with what the tool can already
 * say: checked on the desired model (invariants), tested in the customer's network before the
 * migration (`preflight`), checked by `verify` against the live database, or left to a person.
 * Item texts are catalog keys `checklist.N`.
 */
import type { Diagnostic } from '../model/index.js';
import { areaOutcome, type PreflightResult } from './preflight.js';
import type { Consequence, ConsequenceKind } from './consequence-types.js';

/** What the report needs of an invariant result (src/model/invariants.ts). */
export interface InvariantView {
  id: string;
  description: string;
  ok: boolean;
  /** Offending rows by key, never a secret. */
  offending: readonly string[];
}

export type ChecklistStatus = 'ok' | 'failed' | 'verify' | 'manual' | 'preflight' | 'preflightFailed' | 'open' | 'review';

/** What is still open on an item: errors, open decisions, warnings not accepted by the project. */
export interface OpenCount {
  errors: number;
  warnings: number;
  decisions: number;
}

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
  /** Findings that keep a checked item from „in Ordnung“ (status `open`). */
  open?: OpenCount;
  /** Consequences that cost users their line or login: the item is „zu prüfen“, never „in Ordnung“, while they happen. */
  review?: { kind: ConsequenceKind; count: number }[];
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

/**
 * The checklist items a finding touches, by its code: lines (4), users (5), configuration (3).
 * An error touches every item checked on the planned data: no plan is made while one is left.
 */
export function itemsTouched(d: Pick<Diagnostic, 'code' | 'severity'>): number[] {
  if (d.severity === 'error') return [3, 4, 5];
  const code = d.code;
  const out: number[] = [];
  if (/LINE|PHONE|PBX|TRUNK/.test(code)) out.push(4);
  if (/USER|CREDENTIAL|HOME|SAM|GROUP|CLIENT_CONTENT|CAPACITY|MONITOR|SIP/.test(code)) out.push(5);
  if (/SETTING|CONTENTSHARING|LOG_|LICEN|USERSTORE|_AD_|MEMORY|TEXT_TOO_LONG|LOCATION|SERVER/.test(code) || out.length === 0) out.push(3);
  return out;
}

/** Per checked item, what the findings leave open (warnings the project accepted do not count). */
export function openPerItem(diagnostics: readonly (Pick<Diagnostic, 'code' | 'severity'> & { accepted?: unknown })[], openDecisions: number): Map<number, OpenCount> {
  const out = new Map<number, OpenCount>();
  const at = (n: number) => {
    let c = out.get(n);
    if (!c) out.set(n, (c = { errors: 0, warnings: 0, decisions: 0 }));
    return c;
  };
  for (const d of diagnostics) {
    if (d.severity === 'info' || (d.severity === 'warning' && d.accepted)) continue;
    for (const n of itemsTouched(d)) at(n)[d.severity === 'error' ? 'errors' : 'warnings']++;
  }
  // An open decision leaves the whole plan open.
  if (openDecisions > 0) for (const n of [3, 4, 5]) at(n).decisions += openDecisions;
  return out;
}

/**
 * The checklist items a consequence touches: users without a line concern lines (4) and users
 * (5); users who cannot sign in as before concern users (5). Setting changes, moves and files are
 * what the project chose, not a defect of the planned data.
 */
const REVIEWED_BY: Partial<Record<ConsequenceKind, readonly number[]>> = {
  noOwnLine: [4, 5],
  newPassword: [5],
  windowsLogin: [5],
  directoryNoLogin: [5],
};

/** Per checked item, the consequences that keep it from „in Ordnung“. */
export function reviewPerItem(consequences: readonly Consequence[]): Map<number, { kind: ConsequenceKind; count: number }[]> {
  const out = new Map<number, { kind: ConsequenceKind; count: number }[]>();
  for (const c of consequences) {
    // A user who never had a line loses nothing: the item stays fine for them.
    const never = c.kind === 'noOwnLine' ? (c.reasons.find((r) => r.reason === 'neverHadLine')?.count ?? 0) : 0;
    const count = c.items.length + (c.unnamed ?? 0) - never;
    if (count <= 0) continue;
    for (const n of REVIEWED_BY[c.kind] ?? []) out.set(n, [...(out.get(n) ?? []), { kind: c.kind, count }]);
  }
  return out;
}

/**
 * The checklist with each item's status from the invariants on the desired model and, when given, a
 * preflight result. An item is `ok` only when its invariants hold and no error, open decision or
 * unaccepted warning touches it (`open` says what is left).
 */
export function postInstallChecklist(
  invariants: readonly InvariantView[],
  preflight?: PreflightResult,
  open: ReadonlyMap<number, OpenCount> = new Map(),
  review: ReadonlyMap<number, readonly { kind: ConsequenceKind; count: number }[]> = new Map(),
): ChecklistItem[] {
  return ITEMS.map((item, i) => {
    const n = i + 1;
    const tested = item.preflight ? areaOutcome(preflight, item.preflight) : undefined;
    if (tested) {
      return {
        n,
        status: tested.failed.length > 0 ? 'preflightFailed' : 'preflight',
        holds: [],
        fails: [],
        preflight: { passed: tested.passed, total: tested.total, failed: tested.failed.map((c) => c.name) },
      };
    }
    const matched = invariants.filter((r) => item.invariants.includes(r.id));
    if (matched.length === 0) return { n, status: item.verify ? 'verify' : 'manual', holds: [], fails: [] };
    const failed = matched.filter((r) => !r.ok);
    const left = open.get(n);
    const isOpen = left !== undefined && left.errors + left.warnings + left.decisions > 0;
    const toReview = review.get(n) ?? [];
    return {
      n,
      status: failed.length ? 'failed' : isOpen ? 'open' : toReview.length > 0 ? 'review' : 'ok',
      holds: matched.filter((r) => r.ok).map((r) => r.id),
      fails: failed.map((r) => ({ id: r.id, count: r.offending.length })),
      ...(isOpen ? { open: left } : {}),
      ...(toReview.length > 0 ? { review: [...toReview] } : {}),
    };
  });
}
