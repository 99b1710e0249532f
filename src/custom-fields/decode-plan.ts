import type { CatalogField, FieldCatalog } from './field-catalog.js';
import { v1Reader } from './v1-fold.js';
import { decoderFor, type DecodedValue, type ValueDecoder } from './value-decoders.js';

/** A top-level v1 key that belongs to a custom field: 40 hex characters, maybe with a `_suffix`. */
const V1_CUSTOM_KEY = /^[0-9a-f]{40}(?:_|$)/;

interface PlannedField {
  key: string;
  name: string;
  decode: ValueDecoder;
  readV1: (record: Record<string, unknown>) => unknown;
}

/**
 * A per-catalog, precomputed decoder of records: one entry per custom field (key, name, value decoder,
 * v1 reader), so decoding a record is one pass over its keys and one over the fields.
 *
 * @example
 * const plan = buildDecodePlan(catalog, { [key]: 'deal_source' }, 'v2');
 * const named = plan.decode(deal, new Set());
 */
export interface DecodePlan {
  /** Field key to name, as used by this plan. */
  readonly names: Readonly<Record<string, string>>;
  /**
   * The named form of one record. Adds to `unknown` each custom key the catalog lacks and each
   * `key:optionId` without a label, so the caller can refresh a stale catalog.
   */
  decode(record: Record<string, unknown>, unknown: Set<string>): Record<string, unknown>;
}

/**
 * Precomputes the decoding of one catalog's custom fields for one wire shape. The record layout it
 * produces (the same for both shapes):
 * built-in keys as sent (v1 hash keys and v2 `custom_fields` removed), then each custom field under its
 * name (in catalog order, `null` when empty), then `custom_fields_raw` (field key to the value in the v2
 * wire form without option labels, plus any custom key the catalog lacks), then, only when an option id
 * has no label, `custom_fields_deleted_options` (field name to those ids). A name that the record already
 * uses for a built-in key is not written (the built-in value wins; the custom value stays in `custom_fields_raw`).
 *
 * @example
 * const plan = buildDecodePlan(catalog, names, 'v1');
 * plan.decode(lead, new Set()).custom_fields_raw;
 */
export function buildDecodePlan(catalog: FieldCatalog, names: Readonly<Record<string, string>>, shape: 'v1' | 'v2'): DecodePlan {
  const fields: PlannedField[] = [];
  const owned = new Set<string>();
  for (const field of catalog.fields as CatalogField[]) {
    const name = names[field.key];
    if (!field.isCustom || name === undefined) continue;
    const reader = v1Reader(field);
    for (const key of reader.keys) owned.add(key);
    fields.push({ key: field.key, name, decode: decoderFor(field), readV1: reader.read });
  }
  const known = new Set(fields.map((field) => field.key));
  const slot: DecodedValue = { raw: null, value: null, missing: undefined };

  function finish(out: Record<string, unknown>, values: (field: PlannedField) => unknown, raw: Record<string, unknown>, unknown: Set<string>): Record<string, unknown> {
    let deleted: Record<string, Array<string | number>> | undefined;
    for (const field of fields) {
      field.decode(values(field), slot);
      raw[field.key] = slot.raw;
      if (!Object.hasOwn(out, field.name)) out[field.name] = slot.value;
      if (slot.missing) {
        (deleted ??= {})[field.name] = slot.missing;
        for (const id of slot.missing) unknown.add(`${field.key}:${id}`);
      }
    }
    out['custom_fields_raw'] = raw;
    if (deleted) out['custom_fields_deleted_options'] = deleted;
    return out;
  }

  function decodeV2(record: Record<string, unknown>, unknown: Set<string>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record)) if (key !== 'custom_fields') out[key] = record[key];
    const source = record['custom_fields'];
    const values = source !== null && typeof source === 'object' && !Array.isArray(source) ? (source as Record<string, unknown>) : {};
    const raw: Record<string, unknown> = {};
    const result = finish(out, (field) => values[field.key], raw, unknown);
    for (const key of Object.keys(values)) {
      if (known.has(key)) continue;
      raw[key] = values[key];
      unknown.add(key);
    }
    return result;
  }

  function decodeV1(record: Record<string, unknown>, unknown: Set<string>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const extra: Record<string, unknown> = {};
    for (const key of Object.keys(record)) {
      if (owned.has(key)) continue;
      if (V1_CUSTOM_KEY.test(key)) {
        extra[key] = record[key];
        unknown.add(key.slice(0, 40));
      } else {
        out[key] = record[key];
      }
    }
    const raw: Record<string, unknown> = {};
    const result = finish(out, (field) => field.readV1(record), raw, unknown);
    Object.assign(raw, extra);
    return result;
  }

  const decode = shape === 'v2' ? decodeV2 : decodeV1;
  return {
    names: Object.freeze({ ...names }),
    decode: (record, unknown) => (record !== null && typeof record === 'object' && !Array.isArray(record) ? decode(record, unknown) : record),
  };
}
