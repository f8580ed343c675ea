/**
 * The plan as the contract's JSON (docs/plan-format.md): what `--format json` prints and `--out`
 * saves. `writePlanJson` streams it change by change — a plan of 100,000 users is never one
 * string — and gives exactly the bytes of `renderPlanJson` (JSON.stringify of the whole object,
 * two-space indent; a test checks every sample).
 */
import type { Plan, RowChange } from '../../model/index.js';
import { changeToJson, planToJson, type PlanJsonOptions } from '../canonical.js';
import { changeText } from '../change-text.js';
import { digestOf, planDigest } from '../digest.js';
import type { PlanJson } from '../plan-schema.js';

/** The plan's saved form: JSON values only, secrets masked, with its own digest. */
export function toPlanJson(plan: Plan, opts: PlanJsonOptions = {}): PlanJson {
  const changes = plan.changes.map(changeToJson);
  return planToJson(plan, digestOf({ ...plan, changes }, { relativeTo: opts.relativeTo }), changes, opts);
}

/** The whole plan as one string (small plans, tests); `writePlanJson` writes the same bytes in pieces. */
export function renderPlanJson(plan: Plan, opts: PlanJsonOptions = {}): string {
  return `${JSON.stringify(toPlanJson(plan, opts), null, 2)}\n`;
}

/** Where streamed text goes; `write` resolves when the next piece may follow. */
export interface TextChunkSink {
  write(chunk: string): Promise<void>;
}

const CHANGES_MARK = '\n  "changes": []';
// 64 KiB: 1 MiB pieces were 1 s slower at 50,000 users (strings that size live in the large-object
// space until a full collection); 16 and 32 KiB measured the same as 64.
const CHUNK = 1 << 16;

/**
 * Streams the plan's JSON to `sink`: the head (everything but the changes) is small and
 * rendered whole; the changes follow one by one, collected into chunks of about 64 KiB.
 */
export async function writePlanJson(plan: Plan, sink: TextChunkSink, opts: PlanJsonOptions = {}): Promise<void> {
  const head = JSON.stringify(planToJson(plan, planDigest(plan, { relativeTo: opts.relativeTo }), [], opts), null, 2);
  const at = head.lastIndexOf(CHANGES_MARK);
  if (at < 0) throw new Error('the plan JSON has no top-level "changes" list');
  if (plan.changes.length === 0) {
    await sink.write(`${head}\n`);
    return;
  }
  let buffer = `${head.slice(0, at)}\n  "changes": [\n`;
  for (let i = 0; i < plan.changes.length; i++) {
    buffer += `${i > 0 ? ',\n' : ''}${changeText(plan.changes[i] as RowChange)}`;
    if (buffer.length >= CHUNK) {
      await sink.write(buffer);
      buffer = '';
    }
  }
  await sink.write(`${buffer}\n  ]${head.slice(at + CHANGES_MARK.length)}\n`);
}
