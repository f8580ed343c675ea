/** `inspect <export…>`: what each export holds and what is wrong with it; exit 3 when one is refused. */
import type { Command } from 'commander';
import { importExports } from '../../importers/index.js';
import { inspectImport, type InspectExport } from '../../importers/inspect.js';
import { ExitCode } from '../../model/errors.js';
import { createStepRunner, progressMode } from '../progress.js';
import { renderDiagnostics } from '../render-diagnostics.js';
import { note, requireExisting, type CommandContext } from '../shared.js';

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
  if (s.unclassified.length) out.push(`    unclassified:  ${list(s.unclassified)}`);
  out.push(`  not migrated     ${summary.notMigrated.length ? list(summary.notMigrated) : 'nothing'}`);
  return `${out.join('\n')}\n`;
}

export function registerInspect(program: Command, ctx: CommandContext): void {
  program
    .command('inspect')
    .description('read exports and show what they hold: counts, user management, settings by scope, problems')
    .argument('<export...>', 'Enterprise exports (ZIP or folder)')
    .option('--json', 'print { "exports": [ … ] }')
    .addHelpText(
      'after',
      `
Example:
  $ procall-migrate inspect samples/alpen-handel/exports/*
  $ procall-migrate inspect exports/ucs-ber-01.zip --json
  exit 0 when every export can be migrated, 3 when one is refused (an error diagnostic)`,
    )
    .action(async (exportArgs: string[], flags: { json?: boolean }) => {
      const paths = exportArgs.map((p) => requireExisting(ctx.io, p, 'export'));
      const step = createStepRunner(ctx.io, progressMode(ctx.io, flags.json));
      const imported = await step('Import exports', (onProgress) => importExports(paths, { onProgress }));
      const report = inspectImport(imported);
      if (flags.json) {
        ctx.io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        ctx.io.stdout.write(report.exports.map(renderInspectText).join('\n'));
        const text = renderDiagnostics(imported.diagnostics);
        if (text) ctx.io.stdout.write(`\nProblems\n${text.replace(/^(?=.)/gm, '  ')}`);
      }
      const refused = imported.diagnostics.some((d) => d.severity === 'error') || imported.exports.length < paths.length;
      if (refused) note(ctx, flags.json, 'refused: an input cannot go to DataCenter as it is; fix the errors above, or decide them in the project file where their hint says so');
      ctx.setExit(refused ? ExitCode.refused : ExitCode.ok);
    });
}
