/**
 * The plan file's JSON shape (docs/plan-format.md) as a zod schema: what `renderPlanJson`
 * writes and `readPlanFile` accepts. Cells are JSON scalars; secrets are already `(sensitive)`.
 */
import { z } from 'zod';
import { PLAN_FORMAT_VERSION } from '../../model/plan.js';
import { diagnosticSchema } from '../../model/diagnostics.js';

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
  formatVersion: z.literal(PLAN_FORMAT_VERSION),
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
