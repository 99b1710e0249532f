import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assignFieldNames, buildNameMap, checkNameMap, ConfigError, extendNameMap, slugifyFieldName, toFieldCatalog, type NameMap } from '../../src/index.js';
import { fieldSchema } from '../../src/schemas/field.js';
import { testClient } from '../support/client.js';
import { dealFields, field, K, key, serve, v2Deal, v2Values, type Seen } from './fixtures.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const catalogOf = (records: Record<string, unknown>[], name: 'deal_fields' | 'person_fields' | 'product_fields' = 'deal_fields') =>
  toFieldCatalog(name, records.map((r) => fieldSchema.parse(r)));

describe('slugifyFieldName', () => {
  it.each([
    ['Deal source', 'deal_source'],
    ['  Deal   source  ', 'deal_source'],
    ['Référence client', 'reference_client'],
    ['Größe (cm)', 'grosse_cm'],
    ['Discount %', 'discount'],
    ['Weight (kg)', 'weight_kg'],
    ['CO₂ per unit', 'co2_per_unit'],
    ['2nd phone', '_2nd_phone'],
    ['Sales -- Q1/Q2', 'sales_q1_q2'],
    ['ÆØÅ', 'aeoa'],
  ])('%s -> %s', (name, slug) => {
    expect(slugifyFieldName(name)).toBe(slug);
  });

  it('falls back to field_ and the key when nothing is left', () => {
    expect(slugifyFieldName('Источник', 'dcf558aac1ae4e8c4f849ba5e668430d8df9be12')).toBe('field_dcf558aa');
    expect(slugifyFieldName('!!!', 'abcdef0123456789')).toBe('field_abcdef01');
  });

  it('cuts long names to 60 characters', () => {
    const slug = slugifyFieldName('a very long field name '.repeat(10));
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug.endsWith('_')).toBe(false);
  });
});

describe('name maps', () => {
  it('builds names for each stream, avoiding the stream built-ins, with _2, _3 by catalog order', () => {
    const catalog = catalogOf(dealFields({ extra: [field(key(300), 'Region', 'varchar'), field(key(301), 'Region 2', 'varchar')] }));
    const map = buildNameMap({ deals: catalog, leads: catalog });
    expect(map.deals![K.title]).toBe('title_2');
    expect([map.deals![K.region1], map.deals![K.region2], map.deals![key(300)], map.deals![key(301)]]).toEqual(['region', 'region_2', 'region_3', 'region_2_2']);
    expect(map.leads![K.enum]).toBe('deal_source');
    expect(Object.keys(map.deals!)).toHaveLength(catalog.fields.filter((f) => f.isCustom).length);
  });

  it('never gives a custom field a schema key, a catalog built-in or a layout key', () => {
    const catalog = catalogOf([
      field('title', 'Title', 'varchar'),
      field(key(1), 'Custom fields raw', 'varchar'),
      field(key(2), 'Update time', 'varchar'),
      field(key(3), 'Is archived', 'varchar'),
      field(key(4), 'Custom fields', 'varchar'),
    ]);
    expect(buildNameMap({ deals: catalog }).deals).toEqual({
      [key(1)]: 'custom_fields_raw_2',
      [key(2)]: 'update_time_2',
      [key(3)]: 'is_archived_2',
      [key(4)]: 'custom_fields_2',
    });
  });

  it('keeps the first name of a renamed field, and takes the new one with refresh', () => {
    const before = buildNameMap({ deals: catalogOf(dealFields()) });
    const renamed = catalogOf(dealFields({ sourceName: 'Lead origin' }));
    expect(extendNameMap(before, { deals: renamed }).deals![K.enum]).toBe('deal_source');
    expect(extendNameMap(before, { deals: renamed }, { refresh: true }).deals![K.enum]).toBe('lead_origin');
  });

  it('gives new fields names that avoid every existing one, also names of deleted fields', () => {
    const before: NameMap = { deals: { [K.enum]: 'deal_source', [key(400)]: 'old_field' }, persons: { x: 'kept' } };
    const catalog = catalogOf(dealFields({ sourceName: 'Lead origin', extra: [field(key(401), 'Deal source', 'varchar'), field(key(402), 'Old field', 'varchar')] }));
    const after = extendNameMap(before, { deals: catalog });
    expect(after.deals![K.enum]).toBe('deal_source');
    expect(after.deals![key(401)]).toBe('deal_source_2');
    expect(after.deals![key(402)]).toBe('old_field_2');
    expect(after.deals![key(400)]).toBe('old_field');
    expect(after.persons).toEqual({ x: 'kept' });
    expect(before.deals).toEqual({ [K.enum]: 'deal_source', [key(400)]: 'old_field' });
  });

  it('re-suffixes a kept name that now clashes with a built-in or with an earlier kept name', () => {
    const catalog = catalogOf(dealFields());
    const names = assignFieldNames(catalog.fields, new Set(['title', 'deal_source']), { [K.enum]: 'deal_source', [K.set]: 'same', [K.date]: 'same' });
    expect(names[K.enum]).toBe('deal_source_2');
    expect(names[K.set]).toBe('same');
    expect(names[K.date]).toBe('contract_start');
  });

  it('accepts names chosen by hand', () => {
    const names = assignFieldNames(catalogOf(dealFields()).fields, new Set(), { [K.enum]: 'Where it came from' });
    expect(names[K.enum]).toBe('Where it came from');
  });

  it('checks maps and catalogs', () => {
    expect(() => checkNameMap('x')).toThrow(ConfigError);
    expect(() => checkNameMap({ deals: [] })).toThrow(/customFieldNames.deals must be an object/);
    expect(() => checkNameMap({ deals: { a: '' } })).toThrow(/non-empty string/);
    expect(() => extendNameMap({}, { deals: catalogOf([], 'person_fields') })).toThrow(/deals custom fields are decoded with deal_fields/);
    expect(() => buildNameMap({ stages: catalogOf([]) } as never)).toThrow(/"stages" has no custom fields/);
  });
});

describe('stable names between runs', () => {
  it('a field renamed between two runs keeps its first name when the map is passed in, and takes the new name with refresh', async () => {
    const seen: Seen[] = [];
    let catalog = dealFields();
    server.use(
      serve('v2', '/dealFields', () => catalog, seen),
      serve('v2', '/deals', () => [v2Deal(1, v2Values())], seen),
      serve('v2', '/deals/archived', () => [], seen),
    );
    const first = testClient();
    const [run1] = await first.deals({ customFields: 'named' }).toArray();
    expect(run1!.deal_source).toBe('Web');
    const saved = JSON.parse(JSON.stringify(first.customFieldNames())) as NameMap;
    expect(saved.deals![K.enum]).toBe('deal_source');

    catalog = dealFields({ sourceName: 'Lead origin' });

    const kept = testClient();
    const [run2] = await kept.deals({ customFields: 'named', customFieldNames: saved }).toArray();
    expect(run2!.deal_source).toBe('Web');
    expect(run2).not.toHaveProperty('lead_origin');
    expect(kept.customFieldNames()).toEqual(saved);

    const refreshed = testClient();
    const [run3] = await refreshed.deals({ customFields: 'named', customFieldNames: saved, refreshCustomFieldNames: true }).toArray();
    expect(run3!.lead_origin).toBe('Web');
    expect(run3).not.toHaveProperty('deal_source');
    expect(refreshed.customFieldNames().deals![K.enum]).toBe('lead_origin');

    const [fresh] = await testClient().deals({ customFields: 'named' }).toArray();
    expect(fresh!.lead_origin).toBe('Web');
  });

  it('only uses the entry of the stream being read', async () => {
    server.use(
      serve('v2', '/dealFields', () => dealFields(), []),
      serve('v2', '/deals', () => [v2Deal(1, v2Values())], []),
      serve('v2', '/deals/archived', () => [], []),
    );
    const pd = testClient();
    const [deal] = await pd.deals({ customFields: 'named', customFieldNames: { leads: { [K.enum]: 'lead_only' } } }).toArray();
    expect(deal!.deal_source).toBe('Web');
    expect(pd.customFieldNames()).not.toHaveProperty('leads');
  });
});
