/** `report -p FILE --out report.html|report.md`: the customer's migration report, in German or English. */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { checkInvariants } from '../../model/index.js';
import { ExitCode, MigrateError } from '../../model/index.js';
import { openDecisions, prepareDesired } from '../../pipeline.js';
import { buildReportData, parseLang, parsePreflight, renderReportHtml, renderReportMarkdown, type Audience, type PlanForReport, type PreflightResult } from '../../report/index.js';
import { planProjectPath, readPlanFile } from '../../plan/saved/index.js';
import { readGuarded } from '../../io/index.js';
import { MAX_PROJECT_FILE_BYTES } from '../../project/index.js';
import { diffSourceFiles } from '../../plan/index.js';
import type { PlanJson } from '../../plan/index.js';
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

/**
 * The saved plan, through the one read guard (a FIFO, device, folder or 2 GiB file is refused at
 * once); its schema keeps the changes as written (the ledger's `kept` columns too), so it is read once.
 */
async function readSavedPlan(file: string): Promise<{ saved: PlanJson; forReport: PlanForReport }> {
  const saved = await readPlanFile(file);
  return { saved, forReport: saved };
}

/** The largest preflight result read (`preflight --json` prints a few kB). */
const MAX_PREFLIGHT_BYTES = 16 * 1024 * 1024;

/**
 * The project a saved plan names, when `-p` is not given (issue 20: a plan edited to name
 * `../../etc/shadow` had `report` print every line of it). The path is the plan's, relative to the
 * plan's folder (migration-project.md, "Outputs and artifacts that travel"); the file is opened
 * only through the read guard, and used only when its bytes are the project the plan was made
 * from (the plan's sha256): anything else is refused before a line of it is parsed or shown.
 */
async function planOwnProject(saved: PlanJson, planFile: string): Promise<string> {
  const projectFile = planProjectPath(saved, planFile);
  const hint = 'pass the project with -p FILE (a plan names its project relative to its own folder)';
  const read = await readGuarded(projectFile, { maxBytes: MAX_PROJECT_FILE_BYTES });
  if (!read.ok) {
    throw new MigrateError(read.kind === 'not-found' ? 'CLI_FILE_NOT_FOUND' : 'CLI_FILE', `the plan's project file ${read.kind === 'not-found' ? 'not found' : read.problem}: ${projectFile}`, { hint });
  }
  if (createHash('sha256').update(read.bytes).digest('hex') !== saved.project.sha256) {
    throw new MigrateError(
      'PLAN_PROJECT_CHANGED',
      `${path.basename(projectFile)}, the project the plan ${path.basename(planFile)} names, is not the file the plan was made from (its sha256 differs); nothing of it is read or shown, nothing was written.`,
      { hint: `${hint}, or make the plan again (\`procall-migrate plan -p FILE --out plan.json\`) and the report from it`, exitCode: ExitCode.refused },
    );
  }
  return projectFile;
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
  const read = await readGuarded(file, { maxBytes: MAX_PREFLIGHT_BYTES });
  if (!read.ok) throw new MigrateError('CLI_FILE', `the preflight result ${arg} ${read.problem}; nothing was written`, { hint: 'name the file `preflight --json` wrote' });
  const parsed = parsePreflight(read.bytes.toString('utf8'));
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
      // Without -p, the plan's own project, and only when it is byte for byte the one the plan was made from.
      const projectFile = flags.project !== undefined ? flags.project : await planOwnProject(plan!.saved, planFile!);
      const preflight = flags.preflight === undefined ? undefined : await readPreflight(ctx, flags.preflight);

      const options = await pipelineOptions(ctx, projectFile, { strict: flags.strict ?? false, needsPassword: false });
      // A draft renders whatever the project holds (its errors listed first): mapped past them.
      const result = await prepareDesired(flags.draft === true ? { ...options, draft: true } : options);
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
