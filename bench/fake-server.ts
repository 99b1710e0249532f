/**
 * The fake Pipedrive of the benchmarks, alone in its own process so that the client process measures only
 * the client. Started by `bench/lib/processes.ts` with its configuration as JSON in argv[2]; it answers over
 * IPC: `{ type: 'ready', url, apiToken }` once listening, `{ type: 'stats', ... }` when asked.
 *
 * With `memo`, the server keeps every response body it has generated (up to `memoBytes`) and serves it again
 * at memory speed: the CPU benchmark then repeats sweeps over the same pages without waiting for the fake to
 * generate them again. Only used without rate limit and latency, where the fake's answers do not depend on
 * time.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDataset, createFakePipedrive, type DatasetCounts } from '../src/testing/index.js';

/** What the parent asks for. */
export interface FakeServerConfig {
  seed: number;
  counts: DatasetCounts;
  /** The dataset's "today" (ISO). Every process of one benchmark uses the same. */
  now: string;
  rateLimit?: { requestsPer2s: number };
  latency?: { ms: number; jitterMs?: number };
  memo?: boolean;
  /** @default 1.5 GB */
  memoBytes?: number;
}

/** What the server reports about the requests it answered. */
export interface FakeServerStats {
  type: 'stats';
  requests: number;
  byStatus: Record<string, number>;
  /** Server time (ms since epoch) of the first and last request. */
  first: number | undefined;
  last: number | undefined;
  /** Answers served from the memo. */
  memoHits: number;
  /** CPU time of the server process since it started (user + system), in µs. */
  cpuUs: number;
  /** Peak RSS of the server process, in bytes. */
  maxRss: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as FakeServerConfig;
const fake = createFakePipedrive({
  dataset: createDataset({ seed: config.seed, counts: config.counts, now: config.now }),
  ...(config.rateLimit ? { rateLimit: config.rateLimit } : {}),
  ...(config.latency ? { latency: config.latency } : {}),
  logLimit: 1,
});

let requests = 0;
let first: number | undefined;
let last: number | undefined;
const byStatus: Record<string, number> = {};
const memo = new Map<string, { status: number; headers: Record<string, string>; body: Buffer }>();
let memoBytes = 0;
let memoHits = 0;
const memoLimit = config.memoBytes ?? 1.5 * 1024 ** 3;

function count(status: number): void {
  requests += 1;
  const now = Date.now();
  first ??= now;
  last = now;
  byStatus[status] = (byStatus[status] ?? 0) + 1;
}

function answer(req: IncomingMessage): { status: number; headers: Record<string, string>; body: Buffer; delayMs: number; release?: () => void } {
  const url = req.url ?? '/';
  const key = config.memo ? `${req.headers['x-api-token'] ?? ''} ${url.split('?')[0]}?${new URLSearchParams(url.split('?')[1] ?? '').toString().split('&').sort().join('&')}` : '';
  const cached = config.memo ? memo.get(key) : undefined;
  if (cached) {
    memoHits += 1;
    return { ...cached, delayMs: 0 };
  }
  const response = fake.handle({
    method: req.method ?? 'GET',
    url,
    header: (name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    },
  });
  if (config.memo && response.status === 200 && memoBytes + response.bytes.length <= memoLimit) {
    // The memo keeps its own copy: the fake reuses the memory of a released page.
    const body = Buffer.from(response.bytes);
    response.release?.();
    memo.set(key, { status: response.status, headers: response.headers, body });
    memoBytes += body.length;
    return { status: response.status, headers: response.headers, body, delayMs: response.delayMs };
  }
  const body = Buffer.from(response.bytes.buffer, response.bytes.byteOffset, response.bytes.length);
  return { status: response.status, headers: response.headers, body, delayMs: response.delayMs, ...(response.release ? { release: response.release } : {}) };
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer, release?: () => void): void {
  res.writeHead(status, { ...headers, 'content-length': String(body.length) });
  res.end(body, () => release?.());
}

/**
 * A node:http server over `fake.handle()` (the fake's core, the same one its own `listen()` face uses), so
 * that the statuses and times of every request can be counted here, and bodies memoised.
 */
async function main(): Promise<void> {
  const server = createServer((req, res) => {
    req.resume();
    const { status, headers, body, delayMs, release } = answer(req);
    count(status);
    if (delayMs > 0) setTimeout(() => send(res, status, headers, body, release), delayMs);
    else send(res, status, headers, body, release);
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.on('message', (message: { type: string }) => {
    if (message.type === 'stats') {
      const cpu = process.cpuUsage();
      const maxRss = process.resourceUsage().maxRSS * 1024;
      const stats: FakeServerStats = { type: 'stats', requests, byStatus: { ...byStatus }, first, last, memoHits, cpuUs: cpu.user + cpu.system, maxRss };
      process.send?.(stats);
    } else if (message.type === 'reset') {
      requests = 0;
      first = undefined;
      last = undefined;
      memoHits = 0;
      for (const key of Object.keys(byStatus)) delete byStatus[key];
      process.send?.({ type: 'reset' });
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ type: 'ready', url, apiToken: fake.apiToken });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
