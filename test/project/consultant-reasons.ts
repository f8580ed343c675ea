/**
 * What a consultant writes when taking an `accept:` option: the option's reason is a `TODO` (an
 * open decision the plan refuses until someone says why), so a test that applies first options
 * mechanically writes a reason of its own, as the consultant would.
 */
import type { DecideOption } from '../../src/model/diagnostics.js';
import { isTodoValue } from '../../src/project/schema.js';

export const TEST_REASON = 'reviewed with the customer (test)';

const reasoned = (v: unknown): unknown =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && isTodoValue((v as Record<string, unknown>)['reason']) ? { ...(v as object), reason: TEST_REASON } : v;

/** The option with every `TODO` reason replaced by a written one. */
export function withReasons<O extends Pick<DecideOption, 'path' | 'value'>>(o: O): O {
  return { ...o, value: Array.isArray(o.value) ? o.value.map(reasoned) : reasoned(o.value) };
}
