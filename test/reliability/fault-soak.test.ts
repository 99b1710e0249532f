import { describe, expect, it } from 'vitest';
import { Pipedrive, type PipedriveEvent, type SyncMessage, type SyncState } from '../../src/index.js';
import { streamNames } from '../../src/streams/table.js';
import { createDataset, createFakePipedrive, FAULT_KINDS, type DatasetCounts, type FakePipedrive, type RequestLogEntry } from '../../src/testing/index.js';
import { EVERYTHING, extraRecords, lostRecords, seeded, servedVersions, spikyFetch, Store, writeSummary } from './support.js';

/**
 * A bounded, seeded soak: full syncs of all 18 streams against the fake Pipedrive on 127.0.0.1 with random
 * 429 bursts, 500/502/503, connections reset mid-body, truncated JSON and latency spikes (some past the
 * client's timeout). Every run must deliver exactly what the fake serves: zero records lost.
 */

const RUNS = 50;
const CHAINS = 3;
const RUNS_PER_CHAIN = 8;
const FAULT_RATE = 0.12;
const SPIKE_RATE = 0.03;
const TIMEOUT_MS = 150;

/** A small account: a few pages per stream at the page sizes used below. */
const SMALL: DatasetCounts = { deals: 60, persons: 40, organizations: 20, activities: 50, leads: 30, notes: 40, products: 15, files: 25, users: 4, filters: 3 };

interface Tally {
  runs: number;
  requests: number;
  faults: Record<string, number>;
  faultsInjected: number;
  latencySpikes: number;
  spikesPastTimeout: number;
  retries: number;
  recordsChecked: number;
  recordsReceived: number;
  deletesChecked: number;
  lost: number;
  extra: number;
  duplicates: number;
  redelivered: number;
  unexplainedRedeliveries: number;
  streamErrors: number;
}

function tally(): Tally {
  return {
    runs: 0,
    requests: 0,
    faults: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])),
    faultsInjected: 0,
    latencySpikes: 0,
    spikesPastTimeout: 0,
    retries: 0,
    recordsChecked: 0,
    recordsReceived: 0,
    deletesChecked: 0,
    lost: 0,
    extra: 0,
    duplicates: 0,
    redelivered: 0,
    unexplainedRedeliveries: 0,
    streamErrors: 0,
  };
}

function countRequests(total: Tally, log: readonly RequestLogEntry[]): void {
  total.requests += log.length;
  for (const entry of log) {
    if (entry.fault === undefined) continue;
    total.faultsInjected += 1;
    total.faults[entry.fault] = (total.faults[entry.fault] ?? 0) + 1;
  }
}

/** A client with fast retries and a short timeout, its fetch adding seeded latency spikes. */
function faultyClient(fake: FakePipedrive, url: string, seed: number, total: Tally) {
  const random = seeded(seed * 7919);
  let pastTimeout = 0;
  const spiky = spikyFetch(SPIKE_RATE, () => {
    const ms = random() < 0.3 ? TIMEOUT_MS + 100 : 20 + Math.floor(random() * 60);
    if (ms > TIMEOUT_MS) pastTimeout += 1;
    return ms;
  }, random);
  const pd = new Pipedrive({
    apiToken: fake.apiToken,
    baseUrl: url,
    rateLimit: { requestsPerSecond: 1000 },
    retry: { limit: 12, baseDelayMs: 1, maxDelayMs: 8 },
    timeout: TIMEOUT_MS,
    fetch: spiky.fetch,
    onEvent: (event: PipedriveEvent) => {
      if (event.type === 'retry') total.retries += 1;
    },
  });
  return {
    pd,
    finish() {
      total.latencySpikes += spiky.spikes();
      total.spikesPastTimeout += pastTimeout;
    },
  };
}

async function drain(messages: AsyncIterable<SyncMessage>, store: Store, total: Tally, onMessage?: (message: SyncMessage, index: number) => void): Promise<SyncState | undefined> {
  let state: SyncState | undefined;
  let index = 0;
  const errors: string[] = [];
  for await (const message of messages) {
    store.apply(message);
    if (message.type === 'checkpoint') state = message.state;
    if (message.type === 'stream_end' && message.error) errors.push(`${message.stream}: ${message.error.message}`);
    onMessage?.(message, index++);
  }
  total.streamErrors += errors.length;
  expect(errors, 'streams that ended with an error').toEqual([]);
  return state;
}

function check(store: Store, fake: FakePipedrive, total: Tally, label: string): void {
  const want = servedVersions(fake.dataset);
  const lost = lostRecords(store.records, want.records);
  const extra = extraRecords(store.records, want.records);
  total.recordsChecked += want.records.size;
  total.lost += lost.length;
  total.extra += extra.length;
  expect(lost, `${label}: records lost`).toEqual([]);
  expect(extra, `${label}: records kept that the API no longer serves`).toEqual([]);
}

describe('fault soak', () => {
  it(`loses no record in ${RUNS} full syncs of all 18 streams under random 429s, 5xx, resets, truncated bodies and latency spikes`, async () => {
    const total = tally();
    for (let run = 1; run <= RUNS; run += 1) {
      const fake = createFakePipedrive({
        dataset: createDataset({ seed: 5000 + run, counts: SMALL }),
        faults: { seed: run, rate: FAULT_RATE, kinds: FAULT_KINDS, burstLength: 1 + (run % 3) },
        latency: { ms: 0, jitterMs: 3, seed: run },
      });
      const server = await fake.listen();
      try {
        const { pd, finish } = faultyClient(fake, server.url, run, total);
        const store = new Store();
        await drain(
          pd.sync({ anchorDate: EVERYTHING, pageSize: 5 + (run % 11), concurrency: 1 + (run % 4), ...(run % 5 === 0 ? { slices: 3 } : {}) }),
          store,
          total,
        );
        finish();
        total.runs += 1;
        total.recordsReceived += store.received;
        total.duplicates += store.duplicates;
        const want = servedVersions(fake.dataset);
        expect([...want.deletes].filter((key) => !store.deleted.has(key)), `run ${run}: deletions not reported`).toEqual([]);
        total.deletesChecked += want.deletes.size;
        check(store, fake, total, `run ${run}`);
        countRequests(total, fake.requests);
      } finally {
        await server.close();
      }
    }
    writeSummary('fullSyncs', { ...total });
    expect(total.runs).toBe(RUNS);
    expect(total.lost).toBe(0);
    expect(total.faultsInjected).toBeGreaterThan(RUNS * 3);
    for (const kind of FAULT_KINDS) expect(total.faults[kind], `fault ${kind} injected`).toBeGreaterThan(0);
    expect(total.spikesPastTimeout).toBeGreaterThan(0);
  }, 120_000);

  it(`loses no record over ${CHAINS} chains of ${RUNS_PER_CHAIN} incremental runs with changes between and during runs, under faults`, async () => {
    const total = tally();
    for (let chain = 1; chain <= CHAINS; chain += 1) {
      const fake = createFakePipedrive({
        dataset: createDataset({ seed: 7000 + chain, counts: SMALL }),
        faults: { seed: 100 + chain, rate: FAULT_RATE, kinds: FAULT_KINDS },
        latency: { ms: 0, jitterMs: 3, seed: chain },
      });
      const server = await fake.listen();
      try {
        const { pd, finish } = faultyClient(fake, server.url, 100 + chain, total);
        const store = new Store();
        const random = seeded(chain * 31);
        let state: SyncState | undefined;
        for (let run = 1; run <= RUNS_PER_CHAIN; run += 1) {
          const change = () => {
            const n = () => 1 + Math.floor(random() * 4);
            fake.mutate({
              create: { deals: n(), persons: n(), organizations: n(), activities: n(), leads: n(), notes: n(), products: n(), files: n() },
              update: { deals: n(), persons: n(), organizations: n(), activities: n(), leads: n(), notes: n(), products: n(), files: n() },
              archive: { deals: 1, leads: 1 },
              delete: { deals: 1 },
            });
          };
          if (run > 1) change();
          // every other run, records also change while the run is paging
          const during = run % 2 === 0 ? 20 + Math.floor(random() * 200) : -1;
          store.nextRun();
          state = await drain(pd.sync({ anchorDate: EVERYTHING, state, pageSize: 5 + (run % 7), concurrency: 1 + (run % 3) }), store, total, (_, index) => {
            if (index === during) change();
          });
          total.runs += 1;
          // changes made during this run may only arrive with the next one: check after a quiet run
          if (during >= 0) {
            store.nextRun();
            state = await drain(pd.sync({ anchorDate: EVERYTHING, state, streams: Object.fromEntries(streamNames.map((n) => [n, {}])) }), store, total);
            total.runs += 1;
          }
          check(store, fake, total, `chain ${chain} run ${run}`);
        }
        finish();
        total.recordsReceived += store.received;
        total.duplicates += store.duplicates;
        total.redelivered += store.redelivered;
        total.unexplainedRedeliveries += store.unexplained.length;
        total.deletesChecked += store.deletes;
        expect(store.unexplained, 'records delivered again although they changed before the earlier run started').toEqual([]);
        countRequests(total, fake.requests);
      } finally {
        await server.close();
      }
    }
    writeSummary('incrementalChains', { chains: CHAINS, ...total });
    expect(total.lost).toBe(0);
    expect(total.faultsInjected).toBeGreaterThan(0);
  }, 120_000);
});
