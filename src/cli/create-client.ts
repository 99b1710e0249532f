import { Pipedrive } from '../client.js';
import type { EventListener } from '../http/events.js';
import type { Credentials } from './config/credentials.js';

/**
 * The client of a CLI run: token and domain (or the loopback base URL), a fixed rate when `--rate` was given.
 *
 * @example
 * const pd = createClient(credentials, { rate: 2, onEvent: (e) => console.error(e.type) });
 */
export function createClient(credentials: Credentials, options: { rate?: number; onEvent?: EventListener } = {}): Pipedrive {
  return new Pipedrive({
    apiToken: credentials.apiToken,
    ...(credentials.baseUrl !== undefined ? { baseUrl: credentials.baseUrl } : { domain: credentials.domain! }),
    ...(options.rate !== undefined ? { rateLimit: { requestsPerSecond: options.rate } } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
}
