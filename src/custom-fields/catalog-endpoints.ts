import { streamTable } from '../streams/table.js';
import type { EndpointSpec } from '../streams/types.js';
import type { CatalogName } from './field-catalog.js';

/**
 * v2 `GET /productFields`: the product field catalog. Not a stream of the table, read only to decode
 * product custom fields. Cost and page limit from the spec (`x-token-cost: 10`, `limit` up to 500).
 *
 * @example
 * PRODUCT_FIELDS_ENDPOINT.path; // '/productFields'
 */
export const PRODUCT_FIELDS_ENDPOINT: EndpointSpec = Object.freeze({ api: 'v2', path: '/productFields', tokenCost: 10, pagination: 'cursor', maxPageSize: 500 });

/**
 * The endpoint a catalog is read from: the field streams' own rows, or {@link PRODUCT_FIELDS_ENDPOINT}.
 *
 * @example
 * catalogEndpoint('deal_fields').path; // '/dealFields'
 */
export function catalogEndpoint(catalog: CatalogName): EndpointSpec {
  switch (catalog) {
    case 'deal_fields':
      return streamTable.deal_fields.endpoint;
    case 'person_fields':
      return streamTable.person_fields.endpoint;
    case 'organization_fields':
      return streamTable.organization_fields.endpoint;
    case 'product_fields':
      return PRODUCT_FIELDS_ENDPOINT;
  }
}
