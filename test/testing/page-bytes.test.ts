import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataset, createFakePipedrive, type ListeningServer } from '../../src/testing/index.js';
import { AUTH, get, sweepCursor } from './helpers.js';

const NOW = '2026-03-01T00:00:00Z';

describe('pages written straight to bytes', () => {
  it('are exactly what JSON.stringify gives for the records they hold, through mutations, deletes and archiving', () => {
    const fake = createFakePipedrive({ dataset: createDataset({ seed: 5, now: NOW, counts: { deals: 1500, persons: 800, organizations: 600, products: 300 } }), clock: '2026-03-01T12:00:00Z' });
    fake.mutate({ create: { deals: 20, persons: 5 }, update: { deals: 200, persons: 50, organizations: 40, products: 30 }, delete: { deals: 30, persons: 10 }, archive: { deals: 25 } });
    const pages: Array<[string, 'deals' | 'persons' | 'organizations' | 'products']> = [
      ['/api/v2/deals?limit=500', 'deals'],
      ['/api/v2/deals?limit=500&status=deleted', 'deals'],
      ['/api/v2/deals/archived?limit=500', 'deals'],
      ['/api/v2/deals?limit=100&sort_by=update_time&sort_direction=desc', 'deals'],
      ['/api/v2/persons?limit=500', 'persons'],
      ['/api/v2/organizations?limit=500', 'organizations'],
      ['/api/v2/products?limit=500', 'products'],
    ];
    for (const [path, stream] of pages) {
      const answer = get(fake, path);
      expect(answer.status, path).toBe(200);
      expect(answer.body.data.length, path).toBeGreaterThan(0);
      expect(answer.raw.body, path).toBe(JSON.stringify(answer.body));
      for (const record of answer.body.data) expect(fake.dataset.get(stream, record.id)).toEqual(record);
    }
    // Open, won, lost, deleted and archived deals all went through the writer.
    const statuses = new Set(sweepCursor(fake, '/api/v2/deals?limit=500').records.map((d) => d.status));
    expect([...statuses].sort()).toEqual(['lost', 'open', 'won']);
  });

  it('a released body is no longer readable as text, and a page read before release keeps its text', () => {
    const fake = createFakePipedrive({ dataset: createDataset({ seed: 6, now: NOW, counts: { deals: 600 } }) });
    const header = (name: string): string | undefined => (name === 'x-api-token' ? AUTH['x-api-token'] : undefined);
    const read = fake.handle({ method: 'GET', url: '/api/v2/deals?limit=500', header });
    expect(read.release).toBeTypeOf('function');
    const text = read.body;
    read.release?.();
    expect(read.body).toBe(text);

    const unread = fake.handle({ method: 'GET', url: '/api/v2/deals?limit=500', header });
    unread.release?.();
    expect(() => unread.body).toThrow(/read after release/);
  });

  it('small pages and cached reference lists get memory of their own (nothing to release)', () => {
    const fake = createFakePipedrive({ dataset: createDataset({ seed: 6, now: NOW, counts: { deals: 600 } }) });
    expect(get(fake, '/api/v2/deals?limit=5').raw.release).toBeUndefined();
    const first = get(fake, '/api/v1/users');
    const again = get(fake, '/api/v1/users');
    expect(first.raw.release).toBeUndefined();
    expect(again.raw.body).toBe(first.raw.body);
  });
});

describe('recycled page memory over HTTP', () => {
  const fake = createFakePipedrive({ dataset: createDataset({ seed: 7, now: NOW, counts: { deals: 6000 } }), latency: { ms: 5, jitterMs: 20, seed: 3 } });
  let server: ListeningServer;
  beforeAll(async () => {
    server = await fake.listen();
  });
  afterAll(async () => {
    await server.close();
  });

  it('never lets one response overwrite another: 12 large pages fetched at once, 4 times, match the pages read one by one', async () => {
    // Read every page once through the core, keeping each page's URL and body.
    const pages: Array<{ path: string; body: string }> = [];
    let cursor: string | null = null;
    do {
      const path = `/api/v2/deals?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const answer = get(fake, path);
      pages.push({ path, body: answer.raw.body });
      cursor = answer.body.additional_data.next_cursor;
    } while (cursor);
    expect(pages).toHaveLength(12);
    // All but the last are lent from the writer pool (over 64 KB), the case where memory is recycled.
    for (const { body } of pages.slice(0, -1)) expect(body.length).toBeGreaterThan(64 * 1024);
    for (let round = 0; round < 4; round++) {
      const bodies = await Promise.all(pages.map(async ({ path }) => (await fetch(`${server.url}${path}`, { headers: AUTH })).text()));
      bodies.forEach((body, i) => expect(body === pages[i]?.body, `round ${round}, page ${i}`).toBe(true));
    }
  });
});
