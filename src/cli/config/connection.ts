import { UsageError } from '../usage-error.js';
import { isMapping, parseYamlText } from './yaml-text.js';

/**
 * What a Sling connection entry gives: `secrets.api_token`, `secrets.domain` and `inputs.anchor_date`.
 *
 * @example
 * const connection: Connection = { apiToken: 'abc', domain: 'mycompany', anchorDate: '2020-01-01', from: 'env.yaml' };
 */
export interface Connection {
  apiToken?: string;
  domain?: string;
  anchorDate?: string;
  /** Where it came from, for messages (never the token). */
  from: string;
}

function text(value: unknown, name: string, from: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new UsageError(`${name} in ${from} must be a string.`);
}

/**
 * Reads a Sling connection entry (already parsed): `{ type: api, spec: pipedrive, secrets: { api_token,
 * domain }, inputs: { anchor_date } }`. `type` and `spec`, when present, must say `api` and `pipedrive`.
 *
 * @example
 * connectionFromEntry({ type: 'api', spec: 'pipedrive', secrets: { api_token: 'abc', domain: 'mycompany' } }, 'PIPEDRIVE');
 */
export function connectionFromEntry(entry: unknown, from: string): Connection {
  if (!isMapping(entry)) throw new UsageError(`${from} must be a mapping such as { type: api, spec: pipedrive, secrets: { api_token: "...", domain: "..." } }.`);
  if (entry['type'] !== undefined && entry['type'] !== 'api') throw new UsageError(`${from} has type "${String(entry['type'])}"; a Pipedrive connection has type: api.`);
  if (entry['spec'] !== undefined && entry['spec'] !== 'pipedrive') throw new UsageError(`${from} has spec "${String(entry['spec'])}"; expected spec: pipedrive.`);
  const secrets = entry['secrets'] ?? {};
  if (!isMapping(secrets)) throw new UsageError(`secrets in ${from} must be a mapping { api_token, domain }.`);
  const inputs = entry['inputs'] ?? {};
  if (!isMapping(inputs)) throw new UsageError(`inputs in ${from} must be a mapping such as { anchor_date: "2020-01-01" }.`);
  const apiToken = text(secrets['api_token'] ?? entry['api_token'], 'secrets.api_token', from);
  const domain = text(secrets['domain'] ?? entry['domain'], 'secrets.domain', from);
  const anchorDate = text(inputs['anchor_date'] ?? entry['anchor_date'], 'inputs.anchor_date', from);
  return { from, ...(apiToken !== undefined ? { apiToken } : {}), ...(domain !== undefined ? { domain } : {}), ...(anchorDate !== undefined ? { anchorDate } : {}) };
}

/**
 * Parses the value of Sling's connection variable, e.g. `PIPEDRIVE='{ type: api, spec: pipedrive, secrets:
 * { api_token: "...", domain: "mycompany" } }'` (a YAML flow mapping, or JSON).
 *
 * @example
 * parseConnectionVariable('{ type: api, spec: pipedrive, secrets: { api_token: "abc", domain: "x" } }', 'PIPEDRIVE').domain; // 'x'
 */
export function parseConnectionVariable(value: string, name: string): Connection {
  const from = `the ${name} variable`;
  return connectionFromEntry(parseYamlText(value, from, { secret: true }), from);
}
