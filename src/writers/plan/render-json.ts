/** The plan as the contract's JSON (docs/plan-format.md): what `--format json` prints and `--out` saves. */
import type { Plan } from '../../model/plan.js';
import { changeToJson, planToJson } from './canonical.js';
import { digestOf } from './digest.js';
import type { PlanJson } from './plan-schema.js';

/** The plan's saved form: JSON values only, secrets masked, with its own digest. */
export function toPlanJson(plan: Plan): PlanJson {
  const changes = plan.changes.map(changeToJson);
  return planToJson(plan, digestOf({ ...plan, changes }), changes);
}

export function renderPlanJson(plan: Plan): string {
  return `${JSON.stringify(toPlanJson(plan), null, 2)}\n`;
}
