import type { Transport } from '../http/transport.js';
import { streamNames, streamTable, type StreamName } from '../streams/table.js';
import type { StreamSpec } from '../streams/types.js';
import type { CustomFieldContext } from './custom-field-context.js';
import { customFieldsOf, type CustomFieldStream } from './custom-field-streams.js';
import type { CatalogField, CatalogName, FieldCatalog } from './field-catalog.js';
import { assignFieldNames, checkNameMap, type NameMap } from './name-map.js';
import { reservedNames } from './reserved-names.js';
import { schemaColumns, type ColumnType } from './schema-columns.js';

/**
 * One option of an enum or set column.
 *
 * @example
 * const option: DiscoveredOption = { id: 12, label: 'Web' };
 */
export interface DiscoveredOption {
  id: number | string;
  label: string;
}

/**
 * One column of a stream, as records have it with `customFields: 'named'`.
 *
 * @example
 * const column: DiscoveredColumn = { name: 'deal_source', key: 'dcf5...be12', origin: 'custom', type: 'string', fieldType: 'enum', label: 'Deal source', options: [{ id: 12, label: 'Web' }] };
 */
export interface DiscoveredColumn {
  /** The key in the record (for custom fields, the name from the name map). */
  name: string;
  /** The key in the API: the field key (40-hex hash) of a custom field, the name itself otherwise. */
  key: string;
  /** `builtin` (schema or catalog), `custom`, or `meta` (`custom_fields_raw`, `custom_fields_deleted_options`). */
  origin: 'builtin' | 'custom' | 'meta';
  /** What a value is once read (decoded, for custom fields). */
  type: ColumnType;
  /** Pipedrive's `field_type`, when the field catalog lists the field. */
  fieldType?: string;
  /** Display name in Pipedrive, when the field catalog lists the field. */
  label?: string;
  /** Options of enum and set fields. */
  options?: DiscoveredOption[];
}

/**
 * One stream of the table with its columns.
 *
 * @example
 * const deals = (await pd.discover()).find((s) => s.name === 'deals')!;
 * deals.columns.filter((c) => c.origin === 'custom').map((c) => c.name);
 */
export interface DiscoveredStream {
  name: StreamName;
  primaryKey: string;
  cursorField: string | null;
  /** The catalog and wire shape of the stream's custom fields, or null when it has none. */
  customFields: { catalog: CatalogName; shape: 'v1' | 'v2' } | null;
  columns: DiscoveredColumn[];
}

/**
 * Options of `pd.discover()`.
 *
 * @example
 * await pd.discover({ customFieldNames: state.customFieldNames, refresh: true });
 */
export interface DiscoverOptions {
  signal?: AbortSignal;
  /** Read the field catalogs again instead of using the client's cached ones. @default false */
  refresh?: boolean;
  /** Names to keep, as for named reads; custom columns are named exactly as a named read with the same map names them. */
  customFieldNames?: NameMap;
  /** Name custom columns after their current display names. @default false */
  refreshCustomFieldNames?: boolean;
}

/** The type a decoded custom value has, by Pipedrive field type. */
function decodedType(fieldType: string): ColumnType {
  switch (fieldType) {
    case 'varchar':
    case 'varchar_auto':
    case 'varchar_options':
    case 'text':
    case 'phone':
    case 'enum':
      return 'string';
    case 'double':
      return 'number';
    case 'int':
    case 'user':
    case 'org':
    case 'people':
    case 'deal':
    case 'lead':
    case 'stage':
      return 'integer';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'set':
      return 'array';
    case 'monetary':
    case 'daterange':
    case 'time':
    case 'timerange':
    case 'address':
      return 'object';
    default:
      return 'unknown';
  }
}

function optionsOf(field: CatalogField): DiscoveredOption[] | undefined {
  if (field.type !== 'enum' && field.type !== 'set' && Object.keys(field.options).length === 0) return undefined;
  return Object.entries(field.options).map(([id, label]) => ({ id: /^-?\d+$/.test(id) ? Number(id) : id, label }));
}

function catalogInfo(field: CatalogField): Pick<DiscoveredColumn, 'fieldType' | 'label' | 'options'> {
  const options = optionsOf(field);
  return { fieldType: field.type, label: field.name, ...(options ? { options } : {}) };
}

function columnsOf(stream: StreamName, spec: StreamSpec, catalog: FieldCatalog | undefined, options: DiscoverOptions): DiscoveredColumn[] {
  const columns: DiscoveredColumn[] = [];
  if (!catalog || !spec.customFields) {
    for (const { name, type } of schemaColumns(spec.schema)) columns.push({ name, key: name, origin: 'builtin', type });
    return columns;
  }
  const custom = stream as CustomFieldStream;
  // Built-in catalog fields describe v2 records; v1 records (leads) share only the custom ones.
  const builtins = new Map(spec.customFields.shape === 'v2' ? catalog.fields.filter((f) => !f.isCustom).map((f) => [f.key, f] as const) : []);
  for (const { name, type } of schemaColumns(spec.schema)) {
    if (name === 'custom_fields') continue;
    const field = builtins.get(name);
    builtins.delete(name);
    columns.push({ name, key: name, origin: 'builtin', type, ...(field ? catalogInfo(field) : {}) });
  }
  for (const field of builtins.values()) columns.push({ name: field.key, key: field.key, origin: 'builtin', type: decodedType(field.type), ...catalogInfo(field) });
  const names = assignFieldNames(catalog.fields, reservedNames(custom, catalog), options.customFieldNames?.[stream], options.refreshCustomFieldNames ?? false);
  for (const field of catalog.fields) {
    const name = names[field.key];
    if (field.isCustom && name !== undefined) columns.push({ name, key: field.key, origin: 'custom', type: decodedType(field.type), ...catalogInfo(field) });
  }
  columns.push({ name: 'custom_fields_raw', key: 'custom_fields_raw', origin: 'meta', type: 'object' });
  columns.push({ name: 'custom_fields_deleted_options', key: 'custom_fields_deleted_options', origin: 'meta', type: 'object' });
  return columns;
}

/**
 * Every stream of the table with its columns: built-in ones from the schema (and, for v2 streams, the
 * built-in fields of the catalog the schema does not declare), custom ones from the field catalog under
 * the names a named read gives them, with types and, for enum and set fields, their options. Loads each
 * catalog once (from the client's cache unless `refresh`).
 *
 * @example
 * for (const stream of await discoverStreams(context)) console.log(stream.name, stream.columns.length);
 */
export async function discoverStreams(context: { transport: Transport; customFields: CustomFieldContext }, options: DiscoverOptions = {}): Promise<DiscoveredStream[]> {
  if (options.customFieldNames !== undefined) checkNameMap(options.customFieldNames);
  const load = new Map<CatalogName, Promise<FieldCatalog>>();
  const catalogOf = (name: CatalogName) => {
    let promise = load.get(name);
    if (!promise) {
      promise = context.customFields.catalogs.get(name, { ...(options.refresh ? { refresh: true } : {}), ...(options.signal ? { signal: options.signal } : {}) });
      load.set(name, promise);
    }
    return promise;
  };
  return Promise.all(
    streamNames.map(async (name): Promise<DiscoveredStream> => {
      const spec: StreamSpec = streamTable[name];
      const custom = spec.customFields ? customFieldsOf(name) : null;
      const catalog = custom ? await catalogOf(custom.catalog) : undefined;
      return {
        name,
        primaryKey: spec.primaryKey,
        cursorField: spec.cursorField ?? null,
        customFields: custom,
        columns: columnsOf(name, spec, catalog, options),
      };
    }),
  );
}
