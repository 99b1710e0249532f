import { ConfigError } from '../errors.js';
import type { StreamSpec } from '../streams/types.js';
import { customFieldStreams } from './custom-field-streams.js';
import { checkNameMap, type NameMap } from './name-map.js';

/**
 * The custom-field options of one read.
 *
 * @example
 * pd.deals({ customFields: 'named', customFieldNames: state.customFieldNames });
 */
export interface CustomFieldOptions {
  /**
   * `raw`: records as Pipedrive sends them (40-hex keys, option ids). `named`: custom fields under
   * readable names with option labels and named composite objects; see docs/custom-fields.md.
   * @default 'raw'
   */
  customFields?: 'raw' | 'named';
  /**
   * Names to keep from an earlier run, `{ [stream]: { [fieldKey]: name } }` (only this stream's entry is
   * used; ignored in raw mode). Fields renamed in Pipedrive keep these names; new fields get names that
   * avoid them. Read the names a run used with `pd.customFieldNames()`.
   */
  customFieldNames?: NameMap;
  /**
   * Name every field after its current display name, ignoring `customFieldNames`.
   * @default false
   */
  refreshCustomFieldNames?: boolean;
}

/**
 * Checks the custom-field options against the stream's table row before any request: streams without
 * custom fields refuse them, and the values must be valid. Returns true when records are to be named.
 *
 * @example
 * checkCustomFieldOptions(streamTable.deals, { customFields: 'named' }); // true
 */
export function checkCustomFieldOptions(spec: StreamSpec, options: CustomFieldOptions): boolean {
  const { customFields, customFieldNames, refreshCustomFieldNames } = options;
  if (customFields === undefined && customFieldNames === undefined && refreshCustomFieldNames === undefined) return false;
  if (!spec.customFields) {
    throw new ConfigError(
      `${spec.name} has no custom fields, so customFields, customFieldNames and refreshCustomFieldNames are not available. ` +
        `Streams with custom fields: ${customFieldStreams.join(', ')}.`,
    );
  }
  if (customFields !== undefined && customFields !== 'raw' && customFields !== 'named') {
    throw new ConfigError(`customFields "${String(customFields)}" is not valid: use 'raw' (the default) or 'named'.`);
  }
  if (refreshCustomFieldNames !== undefined && typeof refreshCustomFieldNames !== 'boolean') {
    throw new ConfigError(`refreshCustomFieldNames must be true or false, got ${String(refreshCustomFieldNames)}.`);
  }
  if (customFieldNames !== undefined) checkNameMap(customFieldNames);
  return customFields === 'named';
}
