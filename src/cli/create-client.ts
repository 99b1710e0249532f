import { Pipedrive } from '../client.js';
import type { EventListener } from '../http/events.js';
import { numberFlag, type FlagSpec, type Flags } from './args.js';
import type { Credentials } from './config/credentials.js';

/**
 * The client settings a command takes from its flags: `--rate`, `--daily-token-budget`, `--retries`, `--timeout`.
 *
 * @example
 * const settings: ClientSettings = { rate: 2, dailyTokenBudget: 20000 };
 */
export interface ClientSettings {
  /** Fixed pace in requests per second (`rateLimit.requestsPerSecond`). */
  rate?: number;
  /** Tokens this run may spend (`dailyTokenBudget`). */
  dailyTokenBudget?: number;
  /** Retries of a failed request (`retry.limit`). */
  retries?: number;
  /** Per-attempt timeout in milliseconds (`timeout`). */
  timeout?: number;
}

/**
 * The flags behind {@link ClientSettings}, for a command's flag table.
 *
 * @example
 * parseFlags(argv, { ...CLIENT_FLAGS, json: 'boolean' }, 'discover');
 */
export const CLIENT_FLAGS: FlagSpec = {
  rate: 'string',
  'daily-token-budget': 'string',
  retries: 'string',
  timeout: 'string',
};

/**
 * Reads and checks {@link CLIENT_FLAGS}; a bad value is a UsageError (exit 2) naming the flag.
 *
 * @example
 * readClientSettings({ rate: '2', retries: '3' }); // { rate: 2, retries: 3 }
 */
export function readClientSettings(flags: Flags): ClientSettings {
  const rate = numberFlag(flags, 'rate', { min: 0.001 });
  const dailyTokenBudget = numberFlag(flags, 'daily-token-budget', { min: 1, integer: true });
  const retries = numberFlag(flags, 'retries', { min: 0, integer: true });
  const timeout = numberFlag(flags, 'timeout', { min: 1, integer: true });
  return {
    ...(rate !== undefined ? { rate } : {}),
    ...(dailyTokenBudget !== undefined ? { dailyTokenBudget } : {}),
    ...(retries !== undefined ? { retries } : {}),
    ...(timeout !== undefined ? { timeout } : {}),
  };
}

/**
 * The client of a CLI run: token and domain (or the loopback base URL), and the settings given by flags.
 *
 * @example
 * const pd = createClient(credentials, { rate: 2, onEvent: (e) => console.error(e.type) });
 */
export function createClient(credentials: Credentials, options: ClientSettings & { onEvent?: EventListener } = {}): Pipedrive {
  return new Pipedrive({
    apiToken: credentials.apiToken,
    ...(credentials.baseUrl !== undefined ? { baseUrl: credentials.baseUrl } : { domain: credentials.domain! }),
    ...(options.rate !== undefined ? { rateLimit: { requestsPerSecond: options.rate } } : {}),
    ...(options.dailyTokenBudget !== undefined ? { dailyTokenBudget: options.dailyTokenBudget } : {}),
    ...(options.retries !== undefined ? { retry: { limit: options.retries } } : {}),
    ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
}
