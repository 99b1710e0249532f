import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, type SyncState } from '../../src/index.js';
import { streamNames, streamTable, type StreamName } from '../../src/streams/table.js';
import type { Dataset } from '../../src/testing/index.js';
import { keyOf, runSync, startFake, type FakeSetup } from '../support/fake.js';

let setup: FakeSetup | undefined;
afterEach(async () => {
  await setup?.close();
  setup = undefined;
});

const EVERYTHING = '2000-01-01';

/** What a complete extract of the dataset must deliver: record keys, and ids deleted in the last 30 days. */
function expected(dataset: Dataset, streams: readonly StreamName[] = streamNames, since?: Date) {
  const records = new Set<string>();
  const deletes = new Set<string>();
  for (const stream of streams) {
    const spec = streamTable[stream];
    for (const record of dataset.records(stream)) {
      const changed = 'cursorField' in spec && spec.cursorField === 'update_time' ? Date.parse(String(record['update_time']).replace(' ', 'T') + (String(record['update_time']).includes('T') ? '' : 'Z')) : undefined;
      const incremental = 'incremental' in spec;
      if (since && incremental && changed !== undefined && changed < since.getTime()) continue;
      // v1 notes and files mark deleted rows with active_flag: false, and the lists leave them out
      const v1Deleted = (stream === 'notes' || stream === 'files') && record['active_flag'] === false;
      if (record['is_deleted'] === true || v1Deleted) {
        if (stream === 'deals') deletes.add(keyOf(stream, record));
        continue;
      }
      records.add(keyOf(stream, record));
    }
  }
  return { records, deletes };
}

describe('sync against the fake Pipedrive', () => {
  it('returns every record of the dataset once on a first run from before the oldest record', async () => {
    setup = await startFake({ seed: 11 });
    const run = await runSync(setup.client(), { anchorDate: EVERYTHING });
    const want = expected(setup.fake.dataset);
    expect(new Set(run.records)).toEqual(want.records);
    expect(run.records.length).toBe(want.records.size); // once
    expect(new Set(run.deletes)).toEqual(want.deletes);
    expect(run.ends).toHaveLength(18);
    expect(run.ends.filter((e) => e.error)).toEqual([]);
    expect(run.messages.at(-1)?.type === 'checkpoint' || run.messages.at(-1)?.type === 'stream_end').toBe(true);
  });

  it('returns only what changed since the default anchor (one year ago) on incremental streams', async () => {
    setup = await startFake({ seed: 12 });
    const run = await runSync(setup.client(), {});
    const yearAgo = new Date(Date.now() - 365 * 24 * 3600 * 1000);
    const want = expected(setup.fake.dataset, streamNames, yearAgo);
    expect(new Set(run.records)).toEqual(want.records);
  });

  it('returns exactly the created, updated, archived and deleted records on the next run', async () => {
    setup = await startFake({ seed: 13 });
    const pd = setup.client();
    const first = await runSync(pd, { anchorDate: EVERYTHING });
    const changes = setup.fake.mutate({
      create: { deals: 3, persons: 2, notes: 2, leads: 1, files: 1, products: 1, activities: 2, organizations: 1 },
      update: { deals: 4, persons: 3, notes: 2, leads: 2, files: 2, products: 1, activities: 1, organizations: 2 },
      archive: { deals: 2, leads: 1 },
      delete: { deals: 2 },
    });
    const incremental = streamNames.filter((name) => 'incremental' in streamTable[name]);
    const second = await runSync(pd, { anchorDate: EVERYTHING, state: first.state!, streams: Object.fromEntries(incremental.map((n) => [n, {}])) });
    const changed = new Set<string>();
    for (const group of [changes.created, changes.updated, changes.archived]) {
      for (const [stream, ids] of Object.entries(group)) for (const id of ids ?? []) changed.add(`${stream}:${id}`);
    }
    const deleted = new Set(Object.entries(changes.deleted).flatMap(([stream, ids]) => (ids ?? []).map((id) => `${stream}:${id}`)));
    for (const key of deleted) changed.delete(key);
    expect(new Set(second.records)).toEqual(changed);
    expect(new Set(second.deletes)).toEqual(deleted);
    // the state never runs ahead of the data
    const latest = Math.max(...[...setup.fake.dataset.records('deals')].map((d) => Date.parse(String(d['update_time']))));
    expect(Date.parse(second.state!.streams['deals']!.watermark)).toBeLessThanOrEqual(latest);
  });

  it.each([
    ['deals', { deals: 1500 }],
    ['notes', { notes: 1500 }],
  ] as const)('loses and repeats none of 1,200 %s sharing one update_time across page boundaries', async (stream, counts) => {
    setup = await startFake({ seed: 14, counts });
    const pd = setup.client();
    const first = await runSync(pd, { anchorDate: EVERYTHING, streams: { [stream]: {} } });
    const candidates = [...setup.fake.dataset.records(stream)].filter((r) => !r['is_deleted'] && !r['is_archived'] && r['active_flag'] !== false);
    setup.fake.clock.advance(-5_000); // stamp them in a second that is over before the next run starts
    const ids = setup.fake.mutate({ update: { [stream]: candidates.slice(0, 1220).map((r) => r['id'] as number) } }).updated[stream]!;
    setup.fake.clock.advance(5_000);
    expect(ids.length).toBeGreaterThanOrEqual(1200); // a few candidates may not be updatable (the fake decides)
    const second = await runSync(pd, { state: first.state!, streams: { [stream]: {} }, pageSize: 500 });
    expect(second.records).toHaveLength(ids.length);
    expect(new Set(second.records)).toEqual(new Set(ids.map((id) => `${stream}:${id}`)));
    const third = await runSync(pd, { state: second.state!, streams: { [stream]: {} }, pageSize: 500 });
    expect(third.records).toEqual([]);
  });

  it('catches records updated while a sync is paging, in the same run or the next', async () => {
    setup = await startFake({ seed: 15, counts: { deals: 900, notes: 900, leads: 300 } });
    const pd = setup.client();
    const streams = { deals: {}, notes: {}, leads: {} };
    let mutated = false;
    const first = await runSync(pd, { anchorDate: EVERYTHING, streams, pageSize: 100, concurrency: 1 }, (message) => {
      if (!mutated && message.type === 'record' && message.stream === 'notes') {
        mutated = true;
        setup!.fake.mutate({ update: { deals: 20, notes: 30, leads: 10 }, create: { notes: 5, deals: 5 }, archive: { deals: 3 } });
      }
      return false;
    });
    const second = await runSync(pd, { state: first.state!, streams, pageSize: 100 });
    const seen = new Set([...first.versions, ...second.versions]);
    for (const stream of ['deals', 'notes', 'leads'] as const) {
      for (const record of setup.fake.dataset.records(stream)) {
        if (record['is_deleted'] || record['active_flag'] === false) continue;
        expect(seen, `${stream} ${String(record['id'])}`).toContain(`${keyOf(stream, record)}:${String(record['update_time'])}`);
      }
    }
  });

  it('loses nothing when aborted at random pages and resumed from the last checkpoint', async () => {
    setup = await startFake({ seed: 16, counts: { deals: 700, persons: 400, notes: 400, leads: 200, files: 150 } });
    const pd = setup.client();
    const streams = { deals: {}, persons: {}, notes: {}, leads: {}, files: {}, stages: {} };
    const want = expected(setup.fake.dataset, ['deals', 'persons', 'notes', 'leads', 'files', 'stages']);
    let state: SyncState | undefined;
    const delivered = new Set<string>();
    let random = 42;
    for (let attempt = 0; attempt < 30; attempt += 1) {
      random = (random * 1103515245 + 12345) % 2 ** 31;
      const stopAt = 5 + (random % 400);
      const run = await runSync(pd, { anchorDate: EVERYTHING, streams, state, pageSize: 50 }, (_, index) => index >= stopAt);
      // a caller stores records as they come and the state at each checkpoint
      for (const key of run.records) delivered.add(key);
      state = run.state ?? state;
      if (run.ends.length === 6 && run.messages.at(-1)?.type !== 'record') break;
    }
    const last = await runSync(pd, { anchorDate: EVERYTHING, streams, state });
    for (const key of last.records) delivered.add(key);
    expect(delivered).toEqual(want.records);
  });

  it('stops cleanly on abort, and resuming from the last checkpoint completes the set', async () => {
    setup = await startFake({ seed: 17, counts: { deals: 600 } });
    const pd = setup.client();
    const controller = new AbortController();
    const first = await runSync(pd, { anchorDate: EVERYTHING, streams: { deals: {} }, pageSize: 50, signal: controller.signal }, (message, index) => {
      if (index === 120) controller.abort(new Error('user stop'));
      return false;
    });
    expect(first.ends.find((e) => e.stream === 'deals')?.error?.message).toBe('user stop');
    const beforeAbort = first.messages.slice(0, first.messages.findLastIndex((m) => m.type === 'checkpoint') + 1);
    const stored = new Set(beforeAbort.flatMap((m) => (m.type === 'record' ? [keyOf(m.stream, m.record)] : [])));
    const second = await runSync(pd, { anchorDate: EVERYTHING, streams: { deals: {} }, state: first.state! });
    for (const key of second.records) stored.add(key);
    expect(stored).toEqual(expected(setup.fake.dataset, ['deals']).records);
  });

  it('returns the same set with parallel time slices as with sequential paging', async () => {
    setup = await startFake({ seed: 18, counts: { deals: 1500, persons: 800 } });
    const pd = setup.client();
    const streams = { deals: {}, persons: {} };
    const sequential = await runSync(pd, { anchorDate: EVERYTHING, streams, pageSize: 100 });
    const sliced = await runSync(pd, { anchorDate: EVERYTHING, streams, pageSize: 100, slices: 6 });
    expect(new Set(sliced.records)).toEqual(new Set(sequential.records));
    expect(sliced.records).toHaveLength(sequential.records.length);
    expect(sliced.state!.streams['deals']!.watermark).toBe(sequential.state!.streams['deals']!.watermark);
  });

  it('refuses bad options before any request', async () => {
    setup = await startFake({ seed: 19 });
    const pd = setup.client();
    setup.fake.resetLog();
    expect(() => pd.sync({ streams: { contacts: {} } })).toThrow(/Valid streams/);
    expect(() => pd.sync({ streams: { pipelines: { mode: 'incremental' } } })).toThrow(ConfigError);
    expect(() => pd.sync({ anchorDate: '2999-01-01' })).toThrow(/in the future/);
    expect(() => pd.sync({ anchorDate: 'someday' })).toThrow(/not a date/);
    expect(() => pd.sync({ state: '{"version":9,"streams":{}}' })).toThrow(/version 9/);
    expect(() => pd.sync({ state: { version: 1, streams: { deals: { watermark: 'x' } } } as never })).toThrow(/corrupt/);
    expect(() => pd.sync({ concurrency: 0 })).toThrow(/concurrency/);
    expect(setup.fake.requests).toHaveLength(0);
  });

  it('ends a failing stream with its error and goes on with the others; stops all on an account error', async () => {
    setup = await startFake({ seed: 20 }, { faults: { seed: 1, rate: 0, paths: { '/api/v1/notes': { rate: 1, kinds: ['500'] } } } });
    const pd = setup.client({ retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    const run = await runSync(pd, { anchorDate: EVERYTHING, streams: { notes: {}, persons: {} } });
    expect(run.ends.find((e) => e.stream === 'notes')?.error?.name).toBe('ServerError');
    expect(run.ends.find((e) => e.stream === 'persons')?.error).toBeUndefined();
    expect(run.records.some((k) => k.startsWith('persons:'))).toBe(true);

    const bad = setup.client({ apiToken: 'wrong-token-0000' });
    await expect(runSync(bad, { anchorDate: EVERYTHING, streams: { notes: {}, persons: {}, deals: {} }, concurrency: 1 })).rejects.toThrow(/refused the token/);
  });

  it('warns when the state is older than the 30 days Pipedrive keeps deleted deals', async () => {
    setup = await startFake({ seed: 21 });
    const old = new Date(Date.now() - 40 * 24 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const state = { version: 1 as const, streams: { deals: { watermark: old, idsAtWatermark: [], deleted: { watermark: old, idsAtWatermark: [] } } } };
    const run = await runSync(setup.client(), { state, streams: { deals: {} } });
    expect(run.messages.some((m) => m.type === 'warning' && /older than 30 days/.test(m.message))).toBe(true);
  });

  it('does not warn on a recent state whose deleted-archived part has seen nothing yet', async () => {
    setup = await startFake({ seed: 22 });
    const pd = setup.client();
    const first = await runSync(pd, { anchorDate: EVERYTHING, streams: { deals: {} } });
    const second = await runSync(pd, { state: first.state!, streams: { deals: {} } });
    expect(second.messages.filter((m) => m.type === 'warning')).toEqual([]);
  });
});
