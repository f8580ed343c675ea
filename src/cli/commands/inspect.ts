/** `inspect <export…>`: what each export holds and what is wrong with it; exit 3 when one is refused. */
import { Option, type Command } from 'commander';
import { importExports } from '../../importers/index.js';
import { inspectImport, type InspectExport } from '../../importers/index.js';
import { ExitCode } from '../../model/index.js';
import { REFUSAL_WHY } from '../../model/index.js';
import { createStepRunner, progressMode } from '../progress.js';
import { renderDiagnostics } from '../render-diagnostics.js';
import { attachDecisions } from '../../project/index.js';
import { writeOutput } from '../output-file.js';
import { chooseFormat } from '../output-format.js';
import { note, requireExisting, resolveFrom, type CommandContext } from '../shared.js';

const LISTED = 8;
const list = (keys: readonly string[]): string =>
  keys.length <= LISTED ? keys.join(', ') : `${keys.slice(0, LISTED).join(', ')}, … (${keys.length - LISTED} more)`;

export function renderInspectText(summary: InspectExport): string {
  const c = summary.counts;
  const s = summary.settingsByScope;
  const out = [
    `${summary.server}  (${summary.inputPath})`,
    `  version          ${summary.version}`,
    `  user management  ${summary.userManagement ?? 'unknown'}`,
    `  users            ${c.users} (${c.enabledUsers} enabled)`,
    `  groups           ${c.groups}`,
    `  computers        ${c.computers}`,
    `  lines            ${c.lines} in ${c.lineGroups} line groups`,
    `  client content   ${c.clientContent}`,
    `  settings         ${s.global.length} global, ${s.local.length} local, ${s.group.length} group, ${s.refused.length} refused, ${s.unclassified.length} unclassified`,
  ];
  if (s.group.length) out.push(`    group:         ${list(s.group)}`);
  if (s.refused.length) out.push(`    refused:       ${list(s.refused)}`);
  // Why each refused key is refused and what the project does about it (a bare "refused" is a dead end).
  for (const key of new Set(s.refused.map((k) => k.toLowerCase()))) {
    const why = REFUSAL_WHY[key];
    if (why !== undefined) out.push(`      ${key}: ${why}`);
  }
  if (s.unclassified.length) out.push(`    unclassified:  ${list(s.unclassified)}`);
  out.push(`  not migrated     ${summary.notMigrated.length ? list(summary.notMigrated) : 'nothing'}`);
  return `${out.join('\n')}\n`;
}

export function registerInspect(program: Command, ctx: CommandContext): void {
  program
    .command('inspect')
    .description('read exports and show what they hold: counts, user management, settings by scope, problems')
    .argument('<export...>', 'Enterprise exports (ZIP or folder), or a folder holding several of them')
    .option('--json', 'print { "exports": [ … ] }')
    .addOption(new Option('--format <format>', 'text or json (default: text; with --out: from the file name)').choices(['text', 'json']))
    .option('--out <file>', 'write it to a file instead of stdout (.json or .txt; folders are created)')
    .addHelpText(
      'after',
      `
Example:
  $ procall-migrate inspect samples/alpen-handel/exports/*
  $ procall-migrate inspect exports/ucs-ber-01.zip --json
  $ procall-migrate inspect exports/     # a folder holding several exports: each is read, and said so
  $ procall-migrate inspect exports/* --out review/inspect.json
  exit 0 when every export can be migrated, 3 when one is refused (an error diagnostic)`,
    )
    .action(async (exportArgs: string[], flags: { json?: boolean; format?: string; out?: string }) => {
      const format = chooseFormat(flags, ['text', 'json'], flags.out === undefined ? 'text' : 'json');
      const paths = exportArgs.map((p) => requireExisting(ctx.io, p, 'export'));
      const step = createStepRunner(ctx.io, progressMode(ctx.io, flags.json));
      const read = await step('Import exports', (onProgress) => importExports(paths, { onProgress, heldExports: 'expand' }));
      // The decide options that need no project (docs/decide.md, "inspect"): accept: for a warning, userStore for file-based users.
      const imported = { ...read, diagnostics: attachDecisions(read.diagnostics, { exports: read.exports }) };
      for (const d of imported.diagnostics) if (d.code === 'IMPORT_INPUT_HOLDS_EXPORTS') note(ctx, flags.json, d.message);
      const report = inspectImport(imported);
      let body: string;
      if (format === 'json') {
        body = `${JSON.stringify(report, null, 2)}\n`;
      } else {
        body = report.exports.map(renderInspectText).join('\n');
        const text = renderDiagnostics(imported.diagnostics);
        if (text) body += `\nProblems\n${text.replace(/^(?=.)/gm, '  ')}`;
      }
      if (flags.out === undefined) ctx.io.stdout.write(body);
      else {
        await writeOutput(resolveFrom(ctx.io, flags.out), body, paths.map((p) => ({ path: p, what: 'an export being inspected' })));
        note(ctx, flags.json, `wrote ${flags.out}`);
      }
      const refused = imported.diagnostics.some((d) => d.severity === 'error') || imported.exports.length === 0;
      if (refused) note(ctx, flags.json, 'refused: an input cannot go to DataCenter as it is; fix the errors above, or decide them in the project file where their hint says so');
      ctx.setExit(refused ? ExitCode.refused : ExitCode.ok);
    });
}
