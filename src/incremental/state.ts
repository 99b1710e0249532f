import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { isTimestamp } from '../schemas/timestamp.js';
import { streamNames, streamTable } from '../streams/table.js';

/**
 * The version of the state format this SDK writes and reads.
 *
 * @example
 * if (saved.version !== STATE_VERSION) console.warn('state from another SDK version');
 */
export const STATE_VERSION = 1;

/**
 * Where one ordered read of a stream stands: every record changed before `watermark` has been delivered,
 * and so have the records changed at `watermark` whose ids are listed.
 *
 * @example
 * const position: Position = { watermark: '2026-11-01T10:00:00Z', idsAtWatermark: [12, 13] };
 */
export interface Position {
  /** RFC 3339, UTC, whole seconds. */
  watermark: string;
  /** Ids already delivered whose change time is exactly `watermark`. */
  idsAtWatermark: (string | number)[];
}

/**
 * The state of one stream: the position of its main list, and of its companions where it has them
 * (`archived`: the /archived endpoint; `deleted`: deals deleted in the last 30 days).
 *
 * @example
 * const deals: StreamState = { watermark: '2026-11-01T10:00:00Z', idsAtWatermark: [], archived: { watermark: '2026-10-30T08:00:00Z', idsAtWatermark: [] } };
 */
export interface StreamState extends Position {
  archived?: Position;
  deleted?: Position;
  archivedDeleted?: Position;
}

/**
 * The whole sync state: JSON-serialisable and versioned. Persist it with the records a checkpoint covers;
 * pass it back as `sync({ state })` to go on from there.
 *
 * @example
 * const state: SyncState = { version: 1, streams: { deals: { watermark: '2026-11-01T10:00:00Z', idsAtWatermark: [] } } };
 */
export interface SyncState {
  version: 1;
  streams: Record<string, StreamState>;
  /** Custom-field names in use, per stream, so renames in Pipedrive do not rename columns. */
  customFieldNames?: Record<string, Record<string, string>>;
}

const watermark = z.string().refine((value) => isTimestamp(value), { message: 'not a timestamp' });
const position = z.object({ watermark, idsAtWatermark: z.array(z.union([z.string(), z.number()])) });
const streamState = position.extend({ archived: position.optional(), deleted: position.optional(), archivedDeleted: position.optional() });
const stateSchema = z.object({
  version: z.literal(STATE_VERSION),
  streams: z.record(z.string(), streamState),
  customFieldNames: z.record(z.string(), z.record(z.string(), z.string())).optional(),
});

/**
 * An empty state: every stream starts at the anchor date.
 *
 * @example
 * const state = emptyState(); // { version: 1, streams: {} }
 */
export function emptyState(): SyncState {
  return { version: STATE_VERSION, streams: {} };
}

/**
 * Checks a state loaded by the caller (an object or its JSON text). A corrupt state, or one of an
 * unknown version, is a {@link ConfigError}: nothing runs on a state that cannot be trusted.
 *
 * @example
 * const state = loadState(await readFile('state.json', 'utf8'));
 */
export function loadState(input: unknown): SyncState {
  if (input === undefined || input === null) return emptyState();
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw new ConfigError('The sync state is not valid JSON. Restore the last good state file, or start without a state to read everything since anchorDate.');
    }
  }
  if (value !== null && typeof value === 'object' && 'version' in value && (value as { version: unknown }).version !== STATE_VERSION) {
    throw new ConfigError(
      `The sync state has version ${JSON.stringify((value as { version: unknown }).version)}; this SDK reads version ${STATE_VERSION}. Use the SDK version that wrote it, or start without a state.`,
    );
  }
  const parsed = stateSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `The sync state is corrupt at "${issue?.path.join('.') || '(root)'}": ${issue?.message ?? 'invalid'}. Restore the last good state file, or start without a state.`,
    );
  }
  const foreign = Object.keys(parsed.data.streams).filter((name) => !Object.hasOwn(streamTable, name));
  if (foreign.length > 0) {
    throw new ConfigError(
      `The sync state has positions for ${foreign.map((name) => JSON.stringify(name.slice(0, 40))).join(', ')}, which ${foreign.length === 1 ? 'is not a stream' : 'are not streams'} of pipedrive-extract (valid: ${streamNames.join(', ')}). It was not written by this SDK; restore the right state file, or start without a state.`,
    );
  }
  return structuredClone(parsed.data) as SyncState;
}
