/** `rollout -p FILE --out DIR`: the client connection artifacts (server list, .reg, DNS SRV, README). */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { MigrateError } from '../../model/index.js';
import { prepareDesired } from '../../pipeline.js';
import { parseLang } from '../../report/index.js';
import { DEFAULT_SRV_PORT, DEFAULT_SRV_SERVICE, generateRollout, hasClientServers, isSrvService } from '../../rollout/index.js';
import { assertNotAnInput, projectInputs, writeOutput } from '../output-file.js';
import { requirePlannable } from '../gate.js';
import { note, pipelineOptions, resolveFrom, type CommandContext } from '../shared.js';

interface RolloutFlags {
  project: string;
  out: string;
  srvService: string;
  srvPort: string;
  lang?: string;
  strict?: boolean;
  json?: boolean;
}

export function registerRollout(program: Command, ctx: CommandContext): void {
  program
    .command('rollout')
    .description('write the client connection files: CTISERVER= parameter, a .reg file, DNS SRV records, a README for the admins')
    .option('-p, --project <file>', 'the project file (default: ./procall-migrate.yaml)')
    .requiredOption('--out <dir>', 'folder to write the files to (created if missing)')
    .option('--srv-service <label>', 'DNS SRV service label', DEFAULT_SRV_SERVICE)
    .option('--srv-port <port>', 'port in the DNS SRV records', String(DEFAULT_SRV_PORT))
    .addOption(new Option('--lang <lang>', "language of the admins' README (default: the project's language:, else de)").choices(['de', 'en']))
    .option('--strict', 'treat warnings as errors')
    .option('--json', 'print the written files as JSON')
    .addHelpText(
      'after',
      `
Example:
  $ procall-migrate rollout -p samples/alpen-handel/procall-migrate.yaml --out rollout/
    writes rollout/ctiserver.txt, procall-client.reg, dns-srv.zone, README.md`,
    )
    .action(async (flags: RolloutFlags) => {
      refuseFileName(flags.out);
      const port = Number(flags.srvPort);
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        throw new MigrateError('CLI_USAGE', `--srv-port must be a TCP port (1-65535), got ${flags.srvPort}`);
      }
      if (!isSrvService(flags.srvService)) {
        throw new MigrateError('CLI_USAGE', `--srv-service must be a DNS SRV label _service._proto (e.g. ${DEFAULT_SRV_SERVICE}), got ${flags.srvService}`, {
          hint: `a bare name like "cstaserver" makes an invalid record owner; write _cstaserver._tcp`,
        });
      }
      // Customer artifacts only from a plannable project: whenever `plan` would refuse, refuse and write nothing.
      const result = await prepareDesired(await pipelineOptions(ctx, flags.project, { json: flags.json ?? false, strict: flags.strict ?? false, needsPassword: false }));
      if (!requirePlannable(ctx, result, { json: flags.json ?? false, strict: flags.strict ?? false }) || !result.project) return;
      const project = result.project;
      const servers = project.servers;
      if (!hasClientServers(servers)) throw new MigrateError('CLI_NO_UCSERVER', 'the project has no ucserver for clients to connect to');
      const dir = resolveFrom(ctx.io, flags.out);
      // Each file refuses a value it cannot carry ('CLI_ROLLOUT_UNSAFE_VALUE', exit 3) before anything is written.
      const files = generateRollout(project.name, servers, { service: flags.srvService, port }, parseLang(flags.lang) ?? parseLang(project.language) ?? 'de');
      const inputs = projectInputs(result.loaded.projectPath, project);
      assertNotAnInput(dir, inputs);
      await refuseForeignFiles(dir, files.map((f) => f.name));
      // Each file whole or not at all (the folder and its parents are created).
      for (const f of files) await writeOutput(path.join(dir, f.name), f.content, inputs);
      if (flags.json) {
        ctx.io.stdout.write(`${JSON.stringify({ status: 'ok', dir, files: files.map((f) => f.name) }, null, 2)}\n`);
      } else {
        ctx.io.stdout.write(files.map((f) => `${path.join(flags.out, f.name)}\n`).join(''));
        note(ctx, false, `client rollout for ${project.name}: read ${path.join(flags.out, 'README.md')}`);
      }
    });
}

/** Endings that name a file, not a folder: `--out rollout.zip` made a folder called `rollout.zip`. */
const FILE_ENDINGS = /\.(zip|7z|rar|tar|tgz|gz|bz2|xz|cab|msi|exe|txt|md|html?|pdf|json|ya?ml|reg|zone|csv|xml|docx?|xlsx?)$/i;

/**
 * Rollout writes a folder of files; a name ending like an archive or a document would become a
 * folder of that name (a `.zip` the admin cannot open). Refused before anything is read.
 */
function refuseFileName(out: string): void {
  const name = path.basename(out.replace(/[\\/]+$/, ''));
  const ending = FILE_ENDINGS.exec(name)?.[0];
  if (ending === undefined) return;
  const archive = /^\.(zip|7z|rar|tar|tgz|gz|bz2|xz|cab)$/i.test(ending);
  throw new MigrateError('CLI_USAGE', `--out ${out} ends in ${ending}, but rollout writes a folder of several files (ctiserver.txt, procall-client.reg, dns-srv.zone, README.md), not ${archive ? 'an archive' : 'one file'}; nothing was written`, {
    hint: `name a folder, e.g. --out ${path.join(path.dirname(out), stripEndings(name) || 'rollout')}${archive ? ', and pack that folder afterwards if the admins want one file' : ''}`,
  });
}

/** `clients.tar.gz` → `clients`: the name without every file ending. */
function stripEndings(name: string): string {
  let stem = name;
  while (FILE_ENDINGS.test(stem)) stem = stem.replace(FILE_ENDINGS, '');
  return stem;
}

/**
 * `rollout --out .` must not replace the consultant's own README.md: a folder is refused when one
 * of ours would overwrite a file there, unless it holds exactly an earlier rollout's files.
 */
async function refuseForeignFiles(dir: string, names: readonly string[]): Promise<void> {
  let present: string[];
  try {
    present = await readdir(dir);
  } catch {
    return; // a new folder
  }
  const ours = new Set(names.map((n) => n.toLowerCase()));
  const clash = present.filter((n) => ours.has(n.toLowerCase()));
  const foreign = present.filter((n) => !ours.has(n.toLowerCase()));
  // An earlier rollout into this folder left exactly our files: writing them again is fine.
  if (clash.length > 0 && (foreign.length > 0 || clash.length < ours.size)) {
    const others = foreign.length > 0 ? `other files (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''})` : 'files of its own';
    throw new MigrateError('CLI_USAGE', `${dir} holds ${others}, and ${clash.join(', ')} would be overwritten`, {
      hint: 'write the rollout files into a new or empty folder (e.g. --out rollout)',
    });
  }
}
