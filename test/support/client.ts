import { Pipedrive, type PipedriveOptions } from '../../src/index.js';
import { ORIGIN, TOKEN } from './list-server.js';

/** A client for msw tests: fast retries, a high fixed rate, unless the test says otherwise. */
export function testClient(options: Partial<PipedriveOptions> = {}): Pipedrive {
  return new Pipedrive({
    apiToken: TOKEN,
    baseUrl: ORIGIN,
    rateLimit: { requestsPerSecond: 1000 },
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
}
