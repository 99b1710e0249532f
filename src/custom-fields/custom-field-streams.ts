import { ConfigError } from '../errors.js';
import { streamNames, streamTable, type StreamName, type StreamTable } from '../streams/table.js';
import type { CatalogName } from './field-catalog.js';

/**
 * A stream whose records carry custom fields (its table row has `customFields`):
 * `deals`, `persons`, `organizations`, `leads` (deal fields) and `products`.
 *
 * @example
 * const stream: CustomFieldStream = 'leads';
 */
export type CustomFieldStream = { [K in StreamName]: StreamTable[K] extends { customFields: object } ? K : never }[StreamName];

/**
 * Every stream with custom fields, in table order.
 *
 * @example
 * customFieldStreams; // ['deals', 'persons', 'organizations', 'leads', 'products']
 */
export const customFieldStreams: readonly CustomFieldStream[] = Object.freeze(streamNames.filter((name): name is CustomFieldStream => 'customFields' in streamTable[name]));

/**
 * The catalog and wire shape of a stream's custom fields, or a {@link ConfigError} for any other name.
 *
 * @example
 * customFieldsOf('leads'); // { catalog: 'deal_fields', shape: 'v1' }
 */
export function customFieldsOf(stream: string): { catalog: CatalogName; shape: 'v1' | 'v2' } {
  if (!(customFieldStreams as readonly string[]).includes(stream)) {
    throw new ConfigError(`"${stream}" has no custom fields. Streams with custom fields: ${customFieldStreams.join(', ')}.`);
  }
  const row = streamTable[stream as CustomFieldStream].customFields;
  return { catalog: row.catalog as CatalogName, shape: row.shape };
}
