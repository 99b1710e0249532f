import { readTextFile } from '../read-text-file.js';
import { UsageError } from '../usage-error.js';
import { connectionFromEntry, type Connection } from './connection.js';
import { isMapping, parseYamlText } from './yaml-text.js';

/**
 * The content of `--env-file`: Sling's `env.yaml` (connections by name) or a dotenv file (variables).
 *
 * @example
 * const file: EnvFile = { kind: 'dotenv', path: '.env.sling', variables: { PIPEDRIVE: '{ ... }' } };
 */
export type EnvFile =
  | { kind: 'yaml'; path: string; connections: Record<string, unknown>; variables: Record<string, string> }
  | { kind: 'dotenv'; path: string; variables: Record<string, string> };

const DOTENV_LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/;

function unquote(raw: string): string {
  const value = raw.trim();
  if (value.length >= 2 && (value[0] === "'" || value[0] === '"') && value.at(-1) === value[0]) return value.slice(1, -1);
  return value.replace(/\s+#.*$/, '');
}

/**
 * Parses a dotenv text (`NAME=value`, `export NAME='value'`, comments), or returns undefined when the text is
 * not one.
 *
 * @example
 * parseDotenv("PIPEDRIVE='{ type: api }'"); // { PIPEDRIVE: '{ type: api }' }
 */
export function parseDotenv(text: string): Record<string, string> | undefined {
  const variables: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const match = DOTENV_LINE.exec(line);
    if (!match) return undefined;
    variables[match[1]!] = unquote(match[2]!);
  }
  return variables;
}

/**
 * Reads `--env-file`: Sling's `env.yaml` (`connections.<NAME>`, optional `variables`) or a dotenv file such
 * as `.env.sling` (`PIPEDRIVE='{ ... }'`). Errors never quote the file (it holds the token).
 *
 * @example
 * const file = await readEnvFile('env.yaml');
 */
export async function readEnvFile(path: string): Promise<EnvFile> {
  const text = await readTextFile(path, 'env file');
  const variables = parseDotenv(text);
  if (variables) return { kind: 'dotenv', path, variables };
  const parsed = parseYamlText(text, `The env file ${path}`, { secret: true });
  if (!isMapping(parsed) || !isMapping(parsed['connections'])) {
    throw new UsageError(`The env file ${path} has no "connections:" mapping. Expected Sling's env.yaml (connections: { PIPEDRIVE: { type: api, spec: pipedrive, secrets: {...} } }) or NAME=value lines.`);
  }
  const vars = isMapping(parsed['variables']) ? parsed['variables'] : {};
  return {
    kind: 'yaml',
    path,
    connections: parsed['connections'],
    variables: Object.fromEntries(Object.entries(vars).filter(([, v]) => typeof v === 'string' || typeof v === 'number').map(([k, v]) => [k, String(v)])),
  };
}

/**
 * The connection named `name` in an `env.yaml`, or a {@link UsageError} listing the names it has.
 *
 * @example
 * connectionFromEnvFile(file, 'PIPEDRIVE').domain;
 */
export function connectionFromEnvFile(file: Extract<EnvFile, { kind: 'yaml' }>, name: string): Connection {
  const entry = file.connections[name];
  if (entry === undefined) {
    const names = Object.keys(file.connections);
    throw new UsageError(`The env file ${file.path} has no connection "${name}"${names.length ? ` (it has: ${names.join(', ')})` : ''}.`);
  }
  return connectionFromEntry(entry, `connections.${name} in ${file.path}`);
}
