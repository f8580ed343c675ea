/**
 * The gate (migration-project.md, "Customer artifacts only from a plannable project"): `rollout`,
 * `script` and `report` (without `--draft`) refuse, exit 3 and write nothing, whenever `plan`
 * would refuse — errors, open decisions, unaccepted warnings under `--strict`, an export that
 * cannot be read. One function so every command refuses the same way.
 */
import { hasErrors } from '../model/index.js';
import { openDecisions, type PipelineResult } from '../pipeline.js';
import { refuse, type CommandContext } from './shared.js';

/** Whether `plan` would go ahead with this result (the project, exports and mapping all passed). */
export function plannable(result: PipelineResult, strict = false): boolean {
  if (result.refused || !renderable(result)) return false;
  return !hasErrors(result.diagnostics, strict) && !hasErrors(result.plan?.diagnostics ?? [], strict);
}

/** Project, exports and mapping all there (the exports may have been let go once the plan was made: `releaseImports`). */
function renderable(result: PipelineResult): boolean {
  return result.project !== undefined && result.mapped !== undefined && (result.imported !== undefined || result.plan !== undefined);
}

/**
 * True when the command may go on to write. Otherwise it has refused already (diagnostics with
 * the open decisions first, exit 3) and the command must write nothing. With `draft`, only a
 * result with nothing to render (project, exports or mapping missing) is refused.
 */
export function requirePlannable(ctx: CommandContext, result: PipelineResult, opts: { json?: boolean; draft?: boolean; strict?: boolean } = {}): boolean {
  if (opts.draft === true ? renderable(result) : plannable(result, opts.strict ?? false)) return true;
  const all = result.plan?.diagnostics ?? result.diagnostics;
  const open = openDecisions(all);
  const rest = all.filter((d) => d.code !== 'PROJECT_OPEN_DECISION');
  // Only warnings, refused by --strict: "fix the errors above" would point at none.
  const unaccepted = all.filter((d) => d.severity === 'warning' && d.accepted === undefined).length;
  const strictOnly = opts.strict === true && !hasErrors(all) && unaccepted > 0;
  const why = strictOnly
    ? `refused: --strict counts the ${unaccepted} warning${unaccepted === 1 ? '' : 's'} above (accept ${unaccepted === 1 ? 'it' : 'them'} in the project with accept:, or fix ${unaccepted === 1 ? 'it' : 'them'}); nothing was written`
    : undefined;
  refuse(ctx, [...open, ...rest], opts.json, why);
  if (open.length > 0 && opts.json !== true) {
    ctx.io.stderr.write(
      `${open.length} open decision${open.length === 1 ? '' : 's'} in the project (TODO): decide ${open.length === 1 ? 'it' : 'them'} and run again; \`report --draft\` renders the report for the workshop meanwhile\n`,
    );
  }
  return false;
}
