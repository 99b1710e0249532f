import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ResponseValidationError } from '../../src/index.js';
import { streamTable } from '../../src/streams/table.js';
import { testClient } from '../support/client.js';
import { listHandler, ORIGIN } from '../support/list-server.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Serves `bodies` one after another on GET /api/v2/stages (cursor) or /api/v1/notes (offset). */
function serve(path: string, ...bodies: unknown[]) {
  let calls = 0;
  server.use(http.get(`${ORIGIN}${path}`, () => HttpResponse.json(bodies[Math.min(calls++, bodies.length - 1)] as object)));
  return () => calls;
}

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('pagination guards', () => {
  it('stops with an error when a v2 cursor repeats instead of looping', async () => {
    const calls = serve('/api/v2/stages', { success: true, data: [{ id: 1 }], additional_data: { next_cursor: 'abc' } });
    const error = await caught(testClient().stages().toArray());
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toMatch(/next cursor equals the current one/);
    expect(calls()).toBe(2);
  });

  it('stops with an error when next_start does not advance', async () => {
    const calls = serve('/api/v1/notes', { success: true, data: [{ id: 1 }], additional_data: { pagination: { start: 0, limit: 1, more_items_in_collection: true, next_start: 0 } } });
    const error = await caught(testClient().notes().toArray());
    expect(error.message).toMatch(/does not advance/);
    expect(calls()).toBe(1);
  });

  it('retries a response without a data array, then refuses it', async () => {
    const calls = serve('/api/v2/stages', { success: true, additional_data: { next_cursor: null } });
    const error = await caught(testClient({ retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 1 } }).stages().toArray());
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).path).toBe('data');
    expect(error.message).toMatch(/no data array/);
    expect(calls()).toBe(3);
  });

  it('refuses an empty page that says more pages follow', async () => {
    serve('/api/v2/stages', { success: true, data: [], additional_data: { next_cursor: 'more' } });
    expect((await caught(testClient().stages().toArray())).message).toMatch(/empty page says more pages follow/);
  });

  it('accepts data: null on a last v1 page as an empty list', async () => {
    serve('/api/v1/notes', { success: true, data: null, additional_data: { pagination: { start: 0, limit: 500, more_items_in_collection: false } } });
    expect(await testClient().notes().toArray()).toEqual([]);
  });

  it('reads v1 paging keys placed directly under additional_data, and start + limit when next_start is missing', async () => {
    const records = Array.from({ length: 5 }, (_, i) => ({ id: `00000000-0000-4000-8000-00000000000${i}`, title: `Lead ${i}` }));
    server.use(listHandler(streamTable.leads.endpoint, records, [], { flatV1: true }), listHandler(streamTable.leads.archived, []));
    const got = await testClient().leads({ pageSize: 2 }).toArray();
    expect(got.map((r) => r.id)).toEqual(records.map((r) => r.id));
  });

  it('names the stream, record id and path when a record breaks its schema, and skips the check with validate: false', async () => {
    serve('/api/v2/stages', { success: true, data: [{ id: 7, name: 'Won', update_time: 'not a time' }], additional_data: { next_cursor: null } });
    const error = (await caught(testClient().stages().toArray())) as ResponseValidationError;
    expect(error).toMatchObject({ code: 'response_validation', stream: 'stages', recordId: 7, path: 'update_time' });
    expect(await testClient().stages({ validate: false }).toArray()).toHaveLength(1);
    expect(await testClient({ validate: false }).stages().toArray()).toHaveLength(1);
  });

  it('exposes pages with their next cursor', async () => {
    server.use(listHandler(streamTable.stages.endpoint, Array.from({ length: 3 }, (_, i) => ({ id: i + 1 }))));
    const pages = [];
    for await (const page of testClient().stages({ pageSize: 2 }).pages()) pages.push(page);
    expect(pages.map((p) => [p.items.length, p.nextCursor, p.endpoint])).toEqual([
      [2, btoa('2'), '/api/v2/stages'],
      [1, null, '/api/v2/stages'],
    ]);
  });
});
