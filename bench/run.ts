/**
 * The benchmarks of pipedrive-extract: CPU per record, memory, use of the rate limit, time to sync a large
 * account. Every figure is a ratio against a baseline measured in the same run.
 *
 *   npm run bench                  # full (about half an hour)
 *   npm run bench -- --quick       # smaller sizes, fewer repetitions (under a minute)
 *   npm run bench -- --only=cpu,memory,rate,large --reps=5 --out=results.md --profile=/tmp/prof
 *   npm run bench -- --only=cpu --sizes=100000 --modes=raw,sdk --reps=9
 *   npm run bench -- --only=rate --rate-runs=sync
 *
 * Every measurement starts the fake Pipedrive (`bench/fake-server.ts`) in a child process and the measured
 * client (`bench/client.ts`) in another, fresh one: the client's CPU time (`process.cpuUsage()`) and peak RSS
 * (`process.resourceUsage().maxRSS`) are its own. See docs/performance.md for the results and how to read them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { streamTable, type StreamName } from '../src/streams/table.js';
import type { DatasetCounts } from '../src/testing/index.js';
import type { ClientInput, ClientMode, ClientResult } from './client.js';
import { runClient, startServer, type FakeServer } from './lib/processes.js';
import {
  formatCount,
  formatMb,
  formatPercent,
  formatRatio,
  interleave,
  markdownTable,
  median,
  minimalRequests,
  perSecond,
  type StreamPaging,
} from './lib/stats.js';

// ---------------------------------------------------------------------------------------------- options

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

const QUICK = flag('quick');
const SECTIONS = new Set((option('only') ?? 'cpu,memory,rate,large').split(','));
const PROFILE_DIR = option('profile');
const OUT = option('out');

/** Sizes, repetitions and accounts of the two variants. */
const PLAN = QUICK
  ? {
      cpuSizes: [20_000, 100_000],
      reps: Number(option('reps') ?? 3),
      memorySizes: [10_000, 20_000, 100_000],
      rateAccount: { deals: 10_000, persons: 5_000, organizations: 2_000, activities: 10_000, leads: 1_000, notes: 2_500, products: 500, files: 500 } as DatasetCounts,
      /** Comparison runs (fixed 2/s, sequential) stop after this long in quick mode; their rate is measured until then. */
      comparisonCapMs: 10_000 as number | undefined,
      largeDeals: 50_000,
      parallelIo: true,
    }
  : {
      cpuSizes: [100_000, 1_000_000],
      reps: Number(option('reps') ?? 5),
      memorySizes: [10_000, 100_000, 1_000_000],
      rateAccount: { deals: 40_000, persons: 20_000, organizations: 8_000, activities: 40_000, leads: 4_000, notes: 10_000, products: 2_000, files: 2_000 } as DatasetCounts,
      comparisonCapMs: undefined as number | undefined,
      largeDeals: 1_000_000,
      parallelIo: false,
    };

/** The limits of sections 3 and 4: Pipedrive's lowest plan (20 requests per 2 s) and 300 ms per page. */
const RATE_LIMIT = { requestsPer2s: 20 };
const LATENCY = { ms: 300 };
const ALLOWED_PER_SECOND = RATE_LIMIT.requestsPer2s / 2;
/** Persons, organizations and activities per deal in the large account. */
const LARGE_RATIOS = { persons: 0.3, organizations: 0.1, activities: 0.5 };

/** The dataset's "today", shared by every process of this run. */
const NOW = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000).toISOString();

const CPU_MODES: ClientMode[] = ['raw', 'sdk', 'sdk-novalidate', 'sdk-named', 'official'];
const MODE_LABEL: Record<ClientMode, string> = {
  raw: 'raw `fetch` + `res.json()` (baseline)',
  sdk: '`pd.deals()`, validation on',
  'sdk-novalidate': "`pd.deals({ validate: false })`",
  'sdk-named': "`pd.deals({ customFields: 'named' })`",
  official: 'official `pipedrive` v33 client, paging by hand',
  sync: '`pd.sync()`',
  sequential: 'sequential page-by-page loop',
};

const log = (line: string) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------- sections

interface CpuRow {
  deals: number;
  mode: ClientMode;
  records: number;
  runs: number;
  cpuUsPerRecord: number;
  ratio: number;
  wallMs: number;
  maxRss: number;
  skipped?: string;
}

interface MemoryRow {
  deals: number;
  sdkRss: number;
  rawRss: number;
  /** RSS of the last quarter of the sweep minus the first quarter (medians), SDK and raw. */
  sdkTrend: number;
  rawTrend: number;
  /** Largest V8 heap (heapTotal) seen while streaming, SDK and raw. */
  sdkHeap: number;
  rawHeap: number;
  records: number;
}

interface RateRow {
  label: string;
  requests: number;
  wallMs: number;
  perSecond: number;
  share: number;
  status429: number;
  waits: number;
  waitMs: number;
  records: number;
  stopped: boolean;
  timeline: number[];
  errors: string[];
}

interface LargeRow {
  deals: number;
  counts: DatasetCounts;
  requests: number;
  minimal: number;
  floorMs: number;
  wallMs: number;
  ratio: number;
  share: number;
  status429: number;
  records: number;
  cpuMs: number;
  maxRss: number;
  errors: string[];
}

const results: { cpu: CpuRow[]; memory: MemoryRow[]; rate: RateRow[]; large: LargeRow[]; runs: Map<string, ClientResult[]> } = {
  cpu: [],
  memory: [],
  rate: [],
  large: [],
  runs: new Map(),
};

async function withServer<T>(config: Parameters<typeof startServer>[0], body: (server: FakeServer) => Promise<T>): Promise<T> {
  const server = await startServer(config);
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}

/** Room for two variants of every page (plain, and with option labels): about 2.3 KB per deal each. */
function memoBytesFor(deals: number): number {
  return Math.max(512 * 1024 ** 2, deals * 5000);
}

function client(input: ClientInput): Promise<ClientResult> {
  // deal sweeps sample memory every 25 ms (some µs each: no visible CPU cost)
  const sampled: ClientInput = input.mode === 'sync' || input.mode === 'sequential' ? input : { sampleEveryMs: 25, ...input };
  return runClient(sampled, PROFILE_DIR ? { profileDir: PROFILE_DIR } : {});
}

/** RSS in the last quarter of a sweep minus RSS in its first quarter (medians of the samples): growth with the stream. */
function rssTrend(result: ClientResult): number {
  const samples = result.samples ?? [];
  const end = samples.at(-1)?.ms ?? 0;
  const quarter = (from: number, to: number) => median(samples.filter((s) => s.ms >= from * end && s.ms <= to * end).map((s) => s.rss));
  return quarter(0.75, 1) - quarter(0, 0.25);
}

/** Section 1 (and the sizes of section 2 it covers): deal sweeps in every mode, interleaved, medians. */
async function cpuSection(sizes: readonly number[], modes: readonly ClientMode[]): Promise<void> {
  for (const deals of sizes) {
    await withServer({ seed: 1, counts: { deals }, now: NOW, memo: true, memoBytes: memoBytesFor(deals) }, async (server) => {
      const base = { url: server.url, apiToken: server.apiToken };
      // Unrecorded sweeps fill the server's memo (plain pages, and pages with option labels for named reads):
      // every recorded run then gets its pages at memory speed. A client that waits for a slow server spends
      // measurably more CPU per record (cold caches after each wait), which would bias whichever run is first.
      log(`cpu: ${formatCount(deals)} deals: filling the server's memo`);
      for (const mode of ['raw', 'sdk-named'] as const) if (modes.includes(mode)) await client({ ...base, mode });
      const runs = new Map<ClientMode, ClientResult[]>(modes.map((m) => [m, []]));
      // a million deals take about 10 to 20 s per run: three repetitions there
      const reps = option('reps') !== undefined || deals < 1_000_000 ? PLAN.reps : Math.min(PLAN.reps, 3);
      for (let rep = 0; rep < reps; rep += 1) {
        for (const mode of interleave(modes, rep)) {
          const result = await client({ ...base, mode });
          runs.get(mode)!.push(result);
          log(`  rep ${rep + 1} ${mode.padEnd(15)} ${(result.cpuUs / Math.max(1, result.records)).toFixed(2)} µs/record, ${(result.wallMs / 1000).toFixed(2)} s, RSS ${formatMb(result.maxRss)}${result.skipped ? ` (skipped: ${result.skipped})` : ''}`);
        }
      }
      const perRecord = (r: ClientResult) => r.cpuUs / r.records;
      const rawMedian = median(runs.get('raw')!.map(perRecord));
      for (const mode of modes) {
        const list = runs.get(mode)!;
        results.runs.set(`cpu:${deals}:${mode}`, list);
        const skipped = list.find((r) => r.skipped)?.skipped;
        const value = median(list.map(perRecord));
        results.cpu.push({
          deals,
          mode,
          records: list[0]?.records ?? 0,
          runs: list.length,
          cpuUsPerRecord: value,
          ratio: value / rawMedian,
          wallMs: median(list.map((r) => r.wallMs)),
          maxRss: median(list.map((r) => r.maxRss)),
          ...(skipped ? { skipped } : {}),
        });
      }
      const counts = new Set(modes.filter((m) => !runs.get(m)![0]?.skipped).map((m) => runs.get(m)![0]!.records));
      if (counts.size > 1) log(`  WARNING: the modes received different record counts: ${[...counts].join(', ')}`);
    });
  }
}

/** Section 2: peak RSS of a fresh process streaming N deals with the SDK (validation on), and with raw fetch. */
async function memorySection(sizes: readonly number[]): Promise<void> {
  for (const deals of sizes) {
    let sdk = results.runs.get(`cpu:${deals}:sdk`);
    let raw = results.runs.get(`cpu:${deals}:raw`);
    if (!sdk || !raw) {
      await withServer({ seed: 1, counts: { deals }, now: NOW, memo: true, memoBytes: memoBytesFor(deals) }, async (server) => {
        const base = { url: server.url, apiToken: server.apiToken };
        await client({ ...base, mode: 'raw' });
        sdk = [];
        raw = [];
        for (let rep = 0; rep < PLAN.reps; rep += 1) {
          for (const mode of interleave(['raw', 'sdk'] as const, rep)) (mode === 'raw' ? raw : sdk)!.push(await client({ ...base, mode }));
        }
      });
    }
    const heap = (r: ClientResult) => Math.max(...(r.samples ?? []).map((s) => s.heapTotal));
    const row: MemoryRow = {
      deals,
      sdkRss: median(sdk!.map((r) => r.maxRss)),
      rawRss: median(raw!.map((r) => r.maxRss)),
      sdkTrend: median(sdk!.map(rssTrend)),
      rawTrend: median(raw!.map(rssTrend)),
      sdkHeap: median(sdk!.map(heap)),
      rawHeap: median(raw!.map(heap)),
      records: sdk![0]!.records,
    };
    log(`memory: ${formatCount(deals)} deals: SDK ${formatMb(row.sdkRss)}, raw ${formatMb(row.rawRss)}`);
    results.memory.push(row);
  }
}

function syncRow(label: string, result: ClientResult): RateRow {
  const ok = Object.entries(result.statuses ?? {}).reduce((sum, [status, n]) => sum + (status === '429' ? 0 : n), 0);
  const perSec = ok / (result.wallMs / 1000);
  return {
    label,
    requests: ok,
    wallMs: result.wallMs,
    perSecond: perSec,
    share: perSec / ALLOWED_PER_SECOND,
    status429: result.statuses?.['429'] ?? 0,
    waits: result.waits?.count ?? 0,
    waitMs: result.waits?.ms ?? 0,
    records: result.records,
    stopped: result.stopped ?? false,
    timeline: perSecond(result.sendTimes ?? [], 0),
    // a run stopped by its time cap ends its streams with the abort reason: not an error
    errors: result.stopped ? [] : (result.ends ?? []).filter((e) => e.error).map((e) => `${label}: ${e.stream}: ${e.error}`),
  };
}

async function limitedRun(counts: DatasetCounts, input: Omit<ClientInput, 'url' | 'apiToken'>): Promise<{ result: ClientResult; server429: number }> {
  return withServer({ seed: 2, counts, now: NOW, rateLimit: RATE_LIMIT, latency: LATENCY }, async (server) => {
    const result = await client({ ...input, url: server.url, apiToken: server.apiToken });
    const stats = await server.stats();
    return { result, server429: stats.byStatus['429'] ?? 0 };
  });
}

/** Section 3: a full sync of a moderate account at 20 requests / 2 s and 300 ms per page, and its comparisons. */
async function rateSection(): Promise<void> {
  const account = PLAN.rateAccount;
  const cap = PLAN.comparisonCapMs;
  const runs: [string, Omit<ClientInput, 'url' | 'apiToken'>][] = [
    ['`pd.sync()`, defaults', { mode: 'sync' }],
    ['`pd.sync({ concurrency: 6 })`', { mode: 'sync', sync: { concurrency: 6 } }],
    ['`pd.sync()`, `rateLimit: { requestsPerSecond: 2 }` (Sling)', { mode: 'sync', rateLimit: { requestsPerSecond: 2 }, ...(cap ? { stopAfterMs: cap } : {}) }],
    ['sequential page-by-page loop over the 18 streams', { mode: 'sequential', ...(cap ? { stopAfterMs: cap } : {}) }],
  ];
  const only = option('rate-runs')?.split(',');
  if (only) runs.splice(0, runs.length, ...runs.filter((_, index) => only.includes(['sync', 'sync6', 'sling', 'sequential'][index]!)));
  log(`rate: moderate account ${JSON.stringify(account)}`);
  const go = async ([label, input]: (typeof runs)[number]) => {
    const { result, server429 } = await limitedRun(account, input);
    const row = syncRow(label, result);
    row.status429 = Math.max(row.status429, server429);
    log(`  ${label}: ${row.requests} requests in ${(row.wallMs / 1000).toFixed(1)} s = ${row.perSecond.toFixed(2)}/s (${formatPercent(row.share)}), 429s ${row.status429}, waits ${row.waits} (${row.waitMs} ms)${row.errors.length ? `, errors ${row.errors.join('; ')}` : ''}`);
    log(`    requests per second: ${row.timeline.slice(0, 60).join(' ')}${row.timeline.length > 60 ? ' ...' : ''}`);
    return row;
  };
  const rows = PLAN.parallelIo ? await Promise.all(runs.map(go)) : await sequentially(runs, go);
  results.rate.push(...rows);
}

async function sequentially<A, B>(items: readonly A[], fn: (item: A) => Promise<B>): Promise<B[]> {
  const out: B[] = [];
  for (const item of items) out.push(await fn(item));
  return out;
}

function pagingOf(name: StreamName): StreamPaging {
  const spec = streamTable[name] as { endpoint: { pagination: string; maxPageSize?: number }; archived?: unknown; deleted?: unknown; incremental?: string };
  const incremental = spec.incremental !== undefined;
  const parts = incremental ? 1 + (spec.archived ? 1 : 0) + (spec.deleted ? (spec.archived ? 2 : 1) : 0) : 1;
  return { pageSize: spec.endpoint.pagination === 'none' ? undefined : spec.endpoint.maxPageSize, parts };
}

/** Section 4: a large account at the same limits; wall time against the physical floor. */
async function largeSection(): Promise<void> {
  const deals = PLAN.largeDeals;
  const counts: DatasetCounts = {
    deals,
    persons: Math.round(deals * LARGE_RATIOS.persons),
    organizations: Math.round(deals * LARGE_RATIOS.organizations),
    activities: Math.round(deals * LARGE_RATIOS.activities),
  };
  log(`large: ${JSON.stringify(counts)}`);
  const { result, server429 } = await limitedRun(counts, { mode: 'sync' });
  const row = syncRow('large', result);
  const paging = Object.fromEntries(Object.keys(streamTable).map((name) => [name, pagingOf(name as StreamName)]));
  const minimal = minimalRequests(result.ends ?? [], paging);
  const floorMs = (minimal / ALLOWED_PER_SECOND) * 1000;
  const large: LargeRow = {
    deals,
    counts,
    requests: row.requests,
    minimal,
    floorMs,
    wallMs: result.wallMs,
    ratio: result.wallMs / floorMs,
    share: row.share,
    status429: Math.max(row.status429, server429),
    records: result.records,
    cpuMs: result.cpuUs / 1000,
    maxRss: result.maxRss,
    errors: row.errors,
  };
  log(`  ${large.requests} requests (minimal ${minimal}) in ${(large.wallMs / 1000).toFixed(1)} s; floor ${(floorMs / 1000).toFixed(1)} s; ${formatRatio(large.ratio)}; 429s ${large.status429}; pacer waits ${row.waits} (${row.waitMs} ms)`);
  log(`  requests per second: ${row.timeline.slice(0, 60).join(' ')}${row.timeline.length > 60 ? ' ...' : ''}`);
  log(`  streams: ${(result.ends ?? []).map((e) => `${e.stream} ${e.records + e.deletes}/${e.requests}`).join(', ')}`);
  results.large.push(large);
  results.rate.push({ ...row, label: `large account (${formatCount(deals)} deals), \`pd.sync()\` defaults` });
}

// ---------------------------------------------------------------------------------------------- report

function report(): string {
  const out: string[] = [];
  const cpuInfo = `${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`;
  out.push(`# pipedrive-extract benchmarks (${QUICK ? 'quick' : 'full'}, ${new Date().toISOString()})`, '', `Machine: ${cpuInfo}.`, '');
  if (QUICK) out.push('Quick mode: smaller sizes, and sections 3 and 4 run at the same time as sections 1 and 2. Use the full run for reference figures.', '');
  const targets: [string, string, boolean | undefined][] = [];

  if (results.cpu.length > 0) {
    out.push('## 1. CPU per record (client process only)', '');
    out.push(
      markdownTable(
        ['deals', 'client', 'CPU µs/record (median)', 'vs raw fetch', 'wall s', 'peak RSS', 'runs'],
        results.cpu.map((r) =>
          r.skipped
            ? [formatCount(r.deals), MODE_LABEL[r.mode], `skipped: ${r.skipped}`, '', '', '', '']
            : [formatCount(r.deals), MODE_LABEL[r.mode], r.cpuUsPerRecord.toFixed(2), formatRatio(r.ratio), (r.wallMs / 1000).toFixed(2), formatMb(r.maxRss), String(r.runs)],
        ),
      ),
      '',
    );
    for (const r of results.cpu) {
      if (r.mode === 'sdk') targets.push([`CPU, validation on, ${formatCount(r.deals)} deals <= 1.5x raw`, formatRatio(r.ratio), r.ratio <= 1.5]);
      if (r.mode === 'sdk-novalidate') targets.push([`CPU, validation off, ${formatCount(r.deals)} deals <= 1.1x raw`, formatRatio(r.ratio), r.ratio <= 1.1]);
    }
  }
  if (results.memory.length > 0) {
    out.push('## 2. Peak RSS while streaming (fresh process each)', '');
    const base = results.memory[0]!;
    const signed = (bytes: number) => (Number.isFinite(bytes) ? `${bytes >= 0 ? '+' : '-'}${formatMb(Math.abs(bytes))}` : 'n/a');
    out.push(
      markdownTable(
        ['deals', 'SDK peak RSS', `growth vs SDK at ${formatCount(base.deals)}`, 'raw fetch peak RSS', `raw growth vs ${formatCount(base.deals)}`, 'SDK / raw', 'RSS last vs first quarter, SDK / raw', 'largest heap, SDK / raw'],
        results.memory.map((r) => [
          formatCount(r.deals),
          formatMb(r.sdkRss),
          signed(r.sdkRss - base.sdkRss),
          formatMb(r.rawRss),
          signed(r.rawRss - base.rawRss),
          formatRatio(r.sdkRss / r.rawRss),
          `${signed(r.sdkTrend)} / ${signed(r.rawTrend)}`,
          `${formatMb(r.sdkHeap)} / ${formatMb(r.rawHeap)}`,
        ]),
      ),
      '',
    );
    const last = results.memory.at(-1)!;
    targets.push([`peak RSS at ${formatCount(last.deals)} <= RSS at ${formatCount(base.deals)} + 30 MB`, `+${formatMb(last.sdkRss - base.sdkRss)}`, last.sdkRss - base.sdkRss <= 30 * 1048576]);
  }
  if (results.rate.length > 0) {
    out.push(`## 3. Use of the rate limit (fake: ${RATE_LIMIT.requestsPer2s} requests / 2 s, ${LATENCY.ms} ms per page; allowed ${ALLOWED_PER_SECOND}/s)`, '');
    out.push(
      markdownTable(
        ['run', 'requests', 'wall s', 'requests/s', 'share of allowed 10/s', '429s', 'pacer waits (total)'],
        results.rate.map((r) => [
          r.label + (r.stopped ? ` (stopped after ${(r.wallMs / 1000).toFixed(0)} s)` : ''),
          String(r.requests),
          (r.wallMs / 1000).toFixed(1),
          r.perSecond.toFixed(2),
          formatPercent(r.share),
          String(r.status429),
          `${r.waits} (${(r.waitMs / 1000).toFixed(1)} s)`,
        ]),
      ),
      '',
    );
    const main = results.rate[0]!;
    targets.push(['>= 90% of the allowed rate, moderate account', formatPercent(main.share), main.share >= 0.9]);
    targets.push(['zero 429s, moderate account', String(main.status429), main.status429 === 0]);
  }
  if (results.large.length > 0) {
    out.push(`## 4. Time to sync a large account (same limits)`, '');
    out.push(
      markdownTable(
        ['account', 'requests', 'minimal requests', 'floor s (minimal / 10 per s)', 'wall s', 'wall / floor', 'share of allowed', '429s', 'client CPU s', 'client peak RSS'],
        results.large.map((r) => [
          Object.entries(r.counts).map(([k, v]) => `${formatCount(v!)} ${k}`).join(', '),
          String(r.requests),
          String(r.minimal),
          (r.floorMs / 1000).toFixed(1),
          (r.wallMs / 1000).toFixed(1),
          formatRatio(r.ratio),
          formatPercent(r.share),
          String(r.status429),
          (r.cpuMs / 1000).toFixed(1),
          formatMb(r.maxRss),
        ]),
      ),
      '',
    );
    for (const r of results.large) {
      targets.push([`large account (${formatCount(r.deals)} deals) within 1.15x of the floor`, formatRatio(r.ratio), r.ratio <= 1.15]);
      targets.push([`zero 429s, large account`, String(r.status429), r.status429 === 0]);
    }
  }
  const errors = [...results.rate, ...results.large].flatMap((r) => r.errors);
  if (errors.length > 0) out.push('Errors:', '', ...errors.map((e) => `- ${e}`), '');
  out.push('## Targets', '', markdownTable(['target', 'measured', 'holds'], targets.map(([t, v, ok]) => [t, v, ok ? 'yes' : 'no'])), '');
  if (results.rate.length > 0) {
    out.push('Requests sent per second (client side), first run of section 3:', '', '`' + results.rate[0]!.timeline.join(' ') + '`', '');
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const started = performance.now();
  const sizes = option('sizes')?.split(',').map(Number);
  const modes = option('modes')?.split(',') as ClientMode[] | undefined;
  const io: (() => Promise<void>)[] = [];
  if (SECTIONS.has('rate')) io.push(rateSection);
  if (SECTIONS.has('large')) io.push(largeSection);
  // Quick mode overlaps the rate-limited sections (mostly waiting) with the CPU section to stay under a
  // minute; the full run keeps every section alone.
  const ioDone = PLAN.parallelIo ? Promise.all(io.map((f) => f())) : undefined;
  if (SECTIONS.has('cpu')) await cpuSection(sizes ?? PLAN.cpuSizes, modes ?? CPU_MODES);
  if (SECTIONS.has('memory')) await memorySection(PLAN.memorySizes);
  if (ioDone) await ioDone;
  else for (const f of io) await f();
  const text = report();
  process.stdout.write(`${text}\n`);
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.cache', 'pipedrive-extract-bench');
  mkdirSync(dir, { recursive: true });
  const { runs: _runs, ...json } = results;
  writeFileSync(join(dir, `latest-${QUICK ? 'quick' : 'full'}.json`), JSON.stringify(json, null, 2));
  if (OUT) writeFileSync(OUT, `${text}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
