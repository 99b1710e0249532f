import { ConfigError } from '../errors.js';
import { customFieldsOf, type CustomFieldStream } from './custom-field-streams.js';
import type { CatalogField, FieldCatalog } from './field-catalog.js';
import { reservedNames } from './reserved-names.js';
import { slugifyFieldName } from './slugify-field-name.js';

/**
 * The names custom fields go by, per stream: `{ [stream]: { [fieldKey]: name } }`. JSON-serialisable;
 * the sync engine keeps it in its state under `customFieldNames` so a field renamed in Pipedrive keeps
 * its column name.
 *
 * @example
 * const names: NameMap = { deals: { dcf558aac1ae4e8c4f849ba5e668430d8df9be12: 'deal_source' } };
 */
export type NameMap = Record<string, Record<string, string>>;

/**
 * Options of {@link extendNameMap}.
 *
 * @example
 * extendNameMap(saved, { deals: catalog }, { refresh: true });
 */
export interface ExtendNameMapOptions {
  /** Give every field of these streams the name its current display name gives (renamed fields take their new names). @default false */
  refresh?: boolean;
}

/** `base`, or `base_2`, `base_3`, ... : the first that is not taken. */
function unique(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Names one stream's custom fields. Without `refresh`, every name in `previous` is kept (also for fields no
 * longer in the catalog, so their names are never reused), unless it equals a reserved name or a name kept
 * before it; then the fields without a name get the slug of their display name, in catalog order, with
 * `_2`, `_3`, ... when the slug is taken.
 *
 * @example
 * assignFieldNames([{ key: 'a'.repeat(40), name: 'Title', type: 'varchar', isCustom: true, options: {}, subfields: [] }], new Set(['title']));
 * // { aaaa...: 'title_2' }
 */
export function assignFieldNames(
  fields: readonly CatalogField[],
  reserved: ReadonlySet<string>,
  previous?: Readonly<Record<string, string>>,
  refresh = false,
): Record<string, string> {
  const names: Record<string, string> = {};
  const taken = new Set(reserved);
  if (previous && !refresh) {
    for (const [key, name] of Object.entries(previous)) {
      if (typeof name !== 'string' || name === '' || taken.has(name)) continue;
      names[key] = name;
      taken.add(name);
    }
  }
  for (const field of fields) {
    if (!field.isCustom || Object.hasOwn(names, field.key)) continue;
    const name = unique(slugifyFieldName(field.name, field.key), taken);
    names[field.key] = name;
    taken.add(name);
  }
  return names;
}

/**
 * A copy of `map` where each stream of `catalogs` has a name for every custom field: existing names are
 * kept (a renamed field keeps its first name), new fields get names that avoid every existing one. With
 * `refresh`, those streams are named afresh from the catalogs. Streams not in `catalogs` are copied as they are.
 *
 * @example
 * const names = extendNameMap(state.customFieldNames ?? {}, { deals: await pd.fields('deals') });
 */
export function extendNameMap(map: NameMap, catalogs: Partial<Record<CustomFieldStream, FieldCatalog>>, options: ExtendNameMapOptions = {}): NameMap {
  const checked = checkNameMap(map);
  const out: NameMap = {};
  for (const [stream, names] of Object.entries(checked)) out[stream] = { ...names };
  for (const [stream, catalog] of Object.entries(catalogs) as [CustomFieldStream, FieldCatalog | undefined][]) {
    if (!catalog) continue;
    const expected = customFieldsOf(stream).catalog;
    if (catalog.catalog !== expected) {
      throw new ConfigError(`${stream} custom fields are decoded with ${expected}, but the catalog given is ${catalog.catalog}. Pass pd.fields('${stream}').`);
    }
    out[stream] = assignFieldNames(catalog.fields, reservedNames(stream, catalog), out[stream], options.refresh ?? false);
  }
  return out;
}

/**
 * A fresh {@link NameMap} for the given catalogs: every custom field named after its current display name.
 *
 * @example
 * const names = buildNameMap({ deals: await pd.fields('deals'), leads: await pd.fields('leads') });
 */
export function buildNameMap(catalogs: Partial<Record<CustomFieldStream, FieldCatalog>>): NameMap {
  return extendNameMap({}, catalogs);
}

/**
 * Checks a {@link NameMap} given by the caller (an object of objects of non-empty strings) or throws a
 * {@link ConfigError} saying what is wrong.
 *
 * @example
 * checkNameMap(JSON.parse(saved)); // the same map, checked
 */
export function checkNameMap(value: unknown, option = 'customFieldNames'): NameMap {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`${option} must be an object { [stream]: { [fieldKey]: name } }, such as the one pd.customFieldNames() returns.`);
  }
  for (const [stream, names] of Object.entries(value)) {
    if (names === null || typeof names !== 'object' || Array.isArray(names)) {
      throw new ConfigError(`${option}.${stream} must be an object { [fieldKey]: name }.`);
    }
    for (const [key, name] of Object.entries(names as Record<string, unknown>)) {
      if (typeof name !== 'string' || name.trim() === '') {
        throw new ConfigError(`${option}.${stream}.${key} must be a non-empty string (the column name of that field).`);
      }
    }
  }
  return value as NameMap;
}
