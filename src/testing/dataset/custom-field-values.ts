/** The values records hold for custom fields: v2 shapes, the v1 top-level form, and option labels. */
import type { Rng } from '../internal/rng.js';
import { DAY_MS, isoClock } from '../internal/time.js';
import type { CustomFieldDef } from './custom-field-catalog.js';
import type { ApiRecord } from './types.js';
import { jsonBytes, jsonString, jsonStrings, JsonWriter, objectKeys } from '../internal/json-writer.js';
import { NOTE_SENTENCES, PLACES, STREETS, SUBLOCALITIES } from './words.js';

/**
 * Ids a reference-type custom field may point to.
 *
 * @example
 * const refs: FieldRefs = { userIds: [10000001], organizations: 60, persons: 150, currencies: ['EUR'] };
 */
export interface FieldRefs {
  readonly userIds: readonly number[];
  readonly organizations: number;
  readonly persons: number;
  readonly currencies: readonly string[];
}

/** `"HH:MM:00"` for every quarter hour of the day, at `hour * 4 + quarter`. */
const CLOCK_TEXT = Array.from({ length: 24 * 4 }, (_, i) => jsonString(isoClock(i * 15 * 60_000)));
const PHONE_PREFIX = jsonBytes('"+372 5');

// Word-list text, encoded once: the writers below copy it instead of escaping it on every record.
const SENTENCES = NOTE_SENTENCES.map((text) => jsonBytes(jsonInner(text)));
const PLACE_BYTES = PLACES.map((p) => ({
  timezone: jsonBytes(`,"timezone_id":${p.tzId},"timezone_name":${JSON.stringify(p.tz)}}`),
  /** Everything of an address after `sublocality` that depends on the place only. */
  tail: jsonBytes(
    `,"locality":${JSON.stringify(p.locality)},"admin_area_level_1":${JSON.stringify(p.admin1)},"admin_area_level_2":${JSON.stringify(p.admin2)},` +
      `"country":${JSON.stringify(p.country)},"postal_code":${JSON.stringify(p.postal)},"formatted_address":`,
  ),
  formattedTail: jsonBytes(`${jsonInner(`, ${p.postal} ${p.locality}, ${p.country}`)}"`),
}));
const STREET_BYTES = STREETS.map((street) => jsonBytes(jsonInner(street)));
const SUBLOCALITY_BYTES = SUBLOCALITIES.map(jsonString);
const ADDRESS = objectKeys(['value', 'street_number', 'route', 'subpremise', 'sublocality'] as const);
const MONETARY = objectKeys(['value', 'currency'] as const);
const RANGE = objectKeys(['value', 'until'] as const);
const TIME = objectKeys(['value'] as const);
const TIME_RANGE = objectKeys(['value', 'until'] as const);

function jsonInner(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/**
 * A custom field ready for writing: its key (opening or continuing the `custom_fields` object) and its encoded
 * `varchar` prefix.
 */
interface PreparedField {
  readonly def: CustomFieldDef;
  readonly key: Uint8Array;
  /** The key followed by `null`: most values are empty, and this writes one in a single copy. */
  readonly keyNull: Uint8Array;
  readonly varcharPrefix: Uint8Array;
}

const preparedCatalogs = new WeakMap<readonly CustomFieldDef[], readonly PreparedField[]>();

function prepared(defs: readonly CustomFieldDef[]): readonly PreparedField[] {
  let fields = preparedCatalogs.get(defs);
  if (!fields) {
    const keys = Object.values(objectKeys(defs.map((def) => def.code)));
    fields = defs.map((def, i) => {
      const key = keys[i] as Uint8Array;
      return { def, key, keyNull: jsonBytes(`${Buffer.from(key).toString()}null`), varcharPrefix: jsonBytes(`"${jsonInner(def.name.slice(0, 3).toUpperCase())}-`) };
    });
    preparedCatalogs.set(defs, fields);
  }
  return fields;
}

/**
 * Writes the v2 value of a custom field the record fills (after its fill draw). This is the one place values are
 * drawn: the object forms below parse what it writes.
 */
function writeFilledValue(w: JsonWriter, def: CustomFieldDef, rng: Rng, refs: FieldRefs, now: number, varcharPrefix?: Uint8Array): void {
  switch (def.type) {
    case 'varchar':
      w.raw(varcharPrefix ?? jsonBytes(`"${jsonInner(def.name.slice(0, 3).toUpperCase())}-`)).num(rng.range(1000, 99999)).byte(0x22);
      return;
    case 'text':
      w.byte(0x22).raw(rng.pick(SENTENCES)).byte(0x20).raw(rng.pick(SENTENCES)).byte(0x22);
      return;
    case 'double':
      w.num(Math.round(rng.next() * 10000) / 100);
      return;
    case 'monetary':
      w.raw(MONETARY.value).num(rng.range(1, 500) * 100).raw(MONETARY.currency).raw(rng.pick(jsonStrings(refs.currencies))).close();
      return;
    case 'enum':
      w.num(def.deletedOptionId !== undefined && rng.chance(0.08) ? def.deletedOptionId : rng.pick(def.options).id);
      return;
    case 'set': {
      w.byte(0x5b);
      let picked = 0;
      for (const option of def.options) if (rng.chance(0.4)) (picked++ > 0 ? w.byte(0x2c) : w).num(option.id);
      if (picked === 0) w.num(rng.pick(def.options).id);
      w.byte(0x5d);
      return;
    }
    case 'date':
      w.date(now - rng.int(900) * DAY_MS);
      return;
    case 'daterange': {
      const from = now - rng.int(700) * DAY_MS;
      w.raw(RANGE.value).date(from).raw(RANGE.until).date(from + rng.range(1, 365) * DAY_MS).close();
      return;
    }
    case 'time': {
      const place = rng.pick(PLACE_BYTES);
      const hour = rng.range(7, 18);
      w.raw(TIME.value).raw(CLOCK_TEXT[hour * 4 + rng.int(4)] as Uint8Array).raw(place.timezone);
      return;
    }
    case 'timerange': {
      const place = rng.pick(PLACE_BYTES);
      const from = rng.range(6, 12);
      w.raw(TIME_RANGE.value).raw(CLOCK_TEXT[from * 4] as Uint8Array).raw(TIME_RANGE.until).raw(CLOCK_TEXT[(from + rng.range(4, 10)) * 4] as Uint8Array).raw(place.timezone);
      return;
    }
    case 'address':
      writeAddress(w, rng);
      return;
    case 'user':
      if (refs.userIds.length > 0) w.num(rng.pick(refs.userIds));
      else w.nul();
      return;
    case 'org':
      if (refs.organizations > 0) w.num(rng.range(1, refs.organizations));
      else w.nul();
      return;
    case 'people':
      if (refs.persons > 0) w.num(rng.range(1, refs.persons));
      else w.nul();
      return;
    case 'phone':
      w.raw(PHONE_PREFIX).num(rng.range(100, 999)).byte(0x20).num(rng.range(1000, 9999)).byte(0x22);
      return;
  }
}

const scratch = new JsonWriter(4096);

/**
 * A v2 value for one custom field, or null when the record leaves it empty.
 *
 * @example
 * customFieldValue(def, rng, refs, now); // { value: 500, currency: 'EUR' } for a monetary field
 */
export function customFieldValue(def: CustomFieldDef, rng: Rng, refs: FieldRefs, now: number): unknown {
  if (!rng.chance(def.fillRate)) return null;
  writeFilledValue(scratch.reset(), def, rng, refs, now);
  return JSON.parse(scratch.text());
}

/** The random draws of one address, in the order every form of it makes them. */
function drawAddress(rng: Rng): { place: number; streetNumber: number; route: number; subpremise: string; sublocality: number } {
  const place = rng.int(PLACES.length);
  const streetNumber = rng.range(1, 250);
  const route = rng.int(STREETS.length);
  const subpremise = rng.chance(0.5) ? `Apt ${rng.range(1, 40)}` : `Floor ${rng.range(1, 12)}`;
  return { place, streetNumber, route, subpremise, sublocality: rng.int(SUBLOCALITIES.length) };
}

/**
 * A structured postal address with its formatted form, as v2 returns address values.
 *
 * @example
 * addressValue(rng).formatted_address; // '12 Main St, 10111 Tallinn, Estonia'
 */
export function addressValue(rng: Rng): Record<string, string> {
  const draw = drawAddress(rng);
  const place = PLACES[draw.place] as (typeof PLACES)[number];
  const route = STREETS[draw.route] as string;
  const formatted = `${draw.streetNumber} ${route}, ${place.postal} ${place.locality}, ${place.country}`;
  return {
    value: formatted,
    street_number: String(draw.streetNumber),
    route,
    subpremise: draw.subpremise,
    sublocality: SUBLOCALITIES[draw.sublocality] as string,
    locality: place.locality,
    admin_area_level_1: place.admin1,
    admin_area_level_2: place.admin2,
    country: place.country,
    postal_code: place.postal,
    formatted_address: formatted,
  };
}

/**
 * Writes `addressValue(rng)`: the same draws, the same object.
 *
 * @example
 * writeAddress(w, rng); // {"value":"12 Main St, 10111 Tallinn, Estonia","street_number":"12",...}
 */
function writeAddress(w: JsonWriter, rng: Rng): void {
  const draw = drawAddress(rng);
  const place = PLACE_BYTES[draw.place] as (typeof PLACE_BYTES)[number];
  const route = STREET_BYTES[draw.route] as Uint8Array;
  const number = draw.streetNumber;
  w.raw(ADDRESS.value).byte(0x22).num(number).byte(0x20).raw(route).raw(place.formattedTail);
  w.raw(ADDRESS.street_number).byte(0x22).num(number).byte(0x22);
  w.raw(ADDRESS.route).byte(0x22).raw(route).byte(0x22).raw(ADDRESS.subpremise).ascii(`"${draw.subpremise}"`);
  w.raw(ADDRESS.sublocality).raw(SUBLOCALITY_BYTES[draw.sublocality] as Uint8Array).raw(place.tail);
  w.byte(0x22).num(number).byte(0x20).raw(route).raw(place.formattedTail).close();
}

/**
 * Writes the v2 `custom_fields` object of one record: every field of the catalog, null when empty.
 *
 * @example
 * writeCustomFields(w, ctx.customFields.deal, customRng(ctx, 'deals', 1, 0), ctx.refs, ctx.now); // {"dcf5...":12,...}
 */
export function writeCustomFields(w: JsonWriter, defs: readonly CustomFieldDef[], rng: Rng, refs: FieldRefs, now: number): void {
  const fields = prepared(defs);
  if (fields.length === 0) {
    w.ascii('{}');
    return;
  }
  for (const field of fields) {
    if (rng.chance(field.def.fillRate)) writeFilledValue(w.raw(field.key), field.def, rng, refs, now, field.varcharPrefix);
    else w.raw(field.keyNull);
  }
  w.close();
}

const CUSTOM_FIELDS = jsonBytes('"custom_fields":');

/**
 * Writes a record: `fields` as `JSON.stringify` writes them, then its `custom_fields` (the API's last property)
 * straight from their draws.
 *
 * @example
 * writeWithCustomFields(w, { id: 1, name: 'Acme' }, ctx.customFields.organization, rng, ctx.refs, ctx.now); // {"id":1,"name":"Acme","custom_fields":{...}}
 */
export function writeWithCustomFields(w: JsonWriter, fields: object, defs: readonly CustomFieldDef[], rng: Rng, refs: FieldRefs, now: number): void {
  const head = JSON.stringify(fields);
  w.json(head.length > 2 ? `${head.slice(0, -1)},` : '{').raw(CUSTOM_FIELDS);
  writeCustomFields(w, defs, rng, refs, now);
  w.close();
}

/**
 * Writes one v2 custom value into a v1 record the v1 way: top-level key, suffixed siblings for composites,
 * enum as option id string, set as comma-joined ids. Empty values are left out (leads omit unset fields).
 *
 * @example
 * const lead = {}; writeV1CustomValue(def, { value: 5, currency: 'EUR' }, lead); // { <key>: 5, <key>_currency: 'EUR' }
 */
export function writeV1CustomValue(def: CustomFieldDef, value: unknown, out: ApiRecord): void {
  if (value === null || value === undefined) return;
  const key = def.code;
  const obj = value as Record<string, unknown>;
  switch (def.type) {
    case 'monetary':
      out[key] = obj['value'];
      out[`${key}_currency`] = obj['currency'];
      return;
    case 'daterange':
      out[key] = obj['value'];
      out[`${key}_until`] = obj['until'];
      return;
    case 'time':
      out[key] = obj['value'];
      out[`${key}_timezone_id`] = obj['timezone_id'];
      out[`${key}_timezone_name`] = obj['timezone_name'];
      return;
    case 'timerange':
      out[key] = obj['value'];
      out[`${key}_until`] = obj['until'];
      out[`${key}_timezone_id`] = obj['timezone_id'];
      out[`${key}_timezone_name`] = obj['timezone_name'];
      return;
    case 'address':
      out[key] = obj['value'];
      for (const part of ['subpremise', 'street_number', 'route', 'sublocality', 'locality', 'admin_area_level_1', 'admin_area_level_2', 'country', 'postal_code', 'formatted_address']) {
        out[`${key}_${part}`] = obj[part] ?? null;
      }
      return;
    case 'enum':
      out[key] = String(value);
      return;
    case 'set':
      out[key] = (value as number[]).join(',');
      return;
    default:
      out[key] = value;
  }
}

/**
 * Replaces enum and set option ids with `{ id, label }` (what `include_option_labels=true` does).
 * An id whose option was deleted keeps its id with `label: null`.
 *
 * @example
 * withOptionLabels(defs, { abc: 12 }); // { abc: { id: 12, label: 'High' } }
 */
export function withOptionLabels(defs: readonly CustomFieldDef[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const def of defs) {
    if (def.type !== 'enum' && def.type !== 'set') continue;
    const value = values[def.code];
    if (value === null || value === undefined) continue;
    const label = (id: number): { id: number; label: string | null } => ({ id, label: def.options.find((o) => o.id === id)?.label ?? null });
    out[def.code] = Array.isArray(value) ? (value as number[]).map(label) : label(value as number);
  }
  return out;
}
