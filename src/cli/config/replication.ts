import { readTextFile } from '../read-text-file.js';
import { UsageError } from '../usage-error.js';
import { isMapping, parseYamlText } from './yaml-text.js';

/**
 * One entry under `streams:` of a Sling replication file (a stream name or a `*` pattern).
 *
 * @example
 * const entry: ReplicationEntry = { pattern: 'pipelines', mode: 'full-refresh', disabled: false };
 */
export interface ReplicationEntry {
  pattern: string;
  mode?: string;
  object?: string;
  disabled: boolean;
}

/**
 * A Sling replication file, as far as it concerns pipedrive-extract.
 *
 * @example
 * const replication = await readReplication('replication.yaml');
 * replication.source; // 'PIPEDRIVE'
 */
export interface Replication {
  path: string;
  /** The connection name (`source`), looked up in `--env-file` or the environment. */
  source: string;
  /** The caller's storage (`target`); informational: records go to JSON Lines files in `--out`. */
  target?: string;
  defaults: { mode?: string; object?: string };
  entries: ReplicationEntry[];
  /** Sling keys that have no effect here (`hooks`, `primary_key`, ...), as `where.key`. */
  ignored: string[];
}

const ROOT_KEYS = new Set(['source', 'target', 'defaults', 'streams', 'env', 'hooks']);
const STREAM_KEYS = new Set(['mode', 'object', 'disabled']);
/** Keys of Sling's stream map that mean nothing for an API source written to files; accepted and reported. */
const IGNORED_STREAM_KEYS = new Set([
  'description',
  'primary_key',
  'update_key',
  'source_options',
  'target_options',
  'columns',
  'select',
  'where',
  'sql',
  'single',
  'transforms',
  'hooks',
  'tags',
  'schedule',
]);

function optionalString(value: unknown, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${where} must be a non-empty string.`);
  return value.trim();
}

function streamMap(value: unknown, where: string, path: string, ignored: string[]): Omit<ReplicationEntry, 'pattern'> {
  if (value === null || value === undefined) return { disabled: false };
  if (!isMapping(value)) throw new UsageError(`${where} in ${path} must be a mapping such as { mode: full-refresh }, or empty.`);
  for (const key of Object.keys(value)) {
    if (IGNORED_STREAM_KEYS.has(key)) ignored.push(`${where}.${key}`);
    else if (!STREAM_KEYS.has(key)) throw new UsageError(`${where} in ${path} has an unknown key "${key}" (known: ${[...STREAM_KEYS].join(', ')}).`);
  }
  const disabled = value['disabled'] ?? false;
  if (typeof disabled !== 'boolean') throw new UsageError(`${where}.disabled in ${path} must be true or false.`);
  const mode = optionalString(value['mode'], `${where}.mode in ${path}`);
  const object = optionalString(value['object'], `${where}.object in ${path}`);
  return { disabled, ...(mode !== undefined ? { mode } : {}), ...(object !== undefined ? { object } : {}) };
}

/**
 * Checks a parsed replication document: `source` and `streams` required, `target`, `defaults` (`mode`,
 * `object`) optional; Sling keys without meaning here are listed in `ignored`, unknown keys are errors.
 *
 * @example
 * parseReplication({ source: 'PIPEDRIVE', streams: { deals: null } }, 'r.yaml').entries[0].pattern; // 'deals'
 */
export function parseReplication(document: unknown, path: string): Replication {
  if (!isMapping(document)) throw new UsageError(`The replication file ${path} must be a mapping with source, target, defaults and streams.`);
  for (const key of Object.keys(document)) {
    if (!ROOT_KEYS.has(key)) throw new UsageError(`The replication file ${path} has an unknown key "${key}" (known: ${[...ROOT_KEYS].join(', ')}).`);
  }
  const ignored: string[] = [];
  for (const key of ['env', 'hooks']) if (document[key] !== undefined) ignored.push(key);
  const source = optionalString(document['source'], `source in ${path}`);
  if (source === undefined) throw new UsageError(`The replication file ${path} has no source (the connection name, e.g. source: PIPEDRIVE).`);
  const target = optionalString(document['target'], `target in ${path}`);
  const defaults = streamMap(document['defaults'], 'defaults', path, ignored);
  if (defaults.disabled) throw new UsageError(`defaults.disabled in ${path} would disable every stream.`);
  const streams = document['streams'];
  if (!isMapping(streams) || Object.keys(streams).length === 0) {
    throw new UsageError(`The replication file ${path} has no streams. List some under "streams:" (e.g. deals:), or '*' for all.`);
  }
  const entries = Object.entries(streams).map(([pattern, value]) => ({ pattern: pattern.trim(), ...streamMap(value, `streams.${pattern}`, path, ignored) }));
  return {
    path,
    source,
    ...(target !== undefined ? { target } : {}),
    defaults: { ...(defaults.mode !== undefined ? { mode: defaults.mode } : {}), ...(defaults.object !== undefined ? { object: defaults.object } : {}) },
    entries,
    ignored,
  };
}

/**
 * Reads and checks a Sling replication file (YAML or JSON).
 *
 * @example
 * const replication = await readReplication('replication.yaml');
 */
export async function readReplication(path: string): Promise<Replication> {
  const text = await readTextFile(path, 'replication file');
  return parseReplication(parseYamlText(text, `The replication file ${path}`, { secret: false }), path);
}
