import type { CatalogField } from './field-catalog.js';

/**
 * What decoding one custom value gives: `raw` in the v2 wire form without option labels (kept under
 * `custom_fields_raw`), the readable `value`, and the option ids the catalog has no label for.
 * One slot is reused for every value of a page, so decoding allocates only what it returns.
 *
 * @example
 * const slot: DecodedValue = { raw: null, value: null, missing: undefined };
 */
export interface DecodedValue {
  raw: unknown;
  value: unknown;
  missing: Array<string | number> | undefined;
}

/**
 * Decodes one value of one field into a {@link DecodedValue} slot. The input is the v2 value (an id, an
 * `{ id, label }` object, a composite object...) or a v1 value already folded into the v2 form.
 *
 * @example
 * const decode = decoderFor(field); decode(12, slot); slot.value; // 'Web'
 */
export type ValueDecoder = (input: unknown, slot: DecodedValue) => void;

type Obj = Record<string, unknown>;

const isObject = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value);
const isEmpty = (value: unknown): boolean => value === null || value === undefined || value === '';

/** A numeric string (`'12'`, `'4.5'`) becomes a number; everything else is kept. */
function toNumber(value: unknown): unknown {
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return value;
}

/** An option id as the v2 API sends it: integers stay integers, integer strings (v1) become integers. */
function toId(value: unknown): string | number {
  if (typeof value === 'number') return value;
  const text = String(value).trim();
  return /^-?\d+$/.test(text) ? Number(text) : text;
}

function set(slot: DecodedValue, raw: unknown, value: unknown, missing?: Array<string | number>): void {
  slot.raw = raw;
  slot.value = value;
  slot.missing = missing;
}

function enumDecoder(field: CatalogField): ValueDecoder {
  const options = field.options;
  return (input, slot) => {
    if (isEmpty(input)) return set(slot, null, null);
    const labelled = isObject(input);
    const id = toId(labelled ? (input['id'] ?? input['value']) : input);
    const label = (labelled && typeof input['label'] === 'string' ? input['label'] : undefined) ?? options[String(id)];
    if (label === undefined) set(slot, id, id, [id]);
    else set(slot, id, label);
  };
}

function setDecoder(field: CatalogField): ValueDecoder {
  const options = field.options;
  return (input, slot) => {
    if (isEmpty(input)) return set(slot, null, null);
    const items: unknown[] = Array.isArray(input) ? input : typeof input === 'string' ? input.split(',').filter((part) => part.trim() !== '') : [input];
    const ids: Array<string | number> = [];
    const labels: Array<string | number> = [];
    let missing: Array<string | number> | undefined;
    for (const item of items) {
      const labelled = isObject(item);
      const id = toId(labelled ? (item['id'] ?? item['value']) : item);
      const label = (labelled && typeof item['label'] === 'string' ? item['label'] : undefined) ?? options[String(id)];
      ids.push(id);
      if (label === undefined) (missing ??= []).push(id);
      labels.push(label ?? id);
    }
    set(slot, ids, labels, missing);
  };
}

/** A composite value as a named object: `parts` maps each output key to the key of the v2 object. */
function compositeDecoder(parts: Readonly<Record<string, string>>, main: string, numeric = false, keepExtra = false): ValueDecoder {
  const entries = Object.entries(parts);
  const known = new Set(Object.values(parts));
  return (input, slot) => {
    if (isEmpty(input)) return set(slot, null, null);
    const source: Obj = isObject(input) ? input : { value: input };
    const out: Obj = {};
    let any = false;
    for (const [name, from] of entries) {
      let value: unknown = source[from] ?? (from === 'value' && numeric ? source['amount'] : undefined) ?? null;
      if (numeric && name === main) value = toNumber(value);
      if (value !== null) any = true;
      out[name] = value;
    }
    if (keepExtra) {
      for (const [key, value] of Object.entries(source)) {
        if (!known.has(key) && value !== undefined) {
          out[key] = value;
          if (value !== null) any = true;
        }
      }
    }
    set(slot, input, any ? out : null);
  };
}

/**
 * The parts of a v2 address value, in the order named address objects list them (the same parts as
 * the structured addresses of persons and organizations).
 *
 * @example
 * ADDRESS_PARTS.includes('postal_code'); // true
 */
export const ADDRESS_PARTS = Object.freeze([
  'value',
  'subpremise',
  'street_number',
  'route',
  'sublocality',
  'locality',
  'admin_area_level_1',
  'admin_area_level_2',
  'country',
  'postal_code',
  'formatted_address',
] as const);

const monetary = compositeDecoder({ amount: 'value', currency: 'currency' }, 'amount', true);
const daterange = compositeDecoder({ start: 'value', end: 'until' }, 'start');
const time = compositeDecoder({ time: 'value', timezone_id: 'timezone_id', timezone_name: 'timezone_name' }, 'time');
const timerange = compositeDecoder({ start: 'value', end: 'until', timezone_id: 'timezone_id', timezone_name: 'timezone_name' }, 'start');
const address = compositeDecoder(Object.fromEntries(ADDRESS_PARTS.map((part) => [part, part])), 'value', false, true);

/** `user`, `org`, `people` and other links: the id (v1 may send an object with `value` or `id`). */
const reference: ValueDecoder = (input, slot) => {
  if (isEmpty(input)) return set(slot, null, null);
  const id = isObject(input) ? (input['value'] ?? input['id'] ?? null) : input;
  set(slot, input, toNumber(id));
};

const number: ValueDecoder = (input, slot) => (isEmpty(input) ? set(slot, null, null) : set(slot, input, toNumber(input)));

const asIs: ValueDecoder = (input, slot) => (input === undefined ? set(slot, null, null) : set(slot, input, input));

/**
 * The decoder of a field by its type: `enum` to a label, `set` to a list of labels (an id without a
 * label stays the id and is reported in `missing`), `monetary` to `{ amount, currency }`, `daterange` to
 * `{ start, end }`, `time` to `{ time, timezone_id, timezone_name }`, `timerange` to
 * `{ start, end, timezone_id, timezone_name }`, `address` to its parts ({@link ADDRESS_PARTS}), `user`,
 * `org`, `people` (and `deal`, `lead`, `stage`) to the linked id, `double`/`int` to a number; any other
 * type (text, varchar, phone, date...) is kept as sent.
 *
 * @example
 * const decode = decoderFor({ key: 'k', name: 'Budget', type: 'monetary', isCustom: true, options: {}, subfields: [] });
 * const slot: DecodedValue = { raw: null, value: null, missing: undefined };
 * decode({ value: 500, currency: 'EUR' }, slot); // slot.value: { amount: 500, currency: 'EUR' }
 */
export function decoderFor(field: CatalogField): ValueDecoder {
  switch (field.type) {
    case 'enum':
      return enumDecoder(field);
    case 'set':
      return setDecoder(field);
    case 'monetary':
      return monetary;
    case 'daterange':
      return daterange;
    case 'time':
      return time;
    case 'timerange':
      return timerange;
    case 'address':
      return address;
    case 'user':
    case 'org':
    case 'people':
    case 'deal':
    case 'lead':
    case 'stage':
      return reference;
    case 'double':
    case 'int':
      return number;
    default:
      return asIs;
  }
}
