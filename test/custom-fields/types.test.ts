import { describe, expectTypeOf, it } from 'vitest';
import type { Deal, Lead, NamedRecord, Paginator, Product, Stage } from '../../src/index.js';
import { testClient } from '../support/client.js';

describe('types of named records', () => {
  it('types custom fields through the generic parameter, on the methods and on stream()', () => {
    const pd = testClient();
    type Mine = { deal_source: string | null; budget: { amount: number | null; currency: string | null } | null };

    const named = pd.deals<Mine>({ customFields: 'named' });
    expectTypeOf(named).toEqualTypeOf<Paginator<NamedRecord<Deal, Mine>>>();
    type Item = NamedRecord<Deal, Mine>;
    expectTypeOf<Item['deal_source']>().toEqualTypeOf<string | null>();
    expectTypeOf<Item['budget']>().toEqualTypeOf<{ amount: number | null; currency: string | null } | null>();
    expectTypeOf<Item['title']>().toEqualTypeOf<Deal['title']>();
    expectTypeOf<Item['custom_fields_raw']>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<Item['custom_fields_deleted_options']>().toEqualTypeOf<Record<string, Array<number | string>> | undefined>();

    expectTypeOf(pd.leads<{ priority: string }>({ customFields: 'named', archived: 'exclude' })).toEqualTypeOf<Paginator<NamedRecord<Lead, { priority: string }>>>();
    expectTypeOf(pd.products({ customFields: 'named' })).toEqualTypeOf<Paginator<NamedRecord<Product>>>();
    expectTypeOf(pd.stream<'deals', Mine>('deals', { customFields: 'named' })).toEqualTypeOf<Paginator<NamedRecord<Deal, Mine>>>();
  });

  it('keeps raw records typed as before', () => {
    const pd = testClient();
    expectTypeOf(pd.deals()).toEqualTypeOf<Paginator<Deal>>();
    expectTypeOf(pd.deals({ customFields: 'raw', updatedSince: '2025-01-01' })).toEqualTypeOf<Paginator<Deal>>();
    expectTypeOf(pd.stages()).toEqualTypeOf<Paginator<Stage>>();
    expectTypeOf(pd.stream('deals')).toEqualTypeOf<Paginator<Deal>>();
  });

  it('refuses the custom-field options on streams without custom fields', () => {
    const pd = testClient();
    // @ts-expect-error stages have no custom fields
    expectTypeOf(pd.stages).toBeCallableWith({ customFields: 'named' });
    // @ts-expect-error notes have no custom fields
    expectTypeOf(pd.notes).toBeCallableWith({ customFieldNames: {} });
    // @ts-expect-error not a mode
    expectTypeOf(pd.deals).toBeCallableWith({ customFields: 'labels' });
    expectTypeOf(pd.fields).parameter(0).toEqualTypeOf<'deals' | 'persons' | 'organizations' | 'leads' | 'products'>();
  });
});
