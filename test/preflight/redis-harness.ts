/**
 * Real Redis for the preflight tests: Debian's redis-server (and its Sentinel mode) started on
 * free loopback ports, each in its own temp dir, killed afterwards. Certificates come from the
 * openssl CLI. Tests skip themselves (never fail) only where redis-server cannot be found.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

function which(cmd: string): string | undefined {
  const r = spawnSync('bash', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() || undefined : undefined;
}

export const REDIS_SERVER = which('redis-server');
export const OPENSSL = which('openssl');

/**
 * Whether this redis-server was built with TLS (Debian's is). A TLS port with missing files exits
 * at once: "Failed to configure TLS" when TLS is built in, "Bad directive" when it is not.
 */
function redisHasTls(): boolean {
  if (!REDIS_SERVER) return false;
  const r = spawnSync(REDIS_SERVER, ['--port', '0', '--tls-port', '1', '--tls-cert-file', '/nonexistent/c.pem', '--tls-key-file', '/nonexistent/c.key', '--save', ''], {
    encoding: 'utf8',
    timeout: 5000,
  });
  return /TLS/.test(`${r.stdout}${r.stderr}`) && !/Bad directive/i.test(`${r.stdout}${r.stderr}`);
}
export const REDIS_TLS = redisHasTls();

const dirs: string[] = [];

/** A temp dir that stopAll() removes. */
export function tempDir(prefix = 'pm-preflight-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Running {
  port: number;
  dir: string;
  stop(): Promise<void>;
}

const started: Running[] = [];

/** Stops everything the harness started and removes its temp dirs (afterAll). */
export async function stopAll(): Promise<void> {
  await Promise.all(started.splice(0).map((r) => r.stop()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Spawns redis-server with `args` (plus the port options `portArgs(port)`) and waits for `ready` in its log. */
async function startRedisProcess(args: (port: number, dir: string) => string[], ready: RegExp): Promise<Running> {
  if (!REDIS_SERVER) throw new Error('redis-server is not installed');
  let lastLog = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const dir = tempDir('pm-redis-');
    const child = spawn(REDIS_SERVER, args(port, dir), { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const ok = await new Promise<boolean>((resolve) => {
      let log = '';
      const onData = (b: Buffer) => {
        log += b.toString('utf8');
        lastLog = log;
        if (ready.test(log)) resolve(true);
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', () => resolve(false));
    });
    if (ok) {
      const running: Running = { port, dir, stop: () => stopProcess(child, dir) };
      started.push(running);
      return running;
    }
    rmSync(dir, { recursive: true, force: true });
    // Another process took the port between probe and start: try another one.
    if (!/Address already in use/i.test(lastLog)) break;
  }
  throw new Error(`redis-server did not start:\n${lastLog.slice(-2000)}`);
}

function stopProcess(child: ChildProcess, dir: string): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      rmSync(dir, { recursive: true, force: true });
      resolve();
    };
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', done);
    child.kill('SIGKILL');
  });
}

const common = (dir: string) => ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--loglevel', 'notice', '--logfile', ''];

/** A plain redis-server, with `requirepass` when a password is given (and any further options). */
export function startRedis(password?: string, extra: string[] = []): Promise<Running> {
  return startRedisProcess(
    (port, dir) => [...common(dir), '--port', String(port), ...(password ? ['--requirepass', password] : []), ...extra],
    /Ready to accept connections/,
  );
}

export interface TlsFiles {
  cert: string;
  key: string;
  ca: string;
}

/** A redis-server speaking only TLS with the given certificate. */
export function startTlsRedis(files: TlsFiles, password?: string): Promise<Running> {
  return startRedisProcess(
    (port, dir) => [
      ...common(dir),
      '--port', '0',
      '--tls-port', String(port),
      '--tls-cert-file', files.cert,
      '--tls-key-file', files.key,
      '--tls-ca-cert-file', files.ca,
      '--tls-auth-clients', 'no',
      ...(password ? ['--requirepass', password] : []),
    ],
    /Ready to accept connections/,
  );
}

/** A Sentinel monitoring `masterName` at 127.0.0.1:`masterPort` (quorum 1); with `tls`, it speaks and monitors over TLS only. */
export function startSentinel(masterName: string, masterPort: number, masterPassword?: string, tls?: TlsFiles): Promise<Running> {
  return startRedisProcess((port, dir) => {
    const conf = path.join(dir, 'sentinel.conf');
    writeFileSync(
      conf,
      [
        ...(tls
          ? ['port 0', `tls-port ${port}`, `tls-cert-file ${tls.cert}`, `tls-key-file ${tls.key}`, `tls-ca-cert-file ${tls.ca}`, 'tls-auth-clients no', 'tls-replication yes']
          : [`port ${port}`]),
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor ${masterName} 127.0.0.1 ${masterPort} 1`,
        ...(masterPassword ? [`sentinel auth-pass ${masterName} ${masterPassword}`] : []),
        '',
      ].join('\n'),
    );
    return [conf, '--sentinel'];
  }, /\+monitor master/);
}

function openssl(dir: string, args: string[]): void {
  const r = spawnSync(OPENSSL ?? 'openssl', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr}`);
}

/** A CA (key + self-signed certificate) in `dir`. */
export function makeCa(dir: string, name: string): { cert: string; key: string } {
  const key = path.join(dir, `${name}.key`);
  const cert = path.join(dir, `${name}.pem`);
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${name}`]);
  return { cert, key };
}

/** A server certificate signed by `ca`, with subject CN `cn` and the given subjectAltNames (`DNS:x`, `IP:1.2.3.4`). */
export function makeServerCert(dir: string, name: string, ca: { cert: string; key: string }, cn: string, altNames: string[]): TlsFiles {
  const key = path.join(dir, `${name}.key`);
  const csr = path.join(dir, `${name}.csr`);
  const cert = path.join(dir, `${name}.pem`);
  const ext = path.join(dir, `${name}.ext`);
  writeFileSync(ext, `subjectAltName=${altNames.join(',')}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n`);
  openssl(dir, ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${cn}`]);
  openssl(dir, ['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-out', cert, '-days', '2', '-extfile', ext]);
  return { cert, key, ca: ca.cert };
}
