/**
 * Home servers (migration-project.md, "Home-server rules, in order"): mapping file, the user's
 * own lines, the user's u8sHomeServer request, the source's replacing server, balance. Every
 * assignment records its rule; the same input always gives the same assignment.
 */
import type { LineRow } from '../model/index.js';
import { diag } from '../model/index.js';
import { closestName, editDistance } from '../model/index.js';
import type { Pos } from '../model/index.js';
import type { MappingEntry, ProjectServer } from '../project/index.js';
import { at, cmp, lc, listNames, pushTo, sortByName, type MapContext } from './context.js';
import { projectWhere } from './project-settings.js';
import type { HomeServerAssignment, HomeServerRule } from './types.js';

/** A user or computer to place. */
export interface Placeable {
  name: string;
  source: string;
  /** Numbers the item owns (primary and secondary phone number). */
  numbers: string[];
  /** u8sHomeServer: a request the project honours when it names one of its ucservers. */
  request: string;
  pos: Pos;
}

export interface PlaceOptions {
  kind: 'user' | 'computer';
  mapping?: readonly MappingEntry[];
  /** Mapping rows of users no export holds that the reader only counted (issue 20): more MAP_MAPPING_UNKNOWN_USER warnings. */
  mappingUnknownCounted?: number;
  /** maxUsers limits users only; computers are spread with the same weights. */
  enforceCapacity: boolean;
  /** Items of other migration waves already on each server (by name, case-insensitive): they count in balance and capacity. */
  existing?: Readonly<Record<string, number>>;
}

/** Places every item (given in name order) on a ucserver; reports what no rule places. */
export function assignHomeServers(
  ctx: MapContext,
  items: readonly Placeable[],
  lines: ReadonlyMap<string, LineRow>,
  opts: PlaceOptions,
): HomeServerAssignment[] {
  const mapping = opts.kind === 'user' ? validMapping(ctx, items, opts.mapping ?? [], opts.mappingUnknownCounted ?? 0) : new Map<string, ProjectServer>();
  const existing = existingPerServer(ctx, opts.existing ?? {});
  const loads = new Map<string, number>(ctx.ucservers().map((s) => [s.name, existing.get(s.name) ?? 0]));
  const out: HomeServerAssignment[] = [];
  const assign = (item: Placeable, server: string, rule: HomeServerRule): void => {
    out.push({ userName: item.name, server, rule });
    loads.set(server, (loads.get(server) ?? 0) + 1);
  };
  const pending: Placeable[] = [];
  for (const item of items) {
    const lineServer = ownLinesServer(ctx, item, lines, opts.kind);
    const mapped = mapping.get(lc(item.name));
    if (mapped !== undefined) {
      if (lineServer !== undefined && lc(lineServer.server) !== lc(mapped.name)) {
        ctx.error(
          'MAP_HOME_LINE_MISMATCH',
          `the mapping puts user "${item.name}" on "${mapped.name}", but the user's line "${lineServer.uri}" is managed by "${lineServer.server}"`,
          {
            ...at(item.source, item.pos),
            hint: `map the user to "${lineServer.server}", or move the line group to "${mapped.name}" with servers[…].lineGroups`,
            subject: `user:${item.name}`,
            params: { user: item.name, target: mapped.name, line: lineServer.uri, lineServer: lineServer.server },
          },
        );
      }
      assign(item, mapped.name, 'mapping');
      continue;
    }
    if (lineServer !== undefined) {
      assign(item, lineServer.server, 'lines');
      continue;
    }
    if (item.request.trim() !== '') {
      const requested = ctx.serverByNameOrFqdn(item.request.trim());
      if (requested?.role === 'ucserver') {
        assign(item, requested.name, 'request');
        continue;
      }
      ctx.warn('MAP_HOME_REQUEST_IGNORED', `${opts.kind} "${item.name}" asks for home server "${item.request}", which is not a ucserver of the project; the next rule decides`, {
        ...at(item.source, item.pos),
        subject: `${opts.kind}:${item.name}`,
        params: { kind: opts.kind, name: item.name, target: item.request },
      });
    }
    const replacing = ctx.replacing(item.source);
    if (replacing?.role === 'ucserver') {
      assign(item, replacing.name, 'source');
      continue;
    }
    pending.push(item);
  }

  const unplaced: Placeable[] = [];
  const balance = ctx.project.homeServers.balance ? balancer(ctx, opts.enforceCapacity) : undefined;
  for (const item of pending) {
    const server = balance?.(loads);
    if (server === undefined) unplaced.push(item);
    else assign(item, server, 'balance');
  }
  reportUnplaced(ctx, unplaced, opts.kind);
  if (opts.enforceCapacity) checkCapacity(ctx, loads, existing);
  if (opts.kind === 'user' && items.length > 0) checkEmptyServers(ctx, loads);
  reportCounts(ctx, out, opts.kind);
  reportExisting(ctx, existing, opts.kind);
  return sortByName(out, (a) => a.userName);
}

/** Mapping rows that name a migrated user and a ucserver; the rest are reported. */
function validMapping(ctx: MapContext, items: readonly Placeable[], entries: readonly MappingEntry[], unknownCounted: number): Map<string, ProjectServer> {
  const users = new Set(items.map((i) => lc(i.name)));
  const valid = new Map<string, ProjectServer>();
  let suggested = 0;
  let names: string[] | undefined;
  for (const m of entries) {
    const where = { ...(m.file === undefined ? {} : { file: m.file }), ...(m.line === undefined ? {} : { line: m.line }) };
    const server = ctx.serverByNameOrFqdn(m.server);
    if (server === undefined) {
      const near = closestName(m.server, ctx.servers.map((s) => s.name));
      ctx.error('MAP_MAPPING_UNKNOWN_SERVER', `the mapping puts "${m.userName}" on "${m.server}", which is not a server of the project${near === undefined ? '' : ` (did you mean ${near}?)`}`, {
        ...where,
        hint: near === undefined ? `servers: ${listNames(ctx.servers.map((s) => s.name))}` : `write ${near}`,
        subject: `user:${m.userName}`,
        params: { user: m.userName, server: m.server, ...(near === undefined ? {} : { suggestion: near }) },
      });
    } else if (server.role !== 'ucserver') {
      ctx.error('MAP_MAPPING_MEDIASERVER', `the mapping puts "${m.userName}" on "${server.name}", a mediaserver; users need a ucserver as home server`, { ...where, subject: `user:${m.userName}`, params: { user: m.userName, server: server.name } });
    } else if (!users.has(lc(m.userName))) {
      names ??= items.map((i) => i.name);
      reportUnknownUser(ctx, m, suggested++ < MAX_USER_SUGGESTIONS ? names : [], where);
    } else valid.set(lc(m.userName), server);
  }
  // Rows of unknown users beyond the reader's sample: not kept, but each still counts in the summary line.
  if (unknownCounted > 0) {
    ctx.warnCounted('MAP_MAPPING_UNKNOWN_USER', 'the mapping names more users whom no export holds; those rows are not used', { ...(entries[0]?.file === undefined ? {} : { file: entries[0].file }), subject: 'mapping', params: { count: unknownCounted } }, unknownCounted);
  }
  return valid;
}

/**
 * Unknown mapping users searched for a close name (each search compares with every user: about
 * 45 ms at 50,000 users); beyond that a row is a plain warning, so the work stays bounded.
 */
const MAX_USER_SUGGESTIONS = 20;

/**
 * A mapping row naming no migrated user. One or two letters from a user the exports hold, it is
 * a misspelling and an error (the consultant meant that user, who would otherwise land elsewhere
 * without a word); otherwise a warning (the user may have left the company).
 */
function reportUnknownUser(ctx: MapContext, m: MappingEntry, userNames: readonly string[], where: { file?: string; line?: number }): void {
  const near = closestName(m.userName, userNames);
  const distance = near === undefined ? Infinity : editDistance(lc(m.userName), lc(near), 3);
  const message = `the mapping names user "${m.userName}", whom no export holds${near === undefined ? '' : ` (did you mean ${near}?)`}; the row is not used`;
  if (near !== undefined && distance <= 2) {
    ctx.error('MAP_MAPPING_UNKNOWN_USER', message, {
      ...where,
      subject: `user:${m.userName}`,
      params: { user: m.userName, suggestion: near },
      hint: `write ${near}; without the fix ${near} is placed by the other rules, not by this row (a user whom no export holds and whose name is close to none is only a warning)`,
    });
    return;
  }
  ctx.warn('MAP_MAPPING_UNKNOWN_USER', message, {
    ...where,
    subject: `user:${m.userName}`,
    params: { user: m.userName, ...(near === undefined ? {} : { suggestion: near }) },
    hint: `no export holds this user (they may have left the company): remove the row${near === undefined ? '' : `, or write ${near} if that user is meant`}`,
  });
}

/** The one server managing the item's own lines; two different ones is an error naming both lines. */
function ownLinesServer(
  ctx: MapContext,
  item: Placeable,
  lines: ReadonlyMap<string, LineRow>,
  kind: 'user' | 'computer',
): { server: string; uri: string } | undefined {
  const owned = item.numbers
    .filter((n) => n !== '')
    .map((n) => lines.get(n))
    .filter((l): l is LineRow => l !== undefined && l.ManagementServer !== '');
  const [first, ...rest] = owned;
  if (first === undefined) return undefined;
  const other = rest.find((l) => lc(l.ManagementServer) !== lc(first.ManagementServer));
  if (other !== undefined) {
    ctx.error(
      'MAP_HOME_LINES_SPLIT',
      `${kind} "${item.name}" has lines on two servers: "${first.Uri}" on "${first.ManagementServer}" and "${other.Uri}" on "${other.ManagementServer}"`,
      {
        ...at(item.source, item.pos),
        hint: "a user's lines must be available on the home server: put both line groups on one server with servers[…].lineGroups",
        subject: `${kind}:${item.name}`,
        params: { kind, name: item.name, lines: [first.Uri, other.Uri], servers: [first.ManagementServer, other.ManagementServer] },
      },
    );
    return undefined;
  }
  return { server: first.ManagementServer, uri: first.Uri };
}

/**
 * Picks the ucserver with the lowest users ÷ maxUsers, ties by name. A server without maxUsers
 * weighs like the largest maxUsers given (plain counts when none is), so "no limit" does not mean
 * "everyone goes there". The servers and weights are worked out once: it runs once per balanced item.
 */
function balancer(ctx: MapContext, enforceCapacity: boolean): (loads: ReadonlyMap<string, number>) => string | undefined {
  const ucs = ctx.ucservers();
  const largest = Math.max(0, ...ucs.map((s) => s.maxUsers ?? 0));
  const fallback = largest > 0 ? largest : 1;
  return (loads) => {
    let best: { name: string; load: number; cap: number } | undefined;
    for (const s of ucs) {
      const load = loads.get(s.name) ?? 0;
      if (enforceCapacity && s.maxUsers !== undefined && load >= s.maxUsers) continue;
      const cap = s.maxUsers ?? fallback;
      // load/cap < best.load/best.cap without floating point
      if (best === undefined || load * best.cap < best.load * cap) best = { name: s.name, load, cap };
    }
    return best?.name;
  };
}

function reportUnplaced(ctx: MapContext, unplaced: readonly Placeable[], kind: 'user' | 'computer'): void {
  const bySource = new Map<string, Placeable[]>();
  for (const p of unplaced) pushTo(bySource, p.source, p);
  for (const [source, list] of [...bySource].sort(([a], [b]) => cmp(a, b))) {
    const hint = ctx.project.homeServers.balance
      ? 'every ucserver is at its maxUsers: raise maxUsers or add a ucserver'
      : `add "${source}" to a ucserver's replaces, map the ${kind}s in the mapping file, or set homeServers.balance: true`;
    ctx.error('MAP_HOME_UNPLACED', `no home-server rule places ${list.length} ${kind}(s) of "${source}": ${listNames(list.map((p) => p.name))}`, {
      ...at(source, list[0]?.pos),
      hint,
      subject: `server:${source}`,
      params: { kind, server: source, count: list.length, names: list.slice(0, 10).map((p) => p.name) },
    });
  }
}

/** The project's ucservers' share of `existing` (database names matched case-insensitively); others are not places this run can use. */
function existingPerServer(ctx: MapContext, existing: Readonly<Record<string, number>>): Map<string, number> {
  // Summed per lower-case name once: one pass over `existing`, not one per server.
  const byName = new Map<string, number>();
  for (const [name, count] of Object.entries(existing)) byName.set(lc(name), (byName.get(lc(name)) ?? 0) + count);
  const out = new Map<string, number>();
  for (const s of ctx.ucservers()) {
    const n = byName.get(lc(s.name)) ?? 0;
    if (n > 0) out.set(s.name, n);
  }
  return out;
}

/**
 * Loads include the other waves' users. A server this run adds nobody to is not this run's
 * problem: refusing would block an unrelated wave.
 */
function checkCapacity(ctx: MapContext, loads: ReadonlyMap<string, number>, existing: ReadonlyMap<string, number>): void {
  for (const s of ctx.ucservers()) {
    const load = loads.get(s.name) ?? 0;
    const before = existing.get(s.name) ?? 0;
    const fromRun = load - before;
    if (s.maxUsers === undefined || load <= s.maxUsers || fromRun === 0) continue;
    const gets = before === 0 ? `${load} users` : `${fromRun} users from this run + ${before} already in the database (other waves)`;
    // At the server's maxUsers line in the project (its entry when maxUsers is a default).
    const i = ctx.project.servers.indexOf(s);
    const maxUsersAt = projectWhere(ctx.project, `servers[${i}].maxUsers`);
    ctx.error('MAP_SERVER_OVER_CAPACITY', `server "${s.name}" gets ${gets}, more than its maxUsers ${s.maxUsers}`, {
      ...(i < 0 ? {} : maxUsersAt.line === undefined ? projectWhere(ctx.project, `servers[${i}]`) : maxUsersAt),
      hint: 'raise maxUsers, move line groups or users (mapping file) to another server, or add a ucserver',
      subject: `server:${s.name}`,
      params: { target: s.name, count: load, fromRun, existing: before, max: s.maxUsers },
    });
  }
}

/**
 * A ucserver no user ends on (none of this run, none of earlier waves) is installed for nothing:
 * its setup sheet still says to install it first. Said once per server, at its project entry.
 */
function checkEmptyServers(ctx: MapContext, loads: ReadonlyMap<string, number>): void {
  for (const s of ctx.ucservers()) {
    if ((loads.get(s.name) ?? 0) > 0) continue;
    const i = ctx.project.servers.indexOf(s);
    ctx.diagnostics.push(
      diag('MAP_SERVER_NO_USERS', 'warning', `ucserver "${s.name}" gets no users: no line group, mapping row, request, replaced source or balance places anyone there`, {
        ...(i < 0 ? {} : projectWhere(ctx.project, `servers[${i}]`)),
        subject: `server:${s.name}`,
        params: { server: s.name },
        hint: 'give it line groups or users (lineGroups:, the mapping file, homeServers.balance), make it a mediaserver, or remove it from servers: before installing it',
      }),
    );
  }
}

/** The other waves' counts the rules above started from, for the report. */
function reportExisting(ctx: MapContext, existing: ReadonlyMap<string, number>, kind: 'user' | 'computer'): void {
  if (existing.size === 0) return;
  const per = [...existing].map(([server, n]) => `${server}: ${n}`).sort(cmp);
  const total = [...existing.values()].reduce((s, n) => s + n, 0);
  ctx.decide(
    `home-servers.${kind}.existing`,
    `${total} ${kind}(s) of other migration waves already in the database counted`,
    'the target already holds them on these servers: balance and maxUsers count them with the ones this run places',
    per,
  );
}

function reportCounts(ctx: MapContext, out: readonly HomeServerAssignment[], kind: 'user' | 'computer'): void {
  const counts = new Map<string, number>();
  for (const a of out) counts.set(`${a.rule}\u0000${a.server}`, (counts.get(`${a.rule}\u0000${a.server}`) ?? 0) + 1);
  const rules: HomeServerRule[] = ['mapping', 'lines', 'request', 'source', 'balance'];
  for (const rule of rules) {
    const per = [...counts].filter(([k]) => k.startsWith(`${rule}\u0000`)).map(([k, n]) => `${k.slice(rule.length + 1)}: ${n}`).sort(cmp);
    if (per.length === 0) continue;
    const total = [...counts].filter(([k]) => k.startsWith(`${rule}\u0000`)).reduce((s, [, n]) => s + n, 0);
    ctx.decide(`home-servers.${kind}.${rule}`, `${total} ${kind}(s) placed by rule "${rule}"`, RULE_WHY[rule], per);
  }
}

const RULE_WHY: Record<HomeServerRule, string> = {
  mapping: 'the home-server mapping file names the server (wins over every rule)',
  lines: "the server managing the line group of the user's own line: the line must be available on the home server",
  request: 'the export asked for this home server (u8sHomeServer) and it is a ucserver of the project',
  source: "the server that replaces the user's source server",
  balance: 'homeServers.balance: the least-loaded ucserver (users ÷ maxUsers, ties by name)',
};
