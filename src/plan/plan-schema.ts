/**
 * The plan file's JSON shape (docs/plan-format.md) as a zod schema: what `renderPlanJson`
 * writes and `readPlanFile` accepts. Cells are JSON scalars; secrets are already `(sensitive)`.
 */
import { z } from 'zod';
import { PLAN_FORMAT_VERSION } from '../model/index.js';
import { diagnosticSchema } from '../model/index.js';
import { qualified, TABLES } from '../model/index.js';

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const row = z.record(z.string(), cell);
const counts = z.object({ create: z.number().int().min(0), update: z.number().int().min(0), delete: z.number().int().min(0), kept: z.number().int().min(0).optional() });
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex sha256');

// Loose objects: fields other tools versions add (provenance, kept values, …) are kept as read,
// so the digest of the file as read equals the digest it was written with.
export const changeJsonSchema = z.looseObject({
  table: z.string().regex(/^dc\.[A-Za-z]+$/, 'expected a qualified table name like dc.UserAccount'),
  key: row,
  action: z.enum(['create', 'update', 'delete', 'kept']),
  server: z.string().optional(),
  after: row.optional(),
  before: row.optional(),
  changes: z.record(z.string(), z.object({ from: cell, to: cell })).optional(),
});

/** The saved plan's findings are the one diagnostic schema (model/diagnostics.ts). */
export const diagnosticJsonSchema = diagnosticSchema;

export const planJsonSchema = z.looseObject({
  formatVersion: z.union([z.literal(1), z.literal(PLAN_FORMAT_VERSION)]),
  toolVersion: z.string(),
  planDigest: sha256,
  project: z.object({ path: z.string(), sha256 }),
  sources: z.array(
    z.object({
      server: z.string(),
      path: z.string(),
      files: z.array(z.object({ path: z.string(), sha256 })),
    }),
  ),
  targetFingerprint: z.union([z.literal('empty'), sha256]),
  prune: z.boolean(),
  diagnostics: z.array(diagnosticJsonSchema),
  summary: z.record(z.string(), counts),
  serverSummary: z.record(z.string(), counts),
  changes: z.array(changeJsonSchema),
});

/** A plan as saved: JSON only, secrets masked. */
export type PlanJson = z.infer<typeof planJsonSchema>;
export type ChangeJson = z.infer<typeof changeJsonSchema>;

/** Keys that reach JavaScript's object machinery: never a table, column, server or param name in a saved plan. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What a saved plan names that the catalog does not (issue 20: a forged plan rendered changes to
 * `dc.Evil`, unknown columns and `__proto__` keys as a signable report): every change's table
 * must be a catalog table and every column of its key, rows and changes one of that table's; the
 * summary names catalog tables only. At most `limit` problems, as
 * `changes[3].table: dc.Evil is not a table of the DataCenter catalog`.
 */
export function catalogProblems(plan: PlanJson, limit = 10): string[] {
  const problems: string[] = [];
  const add = (p: string): boolean => problems.push(p) >= limit;
  const tables = new Map(TABLES.map((def) => [qualified(def.name), new Set(def.columns.map((c) => c.name))]));
  for (const name of Object.keys(plan.summary)) if (!tables.has(name) && add(`summary: ${JSON.stringify(name)} is not a table of the DataCenter catalog`)) return problems;
  for (let i = 0; i < plan.changes.length; i++) {
    const change = plan.changes[i] as ChangeJson;
    const columns = tables.get(change.table);
    if (columns === undefined) {
      if (add(`changes[${i}].table: ${JSON.stringify(change.table)} is not a table of the DataCenter catalog`)) return problems;
      continue;
    }
    for (const part of ['key', 'after', 'before', 'changes'] as const) {
      for (const col of Object.keys(change[part] ?? {})) {
        if (!columns.has(col) && add(`changes[${i}].${part}: ${JSON.stringify(col)} is not a column of ${change.table}`)) return problems;
      }
    }
  }
  return problems;
}

type Walked = { value: unknown; parent: Walked | undefined; key: string | number };
const pathOf = (n: Walked): string => {
  const parts: string[] = [];
  for (let at: Walked | undefined = n; at?.parent !== undefined; at = at.parent) parts.push(typeof at.key === 'number' ? `[${at.key}]` : `.${at.key}`);
  return parts.reverse().join('').replace(/^\./, '');
};

/**
 * `__proto__`, `constructor` or `prototype` as a key anywhere in the parsed JSON (JSON.parse makes
 * them own properties; copied into an object they would set its prototype). Iterative: a plan can
 * hold millions of values. At most `limit`, as `changes[0].key.__proto__: …`.
 */
export function forbiddenKeyProblems(data: unknown, limit = 10): string[] {
  const problems: string[] = [];
  const stack: Walked[] = [{ value: data, parent: undefined, key: '' }];
  while (stack.length > 0 && problems.length < limit) {
    const node = stack.pop() as Walked;
    const { value } = node;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], parent: node, key: i });
      continue;
    }
    for (const key of Object.keys(value)) {
      const child: Walked = { value: (value as Record<string, unknown>)[key], parent: node, key };
      if (FORBIDDEN_KEYS.has(key)) problems.push(`${pathOf(child)}: the key ${JSON.stringify(key)} is never part of a plan`);
      else stack.push(child);
    }
  }
  return problems;
}
