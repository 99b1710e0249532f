import { describe, expect, it } from 'vitest';
import { createDataset, createFakePipedrive, createClock } from '../../src/testing/index.js';
import { get, ids, sweepCursor, sweepOffset } from './helpers.js';

const NOW = '2025-06-01T00:00:00Z';
const DAY = 86_400_000;
const fresh = (counts = { deals: 400, leads: 120 }) => {
  const dataset = createDataset({ seed: 31, now: NOW, counts });
  return createFakePipedrive({ dataset, clock: '2025-06-02T09:30:15.750Z' });
};

describe('mutate', () => {
  it('creates records above the highest id with add_time = update_time = now (to the second)', () => {
    const fake = fresh();
    const maxId = Math.max(...[...fake.dataset.records('deals', { includePurged: true })].map((d) => d['id'] as number));
    const { created } = fake.mutate({ create: { deals: 3, persons: 2, leads: 1 } });
    expect(created.deals).toEqual([maxId + 1, maxId + 2, maxId + 3]);
    expect(created.persons).toHaveLength(2);
    const deal = get(fake, `/api/v2/deals?ids=${maxId + 2}`).body.data[0];
    expect(deal).toMatchObject({ id: maxId + 2, add_time: '2025-06-02T09:30:15Z', update_time: '2025-06-02T09:30:15Z', status: 'open', is_deleted: false });
    const lead = fake.dataset.get('leads', created.leads?.[0] as string);
    expect(lead?.['add_time']).toBe('2025-06-02T09:30:15.000Z');
    const newest = get(fake, '/api/v2/deals?sort_by=update_time&sort_direction=desc&limit=3').body.data;
    expect(ids(newest).sort()).toEqual(created.deals);
  });

  it('updates chosen or counted records: update_time moves to now and values change', () => {
    const fake = fresh();
    const before = fake.dataset.get('deals', 10);
    const { updated } = fake.mutate({ update: { deals: [10], persons: 4 } });
    expect(updated.deals).toEqual([10]);
    expect(updated.persons).toHaveLength(4);
    const after = fake.dataset.get('deals', 10);
    expect(after?.['update_time']).toBe('2025-06-02T09:30:15Z');
    expect(after?.['add_time']).toBe(before?.['add_time']);
    expect(after?.['title']).toBe(before?.['title']);
    expect(JSON.stringify(after?.['custom_fields'])).not.toBe(JSON.stringify(before?.['custom_fields']));
    const since = get(fake, '/api/v2/persons?updated_since=2025-06-02T09:30:15Z').body.data;
    expect(ids(since)).toEqual(updated.persons);
    // Same seed and same mutations: same result.
    expect(fresh().mutate({ update: { persons: 4 } }).updated.persons).toEqual(updated.persons);
  });

  it('soft-deletes deals (status deleted, visible with status=deleted only) and removes leads', () => {
    const fake = fresh();
    const { deleted } = fake.mutate({ delete: { deals: 3, leads: 2 } });
    const gone = deleted.deals as number[];
    expect(gone).toHaveLength(3);
    const listed = ids(sweepCursor(fake, '/api/v2/deals?limit=500').records);
    expect(listed.filter((id) => gone.includes(id as number))).toEqual([]);
    const deletedDeals = sweepCursor(fake, '/api/v2/deals?status=deleted&limit=500').records;
    for (const id of gone) expect(deletedDeals.find((d) => d.id === id)).toMatchObject({ is_deleted: true, status: 'deleted', update_time: '2025-06-02T09:30:15Z' });
    const leads = ids(sweepOffset(fake, '/api/v1/leads', 500).records);
    expect(leads.filter((id) => deleted.leads?.includes(id))).toEqual([]);
    expect(fake.dataset.get('leads', deleted.leads?.[0] as string)).toBeUndefined();
  });

  it('archives deals and leads: they move to the archived endpoints with update_time bumped', () => {
    const fake = fresh();
    const { archived } = fake.mutate({ archive: { deals: 2, leads: 1 } });
    const archivedDeals = sweepCursor(fake, '/api/v2/deals/archived?limit=500').records;
    for (const id of archived.deals ?? []) {
      expect(archivedDeals.find((d) => d.id === id)).toMatchObject({ is_archived: true, archive_time: '2025-06-02T09:30:15Z', update_time: '2025-06-02T09:30:15Z' });
    }
    expect(ids(sweepCursor(fake, '/api/v2/deals?limit=500').records).some((id) => archived.deals?.includes(id))).toBe(false);
    const archivedLeads = sweepOffset(fake, '/api/v1/leads/archived', 500).records;
    expect(archivedLeads.find((l) => l.id === archived.leads?.[0])).toMatchObject({ is_archived: true });
  });

  it('refuses unknown ids and streams that cannot change', () => {
    const fake = fresh();
    expect(() => fake.mutate({ update: { deals: [999_999] } })).toThrow(/does not exist/);
    expect(() => fake.mutate({ archive: { persons: 1 } as never })).toThrow(/archived/);
    expect(() => fake.mutate({ create: { users: 1 } as never })).toThrow(/cannot be changed/);
  });

  it('may change data between two page requests, like the live API (cursors name positions, not offsets)', () => {
    const fake = fresh({ deals: 900, leads: 10 });
    const seen = new Map<number, string[]>();
    let cursor: string | null = null;
    let page = 0;
    do {
      const body: any = get(fake, `/api/v2/deals?limit=100&sort_by=update_time${cursor ? `&cursor=${cursor}` : ''}`).body;
      for (const d of body.data) seen.set(d.id, [...(seen.get(d.id) ?? []), d.update_time]);
      cursor = body.additional_data.next_cursor;
      if (++page === 2) {
        fake.clock.advance(1000);
        fake.mutate({ update: { deals: [ids(body.data)[0] as number, 850] }, delete: { deals: [851] } });
      }
    } while (cursor);
    const expected = [...fake.dataset.records('deals')].filter((d) => !d['is_archived'] && !d['is_deleted']).map((d) => d['id']);
    for (const id of expected) expect(seen.has(id as number), `deal ${id}`).toBe(true);
    // A deal updated after it was served comes again at the end, with its new update_time.
    expect(seen.get(850)?.at(-1)).toBe('2025-06-02T09:30:16Z');
  });

  it('uses the fake clock for the 30-day deleted window', () => {
    const fake = fresh();
    const { deleted } = fake.mutate({ delete: { deals: [5] } });
    expect(ids(get(fake, '/api/v2/deals?status=deleted&limit=500').body.data)).toContain(deleted.deals?.[0]);
    fake.clock.advance(31 * DAY);
    expect(ids(get(fake, '/api/v2/deals?status=deleted&limit=500').body.data)).not.toContain(deleted.deals?.[0]);
    expect(fake.dataset.count('deals')).toBeGreaterThan(0);
  });
});

describe('clock', () => {
  it('follows real time by default, shifted by set and advance', () => {
    const clock = createClock();
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
    clock.set('2030-01-01T00:00:00Z');
    expect(Math.abs(clock.now().getTime() - Date.parse('2030-01-01T00:00:00Z'))).toBeLessThan(1000);
    clock.advance(DAY);
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2030-01-02T00:00:00Z'));
  });

  it('stays frozen when started at a date', () => {
    const clock = createClock('2025-01-01T00:00:00Z');
    clock.advance(1500);
    expect(clock.now().toISOString()).toBe('2025-01-01T00:00:01.500Z');
    clock.set(new Date('2025-02-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2025-02-01T00:00:00.000Z');
  });
});
