import type { z } from 'zod';
import { streamTable } from '../streams/table.js';
import type { CustomFieldStream } from './custom-field-streams.js';
import type { FieldCatalog } from './field-catalog.js';

/**
 * Keys a named record uses for itself: the raw values, the deleted-option flags, and the v2
 * `custom_fields` key that named mode replaces. No custom field is ever given one of these names.
 *
 * @example
 * META_KEYS.includes('custom_fields_raw'); // true
 */
export const META_KEYS = Object.freeze(['custom_fields', 'custom_fields_raw', 'custom_fields_deleted_options'] as const);

/**
 * Names a custom field of `stream` may not take: the keys of the stream's schema, the keys of the
 * catalog's built-in fields, `is_archived` and {@link META_KEYS}.
 *
 * @example
 * reservedNames('deals', catalog).has('title'); // true
 */
export function reservedNames(stream: CustomFieldStream, catalog: FieldCatalog): Set<string> {
  const schema = streamTable[stream].schema as z.ZodObject;
  const names = new Set<string>([...Object.keys(schema.shape), 'is_archived', ...META_KEYS]);
  for (const field of catalog.fields) if (!field.isCustom) names.add(field.key);
  return names;
}
