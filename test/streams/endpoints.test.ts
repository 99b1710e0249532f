import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Pipedrive } from '../../src/index.js';
import { streamNames, streamTable } from '../../src/streams/table.js';
import type { StreamSpec } from '../../src/streams/types.js';
import { testClient } from '../support/client.js';
import { listHandler, makeRecords, TOKEN, type SeenRequest } from '../support/list-server.js';
import { exampleItems } from '../support/openapi.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function idKind(spec: StreamSpec): 'number' | 'uuid' | 'field_code' {
  if (spec.primaryKey === 'field_code') return 'field_code';
  return typeof (exampleItems(spec.endpoint.api, spec.endpoint.path)[0] as { id: unknown }).id === 'string' ? 'uuid' : 'number';
}

describe('every stream reads its endpoint to the end', () => {
  for (const name of streamNames) {
    const spec: StreamSpec = streamTable[name];
    const method = Pipedrive.streams.find((s) => s.name === name)!.method;
    const paginated = spec.endpoint.pagination !== 'none';

    it(`${method}() pages GET /api/${spec.endpoint.api}${spec.endpoint.path} to the end with the token in a header only`, async () => {
      const template = exampleItems(spec.endpoint.api, spec.endpoint.path)[0] as Record<string, unknown>;
      const records = makeRecords(template, paginated ? 7 : 4, idKind(spec));
      const seen: SeenRequest[] = [];
      server.use(listHandler(spec.endpoint, records, seen));
      if (spec.archived) server.use(listHandler(spec.archived, [], seen));

      const client = testClient();
      const options = paginated ? { pageSize: 3 } : {};
      const got = await (client as unknown as Record<string, (o: object) => { toArray(): Promise<Record<string, unknown>[]> }>)[method]!(options).toArray();

      expect(got.map((r) => r[spec.primaryKey])).toEqual(records.map((r) => r[spec.primaryKey]));
      const main = seen.filter((r) => r.url.pathname === `/api/${spec.endpoint.api}${spec.endpoint.path}`);
      expect(main).toHaveLength(paginated ? 3 : 1);
      for (const request of seen) {
        expect(request.headers.get('x-api-token')).toBe(TOKEN);
        expect(request.url.href).not.toContain(TOKEN);
        expect(request.url.searchParams.has('api_token')).toBe(false);
      }
      if (spec.endpoint.pagination === 'cursor') {
        expect(main.map((r) => r.url.searchParams.get('limit'))).toEqual(['3', '3', '3']);
        expect(main[0]!.url.searchParams.has('cursor')).toBe(false);
        expect(main[1]!.url.searchParams.get('cursor')).toBe(btoa('3'));
      }
      if (spec.endpoint.pagination === 'offset') {
        expect(main.map((r) => r.url.searchParams.get('start'))).toEqual(['0', '3', '6']);
      }
      if (!paginated) expect(main[0]!.url.searchParams.has('limit')).toBe(false);
    });

    if (paginated) {
      it(`${method}() asks for the largest page GET /api/${spec.endpoint.api}${spec.endpoint.path} allows by default`, async () => {
        const seen: SeenRequest[] = [];
        server.use(listHandler(spec.endpoint, [], seen));
        if (spec.archived) server.use(listHandler(spec.archived, [], seen));
        await testClient().stream(name, {} as never).toArray();
        expect(seen[0]!.url.searchParams.get('limit')).toBe(String(spec.endpoint.maxPageSize));
      });
    }
  }
});

describe('archived companions', () => {
  const cases = [
    { name: 'deals' as const, idKind: 'number' as const },
    { name: 'leads' as const, idKind: 'uuid' as const },
  ];
  for (const { name, idKind: kind } of cases) {
    const spec: StreamSpec = streamTable[name];
    const template = () => exampleItems(spec.endpoint.api, spec.endpoint.path)[0] as Record<string, unknown>;

    it(`${name} reads the main list, then ${spec.archived!.path}, and marks each record archived or not`, async () => {
      const active = makeRecords({ ...template(), is_archived: undefined }, 4, kind);
      const archived = makeRecords({ ...template(), is_archived: undefined }, 5, kind).map((r, i) => ({ ...r, id: kind === 'uuid' ? `10000000-0000-4000-8000-${String(i).padStart(12, '0')}` : 100 + i }));
      const seen: SeenRequest[] = [];
      server.use(listHandler(spec.endpoint, active, seen), listHandler(spec.archived!, archived, seen));
      const got = (await testClient().stream(name, { pageSize: 2 }).toArray()) as Record<string, unknown>[];
      expect(got.map((r) => r['id'])).toEqual([...active, ...archived].map((r) => r['id']));
      expect(got.map((r) => r['is_archived'])).toEqual([...active.map(() => false), ...archived.map(() => true)]);
      expect(seen.map((r) => r.url.pathname)).toEqual([
        ...Array(2).fill(`/api/${spec.endpoint.api}${spec.endpoint.path}`),
        ...Array(3).fill(`/api/${spec.archived!.api}${spec.archived!.path}`),
      ]);
    });

    it(`${name} with archived: 'exclude' and 'only' reads one endpoint`, async () => {
      const seen: SeenRequest[] = [];
      server.use(listHandler(spec.endpoint, makeRecords(template(), 2, kind), seen), listHandler(spec.archived!, makeRecords(template(), 3, kind), seen));
      expect(await testClient().stream(name, { archived: 'exclude' }).toArray()).toHaveLength(2);
      expect(await testClient().stream(name, { archived: 'only' }).toArray()).toHaveLength(3);
      expect(seen.map((r) => r.url.pathname)).toEqual([`/api/${spec.endpoint.api}${spec.endpoint.path}`, `/api/${spec.archived!.api}${spec.archived!.path}`]);
    });
  }
});
