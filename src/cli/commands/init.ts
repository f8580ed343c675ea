/** `init <export…>`: writes a commented starting project file; refuses to overwrite without --force. */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { importExports } from '../../importers/index.js';
import { ExitCode, MigrateError } from '../../model/index.js';
import { pickNewestExports, renderInitProject } from '../init/index.js';
import { settleInitProject } from '../init/index.js';
import { writeOutput } from '../output-file.js';
import { createStepRunner, progressMode } from '../progress.js';
import { note, printDiagnostics, requireExisting, resolveFrom, type CommandContext } from '../shared.js';

interface InitFlags {
  out: string;
  force?: boolean;
  name?: string;
}

/**
 * The project file is YAML: `--out p.json` wrote YAML into a `.json` file, which an editor and
 * every JSON tool then read wrong. Another ending is refused before the exports are read; a name
 * without an ending is taken as it is.
 */
function refuseNonYaml(out: string): void {
  const ending = path.extname(out);
  if (ending === '' || /^\.ya?ml$/i.test(ending)) return;
  throw new MigrateError('CLI_USAGE', `--out ${out}: init writes the project as YAML, not ${ending}; nothing was written`, {
    hint: `name the project file .yaml, e.g. --out ${path.join(path.dirname(out), suggested(path.basename(out, ending)))}`,
  });
}

/** `p` → `p.yaml`; `procall-migrate.yaml` (of `procall-migrate.yaml.bak`) stays as it is. */
const suggested = (stem: string) => (/\.ya?ml$/i.test(stem) ? stem : `${stem}.yaml`);

export function registerInit(program: Command, ctx: CommandContext): void {
  program
    .command('init')
    .description('write a starting project file from the exports: one DataCenter server per source, open decisions marked TODO')
    .argument('<export...>', 'Enterprise exports (ZIP or folder), or a folder holding several of them')
    .option('--out <file>', 'the project file to write', 'procall-migrate.yaml')
    .option('--name <name>', 'the environment name (default: from the sources’ domain)')
    .option('--force', 'overwrite an existing file')
    .addHelpText(
      'after',
      `
Example:
  $ procall-migrate init exports/ucs-ber-01.zip exports/ucs-muc-01/ --out procall-migrate.yaml
  then edit every "TODO" and run: procall-migrate plan -p procall-migrate.yaml`,
    )
    .action(async (exportArgs: string[], flags: InitFlags) => {
      refuseNonYaml(flags.out);
      const paths = exportArgs.map((p) => requireExisting(ctx.io, p, 'export'));
      const out = resolveFrom(ctx.io, flags.out);
      if (existsSync(out) && !flags.force) {
        throw new MigrateError('CLI_FILE_EXISTS', `${flags.out} already exists; nothing was written`, { hint: 'pass --force to overwrite it' });
      }
      const step = createStepRunner(ctx.io, progressMode(ctx.io, false));
      // A folder holding several exports (the customer's exports/) gives one source per export.
      const imported = await step('Import exports', (onProgress) => importExports(paths, { onProgress, heldExports: 'expand' }));
      // Two exports of one server: the newer is the source, the older is listed as skipped (and
      // its "same server twice" finding is init's decision, not an error of the project).
      const { kept, skipped } = pickNewestExports(imported.exports);
      const skippedPaths = new Set(skipped.map((s) => s.exp.inputPath));
      printDiagnostics(ctx.io, imported.diagnostics.filter((d) => !(d.code === 'IMPORT_DUPLICATE_SERVER' && skipped.length > 0)));
      if (kept.length === 0) {
        throw new MigrateError('CLI_NO_EXPORT', 'no export could be read; nothing was written', { exitCode: ExitCode.refused });
      }
      for (const s of skipped) {
        note(ctx, false, `${s.exp.source} is exported twice: taking the newer ${s.newer.inputPath} (${s.newer.manifest.exportedAt}), skipping the older ${s.exp.inputPath} (${s.exp.manifest.exportedAt})`);
      }
      const projectDir = path.dirname(out);
      const rendered = renderInitProject({
        exports: kept.filter((e) => !skippedPaths.has(e.inputPath)),
        projectDir,
        skipped,
        ...(flags.name !== undefined ? { name: flags.name } : {}),
      });
      // Whatever else plan would refuse is written in as an open decision with its first option.
      await mkdir(projectDir, { recursive: true });
      const settled = await settleInitProject(rendered, {
        projectDir,
        fileName: path.basename(out),
        exports: kept,
        importErrors: imported.diagnostics.filter((d) => d.code !== 'IMPORT_DUPLICATE_SERVER'),
      });
      const text = settled.text;
      for (const d of settled.unsettled) note(ctx, false, `init could not decide: ${d.code} ${d.message}`);
      await writeOutput(out, text, paths.map((p) => ({ path: p, what: 'an export init reads' })));
      // The open decisions the loader will find: a TODO value or a "# TODO" comment on a value.
      const todos = text.split('\n').filter((l) => /^\s*[^#\s].*(:\s+TODO\b|#\s*TODO\b)/.test(l)).length;
      note(ctx, false, `wrote ${flags.out} (${kept.length} sources, ${todos} TODOs to decide${skipped.length > 0 ? `, ${skipped.length} older export${skipped.length === 1 ? '' : 's'} skipped` : ''})`);
    });
}
