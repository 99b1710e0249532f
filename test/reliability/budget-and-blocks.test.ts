import { afterEach, describe, expect, it } from 'vitest';
import { DailyBudgetExceededError, ForbiddenError, type SyncMessage, type SyncOptions, type SyncState } from '../../src/index.js';
import { createDataset, createFakePipedrive, type DatasetCounts, type FakePipedriveOptions } from '../../src/testing/index.js';
import type { FakeSetup } from '../support/fake.js';
import { startFake } from '../support/fake.js';
import { EVERYTHING, idKey, lostRecords, servedVersions, versionOf, writeSummary } from './support.js';

/**
 * A spent daily budget ends the sync with DailyBudgetExceededError after a checkpoint that resuming
 * completes from; a Cloudflare block stops everything at once with ForbiddenError `blocked`.
 */

let setup: FakeSetup | undefined;
afterEach(async () => {
  await setup?.close();
  setup = undefined;
});

const COUNTS: DatasetCounts = { deals: 120, persons: 80, organizations: 40, activities: 100, leads: 50, notes: 80, products: 20, files: 40 };
const DAY_MS = 86_400_000;
const figures: Record<string, unknown> = {};

/** What a caller that crashed right after the last checkpoint has stored: the records before it, and that state. */
async function runUntilStopped(messages: AsyncIterable<SyncMessage>) {
  const all: SyncMessage[] = [];
  let error: unknown;
  try {
    for await (const message of messages) all.push(message);
  } catch (caught) {
    error = caught;
  }
  const last = all.findLastIndex((m) => m.type === 'checkpoint');
  const stored = new Map<string, string>();
  for (const message of all.slice(0, last + 1)) {
    if (message.type === 'record') stored.set(idKey(message.stream, message.record), versionOf(message.stream, message.record));
    if (message.type === 'delete') stored.delete(`${message.stream}:${String(message.id)}`);
  }
  const state = last >= 0 ? (all[last] as Extract<SyncMessage, { type: 'checkpoint' }>).state : undefined;
  return { all, error, stored, state, records: all.filter((m) => m.type === 'record').length };
}

/** Tokens a full sync of a fresh copy of the dataset costs on the fake. */
async function fullSyncCost(options: SyncOptions): Promise<number> {
  const probe = await startFake({ seed: 41, counts: COUNTS });
  try {
    for await (const _ of probe.client().sync(options));
    return probe.fake.tokensSpent();
  } finally {
    await probe.close();
  }
}

/**
 * Resumes day after day from the last checkpoint (`nextDay` moves the clock or hands out a fresh budget)
 * until a run completes; merges what each run stored before its last checkpoint.
 */
async function resumeDaily(state: SyncState | undefined, stored: Map<string, string>, options: SyncOptions, nextDay: () => { sync(o: SyncOptions): AsyncIterable<SyncMessage> }) {
  let runs = 0;
  let records = 0;
  for (let day = 1; day <= 6; day += 1) {
    const next = await runUntilStopped(nextDay().sync({ ...options, ...(state ? { state } : {}) }));
    runs += 1;
    records += next.records;
    for (const message of next.error === undefined ? next.all : next.all.slice(0, next.all.findLastIndex((m) => m.type === 'checkpoint') + 1)) {
      if (message.type === 'record') stored.set(idKey(message.stream, message.record), versionOf(message.stream, message.record));
      if (message.type === 'delete') stored.delete(`${message.stream}:${String(message.id)}`);
    }
    state = next.state ?? state;
    if (next.error === undefined) return { runs, records };
    expect(next.error).toBeInstanceOf(DailyBudgetExceededError);
  }
  throw new Error('the data did not complete within six days');
}

describe('daily budget exhaustion', () => {
  const options: SyncOptions = { anchorDate: EVERYTHING, pageSize: 10 };

  it("stops with DailyBudgetExceededError when Pipedrive's daily budget is spent, after a checkpoint; resuming after midnight completes the data", async () => {
    const cost = await fullSyncCost(options);
    const fakeOptions: Partial<FakePipedriveOptions> = { dailyTokenBudget: Math.floor(cost / 2), rateLimit: { requestsPer2s: 10_000 }, cloudflareBlockAfter: 10 };
    setup = await startFake({ seed: 41, counts: COUNTS }, fakeOptions);
    const { fake } = setup;
    const first = await runUntilStopped(setup.client().sync(options));
    expect(first.error).toBeInstanceOf(DailyBudgetExceededError);
    expect((first.error as Error).message).toMatch(/daily token budget is spent.*resume from the last checkpoint/s);
    expect(first.state).toBeDefined();
    expect(first.all.at(-1)?.type === 'stream_end' || first.all.at(-1)?.type === 'checkpoint').toBe(true);
    // it stopped instead of hammering: a few 429s (one per stream in flight), no Cloudflare block
    const answered429 = fake.requests.filter((r) => r.status === 429).length;
    expect(answered429).toBeGreaterThan(0);
    expect(answered429).toBeLessThanOrEqual(6);
    expect(fake.requests.filter((r) => r.status === 403)).toEqual([]);
    const want = servedVersions(fake.dataset);
    expect(lostRecords(first.stored, want.records).length).toBeGreaterThan(0); // the budget really cut the run short

    // the same day: still spent; the next attempt stops the same way and loses nothing
    const again = await runUntilStopped(setup.client().sync({ ...options, state: first.state! }));
    expect(again.error).toBeInstanceOf(DailyBudgetExceededError);
    expect(again.records).toBe(0);
    // once the budget is known to be spent the client sends nothing more: a couple of 429s, never a block
    const again429 = fake.requests.filter((r) => r.status === 429).length - answered429;
    expect(again429).toBeGreaterThan(0);
    expect(again429).toBeLessThanOrEqual(4);
    expect(fake.requests.filter((r) => r.status === 403)).toEqual([]);

    const storedAtLastCheckpoint = first.stored.size;
    // past midnight on the fake's clock: a new daily budget, as many days as the rest needs
    const rest = await resumeDaily(first.state, first.stored, options, () => {
      fake.clock.advance(DAY_MS);
      return setup!.client();
    });
    expect(lostRecords(first.stored, servedVersions(fake.dataset).records)).toEqual([]);
    figures['fakeBudget'] = { budget: fakeOptions.dailyTokenBudget, fullSyncCost: cost, firstRunRecords: first.records, storedAtLastCheckpoint, resumedRuns: rest.runs, resumedRecords: rest.records, answered429, checked: want.records.size, lost: 0 };
  });

  it('stops with DailyBudgetExceededError before overspending dailyTokenBudget; a client with a fresh budget completes from the checkpoint', async () => {
    const cost = await fullSyncCost(options);
    setup = await startFake({ seed: 41, counts: COUNTS });
    const { fake } = setup;
    const budget = Math.floor(cost / 2);
    const pd = setup.client({ dailyTokenBudget: budget });
    const first = await runUntilStopped(pd.sync(options));
    expect(first.error).toBeInstanceOf(DailyBudgetExceededError);
    expect((first.error as Error).message).toMatch(/dailyTokenBudget of \d+ tokens reached.*resume tomorrow from the last checkpoint/s);
    expect(pd.tokensSpent).toBeLessThanOrEqual(budget);
    expect(fake.tokensSpent()).toBeLessThanOrEqual(budget);
    expect(fake.requests.filter((r) => r.status === 429)).toEqual([]);
    expect(first.state).toBeDefined();

    // a fresh budget a day: as many runs as the data needs
    const rest = await resumeDaily(first.state, first.stored, options, () => setup!.client({ dailyTokenBudget: budget }));
    expect(lostRecords(first.stored, servedVersions(fake.dataset).records)).toEqual([]);
    figures['clientBudget'] = { budget, fullSyncCost: cost, firstRunRecords: first.records, resumedRuns: rest.runs, resumedRecords: rest.records, checked: servedVersions(fake.dataset).records.size, lost: 0 };
  });
});

describe('Cloudflare block', () => {
  it('stops at once with ForbiddenError code blocked, and sends nothing more', async () => {
    const fake = createFakePipedrive({
      dataset: createDataset({ seed: 42, counts: COUNTS }),
      cloudflareBlockAfter: 3,
      // after 40 requests everything gets 429 (a burst, no rate-limit headers): the third in a row blocks the token
      faults: { seed: 1, rate: 1, kinds: ['429'], skipFirst: 40, burstLength: 1 },
    });
    const server = await fake.listen();
    setup = { fake, url: server.url, client: () => undefined as never, close: () => server.close() };
    const { Pipedrive } = await import('../../src/index.js');
    const pd = new Pipedrive({ apiToken: fake.apiToken, baseUrl: server.url, rateLimit: { requestsPerSecond: 500 }, retry: { limit: 8, baseDelayMs: 1, maxDelayMs: 5 } });
    const run = await runUntilStopped(pd.sync({ anchorDate: EVERYTHING, pageSize: 10, concurrency: 3 }));
    expect(run.error).toBeInstanceOf(ForbiddenError);
    expect((run.error as ForbiddenError).code).toBe('blocked');
    expect((run.error as Error).message).toMatch(/Stop every job that uses this token and wait/);
    const log = fake.requests;
    const firstBlock = log.findIndex((r) => r.status === 403);
    expect(firstBlock).toBeGreaterThan(0);
    // only requests already in flight on the other streams may follow the first 403
    const after = log.slice(firstBlock + 1);
    expect(after.length).toBeLessThanOrEqual(2);
    expect(after.every((r) => r.status === 403)).toBe(true);
    // every stream that was running ended with the block, and none started afterwards
    const ends = run.all.filter((m): m is Extract<SyncMessage, { type: 'stream_end' }> => m.type === 'stream_end');
    const starts = run.all.filter((m) => m.type === 'stream_start').length;
    expect(starts).toBe(ends.length);
    expect(starts).toBeLessThan(18);
    // resuming later (after the block) completes from the last checkpoint
    fake.clock.advance(11 * 60_000);
    const calm = createFakePipedrive({ dataset: fake.dataset });
    const calmServer = await calm.listen();
    try {
      const pd2 = new Pipedrive({ apiToken: calm.apiToken, baseUrl: calmServer.url, rateLimit: { requestsPerSecond: 500 }, retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 5 } });
      const rest = await runUntilStopped(pd2.sync({ anchorDate: EVERYTHING, pageSize: 10, ...(run.state ? { state: run.state } : {}) }));
      expect(rest.error).toBeUndefined();
      for (const [key, version] of rest.stored) run.stored.set(key, version);
      expect(lostRecords(run.stored, servedVersions(fake.dataset).records)).toEqual([]);
    } finally {
      await calmServer.close();
    }
    figures['cloudflare'] = { requestsBeforeBlock: firstBlock, requestsAfterFirst403: after.length, streamsStarted: starts };
    writeSummary('budgetAndBlocks', figures);
  });
});
