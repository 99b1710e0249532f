import type { Transport } from '../http/transport.js';
import { CatalogCache } from './catalog-cache.js';
import { loadFieldCatalog } from './load-field-catalog.js';
import { NameRegistry } from './name-registry.js';

/**
 * What one client keeps for custom fields: its catalog cache and the names its named reads used.
 *
 * @example
 * const customFields = createCustomFieldContext(transport);
 * await customFields.catalogs.get('deal_fields');
 */
export interface CustomFieldContext {
  readonly catalogs: CatalogCache;
  readonly names: NameRegistry;
}

/**
 * A fresh {@link CustomFieldContext} whose catalogs are read through `transport` (so through the client's
 * pacer, retries and token budget).
 *
 * @example
 * const context = { transport, validate: true, customFields: createCustomFieldContext(transport) };
 */
export function createCustomFieldContext(transport: Transport): CustomFieldContext {
  return {
    catalogs: new CatalogCache((catalog, options) => loadFieldCatalog(transport, catalog, options)),
    names: new NameRegistry(),
  };
}
