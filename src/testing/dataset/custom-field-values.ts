/** The values records hold for custom fields: v2 shapes, the v1 top-level form, and option labels. */
import type { Rng } from '../internal/rng.js';
import { DAY_MS, isoDate } from '../internal/time.js';
import type { CustomFieldDef } from './custom-field-catalog.js';
import type { ApiRecord } from './types.js';
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

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * A v2 value for one custom field, or null when the record leaves it empty.
 *
 * @example
 * customFieldValue(def, rng, refs, now); // { value: 500, currency: 'EUR' } for a monetary field
 */
export function customFieldValue(def: CustomFieldDef, rng: Rng, refs: FieldRefs, now: number): unknown {
  if (!rng.chance(def.fillRate)) return null;
  switch (def.type) {
    case 'varchar':
      return `${def.name.slice(0, 3).toUpperCase()}-${rng.range(1000, 99999)}`;
    case 'text':
      return `${rng.pick(NOTE_SENTENCES)} ${rng.pick(NOTE_SENTENCES)}`;
    case 'double':
      return Math.round(rng.next() * 10000) / 100;
    case 'monetary':
      return { value: rng.range(1, 500) * 100, currency: rng.pick(refs.currencies) };
    case 'enum': {
      if (def.deletedOptionId !== undefined && rng.chance(0.08)) return def.deletedOptionId;
      return rng.pick(def.options).id;
    }
    case 'set': {
      const picked = def.options.filter(() => rng.chance(0.4));
      const ids = (picked.length > 0 ? picked : [rng.pick(def.options)]).map((o) => o.id);
      return ids;
    }
    case 'date':
      return isoDate(now - rng.int(900) * DAY_MS);
    case 'daterange': {
      const from = now - rng.int(700) * DAY_MS;
      return { value: isoDate(from), until: isoDate(from + rng.range(1, 365) * DAY_MS) };
    }
    case 'time': {
      const place = rng.pick(PLACES);
      return { value: `${pad2(rng.range(7, 18))}:${pad2(rng.pick([0, 15, 30, 45]))}:00`, timezone_id: place.tzId, timezone_name: place.tz };
    }
    case 'timerange': {
      const place = rng.pick(PLACES);
      const from = rng.range(6, 12);
      return { value: `${pad2(from)}:00:00`, until: `${pad2(from + rng.range(4, 10))}:00:00`, timezone_id: place.tzId, timezone_name: place.tz };
    }
    case 'address':
      return addressValue(rng);
    case 'user':
      return refs.userIds.length > 0 ? rng.pick(refs.userIds) : null;
    case 'org':
      return refs.organizations > 0 ? rng.range(1, refs.organizations) : null;
    case 'people':
      return refs.persons > 0 ? rng.range(1, refs.persons) : null;
    case 'phone':
      return `+372 5${rng.range(100, 999)} ${rng.range(1000, 9999)}`;
  }
}

/**
 * A structured postal address with its formatted form, as v2 returns address values.
 *
 * @example
 * addressValue(rng).formatted_address; // '12 Main St, Tallinn, Estonia'
 */
export function addressValue(rng: Rng): Record<string, string> {
  const place = rng.pick(PLACES);
  const streetNumber = String(rng.range(1, 250));
  const route = rng.pick(STREETS);
  const subpremise = rng.chance(0.5) ? `Apt ${rng.range(1, 40)}` : `Floor ${rng.range(1, 12)}`;
  const sublocality = rng.pick(SUBLOCALITIES);
  const formatted = `${streetNumber} ${route}, ${place.postal} ${place.locality}, ${place.country}`;
  return {
    value: formatted,
    street_number: streetNumber,
    route,
    subpremise,
    sublocality,
    locality: place.locality,
    admin_area_level_1: place.admin1,
    admin_area_level_2: place.admin2,
    country: place.country,
    postal_code: place.postal,
    formatted_address: formatted,
  };
}

/**
 * The v2 `custom_fields` object of one record: every field of the catalog, null when empty.
 *
 * @example
 * const custom_fields = customFieldValues(defs, rng, refs, now);
 */
export function customFieldValues(defs: readonly CustomFieldDef[], rng: Rng, refs: FieldRefs, now: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of defs) out[def.code] = customFieldValue(def, rng, refs, now);
  return out;
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
