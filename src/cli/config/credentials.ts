import { isLoopbackHost, originFromBaseUrl } from '../../config/resolve-origin.js';
import { UsageError } from '../usage-error.js';
import { parseConnectionVariable, type Connection } from './connection.js';
import { connectionFromEnvFile, type EnvFile } from './env-file.js';

/**
 * Everything needed to reach the account. Kept in memory only: the token is never printed or written.
 *
 * @example
 * const credentials: Credentials = { apiToken, domain: 'mycompany', from: 'PIPEDRIVE_API_TOKEN' };
 */
export interface Credentials {
  apiToken: string;
  /** Company subdomain, unless `baseUrl` replaces it. */
  domain?: string;
  /** Loopback origin of a fake Pipedrive (`--base-url`, `PIPEDRIVE_BASE_URL`). */
  baseUrl?: string;
  /** `inputs.anchor_date` of a Sling connection. */
  anchorDate?: string;
  /** Where the token came from, for messages. */
  from: string;
}

/**
 * Where credentials may come from.
 *
 * @example
 * resolveCredentials({ env: process.env, connectionName: 'PIPEDRIVE' });
 */
export interface CredentialSources {
  env: Record<string, string | undefined>;
  /** `--env-file`, already read. */
  envFile?: EnvFile;
  /** The Sling connection name (a replication's `source`). @default 'PIPEDRIVE' */
  connectionName: string;
  /** `--base-url`. */
  baseUrl?: string;
  /** `--domain`. */
  domain?: string;
}

const HOW =
  'Set PIPEDRIVE_API_TOKEN and PIPEDRIVE_DOMAIN, or Sling\'s PIPEDRIVE=\'{ type: api, spec: pipedrive, secrets: { api_token: "...", domain: "..." } }\', or pass --env-file env.yaml.';

/**
 * The environment after `--env-file` (its variables win over the process environment).
 *
 * @example
 * effectiveEnv(process.env, envFile).PIPEDRIVE;
 */
export function effectiveEnv(env: Record<string, string | undefined>, envFile: EnvFile | undefined): Record<string, string | undefined> {
  return envFile ? { ...env, ...envFile.variables } : env;
}

function findConnection(sources: CredentialSources, env: Record<string, string | undefined>): Connection | undefined {
  const { envFile, connectionName } = sources;
  if (envFile?.kind === 'yaml') return connectionFromEnvFile(envFile, connectionName);
  const variable = env[connectionName];
  if (variable !== undefined && variable.trim() !== '') return parseConnectionVariable(variable, connectionName);
  const token = env['PIPEDRIVE_API_TOKEN'];
  if (token !== undefined && token !== '') return { apiToken: token, from: 'PIPEDRIVE_API_TOKEN' };
  return undefined;
}

/**
 * Checks a `--base-url`: loopback only (it is meant for the fake Pipedrive; a real account is reached by
 * its domain).
 *
 * @example
 * checkLoopbackBaseUrl('http://127.0.0.1:4010'); // 'http://127.0.0.1:4010'
 */
export function checkLoopbackBaseUrl(baseUrl: string): string {
  const origin = originFromBaseUrl(baseUrl);
  if (!isLoopbackHost(new URL(origin).hostname)) {
    throw new UsageError(`--base-url ${origin} is not a loopback address; it is only for the fake Pipedrive (pipedrive-extract mock). Reach a real account with PIPEDRIVE_DOMAIN or --domain.`);
  }
  return origin;
}

/**
 * Resolves token, domain or base URL, and the anchor date input: `--env-file` (Sling's env.yaml, or a
 * dotenv file), else Sling's connection variable (`PIPEDRIVE`), else `PIPEDRIVE_API_TOKEN` +
 * `PIPEDRIVE_DOMAIN`. Missing pieces are {@link UsageError}s that say how to provide them.
 *
 * @example
 * const { apiToken, domain } = resolveCredentials({ env: process.env, connectionName: 'PIPEDRIVE' });
 */
export function resolveCredentials(sources: CredentialSources): Credentials {
  const env = effectiveEnv(sources.env, sources.envFile);
  const connection = findConnection(sources, env);
  if (!connection?.apiToken) {
    throw new UsageError(`No Pipedrive API token${connection ? ` in ${connection.from}` : ''}. ${HOW}`);
  }
  const baseUrlText = sources.baseUrl ?? (env['PIPEDRIVE_BASE_URL'] || undefined);
  const baseUrl = baseUrlText === undefined ? undefined : checkLoopbackBaseUrl(baseUrlText);
  const domain = sources.domain ?? connection.domain ?? (env['PIPEDRIVE_DOMAIN'] || undefined);
  if (baseUrl === undefined && domain === undefined) {
    throw new UsageError(`No Pipedrive domain${connection.from === 'PIPEDRIVE_API_TOKEN' ? '' : ` in ${connection.from}`}: set PIPEDRIVE_DOMAIN (e.g. mycompany for mycompany.pipedrive.com) or pass --domain.`);
  }
  return {
    apiToken: connection.apiToken,
    from: connection.from,
    ...(domain !== undefined ? { domain } : {}),
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(connection.anchorDate !== undefined ? { anchorDate: connection.anchorDate } : {}),
  };
}
