import type { CatalogField } from './field-catalog.js';
import { ADDRESS_PARTS } from './value-decoders.js';

/**
 * The suffixed sibling keys of composite fields in v1 records (`<key>_currency`, ...), by field type.
 *
 * @example
 * V1_SUFFIXES.monetary; // ['currency']
 */
export const V1_SUFFIXES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  monetary: Object.freeze(['currency']),
  daterange: Object.freeze(['until']),
  time: Object.freeze(['timezone_id', 'timezone_name']),
  timerange: Object.freeze(['until', 'timezone_id', 'timezone_name']),
  address: Object.freeze(ADDRESS_PARTS.filter((part) => part !== 'value')),
});

/**
 * How one field is read from a v1 record: every key it owns there, and a reader that folds the key and
 * its suffixed siblings into the v2 form (`{ value, currency }`, `{ value, until }`, address parts...).
 *
 * @example
 * const reader = v1Reader(monetaryField);
 * reader.read({ [key]: 500, [`${key}_currency`]: 'EUR' }); // { value: 500, currency: 'EUR' }
 */
export interface V1Reader {
  readonly keys: readonly string[];
  read(record: Record<string, unknown>): unknown;
}

/**
 * The {@link V1Reader} of a field: a composite type's suffixes plus its catalog subfields (`currency` or
 * `<key>_currency`), so parts Pipedrive adds later are folded too; other types read the key alone.
 *
 * @example
 * v1Reader(field).keys; // ['dcf5...be12', 'dcf5...be12_currency']
 */
export function v1Reader(field: CatalogField): V1Reader {
  const key = field.key;
  const known = V1_SUFFIXES[field.type];
  if (!known) return { keys: [key], read: (record) => record[key] ?? null };
  const suffixes = new Set(known);
  for (const sub of field.subfields) {
    // v2 catalogs name parts either relative (`currency`) or in full (`<key>_currency`); `value` is the key itself.
    const suffix = sub.key.startsWith(`${key}_`) ? sub.key.slice(key.length + 1) : sub.key;
    if (suffix !== '' && suffix !== 'value' && suffix !== key) suffixes.add(suffix);
  }
  const parts = [...suffixes].map((suffix) => [suffix, `${key}_${suffix}`] as const);
  return {
    keys: [key, ...parts.map(([, sibling]) => sibling)],
    read(record) {
      const main = record[key];
      // Already an object (some v1 endpoints send composites whole): keep it.
      if (main !== null && typeof main === 'object' && !Array.isArray(main)) return main;
      const out: Record<string, unknown> = { value: main ?? null };
      let any = main !== null && main !== undefined;
      for (const [suffix, sibling] of parts) {
        const value = record[sibling] ?? null;
        if (value !== null) any = true;
        out[suffix] = value;
      }
      return any ? out : null;
    },
  };
}
