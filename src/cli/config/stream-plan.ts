import { Pipedrive } from '../../client.js';
import type { SyncMode } from '../../incremental/messages.js';
import type { StreamName } from '../../streams/table.js';
import { UsageError } from '../usage-error.js';
import { renderObjectName } from './object-name.js';
import type { Replication, ReplicationEntry } from './replication.js';

/**
 * One stream of a run: its mode and the base name of its output file.
 *
 * @example
 * const planned: PlannedStream = { name: 'deals', mode: 'incremental', object: 'pipedrive.deals' };
 */
export interface PlannedStream {
  name: StreamName;
  mode: SyncMode;
  /** Output file base name (`<out>/<object>.jsonl`). */
  object: string;
}

/**
 * What selects the streams of a run.
 *
 * @example
 * planStreams({ streams: ['deals', 'persons'], mode: 'full-refresh' });
 */
export interface StreamPlanInput {
  replication?: Replication;
  /** `--streams`: names or `*` patterns; with a replication, a subset of its streams. */
  streams?: string[];
  /** `--mode`: overrides every stream's mode (incremental where possible). */
  mode?: SyncMode;
}

const MODES: readonly string[] = ['incremental', 'full-refresh'];

function catalogNames(): StreamName[] {
  return Pipedrive.streams.map((s) => s.name);
}

function canIncrement(name: StreamName): boolean {
  return Pipedrive.streams.find((s) => s.name === name)?.incremental ?? false;
}

function patternRegex(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/**
 * The stream names a name or `*` pattern matches; a name that is not a stream is a {@link UsageError}.
 *
 * @example
 * matchStreams('*_fields'); // ['deal_fields', 'person_fields', 'organization_fields']
 */
export function matchStreams(pattern: string, where = '--streams'): StreamName[] {
  const names = catalogNames();
  const matched = pattern.includes('*') ? names.filter((n) => patternRegex(pattern).test(n)) : names.filter((n) => n === pattern);
  if (matched.length === 0) {
    throw new UsageError(`Unknown stream "${pattern}" in ${where}. Valid streams: ${names.join(', ')}, or '*' for all.`);
  }
  return matched;
}

function checkMode(mode: string | undefined, where: string): SyncMode | undefined {
  if (mode === undefined) return undefined;
  if (!MODES.includes(mode)) {
    throw new UsageError(`Mode "${mode}" (${where}) is not supported: use incremental or full-refresh.`);
  }
  return mode as SyncMode;
}

/** The entry that decides a stream: its exact name first, then the last matching pattern. */
function entryFor(name: StreamName, entries: readonly ReplicationEntry[]): ReplicationEntry | undefined {
  return entries.find((e) => e.pattern === name) ?? entries.filter((e) => e.pattern.includes('*') && patternRegex(e.pattern).test(name)).at(-1);
}

/**
 * Resolves the streams of a run, their modes (Sling's rules: a stream's own mode, else `defaults.mode`,
 * incremental only where the API allows it; `--mode` overrides) and their output names (`defaults.object`
 * or the stream's `object`, `{stream_name}` rendered; the stream name without a replication).
 *
 * @example
 * planStreams({ streams: ['deals', 'stages'] }); // [{ name: 'deals', mode: 'incremental', object: 'deals' }, { name: 'stages', mode: 'full-refresh', object: 'stages' }]
 */
export function planStreams(input: StreamPlanInput): PlannedStream[] {
  const { replication } = input;
  const where = replication ? replication.path : '--streams';
  const entries: ReplicationEntry[] = replication ? replication.entries : (input.streams ?? ['*']).map((pattern) => ({ pattern, disabled: false }));
  const defaultMode = checkMode(replication?.defaults.mode, `defaults.mode in ${where}`);
  for (const entry of entries) {
    matchStreams(entry.pattern, where);
    checkMode(entry.mode, `streams.${entry.pattern} in ${where}`);
  }
  const chosen = catalogNames().filter((name) => {
    const entry = entryFor(name, entries);
    return entry !== undefined && !entry.disabled;
  });
  let selected = chosen;
  if (replication && input.streams) {
    const wanted = new Set(input.streams.flatMap((pattern) => matchStreams(pattern)));
    for (const name of wanted) {
      if (!chosen.includes(name)) throw new UsageError(`--streams names ${name}, which ${replication.path} does not select (it selects: ${chosen.join(', ') || 'nothing'}).`);
    }
    selected = chosen.filter((name) => wanted.has(name));
  }
  if (selected.length === 0) throw new UsageError(`No stream selected by ${where}.`);
  const plan = selected.map((name): PlannedStream => {
    const entry = entryFor(name, entries)!;
    const own = checkMode(entry.mode, `streams.${entry.pattern} in ${where}`);
    if (!input.mode && own === 'incremental' && entry.pattern === name && !canIncrement(name)) {
      throw new UsageError(`${name} cannot be synced incrementally (the API has no change filter for it); use mode full-refresh (${where}).`);
    }
    const wanted = input.mode ?? own ?? defaultMode ?? 'incremental';
    const template = entry.object ?? replication?.defaults.object ?? '{stream_name}';
    const object = renderObjectName(template, { stream_name: name, source_name: replication?.source ?? 'PIPEDRIVE', target_name: replication?.target ?? '' });
    return { name, mode: wanted === 'incremental' && canIncrement(name) ? 'incremental' : 'full-refresh', object };
  });
  const seen = new Map<string, string>();
  for (const { name, object } of plan) {
    const other = seen.get(object);
    if (other) throw new UsageError(`Streams ${other} and ${name} would both write ${object}.jsonl: give object a {stream_name} (${where}).`);
    seen.set(object, name);
  }
  return plan;
}

/**
 * Splits `--streams deals,persons` into names.
 *
 * @example
 * splitStreamList('deals, persons'); // ['deals', 'persons']
 */
export function splitStreamList(value: string): string[] {
  const names = value.split(',').map((s) => s.trim());
  if (names.some((n) => n === '')) throw new UsageError(`--streams "${value}" has an empty name; use a comma-separated list such as deals,persons.`);
  return names;
}
