/** `rollout -p FILE --out DIR`: the client connection artifacts (server list, .reg, DNS SRV, README). */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { loadProject } from '../../importers/project-file.js';
import { MigrateError } from '../../model/errors.js';
import { DEFAULT_SRV_PORT, DEFAULT_SRV_SERVICE, generateRollout, hasClientServers } from '../../rollout/index.js';
import { note, refuse, requireExisting, resolveFrom, type CommandContext } from '../shared.js';

interface RolloutFlags {
  project: string;
  out: string;
  srvService: string;
  srvPort: string;
  json?: boolean;
}

export function registerRollout(program: Command, ctx: CommandContext): void {
  program
    .command('rollout')
    .description('write the client connection files: CTISERVER= parameter, a .reg file, DNS SRV records, a README for the admins')
    .requiredOption('-p, --project <file>', 'the project file')
    .requiredOption('--out <dir>', 'folder to write the files to (created if missing)')
    .option('--srv-service <label>', 'DNS SRV service label', DEFAULT_SRV_SERVICE)
    .option('--srv-port <port>', 'port in the DNS SRV records', String(DEFAULT_SRV_PORT))
    .option('--json', 'print the written files as JSON')
    .addHelpText(
      'after',
      `
Example:
  $ procall-migrate rollout -p samples/alpen-handel/procall-migrate.yaml --out rollout/
    writes rollout/ctiserver.txt, procall-client.reg, dns-srv.zone, README.md`,
    )
    .action(async (flags: RolloutFlags) => {
      const loaded = await loadProject(requireExisting(ctx.io, flags.project, 'project file'), ctx.io.env);
      if (!loaded.project || loaded.diagnostics.some((d) => d.severity === 'error')) return refuse(ctx, loaded.diagnostics, flags.json);
      const port = Number(flags.srvPort);
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        throw new MigrateError('CLI_USAGE', `--srv-port must be a TCP port (1-65535), got ${flags.srvPort}`);
      }
      const servers = loaded.project.servers;
      if (!hasClientServers(servers)) throw new MigrateError('CLI_NO_UCSERVER', 'the project has no ucserver for clients to connect to');
      const dir = resolveFrom(ctx.io, flags.out);
      await mkdir(dir, { recursive: true });
      const files = generateRollout(loaded.project.name, servers, { service: flags.srvService, port });
      for (const f of files) await writeFile(path.join(dir, f.name), f.content);
      if (flags.json) {
        ctx.io.stdout.write(`${JSON.stringify({ status: 'ok', dir, files: files.map((f) => f.name) }, null, 2)}\n`);
      } else {
        ctx.io.stdout.write(files.map((f) => `${path.join(flags.out, f.name)}\n`).join(''));
        note(ctx, false, `client rollout for ${loaded.project.name}: read ${path.join(flags.out, 'README.md')}`);
      }
    });
}
