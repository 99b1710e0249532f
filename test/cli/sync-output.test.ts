import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiRecord, Dataset } from '../../src/testing/index.js';
import { readJsonl, runCli, snapshot, startFakeForTest, tempDirForTest } from './helpers.js';

const TOKEN = 'test-token';
const env = { PIPEDRIVE_API_TOKEN: TOKEN };

function byId(records: Iterable<Record<string, unknown>>, key = 'id'): Map<string, Record<string, unknown>> {
  return new Map([...records].map((r) => [String(r[key]), r]));
}

/** What the API lists of a stream: deleted rows left out (v1 notes and files flag them with active_flag). */
function served(dataset: Dataset, stream: 'deals' | 'persons' | 'stages' | 'deal_fields' | 'notes'): ApiRecord[] {
  return [...dataset.records(stream)].filter((r) => r['is_deleted'] !== true && r['active_flag'] !== false);
}

describe('pipedrive-extract sync', () => {
  it("writes each stream's records exactly as the account has them, deletions as _deleted lines", async () => {
    const fake = await startFakeForTest({ seed: 21, counts: { deals: 700, persons: 300, notes: 120 } });
    const dir = await tempDirForTest();
    const out = join(dir, 'out');
    const run = await runCli(['sync', '--base-url', fake.url, '--rate', '1000', '--out', out, '--streams', 'deals,persons,notes,stages,deal_fields', '--anchor-date', '2000-01-01'], { env });
    expect(run.code).toBe(0);
    const dataset = fake.fake.dataset;
    for (const stream of ['deals', 'persons', 'notes', 'stages'] as const) {
      const lines = await readJsonl(join(out, `${stream}.jsonl`));
      const records = lines.filter((l) => l['_deleted'] !== true);
      expect(byId(records)).toEqual(byId(served(dataset, stream)));
      expect(records).toHaveLength(served(dataset, stream).length); // once each
    }
    const deletes = (await readJsonl(join(out, 'deals.jsonl'))).filter((l) => l['_deleted'] === true);
    const deleted = [...dataset.records('deals')].filter((d) => d['is_deleted'] === true).map((d) => d['id']);
    expect(deletes.map((d) => d['id']).sort()).toEqual(deleted.sort());
    expect(deletes.every((d) => Object.keys(d).join() === '_deleted,id')).toBe(true);
    const fields = await readJsonl(join(out, 'deal_fields.jsonl'));
    // the list leaves out some per-field settings (include_fields), so compare the catalog by key and name
    const names = (rows: Iterable<Record<string, unknown>>) => new Map([...rows].map((f) => [f['field_code'], f['field_name']]));
    expect(names(fields)).toEqual(names(served(dataset, 'deal_fields')));
  });

  it('with --state, a second run appends only what changed and replaces full-refresh files', async () => {
    const fake = await startFakeForTest({ seed: 22, counts: { deals: 400, persons: 200 } });
    const dir = await tempDirForTest();
    const out = join(dir, 'out');
    const state = join(dir, 'state.json');
    const args = ['sync', '--base-url', fake.url, '--rate', '1000', '--out', out, '--state', state, '--streams', 'deals,persons,pipelines', '--anchor-date', '2000-01-01'];
    expect((await runCli(args, { env })).code).toBe(0);
    const first = await snapshot(out);
    const firstState = JSON.parse(await readFile(state, 'utf8')) as { version: number; streams: Record<string, unknown> };
    expect(firstState.version).toBe(1);
    expect(Object.keys(firstState.streams).sort()).toEqual(['deals', 'persons']);

    await new Promise((resolve) => setTimeout(resolve, 1100)); // changes in a later second than the first run
    const changes = fake.fake.mutate({ create: { deals: 3, persons: 2 }, update: { deals: 4, persons: [1, 2] }, archive: { deals: 1 }, delete: { deals: 2 } });
    const run = await runCli(args, { env });
    expect(run.code).toBe(0);

    const appended = (name: string) =>
      readFileSync(join(out, name))
        .subarray(first.get(name)!.length)
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    // the first run's lines are untouched
    expect(readFileSync(join(out, 'deals.jsonl')).subarray(0, first.get('deals.jsonl')!.length).equals(first.get('deals.jsonl')!)).toBe(true);
    const dealLines = appended('deals.jsonl');
    const deletedIds = new Set(changes.deleted.deals!.map(String));
    const changedDeals = new Set([...changes.created.deals!, ...changes.updated.deals!, ...changes.archived.deals!].map(String).filter((id) => !deletedIds.has(id)));
    expect(new Set(dealLines.filter((l) => !l['_deleted']).map((l) => String(l['id'])))).toEqual(changedDeals);
    expect(new Set(dealLines.filter((l) => l['_deleted']).map((l) => String(l['id'])))).toEqual(deletedIds);
    expect(new Set(appended('persons.jsonl').map((l) => String(l['id'])))).toEqual(new Set([...changes.created.persons!, ...changes.updated.persons!].map(String)));
    // full refresh: the whole stream again, in place of the old file
    expect((await readJsonl(join(out, 'pipelines.jsonl'))).length).toBe(fake.fake.dataset.count('pipelines'));
    expect((await snapshot(out)).has('.pipelines.jsonl.tmp')).toBe(false);
  });

  it('writes the state only after the records it covers are in the files, and it is valid JSON at every checkpoint', async () => {
    const fake = await startFakeForTest({ seed: 23, counts: { deals: 1600 } });
    const dir = await tempDirForTest();
    const out = join(dir, 'out');
    const state = join(dir, 'state.json');
    const dataset = fake.fake.dataset;
    const mainDeals = [...dataset.records('deals')].filter((d) => d['is_deleted'] !== true && d['is_archived'] !== true);
    let checkpoints = 0;
    const problems: string[] = [];
    const onStdout = (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        const event = JSON.parse(line) as { type: string; streams?: Record<string, string> };
        if (event.type !== 'checkpoint') continue;
        checkpoints += 1;
        // the state file is complete JSON right now, and covers only what the output file already holds
        const saved = JSON.parse(readFileSync(state, 'utf8')) as { streams: Record<string, { watermark: string }> };
        const watermark = saved.streams['deals']?.watermark;
        if (!watermark) continue;
        const onDisk = new Set(
          readFileSync(join(out, 'deals.jsonl'), 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => String((JSON.parse(l) as { id: unknown }).id)),
        );
        const covered = mainDeals.filter((d) => Date.parse(String(d['update_time'])) < Date.parse(watermark));
        const missing = covered.filter((d) => !onDisk.has(String(d['id'])));
        if (missing.length > 0) problems.push(`checkpoint ${checkpoints}: ${missing.length} deals before ${watermark} not on disk`);
      }
    };
    const run = await runCli(['sync', '--base-url', fake.url, '--rate', '1000', '--out', out, '--state', state, '--streams', 'deals', '--anchor-date', '2000-01-01', '--json'], { env, onStdout });
    expect(run.code).toBe(0);
    expect(checkpoints).toBeGreaterThanOrEqual(4);
    expect(problems).toEqual([]);
    expect((await snapshot(dir)).has('.state.json.tmp')).toBe(false);
  });

  it('writes named custom fields with --custom-fields named and keeps their names in the state', async () => {
    const fake = await startFakeForTest({ seed: 25 });
    const dir = await tempDirForTest();
    const out = join(dir, 'out');
    const state = join(dir, 'state.json');
    const run = await runCli(['sync', '--base-url', fake.url, '--rate', '1000', '--out', out, '--state', state, '--streams', 'deals', '--custom-fields', 'named'], { env });
    expect(run.code).toBe(0);
    const deals = (await readJsonl(join(out, 'deals.jsonl'))).filter((d) => !d['_deleted']);
    expect(deals.length).toBeGreaterThan(0);
    expect(deals.every((d) => 'custom_fields_raw' in d && !('custom_fields' in d))).toBe(true);
    const saved = JSON.parse(await readFile(state, 'utf8')) as { customFieldNames?: Record<string, Record<string, string>> };
    expect(Object.keys(saved.customFieldNames?.['deals'] ?? {}).length).toBeGreaterThan(0);
  });

  it('prints the catalog with `streams`, as a table and as JSON lines', async () => {
    const table = await runCli(['streams']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^stream\s+incremental/);
    expect(table.stdout).toContain('deal_fields');
    const json = await runCli(['streams', '--json']);
    expect(json.stdoutLines.map((l) => (JSON.parse(l) as { name: string }).name)).toHaveLength(18);
  });

  it('lists columns and custom fields with `discover`', async () => {
    const fake = await startFakeForTest({ seed: 24 });
    const run = await runCli(['discover', '--base-url', fake.url, '--rate', '1000', '--streams', 'deals', '--json'], { env });
    expect(run.code).toBe(0);
    const [deals] = run.stdoutLines.map((l) => JSON.parse(l) as { name: string; columns: { origin: string; label?: string }[] });
    expect(deals!.name).toBe('deals');
    const custom = deals!.columns.filter((c) => c.origin === 'custom').map((c) => c.label);
    expect(custom).toEqual(expect.arrayContaining(fake.fake.dataset.customFields('deal').map((f) => f.name)));
    const text = await runCli(['discover', '--base-url', fake.url, '--rate', '1000', '--streams', 'stages'], { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^stages: primary key id/);
  });
});
