import { afterEach, describe, expect, it } from 'vitest';
import { abortAndResume } from '../../examples/abort-and-resume.js';
import type { StreamName } from '../../src/streams/table.js';
import { CHANGES, COUNTS, EVERYTHING, expectConsistent, expectedKeys, startFake, tableDiff, type FakeSetup } from './helpers.js';

let setup: FakeSetup | undefined;
afterEach(async () => {
  await setup?.close();
  setup = undefined;
});

const STREAMS: StreamName[] = ['deals', 'persons', 'notes', 'leads', 'files', 'stages'];
const selection = Object.fromEntries(STREAMS.map((s) => [s, {}]));

function keysOf(store: ReadonlyMap<string, ReadonlyMap<string, Record<string, unknown>>>): Map<string, Set<string>> {
  return new Map([...store].map(([stream, table]) => [stream, new Set(table.keys())]));
}

describe('examples/abort-and-resume.ts', () => {
  it.each([40, 180, 420])('aborted after %i records, the resumed run completes the set', async (stopAfter) => {
    setup = await startFake({ seed: 60 + stopAfter, counts: COUNTS });
    const dataset = setup.fake.dataset;
    let covered = 0;
    const result = await abortAndResume(setup.client(), {
      stopAfter,
      streams: selection,
      anchorDate: EVERYTHING,
      pageSize: 25,
      concurrency: 2,
      beforeResume: ({ store, state }) => {
        // what the aborted run committed is consistent with the state it persisted
        covered = expectConsistent(dataset, state!, keysOf(store));
      },
    });
    expect(result.firstRun.delivered).toBeGreaterThanOrEqual(stopAfter);
    expect(result.firstRun.interrupted.length).toBeGreaterThan(0);
    const total = [...expectedKeys(setup.fake.dataset, STREAMS).values()].reduce((n, keys) => n + keys.size, 0);
    expect(result.firstRun.committed).toBeLessThan(total);
    expect(covered).toBeGreaterThan(0);
    // together, the two runs hold everything
    expect(tableDiff(keysOf(result.store), expectedKeys(setup.fake.dataset, STREAMS))).toEqual([]);
    expect(result.secondRun.records).toBeGreaterThan(0);
  });

  it('keeps what the aborted run committed consistent with its state, and catches changes made while it was stopped', async () => {
    setup = await startFake({ seed: 70, counts: COUNTS });
    const fake = setup.fake;
    let changes: ReturnType<typeof fake.mutate> | undefined;
    const result = await abortAndResume(setup.client(), {
      stopAfter: 200,
      streams: selection,
      anchorDate: EVERYTHING,
      pageSize: 25,
      beforeResume: ({ store, state }) => {
        expect(expectConsistent(fake.dataset, state!, keysOf(store))).toBeGreaterThan(0);
        changes = fake.mutate(CHANGES);
      },
      log: () => {},
    });
    expect(tableDiff(keysOf(result.store), expectedKeys(fake.dataset, STREAMS))).toEqual([]);
    for (const [stream, ids] of Object.entries({ ...changes!.updated, ...changes!.created, ...changes!.archived })) {
      if (!STREAMS.includes(stream as StreamName)) continue;
      for (const id of ids ?? []) {
        const now = fake.dataset.get(stream as 'deals', id)!;
        if (now['is_deleted'] === true) continue;
        expect(result.store.get(stream)?.get(String(id))?.['update_time'], `${stream} ${id}`).toBe(now['update_time']);
      }
    }
    for (const id of changes!.deleted.deals ?? []) expect(result.store.get('deals')?.has(String(id))).toBe(false);
    expect(Date.parse(result.states.second!.streams['deals']!.watermark)).toBeGreaterThan(Date.parse(result.states.first!.streams['deals']?.watermark ?? EVERYTHING));
    // the final state describes the final store
    expect(expectConsistent(fake.dataset, result.states.second!, keysOf(result.store))).toBeGreaterThan(500);
  });
});
