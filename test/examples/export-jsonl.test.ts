import { appendFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportJsonl, readJsonlTable, writeFileAtomic } from '../../examples/export-jsonl.js';
import type { SyncState } from '../../src/index.js';
import { ALL_STREAMS, CHANGES, COUNTS, crashingSync, EVERYTHING, expectConsistent, expectedKeys, startFake, tableDiff, type FakeSetup } from './helpers.js';

let setup: FakeSetup | undefined;
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'examples-jsonl-'));
});
afterEach(async () => {
  await setup?.close();
  setup = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** Every `<stream>.jsonl` of `dir`, replayed. */
async function replayAll(): Promise<Map<string, Map<string, Record<string, unknown>>>> {
  const out = new Map<string, Map<string, Record<string, unknown>>>();
  for (const stream of ALL_STREAMS) {
    const table = await readJsonlTable(join(dir, `${stream}.jsonl`)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (table) out.set(stream, table);
  }
  return out;
}

async function storedKeys(): Promise<Map<string, Set<string>>> {
  return new Map([...(await replayAll())].map(([stream, table]) => [stream, new Set(table.keys())]));
}

async function savedState(): Promise<SyncState> {
  return JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as SyncState;
}

describe('examples/export-jsonl.ts', () => {
  it('exports every stream, then appends only the changes, which replay to the current account', async () => {
    setup = await startFake({ seed: 41, counts: COUNTS });
    const pd = setup.client();
    const first = await exportJsonl(pd, { dir, anchorDate: EVERYTHING });
    expect(first.errors).toEqual([]);
    expect(tableDiff(await storedKeys(), expectedKeys(setup.fake.dataset))).toEqual([]);
    expect(await savedState()).toEqual(first.state);
    const deal = [...setup.fake.dataset.records('deals')].find((d) => d['is_deleted'] !== true)!;
    expect((await replayAll()).get('deals')?.get(String(deal['id']))?.['title']).toBe(deal['title']);

    const changes = setup.fake.mutate(CHANGES);
    const second = await exportJsonl(pd, { dir });
    expect(second.errors).toEqual([]);
    expect(second.records).toBeLessThan(first.records / 2);
    const tables = await replayAll();
    expect(tableDiff(await storedKeys(), expectedKeys(setup.fake.dataset))).toEqual([]);
    for (const [stream, ids] of Object.entries({ ...changes.updated, ...changes.created, ...changes.archived })) {
      for (const id of ids ?? []) {
        const now = setup.fake.dataset.get(stream as 'deals', id)!;
        if (now['is_deleted'] === true) continue;
        expect(tables.get(stream)?.get(String(id))?.['update_time'], `${stream} ${id}`).toBe(now['update_time']);
      }
    }
    for (const id of changes.deleted.deals ?? []) expect(tables.get('deals')?.has(String(id))).toBe(false);
    // deals.jsonl is a log: the second run appended delete lines after the first run's lines
    const dealLines = (await readFile(join(dir, 'deals.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { op: string; key: string });
    expect(dealLines.filter((l) => l.op === 'delete').map((l) => l.key)).toEqual(expect.arrayContaining((changes.deleted.deals ?? []).map(String)));
    // full-refresh files are snapshots: one line per stage, not one per stage per run
    const stageLines = (await readFile(join(dir, 'stages.jsonl'), 'utf8')).trim().split('\n');
    expect(stageLines).toHaveLength(setup.fake.dataset.count('stages'));
    expect((await readdir(dir)).filter((name) => name.endsWith('.partial') || name.endsWith('.tmp'))).toEqual([]);
    const state = await savedState();
    expect(Date.parse(state.streams['deals']!.watermark)).toBeGreaterThan(Date.parse(first.state!.streams['deals']!.watermark));
  });

  it('leaves a state file that never points past the lines on disk after a crash, and resumes to a complete export', async () => {
    setup = await startFake({ seed: 42, counts: COUNTS });
    const pd = setup.client();
    let records = 0;
    const log = crashingSync(pd, (message) => message.type === 'record' && ++records === 520);
    await expect(exportJsonl(pd, { dir, anchorDate: EVERYTHING, pageSize: 50 })).rejects.toThrow('simulated crash');
    const state = await savedState();
    const checkpoints = log.messages.filter((m) => m.type === 'checkpoint').length;
    expect(state).toEqual(log.checkpoint(checkpoints));
    expect(expectConsistent(setup.fake.dataset, state, await storedKeys())).toBeGreaterThan(100);
    expect((await readdir(dir)).filter((name) => name.endsWith('.partial'))).toEqual([]);

    // a torn last line, as a power cut in the middle of a write leaves it, is cut before appending
    await appendFile(join(dir, 'deals.jsonl'), '{"op":"upsert","key":"1","rec');
    const resumed = await exportJsonl(setup.client(), { dir, anchorDate: EVERYTHING, pageSize: 50 });
    expect(resumed.errors).toEqual([]);
    expect(tableDiff(await storedKeys(), expectedKeys(setup.fake.dataset))).toEqual([]);
  });

  it('replaces a state file atomically and replays a log with a torn last line', async () => {
    const path = join(dir, 'state.json');
    await writeFileAtomic(path, '{"a":1}');
    await writeFileAtomic(path, '{"a":2}');
    expect(await readFile(path, 'utf8')).toBe('{"a":2}');
    expect(await readdir(dir)).toEqual(['state.json']);

    const file = join(dir, 'deals.jsonl');
    await appendFile(file, '{"op":"upsert","key":"1","record":{"id":1}}\n{"op":"upsert","key":"2","record":{"id":2}}\n{"op":"delete","key":"1"}\n{"op":"ups');
    expect([...(await readJsonlTable(file)).keys()]).toEqual(['2']);
  });
});
