import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decoderFor, type DecodedValue } from '../../src/custom-fields/value-decoders.js';
import { ConfigError, type CatalogField } from '../../src/index.js';
import { testClient } from '../support/client.js';
import { exampleItems } from '../support/openapi.js';
import { ADDRESS, count, dealFields, K, key, serve, v1Lead, v2Deal, v2Values, withLabels, field, type FieldRecord, type Seen } from './fixtures.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** The decoded custom fields of a deal holding `v2Values()`, the same for v1 and v2 records. */
const EXPECTED = {
  deal_notes: 'Long notes',
  reference_client: 'REF-1',
  discount: 12.5,
  budget: { amount: 500, currency: 'EUR' },
  deal_source: 'Web',
  interests: ['CRM', 'Support'],
  contract_start: '2025-01-31',
  contract_period: { start: '2025-01-01', end: '2025-12-31' },
  call_time: { time: '10:30:00', timezone_id: 7, timezone_name: 'Europe/Tallinn' },
  support_hours: { start: '09:00:00', end: '17:00:00', timezone_id: 7, timezone_name: 'Europe/Tallinn' },
  billing_address: ADDRESS,
  account_manager: 5,
  partner: 9,
  champion: 3,
  direct_line: '+372 5555 0000',
  title_2: 'Custom title',
  region: 'North',
  region_2: 'EMEA',
};

const isHashKey = (k: string) => /^[0-9a-f]{40}/.test(k);

/** Serves the deal catalog, deals (labelled when asked) and archived deals (never labelled), and leads. */
function serveDeals(seen: Seen[], options: { catalog?: ReturnType<typeof dealFields>; deals?: Record<string, unknown>[]; archived?: Record<string, unknown>[]; leads?: Record<string, unknown>[]; labels?: 'honour' | 'ignore'; catalogPage?: number } = {}) {
  const catalog = options.catalog ?? dealFields();
  server.use(
    serve('v2', '/dealFields', () => catalog, seen, options.catalogPage),
    serve('v2', '/deals', (query) => {
      const deals = options.deals ?? [v2Deal(1, v2Values())];
      if (options.labels === 'ignore' || query.get('include_option_labels') !== 'true') return deals;
      return deals.map((deal) => ({ ...deal, custom_fields: withLabels(deal['custom_fields'] as Record<string, unknown>, catalog) }));
    }, seen),
    serve('v2', '/deals/archived', () => options.archived ?? [], seen),
    serve('v1', '/leads', () => options.leads ?? [], seen),
    serve('v1', '/leads/archived', () => [], seen),
  );
}

/** The custom part of a named record: every key the plan writes. */
function customPart(record: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const name of [...Object.keys(EXPECTED), 'custom_fields_raw', 'custom_fields_deleted_options']) if (name in record) out[name] = record[name];
  return out;
}

describe('named records', () => {
  it('decodes every custom field type of a v2 deal, asking the server for option labels', async () => {
    const seen: Seen[] = [];
    serveDeals(seen);
    const [deal] = await testClient().deals({ customFields: 'named' }).toArray();

    expect(deal).toMatchObject(EXPECTED);
    expect(deal!.custom_fields_raw).toEqual(v2Values());
    expect(deal).not.toHaveProperty('custom_fields');
    expect(deal).not.toHaveProperty('custom_fields_deleted_options');
    expect(Object.keys(deal!).filter(isHashKey)).toEqual([]);
    const main = seen.find((s) => s.path === '/api/v2/deals')!;
    const archived = seen.find((s) => s.path === '/api/v2/deals/archived')!;
    expect(main.query.get('include_option_labels')).toBe('true');
    // The spec gives /deals/archived no include_option_labels: its labels come from the catalog.
    expect(archived.query.has('include_option_labels')).toBe(false);
  });

  it('decodes a v1 lead with the deal fields into the same layout as a v2 deal', async () => {
    const catalog = dealFields();
    serveDeals([], { catalog, leads: [v1Lead(1, v2Values(), catalog)] });
    const pd = testClient();
    const [deal] = await pd.deals({ customFields: 'named' }).toArray();
    const [lead] = await pd.leads({ customFields: 'named' }).toArray();

    expect(lead).toMatchObject(EXPECTED);
    expect(customPart(lead!)).toEqual(customPart(deal!));
    expect(lead!.custom_fields_raw).toEqual(v2Values());
    expect(Object.keys(lead!).filter(isHashKey)).toEqual([]);
    expect(lead!.title).toBe('Lead 1');
    expect(lead!.value).toEqual({ amount: 10, currency: 'EUR' });
  });

  it('labels enum and set ids from the catalog when the server sends ids (archived deals, or labels not honoured)', async () => {
    serveDeals([], { deals: [v2Deal(1, v2Values(2, [12]))], archived: [v2Deal(2, v2Values(3, [11, 12, 13]))], labels: 'ignore' });
    const [main, archived] = await testClient().deals({ customFields: 'named' }).toArray();
    expect(main).toMatchObject({ deal_source: 'Referral', interests: ['Analytics'], region_2: 'EMEA' });
    expect(archived).toMatchObject({ deal_source: 'Event', interests: ['CRM', 'Analytics', 'Support'], is_archived: true });
    expect(archived!.custom_fields_raw).toEqual(v2Values(3, [11, 12, 13]));
  });

  it('prefers the label the server sends over the catalog one', async () => {
    const deal = v2Deal(1, { ...v2Values(), [K.enum]: { id: 1, label: 'Website' } });
    serveDeals([], { deals: [deal], labels: 'ignore' });
    const [named] = await testClient().deals({ customFields: 'named', archived: 'exclude' }).toArray();
    expect(named!.deal_source).toBe('Website');
    expect(named!.custom_fields_raw[K.enum]).toBe(1);
  });

  it('keeps a deleted option as its id and lists it in custom_fields_deleted_options (v2 with labels, v2 without, v1)', async () => {
    const catalog = dealFields();
    const values = v2Values(99, [11, 98]);
    serveDeals([], { catalog, deals: [v2Deal(1, values)], archived: [v2Deal(2, values)], leads: [v1Lead(1, values, catalog)] });
    const pd = testClient();
    const records = [...(await pd.deals({ customFields: 'named' }).toArray()), ...(await pd.leads({ customFields: 'named' }).toArray())];
    expect(records).toHaveLength(3);
    for (const record of records) {
      expect(record.deal_source).toBe(99);
      expect(record.interests).toEqual(['CRM', 98]);
      expect(record.custom_fields_deleted_options).toEqual({ deal_source: [99], interests: [98] });
      expect(record.custom_fields_raw[K.enum]).toBe(99);
      expect(record.custom_fields_raw[K.set]).toEqual([11, 98]);
    }
  });

  it('writes null under every name the record leaves empty, and keeps keys the catalog lacks in custom_fields_raw', async () => {
    const stray = 'ab'.repeat(20);
    serveDeals([], { deals: [v2Deal(1, { [K.text]: 'only this', [stray]: 'stray' })], labels: 'ignore' });
    const [deal] = await testClient().deals({ customFields: 'named', archived: 'exclude' }).toArray();
    expect(deal!.deal_notes).toBe('only this');
    for (const name of Object.keys(EXPECTED).filter((n) => n !== 'deal_notes')) expect(deal![name]).toBeNull();
    expect(deal!.custom_fields_raw[stray]).toBe('stray');
    expect(deal!.custom_fields_raw[K.monetary]).toBeNull();
  });

  it('names a custom field like a built-in with a suffix, and two fields of one name by catalog order', async () => {
    serveDeals([]);
    const pd = testClient();
    const [deal] = await pd.deals({ customFields: 'named', archived: 'exclude' }).toArray();
    expect(deal!.title).toBe('Deal 1');
    expect(deal!.title_2).toBe('Custom title');
    expect(deal!.region).toBe('North');
    expect(deal!.region_2).toBe('EMEA');
    expect(pd.customFieldNames().deals).toMatchObject({ [K.title]: 'title_2', [K.region1]: 'region', [K.region2]: 'region_2' });
  });

  it('leaves records as sent in raw mode, without asking for labels or the catalog', async () => {
    const seen: Seen[] = [];
    serveDeals(seen);
    const [deal] = await testClient().deals().toArray();
    expect(deal!.custom_fields).toEqual(v2Values());
    expect(count(seen, '/api/v2/dealFields')).toBe(0);
    expect(seen.every((s) => !s.query.has('include_option_labels'))).toBe(true);
  });

  it('decodes products with the /productFields catalog, which is not a stream of the table', async () => {
    const seen: Seen[] = [];
    const price = key(100);
    const categories = key(101);
    const catalog = [
      ...(exampleItems('v2', '/productFields') as Record<string, unknown>[]),
      field(price, 'Old price', 'monetary'),
      field(categories, 'Categories', 'set', { options: [{ id: 1, label: 'Software' }, { id: 2, label: 'Hardware' }] }),
    ];
    const product = { ...(exampleItems('v2', '/products')[0] as Record<string, unknown>), id: 1, custom_fields: { [price]: { value: 9, currency: 'USD' }, [categories]: [2] } };
    server.use(serve('v2', '/productFields', () => catalog, seen), serve('v2', '/products', () => [product, { ...product, id: 2 }], seen, 1));
    const pd = testClient();
    const products = await pd.products({ customFields: 'named' }).toArray();

    expect(products.map((p) => [p.old_price, p.categories_2])).toEqual([
      [{ amount: 9, currency: 'USD' }, ['Hardware']],
      [{ amount: 9, currency: 'USD' }, ['Hardware']],
    ]);
    // The spec example's own custom fields ("Price", "Categories") take the plain names first.
    expect(pd.customFieldNames().products).toMatchObject({ [price]: 'old_price', [categories]: 'categories_2' });
    expect(count(seen, '/api/v2/productFields')).toBe(1);
    expect(seen.find((s) => s.path === '/api/v2/productFields')!.query.get('limit')).toBe('500');
    expect(seen.filter((s) => s.path === '/api/v2/products').every((s) => !s.query.has('include_option_labels'))).toBe(true);
  });
});

describe('catalog loading', () => {
  it('reads every catalog page once for a whole read of many pages, and shares it with leads', async () => {
    const seen: Seen[] = [];
    const catalog = dealFields();
    const deals = Array.from({ length: 9 }, (_, i) => v2Deal(i + 1, v2Values()));
    const archived = Array.from({ length: 3 }, (_, i) => v2Deal(i + 10, v2Values()));
    const leads = Array.from({ length: 5 }, (_, i) => v1Lead(i + 1, v2Values(), catalog));
    serveDeals(seen, { catalog, deals, archived, leads, catalogPage: 5 });
    const pd = testClient();

    const namedDeals = await pd.deals({ customFields: 'named', pageSize: 2 }).toArray();
    const namedLeads = await pd.leads({ customFields: 'named', pageSize: 2 }).toArray();

    const catalogPages = Math.ceil(catalog.length / 5);
    expect(count(seen, '/api/v2/dealFields')).toBe(catalogPages);
    expect(count(seen, '/api/v2/deals')).toBe(5);
    expect(namedDeals).toHaveLength(12);
    expect(namedLeads).toHaveLength(5);
    // The last catalog page holds "Region": decoded, so every page was read.
    for (const record of [...namedDeals, ...namedLeads]) expect(record.region_2).toBe('EMEA');
  });

  it('loads the catalog lazily, at the first page, and not at all for an empty stream', async () => {
    const seen: Seen[] = [];
    serveDeals(seen, { deals: [] });
    const pd = testClient();
    const paginator = pd.deals({ customFields: 'named' });
    expect(seen).toHaveLength(0);
    expect(await paginator.toArray()).toEqual([]);
    expect(count(seen, '/api/v2/dealFields')).toBe(0);
  });

  it('reads a stale catalog again, once, when records carry a field it lacks', async () => {
    const seen: Seen[] = [];
    const extra = field(key(200), 'Deal source', 'varchar');
    let catalog = dealFields();
    server.use(serve('v2', '/dealFields', () => catalog, seen));
    let deals = [v2Deal(1, v2Values())];
    server.use(serve('v2', '/deals', () => deals, seen), serve('v2', '/deals/archived', () => [], seen));
    const pd = testClient();
    await pd.deals({ customFields: 'named' }).toArray();
    expect(count(seen, '/api/v2/dealFields')).toBe(1);

    // A field is created in Pipedrive after the catalog was cached.
    catalog = dealFields({ extra: [extra] });
    deals = [v2Deal(1, { ...v2Values(), [key(200)]: 'Fair' })];
    await new Promise((resolve) => setTimeout(resolve, 5));
    const [deal] = await pd.deals({ customFields: 'named' }).toArray();
    expect(count(seen, '/api/v2/dealFields')).toBe(2);
    expect(deal!.deal_source).toBe('Web');
    expect(deal!.deal_source_2).toBe('Fair');

    await pd.deals({ customFields: 'named' }).toArray();
    expect(count(seen, '/api/v2/dealFields')).toBe(2);
  });

  it('reads a stale catalog again, once, when a v1 record holds an option created since', async () => {
    const seen: Seen[] = [];
    let catalog: FieldRecord[] = dealFields();
    let enumId = 1;
    server.use(serve('v2', '/dealFields', () => catalog, seen), serve('v1', '/leads', () => [v1Lead(1, v2Values(enumId), catalog)], seen), serve('v1', '/leads/archived', () => [], seen));
    const pd = testClient();
    const [before] = await pd.leads({ customFields: 'named' }).toArray();
    expect(before!.deal_source).toBe('Web');

    // Option 4 is created in Pipedrive, and a lead gets it.
    catalog = dealFields().map((f) => (f['field_code'] === K.enum ? { ...f, options: [...(f['options'] as object[]), { id: 4, label: 'Partner' }] } : f));
    enumId = 4;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const [after] = await pd.leads({ customFields: 'named' }).toArray();
    expect(after!.deal_source).toBe('Partner');
    expect(after).not.toHaveProperty('custom_fields_deleted_options');
    expect(count(seen, '/api/v2/dealFields')).toBe(2);
  });

  it('re-reads the catalog only when asked once an id is known to be missing from it', async () => {
    const seen: Seen[] = [];
    let catalog: FieldRecord[] = dealFields();
    server.use(serve('v2', '/dealFields', () => catalog, seen), serve('v1', '/leads', () => [v1Lead(1, v2Values(4), catalog)], seen), serve('v1', '/leads/archived', () => [], seen));
    const pd = testClient();
    const [before] = await pd.leads({ customFields: 'named' }).toArray();
    expect(before!.custom_fields_deleted_options).toEqual({ deal_source: [4] });
    catalog = dealFields().map((f) => (f['field_code'] === K.enum ? { ...f, options: [...(f['options'] as object[]), { id: 4, label: 'Partner' }] } : f));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await pd.leads({ customFields: 'named' }).toArray())[0]!.deal_source).toBe(4);
    expect(count(seen, '/api/v2/dealFields')).toBe(1);
    await pd.fields('leads', { refresh: true });
    expect((await pd.leads({ customFields: 'named' }).toArray())[0]!.deal_source).toBe('Partner');
    expect(count(seen, '/api/v2/dealFields')).toBe(2);
  });

  it('never re-reads the catalog because of deleted options', async () => {
    const seen: Seen[] = [];
    serveDeals(seen, { deals: [v2Deal(1, v2Values(99))], labels: 'ignore' });
    const pd = testClient();
    for (let run = 0; run < 3; run += 1) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      const [deal] = await pd.deals({ customFields: 'named', archived: 'exclude' }).toArray();
      expect(deal!.custom_fields_deleted_options).toEqual({ deal_source: [99] });
    }
    expect(count(seen, '/api/v2/dealFields')).toBe(1);
  });

  it('pd.fields() returns the typed catalog, cached per client, refreshed on demand', async () => {
    const seen: Seen[] = [];
    serveDeals(seen);
    const pd = testClient();
    const catalog = await pd.fields('deals');
    expect(await pd.fields('leads')).toBe(catalog);
    expect(catalog.catalog).toBe('deal_fields');
    const source = catalog.fields.find((f) => f.key === K.enum)!;
    expect(source).toEqual({ key: K.enum, name: 'Deal source', type: 'enum', isCustom: true, options: { 1: 'Web', 2: 'Referral', 3: 'Event' }, subfields: [] });
    expect(catalog.fields.find((f) => f.key === 'value')!.subfields.map((s) => s.key)).toEqual(['value', 'currency']);
    expect(Object.isFrozen(catalog.fields)).toBe(true);
    expect(count(seen, '/api/v2/dealFields')).toBe(1);
    const fresh = await pd.fields('deals', { refresh: true });
    expect(fresh).not.toBe(catalog);
    expect(count(seen, '/api/v2/dealFields')).toBe(2);
    // A second client has its own cache.
    await testClient().fields('deals');
    expect(count(seen, '/api/v2/dealFields')).toBe(3);
  });
});

describe('value decoders', () => {
  const decode = (type: string, input: unknown, options: Record<string, string> = {}) => {
    const f: CatalogField = { key: key(1), name: 'F', type, isCustom: true, options, subfields: [] };
    const slot: DecodedValue = { raw: undefined, value: undefined, missing: undefined };
    decoderFor(f)(input, slot);
    return slot;
  };

  it('reads the v1 and older forms too', () => {
    expect(decode('user', { id: 5, name: 'Ann', value: 5 }).value).toBe(5);
    expect(decode('org', { name: 'Acme', value: 9 }).value).toBe(9);
    expect(decode('people', '3').value).toBe(3);
    expect(decode('double', '12.50').value).toBe(12.5);
    expect(decode('double', 'n/a').value).toBe('n/a');
    expect(decode('monetary', 250)).toMatchObject({ raw: 250, value: { amount: 250, currency: null } });
    expect(decode('monetary', { amount: '7', currency: 'USD' }).value).toEqual({ amount: 7, currency: 'USD' });
    expect(decode('time', '10:00:00').value).toEqual({ time: '10:00:00', timezone_id: null, timezone_name: null });
    expect(decode('daterange', { value: null, until: null }).value).toBeNull();
  });

  it('treats empty values as null and keeps unknown types as sent', () => {
    for (const type of ['enum', 'set', 'monetary', 'address', 'user', 'double', 'varchar']) {
      expect(decode(type, null)).toMatchObject({ raw: null, value: null, missing: undefined });
      expect(decode(type, undefined)).toMatchObject({ raw: null, value: null });
    }
    expect(decode('enum', '').value).toBeNull();
    expect(decode('set', '').value).toBeNull();
    expect(decode('set', []).value).toEqual([]);
    expect(decode('json', { a: 1 }).value).toEqual({ a: 1 });
  });

  it('labels enum and set values in every form: ids, id strings, comma lists, { id, label }', () => {
    const options = { 1: 'A', 2: 'B' };
    expect(decode('enum', '2', options)).toMatchObject({ raw: 2, value: 'B', missing: undefined });
    expect(decode('enum', { id: 1, label: null }, options).value).toBe('A');
    expect(decode('set', '1, 2', options)).toMatchObject({ raw: [1, 2], value: ['A', 'B'] });
    expect(decode('set', 2, options)).toMatchObject({ raw: [2], value: ['B'] });
    expect(decode('set', [{ id: 1, label: 'A' }, { id: 9, label: null }], options)).toMatchObject({ raw: [1, 9], value: ['A', 9], missing: [9] });
  });
});

describe('custom-field options', () => {
  it('refuses the custom-field options on streams without custom fields, before any request', () => {
    const pd = testClient();
    expect(() => pd.stages({ customFields: 'named' } as never)).toThrow(ConfigError);
    expect(() => pd.activities({ customFieldNames: {} } as never)).toThrow(/activities has no custom fields.*deals, persons, organizations, leads, products/);
    expect(() => pd.stream('notes', { customFields: 'raw' } as never)).toThrow(ConfigError);
  });

  it('refuses an unknown mode and a malformed name map with messages that say what to pass', () => {
    const pd = testClient();
    expect(() => pd.deals({ customFields: 'labels' } as never)).toThrow(/use 'raw' \(the default\) or 'named'/);
    expect(() => pd.deals({ customFields: 'named', customFieldNames: { deals: { [K.enum]: 7 } } as never })).toThrow(/must be a non-empty string/);
    expect(() => pd.deals({ customFields: 'named', customFieldNames: [] as never })).toThrow(ConfigError);
    expect(() => pd.fields('stages' as never)).toThrow(/Streams with custom fields/);
  });
});
