// A throwaway PostgreSQL cluster for tests and benches: Debian's binaries, `initdb` in a temp
// folder, `pg_ctl` on a free loopback port with trust auth, no system service. Stopped, and its
// folder removed, by `stop()`, at process exit, or by the next start after a run that died.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { chown, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.ts';

/** Debian's postgresql 15; `POSTGRES_BIN_DIR` points elsewhere. */
export const DEFAULT_BIN_DIR = '/usr/lib/postgresql/15/bin';
const DIR_PREFIX = 'astro-ig-postgres-';
const SUPERUSER = 'postgres';
// PostgreSQL refuses to run as root: as root (CI), the cluster belongs to this system user.
const SYSTEM_USER = 'postgres';

export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`: the superuser on the default database. */
  url: string;
  port: number;
  /** The cluster's folder: data/, the server log and its unix socket. */
  dir: string;
  /** A URL for another database of the cluster (create it first). */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export interface PostgresClusterOptions {
  binDir?: string;
}

/** Starts a new, empty cluster and resolves once it accepts connections. */
export async function startPostgresCluster(
  options: PostgresClusterOptions = {},
): Promise<PostgresCluster> {
  const binDir = options.binDir ?? process.env.POSTGRES_BIN_DIR ?? DEFAULT_BIN_DIR;
  assertInstalled(binDir);
  removeAbandonedClusters(binDir);
  const dir = await mkdtemp(path.join(tmpdir(), DIR_PREFIX));
  await writeFile(path.join(dir, 'owner.pid'), String(process.pid));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await chown(dir, ...systemUserIds());
  const run = (tool: string, args: string[]) => runTool(binDir, tool, args, asRoot);
  const stopNow = () => stopCluster(binDir, dir, asRoot);
  process.once('exit', stopNow);
  try {
    await run('initdb', [
      '--pgdata',
      path.join(dir, 'data'),
      '--username',
      SUPERUSER,
      '--auth',
      'trust',
      '--encoding',
      'UTF8',
      '--locale',
      'C',
      '--no-sync',
    ]);
    const port = await startOnFreePort(run, dir);
    await waitUntilReady(binDir, port);
    const urlFor = (database: string) =>
      `postgres://${SUPERUSER}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
    return {
      url: urlFor('postgres'),
      port,
      dir,
      urlFor,
      async stop() {
        process.removeListener('exit', stopNow);
        stopNow();
      },
    };
  } catch (error) {
    process.removeListener('exit', stopNow);
    stopNow();
    throw error;
  }
}

function assertInstalled(binDir: string): void {
  const missing = ['initdb', 'pg_ctl', 'pg_isready', 'postgres'].filter(
    (tool) => !existsSync(path.join(binDir, tool)),
  );
  if (missing.length > 0) {
    throw new Error(
      `PostgreSQL is not installed: ${missing.join(', ')} missing from ${binDir}. The store's tests run against a real PostgreSQL: install Debian's (apt-get update && apt-get install -y postgresql), or set POSTGRES_BIN_DIR to the folder holding initdb and pg_ctl.`,
    );
  }
}

// A port that was free a moment ago may be taken by the time the server binds it: try another.
async function startOnFreePort(run: RunTool, dir: string): Promise<number> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const settings = [
      `-p ${port}`,
      "-c listen_addresses='127.0.0.1'",
      `-c unix_socket_directories='${dir}'`,
      // A throwaway cluster: durability buys nothing and costs seconds.
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=300',
      '-c shared_buffers=32MB',
    ];
    try {
      await run('pg_ctl', [
        'start',
        '--pgdata',
        path.join(dir, 'data'),
        '--log',
        path.join(dir, 'server.log'),
        '--options',
        settings.join(' '),
        '--wait',
        '--timeout',
        '60',
      ]);
      return port;
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`PostgreSQL did not start: ${serverLog(dir)}`, { cause: lastError });
}

// pg_ctl --wait already waits for the postmaster; pg_isready confirms it takes connections on TCP.
async function waitUntilReady(binDir: string, port: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = spawnSync(path.join(binDir, 'pg_isready'), [
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--username',
      SUPERUSER,
      '--timeout',
      '2',
    ]);
    if (ready.status === 0) return;
    if (Date.now() > deadline)
      throw new Error(`PostgreSQL on port ${port} is not ready after 30 s.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type RunTool = (tool: string, args: string[]) => Promise<void>;

function runTool(binDir: string, tool: string, args: string[], asRoot: boolean): Promise<void> {
  const [command, ...rest] = commandFor(binDir, tool, args, asRoot);
  return new Promise((resolve, reject) => {
    // pg_ctl's server inherits stdout and stderr: pipes would keep the caller waiting for it.
    const child = spawn(command as string, rest, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${tool} exited with ${code}: ${stderr.trim() || '(no output)'}`)),
    );
  });
}

function commandFor(binDir: string, tool: string, args: string[], asRoot: boolean): string[] {
  const binary = path.join(binDir, tool);
  return asRoot ? ['runuser', '-u', SYSTEM_USER, '--', binary, ...args] : [binary, ...args];
}

function stopCluster(binDir: string, dir: string, asRoot: boolean): void {
  if (existsSync(path.join(dir, 'data', 'postmaster.pid'))) {
    const [command, ...args] = commandFor(
      binDir,
      'pg_ctl',
      ['stop', '--pgdata', path.join(dir, 'data'), '--mode', 'immediate', '--wait'],
      asRoot,
    );
    spawnSync(command as string, args, { stdio: 'ignore' });
  }
  rmSync(dir, { recursive: true, force: true });
}

// A test run killed before its teardown leaves its cluster running: stop those whose owner is gone.
function removeAbandonedClusters(binDir: string): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(DIR_PREFIX)) continue;
    const dir = path.join(tmpdir(), name);
    const owner = Number(readIfExists(path.join(dir, 'owner.pid')));
    if (!Number.isInteger(owner) || owner <= 0 || isAlive(owner)) continue;
    stopCluster(binDir, dir, process.getuid?.() === 0);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readIfExists(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

function systemUserIds(): [number, number] {
  const id = (flag: string) => spawnSync('id', [flag, SYSTEM_USER], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error(
      `PostgreSQL refuses to run as root, and there is no "${SYSTEM_USER}" user to run it as: install Debian's postgresql (apt-get install -y postgresql), which creates it.`,
    );
  }
  return [Number(uid.stdout), Number(gid.stdout)];
}

function serverLog(dir: string): string {
  const log = readIfExists(path.join(dir, 'server.log'));
  return log === '' ? '(no server log)' : log.split('\n').slice(-10).join('\n');
}
