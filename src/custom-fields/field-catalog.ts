import type { Field } from '../schemas/field.js';

/**
 * The four field catalogs custom fields are decoded with (`product_fields` is read from v2
 * `/productFields`, which is not a stream of its own).
 *
 * @example
 * const name: CatalogName = 'deal_fields';
 */
export type CatalogName = 'deal_fields' | 'person_fields' | 'organization_fields' | 'product_fields';

/**
 * One part of a composite field (the currency of a monetary field, a part of an address).
 *
 * @example
 * const part: CatalogSubfield = { key: 'dcf5...be12_currency', name: 'Currency of Budget', type: 'varchar' };
 */
export interface CatalogSubfield {
  /** The subfield's `field_code` as the API lists it. */
  readonly key: string;
  readonly name: string;
  readonly type: string;
}

/**
 * One field of a {@link FieldCatalog}, built-in or custom.
 *
 * @example
 * const source = (await pd.fields('deals')).fields.find((f) => f.name === 'Deal source');
 * source?.options['12']; // 'Web'
 */
export interface CatalogField {
  /** `field_code`: the 40-hex hash of a custom field, or the record key of a built-in one (`title`). */
  readonly key: string;
  /** Display name, as users see it in Pipedrive (renames change it, never the key). */
  readonly name: string;
  /** `field_type`: `varchar`, `double`, `monetary`, `enum`, `set`, `date`, `address`, ... */
  readonly type: string;
  /** True for user-created fields. */
  readonly isCustom: boolean;
  /** Option id (as a string) to label, for `enum` and `set` fields; empty otherwise. */
  readonly options: Readonly<Record<string, string>>;
  /** Parts of composite fields (monetary, address, ranges); empty otherwise. */
  readonly subfields: readonly CatalogSubfield[];
}

/**
 * The typed field catalog of one entity, as `pd.fields(stream)` returns it. Frozen: it is shared by every
 * read of the client until it is refreshed.
 *
 * @example
 * const catalog = await pd.fields('deals');
 * catalog.fields.filter((f) => f.isCustom).map((f) => f.name);
 */
export interface FieldCatalog {
  /** Which catalog: `deal_fields` (deals and leads), `person_fields`, `organization_fields`, `product_fields`. */
  readonly catalog: CatalogName;
  /** When it was read, ISO 8601. */
  readonly loadedAt: string;
  /** Every field in the order the API lists them. */
  readonly fields: readonly CatalogField[];
}

const HASH_KEY = /^[0-9a-f]{40}$/;

/**
 * Builds a frozen {@link FieldCatalog} from v2 field records (`/dealFields`, `/productFields`, ...).
 *
 * @example
 * const catalog = toFieldCatalog('deal_fields', [{ field_code: 'title', field_name: 'Title', field_type: 'varchar', is_custom_field: false }]);
 * catalog.fields[0]?.name; // 'Title'
 */
export function toFieldCatalog(catalog: CatalogName, records: readonly Field[], loadedAt: Date = new Date()): FieldCatalog {
  const fields = records.map((record): CatalogField => {
    const options: Record<string, string> = {};
    for (const option of record.options ?? []) {
      if (option.id !== null && option.id !== undefined && typeof option.label === 'string') options[String(option.id)] = option.label;
    }
    const subfields = (record.subfields ?? []).flatMap((sub) =>
      typeof sub.field_code === 'string' ? [Object.freeze({ key: sub.field_code, name: sub.field_name ?? sub.field_code, type: sub.field_type ?? 'unknown' })] : [],
    );
    return Object.freeze({
      key: record.field_code,
      name: record.field_name ?? record.field_code,
      type: record.field_type ?? 'unknown',
      isCustom: record.is_custom_field ?? HASH_KEY.test(record.field_code),
      options: Object.freeze(options),
      subfields: Object.freeze(subfields),
    });
  });
  return Object.freeze({ catalog, loadedAt: loadedAt.toISOString(), fields: Object.freeze(fields) });
}
