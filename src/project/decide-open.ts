/**
 * Options for an open decision (PROJECT_OPEN_DECISION) `init` wrote: a `TODO` value gets the
 * value its `# e.g.` comment proposes and each source's value; a value marked `# TODO` is
 * confirmed by setting it (the comment goes with it), or changed to one of the alternatives (the
 * other user store, another server for a line group, another source's location definition).
 */
import type { DecideOption, Diagnostic } from '../model/index.js';
import { Sensitive } from '../model/index.js';
import { parse as parseYaml } from 'yaml';
import { option } from './decide-option.js';
import { commentAt, isTodoValue, valueAt, writtenServers, type DecideContext } from './decide-context.js';
import { parseDecidePath } from './decide-path.js';

const lc = (s: string): string => s.toLowerCase();

/** `e.g. 25` → 25; `… write { env: SMTP_PASSWORD } …` → { env: 'SMTP_PASSWORD' }. */
function proposedByComment(comment: string | undefined): unknown {
  if (comment === undefined) return undefined;
  const env = /\{\s*env:\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/.exec(comment);
  if (env) return { env: env[1] };
  const eg = /\be\.g\.\s*(.+)$/.exec(comment);
  if (!eg) return undefined;
  try {
    const v = parseYaml(eg[1]!.trim()) as unknown;
    return v === null || typeof v === 'object' ? eg[1]!.trim() : v;
  } catch {
    return eg[1]!.trim();
  }
}

/** Each source's value of a setting key (not secrets), typed as the project writes it. */
export function sourceValues(ctx: DecideContext, key: string, sources?: readonly string[]): { source: string; value: string | number | boolean }[] {
  const out: { source: string; value: string | number | boolean }[] = [];
  for (const e of ctx.exports) {
    if (sources !== undefined && !sources.some((s) => lc(s) === lc(e.source))) continue;
    const s = e.settings.find((x) => lc(x.key) === lc(key));
    if (s === undefined || s.value instanceof Sensitive || s.type === 'secret') continue;
    const v = s.value;
    out.push({ source: e.source, value: s.type === 'int' && /^-?\d+$/.test(v) ? Number(v) : s.type === 'bool' && /^(0|1|true|false)$/i.test(v) ? /^(1|true)$/i.test(v) : v });
  }
  return out;
}

/** Options that move line group `group` from server `from` to server `to` (the whole `servers:` list, as one edit). */
function moveLineGroup(ctx: DecideContext, group: string, from: number, to: number): DecideOption | undefined {
  const servers = writtenServers(ctx).map((s) => ({ ...s }));
  const a = servers[from];
  const b = servers[to];
  if (a === undefined || b === undefined) return undefined;
  const listOf = (s: Record<string, unknown>) => (Array.isArray(s['lineGroups']) ? (s['lineGroups'] as unknown[]).map(String) : []);
  a['lineGroups'] = listOf(a).filter((g) => lc(g) !== lc(group));
  b['lineGroups'] = [...listOf(b), group];
  if ((a['lineGroups'] as string[]).length === 0) delete a['lineGroups'];
  return option(`${String(b['name'])} manages line group "${group}" (moved from ${String(a['name'])})`, 'servers', servers);
}

export function decideOpen(d: Diagnostic, ctx: DecideContext): DecideOption[] {
  const path = d.path;
  if (path === undefined || parseDecidePath(path) === undefined) return [];
  const current = valueAt(ctx, path);
  const comment = commentAt(ctx, path);
  const steps = parseDecidePath(path)!;
  const out: DecideOption[] = [];
  const push = (label: string, value: unknown) => {
    if (value === undefined || isTodoValue(value)) return;
    if (out.some((o) => JSON.stringify(o.value) === JSON.stringify(value))) return;
    out.push(option(label, path, value));
  };
  const isTodo = isTodoValue(current);
  if (!isTodo && current !== undefined) push(`keep ${JSON.stringify(current)} (confirmed)`, current);
  if (isTodo) push('the value init proposes', proposedByComment(comment));
  // A setting: each source's value.
  if (steps[0] === 'settings' && (steps[1] === 'global' || steps[1] === 'local')) {
    const key = String(steps[steps.length - 1]);
    let sources: string[] | undefined;
    if (steps[1] === 'local') {
      const server = writtenServers(ctx).find((s) => lc(String(s['name'])) === lc(String(steps[2])));
      sources = Array.isArray(server?.['replaces']) ? (server['replaces'] as unknown[]).map(String) : [];
    }
    for (const v of sourceValues(ctx, key, sources)) push(`${v.source}'s value`, v.value);
  }
  if (path === 'userStore') {
    push('mssql: users kept in the multi-server database', 'mssql');
    push('ad: users linked to Active Directory', 'ad');
  }
  // servers[i].fqdn still TODO: the name under the sources' domain.
  if (isTodo && steps.length === 3 && steps[0] === 'servers' && steps[2] === 'fqdn') {
    const name = String(writtenServers(ctx)[Number(steps[1])]?.['name'] ?? '');
    const domain = ctx.exports[0]?.source.split('.').slice(1).join('.');
    if (name !== '') push('the server name under the sources’ domain', domain ? `${name}.${domain}` : name);
  }
  // A line group several exports hold, kept by this server: or by another candidate.
  if (steps.length === 3 && steps[0] === 'servers' && steps[2] === 'lineGroups' && Array.isArray(current)) {
    const servers = writtenServers(ctx);
    const from = Number(steps[1]);
    for (const group of current.map(String)) {
      const holders = ctx.exports.filter((e) => e.lineGroups.some((g) => lc(g.name) === lc(group))).map((e) => lc(e.source));
      if (holders.length < 2) continue;
      servers.forEach((s, to) => {
        if (to === from) return;
        const replaces = Array.isArray(s['replaces']) ? (s['replaces'] as unknown[]).map((r) => lc(String(r))) : [];
        if (!replaces.some((r) => holders.includes(r))) return;
        const o = moveLineGroup(ctx, group, from, to);
        if (o !== undefined) out.push(o);
      });
    }
  }
  // A location init decided by one source: or by another.
  if (steps.length >= 2 && steps[0] === 'locations') {
    const name = String(steps[1]);
    const locPath = `locations[${JSON.stringify(name)}]`;
    for (const e of ctx.exports) {
      if (!e.locations.some((l) => lc(l.name) === lc(name))) continue;
      if (out.some((o) => JSON.stringify(o.value) === JSON.stringify({ from: e.source }) || (o.path.endsWith('.from') && o.value === e.source))) continue;
      out.push(option(`take the definition of ${e.source}`, locPath, { from: e.source }));
    }
  }
  // A setting still TODO that nothing proposes: leave it to the sources (or DataCenter's default).
  if (out.length === 0 && isTodo && steps[0] === 'settings' && (steps[1] === 'global' || steps[1] === 'local')) {
    out.push(option("leave it out of the project: the sources' value (or DataCenter's default) applies", path, null));
  }
  return out;
}
