import { ConfigError } from '../errors.js';
import { streamNames, streamTable, type StreamName } from '../streams/table.js';
import type { SyncMode } from './messages.js';

/**
 * Which streams to sync and how, as Sling users write it: `{ '*': {}, pipelines: { mode: 'full-refresh' } }`.
 * A stream set to `null` or `{}` takes the default mode.
 *
 * @example
 * const streams: StreamSelection = { deals: {}, persons: { mode: 'full-refresh' } };
 */
export type StreamSelection = Record<string, { mode?: SyncMode } | null | undefined>;

/** A stream chosen for a run, with its mode. */
export interface SelectedStream {
  name: StreamName;
  mode: SyncMode;
}

const MODES: readonly SyncMode[] = ['incremental', 'full-refresh'];

/**
 * Resolves a {@link StreamSelection} against the stream table; unknown names, unknown modes and
 * `incremental` on a stream that cannot do it are {@link ConfigError}s that list the valid choices.
 *
 * @example
 * selectStreams({ '*': {} }, 'incremental').length; // 18
 */
export function selectStreams(selection: StreamSelection | undefined, defaultMode?: SyncMode): SelectedStream[] {
  const entries = Object.entries(selection ?? { '*': {} });
  if (entries.length === 0) throw new ConfigError(`No stream selected. Use { '*': {} } for all, or name some of: ${streamNames.join(', ')}.`);
  const wildcard = entries.find(([name]) => name === '*');
  const chosen = new Map<StreamName, SyncMode | undefined>();
  const canIncrement = (name: StreamName) => 'incremental' in streamTable[name];
  const checkMode = (name: string, mode: unknown): SyncMode | undefined => {
    if (mode === undefined) return undefined;
    if (!MODES.includes(mode as SyncMode)) throw new ConfigError(`Mode "${String(mode)}" of ${name} is not valid: use ${MODES.join(' or ')}.`);
    return mode as SyncMode;
  };
  if (defaultMode !== undefined) checkMode('defaults', defaultMode);
  const wildcardMode = wildcard ? checkMode('*', wildcard[1]?.mode) : undefined;
  if (wildcard) for (const name of streamNames) chosen.set(name, wildcardMode);
  for (const [name, config] of entries) {
    if (name === '*') continue;
    if (!Object.hasOwn(streamTable, name)) {
      throw new ConfigError(`Unknown stream "${name}". Valid streams: ${streamNames.join(', ')}, or '*' for all.`);
    }
    if (config !== null && config !== undefined && typeof config !== 'object') {
      throw new ConfigError(`The settings of stream ${name} must be an object such as { mode: 'full-refresh' }.`);
    }
    chosen.set(name as StreamName, checkMode(name, config?.mode) ?? wildcardMode);
  }
  const incrementalNames = streamNames.filter(canIncrement);
  return [...chosen].map(([name, mode]) => {
    const explicit = mode;
    if (explicit === 'incremental' && !canIncrement(name)) {
      // '*' with incremental (Sling's defaults.mode) means "incremental where possible"; naming the stream does not
      const named = entries.some(([n, c]) => n === name && c?.mode === 'incremental');
      if (named) {
        throw new ConfigError(`${name} cannot be synced incrementally (the API has no change filter for it); use mode 'full-refresh'. Incremental streams: ${incrementalNames.join(', ')}.`);
      }
    }
    const wanted = explicit ?? defaultMode ?? 'incremental';
    return { name, mode: wanted === 'incremental' && canIncrement(name) ? 'incremental' : 'full-refresh' };
  });
}
