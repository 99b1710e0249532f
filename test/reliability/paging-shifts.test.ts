import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testClient } from '../support/client.js';
import { ORIGIN } from '../support/list-server.js';

/**
 * Offset lists read newest first (`sort=update_time DESC`: /v1/files, /v1/leads/archived) shift when rows
 * change while they are paged. Rows already read that leave the list move every unread row up, past the
 * next offset; such rows are older than anything a later run asks for, so skipping them would lose them.
 */

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const time = (n: number) => `2025-01-01 00:${String(Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;

/** A v1 offset list served newest first; `change(requestIndex, rows)` edits the rows before a request is answered. */
function descendingList(path: string, rows: Record<string, unknown>[], change: (request: number, rows: Record<string, unknown>[]) => void) {
  const starts: number[] = [];
  server.use(
    http.get(`${ORIGIN}${path}`, ({ request }) => {
      const url = new URL(request.url);
      change(starts.length, rows);
      const start = Number(url.searchParams.get('start') ?? 0);
      const limit = Number(url.searchParams.get('limit'));
      starts.push(start);
      const sorted = [...rows].sort((a, b) => String(b['update_time']).localeCompare(String(a['update_time'])));
      const data = sorted.slice(start, start + limit);
      const more = start + limit < sorted.length;
      return HttpResponse.json({ success: true, data, additional_data: { pagination: { start, limit, more_items_in_collection: more, ...(more ? { next_start: start + limit } : {}) } } });
    }),
  );
  return starts;
}

const file = (id: number) => ({ id, name: `file-${id}.pdf`, file_name: `file-${id}.pdf`, active_flag: true, add_time: time(id), update_time: time(id) });

describe('offset paging newest first while rows change', () => {
  it('reads every file when files already read are deleted between pages', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => file(i + 1));
    const starts = descendingList('/api/v1/files', rows, (request, list) => {
      // before the 2nd and 3rd page: delete three files of the first page
      if (request === 1 || request === 2) for (const id of request === 1 ? [40, 39] : [38]) list.splice(list.findIndex((r) => r['id'] === id), 1);
    });
    const got = await testClient().files({ updatedSince: '2024-12-31', pageSize: 10 }).toArray();
    const ids = got.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length); // nothing twice
    expect([...ids].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1)); // nothing skipped
    expect(starts[0]).toBe(0);
    expect(starts.length).toBeLessThanOrEqual(8); // one step back per shift, not a re-read of the list
  });

  it('yields no file twice when new files push the list down between pages', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => file(i + 1));
    descendingList('/api/v1/files', rows, (request, list) => {
      if (request === 1) list.push(file(100), file(101), file(102));
    });
    const got = await testClient().files({ updatedSince: '2024-12-31', pageSize: 10 }).toArray();
    const ids = got.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (let id = 1; id <= 30; id += 1) expect(ids).toContain(id);
  });

  it('reads every archived lead when archived leads already read leave the list between pages', async () => {
    server.use(http.get(`${ORIGIN}/api/v1/leads`, () => HttpResponse.json({ success: true, data: [], additional_data: { pagination: { start: 0, limit: 10, more_items_in_collection: false } } })));
    const lead = (n: number) => ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, title: `Lead ${n}`, is_archived: true, add_time: `2025-01-01T00:00:${String(n).padStart(2, '0')}.000Z`, update_time: `2025-01-01T00:00:${String(n).padStart(2, '0')}.000Z` });
    const rows = Array.from({ length: 35 }, (_, i) => lead(i + 1));
    descendingList('/api/v1/leads/archived', rows, (request, list) => {
      if (request === 2) list.splice(-4); // the four newest, read on the first page, are unarchived
    });
    const got = await testClient().leads({ archived: 'only', updatedSince: '2024-12-31', pageSize: 10 }).toArray();
    const ids = got.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(35);
  });
});
