import type { Query } from '../http/transport.js';
import type { EndpointSpec } from '../streams/types.js';

/** The list endpoints whose spec accepts `include_option_labels` (not the `/archived` companions, not products). */
const LABELLED: ReadonlySet<string> = new Set(['v2 /deals', 'v2 /persons', 'v2 /organizations']);

/**
 * `{ include_option_labels: true }` for endpoints that return enum and set values as `{ id, label }` when
 * asked, `{}` for the others (their labels come from the catalog).
 *
 * @example
 * optionLabelsQuery(streamTable.deals.endpoint); // { include_option_labels: true }
 * optionLabelsQuery(streamTable.deals.archived); // {}
 */
export function optionLabelsQuery(endpoint: EndpointSpec): Query {
  return LABELLED.has(`${endpoint.api} ${endpoint.path}`) ? { include_option_labels: true } : {};
}
