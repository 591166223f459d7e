// Several server instances of one built site, each started as `npm start` starts it (the
// arguments are read from package.json), behind a round-robin proxy on loopback: the cluster of
// the cluster test and bench. Each instance has its own port, its own data folder
// (STATE_DB_PATH's folder: whatever an instance keeps on its disk stays its own) and its own tap
// to the Instagram emulator (which records the Graph requests that instance made). Everything an
// instance must share comes from `env`: DATABASE_URL, the S3 bucket, the secrets.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startForwarder, type Forwarder } from './http-forwarder.ts';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy.ts';
import { freePort } from './free-port.ts';

export interface ClusterOptions {
  /** A site copy holding a build (dist/) and the code `npm start` runs. */
  root: string;
  instances: number;
  /** The environment every instance shares (PUBLIC_BASE_URL, PORT, HOST and STATE_DB_PATH are set here). */
  env: Record<string, string>;
  /** The emulator's origin: each instance's INSTAGRAM_GRAPH_BASE is its tap to it (`<tap>/v26.0`). */
  graphOrigin: string;
  /** How long an instance may take to listen (a hang guard). Default 3 minutes. */
  startTimeoutMs?: number;
}

export interface GraphCall {
  method: string;
  /** Path and query as the instance sent them (the token is in the query of some). */
  path: string;
  /** When the tap saw it (ms). */
  at: number;
}

export interface ClusterInstance {
  index: number;
  /** `http://127.0.0.1:<port>`: this instance alone, past the proxy. */
  url: string;
  pid: number | undefined;
  /** This instance's local folder (STATE_DB_PATH's). */
  dataDir: string;
  /** The Graph requests this instance made, oldest first. */
  graphCalls: GraphCall[];
  /** Why the process stopped, if it did. */
  exited(): string | undefined;
  output(): string;
  /** `kill -9` (or another signal); resolves once the process is gone. The proxy skips it from then on. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface Cluster {
  /** The proxy's origin: the cluster as its users see it (PUBLIC_BASE_URL). */
  url: string;
  proxy: RoundRobinProxy;
  instances: ClusterInstance[];
  /** Everything the instances printed, each line prefixed with its index (for failure messages). */
  output(): string;
  /** Stops every instance, tap and the proxy, and removes the data folders; safe to call twice. */
  stop(): Promise<void>;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const args = await startArguments(options.root);
  const proxy = await startRoundRobinProxy();
  const running: RunningInstance[] = [];
  const stop = async () => {
    process.removeListener('exit', killAll);
    await Promise.all(running.map((instance) => instance.stop()));
    await proxy.close();
  };
  const killAll = () => {
    for (const instance of running) instance.child?.kill('SIGKILL');
  };
  // A test runner that dies leaves no server behind.
  process.once('exit', killAll);
  try {
    for (let index = 0; index < options.instances; index++) {
      const instance = new RunningInstance(index, proxy);
      running.push(instance);
      await instance.start(options, args);
    }
    // All at once: they start in parallel, as a deploy starts them.
    await Promise.all(running.map((instance) => instance.listening(options.startTimeoutMs)));
    proxy.setBackends(running.map((instance) => instance.url));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: proxy.url,
    proxy,
    instances: running.map((instance) => instance.view()),
    output: () => running.map((instance) => instance.prefixedOutput()).join(''),
    stop,
  };
}

class RunningInstance {
  readonly index: number;
  readonly #proxy: RoundRobinProxy;
  child: ChildProcess | undefined;
  url = '';
  dataDir = '';
  #tap: Forwarder | undefined;
  readonly graphCalls: GraphCall[] = [];
  #output = '';
  #exit: string | undefined;
  #exited: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(index: number, proxy: RoundRobinProxy) {
    this.index = index;
    this.#proxy = proxy;
  }

  async start(options: ClusterOptions, args: string[]): Promise<void> {
    this.dataDir = await mkdtemp(path.join(os.tmpdir(), `ais-cluster-${this.index}-`));
    this.#tap = await startForwarder({
      pick: () => options.graphOrigin,
      onRequest: (request) =>
        void this.graphCalls.push({
          method: request.method ?? 'GET',
          path: request.url ?? '/',
          at: Date.now(),
        }),
    });
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    const child = spawn(path.join(options.root, 'node_modules/.bin/node'), args, {
      cwd: options.root,
      env: {
        PATH: process.env.PATH ?? '',
        ASTRO_TELEMETRY_DISABLED: '1',
        ...options.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_BASE_URL: this.#proxy.url,
        STATE_DB_PATH: path.join(this.dataDir, 'state.db'),
        INSTAGRAM_GRAPH_BASE: `${this.#tap.url}/v26.0`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk) => (this.#output += chunk));
    child.stderr?.on('data', (chunk) => (this.#output += chunk));
    this.#exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.#exit = `exited with ${signal ?? code}`;
        resolve();
      }),
    );
  }

  async listening(timeoutMs = 180_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!this.#output.includes('listening on')) {
      if (this.#exit !== undefined)
        throw new Error(`instance ${this.index} ${this.#exit}:\n${this.#output}`);
      if (Date.now() > until)
        throw new Error(
          `instance ${this.index} did not listen within ${timeoutMs} ms:\n${this.#output}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    this.#proxy.markDown(this.url);
    if (this.#exit === undefined) this.child?.kill(signal);
    await this.#exited;
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    if (this.child && this.#exit === undefined) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child?.kill('SIGKILL'), 5_000);
      await this.#exited;
      clearTimeout(timer);
    }
    await this.#tap?.close();
    if (this.dataDir) await rm(this.dataDir, { recursive: true, force: true });
  }

  prefixedOutput(): string {
    return this.#output
      .split('\n')
      .filter(Boolean)
      .map((line) => `[${this.index}] ${line}\n`)
      .join('');
  }

  view(): ClusterInstance {
    return {
      index: this.index,
      url: this.url,
      pid: this.child?.pid,
      dataDir: this.dataDir,
      graphCalls: this.graphCalls,
      exited: () => this.#exit,
      output: () => this.#output,
      kill: (signal) => this.kill(signal),
    };
  }
}

/** The arguments `npm start` gives node (a heap limit, then scripts/serve.ts). */
async function startArguments(root: string): Promise<string[]> {
  const { scripts } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  const [command, ...args] = String(scripts.start).split(/\s+/);
  if (command !== 'node') throw new Error(`npm start runs "${scripts.start}", not node`);
  return args;
}

// A port free a moment ago may be taken by the time the server binds it; on loopback with
// ports handed out by the kernel, that is rare enough for a test to report rather than retry.
