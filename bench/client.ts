/**
 * One measurement in a fresh process: the client side of a benchmark. The parent (`bench/run.ts`) bundles
 * this file (no loader hooks at run time), starts it with a {@link ClientInput} as JSON in argv[2], and
 * receives one {@link ClientResult} over IPC. The fake Pipedrive runs in another process, so the CPU time
 * and memory reported here are the client's alone.
 */
import { Pipedrive, type PipedriveEvent, type SyncOptions } from '../src/index.js';
import { streamNames } from '../src/streams/table.js';

/** What to measure. */
export type ClientMode =
  /** `fetch` + `res.json()` over the pages of `/deals` and `/deals/archived`: the baseline. */
  | 'raw'
  /** `pd.deals()` with validation (the default). */
  | 'sdk'
  /** `pd.deals({ validate: false })`. */
  | 'sdk-novalidate'
  /** `pd.deals({ customFields: 'named' })`. */
  | 'sdk-named'
  /** The official `pipedrive` client (v2 `DealsApi.getDeals` / `getArchivedDeals`), paging by cursor by hand. */
  | 'official'
  /** `pd.sync()` of every stream. */
  | 'sync'
  /** Every stream read one after another, page by page: `for (name of streams) for await (page of pd.stream(name).pages())`. */
  | 'sequential';

/** The parent's instructions. */
export interface ClientInput {
  mode: ClientMode;
  url: string;
  apiToken: string;
  /** Options of `pd.sync()` (mode `sync`). */
  sync?: Pick<SyncOptions, 'concurrency' | 'slices' | 'anchorDate'>;
  /** `rateLimit` of the client (sdk and sync modes). */
  rateLimit?: { requestsPerSecond?: number; headroom?: number };
  /** Stop after this many ms (sync and sequential modes), and report what was done until then. */
  stopAfterMs?: number;
  /** Sample memory this often during the measured loop (deal sweeps). */
  sampleEveryMs?: number;
}

/** What one measurement found. */
export interface ClientResult {
  mode: ClientMode;
  /** Records (and deletes) received. */
  records: number;
  /** Pages (deal sweeps) or requests sent (sync modes). */
  pages: number;
  /** CPU time of this process during the measured loop, in µs. */
  cpuUs: number;
  wallMs: number;
  /** Peak RSS of this process over its whole life, in bytes. */
  maxRss: number;
  /** RSS after the loop, in bytes. */
  rssEnd: number;
  /** Set when the mode could not run (e.g. an option the SDK does not have). */
  skipped?: string;
  /** Sync modes: requests by status, 429s included. */
  statuses?: Record<string, number>;
  /** Sync modes: pacer waits after `x-ratelimit-remaining: 0` or 429 (count and total ms). */
  waits?: { count: number; ms: number };
  /** Sync modes: the send time of every request, ms since the start of the loop. */
  sendTimes?: number[];
  /** Sync modes: `stream_end` counts. */
  ends?: { stream: string; records: number; deletes: number; pages: number; requests: number; error?: string }[];
  /** Sync modes: true when stopped by `stopAfterMs`. */
  stopped?: boolean;
  /** With `sampleEveryMs`: memory over the loop (ms since its start; bytes). */
  samples?: { ms: number; rss: number; heapUsed: number; heapTotal: number; external: number }[];
}

const input = JSON.parse(process.argv[2] ?? '{}') as ClientInput;
const headers = { 'x-api-token': input.apiToken };

interface Loop {
  warmUp(): Promise<void>;
  run(): Promise<{ records: number; pages: number }>;
}

function rawLoop(): Loop {
  const sweep = async (path: string, limit: number, once: boolean) => {
    let records = 0;
    let pages = 0;
    let cursor: string | null = null;
    do {
      const url = `${input.url}${path}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await fetch(url, { headers });
      if (!res.ok) throw new Error(`HTTP ${res.status} for ${path}`);
      const body = (await res.json()) as { data: unknown[] | null; additional_data?: { next_cursor?: string | null } };
      records += body.data?.length ?? 0;
      pages += 1;
      cursor = body.additional_data?.next_cursor ?? null;
    } while (cursor && !once);
    return { records, pages };
  };
  return {
    warmUp: async () => void (await sweep('/api/v2/deals', 1, true)),
    async run() {
      const main = await sweep('/api/v2/deals', 500, false);
      const archived = await sweep('/api/v2/deals/archived', 500, false);
      return { records: main.records + archived.records, pages: main.pages + archived.pages };
    },
  };
}

function sdkLoop(options: Record<string, unknown>): Loop {
  const pd = new Pipedrive({ apiToken: input.apiToken, baseUrl: input.url, rateLimit: { requestsPerSecond: 10_000 } });
  const deals = pd.deals as unknown as (options: Record<string, unknown>) => AsyncIterable<unknown> & { pages(): AsyncIterable<{ items: unknown[] }> };
  return {
    async warmUp() {
      for await (const page of deals.call(pd, { ...options, pageSize: 1, archived: 'exclude' }).pages()) if (page) break;
    },
    async run() {
      // Record by record, as applications read it.
      let records = 0;
      for await (const deal of deals.call(pd, options)) if (deal) records += 1;
      return { records, pages: Math.ceil(records / 500) };
    },
  };
}

async function officialLoop(): Promise<Loop> {
  const v2 = (await import('pipedrive/v2')) as unknown as Record<string, unknown> & { default?: Record<string, unknown> };
  const lib = (v2['DealsApi'] ? v2 : v2.default) as typeof import('pipedrive/v2');
  const api = new lib.DealsApi(new lib.Configuration({ apiKey: input.apiToken, basePath: `${input.url}/api/v2` }));
  type Page = { data?: unknown[] | null; additional_data?: { next_cursor?: string | null } | null };
  const sweep = async (list: (params: { limit: number; cursor?: string }) => Promise<Page>, limit: number, once: boolean) => {
    let records = 0;
    let pages = 0;
    let cursor: string | undefined;
    do {
      const page = await list(cursor ? { limit, cursor } : { limit });
      records += page.data?.length ?? 0;
      pages += 1;
      cursor = page.additional_data?.next_cursor ?? undefined;
    } while (cursor && !once);
    return { records, pages };
  };
  const main = (params: { limit: number; cursor?: string }) => api.getDeals(params) as Promise<Page>;
  const archived = (params: { limit: number; cursor?: string }) => api.getArchivedDeals(params) as Promise<Page>;
  return {
    warmUp: async () => void (await sweep(main, 1, true)),
    async run() {
      const a = await sweep(main, 500, false);
      const b = await sweep(archived, 500, false);
      return { records: a.records + b.records, pages: a.pages + b.pages };
    },
  };
}

async function measureDeals(loop: Loop): Promise<ClientResult> {
  await loop.warmUp();
  const samples: NonNullable<ClientResult['samples']> = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  const sampler =
    input.sampleEveryMs !== undefined
      ? setInterval(() => {
          const memory = process.memoryUsage();
          samples.push({ ms: Math.round(performance.now() - started), rss: memory.rss, heapUsed: memory.heapUsed, heapTotal: memory.heapTotal, external: memory.external });
        }, input.sampleEveryMs)
      : undefined;
  const { records, pages } = await loop.run();
  clearInterval(sampler);
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    ...(sampler ? { samples } : {}),
    mode: input.mode,
    records,
    pages,
    cpuUs: used.user + used.system,
    wallMs,
    maxRss: process.resourceUsage().maxRSS * 1024,
    rssEnd: process.memoryUsage.rss(),
  };
}

async function measureSync(): Promise<ClientResult> {
  const statuses: Record<string, number> = {};
  const waits = { count: 0, ms: 0 };
  const sendTimes: number[] = [];
  let origin = Date.now();
  const onEvent = (event: PipedriveEvent) => {
    if (event.type === 'request') {
      statuses[event.status] = (statuses[event.status] ?? 0) + 1;
      sendTimes.push(Date.now() - event.durationMs - origin);
    } else if (event.type === 'rate_limit_wait') {
      waits.count += 1;
      waits.ms += event.waitMs;
    }
  };
  const pd = new Pipedrive({
    apiToken: input.apiToken,
    baseUrl: input.url,
    onEvent,
    ...(input.rateLimit ? { rateLimit: input.rateLimit } : {}),
  });
  const stop = new AbortController();
  const timer = input.stopAfterMs !== undefined ? setTimeout(() => stop.abort(new Error('benchmark time is up')), input.stopAfterMs) : undefined;
  const ends: NonNullable<ClientResult['ends']> = [];
  let records = 0;
  const cpu = process.cpuUsage();
  origin = Date.now();
  const started = performance.now();
  if (input.mode === 'sync') {
    for await (const message of pd.sync({ anchorDate: '2000-01-01', ...input.sync, signal: stop.signal })) {
      if (message.type === 'record' || message.type === 'delete') records += 1;
      else if (message.type === 'stream_end') {
        ends.push({
          stream: message.stream,
          records: message.records,
          deletes: message.deletes,
          pages: message.pages,
          requests: message.requests,
          ...(message.error ? { error: message.error.message } : {}),
        });
      }
    }
  } else {
    try {
      for (const name of streamNames) {
        for await (const page of pd.stream(name, { signal: stop.signal }).pages()) records += page.items.length;
      }
    } catch (error) {
      if (!stop.signal.aborted) throw error;
    }
  }
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  clearTimeout(timer);
  return {
    mode: input.mode,
    records,
    pages: sendTimes.length,
    cpuUs: used.user + used.system,
    wallMs,
    maxRss: process.resourceUsage().maxRSS * 1024,
    rssEnd: process.memoryUsage.rss(),
    statuses,
    waits,
    sendTimes,
    ends,
    stopped: stop.signal.aborted,
  };
}

async function main(): Promise<ClientResult> {
  try {
    switch (input.mode) {
      case 'raw':
        return await measureDeals(rawLoop());
      case 'sdk':
        return await measureDeals(sdkLoop({}));
      case 'sdk-novalidate':
        return await measureDeals(sdkLoop({ validate: false }));
      case 'sdk-named':
        return await measureDeals(sdkLoop({ customFields: 'named' }));
      case 'official':
        return await measureDeals(await officialLoop());
      case 'sync':
      case 'sequential':
        return await measureSync();
    }
  } catch (error) {
    if (input.mode === 'sdk-named' && error instanceof Error && /customFields/.test(error.message)) {
      return { mode: input.mode, records: 0, pages: 0, cpuUs: Number.NaN, wallMs: Number.NaN, maxRss: Number.NaN, rssEnd: Number.NaN, skipped: error.message };
    }
    throw error;
  }
}

main().then(
  (result) => {
    process.send?.(result, () => process.exit(0));
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
