/** Starting the two processes of a measurement: the fake Pipedrive (server) and the measured client. */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClientInput, ClientResult } from '../client.js';
import type { FakeServerConfig, FakeServerStats } from '../fake-server.js';

const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = resolve(BENCH_DIR, '..');

/** A running fake Pipedrive in its own process. */
export interface FakeServer {
  url: string;
  apiToken: string;
  /** What the server answered since it started (or since `reset`). */
  stats(): Promise<FakeServerStats>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

function reply<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      cleanup();
      resolvePromise(message as T);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`process ${child.pid} exited (code ${code}) before answering ${type}`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/**
 * Starts `bench/fake-server.ts` (through tsx) with `config` and waits until it listens.
 *
 * @example
 * const server = await startServer({ seed: 1, counts: { deals: 20_000 }, now, memo: true });
 */
export async function startServer(config: FakeServerConfig): Promise<FakeServer> {
  const child = fork(join(BENCH_DIR, 'fake-server.ts'), [JSON.stringify(config)], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await reply<{ url: string; apiToken: string }>(child, 'ready');
  return {
    url: ready.url,
    apiToken: ready.apiToken,
    stats() {
      const answer = reply<FakeServerStats>(child, 'stats');
      child.send({ type: 'stats' });
      return answer;
    },
    async reset() {
      const answer = reply<unknown>(child, 'reset');
      child.send({ type: 'reset' });
      await answer;
    },
    close() {
      if (child.exitCode !== null) return Promise.resolve();
      return new Promise((done) => {
        child.once('exit', () => done());
        child.kill();
      });
    },
  };
}

let bundled: Promise<{ script: string; execArgv: string[] }> | undefined;

/**
 * Bundles `bench/client.ts` with the SDK sources into plain JavaScript (dependencies stay external and load
 * from node_modules, as in an application), so the measured process runs without any loader hook. esbuild
 * comes with tsx; without it the client runs through tsx's loader instead (and says so).
 */
export function clientScript(): Promise<{ script: string; execArgv: string[] }> {
  bundled ??= (async () => {
    let build: typeof import('esbuild').build;
    try {
      ({ build } = await import('esbuild'));
    } catch {
      process.stderr.write('esbuild not found: the measured client runs through the tsx loader\n');
      return { script: join(BENCH_DIR, 'client.ts'), execArgv: ['--import', 'tsx'] };
    }
    // One bundle per checkout, so that two working trees sharing node_modules do not overwrite each other's.
    const tree = createHash('sha1').update(ROOT).digest('hex').slice(0, 8);
    const outfile = join(ROOT, 'node_modules', '.cache', 'pipedrive-extract-bench', `client-${tree}.mjs`);
    mkdirSync(dirname(outfile), { recursive: true });
    await build({
      entryPoints: [join(BENCH_DIR, 'client.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      logLevel: 'warning',
    });
    return { script: outfile, execArgv: [] };
  })();
  return bundled;
}

/** Options of {@link runClient}. */
export interface RunClientOptions {
  /** Write a V8 CPU profile of the client into this directory (`node --cpu-prof`). */
  profileDir?: string;
}

/**
 * Runs one measurement in a fresh client process and returns what it reported.
 *
 * @example
 * const result = await runClient({ mode: 'raw', url: server.url, apiToken: server.apiToken });
 */
export async function runClient(input: ClientInput, options: RunClientOptions = {}): Promise<ClientResult> {
  const { script, execArgv: loader } = await clientScript();
  const profile = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`, `--cpu-prof-name=${input.mode}-${Date.now()}.cpuprofile`] : [];
  const child = fork(script, [JSON.stringify(input)], { cwd: ROOT, execArgv: [...loader, ...profile], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolvePromise, reject) => {
    let result: ClientResult | undefined;
    child.on('message', (message: ClientResult) => (result = message));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (result) resolvePromise(result);
      else reject(new Error(`client ${input.mode} exited with code ${code} without a result`));
    });
  });
}
