import { ResponseValidationError } from '../errors.js';
import type { Meter, Transport } from '../http/transport.js';
import { fetchPages } from '../pagination/fetch-pages.js';
import { paginationStrategies } from '../pagination/strategies.js';
import { fieldSchema, type Field } from '../schemas/field.js';
import { catalogEndpoint } from './catalog-endpoints.js';
import { toFieldCatalog, type CatalogName, type FieldCatalog } from './field-catalog.js';

/**
 * Options of {@link loadFieldCatalog}.
 *
 * @example
 * const options: LoadCatalogOptions = { signal: AbortSignal.timeout(10_000) };
 */
export interface LoadCatalogOptions {
  signal?: AbortSignal;
  /** Counts the catalog's requests and tokens (sync adds them to the stream that needed it). */
  meter?: Meter;
}

/**
 * Reads every page of one field catalog through the shared pagination path and validates each field.
 *
 * @example
 * const catalog = await loadFieldCatalog(transport, 'product_fields');
 */
export async function loadFieldCatalog(transport: Transport, catalog: CatalogName, options: LoadCatalogOptions = {}): Promise<FieldCatalog> {
  const endpoint = catalogEndpoint(catalog);
  const path = `/api/${endpoint.api}${endpoint.path}`;
  const records: Field[] = [];
  const pages = fetchPages({
    transport,
    path,
    query: {},
    strategy: paginationStrategies[endpoint.pagination],
    pageSize: endpoint.maxPageSize,
    tokenCost: endpoint.tokenCost,
    stream: catalog,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.meter ? { meter: options.meter } : {}),
  });
  for await (const page of pages) {
    for (const item of page.data) {
      const parsed = fieldSchema.safeParse(item);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.map(String).join('.') || '(root)';
        throw new ResponseValidationError(
          `${catalog} (GET ${path}): a field does not match its schema at "${where}": ${issue?.message ?? 'invalid'}. Custom fields cannot be decoded without it; read with customFields: 'raw' and report the shape.`,
          { stream: catalog, path: where },
        );
      }
      records.push(parsed.data);
    }
  }
  return toFieldCatalog(catalog, records);
}
