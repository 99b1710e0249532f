/**
 * Field catalogs and records in the shapes of the specs (v2 `/dealFields` items, v2 `custom_fields`, v1
 * top-level keys with suffixed siblings), built by factories, and msw handlers that serve them.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { ORIGIN } from '../support/list-server.js';

/** A 40-hex key, distinct per `n`. */
export const key = (n: number): string => `${'c0ffee'.repeat(6)}${n.toString(16).padStart(4, '0')}`;

export type FieldRecord = Record<string, unknown>;

/** One v2 field catalog item. */
export function field(code: string, name: string, type: string, extra: Partial<FieldRecord> = {}): FieldRecord {
  return { field_code: code, field_name: name, field_type: type, options: null, subfields: null, is_custom_field: /^[0-9a-f]{40}$/.test(code), is_optional_response_field: false, ...extra };
}

const options = (pairs: Array<[number, string]>) => pairs.map(([id, label]) => ({ id, label, color: null, add_time: null, update_time: null }));

/** Keys of the custom deal fields, one per type (plus the collisions). */
export const K = {
  text: key(1),
  varchar: key(2),
  double: key(3),
  monetary: key(4),
  enum: key(5),
  set: key(6),
  date: key(7),
  daterange: key(8),
  time: key(9),
  timerange: key(10),
  address: key(11),
  user: key(12),
  org: key(13),
  people: key(14),
  phone: key(15),
  title: key(16),
  region1: key(17),
  region2: key(18),
} as const;

/** The deal field catalog: a few built-ins, every custom type, a custom "Title" and two "Region" fields. */
export function dealFields(overrides: { sourceName?: string; extra?: FieldRecord[] } = {}): FieldRecord[] {
  return [
    field('id', 'ID', 'int'),
    field('title', 'Title', 'varchar'),
    field('value', 'Value', 'monetary', { subfields: [{ field_code: 'value', field_name: 'Amount of Value', field_type: 'double' }, { field_code: 'currency', field_name: 'Currency of Value', field_type: 'varchar' }] }),
    field('status', 'Status', 'status', { options: [{ id: 'open', label: 'Open' }, { id: 'won', label: 'Won' }] }),
    field(K.text, 'Deal notes', 'text'),
    field(K.varchar, 'Référence client', 'varchar'),
    field(K.double, 'Discount %', 'double'),
    field(K.monetary, 'Budget', 'monetary', { subfields: [{ field_code: 'value', field_name: 'Amount of Budget', field_type: 'double' }, { field_code: 'currency', field_name: 'Currency of Budget', field_type: 'varchar' }] }),
    field(K.enum, overrides.sourceName ?? 'Deal source', 'enum', { options: options([[1, 'Web'], [2, 'Referral'], [3, 'Event']]) }),
    field(K.set, 'Interests', 'set', { options: options([[11, 'CRM'], [12, 'Analytics'], [13, 'Support']]) }),
    field(K.date, 'Contract start', 'date'),
    field(K.daterange, 'Contract period', 'daterange'),
    field(K.time, 'Call time', 'time'),
    field(K.timerange, 'Support hours', 'timerange'),
    field(K.address, 'Billing address', 'address'),
    field(K.user, 'Account manager', 'user'),
    field(K.org, 'Partner', 'org'),
    field(K.people, 'Champion', 'people'),
    field(K.phone, 'Direct line', 'phone'),
    field(K.title, 'Title', 'varchar'),
    field(K.region1, 'Region', 'varchar'),
    field(K.region2, 'Region', 'enum', { options: options([[21, 'EMEA'], [22, 'APAC']]) }),
    ...(overrides.extra ?? []),
  ];
}

/** The v2 address value of the fixtures. */
export const ADDRESS = {
  value: '1 Main St, 10111 Tallinn, Estonia',
  subpremise: 'Floor 2',
  street_number: '1',
  route: 'Main St',
  sublocality: 'Kesklinn',
  locality: 'Tallinn',
  admin_area_level_1: 'Harju',
  admin_area_level_2: null,
  country: 'Estonia',
  postal_code: '10111',
  formatted_address: '1 Main St, 10111 Tallinn, Estonia',
};

/** The custom values of one deal in the v2 `custom_fields` form (no option labels). `enumId`/`setIds` may name deleted options. */
export function v2Values(enumId = 1, setIds: number[] = [11, 13]): Record<string, unknown> {
  return {
    [K.text]: 'Long notes',
    [K.varchar]: 'REF-1',
    [K.double]: 12.5,
    [K.monetary]: { value: 500, currency: 'EUR' },
    [K.enum]: enumId,
    [K.set]: setIds,
    [K.date]: '2025-01-31',
    [K.daterange]: { value: '2025-01-01', until: '2025-12-31' },
    [K.time]: { value: '10:30:00', timezone_id: 7, timezone_name: 'Europe/Tallinn' },
    [K.timerange]: { value: '09:00:00', until: '17:00:00', timezone_id: 7, timezone_name: 'Europe/Tallinn' },
    [K.address]: { ...ADDRESS },
    [K.user]: 5,
    [K.org]: 9,
    [K.people]: 3,
    [K.phone]: '+372 5555 0000',
    [K.title]: 'Custom title',
    [K.region1]: 'North',
    [K.region2]: 21,
  };
}

/** `values` as `include_option_labels=true` returns them: enum and set ids as `{ id, label }` (label null for deleted options). */
export function withLabels(values: Record<string, unknown>, catalog: FieldRecord[]): Record<string, unknown> {
  const out = { ...values };
  for (const f of catalog) {
    if (f['field_type'] !== 'enum' && f['field_type'] !== 'set') continue;
    const code = f['field_code'] as string;
    const labelOf = (id: unknown) => ({ id, label: ((f['options'] as Array<{ id: unknown; label: string }> | null) ?? []).find((o) => o.id === id)?.label ?? null });
    const value = out[code];
    if (value === null || value === undefined) continue;
    out[code] = Array.isArray(value) ? value.map(labelOf) : labelOf(value);
  }
  return out;
}

/** A v2 deal holding `values`. */
export function v2Deal(id: number, values: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, title: `Deal ${id}`, value: 1000, currency: 'EUR', status: 'open', update_time: `2025-01-${String(10 + (id % 18)).padStart(2, '0')}T10:00:00Z`, custom_fields: values, ...extra };
}

/** The v1 form of v2 `values`: top-level keys, suffixed siblings, enum as an id string, set as comma-joined ids. */
export function toV1(values: Record<string, unknown>, catalog: FieldRecord[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of catalog) {
    const code = f['field_code'] as string;
    if (!(code in values)) continue;
    const value = values[code];
    const type = f['field_type'];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const { value: main, ...parts } = value as Record<string, unknown>;
      out[code] = main;
      for (const [part, partValue] of Object.entries(parts)) out[`${code}_${part}`] = partValue;
    } else if (type === 'enum') {
      out[code] = value === null ? null : String(value);
    } else if (type === 'set') {
      out[code] = value === null ? null : (value as number[]).join(',');
    } else {
      out[code] = value;
    }
  }
  return out;
}

/** A v1 lead holding v2 `values` converted to the v1 form. */
export function v1Lead(n: number, values: Record<string, unknown>, catalog: FieldRecord[]): Record<string, unknown> {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    title: `Lead ${n}`,
    value: { amount: 10, currency: 'EUR' },
    is_archived: false,
    update_time: `2025-01-${String(10 + (n % 18)).padStart(2, '0')}T10:00:00.000Z`,
    ...toV1(values, catalog),
  };
}

/** Requests seen by {@link serve} handlers: path and query. */
export interface Seen {
  path: string;
  query: URLSearchParams;
}

/**
 * Serves `records(query)` at `/api/<version><path>` with the version's paging: v2 cursor (base64 offsets),
 * v1 flat offset (leads); `pageSize` overrides the requested limit (to force many pages).
 */
export function serve(
  version: 'v1' | 'v2',
  path: string,
  records: (query: URLSearchParams) => readonly Record<string, unknown>[],
  seen: Seen[],
  pageSize?: number,
): HttpHandler {
  return http.get(`${ORIGIN}/api/${version}${path}`, ({ request }) => {
    const url = new URL(request.url);
    seen.push({ path: url.pathname, query: url.searchParams });
    const all = records(url.searchParams);
    const limit = pageSize ?? Number(url.searchParams.get('limit') ?? 100);
    if (version === 'v2') {
      const cursor = url.searchParams.get('cursor');
      const start = cursor ? Number(atob(cursor)) : 0;
      const next = start + limit < all.length ? btoa(String(start + limit)) : null;
      return HttpResponse.json({ success: true, data: all.slice(start, start + limit), additional_data: { next_cursor: next } });
    }
    const start = Number(url.searchParams.get('start') ?? 0);
    const more = start + limit < all.length;
    return HttpResponse.json({ success: true, data: all.slice(start, start + limit), additional_data: { start, limit, more_items_in_collection: more } });
  });
}

/** How many requests of `seen` went to `path`. */
export const count = (seen: readonly Seen[], path: string): number => seen.filter((s) => s.path === path).length;
