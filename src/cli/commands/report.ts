/** `report -p FILE --out report.html|report.md`: the customer's migration report, in German or English. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Option } from 'commander';
import { checkInvariants } from '../../model/invariants.js';
import { ExitCode, MigrateError } from '../../model/errors.js';
import { openDecisions, prepareDesired } from '../../pipeline.js';
import { buildReportData, parseLang, parsePreflight, renderReportHtml, renderReportMarkdown, type Audience, type PlanForReport, type PreflightResult } from '../../report/index.js';
import { parsePlanJson, planProjectPath } from '../../writers/plan/plan-file.js';
import { diffSourceFiles } from '../../writers/plan/stale.js';
import type { PlanJson } from '../../writers/plan/plan-schema.js';
import { plannable, requirePlannable } from '../gate.js';
import { projectInputs, writeOutput } from '../output-file.js';
import { chooseFormat } from '../output-format.js';
import { note, pipelineOptions, printDiagnostics, requireExisting, resolveFrom, type CommandContext } from '../shared.js';
import { TOOL_VERSION } from '../version.js';

interface ReportFlags {
  project?: string;
  out: string;
  format?: string;
  lang?: string;
  audience: Audience;
  plan?: string;
  draft?: boolean;
  preflight?: string;
  strict?: boolean;
}

/** The saved plan; its schema keeps the changes as written (the ledger's `kept` columns too), so it is read once. */
async function readSavedPlan(file: string): Promise<{ saved: PlanJson; forReport: PlanForReport }> {
  const saved = parsePlanJson(await readFile(file, 'utf8'), file);
  return { saved, forReport: saved };
}

/**
 * A saved plan `plan` refuses (errors; with --strict, unaccepted warnings) is never signed off:
 * older tool versions saved such plans, and `report --plan` must not make one look approved.
 */
function refuseSavedErrors(saved: PlanJson, file: string, strict: boolean): void {
  const bad = saved.diagnostics.filter((d) => d.severity === 'error' || (strict && d.severity === 'warning' && d.accepted === undefined));
  if (bad.length === 0) return;
  const errors = bad.filter((d) => d.severity === 'error').length;
  const warnings = bad.length - errors;
  const what = [
    ...(errors > 0 ? [`${errors} error${errors === 1 ? '' : 's'}`] : []),
    ...(warnings > 0 ? [`${warnings} unaccepted warning${warnings === 1 ? '' : 's'} (--strict)`] : []),
  ].join(' and ');
  const list = bad.slice(0, 5).map((d) => `${d.code} ${d.message}`).join('\n  ');
  throw new MigrateError('PLAN_FILE_REFUSED', `The plan ${file} holds ${what}, so it cannot be signed off; nothing was written:\n  ${list}${bad.length > 5 ? `\n  and ${bad.length - 5} more` : ''}`, {
    hint: 'resolve them in the project (decisions:, accept:, or the sources) and make the plan again: `procall-migrate plan -p FILE --out plan.json`',
    exitCode: ExitCode.refused,
  });
}

async function readPreflight(ctx: CommandContext, arg: string): Promise<PreflightResult> {
  const file = requireExisting(ctx.io, arg, 'preflight result');
  const parsed = parsePreflight(await readFile(file, 'utf8'));
  if (parsed.ok) return parsed.value;
  throw new MigrateError('CLI_PREFLIGHT_INVALID', `${arg} is not the output of \`preflight --json\`: ${parsed.problems.join('; ')}`, {
    hint: 'write it with `procall-migrate preflight -p FILE --json > preflight.json`',
  });
}

/** The report must describe the inputs the plan was made from: same project file, same export files. */
function checkPlanInputs(saved: PlanJson, projectSha: string, exportsNow: readonly { source: string; files: readonly { path: string; sha256: string }[] }[]): void {
  const hint = 'make the plan again (`procall-migrate plan -p FILE --out plan.json`) and the report from it';
  if (saved.project.sha256 !== projectSha) {
    throw new MigrateError('PLAN_PROJECT_CHANGED', 'The project file changed since the plan was made; the report would not show that plan. Nothing was written.', { hint, exitCode: ExitCode.refused });
  }
  const changed = diffSourceFiles(saved.sources, exportsNow.map((e) => ({ server: e.source, files: e.files })));
  if (changed.length > 0) {
    const list = changed.slice(0, 5).join(', ');
    throw new MigrateError('PLAN_SOURCES_CHANGED', `Source exports changed since the plan was made: ${list}${changed.length > 5 ? ` and ${changed.length - 5} more` : ''}. Nothing was written.`, {
      hint,
      exitCode: ExitCode.refused,
    });
  }
}

export function registerReport(program: Command, ctx: CommandContext): void {
  program
    .command('report')
    .description('write the customer migration report (self-contained HTML, or Markdown for .md), in German or English')
    .option('-p, --project <file>', 'the project file (default: with --plan the plan\'s, else ./procall-migrate.yaml)')
    .requiredOption('--out <file>', 'report.html or report.md; folders are created')
    .addOption(new Option('--format <format>', 'html or markdown (default: from the file name)').choices(['html', 'markdown', 'md']))
    .addOption(new Option('--lang <lang>', 'language of the report (default: the project\'s language:, else de)').choices(['de', 'en']))
    .addOption(new Option('--audience <who>', 'customer: plain words; consultant: adds codes, places and hints').choices(['customer', 'consultant']).default('customer'))
    .option('--plan <plan.json>', 'make the report from a saved plan: shows its digest and a signature block')
    .option('--draft', 'render although decisions are still open (marked DRAFT, open decisions first)')
    .option('--preflight <result.json>', 'show the result of `preflight --json` on the setup sheets and the checklist')
    .option('--strict', 'treat warnings as errors')
    .option('--no-target', 'accepted for symmetry with plan: the report never connects to the target')
    .addHelpText(
      'after',
      `
Example:
  $ procall-migrate report -p samples/alpen-handel/procall-migrate.yaml --out report.html
  $ procall-migrate report -p procall-migrate.yaml --lang en --out report.md
  $ procall-migrate report --plan plan.json --out signed/report.html
  $ procall-migrate report -p procall-migrate.yaml --draft --audience consultant --out workshop.html`,
    )
    .action(async (flags: ReportFlags) => {
      // Usage errors before a long import.
      const format = chooseFormat({ ...(flags.format === undefined ? {} : { format: flags.format }), out: flags.out }, ['html', 'markdown']);
      if (!flags.project && !flags.plan) throw new MigrateError('CLI_USAGE', 'report needs -p FILE (the project) or --plan plan.json');
      const planFile = flags.plan === undefined ? undefined : requireExisting(ctx.io, flags.plan, 'plan file');
      const plan = planFile === undefined ? undefined : await readSavedPlan(planFile);
      if (plan) refuseSavedErrors(plan.saved, flags.plan!, flags.strict ?? false);
      const projectFile = flags.project !== undefined ? flags.project : planProjectPath(plan!.saved, planFile!);
      if (flags.project === undefined && !existsSync(projectFile)) {
        throw new MigrateError('CLI_FILE_NOT_FOUND', `the plan's project file not found: ${projectFile}`, { hint: 'pass -p FILE when the project moved on its own' });
      }
      const preflight = flags.preflight === undefined ? undefined : await readPreflight(ctx, flags.preflight);

      const options = await pipelineOptions(ctx, projectFile, { strict: flags.strict ?? false, needsPassword: false });
      const result = await prepareDesired(options);
      if (!requirePlannable(ctx, result, { draft: flags.draft === true, strict: flags.strict ?? false })) return;
      const { project, imported, mapped } = result;
      if (!project || !imported || !mapped) return;
      if (plan) {
        checkPlanInputs(plan.saved, result.loaded.sha256, imported.exports);
        note(ctx, false, `plan digest: ${plan.saved.planDigest}`);
      }
      printDiagnostics(ctx.io, result.diagnostics);
      const open = openDecisions(result.diagnostics);
      const data = buildReportData({
        project,
        exports: imported.exports,
        mapped,
        diagnostics: result.diagnostics,
        invariants: checkInvariants(mapped.model),
        toolVersion: TOOL_VERSION,
        projectDir: result.loaded.projectDir,
        generatedAt: (ctx.io.now ?? (() => new Date()))(),
        draft: flags.draft === true && !plannable(result, flags.strict ?? false),
        openDecisions: open,
        ...(plan ? { plan: plan.forReport } : {}),
        ...(preflight ? { preflight } : {}),
      });
      const render = { lang: parseLang(flags.lang) ?? parseLang(project.language) ?? 'de', audience: flags.audience };
      await writeOutput(resolveFrom(ctx.io, flags.out), format === 'html' ? renderReportHtml(data, render) : renderReportMarkdown(data, render), [
        ...projectInputs(result.loaded.projectPath, project),
        ...(flags.plan === undefined ? [] : [{ path: resolveFrom(ctx.io, flags.plan), what: 'the saved plan' }]),
        ...(flags.preflight === undefined ? [] : [{ path: resolveFrom(ctx.io, flags.preflight), what: 'the preflight result' }]),
      ]);
      // --draft with nothing open: the report is not a draft, and the user is told so plainly.
      if (flags.draft === true && !data.draft) note(ctx, false, 'no decision is open: --draft is not needed; the report is written as usual (not marked DRAFT)');
      note(ctx, false, `wrote ${flags.out}${data.draft ? ' (DRAFT: decisions are still open)' : plan ? '' : ' (preview: make it from a saved plan with --plan to sign it)'}`);
    });
}
