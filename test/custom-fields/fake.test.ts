import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomFieldStream } from '../../src/index.js';
import { createDataset, createFakePipedrive, type CustomFieldEntity, type CustomFieldInfo } from '../../src/testing/index.js';
import { testClient } from '../support/client.js';
import { ORIGIN, TOKEN } from '../support/list-server.js';

const dataset = createDataset({ seed: 7, counts: { deals: 60, persons: 40, organizations: 30, products: 20, leads: 40 } });
const fake = createFakePipedrive({ dataset, apiToken: TOKEN });
const server = setupServer(...fake.handlers(ORIGIN));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const ENTITY: Record<CustomFieldStream, CustomFieldEntity> = { deals: 'deal', persons: 'person', organizations: 'organization', products: 'product', leads: 'deal' };

type Row = Record<string, unknown> & { custom_fields_raw: Record<string, unknown>; custom_fields_deleted_options?: Record<string, Array<number | string>> };

/** Checks one named record against the dataset's catalog: labels, flags, composites, raw values. */
function checkRecord(record: Row, fields: readonly CustomFieldInfo[], names: Record<string, string>): { labelled: number; deleted: number } {
  let labelled = 0;
  let deleted = 0;
  expect(Object.keys(record).filter((k) => /^[0-9a-f]{40}/.test(k))).toEqual([]);
  for (const f of fields) {
    const name = names[f.code]!;
    expect(name).toMatch(/^[a-z_][a-z0-9_]*$/);
    expect(record).toHaveProperty(name);
    const raw = record.custom_fields_raw[f.code];
    const value = record[name];
    const label = (id: unknown) => f.options.find((o) => o.id === id)?.label;
    if (raw === null || raw === undefined) {
      expect(value).toBeNull();
      continue;
    }
    switch (f.type) {
      case 'enum':
        if (label(raw) === undefined) {
          expect(raw).toBe(f.deletedOptionId);
          expect(value).toBe(raw);
          expect(record.custom_fields_deleted_options?.[name]).toEqual([raw]);
          deleted += 1;
        } else {
          expect(value).toBe(label(raw));
          labelled += 1;
        }
        break;
      case 'set':
        expect(value).toEqual((raw as number[]).map((id) => label(id) ?? id));
        labelled += 1;
        break;
      case 'monetary':
        expect(value).toEqual({ amount: (raw as { value: number }).value, currency: (raw as { currency: string }).currency });
        break;
      case 'daterange':
        expect(value).toEqual({ start: (raw as { value: string }).value, end: (raw as { until: string }).until });
        break;
      case 'address':
        expect((value as { formatted_address: string }).formatted_address).toBe((raw as { formatted_address: string }).formatted_address);
        break;
      case 'time':
      case 'timerange':
        expect(value).toMatchObject({ timezone_id: (raw as { timezone_id: number }).timezone_id });
        break;
      default:
        expect(value).toEqual(raw);
    }
  }
  return { labelled, deleted };
}

describe('named reads against the fake Pipedrive (msw)', () => {
  for (const stream of ['deals', 'persons', 'organizations', 'products', 'leads'] as const) {
    it(`decodes every custom field of ${stream}`, async () => {
      const pd = testClient();
      const fields = dataset.customFields(ENTITY[stream]);
      const named = (await pd.stream(stream, { customFields: 'named' }).toArray()) as unknown as Row[];
      const raw = (await pd.stream(stream).toArray()) as Record<string, unknown>[];
      const names = pd.customFieldNames()[stream]!;

      expect(named.length).toBe(raw.length);
      expect(named.length).toBeGreaterThan(0);
      expect(Object.keys(names).sort()).toEqual(fields.map((f) => f.code).sort());
      let labelled = 0;
      for (const record of named) labelled += checkRecord(record, fields, names).labelled;
      expect(labelled).toBeGreaterThan(0);
      // Nothing is lost: v2 raw values are exactly the custom_fields of a raw read.
      if (stream !== 'leads') named.forEach((record, i) => expect(record.custom_fields_raw).toEqual(raw[i]!['custom_fields']));
    });
  }

  it('names the deal collisions of the fake (a custom "Title", two "Region" fields) and decodes leads with the same names', async () => {
    const pd = testClient();
    const [deal] = (await pd.deals({ customFields: 'named', pageSize: 1, archived: 'exclude' }).pages()[Symbol.asyncIterator]().next()).value!.items as unknown as Row[];
    const fields = dataset.customFields('deal');
    const names = pd.customFieldNames().deals!;
    const regions = fields.filter((f) => f.name === 'Region').map((f) => names[f.code]);
    expect(regions).toEqual(['region', 'region_2']);
    expect(names[fields.find((f) => f.name === 'Title')!.code]).toBe('title_2');
    expect(typeof deal!.title).toBe('string');
    await pd.leads({ customFields: 'named', archived: 'exclude' }).toArray();
    expect(pd.customFieldNames().leads).toEqual(names);
  });

  it('reads the product catalog from the fake\'s own /productFields, once', async () => {
    const pd = testClient();
    const before = fake.requests.length;
    await pd.products({ customFields: 'named' }).toArray();
    const catalog = fake.requests.slice(before).filter((r) => r.path === '/api/v2/productFields');
    expect(catalog).toHaveLength(1);
    expect(catalog[0]).toMatchObject({ status: 200, tokenCost: 10 });
  });

  it('flags the deleted option of the fake, and loads each catalog once per client', async () => {
    const pd = testClient();
    const before = fake.requests.length;
    const deals = (await pd.deals({ customFields: 'named', pageSize: 7 }).toArray()) as unknown as Row[];
    const leads = (await pd.leads({ customFields: 'named', pageSize: 7 }).toArray()) as unknown as Row[];
    const flagged = [...deals, ...leads].filter((r) => r.custom_fields_deleted_options?.['priority']);
    expect(flagged.length).toBeGreaterThan(0);
    const requests = fake.requests.slice(before);
    expect(requests.filter((r) => r.path === '/api/v2/dealFields')).toHaveLength(1);
    expect(requests.filter((r) => r.path === '/api/v2/deals').length).toBeGreaterThan(1);
    expect(requests.find((r) => r.path === '/api/v2/deals')!.query['include_option_labels']).toBe('true');
  });
});
