import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDataset, createFakePipedrive, STREAM_NAMES, type ApiRecord, type Dataset } from '../../src/testing/index.js';
import { get } from './helpers.js';

const NOW = '2025-06-01T00:00:00Z';
const DAY = 86_400_000;
const V2_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const V1_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ALL_TYPES = ['varchar', 'text', 'double', 'monetary', 'enum', 'set', 'date', 'daterange', 'time', 'timerange', 'address', 'user', 'org', 'people', 'phone'];

const all = (dataset: Dataset, stream: (typeof STREAM_NAMES)[number]): ApiRecord[] => [...dataset.records(stream)];

describe('createDataset', () => {
  const dataset = createDataset({ seed: 3, now: NOW });

  it('is deterministic: same seed and now, same records; another seed, other records', () => {
    const again = createDataset({ seed: 3, now: NOW });
    for (const stream of STREAM_NAMES) expect(JSON.stringify(all(again, stream))).toBe(JSON.stringify(all(dataset, stream)));
    const other = createDataset({ seed: 4, now: NOW });
    expect(JSON.stringify(all(other, 'deals'))).not.toBe(JSON.stringify(all(dataset, 'deals')));
    expect(createDataset({ seed: 'acme', now: NOW }).get('deals', 5)).toEqual(createDataset({ seed: 'acme', now: NOW }).get('deals', 5));
  });

  it('gives the same account from one release to the next (a digest of every record of every stream)', () => {
    // A deliberate change to the generated data changes this digest: update it and say so in CHANGELOG.md, since
    // users' own tests may depend on what a seed gives.
    const digest = createHash('sha256');
    for (const stream of STREAM_NAMES) for (const record of dataset.records(stream)) digest.update(`${stream} ${JSON.stringify(record)}\n`);
    expect(digest.digest('hex')).toBe('a410281a39645daa0c89892cd682c4635a1fb1f8ff0c24d129ec1606b303e545');
  });

  it('defaults now to the start of the current UTC day', () => {
    const today = Math.floor(Date.now() / DAY) * DAY;
    const ds = createDataset();
    // The day may roll over between the two reads.
    expect([today, today + DAY]).toContain(ds.now.getTime());
  });

  it('honours counts, with small defaults, and yields every stream in id order', () => {
    const small = createDataset({ seed: 1, now: NOW, counts: { deals: 10, persons: 4, pipelines: 2, stagesPerPipeline: 3, users: 2 } });
    expect(small.count('persons')).toBe(4);
    expect(small.count('stages')).toBe(6);
    expect(small.count('users')).toBe(2);
    expect(dataset.count('organizations')).toBe(60);
    for (const stream of ['deals', 'persons', 'notes', 'files', 'activities', 'products', 'pipelines', 'stages'] as const) {
      const idList = all(dataset, stream).map((r) => r.id as number);
      expect(idList).toEqual([...idList].sort((a, b) => a - b));
    }
    expect(() => createDataset({ counts: { deals: -1 } })).toThrow(RangeError);
  });

  it('spreads times over the two years before now, in each stream\'s own format', () => {
    const now = Date.parse(NOW);
    const formats: Array<[(typeof STREAM_NAMES)[number], RegExp, string[]]> = [
      ['deals', V2_TIME, ['add_time', 'update_time']],
      ['persons', V2_TIME, ['add_time', 'update_time']],
      ['organizations', V2_TIME, ['add_time', 'update_time']],
      ['activities', V2_TIME, ['add_time', 'update_time']],
      ['products', V2_TIME, ['add_time', 'update_time']],
      ['pipelines', V2_TIME, ['add_time', 'update_time']],
      ['stages', V2_TIME, ['add_time', 'update_time']],
      ['notes', V1_TIME, ['add_time', 'update_time']],
      ['files', V1_TIME, ['add_time', 'update_time']],
      ['users', V1_TIME, ['created', 'modified', 'last_login']],
      ['activity_types', V1_TIME, ['add_time', 'update_time']],
      ['leads', ISO_MS, ['add_time', 'update_time']],
      ['lead_labels', ISO_MS, ['add_time', 'update_time']],
    ];
    for (const [stream, format, fields] of formats) {
      for (const record of all(dataset, stream)) {
        for (const field of fields) {
          const value = record[field] as string;
          expect(value, `${stream}.${field}`).toMatch(format);
          const ms = Date.parse(format === V1_TIME ? `${value.replace(' ', 'T')}Z` : value);
          expect(ms, `${stream}.${field}`).toBeLessThanOrEqual(now);
          expect(ms, `${stream}.${field}`).toBeGreaterThan(now - 800 * DAY);
        }
        if (record['add_time'] && record['update_time']) expect(record['update_time'] >= record['add_time']).toBe(true);
      }
    }
  });

  it('gives many records the same update_time second (bulk imports and mass edits)', () => {
    const big = createDataset({ seed: 2, now: NOW, counts: { deals: 5000 } });
    const bySecond = new Map<string, number>();
    for (const deal of big.records('deals')) bySecond.set(deal['update_time'] as string, (bySecond.get(deal['update_time'] as string) ?? 0) + 1);
    expect(Math.max(...bySecond.values())).toBeGreaterThanOrEqual(100);
    expect(bySecond.size).toBeGreaterThan(1000);
  });

  it('keeps references consistent', () => {
    const userIds = new Set(all(dataset, 'users').map((u) => u.id));
    const has = (stream: (typeof STREAM_NAMES)[number], id: unknown): boolean => id === null || dataset.get(stream, id as number) !== undefined;
    const stages = new Map(all(dataset, 'stages').map((s) => [s.id, s.pipeline_id]));
    for (const deal of dataset.records('deals')) {
      expect(stages.get(deal['stage_id'])).toBe(deal['pipeline_id']);
      expect(userIds.has(deal['owner_id'])).toBe(true);
      expect(userIds.has(deal['creator_user_id'])).toBe(true);
      expect(has('persons', deal['person_id'])).toBe(true);
      expect(has('organizations', deal['org_id'])).toBe(true);
      if (deal['person_id'] !== null) expect(dataset.get('persons', deal['person_id'] as number)?.['org_id']).toBe(deal['org_id']);
    }
    const typeKeys = new Set(all(dataset, 'activity_types').map((t) => t.key_string));
    for (const activity of dataset.records('activities')) {
      expect(typeKeys.has(activity['type'])).toBe(true);
      expect(has('deals', activity['deal_id'])).toBe(true);
      expect(has('persons', activity['person_id'])).toBe(true);
      expect(activity['lead_id'] === null || dataset.get('leads', activity['lead_id'] as string) !== undefined).toBe(true);
    }
    for (const note of dataset.records('notes')) {
      expect(userIds.has(note['user_id'])).toBe(true);
      if (note['deal_id'] !== null) expect((note['deal'] as { title: string }).title).toBe(dataset.get('deals', note['deal_id'] as number)?.['title']);
      if (note['person_id'] !== null) expect((note['person'] as { name: string }).name).toBe(dataset.get('persons', note['person_id'] as number)?.['name']);
      if (note['org_id'] !== null) expect((note['organization'] as { name: string }).name).toBe(dataset.get('organizations', note['org_id'] as number)?.['name']);
      expect([note['deal_id'], note['person_id'], note['org_id'], note['lead_id']].some((v) => v !== null)).toBe(true);
    }
    for (const file of dataset.records('files')) {
      if (file['deal_id'] !== null) expect(file['deal_name']).toBe(dataset.get('deals', file['deal_id'] as number)?.['title']);
      if (file['product_id'] !== null) expect(file['product_name']).toBe(dataset.get('products', file['product_id'] as number)?.['name']);
    }
    const labelIds = new Set(all(dataset, 'lead_labels').map((l) => l.id));
    for (const lead of dataset.records('leads')) {
      expect((lead['label_ids'] as string[]).every((id) => labelIds.has(id))).toBe(true);
      expect(lead['person_id'] !== null || lead['organization_id'] !== null).toBe(true);
    }
    for (const stage of dataset.records('stages')) expect(has('pipelines', stage['pipeline_id'])).toBe(true);
  });

  it('has custom fields of every user-creatable type, with colliding names, a built-in name and a deleted option', () => {
    for (const entity of ['deal', 'person', 'organization', 'product'] as const) {
      const fields = dataset.customFields(entity);
      expect(new Set(fields.map((f) => f.type))).toEqual(new Set(ALL_TYPES));
      for (const f of fields) expect(f.code).toMatch(/^[0-9a-f]{40}$/);
      expect(new Set(fields.map((f) => f.code)).size).toBe(fields.length);
    }
    const deal = dataset.customFields('deal');
    expect(deal.filter((f) => f.name === 'Region')).toHaveLength(2);
    expect(deal.some((f) => f.name === 'Title')).toBe(true);
    const priority = deal.find((f) => f.deletedOptionId !== undefined);
    expect(priority?.options.map((o) => o.id)).not.toContain(priority?.deletedOptionId);
    expect(all(dataset, 'deals').some((d) => (d['custom_fields'] as Record<string, unknown>)[priority?.code ?? ''] === priority?.deletedOptionId)).toBe(true);
    expect(createDataset({ seed: 3, now: NOW }).customFields('deal')).toEqual(deal);
    expect(createDataset({ seed: 5, now: NOW }).customFields('deal')[0]?.code).not.toBe(deal[0]?.code);
  });

  it('puts v2 custom values in custom_fields (composites as objects) and lead values at the top level, the v1 way', () => {
    const fields = dataset.customFields('deal');
    const byType = (type: string) => fields.find((f) => f.type === type)?.code as string;
    const deals = all(dataset, 'deals');
    const valueOf = (type: string) => deals.map((d) => (d['custom_fields'] as Record<string, any>)[byType(type)]).find((v) => v !== null);
    expect(valueOf('monetary')).toEqual({ value: expect.any(Number), currency: expect.any(String) });
    expect(valueOf('daterange')).toEqual({ value: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), until: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(valueOf('address')).toMatchObject({ value: expect.any(String), locality: expect.any(String), formatted_address: expect.any(String) });
    expect(valueOf('timerange')).toMatchObject({ value: expect.any(String), until: expect.any(String) });
    expect(Array.isArray(valueOf('set'))).toBe(true);
    expect(typeof valueOf('enum')).toBe('number');
    for (const d of deals) expect(Object.keys(d['custom_fields'] as object).sort()).toEqual(fields.map((f) => f.code).sort());

    const leads = all(dataset, 'leads');
    const lead = leads.find((l) => l[byType('monetary')] !== undefined) as ApiRecord;
    expect(typeof lead[byType('monetary')]).toBe('number');
    expect(typeof lead[`${byType('monetary')}_currency`]).toBe('string');
    const withSet = leads.find((l) => l[byType('set')] !== undefined) as ApiRecord;
    expect(withSet[byType('set')]).toMatch(/^\d+(,\d+)*$/);
    expect(leads.some((l) => !(byType('varchar') in l))).toBe(true);
    expect('custom_fields' in lead).toBe(false);
  });

  it('archives some deals and leads, soft-deletes some deals recently and purges older deletions', () => {
    const now = Date.parse(NOW);
    const deals = [...dataset.records('deals', { includePurged: true })];
    const archived = deals.filter((d) => d['is_archived']);
    const deleted = deals.filter((d) => d['is_deleted']);
    expect(archived.length).toBeGreaterThan(0);
    expect(deleted.every((d) => d['status'] === 'deleted')).toBe(true);
    const recent = deleted.filter((d) => Date.parse(d['update_time'] as string) >= now - 30 * DAY);
    const purged = deleted.filter((d) => Date.parse(d['update_time'] as string) < now - 30 * DAY);
    expect(recent.length).toBeGreaterThan(0);
    expect(purged.length).toBeGreaterThan(0);
    expect(dataset.count('deals')).toBe(deals.length - purged.length);
    expect([...dataset.records('deals')].some((d) => d['id'] === purged[0]?.['id'])).toBe(false);
    expect(all(dataset, 'leads').some((l) => l['is_archived'] === true)).toBe(true);
  });

  it('finds records by API id, including UUIDs, and nothing for unknown ids', () => {
    const lead = all(dataset, 'leads')[3] as ApiRecord;
    expect(dataset.get('leads', lead['id'] as string)).toEqual(lead);
    expect(dataset.get('leads', '00000000-0000-4000-8000-000000000000')).toBeUndefined();
    expect(dataset.get('deals', 10_000)).toBeUndefined();
    const user = all(dataset, 'users')[0] as ApiRecord;
    expect(dataset.get('users', user['id'] as number)).toEqual(user);
    expect(dataset.get('deal_fields', 'title')?.['is_custom_field']).toBe(false);
  });

  it('serves a 1,000,000-deal dataset, first and last page, with a modest heap', () => {
    // Typed arrays live outside the JS heap: count both.
    const used = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const before = used();
    const big = createDataset({ seed: 9, now: NOW, counts: { deals: 1_000_000 } });
    const fake = createFakePipedrive({ dataset: big, clock: NOW });
    const first = get(fake, '/api/v2/deals?limit=500');
    expect(first.body.data).toHaveLength(500);
    // Jump to the end with a cursor of the fake's own format (it is opaque to clients).
    const cursor = JSON.parse(Buffer.from(first.body.additional_data.next_cursor, 'base64url').toString());
    const near = Buffer.from(JSON.stringify({ ...cursor, fieldValue: 999_800, id: 999_800 })).toString('base64url');
    const last = get(fake, `/api/v2/deals?limit=500&cursor=${near}`);
    expect(last.status).toBe(200);
    expect(last.body.additional_data.next_cursor).toBeNull();
    expect(last.body.data.at(-1).id).toBeLessThanOrEqual(1_000_000);
    const newest = get(fake, '/api/v2/deals?limit=500&sort_by=update_time&sort_direction=desc');
    expect(newest.body.data).toHaveLength(500);
    const heapDelta = used() - before;
    expect(heapDelta).toBeLessThan(300 * 1024 * 1024);
  });
});
