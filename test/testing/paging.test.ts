import { describe, expect, it } from 'vitest';
import { createDataset, createFakePipedrive, type ApiRecord } from '../../src/testing/index.js';
import { get, ids, sweepCursor, sweepOffset } from './helpers.js';

const NOW = '2025-06-01T00:00:00Z';
const DAY = 86_400_000;
const dataset = createDataset({ seed: 11, now: NOW, counts: { deals: 1500, leads: 700, notes: 600, files: 230, products: 60 } });
const fake = createFakePipedrive({ dataset, clock: '2025-06-01T12:00:00Z' });
const records = (stream: Parameters<typeof dataset.records>[0]): ApiRecord[] => [...dataset.records(stream)];
const live = (r: ApiRecord): boolean => r['is_archived'] !== true && r['is_deleted'] !== true;
const time = (value: unknown): number => Date.parse(String(value).includes('T') ? String(value) : `${String(value).replace(' ', 'T')}Z`);
// Ties by id for numeric ids; UUID records (leads) keep creation order (sort is stable).
const byTimeThenId = (field: string) => (a: ApiRecord, b: ApiRecord) =>
  time(a[field]) - time(b[field]) || (typeof a['id'] === 'number' ? (a['id'] as number) - (b['id'] as number) : 0);

describe('paging', () => {
  it('follows v2 cursors to the end with no gaps or repeats, at any page size', () => {
    const expected = records('deals').filter(live).map((d) => d['id']);
    for (const limit of [1, 7, 100, 500]) {
      const { records: got, pages } = sweepCursor(fake, `/api/v2/deals?limit=${limit}`);
      expect(ids(got)).toEqual(expected);
      expect(pages).toBe(Math.max(1, Math.ceil(expected.length / limit)));
    }
    const page = get(fake, '/api/v2/deals');
    expect(page.body.data).toHaveLength(100);
  });

  it('pages every cursor stream, small lists and field catalogs included', () => {
    for (const [path, stream] of [
      ['/api/v2/persons?limit=37', 'persons'],
      ['/api/v2/organizations?limit=9', 'organizations'],
      ['/api/v2/activities?limit=50', 'activities'],
      ['/api/v2/products?limit=11', 'products'],
      ['/api/v2/pipelines?limit=1', 'pipelines'],
      ['/api/v2/stages?limit=4', 'stages'],
    ] as const) {
      expect(ids(sweepCursor(fake, path).records), path).toEqual(records(stream).filter((r) => r['is_deleted'] !== true).map((r) => r['id']));
    }
    const fields = sweepCursor(fake, '/api/v2/dealFields?limit=5').records.map((f) => f.field_code);
    expect(fields).toEqual(records('deal_fields').map((f) => f['field_code']));
    expect(get(fake, '/api/v2/dealFields?limit=500').body.additional_data.next_cursor).toBeNull();
  });

  it('pages /productFields: built-in product fields, then the products\' custom fields with their options', () => {
    const all = get(fake, '/api/v2/productFields?limit=500').body;
    expect(all.additional_data.next_cursor).toBeNull();
    const catalog = all.data;
    for (const limit of [1, 4, 29, 100]) {
      const { records: paged, pages } = sweepCursor(fake, `/api/v2/productFields?limit=${limit}`);
      expect(paged, `limit ${limit}`).toEqual(catalog);
      expect(pages).toBe(Math.ceil(catalog.length / limit));
    }
    expect(get(fake, '/api/v2/productFields').body.data).toEqual(catalog.slice(0, 100));
    expect(get(fake, '/api/v2/productFields?limit=501').status).toBe(400);

    const builtIn = catalog.filter((f: any) => !f.is_custom_field).map((f: any) => f.field_code);
    expect(builtIn).toEqual(expect.arrayContaining(['name', 'code', 'unit', 'tax', 'category', 'prices', 'owner_id', 'visible_to', 'billing_frequency']));
    // Every property of a product record has its field, but the deletion flag and the custom_fields container.
    const product = records('products')[0]!;
    expect([...builtIn].sort()).toEqual(Object.keys(product).filter((k) => k !== 'custom_fields' && k !== 'is_deleted').sort());
    const category = catalog.find((f: any) => f.field_code === 'category');
    const categories = new Set(category.options.map((o: any) => o.id));
    expect(records('products').every((p) => p['category'] === null || categories.has(p['category']))).toBe(true);

    // Custom fields: the same 40-hex keys as the products' custom_fields, in the dataset's order, options for enum and set.
    const custom = catalog.filter((f: any) => f.is_custom_field);
    const defs = dataset.customFields('product');
    expect(custom.map((f: any) => f.field_code)).toEqual(defs.map((d) => d.code));
    expect(Object.keys(product['custom_fields'] as object).sort()).toEqual(defs.map((d) => d.code).sort());
    for (const def of defs) {
      const field = custom.find((f: any) => f.field_code === def.code);
      expect(field).toMatchObject({ field_name: def.name, field_type: def.type, is_optional_response_field: false });
      if (def.type === 'enum' || def.type === 'set') expect(field.options.map((o: any) => ({ id: o.id, label: o.label }))).toEqual(def.options);
      else expect(field.options).toBeNull();
    }
    const monetary = custom.find((f: any) => f.field_type === 'monetary');
    expect(monetary.subfields.map((s: any) => s.field_code)).toEqual([monetary.field_code, `${monetary.field_code}_currency`]);

    // A catalog served by the endpoint table only: not a dataset stream.
    expect(() => dataset.records('product_fields' as never).next()).toThrow(RangeError);
  });

  it('follows v1 offsets to the end; leads put the paging keys directly under additional_data', () => {
    const leads = sweepOffset(fake, '/api/v1/leads', 100);
    expect(ids(leads.records)).toEqual(records('leads').filter(live).map((l) => l['id']));
    const first = get(fake, '/api/v1/leads?limit=100').body.additional_data;
    expect(first).toEqual({ start: 0, limit: 100, more_items_in_collection: true });
    const notes = sweepOffset(fake, '/api/v1/notes', 500);
    expect(ids(notes.records)).toEqual(records('notes').filter((n) => n['active_flag']).map((n) => n['id']));
    expect(get(fake, '/api/v1/notes?limit=500').body.additional_data.pagination).toEqual({ start: 0, limit: 500, more_items_in_collection: true, next_start: 500 });
    const lastNotes = get(fake, '/api/v1/notes?limit=500&start=500').body.additional_data.pagination;
    expect(lastNotes.more_items_in_collection).toBe(false);
    expect(lastNotes).not.toHaveProperty('next_start');
    expect(ids(sweepOffset(fake, '/v1/files', 100).records)).toEqual(records('files').filter((f) => f['active_flag']).map((f) => f['id']));
  });

  it('answers unpaginated v1 lists in one go, without additional_data', () => {
    for (const [path, stream] of [
      ['/api/v1/users', 'users'],
      ['/api/v1/activityTypes', 'activity_types'],
      ['/api/v1/filters', 'filters'],
      ['/api/v1/currencies', 'currencies'],
      ['/api/v1/leadLabels', 'lead_labels'],
    ] as const) {
      const { body } = get(fake, `${path}?limit=1&start=2`);
      expect(Object.keys(body).sort()).toEqual(['data', 'success']);
      expect(body.data).toEqual(records(stream));
    }
  });
});

describe('time filters', () => {
  const deals = records('deals').filter(live);
  // A second shared by many deals: the boundary cases matter there.
  const counts = new Map<string, number>();
  for (const d of deals) counts.set(d['update_time'] as string, (counts.get(d['update_time'] as string) ?? 0) + 1);
  const [boundary] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] as [string, number];
  const later = new Date(time(boundary) + 90 * DAY).toISOString().replace('.000Z', 'Z');

  it('v2 updated_since is inclusive (>=) and updated_until exclusive (<)', () => {
    expect(counts.get(boundary)).toBeGreaterThan(1);
    const since = sweepCursor(fake, `/api/v2/deals?limit=500&updated_since=${boundary}`).records;
    expect(ids(since)).toEqual(deals.filter((d) => time(d['update_time']) >= time(boundary)).map((d) => d['id']));
    const until = sweepCursor(fake, `/api/v2/deals?limit=500&updated_until=${boundary}`).records;
    expect(ids(until)).toEqual(deals.filter((d) => time(d['update_time']) < time(boundary)).map((d) => d['id']));
    const window = sweepCursor(fake, `/api/v2/deals?limit=500&updated_since=${boundary}&updated_until=${later}`).records;
    expect(ids(window)).toEqual(deals.filter((d) => time(d['update_time']) >= time(boundary) && time(d['update_time']) < time(later)).map((d) => d['id']));
    expect(since.length + until.length).toBe(deals.length);
  });

  it('accepts offsets in v2 times but rejects fractional seconds, as the live API does', () => {
    const offset = new Date(time(boundary)).toISOString().replace('.000Z', '+00:00');
    expect(get(fake, `/api/v2/deals?updated_since=${encodeURIComponent(offset)}&limit=1`).status).toBe(200);
    const fractional = get(fake, `/api/v2/deals?updated_since=${boundary.replace('Z', '.000Z')}`);
    expect(fractional.status).toBe(400);
    expect(fractional.body).toMatchObject({ success: false, code: 'ERR_SCHEMA_VALIDATION_FAILED' });
  });

  it('products take updated_since only; updated_until is not a products parameter and is ignored', () => {
    const products = records('products').filter(live);
    const mid = products[Math.floor(products.length / 2)]?.['update_time'] as string;
    const got = sweepCursor(fake, `/api/v2/products?limit=500&updated_since=${mid}&updated_until=2000-01-01T00:00:00Z`).records;
    expect(ids(got)).toEqual(products.filter((p) => time(p['update_time']) >= time(mid)).map((p) => p['id']));
  });

  it('v1 leads and notes take updated_since (>=)', () => {
    const notes = records('notes').filter((n) => n['active_flag']);
    const mid = notes[200]?.['update_time'] as string;
    const got = sweepOffset(fake, `/api/v1/notes?sort=update_time ASC&updated_since=${encodeURIComponent(mid.replace(' ', 'T') + 'Z')}`, 100).records;
    expect(ids(got)).toEqual([...notes].sort(byTimeThenId('update_time')).filter((n) => time(n['update_time']) >= time(mid)).map((n) => n['id']));
    const leads = records('leads').filter(live);
    const since = leads[300]?.['update_time'] as string;
    const gotLeads = sweepOffset(fake, `/api/v1/leads?updated_since=${since}`, 500).records;
    expect(new Set(ids(gotLeads))).toEqual(new Set(leads.filter((l) => time(l['update_time']) >= time(since)).map((l) => l['id'])));
  });
});

describe('sorting', () => {
  const deals = records('deals').filter(live);

  it('sorts v2 lists by update_time and add_time, both directions, ties by id', () => {
    const asc = [...deals].sort(byTimeThenId('update_time')).map((d) => d['id']);
    expect(ids(sweepCursor(fake, '/api/v2/deals?limit=250&sort_by=update_time').records)).toEqual(asc);
    expect(ids(sweepCursor(fake, '/api/v2/deals?limit=250&sort_by=update_time&sort_direction=desc').records)).toEqual([...asc].reverse());
    const byAdd = [...deals].sort(byTimeThenId('add_time')).map((d) => d['id']);
    expect(ids(sweepCursor(fake, '/api/v2/deals?limit=300&sort_by=add_time').records)).toEqual(byAdd);
    expect(ids(sweepCursor(fake, '/api/v2/deals?limit=300&sort_direction=desc').records)).toEqual(deals.map((d) => d['id']).reverse());
  });

  it('sorts products by name and stages by order_nr', () => {
    const names = sweepCursor(fake, '/api/v2/products?limit=7&sort_by=name').records.map((p) => p.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(names).toHaveLength(records('products').filter(live).length);
    const stages = sweepCursor(fake, '/api/v2/stages?limit=2&sort_by=order_nr&sort_direction=desc').records.map((s) => s.order_nr);
    expect(stages).toEqual([...stages].sort((a, b) => b - a));
  });

  it('sorts v1 lists with "field DIR"', () => {
    const notes = records('notes').filter((n) => n['active_flag']);
    expect(ids(sweepOffset(fake, '/api/v1/notes?sort=update_time ASC', 100).records)).toEqual([...notes].sort(byTimeThenId('update_time')).map((n) => n['id']));
    expect(ids(sweepOffset(fake, '/api/v1/notes?sort=id DESC', 100).records)).toEqual(notes.map((n) => n['id']).reverse());
    const files = records('files').filter((f) => f['active_flag']);
    expect(ids(sweepOffset(fake, '/api/v1/files?sort=update_time DESC', 100).records)).toEqual([...files].sort(byTimeThenId('update_time')).reverse().map((f) => f['id']));
    const leads = records('leads').filter(live);
    expect(ids(sweepOffset(fake, '/api/v1/leads', 500).records)).toEqual([...leads].sort(byTimeThenId('add_time')).map((l) => l['id']));
  });
});

describe('deals: status, deleted and archived', () => {
  const all = [...dataset.records('deals', { includePurged: true })];
  const clockNow = Date.parse('2025-06-01T12:00:00Z');

  it('lists deals deleted within 30 days only with status=deleted, never older deletions', () => {
    const expected = all.filter((d) => d['is_deleted'] && !d['is_archived'] && time(d['update_time']) >= clockNow - 30 * DAY).map((d) => d['id']);
    expect(expected.length).toBeGreaterThan(0);
    const got = sweepCursor(fake, '/api/v2/deals?status=deleted&limit=500').records;
    expect(ids(got)).toEqual(expected);
    expect(got.every((d) => d.is_deleted && d.status === 'deleted')).toBe(true);
    expect(all.some((d) => d['is_deleted'] && !expected.includes(d['id']))).toBe(true);
    const defaults = sweepCursor(fake, '/api/v2/deals?limit=500').records;
    expect(defaults.some((d) => d.is_deleted)).toBe(false);
  });

  it('filters by one or several statuses', () => {
    const openWon = sweepCursor(fake, '/api/v2/deals?status=open,won&limit=500').records;
    expect(ids(openWon)).toEqual(all.filter((d) => live(d) && (d['status'] === 'open' || d['status'] === 'won')).map((d) => d['id']));
    expect(get(fake, '/api/v2/deals?status=archived').status).toBe(400);
  });

  it('serves archived deals and leads only from the archived endpoints', () => {
    const archived = sweepCursor(fake, '/api/v2/deals/archived?limit=500').records;
    expect(ids(archived)).toEqual(all.filter((d) => d['is_archived'] && !d['is_deleted']).map((d) => d['id']));
    expect(archived.every((d) => d.is_archived === true && d.archive_time !== null)).toBe(true);
    const archivedLeads = sweepOffset(fake, '/api/v1/leads/archived', 500).records;
    expect(archivedLeads.length).toBeGreaterThan(0);
    expect(archivedLeads.every((l) => l.is_archived === true)).toBe(true);
    expect(sweepOffset(fake, '/api/v1/leads', 500).records.some((l) => l.is_archived)).toBe(false);
  });
});

describe('custom field options', () => {
  const defs = dataset.customFields('deal');
  const enumField = defs.find((f) => f.deletedOptionId !== undefined);
  const setField = defs.find((f) => f.type === 'set');

  it('include_option_labels=true turns enum and set values into {id, label}; a deleted option keeps its id with a null label', () => {
    const plain = sweepCursor(fake, '/api/v2/deals?limit=500').records;
    const labelled = sweepCursor(fake, '/api/v2/deals?limit=500&include_option_labels=true').records;
    const code = enumField?.code as string;
    const i = plain.findIndex((d) => typeof d.custom_fields[code] === 'number' && d.custom_fields[code] !== enumField?.deletedOptionId);
    const label = enumField?.options.find((o) => o.id === plain[i].custom_fields[code])?.label;
    expect(labelled[i].custom_fields[code]).toEqual({ id: plain[i].custom_fields[code], label });
    const j = plain.findIndex((d) => d.custom_fields[code] === enumField?.deletedOptionId);
    expect(labelled[j].custom_fields[code]).toEqual({ id: enumField?.deletedOptionId, label: null });
    const s = setField?.code as string;
    const k = plain.findIndex((d) => Array.isArray(d.custom_fields[s]));
    expect(labelled[k].custom_fields[s]).toEqual(plain[k].custom_fields[s].map((id: number) => ({ id, label: setField?.options.find((o) => o.id === id)?.label })));
    const persons = get(fake, '/api/v2/persons?limit=50&include_option_labels=true').body.data;
    const personEnum = dataset.customFields('person').find((f) => f.type === 'enum')?.code as string;
    expect(persons.some((p: any) => typeof p.custom_fields[personEnum]?.label === 'string')).toBe(true);
  });

  it('custom_fields= narrows custom_fields to the given keys (15 at most)', () => {
    const keys = defs.slice(0, 2).map((f) => f.code);
    const { body } = get(fake, `/api/v2/deals?limit=3&custom_fields=${keys.join(',')}`);
    for (const d of body.data) expect(Object.keys(d.custom_fields).sort()).toEqual([...keys].sort());
    expect(get(fake, `/api/v2/deals?custom_fields=${defs.slice(0, 16).map((f) => f.code).join(',')}`).status).toBe(400);
  });

  it('field catalogs list built-in and custom fields, namespaces only on request', () => {
    const catalog = get(fake, '/api/v2/dealFields?limit=500').body.data;
    expect(catalog.find((f: any) => f.field_code === 'title')).toMatchObject({ field_name: 'Title', is_custom_field: false });
    expect(catalog.filter((f: any) => f.field_name === 'Title')).toHaveLength(2);
    expect(catalog.find((f: any) => f.field_code === enumField?.code)).toMatchObject({ field_type: 'enum', is_custom_field: true, options: expect.any(Array) });
    expect(catalog[0]).not.toHaveProperty('ui_visibility');
    expect(get(fake, '/api/v2/dealFields?include_fields=ui_visibility').body.data[0]).toHaveProperty('ui_visibility');
    const monetary = catalog.find((f: any) => f.field_type === 'monetary' && f.is_custom_field);
    expect(monetary.subfields.map((s: any) => s.field_code)).toEqual([monetary.field_code, `${monetary.field_code}_currency`]);
  });
});

describe('rejections', () => {
  it('rejects a limit above the maximum with a 400 (v2 500, v1 500, files 100)', () => {
    for (const path of ['/api/v2/deals?limit=1000', '/api/v2/dealFields?limit=501', '/api/v1/leads?limit=501', '/api/v1/notes?limit=1000', '/api/v1/files?limit=101']) {
      const answer = get(fake, path);
      expect(answer.status, path).toBe(400);
      expect(answer.body).toMatchObject({ success: false, error: expect.stringContaining('limit'), data: null });
    }
    expect(get(fake, '/api/v1/files?limit=100').status).toBe(200);
    expect(get(fake, '/api/v2/deals?limit=0').status).toBe(400);
  });

  it('rejects bad cursors, sorts and flags', () => {
    expect(get(fake, '/api/v2/deals?cursor=not-a-cursor').status).toBe(400);
    const next = get(fake, '/api/v2/deals?limit=2').body.additional_data.next_cursor;
    expect(get(fake, `/api/v2/deals?limit=2&cursor=${next}&sort_by=update_time`).status).toBe(400);
    expect(get(fake, '/api/v2/deals?sort_by=title').status).toBe(400);
    expect(get(fake, '/api/v2/deals?sort_direction=up').status).toBe(400);
    expect(get(fake, '/api/v2/deals?include_option_labels=yes').status).toBe(400);
    expect(get(fake, '/api/v1/notes?sort=colour ASC').status).toBe(400);
  });

  it('answers an unknown path with Pipedrive\'s 404, and accepts /v1 as well as /api/v1', () => {
    const missing = get(fake, '/api/v2/unicorns');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ success: false, error: 'Unknown method .' });
    expect(get(fake, '/v2/deals').status).toBe(404);
    expect(get(fake, '/api/v1/deals').status).toBe(404);
    expect(get(fake, '/v1/users').body.data).toEqual(get(fake, '/api/v1/users').body.data);
  });
});
